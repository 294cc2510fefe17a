// Small DOM helpers shared by the site script and the quiz: building elements, finding
// them, and bringing one into view. No wording and no storage live here.
import { t } from "./strings.js";

export const all = (root, selector) => [...root.querySelectorAll(selector)];

// An element with attributes and children (strings become text, null is skipped).
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child != null));
  return node;
}

// Scrolls `node` into view (smoothly unless the learner asked for less motion) and moves
// focus to it, so keyboard and screen-reader users land where sighted ones look.
export function reveal(node, block = "start") {
  if (!node) return;
  if (!node.hasAttribute("tabindex") && !node.matches("a[href],button,input,select,textarea")) {
    node.setAttribute("tabindex", "-1");
  }
  const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
  node.scrollIntoView({ block, behavior: still ? "auto" : "smooth" });
  node.focus({ preventScroll: true });
}

// Transitional: the wording a page once carried as data-sf-say-NAME attributes now comes
// from the catalogue, under the page's kind ("progress.loaded", "review.none"). Pages that
// still carry the attribute keep their own text. New code calls `t` directly.
export function say(root, name, values = {}) {
  const attribute = root.dataset[`sfSay${name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`];
  if (attribute === undefined) return t(`${root.dataset.sfPage || "quiz"}.${name}`, values);
  return attribute.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}
