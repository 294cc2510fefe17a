// Quiz pages: reads the generator's quiz markup, grades picks with grading.js and keeps
// answers in the store. After a pick, the scenario's live region tells its kind and, for a
// self-serving pick, the service-oriented move with its feedback; the last check brings
// the result (score bar, verdict, next step, recap) into view and focus. On narrow screens,
// or by the learner's choice (kept in the store as "view"), the quiz shows one scenario at
// a time under a sticky progress bar, resuming at the first unanswered one.
import { all, h, reveal } from "./dom.js";
import { SERVICE, better, percentText, score, shuffled } from "./grading.js";
import { formatPercent, t } from "./strings.js";

const scenariosOf = (quiz) => all(quiz, "[data-sf-scenario]");
const pristine = new Map();
const inputOf = (section, index) => section.querySelector(`.sf-choice input[value="${index}"]`);
const labelOf = (input) => input.closest(".sf-choice").querySelector("label");
const tag = (kind, text = t(`kind.${kind}`)) => h("span", { class: `sf-tag sf-tag--${kind}` }, text);
const cloneChildren = (node) => (node ? [...node.cloneNode(true).childNodes] : []);
const feedbackOf = (section, index) =>
  cloneChildren(section.querySelector(`[data-sf-choice="${index}"] .sf-explain__feedback`));
const textOf = (input) => {
  const label = labelOf(input).cloneNode(true);
  label.querySelector(".sf-tag")?.remove();
  return [...label.childNodes];
};
// Each service-oriented choice with its text and why, under one label.
const betterMoves = (section) => all(section, `.sf-choice input[data-sf-kind="${SERVICE}"]`).map((input) =>
  h("div", { class: "sf-better" }, h("p", {}, h("strong", {}, t("quiz.better")), " ", ...textOf(input)),
    ...feedbackOf(section, input.value)));

function state(quiz, store) {
  const { sfQuiz: id, sfVersion: version, sfTotal, sfPass } = quiz.dataset;
  return { id, version, record: store.quiz(id, version, sfTotal, sfPass) };
}

// Choices (and their explanations: both carry data-sf-choice) in the learner's order, or in the written order when
// `seed` is falsy (print, a browser that keeps nothing) or the author asked for it. Real
// nodes move, so Tab, arrow keys and screen readers meet them in the order seen; choices
// keep their written index as their value, which is what answers are saved under.
export function arrange(quiz, seed) {
  for (const section of scenariosOf(quiz)) {
    const n = all(section, ".sf-choice").length;
    const order = seed && quiz.dataset.sfShuffle !== "false" && section.dataset.sfShuffle !== "false"
      ? shuffled(n, `${seed}:${quiz.dataset.sfQuiz}:${section.dataset.sfScenario}`) : [...Array(n).keys()];
    for (const i of order) for (const node of all(section, `[data-sf-choice="${i}"]`)) node.parentNode.append(node);
  }
}

// The learner's order on screen, the written one in print.
export const seedOf = (store) => !matchMedia("print").matches && store.seed();

function showAnswer(section, index) {
  const input = inputOf(section, index);
  if (!input) return;
  const kind = input.dataset.sfKind;
  const self = kind !== SERVICE;
  input.checked = true;
  section.dataset.sfAnswered = kind;
  section.querySelector("fieldset").disabled = true;
  input.closest(".sf-choice").classList.add("sf-choice--picked");
  labelOf(input).append(tag(kind, t("quiz.picked", { label: t(`kind.${kind}`) })));
  const button = section.querySelector(".sf-check");
  // aria-disabled, not disabled: the button keeps focus while the live region speaks.
  if (button) {
    button.setAttribute("aria-disabled", "true");
    button.textContent = t("quiz.checked");
  }
  section.querySelector("[data-sf-feedback]").replaceChildren(
    h("p", { class: `sf-verdict sf-verdict--${kind}` }, h("strong", {}, t(`quiz.verdict.${kind}`))),
    ...feedbackOf(section, index), ...(self ? betterMoves(section) : []));
  // What the live region told is not repeated below; the rest stays one tap away, kind shown.
  let others = 0;
  for (const item of all(section, "details[data-sf-choice]")) {
    const other = inputOf(section, item.dataset.sfChoice).dataset.sfKind;
    const shown = item.dataset.sfChoice === String(index) || (self && other === SERVICE);
    item.classList.toggle("sf-shown", shown);
    others += !shown;
    item.querySelector("summary").append(" ", tag(other));
  }
  section.querySelector(".sf-explain").hidden = !others;
}

