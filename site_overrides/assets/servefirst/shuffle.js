// Choice order per learner, pure: a permutation of 0..n-1 fixed by a text key (the
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
