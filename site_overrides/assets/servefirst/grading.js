// Grading, pure (no DOM, no storage): the score, the pass mark and how they are shown.
export const SERVICE = "service-oriented";
export const SELF = "self-serving";

// Integer arithmetic (picks x 100 >= pass x total) keeps 2 of 3 (66.7%) below a 67% mark.
export const passes = (service, total, passPercent) => total > 0 && service * 100 >= passPercent * total;

export function score(kinds, total, passPercent) {
  const service = kinds.filter((kind) => kind === SERVICE).length;
  return { service, total, percent: total ? (service * 100) / total : 0, passed: passes(service, total, passPercent) };
}

// "66.7", "80", "100": one decimal at most, never rounded up to a pass mark it misses.
export function percentText(percent, passPercent = Infinity) {
  const rounded = Math.round(percent * 10) / 10;
  return String(percent < passPercent && rounded >= passPercent ? Math.floor(percent * 10) / 10 : rounded);
}

export const better = (a, b) => (!a ? b : !b || a.service * b.total >= b.service * a.total ? a : b);

export const kindLabel = (kind) => (kind === SERVICE ? "Service-oriented" : "Self-serving");
