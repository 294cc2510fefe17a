// Unit tests for the catalogue lookup (node --test): placeholders, plurals, numbers.
import assert from "node:assert/strict";
import test from "node:test";

import { translator } from "../../generator/browser/strings.js";

const catalogue = {
  "quiz.check": "Check answer",
  "quiz.step": "Scenario {n} of {total}",
  "quiz.missed": { one: "Review {n} missed scenario", other: "Review {n} missed scenarios" },
  "quiz.only-other": { other: "{n} items" },
  constructor: "an own key",
};

test("a key gives its value, placeholders filled", () => {
  const { t } = translator(catalogue, "en");
  assert.equal(t("quiz.check"), "Check answer");
  assert.equal(t("quiz.step", { n: 3, total: 6 }), "Scenario 3 of 6");
});

test("a missing key comes back as itself; an unknown placeholder stays visible", () => {
  const { t } = translator(catalogue, "en");
  assert.equal(t("quiz.nothing-here"), "quiz.nothing-here");
  assert.equal(t("quiz.step", { n: 1 }), "Scenario 1 of {total}");
  assert.equal(t("toString"), "toString");
  assert.equal(t("constructor"), "an own key");
});

test("plural objects are chosen by n with the language's rules", () => {
  const { t } = translator(catalogue, "en");
  assert.equal(t("quiz.missed", { n: 1 }), "Review 1 missed scenario");
  assert.equal(t("quiz.missed", { n: 2 }), "Review 2 missed scenarios");
  assert.equal(t("quiz.missed", { n: 0 }), "Review 0 missed scenarios");
  assert.equal(t("quiz.only-other", { n: 1 }), "1 items");
  // French counts 0 and 1 as "one".
  assert.equal(translator(catalogue, "fr").t("quiz.missed", { n: 0 }), "Review 0 missed scenario");
});

test("numbers and percentages follow the page's language", () => {
  const en = translator(catalogue, "en");
  const de = translator(catalogue, "de");
  assert.equal(en.formatNumber(1234.5), "1,234.5");
  assert.equal(de.formatNumber(1234.5), "1.234,5");
  assert.equal(en.formatPercent("66.7"), "66.7%");
  assert.equal(de.formatPercent(66.7), "66,7\u00a0%");
  assert.equal(en.formatPercent(100), "100%");
  assert.equal(de.t("quiz.step", { n: 1000, total: 2000 }), "Scenario 1.000 of 2.000");
});

test("no language falls back to English", () => {
  assert.equal(translator(catalogue, "").formatNumber(1000), "1,000");
});
