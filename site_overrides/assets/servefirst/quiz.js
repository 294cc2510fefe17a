// Quiz pages: reads the quiz markup written by the generator, grades picks with grading.js,
// shows feedback in each scenario's live region and keeps answers in the store.
import { SERVICE, better, kindLabel, percentText, score } from "./grading.js";

export const all = (root, selector) => [...root.querySelectorAll(selector)];

export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "class") node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

const scenariosOf = (quiz) => all(quiz, "[data-sf-scenario]");
const inputOf = (section, index) => section.querySelector(`input[type="radio"][value="${index}"]`);
const labelOf = (input) => input.closest(".sf-choice").querySelector("label");

function feedbackOf(section, index) {
  const body = section.querySelector(`[data-sf-choice="${index}"] .sf-explain__feedback`);
  return body ? [...body.cloneNode(true).childNodes] : [];
}

function textOf(input) {
  return [...labelOf(input).cloneNode(true).childNodes]
    .filter((node) => !(node.classList && node.classList.contains("sf-tag")));
}

function state(quiz, store) {
  const { sfQuiz: id, sfVersion: version } = quiz.dataset;
  return { id, version, record: store.quiz(id, version) };
}

function showAnswer(section, index) {
  const input = inputOf(section, index);
  if (!input) return false;
  const kind = input.dataset.sfKind;
  input.checked = true;
  section.dataset.sfAnswered = kind;
  section.querySelector("fieldset").disabled = true;
  input.closest(".sf-choice").classList.add("sf-choice--picked");
  labelOf(input).append(h("span", { class: `sf-tag sf-tag--${kind}` }, `Your choice: ${kindLabel(kind)}`));
  const button = section.querySelector(".sf-check");
  if (button) {
    button.setAttribute("aria-disabled", "true");
    button.textContent = "Answer checked";
  }
  const verdict = h("p", { class: `sf-verdict sf-verdict--${kind}` },
    h("strong", {}, `Your choice is ${kindLabel(kind).toLowerCase()}.`));
  section.querySelector("[data-sf-feedback]").replaceChildren(verdict, ...feedbackOf(section, index));
  all(section, "[data-sf-choice]").forEach((item) => {
    item.classList.toggle("sf-picked", item.dataset.sfChoice === String(index));
  });
  return true;
}

function resetScenario(section) {
  delete section.dataset.sfAnswered;
  section.querySelector("fieldset").disabled = false;
  all(section, "input[type=radio]").forEach((input) => { input.checked = false; });
  all(section, ".sf-choice--picked").forEach((choice) => choice.classList.remove("sf-choice--picked"));
  all(section, ".sf-choice .sf-tag").forEach((tag) => tag.remove());
  all(section, "[data-sf-choice]").forEach((item) => {
    item.classList.remove("sf-picked");
    item.open = false;
  });
  const button = section.querySelector(".sf-check");
  if (button) {
    button.removeAttribute("aria-disabled");
    button.textContent = "Check answer";
  }
  section.querySelector("[data-sf-feedback]").replaceChildren();
}

function recapItem(section, number) {
  const picked = section.querySelector("input:checked");
  const kind = picked.dataset.sfKind;
  const name = section.querySelector(".sf-scenario__name")?.textContent.trim();
  const item = h("li", { class: `sf-recap__item sf-recap__item--${kind}` },
    h("p", { class: "sf-recap__title" }, h("strong", {}, `Scenario ${number}${name ? `: ${name}` : ""}`)),
    h("p", {}, "Your choice: ", h("span", { class: "sf-recap__choice" }, ...textOf(picked)), " ",
      h("span", { class: `sf-tag sf-tag--${kind}` }, kindLabel(kind))));
  if (kind !== SERVICE) {
    const better = all(section, "input[type=radio]").find((input) => input.dataset.sfKind === SERVICE);
    if (better) {
      item.append(h("div", { class: "sf-recap__better" },
        h("p", {}, "The service-oriented option: ", h("span", { class: "sf-recap__choice" }, ...textOf(better))),
        ...feedbackOf(section, better.value)));
    }
  }
  return item;
}

