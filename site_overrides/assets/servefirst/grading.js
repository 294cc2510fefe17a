// Grading, pure: which picks count, the score and the pass mark. No DOM, no storage.
export const SERVICE = "service-oriented";
export const SELF = "self-serving";

// The pass mark is met when service-oriented picks x 100 / scenarios >= passPercent.
// Integer arithmetic keeps 2 of 3 (66.67%) below a 67% mark.
export function score(kinds, total, passPercent) {
  const service = kinds.filter((kind) => kind === SERVICE).length;
  return {
    service,
    total,
    percent: total ? (service * 100) / total : 0,
    passed: total > 0 && service * 100 >= passPercent * total,
  };
}

// "66.7", "80", "100": one decimal at most, and never rounded up to a pass mark it misses.
export function percentText(percent, passPercent = Infinity) {
  const rounded = Math.round(percent * 10) / 10;
  if (percent < passPercent && rounded >= passPercent) return String(Math.floor(percent * 10) / 10);
  return String(rounded);
}

export function better(a, b) {
  if (!a) return b;
  if (!b) return a;
  return b.service * a.total > a.service * b.total ? b : a;
}

export function kindLabel(kind) {
  return kind === SERVICE ? "Service-oriented" : "Self-serving";
}
