// The SCORM 1.2 launcher: the package's one SCO page. It holds the LMS session for the
// whole visit and shows the course, unchanged, in a frame: pages change inside the frame,
// the session does not (many runtimes refuse a second LMSInitialize after LMSFinish).
//
// The course keeps its progress where it always does (store.js, in localStorage). Before
// the course opens, the launcher replaces that progress with the LMS's copy
// (cmi.suspend_data), so a learner resumes on any computer and never inherits another
// learner's answers on a shared one; the notes of the challenge log are the exception:
// the page says they stay in this browser, and they do. Then, on every change the course
// saves (a `storage` event reaches this window when the frame writes) and when the learner
// leaves, it reports: lesson status, score, one interaction per answered scenario, the
// suspend data, exit and session time.
//
// Without an LMS the launcher steps aside: it opens the course's home page in its place,
// which then behaves exactly as on any web server.
import { SERVICE, percentText } from "./grading.js";
import { browserStorage, createStore } from "./store.js";
import { decode, encode } from "./suspend.js";

const root = document.querySelector("[data-sf-scorm]");
const course = JSON.parse(root.dataset.sfScorm);
const frame = root.querySelector("iframe");
const notice = root.querySelector("[data-sf-scorm-status]");
const store = createStore(browserStorage(), new URL(".", location.href).pathname);
const assessment = course.quizzes.find((quiz) => quiz.id === course.assessment) ?? null;
const LETTERS = "abcdef";
// Copies keyed by ids have no prototype, so an id such as `constructor` is just a key.
const copy = (picks) => Object.assign(Object.create(null), picks);

// The standard search: this window and its parents, then the window that opened it.
function findApi() {
  const search = (start) => {
    for (let win = start, depth = 0; win && depth < 100; depth += 1) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
      } catch { /* a parent on another origin: keep climbing */ }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  return search(window) ?? (window.opener ? search(window.opener) : null);
}

function currentState() {
  const quizzes = Object.create(null);
  for (const quiz of course.quizzes) {
    quizzes[quiz.id] = store.quiz(quiz.id, quiz.version, quiz.scenarios.length, quiz.pass);
  }
  const seed = store.read("seed");
  return { seed: typeof seed === "string" ? seed : null, lessons: store.table("lessons"), last: store.read("last"), quizzes };
}

function seedStore(state) {
  const notes = Object.entries(store.exportAll().data).filter(([name]) => name.startsWith("journal:"));
  store.clearAll();
  for (const [name, value] of notes) store.write(name, value);
  if (state.seed) store.write("seed", state.seed);
  if (Object.keys(state.lessons).length) store.write("lessons", { ...state.lessons });
  if (state.last) store.write("last", state.last);
  for (const quiz of course.quizzes) {
    if (state.quizzes[quiz.id]) store.saveQuiz(quiz.id, quiz.version, state.quizzes[quiz.id]);
  }
}

// What the LMS records for this state: status and score from the assessment quiz's best
// result, or "completed" once every lesson is read when the course has no assessment.
function report(state) {
  if (assessment) {
    const best = state.quizzes[assessment.id].best;
    if (!best) return { "cmi.core.lesson_status": "incomplete" };
    return {
      "cmi.core.lesson_status": best.passed ? "passed" : "failed",
      "cmi.core.score.min": "0",
      "cmi.core.score.max": "100",
      "cmi.core.score.raw": percentText((best.service * 100) / best.total, assessment.pass),
    };
  }
  const read = course.lessons.every((id) => state.lessons[id] === 1);
  return { "cmi.core.lesson_status": read ? "completed" : "incomplete" };
}

const pad = (n) => String(n).padStart(2, "0");
const timespan = (ms) => {
  const s = Math.min(Math.floor(ms / 1000), 9999 * 3600 + 3599);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
};
const clock = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

function connect(api) {
  const started = Date.now();
  const sent = new Map();
  let open = true;
  let next = Number(api.LMSGetValue("cmi.interactions._count")) || 0;
  let seen = new Map();

  // A value the LMS refuses is named in the console, for whoever checks a package.
  const set = (name, value) => {
    if (String(api.LMSSetValue(name, String(value))) !== "true") {
      const code = api.LMSGetLastError();
      console.warn(`Serve First: the LMS refused ${name}: ${code} ${api.LMSGetErrorString(code)}`);
    }
  };
  const send = (name, value) => {
    if (sent.get(name) === value) return false;
    sent.set(name, value);
    set(name, value);
    return true;
  };
  // One interaction each time a scenario gets an answer: the learner's choice as its
  // written letter (a for the first choice in the quiz file), right when it is
  // service-oriented. Retrying and answering again adds another.
  const interactions = (state) => {
    let added = false;
    for (const quiz of course.quizzes) {
      const picks = state.quizzes[quiz.id].picks;
      const before = seen.get(quiz.id) ?? copy({});
      for (const scenario of quiz.scenarios) {
        const c = picks[scenario.id];
        if (c === undefined || before[scenario.id] !== undefined) continue;
        const n = `cmi.interactions.${next}`;
        next += 1;
        added = true;
        set(`${n}.id`, `${quiz.id}.${scenario.id}`);
        set(`${n}.type`, "choice");
        set(`${n}.student_response`, LETTERS[c]);
        set(`${n}.result`, scenario.kinds[c] === SERVICE ? "correct" : "wrong");
        set(`${n}.time`, clock(new Date()));
        const right = [...LETTERS].filter((_, i) => scenario.kinds[i] === SERVICE);
        right.forEach((letter, i) => set(`${n}.correct_responses.${i}.pattern`, letter));
      }
    }
    seen = new Map(course.quizzes.map((quiz) => [quiz.id, copy(state.quizzes[quiz.id].picks)]));
    return added;
  };
  const sync = () => {
    if (!open) return null;
    const state = currentState();
    let changed = interactions(state);
    for (const [name, value] of Object.entries(report(state))) changed = send(name, value) || changed;
    changed = send("cmi.suspend_data", encode(course, state)) || changed;
    if (changed) api.LMSCommit("");
    return state;
  };
  const finish = () => {
    const state = sync();
    if (!state) return;
    const status = report(state)["cmi.core.lesson_status"];
    set("cmi.core.exit", status === "passed" || status === "completed" ? "logout" : "suspend");
    set("cmi.core.session_time", timespan(Date.now() - started));
    api.LMSCommit("");
    api.LMSFinish("");
    open = false;
  };

  const saved = decode(course, api.LMSGetValue("cmi.suspend_data"));
  seedStore(saved);
  // Answers brought back from the LMS were reported in an earlier session.
  seen = new Map(course.quizzes.map((quiz) => [quiz.id, copy(saved.quizzes[quiz.id]?.picks)]));
  sync();
  addEventListener("storage", (event) => {
    if (event.key === null || event.key.startsWith(`servefirst:${store.scope}:`)) sync();
  });
  frame.addEventListener("load", sync);
  addEventListener("pagehide", finish);
  addEventListener("unload", finish);
}

function open(message) {
  frame.addEventListener("load", () => {
    try {
      document.title = frame.contentDocument.title || document.title;
    } catch { /* a page of another origin: keep the title */ }
  });
  frame.src = "index.html";
  frame.hidden = false;
  notice.textContent = message;
  notice.hidden = !message;
}

const api = findApi();
if (!api) {
  location.replace("index.html");
} else if (String(api.LMSInitialize("")) !== "true") {
  open(root.dataset.sfSayNoSession);
} else {
  connect(api);
  open(store.fellBack ? root.dataset.sfSayNoStorage : "");
}
