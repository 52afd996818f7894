// The title-review product's additions to Tasklist, loaded by scripts/config.js (customScripts) on
// both engines. Tasklist is an AngularJS app: these hooks reach it through its injector and the
// form's controller once it has started, and change nothing of the engine's own files.

/** Runs `fn` with Tasklist's injector once the app has started. */
function withInjector(fn) {
  const tick = () => {
    const injector = window.angular && window.angular.element(document.body).injector();
    if (injector) fn(injector);
    else setTimeout(tick, 100);
  };
  tick();
}

// Relative dates ("1 个月后") in the language Tasklist chose. Each locale file that loads also
// makes its date locale moment's current one, so the English fallback, loaded last, would win:
// set the chosen language again after every load.
withInjector((injector) => {
  const $rootScope = injector.get('$rootScope');
  const $translate = injector.get('$translate');
  const amMoment = injector.get('amMoment');
  const follow = () =>
    setTimeout(() => {
      const language = $translate.use() || $translate.proposedLanguage();
      if (language) amMoment.changeLocale(language);
    }, 0);
  for (const event of ['$translateChangeEnd', '$translateLoadingEnd', '$translateRefreshEnd']) $rootScope.$on(event, follow);
  follow();
});

export default [];
