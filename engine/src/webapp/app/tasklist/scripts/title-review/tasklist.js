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

// Tasks by due date, nearest deadline first, unless the user chose another order: Tasklist sorts
// the list by the URL's `sorting` (creation date when none), not by the filter's own sorting.
const BY_DUE_DATE = JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]);
withInjector((injector) => {
  const $rootScope = injector.get('$rootScope');
  const $location = injector.get('$location');
  const byDueDate = () => {
    if ($location.path() === '/' && !$location.search().sorting) {
      $location.search('sorting', BY_DUE_DATE).replace();
      $rootScope.$applyAsync();
    }
  };
  $rootScope.$on('$locationChangeSuccess', byDueDate);
  byDueDate();
});

// Complete as soon as the form is valid. Tasklist enables Complete when form-js reports no errors
// for a change, but form-js keeps an empty entry for every field of a dynamic list (the review
// panel) that was once checked, so Tasklist counts an error until Save validates the whole form.
// An error form-js really has is shown under its field: when none is shown, the form is valid for
// Complete (which validates it once more before it submits).
const patchedForms = new WeakSet();
const shownErrors = (container) => Array.from(container.querySelectorAll('.fjs-form-field-error')).some((e) => e.textContent.trim() !== '');
function completeWhenValid(container) {
  const form = window.angular && window.angular.element(container).controller('camTasklistForm');
  if (!form || patchedForms.has(form)) return;
  patchedForms.add(form);
  const notify = form.notifyFormValidated.bind(form);
  form.notifyFormValidated = (invalid) => {
    notify(invalid);
    if (!invalid) return;
    setTimeout(() => {
      const failed = form.getTasklistForm && form.getTasklistForm() && form.getTasklistForm().$error;
      if (!failed && container.querySelector('.fjs-form') && !shownErrors(container)) notify(false);
    }, 50);
  };
}

// The form's links to an application's documents and materials on the API (/api/review/documents/
// {application}/..., /api/review/materials/{application}/...) open in a new tab, signed in as the
// Tasklist user: a click asks the engine, with this session, for a short-lived ticket for that one
// application (ReviewTickets.java) and opens the link with it; no password, no second sign-in.
// Without a ticket the link opens as it is, and the API asks for the Tasklist account.
const REVIEW_LINK = /^\/api\/review\/(?:documents|materials)\/([^/?#]+)\//;
const reviewLink = (anchor) => {
  try {
    const url = new URL(anchor.href, document.baseURI);
    const match = REVIEW_LINK.exec(url.pathname);
    return match ? { url, applicationId: decodeURIComponent(match[1]) } : null;
  } catch {
    return null;
  }
};

async function ticketFor(applicationId) {
  const res = await fetch('/title-review/review-ticket', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ applicationId }),
  });
  if (!res.ok) throw new Error(`no ticket: ${res.status}`);
  return (await res.json()).ticket;
}

document.addEventListener(
  'click',
  (event) => {
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    const link = anchor && reviewLink(anchor);
    if (!link || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    // Opened now, within the click, so that no pop-up blocker stops it. Tasklist stays its opener
    // until it sends the tab on (a sandboxed page may navigate only its own pop-ups); the API's
    // answer (Cross-Origin-Opener-Policy: same-origin) then cuts the tab from this page.
    const tab = window.open('about:blank', '_blank');
    ticketFor(link.applicationId)
      .then((ticket) => {
        link.url.searchParams.set('ticket', ticket);
        return link.url.href;
      })
      .catch(() => link.url.href)
      .then((href) => {
        if (tab) tab.location.replace(href);
        else window.open(href, '_blank', 'noopener');
      });
  },
  true,
);

// An office's page (/offices/{office}/, where a committee records its meetings) opens beside the
// task too, so that the task's input stays.
const OFFICE_PAGE_LINK = /^\/offices\/[^/?#]+\//;
const officePageLink = (anchor) => {
  try {
    return OFFICE_PAGE_LINK.test(new URL(anchor.href, document.baseURI).pathname);
  } catch {
    return false;
  }
};

// The same links marked as opening a new tab (for the keyboard and the context menu too).
const markReviewLinks = () =>
  document.querySelectorAll('.fjs-form a[href]').forEach((anchor) => {
    if (anchor.target !== '_blank' && (reviewLink(anchor) || officePageLink(anchor))) {
      anchor.target = '_blank';
      anchor.rel = 'noopener noreferrer';
    }
  });

let scheduled = false;
new MutationObserver(() => {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    document.querySelectorAll('.fjs-container').forEach(completeWhenValid);
    markReviewLinks();
  });
}).observe(document.documentElement, { childList: true, subtree: true });

export default [];
