// Serve First's one script, loaded by the plugin on every page: sets up quizzes (quiz.js),
// the way through the course (course.js), the home, progress, review and certificate pages,
// and the notes and self-checks a learner keeps (data-sf-journal). Every word comes from
// the page's catalogue (strings.js). Listeners are attached once; per-page setup runs on
// Material's document$ (first load and instant navigation) and is idempotent.
import { markNav, recordPage, stepsIn, watchReading } from "./course.js";
import { all, h } from "./dom.js";
import { SELF, percentText } from "./grading.js";
import { arrange, listen, seedOf, setupQuiz } from "./quiz.js";
import { browserStorage, createStore, siteScope } from "./store.js";
import { formatPercent, t } from "./strings.js";

const store = createStore(browserStorage(), siteScope());
const find = (selector) => document.querySelector(selector);
const percent = (r) => formatPercent(percentText((r.service * 100) / r.total));

// `key`'s text with `node` (a link) where its {name} placeholder stands.
function around(key, name, node) {
  const [before, ...after] = t(key).split(`{${name}}`);
  return [before, node, after.join("")];
}

function trackVisit(marker) {
  const kind = marker?.dataset.sfPage;
  if (kind !== "lesson" && kind !== "quiz") return;
  const heading = find(".md-content h1")?.cloneNode(true);
  heading?.querySelector(".headerlink")?.remove();
  const path = location.pathname.startsWith(store.scope)
    ? location.pathname.slice(store.scope.length) : location.pathname;
  store.write("last", { path, title: heading?.textContent.trim() || document.title });
  recordPage(store, marker, find(".sf-quiz[data-sf-quiz]"));
}

// The last page opened, when it is a page of this course: a loaded file may hold any address.
function lastPage() {
  const last = store.read("last");
  if (typeof last?.path !== "string" || typeof last.title !== "string") return null;
  const url = new URL(last.path, new URL(store.scope, location.href));
  return url.origin === location.origin && url.pathname.startsWith(store.scope) ? { url, title: last.title } : null;
}

const badge = (kind, key) => h("span", { class: `sf-badge sf-badge--${kind}` }, t(`progress.${key}`));
const share = (r) => t("progress.result", { service: r.service, n: r.total, percent: percent(r) });

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
        items.push(badge("read", "read"));
      }
    }
    if (quiz) {
      counts.quizzes += 1;
      const record = store.quiz(quiz, version, sfTotal, sfPass);
      if (record.best) {
        counts.done += 1;
        counts.passed += record.best.passed ? 1 : 0;
        items.push(record.best.passed ? badge("pass", "quiz-passed") : badge("fail", "quiz-failed"));
      } else if (Object.keys(record.picks).length) {
        items.push(badge("progress", "quiz-started"));
      }
      const line = card.querySelector("[data-sf-result-line]");
      if (line) {
        line.textContent = [record.latest && t("progress.latest", { result: share(record.latest) }),
          record.best && t("progress.best", { result: share(record.best) })].filter(Boolean).join(" · ");
      }
    }
    const badges = card.querySelector("[data-sf-badges]");
    if (badges && (items.length || badges.textContent.trim())) {
      badges.replaceChildren(...(items.length ? items : [badge("new", "new")]));
    }
  }
  return counts;
}

// Cards, progress bar and summary, the main button to the first unfinished step, and a
// link back to the last page opened when that is somewhere else.
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
  if (text) text.textContent = t("progress.summary", counts);
  const last = lastPage();
  const steps = stepsIn(store, root);
  const next = steps.find((step) => !step.done);
  const started = Boolean(last) || steps.some((step) => step.done) || counts.done > 0;
  const button = root.querySelector("[data-sf-forward]");
  if (button && started) {
    const done = button.dataset.sfDoneHref;
    if (next || done) button.href = next ? next.link.href : done;
    button.textContent = next ? t("home.continue", { step: next.link.dataset.sfLabel }) : t("home.finished");
    button.parentNode.hidden = !next && !done;
  }
  const slot = root.querySelector("[data-sf-continue]");
  if (slot) {
    const elsewhere = last && last.url.pathname !== (next && new URL(next.link.href).pathname);
    slot.hidden = !elsewhere;
    if (elsewhere) slot.replaceChildren(...around("progress.left-off", "page", h("a", { href: last.url.pathname }, last.title)));
  }
  return { dropped, started };
}