function recapItem(section, number) {
  const picked = section.querySelector(".sf-choice input:checked");
  const kind = picked.dataset.sfKind;
  const name = section.querySelector(".sf-scenario__name")?.textContent.trim();
  return h("li", { class: `sf-recap__item sf-recap__item--${kind}` },
    h("p", {}, h("strong", {}, t("quiz.scenario", { n: number }) + (name ? `: ${name}` : ""))),
    h("p", {}, `${t("quiz.yours")} `, ...textOf(picked), " ", tag(kind)),
    ...(kind === SERVICE ? [] : betterMoves(section)));
}

// The result once every scenario is answered (returns the outcome), else what is left.
function showResult(quiz, record) {
  const result = quiz.querySelector("[data-sf-result]");
  if (!result) return null;
  const kinds = scenariosOf(quiz).map((section) => section.dataset.sfAnswered).filter(Boolean);
  const total = scenariosOf(quiz).length;
  const [, pending, status, actions, recap] = result.children;
  const [next, retry] = [result.querySelector("[data-sf-next]"), result.querySelector(".sf-retry")];
  const pass = Number(quiz.dataset.sfPass);
  const outcome = kinds.length === total ? score(kinds, total, pass) : null;
  // Outside the live region: said on every check, it would be noise.
  pending.textContent = outcome ? "" : t("quiz.pending", { n: total, answered: kinds.length });
  status.replaceChildren();
  recap.replaceChildren();
  delete result.dataset.sfOutcome;
  if (!outcome) {
    next?.classList.add("md-button--primary");
    actions.replaceChildren(...[next, retry].filter(Boolean));
    return null;
  }
  const missed = total - outcome.service;
  const verdict = !missed ? "perfect" : outcome.passed ? "passed" : "failed";
  const best = record.best;
  result.dataset.sfOutcome = verdict;
  status.append(
    h("p", { class: "sf-result__verdict" }, h("strong", {}, t(`quiz.${verdict}`)), " ",
      t(`quiz.${verdict}-note`, { pass: formatPercent(pass) })),
    h("div", { class: "sf-meter", style: `--sf-score:${outcome.percent}%;--sf-mark:${pass}%` }),
    h("p", { class: "sf-score" }, t("quiz.score", {
      n: total, service: outcome.service, percent: formatPercent(percentText(outcome.percent, pass)) })),
    ...(better(outcome, best) === outcome ? [] : [h("p", {}, t("quiz.best", { n: best.total, service: best.service }))]));
  // The next step first: on a pass the way on, otherwise the scenarios to look at again.
  const review = missed ? h("button", { type: "button", class: "md-button", "data-sf-do": "missed" },
    t("quiz.review-missed", { n: missed })) : null;
  next?.classList.toggle("md-button--primary", outcome.passed);
  review?.classList.toggle("md-button--primary", !outcome.passed);
  actions.replaceChildren(...(outcome.passed ? [next, retry, review] : [review, retry, next]).filter(Boolean));
  recap.append(h("h3", {}, t("quiz.recap")),
    h("ol", { class: "sf-recap" }, ...scenariosOf(quiz).map((section, i) => recapItem(section, i + 1))));
  return outcome;
}

// One scenario at a time: narrow screens by default, or the learner's choice.
const narrow = matchMedia("(max-width: 59.98em)");
const stepping = (store) => (store.read("view") ?? (narrow.matches ? "steps" : "page")) === "steps";
const stepsOf = (quiz) => [...scenariosOf(quiz), quiz.querySelector("[data-sf-result]")];

// Shows step `at` (the result is the last), in `steps` or whole-page view, and fills the
// bar and the Back/Next buttons; `focus` moves the learner to the step's heading.
function show(quiz, at = Number(quiz.dataset.sfStep), steps = quiz.classList.contains("sf-steps"), focus) {
  const bar = quiz.querySelector(".sf-stepbar");
  if (!bar) return;
  const nodes = stepsOf(quiz);
  const total = nodes.length - 1;
  const answered = nodes.filter((node) => node.dataset.sfAnswered).length;
  const count = t("quiz.answered", { n: total, answered });
  const [text, progress, view] = bar.children;
  const [back, next] = quiz.querySelector(".sf-stepnav").children;
  quiz.dataset.sfStep = at;
  quiz.classList.toggle("sf-steps", steps);
  nodes.forEach((node, i) => node.classList.toggle("sf-current", i === at));
  text.textContent = steps && at < total ? t("quiz.step", { n: at + 1, total }) : count;
  Object.assign(progress, { value: answered, max: total });
  progress.setAttribute("aria-label", count);
  view.textContent = t(steps ? "quiz.view-page" : "quiz.view-steps");
  back.hidden = !at;
  next.hidden = at >= total;
  next.textContent = t(at === total - 1 ? "quiz.to-result" : "quiz.next");
  next.classList.toggle("md-button--primary", Boolean(nodes[at].dataset.sfAnswered));
  if (focus) reveal(nodes[at].querySelector("h2"));
}

