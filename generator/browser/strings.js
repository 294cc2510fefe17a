// The words a learner reads, from the page: the plugin puts the catalogue for the site's
// language (English for missing keys, the site's overrides, "site.name" and "site.url") on
// every page as <script type="application/json" id="sf-strings">. `t(key, params)` fills
// a value's {name} placeholders; numbers among the params are written the way the page's
// language writes them (Intl.NumberFormat), and a value that is an object of CLDR plural
// categories ({"one": "...", "other": "..."}) is chosen by the `n` param
// (Intl.PluralRules). A key the catalogue lacks comes back as the key itself, so a
// missing string shows up in tests instead of as a blank.

// A translator for one catalogue and language; pure, so Node tests can use it.
export function translator(catalogue, lang) {
  const locale = lang || "en";
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percents = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const formatNumber = (value) => numbers.format(value);
  // `percent` is 0..100, already cut to one decimal by the caller (grading.percentText).
  const formatPercent = (percent) => percents.format(Number(percent) / 100);
  const t = (key, params = {}) => {
    let value = Object.hasOwn(catalogue, key) ? catalogue[key] : key;
    if (value && typeof value === "object") {
      value = value[plurals.select(Number(params.n ?? 0))] ?? value.other ?? key;
    }
    return String(value).replace(/\{(\w+)\}/g, (whole, name) => {
      if (!Object.hasOwn(params, name)) return whole;
      const given = params[name];
      return typeof given === "number" ? formatNumber(given) : String(given);
    });
  };
  return { t, formatNumber, formatPercent, locale };
}

let page;
const current = () => {
  if (!page) {
    let catalogue = {};
    try {
      const block = document.getElementById("sf-strings");
      // A plain-MkDocs export has no plugin to add the block: it ships words.js instead.
      catalogue = block ? JSON.parse(block.textContent) : globalThis.SERVEFIRST_STRINGS || {};
    } catch { /* a broken block leaves every key showing as itself */ }
    page = translator(catalogue, document.documentElement.lang);
  }
  return page;
};

export const t = (key, params) => current().t(key, params);
export const formatNumber = (value) => current().formatNumber(value);
export const formatPercent = (percent) => current().formatPercent(percent);
