// Quiz pages: reads the generator's quiz markup, grades picks with grading.js, shows
// feedback in each scenario's live region and keeps answers in the store.
import { all, h } from "./dom.js";
import { SERVICE, better, percentText, score, shuffled } from "./grading.js";
import { formatPercent, t } from "./strings.js";

const kindLabel = (kind) => t(`kind.${kind}`);

const scenariosOf = (quiz) => all(quiz, "[data-sf-scenario]");
const pristine = new Map();
const labelOf = (input) => input.closest(".sf-choice").querySelector("label");
const tag = (kind, text) => h("span", { class: `sf-tag sf-tag--${kind}` }, text);
const cloneChildren = (node) => (node ? [...node.cloneNode(true).childNodes] : []);
const feedbackOf = (section, index) =>
  cloneChildren(section.querySelector(`[data-sf-choice="${index}"] .sf-explain__feedback`));
const textOf = (input) => {
  const label = labelOf(input).cloneNode(true);
  label.querySelector(".sf-tag")?.remove();
  return [...label.childNodes];
};

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

function showAnswer(quiz, section, index) {
  const input = section.querySelector(`.sf-choice input[value="${index}"]`);
  if (!input) return false;
  const kind = input.dataset.sfKind;
  input.checked = true;
  section.dataset.sfAnswered = kind;
  section.querySelector("fieldset").disabled = true;
  input.closest(".sf-choice").classList.add("sf-choice--picked");
  labelOf(input).append(tag(kind, t("quiz.picked", { label: kindLabel(kind) })));
  const button = section.querySelector(".sf-check");
  // aria-disabled, not disabled: the button keeps focus while the live region speaks.
  button?.setAttribute("aria-disabled", "true");
  if (button) button.textContent = t("quiz.checked");
  section.querySelector("[data-sf-feedback]").replaceChildren(
    h("p", { class: `sf-verdict sf-verdict--${kind}` }, h("strong", {}, t(`quiz.verdict.${kind}`))),
    ...feedbackOf(section, index));
  for (const item of all(section, "details[data-sf-choice]")) {
    item.classList.toggle("sf-picked", item.dataset.sfChoice === String(index));
  }
  return true;
}

function recapItem(quiz, section, number) {
  const picked = section.querySelector(".sf-choice input:checked");
  const kind = picked.dataset.sfKind;
  const name = section.querySelector(".sf-scenario__name")?.textContent.trim();
  const title = t("quiz.scenario", { n: number }) + (name ? `: ${name}` : "");
  const item = h("li", { class: "sf-recap__item" },
    h("p", {}, h("strong", {}, title)),
    h("p", {}, `${t("quiz.yours")} `, ...textOf(picked), " ", tag(kind, kindLabel(kind))));
  const service = section.querySelector(`.sf-choice input[data-sf-kind="${SERVICE}"]`);
  if (kind !== SERVICE && service) {
    item.append(h("div", { class: "sf-recap__better" },
      h("p", {}, `${t("quiz.better")} `, ...textOf(service)), ...feedbackOf(section, service.value)));
  }
  return item;
}

function showResult(quiz, record) {
  const sections = scenariosOf(quiz);
  const answered = sections.filter((section) => section.dataset.sfAnswered);
  const status = quiz.querySelector("[data-sf-result-status]");
  const recap = quiz.querySelector("[data-sf-recap]");
  const pending = quiz.querySelector("[data-sf-pending]");
  if (!status) return null;
  const done = answered.length === sections.length;
  if (pending) pending.textContent = done ? "" : t("quiz.pending", { n: sections.length, answered: answered.length });
  if (!done) {
    status.replaceChildren();
    recap.replaceChildren();
    return null;
  }
  const pass = Number(quiz.dataset.sfPass);
  const outcome = score(answered.map((section) => section.dataset.sfAnswered), sections.length, pass);
  const best = better(record.best, outcome);
  const [css, label, note] = outcome.passed ? ["pass", "passed", "pass-note"] : ["fail", "failed", "fail-note"];
  status.replaceChildren(
    h("p", { class: "sf-score" }, h("strong", {}, t("quiz.score", { n: outcome.total, service: outcome.service, percent: formatPercent(percentText(outcome.percent, pass)) }))),
    h("p", { class: `sf-${css}` }, h("strong", {}, t(`quiz.${label}`)), " ", t(`quiz.${note}`, { pass: formatPercent(pass) })));
  if (best !== outcome) status.append(h("p", {}, t("quiz.best", { n: best.total, service: best.service })));
  recap.replaceChildren(h("h3", {}, t("quiz.recap")),
    h("ol", { class: "sf-recap" }, ...sections.map((section, i) => recapItem(quiz, section, i + 1))));
  return outcome;
}

export function setupQuiz(quiz, store, { review = false } = {}) {
  if (quiz.dataset.sfReady) return;
  quiz.dataset.sfReady = "1";
  quiz.classList.add("sf-js");
  arrange(quiz, seedOf(store));
  if (review) return;
  const { id, version, record } = state(quiz, store);
  if (store.pruneQuiz(id, version)) quiz.prepend(h("p", { class: "sf-notice" }, t("quiz.changed")));
  quiz.querySelector("[data-sf-result-status]")
    ?.before(h("p", { class: "sf-result__pending", "data-sf-pending": "" }));
  for (const section of scenariosOf(quiz)) {
    pristine.set(section.id, section.cloneNode(true));
    const pick = record.picks[section.dataset.sfScenario];
    if (pick !== undefined) showAnswer(quiz, section, pick);
  }
  showResult(quiz, record);
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
  showAnswer(quiz, section, choice);
  if (!("sfReview" in quiz.dataset)) {
    record.picks[sid] = choice;
    const outcome = showResult(quiz, record);
    if (outcome) {
      record.latest = { service: outcome.service, total: outcome.total, passed: outcome.passed };
      record.best = better(record.best, record.latest);
    }
  }
  if (!store.saveQuiz(id, version, record) || store.fellBack) {
    section.querySelector("[data-sf-feedback]").append(h("p", { class: "sf-notice" }, t("quiz.unsaved")));
  }
}

function retry(quiz, store) {
  const { id, version, record } = state(quiz, store);
  record.picks = {};
  store.saveQuiz(id, version, record);
  // Each scenario goes back to the markup it had before the first answer.
  for (const section of scenariosOf(quiz)) section.replaceWith(pristine.get(section.id).cloneNode(true));
  showResult(quiz, record);
  const first = quiz.querySelector(".sf-choice input");
  first?.focus();
  first?.closest("[data-sf-scenario]").scrollIntoView({ block: "start" });
}

// Attached once, on the document: pages swapped in by instant navigation need no wiring.
export function listen(store) {
  document.addEventListener("submit", (event) => {
    const form = event.target.closest?.("form[data-sf-form]");
    if (!form) return;
    event.preventDefault();
    check(form, store);
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.("[data-sf-action=retry]");
    if (button) retry(button.closest("[data-sf-quiz]"), store);
  });
}
