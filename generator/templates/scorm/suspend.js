// The learner's progress as SCORM 1.2 `cmi.suspend_data`, pure (no DOM, no storage, no
// LMS). Many LMSs keep at most 4,096 characters, so the text is compact and positional:
//
//   S1|<seed>|<lesson id>.<lesson id>...|<last page>|<quiz>,<quiz>...
//   quiz: <id>~<version>~<picks>~<last picks>~<latest>~<best>
//
// <seed> orders the choices (shuffle.js); <last page> is an index into the course's
// lesson and quiz pages ("continue where you left off"); <version> is the first six
// characters of the quiz's version, so answers to a quiz edited since are dropped, as the
// course drops them; <picks> is one character a scenario, in the quiz's order: the written
// number of the choice picked (0-5) or "-"; <last picks> is the last pick of every
// scenario (kept for the review page across retries), "=" when it equals <picks>;
// <latest> and <best> are counts of service-oriented picks. Ids are slugs, so the
// separators never occur inside a field. For this course a finished learner's text is
// about 500 characters.
//
// `course` is what the generator writes into the launcher: { lessons: [id], quizzes: [{ id,
// version, pass, scenarios: [{ id, kinds: [kind of each written choice] }] }], pages:
// [{ path, title }] }. A state is { seed, lessons: { id: 1 }, last: { path, title },
// quizzes: { id: { picks, last, latest, best } } }, the shapes the course's store keeps
// (store.js), which works out "passed" again when it reads a record.

export const LIMIT = 4096;
const TAG = "S1";
const VERSION = 6;
const NONE = "-";
const SAME = "=";

const table = () => Object.create(null);
const empty = () => ({ seed: null, lessons: table(), last: null, quizzes: table() });
const count = (text, total) => (/^\d{1,4}$/.test(text ?? "") && Number(text) <= total ? Number(text) : null);

function quizText(quiz, record) {
  if (!record) return null;
  const row = (pick) => quiz.scenarios.map((s) => (Number.isInteger(pick(s.id)) ? String(pick(s.id)) : NONE)).join("");
  const picks = row((sid) => record.picks?.[sid]);
  const last = row((sid) => record.last?.[sid]?.c);
  const latest = record.latest?.service ?? "";
  const best = record.best?.service ?? "";
  if (!/\d/.test(picks + last) && latest === "" && best === "") return null;
  return [quiz.id, quiz.version.slice(0, VERSION), picks, last === picks ? SAME : last, latest, best].join("~");
}

// The progress as text of at most `limit` characters. A course too long for the limit
// keeps every quiz record it can (in course order) and then lesson marks: the LMS's own
// status and score never depend on this text.
export function encode(course, state, limit = LIMIT) {
  const quizzes = course.quizzes.map((quiz) => quizText(quiz, state.quizzes?.[quiz.id])).filter(Boolean);
  const lessons = course.lessons.filter((id) => state.lessons?.[id] === 1);
  const page = course.pages.findIndex((p) => p.path === state.last?.path);
  const text = (q, l) => [TAG, state.seed ?? "", l.join("."), page < 0 ? "" : page, q.join(",")].join("|");
  while (lessons.length && text(quizzes, lessons).length > limit) lessons.pop();
  while (quizzes.length && text(quizzes, lessons).length > limit) quizzes.pop();
  return text(quizzes, lessons);
}

function quizRecord(quiz, fields) {
  const [picks, lastText, latestText, bestText] = fields;
  const last = lastText === SAME ? picks : lastText;
  const n = quiz.scenarios.length;
  if (picks.length !== n || last.length !== n) return null;
  const record = { picks: table(), last: table(), latest: null, best: null };
  quiz.scenarios.forEach((scenario, i) => {
    const valid = (c) => /^\d$/.test(c) && Number(c) < scenario.kinds.length;
    if (valid(picks[i])) record.picks[scenario.id] = Number(picks[i]);
    if (valid(last[i])) record.last[scenario.id] = { c: Number(last[i]), k: scenario.kinds[Number(last[i])] };
  });
  for (const [field, value] of [["latest", latestText], ["best", bestText]]) {
    const service = count(value, n);
    if (service !== null) record[field] = { service, total: n };
  }
  return record;
}

// The state a text holds, read against the course as it is now: unknown lessons, pages and
// quizzes, quizzes edited since, and anything malformed are left out, never trusted.
export function decode(course, text) {
  const state = empty();
  const [tag, seed, lessons, page, quizzes, ...rest] = typeof text === "string" ? text.split("|") : [];
  if (tag !== TAG || quizzes === undefined || rest.length) return state;
  if (/^[0-9a-f]{16}$/.test(seed)) state.seed = seed;
  const known = new Set(course.lessons);
  for (const id of lessons.split(".")) if (known.has(id)) state.lessons[id] = 1;
  const target = /^\d{1,6}$/.test(page) ? course.pages[Number(page)] : undefined;
  if (target) state.last = { path: target.path, title: target.title };
  const byId = new Map(course.quizzes.map((quiz) => [quiz.id, quiz]));
  for (const part of quizzes ? quizzes.split(",") : []) {
    const [id, version, ...fields] = part.split("~");
    const quiz = byId.get(id);
    if (!quiz || version !== quiz.version.slice(0, VERSION) || fields.length !== 4) continue;
    const record = quizRecord(quiz, fields);
    if (record) state.quizzes[quiz.id] = record;
  }
  return state;
}