export function setupQuiz(quiz, store, { review = false } = {}) {
  if (quiz.dataset.sfReady) return;
  quiz.dataset.sfReady = "1";
  quiz.classList.add("sf-js");
  arrange(quiz, seedOf(store));
  if (review) return;
  const { id, version, record } = state(quiz, store);
  if (store.pruneQuiz(id, version)) quiz.prepend(h("p", { class: "sf-notice" }, t("quiz.changed")));
  for (const section of scenariosOf(quiz)) {
    pristine.set(section.id, section.cloneNode(true));
    const pick = record.picks[section.dataset.sfScenario];
    if (pick !== undefined) showAnswer(section, pick);
  }
  const step = (to, label) => h("button", { type: "button", class: "md-button", "data-sf-do": "step", "data-sf-to": to }, label);
  scenariosOf(quiz)[0].before(h("div", { class: "sf-stepbar" }, h("p"), h("progress"),
    h("button", { type: "button", class: "sf-view", "data-sf-do": "view" })));
  quiz.append(h("div", { class: "sf-stepnav" }, step(-1, t("quiz.previous")), step(1)));
  showResult(quiz, record);
  show(quiz, stepsOf(quiz).findIndex((node) => !node.dataset.sfAnswered), stepping(store));
}

function check(form, store) {
  const section = form.closest("[data-sf-scenario]");
  const quiz = section.closest("[data-sf-quiz]");
  if (!quiz || section.dataset.sfAnswered) return;
  const input = form.querySelector(".sf-choice input:checked");
  if (!input) {
    section.querySelector("[data-sf-feedback]").replaceChildren(
      h("p", { class: "sf-verdict" }, t("quiz.choose")));
    return;
  }
  const { id, version, record } = state(quiz, store);
  const sid = section.dataset.sfScenario;
  const choice = Number(input.value);
  record.last[sid] = { c: choice, k: input.dataset.sfKind };
  showAnswer(section, choice);
  let outcome = null;
  if (!("sfReview" in quiz.dataset)) {
    record.picks[sid] = choice;
    outcome = showResult(quiz, record);
    if (outcome) {
      record.latest = { service: outcome.service, total: outcome.total, passed: outcome.passed };
      record.best = better(record.best, record.latest);
    }
  }
  if (!store.saveQuiz(id, version, record) || store.fellBack) {
    section.querySelector("[data-sf-feedback]").append(h("p", { class: "sf-notice" }, t("quiz.unsaved")));
  }
  // The last answer completes the quiz: its result is the step shown, in view and focused.
  if (outcome) show(quiz, outcome.total, undefined, true);
  else show(quiz);
}

function retry(quiz, store) {
  const { id, version, record } = state(quiz, store);
  record.picks = {};
  store.saveQuiz(id, version, record);
  // Each scenario goes back to the markup it had before the first answer.
  for (const section of scenariosOf(quiz)) section.replaceWith(pristine.get(section.id).cloneNode(true));
  showResult(quiz, record);
  show(quiz, 0);
  const first = quiz.querySelector(".sf-choice input");
  first?.focus();
  first?.closest("[data-sf-scenario]").scrollIntoView();
}

// Attached once, on the document: pages swapped in by instant navigation need no wiring.
export function listen(store) {
  document.addEventListener("submit", (event) => {
    const form = event.target.closest?.("form[data-sf-form]");
    if (!form) return;
    event.preventDefault();
    check(form, store);
  });
  // Quiz buttons carry data-sf-do; Retry, older, data-sf-action (which the site script skips).
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".sf-quiz :is([data-sf-do],[data-sf-action=retry])");
    const quiz = button?.closest("[data-sf-quiz]");
    const action = button?.dataset.sfDo;
    const at = Number(quiz?.dataset.sfStep);
    if (!action) return button && retry(quiz, store);
    if (action === "step") show(quiz, at + Number(button.dataset.sfTo), true, true);
    if (action === "missed") reveal(quiz.querySelector(".sf-recap__item--self-serving"));
    if (action === "view") {
      const steps = !quiz.classList.contains("sf-steps");
      store.write("view", steps ? "steps" : "page");
      show(quiz, at, steps, true);
    }
  });
  narrow.addEventListener("change", () => {
    for (const quiz of all(document, ".sf-quiz.sf-js:not([data-sf-review])")) {
      show(quiz, undefined, stepping(store));
    }
  });
}
