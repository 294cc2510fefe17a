// Serve First's one script, loaded by the plugin on every page: sets up quizzes (quiz.js),
// the way through the course (course.js), the home, progress, review and certificate pages,
// and the notes and self-checks a learner keeps (data-sf-journal). Every word comes from
// the page's catalogue (strings.js). Listeners are attached once; per-page setup runs on
// Material's document$ (first load and instant navigation) and is idempotent.
import { markNav, record, recordPage, stepsIn, watchReading } from "./course.js";
import { all, h } from "./dom.js";
import { SELF, percentText } from "./grading.js";
import { arrange, listen, seedOf, setupQuiz } from "./quiz.js";
import { browserStorage, createStore, siteScope } from "./store.js";
import { formatPercent, t } from "./strings.js";

const store = createStore(browserStorage(), siteScope());
const find = (selector, root = document) => root.querySelector(selector);
const percent = (r) => formatPercent(percentText((r.service * 100) / r.total));
const siteUrl = () => t("site.url") || new URL(store.scope, location.href).href;

// `key`'s text with `node` (a link) where its {name} placeholder stands.
function around(key, name, node) {
  const [before, ...after] = t(key).split(`{${name}}`);
  return [before, node, after.join("")];
}

// A lesson or quiz page: the last page opened, and what its address is.
function trackVisit(marker) {
  const heading = find(".md-content h1")?.cloneNode(true);
  heading?.querySelector(".headerlink")?.remove();
  const path = location.pathname.startsWith(store.scope)
    ? location.pathname.slice(store.scope.length) : location.pathname;
  store.write("last", { path, title: heading?.textContent.trim() || document.title });
  const quiz = find(".sf-quiz[data-sf-quiz]");
  recordPage(store, (quiz || marker).dataset, !quiz);
}

// The last page opened, when it is a page of this course: a loaded file may hold any address.
function lastPage() {
  const last = store.read("last");
  if (typeof last?.path !== "string" || typeof last.title !== "string") return null;
  const url = new URL(last.path, new URL(store.scope, location.href));
  return url.origin === location.origin && url.pathname.startsWith(store.scope) ? { url, title: last.title } : null;
}

const share = (r) => t("progress.result", { service: r.service, n: r.total, percent: percent(r) });

// Badges and result lines of every card; returns the counts for the summary.
function fillCards(root) {
  const read = store.table("lessons");
  const n = { lessons: 0, read: 0, quizzes: 0, done: 0, passed: 0 };
  for (const card of all(root, ".sf-card")) {
    const d = card.dataset;
    const badges = [];
    const add = (kind, key) => badges.push(h("span", { class: `sf-badge sf-badge--${kind}` }, t(`progress.${key}`)));
    if (d.sfLesson) {
      n.lessons += 1;
      if (read[d.sfLesson] === 1) {
        n.read += 1;
        add("read", "read");
      }
    }
    if (d.sfQuiz) {
      n.quizzes += 1;
      const { best, latest, picks } = record(store, d);
      if (best) {
        n.done += 1;
        n.passed += best.passed;
        add(best.passed ? "pass" : "fail", best.passed ? "quiz-passed" : "quiz-failed");
      } else if (Object.keys(picks).length) add("progress", "quiz-started");
      const line = find("[data-sf-result-line]", card);
      if (line) {
        line.textContent = [latest && t("progress.latest", { result: share(latest) }),
          best && t("progress.best", { result: share(best) })].filter(Boolean).join(" · ");
      }
    }
    const slot = find("[data-sf-badges]", card);
    if (!badges.length && slot?.textContent.trim()) add("new", "new");
    if (badges.length) slot?.replaceChildren(...badges);
  }
  return n;
}

// Cards, progress bar and summary, the main button to the first unfinished step, and a
// link back to the last page opened when that is somewhere else.
function summarize(root) {
  const dropped = store.pruneCourse(new Map(all(root, "[data-sf-quiz][data-sf-version]")
    .map((node) => [node.dataset.sfQuiz, node.dataset.sfVersion])));
  const n = fillCards(root);
  const bar = find("[data-sf-progress-bar]", root);
  if (bar) {
    bar.max = n.lessons + n.quizzes;
    bar.value = n.read + n.done;
  }
  const text = find("[data-sf-progress-text]", root);
  if (text) text.textContent = t("progress.summary", n);
  if (dropped) text?.after(h("p", { class: "sf-notice" }, t("progress.stale", { n: dropped })));
  const last = lastPage();
  const steps = stepsIn(store, root);
  const next = steps.find((step) => !step.done);
  const started = Boolean(last) || n.done > 0 || steps.some((step) => step.done);
  const button = find("[data-sf-forward]", root);
  if (button && started) {
    const done = button.dataset.sfDoneHref;
    if (next || done) button.href = next ? next.link.href : done;
    button.textContent = next ? t("home.continue", { step: next.link.dataset.sfLabel }) : t(button.dataset.sfDoneKey);
    button.parentNode.hidden = !next && !done;
  }
  const slot = find("[data-sf-continue]", root);
  if (slot) {
    slot.hidden = !last || last.url.pathname === (next && new URL(next.link.href).pathname);
    if (!slot.hidden) slot.replaceChildren(...around("progress.left-off", "page", h("a", { href: last.url.pathname }, last.title)));
  }
  return started;
}

function download() {
  const name = t("site.name").normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const file = `${name || "course"}-progress.json`;
  const link = h("a", { download: file,
    href: URL.createObjectURL(new Blob([JSON.stringify(store.exportAll(), null, 2)], { type: "application/json" })) });
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
    return t("progress.loaded", { n: store.importAll(JSON.parse(await file.text())), file: file.name });
  } catch (error) {
    return t(error instanceof SyntaxError ? "progress.unreadable" : error.message, { name: t("site.name") });
  }
}

