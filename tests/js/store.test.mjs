// Unit tests for progress storage (node --test): scoping, corrupt data, blocked storage.
import assert from "node:assert/strict";
import test from "node:test";

import { createStore } from "../../generator/browser/store.js";

function fakeStorage(initial = {}) {
  const map = new Map(Object.entries(initial));
  return {
    map,
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

test("records are scoped by site path, so two sites on one origin never mix", () => {
  const storage = fakeStorage();
  const a = createStore(storage, "/course-a/");
  const b = createStore(storage, "/course-b/");
  a.saveQuiz("q", "v1", { picks: { s: 1 }, last: {}, latest: null, best: null });
  assert.deepEqual({ ...a.quiz("q", "v1", 1, 80).picks }, { s: 1 });
  assert.deepEqual({ ...b.quiz("q", "v1", 1, 80).picks }, {});
  assert.ok(storage.map.has("servefirst:/course-a/:quiz:q:v1"));
});

test("corrupt JSON and malformed records are dropped, never thrown", () => {
  const storage = fakeStorage({
    "servefirst:/:quiz:q:v1": "{not json",
    "servefirst:/:quiz:r:v1": JSON.stringify({ picks: { a: "x", b: 2, c: -1 }, last: { a: 5 }, best: { service: "2" } }),
  });
  const store = createStore(storage, "/");
  const plain = (r) => ({ ...r, picks: { ...r.picks }, last: { ...r.last } });
  assert.deepEqual(plain(store.quiz("q", "v1", 3, 80)), { picks: {}, last: {}, latest: null, best: null });
  assert.equal(storage.map.has("servefirst:/:quiz:q:v1"), false);
  assert.deepEqual(plain(store.quiz("r", "v1", 3, 80)), { picks: { b: 2 }, last: {}, latest: null, best: null });
});

test("scores are whole numbers within the quiz and passing is worked out again", () => {
  const result = (r) => ({ picks: {}, last: {}, latest: r, best: r });
  const storage = fakeStorage();
  const store = createStore(storage, "/");
  const best = (r, total = 6, pass = 80) => {
    store.saveQuiz("q", "v", result(r));
    return store.quiz("q", "v", total, pass).best;
  };
  assert.equal(best({ service: 1e308, total: 1, passed: true }), null);
  assert.equal(best({ service: 7, total: 6, passed: true }), null);
  assert.equal(best({ service: 2.5, total: 6 }), null);
  assert.equal(best({ service: -1, total: 6 }), null);
  assert.equal(best({ service: 1, total: 5 }), null);
  assert.equal(best({ service: 1, total: 6 }, Number.NaN), null);
  assert.deepEqual(best({ service: 1, total: 6, passed: true }), { service: 1, total: 6, passed: false });
  assert.deepEqual(best({ service: 5, total: 6, passed: false }), { service: 5, total: 6, passed: true });
});

test("picks name a choice; ids that objects inherit are ordinary keys", () => {
  const storage = fakeStorage({
    "servefirst:/:quiz:q:v": '{"picks": {"__proto__": 1, "constructor": 2, "a": 6, "b": 1.5},'
      + ' "last": {"__proto__": {"c": 0, "k": "self-serving"}, "x": {"c": 0, "k": "<b>"}}}',
    "servefirst:/:lessons": '{"__proto__": 1, "constructor": 1}',
  });
  const store = createStore(storage, "/");
  const record = store.quiz("q", "v", 3, 80);
  assert.deepEqual(Object.keys(record.picks), ["__proto__", "constructor"]);
  assert.equal(Object.getPrototypeOf(record.last), null);
  assert.deepEqual(Object.keys(record.last), ["__proto__"]);
  assert.equal(store.table("lessons").toString, undefined);
  assert.equal(createStore(fakeStorage(), "/").table("lessons").constructor, undefined);
});

test("the seed is made once, kept, loaded with progress, and not kept by a full storage", () => {
  const storage = fakeStorage();
  const store = createStore(storage, "/");
  const seed = store.seed();
  assert.match(seed, /^\d{2,20}$/);
  assert.equal(createStore(storage, "/").seed(), seed);
  const other = createStore(fakeStorage(), "/");
  other.importAll(store.exportAll());
  assert.equal(other.seed(), seed);
  const full = fakeStorage();
  full.setItem = () => { throw new Error("QuotaExceededError"); };
  assert.equal(createStore(full, "/").seed(), null);
  assert.equal(createStore(null, "/").seed(), null);
});

test("blocked storage falls back to memory for the page", () => {
  const blocked = {
    get length() { throw new Error("SecurityError"); },
    key() { throw new Error("SecurityError"); },
    getItem() { throw new Error("SecurityError"); },
    setItem() { throw new Error("SecurityError"); },
    removeItem() { throw new Error("SecurityError"); },
  };
  const store = createStore(blocked, "/");
  assert.equal(store.fellBack, true);
  assert.equal(store.write("last", { path: "x" }), true);
  assert.deepEqual(store.read("last"), { path: "x" });
  assert.equal(createStore(null, "/").fellBack, true);
});

test("full storage still reads and reports failed writes", () => {
  const storage = fakeStorage({ "servefirst:/:last": JSON.stringify({ path: "a" }) });
  storage.setItem = () => { throw new Error("QuotaExceededError"); };
  const store = createStore(storage, "/");
  assert.equal(store.fellBack, false);
  assert.deepEqual(store.read("last"), { path: "a" });
  assert.equal(store.write("last", { path: "b" }), false);
});

test("stale versions and removed quizzes are pruned", () => {
  const storage = fakeStorage();
  const store = createStore(storage, "/");
  const record = { picks: {}, last: {}, latest: null, best: null };
  store.saveQuiz("q", "old", record);
  store.saveQuiz("q", "new", record);
  store.saveQuiz("gone", "v", record);
  assert.equal(store.pruneQuiz("q", "new"), 1);
  assert.equal(store.pruneCourse(new Map([["q", "new"]])), 1);
  assert.deepEqual([...storage.map.keys()], ["servefirst:/:quiz:q:new"]);
});

test("export and import round-trip; foreign files are refused", () => {
  const store = createStore(fakeStorage(), "/a/");
  store.write("lessons", { one: 1 });
  store.saveQuiz("q", "abc123", { picks: { s: 0 }, last: {}, latest: null, best: null });
  const file = JSON.parse(JSON.stringify(store.exportAll()));
  const other = createStore(fakeStorage(), "/a/");
  assert.equal(other.importAll(file), 2);
  assert.deepEqual(other.read("lessons"), { one: 1 });
  assert.throws(() => other.importAll({ hello: 1 }), { message: "progress.not-ours" });
  file.data["evil:key"] = 1;
  assert.equal(createStore(fakeStorage(), "/a/").importAll(file), 2);
});

test("notes, self-checks and the certificate move with the file; the page map does not", () => {
  const store = createStore(fakeStorage(), "/a/");
  store.write("journal:red-flags-check", { drought: "2", "drought-1": "Two ideas, both mine" });
  store.write("certificate", { name: "Ana Díaz", date: "2026-11-30" });
  store.write("pages", { "lessons/one/": { sfLesson: "one" } });
  const file = JSON.parse(JSON.stringify(store.exportAll()));
  assert.deepEqual(Object.keys(file.data).sort(), ["certificate", "journal:red-flags-check"]);
  const other = createStore(fakeStorage(), "/a/");
  assert.equal(other.importAll(file), 2);
  assert.deepEqual(other.read("journal:red-flags-check"), { drought: "2", "drought-1": "Two ideas, both mine" });
  assert.deepEqual(other.read("certificate"), { name: "Ana Díaz", date: "2026-11-30" });
  file.data.pages = { "x/": { sfLesson: "x" } };
  assert.equal(createStore(fakeStorage(), "/a/").importAll(file), 2);
});

test("a browser that will not save says so by a catalogue key", () => {
  const storage = fakeStorage();
  const store = createStore(storage, "/a/");
  storage.setItem = () => { throw new Error("QuotaExceededError"); };
  const file = { format: "servefirst-progress", version: 1, data: { lessons: { one: 1 } } };
  assert.throws(() => store.importAll(file), { message: "progress.not-kept" });
});

test("clearAll removes only this site's keys", () => {
  const storage = fakeStorage({ "other:key": "1", "servefirst:/b/:last": "{}" });
  const store = createStore(storage, "/a/");
  store.write("last", { path: "x" });
  store.clearAll();
  assert.deepEqual([...storage.map.keys()].sort(), ["other:key", "servefirst:/b/:last"]);
});
