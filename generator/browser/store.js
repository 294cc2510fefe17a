// Progress in localStorage under "servefirst:<site path>:", so sites sharing an origin
// (GitHub Pages) never mix. Blocked storage falls back to memory; full or corrupt storage
// never throws. Names: "quiz:<id>:<version>" (answers and results), "lessons" (read to the
// end), "last" (the last page opened), "seed" (the order of choices), "journal:<id>"
// (notes and self-checks), "certificate" (the learner's name and the day it was earned)
// and "pages" (what each visited address is, rebuilt from the pages, never exported).
import { SELF, SERVICE, passes } from "./grading.js";

const FORMAT = "servefirst-progress";
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const count = (v) => Number.isInteger(v) && v >= 0;
const choice = (v) => count(v) && v < 6;
// State keyed by ids lives in objects without a prototype: an id such as `constructor` or
// `__proto__` is then an ordinary key, never an inherited property.
const table = (v) => Object.assign(Object.create(null), isObject(v) ? v : {});

function memory() {
  const map = new Map();
  return {
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

const attempt = (fn, fallback) => {
  try { return fn(); } catch { return fallback; }
};

// A quiz record checked against the quiz (`total` scenarios, `pass` mark, numbers or the
// text of data attributes): picks name a
// choice, scores are whole numbers within the quiz and "passed" is worked out again, so a
// hand-edited or loaded file cannot claim more than the course allows.
function cleanQuiz(raw, total, pass) {
  const record = { picks: table(), last: table(), latest: null, best: null };
  if (!isObject(raw)) return record;
  for (const [sid, c] of Object.entries(table(raw.picks))) {
    if (choice(c)) record.picks[sid] = c;
  }
  for (const [sid, p] of Object.entries(table(raw.last))) {
    if (isObject(p) && choice(p.c) && (p.k === SELF || p.k === SERVICE)) record.last[sid] = { c: p.c, k: p.k };
  }
  for (const field of ["latest", "best"]) {
    const r = raw[field];
    if (isObject(r) && count(r.service) && r.service <= total && r.total === +total) {
      record[field] = { service: r.service, total: r.total, passed: passes(r.service, total, pass) };
    }
  }
  return record;
}

export function createStore(storage, scope) {
  const base = `servefirst:${scope}:`;
  const fellBack = !storage || !attempt(() => (storage.getItem(`${base}last`), true), false);
  const backing = fellBack ? memory() : storage;
  const names = () => attempt(() => {
    const found = [];
    for (let i = 0; i < backing.length; i += 1) {
      const key = backing.key(i);
      if (key?.startsWith(base)) found.push(key.slice(base.length));
    }
    return found;
  }, []);
  const remove = (name) => attempt(() => backing.removeItem(base + name));
  const read = (name) => {
    const raw = attempt(() => backing.getItem(base + name), null);
    const value = raw === null ? null : attempt(() => JSON.parse(raw), undefined);
    if (value === undefined) remove(name);
    return value ?? null;
  };
  const write = (name, value) =>
    attempt(() => (backing.setItem(base + name, JSON.stringify(value)), true), false);
  const quizName = (id, version) => `quiz:${id}:${version}`;
  const prune = (stale) => (stale.forEach(remove), stale.length);

  return {
    scope,
    fellBack,
    read,
    write,
    // An object without a prototype of what is stored under `name` (lessons, a journal).
    table: (name) => table(read(name)),
    quiz: (id, version, total, pass) => cleanQuiz(read(quizName(id, version)), total, pass),
    // The learner's seed for the order of choices, made on first use; null when this
    // browser cannot keep it (the written order is then shown, the same on every visit).
    seed() {
      const kept = read("seed");
      if (/^\d{2,20}$/.test(kept)) return kept;
      const made = crypto.getRandomValues(new Uint32Array(2)).join("");
      return !fellBack && write("seed", made) ? made : null;
    },
    saveQuiz: (id, version, record) => write(quizName(id, version), record),
    // Records of this quiz made for other versions of it; returns how many were dropped.
    pruneQuiz: (id, version) => prune(names().filter(
      (n) => n.startsWith(`quiz:${id}:`) && n !== quizName(id, version))),
    // Records of quizzes this course no longer has (`current`: Map id -> version).
    pruneCourse: (current) => prune(names().filter((n) => {
      const [kind, id, version] = n.split(":");
      return kind === "quiz" && current.get(id) !== version;
    })),
    exportAll: () => ({
      format: FORMAT,
      version: 1,
      scope,
      data: Object.fromEntries(names().filter((n) => n !== "pages").map((n) => [n, read(n)])),
    }),
    // Returns the number of entries loaded, or throws an Error whose message is the
    // catalogue key of what went wrong ("progress.not-ours", "progress.not-kept").
    importAll(file) {
      if (!isObject(file) || file.format !== FORMAT || !isObject(file.data)) {
        throw new Error("progress.not-ours");
      }
      const entries = Object.entries(file.data).filter(
        ([n]) => /^(quiz:[a-z0-9-]+:[0-9a-f]+|lessons|last|seed|certificate|journal:[a-z0-9-]+)$/.test(n));
      const written = entries.filter(([n, value]) => write(n, value)).length;
      if (entries.length && !written) throw new Error("progress.not-kept");
      return written;
    },
    clearAll: () => names().forEach(remove),
    // True while nothing but the page map is kept: a reset stays a reset.
    isEmpty: () => names().every((n) => n === "pages"),
  };
}

export const siteScope = () => attempt(() => new URL(globalThis.__md_scope).pathname, "/");
export const browserStorage = () => attempt(() => globalThis.localStorage, null);
