// Small DOM helpers shared by the site script and the quiz: building elements, finding
// them, and bringing one into view. No wording and no storage live here.
export const all = (root, selector) => [...root.querySelectorAll(selector)];

// An element with attributes and children (strings become text, null is skipped).
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child != null));
  return node;
}

// Scrolls `node` (a heading with tabindex=-1, a button) into view, smoothly unless the
// learner asked for less motion, and moves focus to it, so keyboard and screen-reader
// users land where sighted ones look.
export function reveal(node) {
  if (!node) return;
  // Writing the attribute makes a heading (-1) focusable by script; a button keeps its 0.
  node.tabIndex = node.tabIndex;
  node.scrollIntoView({ behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  node.focus({ preventScroll: true });
}