function setupProgress(root) {
  const { dropped } = summarize(root);
  if (dropped) root.querySelector("[data-sf-progress-text]").after(h("p", { class: "sf-notice" }, t("progress.stale", { n: dropped })));
}

function download() {
  const name = t("site.name").normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const file = `${name || "course"}-progress.json`;
  const blob = new Blob([JSON.stringify(store.exportAll(), null, 2)], { type: "application/json" });
  const link = h("a", { href: URL.createObjectURL(blob), download: file });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  return t("progress.downloaded", { file });
}

async function load(input) {
  const file = input.files?.[0];
  if (!file) return "";
  input.value = "";
  try {
    const n = store.importAll(JSON.parse(await file.text()));
    return t("progress.loaded", { n, file: file.name });
  } catch (error) {
    return error instanceof SyntaxError ? t("progress.unreadable") : t(error.message, { name: t("site.name") });
  }
}

async function act(target) {
  const action = target.dataset.sfAction;
  const confirm = find("#sf-reset-confirm");
  const opener = find("[data-sf-action=reset]");
  const show = (selector, text) => { find(selector).textContent = text; };
  if (action === "print") print();
  if (action === "download") show("[data-sf-transfer-status]", download());
  if (action === "import") show("[data-sf-transfer-status]", await load(target));
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
    show("[data-sf-reset-status]", t(action === "reset-confirm" ? "progress.deleted" : "progress.kept"));
  }
  if (action !== "print" && action !== "download") setupPage();
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
    status.textContent = t("review.none");
    return;
  }
  status.textContent = t("review.loading");
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
        h("h2", {}, ...around("review.from", "quiz", h("a", { href: link.href }, link.textContent))), ...sections);
      Object.assign(quiz.dataset, source.dataset);
      for (const node of all(quiz, "[data-sf-js][hidden]")) node.hidden = false;
      root.querySelector("[data-sf-review-list]").append(quiz);
      setupQuiz(quiz, store, { review: true });
    } catch { /* an unreachable quiz is skipped; the count says what was found */ }
  }
  status.textContent = found ? t("review.found", { n: found }) : t("review.failed");
}

// The learner's name, and the day the certificate was earned (first seen passed).
function learner() {
  const kept = store.table("certificate");
  return {
    name: typeof kept.name === "string" ? kept.name.slice(0, 80) : "",
    date: /^\d{4}-\d\d-\d\d$/.test(kept.date) ? kept.date : "",
  };
}

