// The learner's way through the course: which steps are done (each lesson, its quiz, then
// the assessments), the first one that is not, done marks in the navigation, and a lesson
// counted as read once its end has been on screen.
//
// Consumes the store and the step links pages carry: a[data-sf-step="lesson"|"quiz"] on
// the home and progress pages, in course order, each inside an element with the step's
// data-sf-lesson or data-sf-quiz/-version/-total/-pass. Material's navigation knows pages
// only by address, so what each address is ("pages" in the store) is written wherever a
// page says so: every step link, and the lesson or quiz being shown.
import { all, h } from "./dom.js";
import { t } from "./strings.js";

const pathIn = (store, href) => {
  const path = new URL(href, location.href).pathname;
  return path.startsWith(store.scope) ? path.slice(store.scope.length) : null;
};

const passed = (store, d) =>
  Boolean(d.sfQuiz && store.quiz(d.sfQuiz, d.sfVersion, d.sfTotal, d.sfPass).best?.passed);

// A page is done when its lesson was read to the end or its quiz passed.
const finished = (store, d, read) => (d.sfLesson ? read[d.sfLesson] === 1 : passed(store, d));

// What a page is, from the data attributes that say so.
const what = (d, lesson) =>
  lesson ? { sfLesson: d.sfLesson } : { sfQuiz: d.sfQuiz, sfVersion: d.sfVersion, sfTotal: d.sfTotal, sfPass: d.sfPass };

export function remember(store, pairs) {
  const pages = store.table("pages");
  const fresh = pairs.filter(([path, d]) => path !== null && JSON.stringify(pages[path]) !== JSON.stringify(d));
  if (fresh.length && !store.isEmpty()) store.write("pages", Object.assign(pages, Object.fromEntries(fresh)));
}

// The steps linked from `root`, in order. A lesson whose quiz is passed counts as done on
// the way forward even if its end was never on screen: the learner has moved past it.
export function stepsIn(store, root) {
  const read = store.table("lessons");
  const steps = all(root, "a[data-sf-step]").map((link) => {
    const d = link.closest("[data-sf-lesson],[data-sf-quiz]").dataset;
    const lesson = link.dataset.sfStep === "lesson";
    return { link, page: what(d, lesson), done: passed(store, d) || (lesson && read[d.sfLesson] === 1) };
  });
  remember(store, steps.map((step) => [pathIn(store, step.link.href), step.page]));
  return steps;
}

export function recordPage(store, marker, quiz) {
  const d = quiz?.dataset || marker?.dataset;
  if (d?.sfLesson || d?.sfQuiz) remember(store, [[pathIn(store, location.href), what(d, !quiz)]]);
}

// A check beside each finished page in the navigation, named for screen readers.
export function markNav(store) {
  const pages = store.table("pages");
  const read = store.table("lessons");
  for (const link of all(document, ".md-nav--primary a.md-nav__link[href]")) {
    const page = pages[pathIn(store, link.href)];
    const mark = link.querySelector(".sf-done");
    if (!page || !finished(store, page, read)) mark?.remove();
    else if (!mark) {
      (link.querySelector(".md-ellipsis") || link)
        .append(h("span", { class: "sf-done", role: "img", "aria-label": t("progress.done") }, "✓"));
    }
  }
}

let watcher;
// Counts the lesson as read once its end marker has been on screen, then calls `then`.
export function watchReading(store, id, then) {
  watcher?.disconnect();
  const end = document.querySelector("[data-sf-lesson-end]");
  if (!id) return;
  const done = () => {
    const read = store.table("lessons");
    if (read[id] !== 1) store.write("lessons", { ...read, [id]: 1 });
    then();
  };
  if (!end || !globalThis.IntersectionObserver) return done();
  watcher = new IntersectionObserver((seen) => {
    if (!seen.some((entry) => entry.isIntersecting)) return;
    watcher.disconnect();
    done();
  });
  watcher.observe(end);
}
