// Unit tests for the per-learner order of choices (node --test).
import assert from "node:assert/strict";
import test from "node:test";

import { shuffled } from "../../generator/browser/grading.js";

test("the same key always gives the same order", () => {
  for (let n = 1; n <= 6; n += 1) {
    assert.deepEqual(shuffled(n, `seed:quiz:scenario-${n}`), shuffled(n, `seed:quiz:scenario-${n}`));
  }
});

test("every order is a permutation of the choices", () => {
  for (let n = 1; n <= 6; n += 1) {
    for (let k = 0; k < 200; k += 1) {
      assert.deepEqual([...shuffled(n, `s${k}:q:x`)].sort(), [...Array(n).keys()]);
    }
  }
});

test("the order depends on the seed, and every order of three choices occurs about as often", () => {
  const seen = new Map();
  for (let k = 0; k < 6000; k += 1) {
    const order = shuffled(3, `${k.toString(16).padStart(16, "0")}:quiz:scenario`).join("");
    seen.set(order, (seen.get(order) ?? 0) + 1);
  }
  assert.equal(seen.size, 6);
  for (const times of seen.values()) assert.ok(times > 800 && times < 1200, `${[...seen]}`);
});

test("the quiz and the scenario change the order too", () => {
  const orders = (part) => new Set(Array.from({ length: 50 }, (_, k) => shuffled(6, part(k)).join("")));
  assert.ok(orders((k) => `abc:quiz-${k}:s`).size > 40);
  assert.ok(orders((k) => `abc:quiz:s-${k}`).size > 40);
});
