// Learner progress in localStorage, keyed by the site's path so sites sharing one origin
// (GitHub Pages) never see each other's data. Every access is guarded: blocked, full or
// corrupt storage falls back to memory for this page and never throws.
const PREFIX = "servefirst:";
const FORMAT = "servefirst-progress";

function memoryStorage() {
  const map = new Map();
  return {
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function createStore(storage, scope) {
  let backing = storage;
  const base = `${PREFIX}${scope}:`;
  let fellBack = false;
  const safe = (fn, fallback) => {
    try { return fn(); } catch { return fallback; }
  };
  // Blocked storage throws on any access; full storage still reads, and writes report failure.
  if (!backing || !safe(() => (backing.getItem(`${base}last`), true), false)) {
    backing = memoryStorage();
    fellBack = true;
  }

  function read(name) {
    const raw = safe(() => backing.getItem(base + name), null);
    if (raw === null) return null;
    const value = safe(() => JSON.parse(raw), undefined);
    if (value === undefined) safe(() => backing.removeItem(base + name));
    return value ?? null;
  }
  function write(name, value) {
    return safe(() => (backing.setItem(base + name, JSON.stringify(value)), true), false);
  }
  function names() {
    const found = [];
    safe(() => {
      for (let i = 0; i < backing.length; i += 1) {
        const key = backing.key(i);
        if (key && key.startsWith(base)) found.push(key.slice(base.length));
      }
    });
    return found;
  }
  function remove(name) {
    safe(() => backing.removeItem(base + name));
  }

  const quizName = (id, version) => `quiz:${id}:${version}`;

  // A quiz record, with anything malformed dropped rather than trusted.
  function quiz(id, version) {
    const raw = read(quizName(id, version));
    const clean = { picks: {}, last: {}, latest: null, best: null };
    if (!isObject(raw)) return clean;
    if (isObject(raw.picks)) {
      for (const [sid, choice] of Object.entries(raw.picks)) {
        if (Number.isInteger(choice) && choice >= 0) clean.picks[sid] = choice;
      }
    }
    if (isObject(raw.last)) {
      for (const [sid, pick] of Object.entries(raw.last)) {
        if (isObject(pick) && Number.isInteger(pick.c) && typeof pick.k === "string") {
          clean.last[sid] = { c: pick.c, k: pick.k };
        }
      }
    }
    for (const field of ["latest", "best"]) {
      const r = raw[field];
      if (isObject(r) && Number.isInteger(r.service) && Number.isInteger(r.total) && r.total > 0) {
        clean[field] = { service: r.service, total: r.total, passed: Boolean(r.passed) };
      }
    }
    return clean;
  }

  return {
    scope,
    fellBack,
    read,
    write,
    remove,
    quiz,
    saveQuiz: (id, version, record) => write(quizName(id, version), record),
    // Drop records of this quiz made for other versions; returns how many were dropped.
    pruneQuiz(id, version) {
      const stale = names().filter((n) => n.startsWith(`quiz:${id}:`) && n !== quizName(id, version));
      stale.forEach(remove);
      return stale.length;
    },
    // Drop records of quizzes this course no longer has (`current`: Map id -> version).
    pruneCourse(current) {
      const stale = names().filter((n) => {
        if (!n.startsWith("quiz:")) return false;
        const [, id, version] = n.split(":");
        return current.get(id) !== version;
      });
      stale.forEach(remove);
      return stale.length;
    },
    exportAll() {
      const data = {};
      for (const n of names()) data[n] = read(n);
      return { format: FORMAT, version: 1, scope, data };
    },
    // Returns the number of entries loaded, or throws an Error with a readable message.
    importAll(document) {
      if (!isObject(document) || document.format !== FORMAT || !isObject(document.data)) {
        throw new Error("This file is not a Serve First progress file.");
      }
      const entries = Object.entries(document.data).filter(
        ([n]) => /^(quiz:[a-z0-9-]+:[0-9a-f]+|lessons|last|journal:[a-z0-9-]+)$/.test(n),
      );
      let written = 0;
      for (const [n, value] of entries) if (write(n, value)) written += 1;
      if (entries.length && !written) throw new Error("This browser would not save the progress.");
      return written;
    },
    clearAll() {
      names().forEach(remove);
    },
  };
}

export function siteScope() {
  try {
    const scope = globalThis.__md_scope;
    if (scope) return new URL(scope).pathname;
  } catch { /* fall through */ }
  return "/";
}

export function browserStorage() {
  try { return globalThis.localStorage; } catch { return null; }
}