function earned() {
  const kept = learner();
  if (kept.date) return kept.date;
  const now = new Date();
  const date = new Date(now - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  store.write("certificate", { ...kept, date });
  return date;
}

// The sheet appears once every assessment listed is passed; otherwise the page's own
// status (with a link to the assessment) stays.
function setupCertificate(root) {
  const quizzes = all(root, "[data-sf-assessment]").map((item) => [item, store.quiz(
    item.dataset.sfQuiz, item.dataset.sfVersion, item.dataset.sfTotal, item.dataset.sfPass).best]);
  const ready = quizzes.length > 0 && quizzes.every(([, best]) => best?.passed);
  for (const node of all(root, "[data-sf-certificate],[data-sf-certificate-form]")) node.hidden = !ready;
  if (!ready) return;
  const date = new Date(`${earned()}T12:00`);
  const { name } = learner();
  root.querySelector("[data-sf-certificate-status]").textContent = t("certificate.ready");
  root.querySelector("[data-sf-learner]").value = name;
  root.querySelector("[data-sf-certificate-name]").textContent = name;
  const course = root.querySelector("[data-sf-certificate-course]");
  if (!course.textContent.trim()) course.textContent = t("site.name");
  root.querySelector("[data-sf-certificate-scores]").replaceChildren(...quizzes.map(([item, best]) => h("li", {},
    t("certificate.score", { quiz: item.textContent.trim(), service: best.service, n: best.total, percent: percent(best) }))));
  root.querySelector("[data-sf-certificate-date]").textContent = t("certificate.date", {
    date: new Intl.DateTimeFormat(document.documentElement.lang || "en", { dateStyle: "long" }).format(date),
  });
  root.querySelector("[data-sf-certificate-site]").textContent = t("site.url") || new URL(store.scope, location.href).href;
}

// Notes and self-checks: text fields and radio buttons saved as the learner types or picks,
// under "journal:<id>", so they move with the progress file.
function setupJournal(journal) {
  journal.dataset.sfReady = "1";
  const saved = store.table(`journal:${journal.dataset.sfJournal}`);
  for (const field of all(journal, "[data-sf-entry]")) {
    const value = saved[field.dataset.sfEntry];
    if (typeof value !== "string") continue;
    if (field.type === "radio") field.checked = field.value === value;
    else field.value = value;
  }
}

// The self-check's summary: each warning sign rated (fieldset[data-sf-flag]), and where to start.
function showFlags() {
  const rated = all(document, "fieldset[data-sf-flag]")
    .map((set) => [set.dataset.sfFlag, set.querySelector("input:checked")]).filter(([, pick]) => pick);
  const worst = rated.reduce((a, b) => (!a || +b[1].value > +a[1].value ? b : a), null);
  for (const box of all(document, "[data-sf-flags]")) {
    box.replaceChildren(...(rated.length ? [
      h("ul", {}, ...rated.map(([flag, pick]) => h("li", {},
        t("selfcheck.rated", { flag, rating: pick.closest("label").textContent.trim() })))),
      h("p", {}, +worst[1].value ? t("selfcheck.start", { flag: worst[0] }) : t("selfcheck.clear"))]
      : [h("p", {}, t("selfcheck.empty"))]));
  }
}

function keep(field) {
  const journal = field.closest("[data-sf-journal]");
  if (journal) {
    const name = `journal:${journal.dataset.sfJournal}`;
    const ok = store.write(name, { ...store.table(name), [field.dataset.sfEntry]: field.value });
    const note = find("[data-sf-journal-status]");
    if (note) note.textContent = t(ok ? "progress.saved" : "progress.unsaved");
    showFlags();
  } else {
    store.write("certificate", { ...learner(), name: field.value });
    find("[data-sf-certificate-name]").textContent = field.value;
  }
}

function setupPage() {
  for (const node of all(document, "[data-sf-js][hidden]")) node.hidden = false;
  for (const quiz of all(document, ".sf-quiz:not([data-sf-review])")) setupQuiz(quiz, store);
  const marker = find("[data-sf-page]");
  const kind = marker?.dataset.sfPage;
  const root = find(".md-content") || document;
  trackVisit(marker);
  watchReading(store, kind === "lesson" && marker.dataset.sfLesson, () => markNav(store));
  if (kind === "home") {
    const panel = marker.querySelector("[data-sf-course-progress]");
    const { started } = summarize(marker);
    if (panel) panel.hidden = !started;
  }
  if (kind === "progress") setupProgress(root);
  if (kind === "certificate") setupCertificate(marker);
  if (kind === "review" && !marker.dataset.sfReady) {
    marker.dataset.sfReady = "1";
    setupReview(marker);
  }
  if (kind === "lesson" && !find(".sf-handout")) {
    const url = t("site.url") || new URL(store.scope, location.href).href;
    find(".md-content__inner")?.prepend(h("p", { class: "sf-handout" }, t("lesson.handout", { name: t("site.name"), url })));
  }
  for (const journal of all(document, "[data-sf-journal]:not([data-sf-ready])")) setupJournal(journal);
  showFlags();
  markNav(store);
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
document.addEventListener("input", (event) => {
  const field = event.target.closest?.("[data-sf-journal] [data-sf-entry],[data-sf-learner]");
  if (field) keep(field);
});
// After quiz.js has checked an answer: a passed assessment dates the certificate, and a
// passed quiz gets its mark in the navigation.
document.addEventListener("submit", (event) => {
  const quiz = event.target.closest?.("[data-sf-quiz]");
  if (!quiz) return;
  const { sfQuiz, sfVersion, sfTotal, sfPass, sfLesson } = quiz.dataset;
  if (!sfLesson && store.quiz(sfQuiz, sfVersion, sfTotal, sfPass).best?.passed) earned();
  markNav(store);
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
