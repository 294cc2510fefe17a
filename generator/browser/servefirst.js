// Serve First's one script, loaded by main.html on every page: wires the quiz, and keeps
// course progress (lessons opened, results, "continue", the progress and review pages,
// moving progress between browsers, the challenge journal). Listeners are attached once;
// per-page setup runs on Material's document$ (first load and instant navigation) and is
// idempotent.
import { SELF, percentText } from "./grading.js";
import { all, h, say } from "./dom.js";
import { arrange, listen, seedOf, setupQuiz } from "./quiz.js";
import { browserStorage, createStore, siteScope } from "./store.js";

const store = createStore(browserStorage(), siteScope());

function trackVisit(marker) {
  const kind = marker?.dataset.sfPage;
  if (kind !== "lesson" && kind !== "quiz") return;
  if (kind === "lesson") {
    const opened = store.table("lessons");
    if (opened[marker.dataset.sfLesson] !== 1) store.write("lessons", { ...opened, [marker.dataset.sfLesson]: 1 });
  }
  const heading = document.querySelector(".md-content h1")?.cloneNode(true);
  heading?.querySelector(".headerlink")?.remove();
  const path = location.pathname.startsWith(store.scope)
    ? location.pathname.slice(store.scope.length) : location.pathname;
  store.write("last", { path, title: heading?.textContent.trim() || document.title });
}

const badge = (kind, text) => h("span", { class: `sf-badge sf-badge--${kind}` }, text);
const share = (r) => `${r.service} of ${r.total} service-oriented (${percentText((r.service * 100) / r.total)}%)`;

// Badges and result lines of every card; returns the counts for the summary.
function fillCards(root) {
  const lessons = store.table("lessons");
  const counts = { lessons: 0, read: 0, quizzes: 0, done: 0, passed: 0 };
  for (const card of all(root, ".sf-card")) {
    const items = [];
    const { sfLesson: lesson, sfQuiz: quiz, sfVersion: version, sfTotal, sfPass } = card.dataset;
    if (lesson) {
      counts.lessons += 1;
      if (lessons[lesson] === 1) {
        counts.read += 1;
        items.push(badge("read", "Read"));
      }
    }
    if (quiz) {
      counts.quizzes += 1;
      const record = store.quiz(quiz, version, sfTotal, sfPass);
      if (record.best) {
        counts.done += 1;
        counts.passed += record.best.passed ? 1 : 0;
        items.push(record.best.passed ? badge("pass", "Quiz passed") : badge("fail", "Quiz not passed yet"));
      } else if (Object.keys(record.picks).length) {
        items.push(badge("progress", "Quiz in progress"));
      }
      const line = card.querySelector("[data-sf-result-line]");
      if (line) {
        line.textContent = [record.latest && `Latest: ${share(record.latest)}`,
          record.best && `Best: ${share(record.best)}`].filter(Boolean).join(" · ");
      }
    }
    const badges = card.querySelector("[data-sf-badges]");
    if (badges && (items.length || badges.textContent.trim())) {
      badges.replaceChildren(...(items.length ? items : [badge("new", "Not started")]));
    }
  }
  return counts;
}

function summarize(root) {
  const dropped = store.pruneCourse(new Map(all(root, "[data-sf-quiz][data-sf-version]")
    .map((node) => [node.dataset.sfQuiz, node.dataset.sfVersion])));
  const counts = fillCards(root);
  const bar = root.querySelector("[data-sf-progress-bar]");
  if (bar) {
    bar.max = counts.lessons + counts.quizzes;
    bar.value = counts.read + counts.done;
  }
  const text = root.querySelector("[data-sf-progress-text]");
  if (text) {
    text.textContent = `${counts.read} of ${counts.lessons} lessons read · `
      + `${counts.done} of ${counts.quizzes} quizzes finished (${counts.passed} passed).`;
  }
  const last = store.read("last");
  const slot = root.querySelector("[data-sf-continue]");
  if (slot && typeof last?.path === "string" && typeof last.title === "string") {
    // Only to a page of this course: a loaded file may hold any address.
    const url = new URL(last.path, new URL(store.scope, location.href));
    if (url.origin === location.origin && url.pathname.startsWith(store.scope)) {
      slot.replaceChildren("Continue where you left off: ", h("a", { href: url.pathname }, last.title));
      slot.hidden = false;
    }
  }
  return { ...counts, dropped, started: counts.read + counts.done > 0 || Boolean(last) };
}

function setupProgress(root) {
  const { dropped } = summarize(root);
  if (dropped) {
    root.querySelector("[data-sf-progress-text]")
      .after(h("p", { class: "sf-notice" }, say(root, "stale", { n: dropped })));
  }
}