function result(text, passed) {
  return h("p", { class: passed ? "sf-pass" : "sf-fail" }, h("strong", {}, passed ? "Passed. " : "Not passed yet. "), text);
}

function showResult(quiz, record) {
  const sections = scenariosOf(quiz);
  const answered = sections.filter((section) => section.dataset.sfAnswered);
  const status = quiz.querySelector("[data-sf-result-status]");
  const recap = quiz.querySelector("[data-sf-recap]");
  const pending = quiz.querySelector("[data-sf-pending]");
  if (!status) return null;
  if (answered.length < sections.length) {
    if (pending) pending.textContent = `Answer all ${sections.length} scenarios to see your result (${answered.length} answered so far).`;
    status.replaceChildren();
    recap.replaceChildren();
    return null;
  }
  if (pending) pending.textContent = "";
  const pass = Number(quiz.dataset.sfPass);
  const outcome = score(answered.map((section) => section.dataset.sfAnswered), sections.length, pass);
  const best = better(record.best, outcome);
  status.replaceChildren(
    h("p", { class: "sf-score" }, h("strong", {}, `Service-oriented choices: ${outcome.service} of ${outcome.total}`),
      ` (${percentText(outcome.percent, pass)}%)`),
    result(outcome.passed ? `You reached the ${pass}% pass mark.`
      : `The pass mark is ${pass}%. Read the recap below, then retry the quiz.`, outcome.passed),
  );
  if (best !== outcome) status.append(h("p", {}, `Your best so far: ${best.service} of ${best.total}.`));
  recap.replaceChildren(h("h3", {}, "Scenario by scenario"),
    h("ol", { class: "sf-recap" }, ...sections.map((section, i) => recapItem(section, i + 1))));
  return outcome;
}

export function setupQuiz(quiz, store, { review = false } = {}) {
  if (quiz.dataset.sfReady) return;
  quiz.dataset.sfReady = "1";
  quiz.classList.add("sf-js");
  if (review) return;
  const { id, version, record } = state(quiz, store);
  if (store.pruneQuiz(id, version)) {
    quiz.prepend(h("p", { class: "sf-notice" },
      "This quiz has changed since you last took it, so your earlier answers were set aside."));
  }
  const resultSection = quiz.querySelector("[data-sf-result]");
  resultSection?.querySelector("[data-sf-result-status]")?.before(h("p", { class: "sf-result__pending", "data-sf-pending": "" }));
  for (const section of scenariosOf(quiz)) {
    const pick = record.picks[section.dataset.sfScenario];
    if (pick !== undefined && !showAnswer(section, pick)) delete record.picks[section.dataset.sfScenario];
  }
  showResult(quiz, record);
}

function check(form, store) {
  const section = form.closest("[data-sf-scenario]");
  const quiz = section.closest("[data-sf-quiz]");
  if (!quiz || section.dataset.sfAnswered) return;
  const input = form.querySelector("input[type=radio]:checked");
  const region = section.querySelector("[data-sf-feedback]");
  if (!input) {
    region.replaceChildren(h("p", { class: "sf-verdict" }, "Choose one of the answers first."));
    return;
  }
  const { id, version, record } = state(quiz, store);
  const sid = section.dataset.sfScenario;
  const choice = Number(input.value);
  record.last[sid] = { c: choice, k: input.dataset.sfKind };
  showAnswer(section, choice);
  if (!("sfReview" in quiz.dataset)) {
    record.picks[sid] = choice;
    const outcome = showResult(quiz, record);
    if (outcome) {
      record.latest = { service: outcome.service, total: outcome.total, passed: outcome.passed };
      record.best = better(record.best, record.latest);
    }
  }
  store.saveQuiz(id, version, record);
}

function retry(quiz, store) {
  const { id, version, record } = state(quiz, store);
  record.picks = {};
  store.saveQuiz(id, version, record);
  scenariosOf(quiz).forEach(resetScenario);
  showResult(quiz, record);
  const first = quiz.querySelector("input[type=radio]");
  if (first) {
    first.focus();
    first.closest("[data-sf-scenario]").scrollIntoView({ block: "start" });
  }
}

// Listeners are attached once, on the document, so pages swapped in by instant
// navigation need no wiring of their own.
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
