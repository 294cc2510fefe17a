// Every key the site script (servefirst.js, course.js, store.js's error keys) and the home,
// lesson, progress and certificate templates ask the catalogue for is in en.json
// (node --test). "site.name" and "site.url" come from mkdocs.yml, not the catalogue; keys
// built at run time are listed with the values they can take.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test from "node:test";

const root = new URL("../../generator/", import.meta.url);
const catalogue = JSON.parse(readFileSync(new URL("locales/en.json", root), "utf8"));
const read = (path) => readFileSync(new URL(path, root), "utf8");

const FROM_SITE = new Set(["site.name", "site.url"]);
const BUILT = {
  "progress.${key}": ["read", "quiz-passed", "quiz-failed", "quiz-started", "new"].map((k) => `progress.${k}`),
};
const SPACES = "(?:home|lesson|progress|certificate|selfcheck|review|quiz|site)";

test("every key the site script and its templates ask for exists", () => {
  const asked = new Set();
  for (const file of ["browser/servefirst.js", "browser/course.js", "browser/store.js"]) {
    const pattern = new RegExp(`["\`](${SPACES}\\.[^"\`\\s]+)["\`]`, "g");
    for (const [, key] of read(file).matchAll(pattern)) asked.add(key);
  }
  for (const name of ["home", "lesson", "progress", "certificate"]) {
    const text = read(`templates/${name}.md.j2`);
    for (const [, key] of text.matchAll(/\bt\[["']([^"']+)["']\]/g)) asked.add(key);
    for (const [, key] of text.matchAll(/\bcount\("([^"]+)"/g)) asked.add(key);
  }
  const missing = [...asked].filter((key) => !FROM_SITE.has(key))
    .flatMap((key) => BUILT[key] ?? [key]).filter((key) => !(key in catalogue));
  assert.deepEqual(missing, []);
  assert.ok(asked.size > 60, `only ${asked.size} keys found: has the way keys are written changed?`);
});

test("the site's own wording has no English left in the templates' markup", () => {
  // Words a learner reads sit between tags or in aria-label; template syntax and
  // attribute values that are not wording are taken out first.
  for (const name of ["home", "lesson", "progress", "certificate"]) {
    const text = read(`templates/${name}.md.j2`)
      .replace(/\{#[\s\S]*?#\}/g, "").replace(/\{%[\s\S]*?%\}/g, "").replace(/\{\{[\s\S]*?\}\}/g, "")
      .replace(/^---[\s\S]*?---/, "").replace(/\]\([^)]*\)/g, "]");
    const words = [...text.matchAll(/>([^<>]*[A-Za-z]{3,}[^<>]*)</g)].map(([, w]) => w.trim());
    assert.deepEqual(words, [], name);
    assert.doesNotMatch(text, /aria-label="[A-Za-z]/, name);
  }
});