function download() {
  const blob = new Blob([JSON.stringify(store.exportAll(), null, 2)], { type: "application/json" });
  const link = h("a", { href: URL.createObjectURL(blob), download: "serve-first-progress.json" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function load(root, input) {
  const file = input.files?.[0];
  if (!file) return "";
  input.value = "";
  try {
    return say(root, "loaded", { n: store.importAll(JSON.parse(await file.text())), file: file.name });
  } catch (error) {
    return error instanceof SyntaxError ? say(root, "unreadable") : error.message;
  }
}

async function act(target) {
  const root = target.closest("[data-sf-page]");
  const action = target.dataset.sfAction;
  const confirm = root.querySelector("#sf-reset-confirm");
  const opener = root.querySelector("[data-sf-action=reset]");
  const show = (selector, text) => { root.querySelector(selector).textContent = text; };
  if (action === "download") {
    download();
    show("[data-sf-transfer-status]", say(root, "downloaded"));
  }
  if (action === "import") {
    show("[data-sf-transfer-status]", await load(root, target));
    setupProgress(root);
  }
  if (action === "reset") {
    confirm.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    confirm.querySelector("[data-sf-action=reset-cancel]").focus();
  }
  if (action === "reset-cancel" || action === "reset-confirm") {
    if (action === "reset-confirm") store.clearAll();
    confirm.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
    show("[data-sf-reset-status]", say(root, action === "reset-confirm" ? "deleted" : "kept"));
    setupProgress(root);
  }
}

// Fetches each quiz with missed scenarios and brings those scenarios here, to retry.
async function setupReview(root) {
  const status = root.querySelector("[data-sf-review-status]");
  const wanted = all(root, "[data-sf-review-sources] a").map((link) => ({
    link,
    missed: Object.entries(store.quiz(link.dataset.sfQuiz, link.dataset.sfVersion).last)
      .filter(([, pick]) => pick.k === SELF),
  })).filter((source) => source.missed.length);
  if (!wanted.length) {
    status.textContent = say(root, "none");
    return;
  }
  status.textContent = say(root, "loading");
  let found = 0;
  for (const { link, missed } of wanted) {
    try {
      const page = new DOMParser().parseFromString(await (await fetch(link.href)).text(), "text/html");
      const source = page.querySelector("[data-sf-quiz]");
      if (source?.dataset.sfVersion !== link.dataset.sfVersion) continue;
      // A scenario is missed when the quiz itself says the saved pick is self-serving.
      const sections = missed.map(([sid, { c }]) => source
        .querySelector(`[data-sf-scenario="${CSS.escape(sid)}"] input[value="${c}"][data-sf-kind="${SELF}"]`)
        ?.closest("[data-sf-scenario]")).filter(Boolean).map((section) => document.importNode(section, true));
      if (!sections.length) continue;
      found += sections.length;
      const quiz = h("div", { class: "sf-quiz sf-quiz--review", "data-sf-review": "" },
        h("h2", {}, "From ", h("a", { href: link.href }, link.textContent)), ...sections);
      Object.assign(quiz.dataset, source.dataset);
      for (const node of all(quiz, "[data-sf-js][hidden]")) node.hidden = false;
      root.querySelector("[data-sf-review-list]").append(quiz);
      setupQuiz(quiz, store, { review: true });
    } catch { /* an unreachable quiz is skipped; the count says what was found */ }
  }
  status.textContent = found ? say(root, "found", { n: found }) : say(root, "failed");
}

function setupJournal(journal) {
  journal.dataset.sfReady = "1";
  const name = `journal:${journal.dataset.sfJournal}`;
  const saved = store.table(name);
  for (const field of all(journal, "[data-sf-entry]")) {
    if (typeof saved[field.dataset.sfEntry] === "string") field.value = saved[field.dataset.sfEntry];
  }
  journal.addEventListener("input", (event) => {
    const field = event.target.closest("[data-sf-entry]");
    if (!field) return;
    const ok = store.write(name, { ...store.table(name), [field.dataset.sfEntry]: field.value });
    const note = journal.querySelector("[data-sf-journal-status]");
    if (note) note.textContent = ok ? "Saved in this browser." : "Could not save: this browser is not keeping data.";
  });
}

function setupPage() {
  for (const node of all(document, "[data-sf-js][hidden]")) node.hidden = false;
  for (const quiz of all(document, ".sf-quiz:not([data-sf-review])")) setupQuiz(quiz, store);
  const marker = document.querySelector("[data-sf-page]");
  trackVisit(marker);
  const kind = marker?.dataset.sfPage;
  if (kind === "home") {
    const panel = marker.querySelector("[data-sf-course-progress]");
    const { started } = summarize(marker);
    if (panel) panel.hidden = !started;
  }
  if (kind === "progress") setupProgress(marker);
  if (kind === "review" && !marker.dataset.sfReady) {
    marker.dataset.sfReady = "1";
    setupReview(marker);
  }
  for (const journal of all(document, "[data-sf-journal]:not([data-sf-ready])")) setupJournal(journal);
}

listen(store);
document.addEventListener("click", (event) => {
  const target = event.target.closest?.("[data-sf-action]");
  if (target && !["retry", "import"].includes(target.dataset.sfAction)) act(target);
});
document.addEventListener("change", (event) => {
  const target = event.target.closest?.("[data-sf-action=import]");
  if (target) act(target);
});
// Moving a focused choice blurs it; focus goes back where it was.
function arrangeAll(seed) {
  const focused = document.activeElement;
  for (const quiz of all(document, ".sf-quiz.sf-js")) arrange(quiz, seed);
  if (document.activeElement !== focused) focused?.focus({ preventScroll: true });
}
// Printing shows the written order of choices and every feedback: open all disclosures,
// then close the ones opened and bring back the learner's order.
matchMedia("print").addEventListener("change", () => arrangeAll(seedOf(store)));
addEventListener("beforeprint", () => {
  arrangeAll(null);
  for (const details of all(document, "details:not([open])")) {
    details.open = true;
    details.dataset.sfPrintOpened = "";
  }
});
addEventListener("afterprint", () => {
  arrangeAll(seedOf(store));
  for (const details of all(document, "details[data-sf-print-opened]")) {
    details.open = false;
    delete details.dataset.sfPrintOpened;
  }
});

if (globalThis.document$) globalThis.document$.subscribe(setupPage);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupPage);
else setupPage();
