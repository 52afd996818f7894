// The product's configuration of this web app (it replaces the engine's own scripts/config.js; the
// build puts it under the engine's web-app path). Chinese for browsers whose first language is zh*
// (locales/zh.json, written for this product), English otherwise.
export default {
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en',
  },
  // Dates in the locale's long format: 2027年3月2日 18:00 in Chinese (locales/zh.json, dateLocales).
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL',
    abbr: 'lll',
    short: 'LL',
  },
};
