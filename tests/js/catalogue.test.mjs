// Every key the browser code and the templates ask the catalogue for is in en.json, the
// catalogue other languages are written from (node --test). Keys built at run time are
// listed with the values they can take.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import test from "node:test";

const root = new URL("../../generator/", import.meta.url);
const catalogue = JSON.parse(readFileSync(new URL("locales/en.json", root), "utf8"));
const read = (folder, suffix) => readdirSync(new URL(folder, root))
  .filter((name) => name.endsWith(suffix))
  .map((name) => [`${folder}${name}`, readFileSync(new URL(folder + name, root), "utf8")]);

const KINDS = ["self-serving", "service-oriented"];
const BUILT = {
  "kind.${kind}": KINDS.map((kind) => `kind.${kind}`),
  "quiz.verdict.${kind}": KINDS.map((kind) => `quiz.verdict.${kind}`),
  "quiz.${verdict}": ["quiz.perfect", "quiz.passed", "quiz.failed"],
  "quiz.${verdict}-note": ["quiz.perfect-note", "quiz.passed-note", "quiz.failed-note"],
};

test("every key asked for by quiz.js and the quiz and review templates exists", () => {
  const asked = new Set();
  for (const [, text] of read("browser/", "quiz.js")) {
    // Any literal that looks like a key: keys also stand in ternaries, t(a ? "x" : "y").
    for (const [, key] of text.matchAll(/["`]((?:quiz|kind)\.[^"`\s]+)["`]/g)) asked.add(key);
  }
  for (const [, text] of [...read("templates/", "quiz.md.j2"), ...read("templates/", "review.md.j2")]) {
    for (const [, key] of text.matchAll(/\bt\["([^"]+)"\]/g)) asked.add(key);
  }
  const missing = [...asked].flatMap((key) => BUILT[key] ?? [key]).filter((key) => !(key in catalogue));
  assert.deepEqual(missing, []);
  assert.ok(asked.size > 30, `only ${asked.size} keys found: has the way keys are written changed?`);
});

test("plural values name the 'other' form and only CLDR categories", () => {
  const categories = new Set(["zero", "one", "two", "few", "many", "other"]);
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === "string") continue;
    assert.ok("other" in value, `${key} has no "other" form`);
    for (const name of Object.keys(value)) assert.ok(categories.has(name), `${key}: ${name}`);
  }
});
