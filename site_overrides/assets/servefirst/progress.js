// Course progress: lessons opened, quiz results, "continue", the progress and review
// pages, moving progress between browsers, and the challenge journal.
import { SELF, percentText } from "./grading.js";
import { all, h, setupQuiz } from "./quiz.js";

const relativePath = (store) => {
  const path = location.pathname;
  return path.startsWith(store.scope) ? path.slice(store.scope.length) : path;
};

export function trackVisit(store) {
  const marker = document.querySelector("[data-sf-page]");
  if (!marker) return;
  const kind = marker.dataset.sfPage;
  if (kind !== "lesson" && kind !== "quiz") return;
  if (kind === "lesson") {
    const lessons = store.read("lessons") || {};
    const id = marker.dataset.sfLesson;
    if (typeof lessons === "object" && !lessons[id]) {
      lessons[id] = 1;
      store.write("lessons", lessons);
    }
  }
  const heading = document.querySelector(".md-content h1")?.cloneNode(true);
  heading?.querySelector(".headerlink")?.remove();
  const title = heading?.textContent.trim() || document.title;
  store.write("last", { path: relativePath(store), title });
}

function quizStatus(store, id, version) {
  const record = store.quiz(id, version);
  const answered = Object.keys(record.picks).length;
  return { record, answered };
}

function badge(text, kind) {
  return h("span", { class: `sf-badge sf-badge--${kind}` }, text);
}

// Fills the badges of every card ([data-sf-lesson] / [data-sf-quiz]) and returns counts.
function fillCards(root, store) {
  const lessons = store.read("lessons") || {};
  const counts = { lessons: 0, read: 0, quizzes: 0, done: 0, passed: 0 };
  for (const card of all(root, ".sf-card")) {
    const badges = card.querySelector("[data-sf-badges]");
    const items = [];
    const lessonId = card.dataset.sfLesson;
    if (lessonId) {
      counts.lessons += 1;
      if (lessons[lessonId]) {
        counts.read += 1;
        items.push(badge("Read", "read"));
      }
    }
    const { sfQuiz: quizId, sfVersion: version } = card.dataset;
    if (quizId) {
      counts.quizzes += 1;
      const { record, answered } = quizStatus(store, quizId, version);
      if (record.best) {
        counts.done += 1;
        if (record.best.passed) counts.passed += 1;
        items.push(record.best.passed ? badge("Quiz passed", "pass") : badge("Quiz not passed yet", "fail"));
      } else if (answered) {
        items.push(badge("Quiz in progress", "progress"));
      }
      const line = card.querySelector("[data-sf-result-line]");
      if (line) {
        const show = (label, r) => r
          ? `${label}: ${r.service} of ${r.total} service-oriented (${percentText((r.service * 100) / r.total)}%)`
          : null;
        line.textContent = [show("Latest", record.latest), show("Best", record.best)].filter(Boolean).join(" · ");
      }
    }
    if (badges) {
      if (items.length) badges.replaceChildren(...items);
      else if (badges.textContent.trim()) badges.replaceChildren(badge("Not started", "new"));
    }
  }
  return counts;
}

function showContinue(root, store) {
  const slot = root.querySelector("[data-sf-continue]");
  const last = store.read("last");
  if (!slot || !last || typeof last.path !== "string" || typeof last.title !== "string") return;
  const url = new URL(last.path, new URL(store.scope, location.href));
  if (url.origin !== location.origin) return;
  slot.replaceChildren("Continue where you left off: ", h("a", { href: url.pathname }, last.title));
  slot.hidden = false;
}

function courseVersions(root) {
  const current = new Map();
  all(root, "[data-sf-quiz][data-sf-version]").forEach((node) => {
    current.set(node.dataset.sfQuiz, node.dataset.sfVersion);
  });
  return current;
}

function summarize(root, store) {
  const counts = fillCards(root, store);
  const bar = root.querySelector("[data-sf-progress-bar]");
  const text = root.querySelector("[data-sf-progress-text]");
  if (bar) {
    bar.max = counts.lessons + counts.quizzes;
    bar.value = counts.read + counts.done;
    bar.hidden = false;
  }
  if (text) {
    text.textContent = `${counts.read} of ${counts.lessons} lessons read · `
      + `${counts.done} of ${counts.quizzes} quizzes finished (${counts.passed} passed).`;
  }
  return counts;
}

function setupHome(root, store) {
  store.pruneCourse(courseVersions(root));
  const counts = summarize(root, store);
  const panel = root.querySelector("[data-sf-course-progress]");
  if (panel) panel.hidden = counts.read + counts.done === 0 && !store.read("last");
  showContinue(root, store);
}

function setupProgress(root, store) {
  const dropped = store.pruneCourse(courseVersions(root));
  summarize(root, store);
  showContinue(root, store);
  if (dropped) {
    root.querySelector("[data-sf-progress-text]").after(h("p", { class: "sf-notice" },
      `${dropped} result${dropped > 1 ? "s" : ""} from an older version of this course ${dropped > 1 ? "were" : "was"} set aside.`));
  }
}

