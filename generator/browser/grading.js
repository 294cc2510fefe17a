// Quiz logic, pure (no DOM, no storage): the score, the pass mark, how they are shown,
// and the order each learner sees a scenario's choices in.
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

// Choice order per learner: a permutation of 0..n-1 fixed by a text key (the
// learner's seed, the quiz id and the scenario id), so every page and every browser that
// holds the same seed shows the same order. FNV-1a of the key seeds mulberry32, which
// drives a Fisher-Yates shuffle.
export function shuffled(n, key) {
  let h = 2166136261;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i -= 1) {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), h | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
