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

// The quiz record for the data attributes of a card, page or stored page.
export const record = (store, d) => store.quiz(d.sfQuiz, d.sfVersion, d.sfTotal, d.sfPass);
const passed = (store, d) => Boolean(d.sfQuiz && record(store, d).best?.passed);

const pathIn = (store, href) => {
  const path = new URL(href, location.href).pathname;
  return path.startsWith(store.scope) ? path.slice(store.scope.length) : null;
};

// What a page is: a lesson, or a quiz with what grading it needs.
const what = ({ sfLesson, sfQuiz, sfVersion, sfTotal, sfPass }, lesson) =>
  lesson ? { sfLesson } : { sfQuiz, sfVersion, sfTotal, sfPass };

function remember(store, pairs) {
  const pages = store.table("pages");
  const fresh = pairs.filter(([path, d]) => path !== null && JSON.stringify(pages[path]) !== JSON.stringify(d));
  if (fresh.length && !store.isEmpty()) store.write("pages", Object.assign(pages, Object.fromEntries(fresh)));
}

// The steps linked from `root`, in order, each { link, done }. A lesson whose quiz is
// passed counts as done on the way forward even if its end was never on screen.
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

// The lesson (marker) or quiz being shown, under its address.
export const recordPage = (store, d, lesson) => remember(store, [[pathIn(store, location.href), what(d, lesson)]]);

// A check beside each finished page in the navigation, named for screen readers.
export function markNav(store) {
  const pages = store.table("pages");
  const read = store.table("lessons");
  for (const link of all(document, ".md-nav--primary a.md-nav__link[href]")) {
    const d = pages[pathIn(store, link.href)];
    const mark = link.querySelector(".sf-done");
    if (!d || !(d.sfLesson ? read[d.sfLesson] === 1 : passed(store, d))) mark?.remove();
    else if (!mark) {
      (link.querySelector(".md-ellipsis") || link)
        .append(h("span", { class: "sf-done", role: "img", "aria-label": t("progress.done") }, "✓"));
    }
  }
}

let watcher;
// Counts lesson `id` as read once its end marker has been on screen, then calls `then`.
export function watchReading(store, id, then) {
  watcher?.disconnect();
  if (!id) return;
  const done = () => {
    const read = store.table("lessons");
    if (read[id] !== 1) store.write("lessons", { ...read, [id]: 1 });
    then();
  };
  const end = document.querySelector("[data-sf-lesson-end]");
  if (!end || !globalThis.IntersectionObserver) return done();
  watcher = new IntersectionObserver((seen) => {
    if (seen.some((entry) => entry.isIntersecting)) {
      watcher.disconnect();
      done();
    }
  });
  watcher.observe(end);
}
