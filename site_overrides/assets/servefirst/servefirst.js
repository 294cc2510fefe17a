// Entry point: one module loaded on every page by main.html. Listeners are attached once;
// per-page setup runs on Material's document$ (initial load and every instant navigation)
// and is idempotent.
import { all, listen, setupQuiz } from "./quiz.js";
import { onProgressAction, setupProgressPages, trackVisit } from "./progress.js";
import { browserStorage, createStore, siteScope } from "./store.js";

const store = createStore(browserStorage(), siteScope());
listen(store);

document.addEventListener("click", (event) => {
  const target = event.target.closest?.("[data-sf-action]");
  if (target && !["retry", "import"].includes(target.dataset.sfAction)) onProgressAction(target, store);
});
document.addEventListener("change", (event) => {
  const target = event.target.closest?.("[data-sf-action=import]");
  if (target) onProgressAction(target, store);
});

// Printing shows every feedback: open all disclosures, then restore them.
addEventListener("beforeprint", () => all(document, "details:not([open])").forEach((details) => {
  details.open = true;
  details.dataset.sfPrintOpened = "";
}));
addEventListener("afterprint", () => all(document, "details[data-sf-print-opened]").forEach((details) => {
  details.open = false;
  delete details.dataset.sfPrintOpened;
}));

function setupPage() {
  all(document, "[data-sf-js][hidden]").forEach((node) => { node.hidden = false; });
  all(document, ".sf-quiz:not([data-sf-review])").forEach((quiz) => setupQuiz(quiz, store));
  trackVisit(store);
  setupProgressPages(store);
}

if (globalThis.document$) globalThis.document$.subscribe(setupPage);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setupPage);
else setupPage();