async function act(target) {
  const action = target.dataset.sfAction;
  const confirm = find("#sf-reset-confirm");
  const opener = find("[data-sf-action=reset]");
  const show = (selector, text) => { find(selector).textContent = text; };
  if (action === "print") return print();
  if (action === "download") return show("[data-sf-transfer-status]", download());
  if (action === "import") show("[data-sf-transfer-status]", await load(target));
  if (action === "reset") {
    confirm.hidden = false;
    opener.setAttribute("aria-expanded", "true");
    find("[data-sf-action=reset-cancel]").focus();
  }
  if (action.startsWith("reset-")) {
    if (action === "reset-confirm") store.clearAll();
    confirm.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
    show("[data-sf-reset-status]", t(action === "reset-confirm" ? "progress.deleted" : "progress.kept"));
  }
  setupPage();
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

// The learner's name and the day the certificate was earned (first seen passed), checked.
function learner() {
  const { name, date } = store.table("certificate");
  return { name: typeof name === "string" ? name.slice(0, 80) : "", date: /^\d{4}-\d\d-\d\d$/.test(date) ? date : "" };
}

function earned() {
  const kept = learner();
  const now = new Date();
  if (!kept.date) store.write("certificate", { ...kept, date: new Date(now - now.getTimezoneOffset() * 6e4).toISOString().slice(0, 10) });
}

// The sheet appears once every assessment listed is passed; until then the page's own
// status (with a link to the assessment) stays.
function setupCertificate(root) {
  const quizzes = all(root, "[data-sf-assessment]").map((item) => [item, record(store, item.dataset).best]);
  const ready = quizzes.length > 0 && quizzes.every(([, best]) => best?.passed);
  for (const node of all(root, "[data-sf-certificate],[data-sf-certificate-form]")) node.hidden = !ready;
  if (!ready) return;
  earned();
  const { name, date } = learner();
  const fill = (key, text) => { find(`[data-sf-certificate-${key}]`, root).textContent = text; };
  fill("status", t("certificate.ready"));
  fill("name", name);
  find("[data-sf-learner]", root).value = name;
  if (!find("[data-sf-certificate-course]", root).textContent) fill("course", t("site.name"));
  fill("date", t("certificate.date", { date: new Intl.DateTimeFormat(document.documentElement.lang || "en",
    { dateStyle: "long" }).format(new Date(`${date}T12:00`)) }));
  fill("site", siteUrl());
  find("[data-sf-certificate-scores]", root).replaceChildren(...quizzes.map(([item, best]) => h("li", {},
    t("certificate.score", { quiz: item.textContent.trim(), service: best.service, n: best.total, percent: percent(best) }))));
}

// Notes and self-checks (data-sf-journal): text fields and radio buttons saved as the
// learner types or picks, under "journal:<id>", so they move with the progress file.
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

// The self-check's summary: how each warning sign (fieldset[data-sf-flag]) was rated, the
// last option being the most serious, and which one to start with.
function showFlags() {
  const rated = all(document, "fieldset[data-sf-flag]")
    .map((set) => [set.dataset.sfFlag, set.querySelector("input:checked")]).filter(([, pick]) => pick);
  const worst = rated.reduce((a, b) => (+b[1].value > +a[1].value ? b : a), rated[0]);
  for (const box of all(document, "[data-sf-flags]")) {
    box.replaceChildren(...(worst ? [
      h("ul", {}, ...rated.map(([flag, pick]) => h("li", {},
        t("selfcheck.rated", { flag, rating: pick.closest("label").textContent.trim() })))),
      h("p", {}, +worst[1].value ? t("selfcheck.start", { flag: worst[0] }) : t("selfcheck.clear"))]
      : [h("p", {}, t("selfcheck.empty"))]));
  }
}

function keep(field) {
  const journal = field.closest("[data-sf-journal]");
  if (!journal) {
    store.write("certificate", { ...learner(), name: field.value });
    find("[data-sf-certificate-name]").textContent = field.value;
    return;
  }
  const name = `journal:${journal.dataset.sfJournal}`;
  const ok = store.write(name, { ...store.table(name), [field.dataset.sfEntry]: field.value });
  const note = find("[data-sf-journal-status]");
  if (note) note.textContent = t(ok ? "progress.saved" : "progress.unsaved");
  showFlags();
}

function setupPage() {
  for (const node of all(document, "[data-sf-js][hidden]")) node.hidden = false;
  for (const quiz of all(document, ".sf-quiz:not([data-sf-review])")) setupQuiz(quiz, store);
  const marker = find("[data-sf-page]");
  const kind = marker?.dataset.sfPage;
  if (kind === "lesson" || kind === "quiz") trackVisit(marker);
  watchReading(store, kind === "lesson" && marker.dataset.sfLesson, () => markNav(store));
  if (kind === "lesson" && !find(".sf-handout")) {
    find(".md-content__inner")?.prepend(h("p", { class: "sf-handout" },
      t("lesson.handout", { name: t("site.name"), url: siteUrl() })));
  }
  if (kind === "home") {
    const panel = find("[data-sf-course-progress]", marker);
    const started = summarize(marker);
    if (panel) panel.hidden = !started;
  }
  if (kind === "progress") summarize(find(".md-content"));
  if (kind === "certificate") setupCertificate(marker);
  if (kind === "review" && !marker.dataset.sfReady) {
    marker.dataset.sfReady = "1";
    setupReview(marker);
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
  if (!quiz.dataset.sfLesson && record(store, quiz.dataset).best?.passed) earned();
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
