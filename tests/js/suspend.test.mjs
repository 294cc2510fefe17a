// Unit tests for the SCORM suspend data encoding (node --test).
import assert from "node:assert/strict";
import test from "node:test";

import { LIMIT, decode, encode } from "../../generator/templates/scorm/suspend.js";

const S = "service-oriented";
const X = "self-serving";
const quiz = (id, n, version = "0123456789ab") => ({
  id,
  version,
  pass: 80,
  scenarios: [...Array(n).keys()].map((i) => ({ id: `${id}-s${i}`, kinds: [X, S, X] })),
});
const course = {
  lessons: ["intro", "constructor", "wrap-up"],
  quizzes: [quiz("intro", 3), quiz("constructor", 2)],
  pages: [{ path: "lessons/intro/index.html", title: "Intro" }, { path: "lessons/intro/quiz.html", title: "Intro quiz" }],
};
const table = (entries) => Object.assign(Object.create(null), entries);

const state = {
  seed: "0123456789abcdef",
  lessons: table({ intro: 1, constructor: 1 }),
  last: { path: "lessons/intro/quiz.html", title: "Intro quiz" },
  quizzes: table({
    intro: {
      picks: table({ "intro-s0": 1, "intro-s2": 0 }),
      last: table({ "intro-s0": { c: 1, k: S }, "intro-s1": { c: 2, k: X }, "intro-s2": { c: 0, k: X } }),
      latest: { service: 1, total: 3, passed: false },
      best: { service: 3, total: 3, passed: true },
    },
  }),
};

test("a learner's progress comes back as it was", () => {
  const text = encode(course, state);
  assert.equal(text, "S1|0123456789abcdef|intro.constructor|1|intro~012345~1-0~120~1~3");
  const back = decode(course, text);
  assert.equal(back.seed, state.seed);
  assert.deepEqual({ ...back.lessons }, { intro: 1, constructor: 1 });
  assert.deepEqual(back.last, state.last);
  const record = back.quizzes.intro;
  assert.deepEqual({ ...record.picks }, { "intro-s0": 1, "intro-s2": 0 });
  assert.deepEqual({ ...record.last }, { ...state.quizzes.intro.last });
  assert.deepEqual([record.latest, record.best], [{ service: 1, total: 3 }, { service: 3, total: 3 }]);
  assert.equal(back.quizzes.constructor, undefined);
});

test("an empty state is a short text and reads back empty", () => {
  const empty = { seed: null, lessons: table({}), last: null, quizzes: table({}) };
  assert.equal(encode(course, empty), "S1||||");
  const back = decode(course, "S1||||");
  assert.deepEqual([back.seed, Object.keys(back.lessons), back.last, Object.keys(back.quizzes)], [null, [], null, []]);
});

test("answers to a quiz edited since, and unknown ids, are dropped", () => {
  const text = encode(course, state);
  const edited = { lessons: ["constructor"], quizzes: [quiz("intro", 3, "ffffff000000")], pages: [] };
  const back = decode(edited, text);
  assert.deepEqual(Object.keys(back.quizzes), []);
  assert.deepEqual(Object.keys(back.lessons), ["constructor"]);
  assert.equal(back.last, null);
});

test("malformed or foreign text is ignored, never trusted", () => {
  const cases = [null, 42, "", "garbage", "S2||||", "S1|||||extra", "viewed=1,2,3|lastviewedslide=3",
    "S1|notaseed|__proto__|99|intro~012345~9x0~===~7~-1",
    "S1||||intro~012345~1-~1-~~", "S1||||constructor~012345~00~=~3~3"];
  for (const text of cases) {
    const back = decode(course, text);
    assert.equal(back.seed, null, String(text));
    assert.deepEqual(Object.keys(back.lessons), []);
    for (const record of Object.values(back.quizzes)) {
      assert.ok(Object.values(record.picks).every((c) => c < 3));
      assert.ok(!record.best || record.best.service <= record.best.total);
    }
  }
  // Counts beyond the quiz and picks beyond its choices are dropped one by one.
  const back = decode(course, "S1||||intro~012345~9-0~=~7~2");
  assert.deepEqual({ ...back.quizzes.intro.picks }, { "intro-s2": 0 });
  assert.deepEqual([back.quizzes.intro.latest, back.quizzes.intro.best], [null, { service: 2, total: 3 }]);
});

test("a course too long for the limit keeps quiz records first and stays within it", () => {
  const lessons = [...Array(1000).keys()].map((i) => `lesson-number-${i}`);
  const quizzes = lessons.map((id) => quiz(id, 6));
  const big = { lessons, quizzes, pages: [] };
  const all = {
    seed: "0123456789abcdef",
    lessons: table(Object.fromEntries(lessons.map((id) => [id, 1]))),
    last: null,
    quizzes: table(Object.fromEntries(quizzes.map((q) => [q.id, {
      picks: table(Object.fromEntries(q.scenarios.map((s) => [s.id, 1]))),
      last: table({}), latest: null, best: { service: 6, total: 6 },
    }]))),
  };
  const text = encode(big, all);
  assert.ok(text.length <= LIMIT);
  const back = decode(big, text);
  assert.equal(Object.keys(back.lessons).length, 0);
  assert.ok(Object.keys(back.quizzes).length > 50);
  assert.ok(back.quizzes[lessons[0]].best);
});