function download(store) {
  const blob = new Blob([JSON.stringify(store.exportAll(), null, 2)], { type: "application/json" });
  const link = h("a", { href: URL.createObjectURL(blob), download: "serve-first-progress.json" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  return "Your results were downloaded as serve-first-progress.json.";
}

async function load(input, store) {
  const file = input.files && input.files[0];
  if (!file) return null;
  input.value = "";
  try {
    const count = store.importAll(JSON.parse(await file.text()));
    return `Loaded ${count} saved item${count === 1 ? "" : "s"} from ${file.name}.`;
  } catch (error) {
    return error instanceof SyntaxError ? "That file could not be read as a progress file." : error.message;
  }
}

export async function onProgressAction(target, store) {
  const root = target.closest("[data-sf-page]");
  const action = target.dataset.sfAction;
  const confirm = root.querySelector("#sf-reset-confirm");
  const say = (selector, text) => {
    const region = root.querySelector(selector);
    if (region && text) region.textContent = text;
  };
  if (action === "download") say("[data-sf-transfer-status]", download(store));
  if (action === "reset") {
    confirm.hidden = false;
    target.setAttribute("aria-expanded", "true");
    confirm.querySelector("[data-sf-action=reset-cancel]").focus();
  }
  if (action === "reset-cancel" || action === "reset-confirm") {
    if (action === "reset-confirm") store.clearAll();
    confirm.hidden = true;
    const opener = root.querySelector("[data-sf-action=reset]");
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
    say("[data-sf-reset-status]", action === "reset-confirm" ? "Your progress was deleted." : "Nothing was deleted.");
    setupProgress(root, store);
  }
  if (action === "import") {
    say("[data-sf-transfer-status]", await load(target, store));
    setupProgress(root, store);
  }
}

async function setupReview(root, store) {
  const status = root.querySelector("[data-sf-review-status]");
  const list = root.querySelector("[data-sf-review-list]");
  const wanted = all(root, "[data-sf-review-sources] a").map((link) => {
    const record = store.quiz(link.dataset.sfQuiz, link.dataset.sfVersion);
    const missed = Object.entries(record.last).filter(([, pick]) => pick.k === SELF).map(([sid]) => sid);
    return { link, missed };
  }).filter((source) => source.missed.length);
  if (!wanted.length) {
    status.textContent = "Nothing to review: none of your latest answers was self-serving. "
      + "Take a quiz, and any scenario you miss will appear here.";
    return;
  }
  status.textContent = "Loading the scenarios you missed…";
  let found = 0;
  for (const { link, missed } of wanted) {
    try {
      const response = await fetch(link.href);
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const source = page.querySelector("[data-sf-quiz]");
      if (!source || source.dataset.sfVersion !== link.dataset.sfVersion) continue;
      const sections = missed
        .map((sid) => source.querySelector(`[data-sf-scenario="${CSS.escape(sid)}"]`))
        .filter(Boolean);
      if (!sections.length) continue;
      found += sections.length;
      const quiz = h("div", { class: "sf-quiz sf-quiz--review", "data-sf-quiz": link.dataset.sfQuiz,
        "data-sf-version": link.dataset.sfVersion, "data-sf-review": "" },
      h("h2", {}, "From ", h("a", { href: link.href }, link.textContent)),
      ...sections.map((section) => document.importNode(section, true)));
      all(quiz, "[data-sf-js][hidden]").forEach((node) => { node.hidden = false; });
      list.append(quiz);
      setupQuiz(quiz, store, { review: true });
    } catch { /* an unreachable page is skipped; the count below says what was found */ }
  }
  status.textContent = found
    ? `${found} scenario${found === 1 ? "" : "s"} to try again. Your new answers replace the old ones in this list.`
    : "The scenarios you missed could not be loaded. Open the quizzes from the navigation instead.";
}

function setupJournal(store) {
  for (const journal of all(document, "[data-sf-journal]")) {
    if (journal.dataset.sfReady) continue;
    journal.dataset.sfReady = "1";
    const name = `journal:${journal.dataset.sfJournal}`;
    const saved = store.read(name) || {};
    for (const field of all(journal, "[data-sf-entry]")) {
      const value = saved[field.dataset.sfEntry];
      if (typeof value === "string") field.value = value;
    }
    journal.addEventListener("input", (event) => {
      const field = event.target.closest("[data-sf-entry]");
      if (!field) return;
      const entries = store.read(name) || {};
      entries[field.dataset.sfEntry] = field.value;
      const ok = store.write(name, entries);
      const note = journal.querySelector("[data-sf-journal-status]");
      if (note) note.textContent = ok ? "Saved in this browser." : "Could not save: this browser is not keeping data.";
    });
  }
}

export function setupProgressPages(store) {
  const marker = document.querySelector("[data-sf-page]");
  const kind = marker?.dataset.sfPage;
  if (kind === "home") setupHome(marker, store);
  if (kind === "progress") setupProgress(marker, store);
  if (kind === "review" && !marker.dataset.sfReady) {
    marker.dataset.sfReady = "1";
    setupReview(marker, store);
  }
  setupJournal(store);
}
