// The product's configuration of Tasklist (it replaces the engine's own scripts/config.js; the build
// puts it under the engine's web-app path, /operaton/app/tasklist/ or /camunda/app/tasklist/).
export default {
  // Chinese for browsers whose first language is zh* (locales/zh.json, written for this product),
  // English otherwise.
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en',
  },
  // Dates in the locale's long format: 2027年3月2日 18:00 in Chinese (locales/zh.json, dateLocales),
  // shown in the browser's time zone, which the footer names.
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL',
    abbr: 'lll',
    short: 'LL',
  },
  // The product's additions (scripts/title-review/tasklist.js): relative dates in the chosen
  // language, tasks by due date, Complete enabled as soon as the form is valid, and the form's
  // document and material links opened in a new tab with a ticket of this session.
  customScripts: ['scripts/title-review/tasklist'],
  // The engine's own shortcuts, kept.
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: 'claims the currently selected task' },
    focusFilter: { key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list' },
    focusList: { key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list' },
    focusForm: { key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form' },
  },
};
