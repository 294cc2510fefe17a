// Unit tests for the pure grading module (node --test).
import assert from "node:assert/strict";
import test from "node:test";

import { better, percentText, score, SERVICE, SELF } from "../../generator/browser/grading.js";

test("the pass mark is met at exactly pass_percent", () => {
  assert.equal(score([SERVICE, SERVICE, SERVICE, SERVICE, SELF], 5, 80).passed, true);
  assert.equal(score([SERVICE, SERVICE, SERVICE, SELF, SELF], 5, 80).passed, false);
});

test("2 of 3 is 66.7%: it fails 67 and passes 66", () => {
  const kinds = [SERVICE, SERVICE, SELF];
  assert.equal(score(kinds, 3, 67).passed, false);
  assert.equal(score(kinds, 3, 66).passed, true);
  assert.equal(percentText(score(kinds, 3, 67).percent), "66.7");
});

test("a percentage is never rounded up to a pass mark it misses", () => {
  const percent = (20 * 100) / 21; // 95.238...
  assert.equal(percentText(percent), "95.2");
  const close = (104 * 100) / 130.01; // 79.99...
  assert.equal(percentText(close, 80), "79.9");
  assert.equal(percentText(100), "100");
});

test("unanswered scenarios count against the score", () => {
  const result = score([SERVICE], 4, 25);
  assert.deepEqual(result, { service: 1, total: 4, percent: 25, passed: true });
  assert.equal(score([], 0, 80).passed, false);
});

test("better keeps the higher share", () => {
  const a = { service: 2, total: 3 };
  const b = { service: 3, total: 5 };
  assert.equal(better(a, b), a);
  assert.equal(better(null, b), b);
  assert.equal(better(a, null), a);
});
