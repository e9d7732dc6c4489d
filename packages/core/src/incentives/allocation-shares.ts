/**
 * Shares of new business in whole basis points (0.01 %) that add up to exactly 10,000, by the
 * largest-remainder (Hamilton) method: each partner first gets the floor of its exact share, then
 * the points still missing go one each to the largest remainders. Ties go to the larger weight,
 * then to the lower key, so the same weights always give the same table. All weights 0 (nobody
 * may receive business) gives every share 0.
 */
export function largestRemainderShares<K extends string>(
  weights: { key: K; weight: number }[],
  total = 10_000,
): Map<K, number> {
  const sum = weights.reduce((n, w) => n + Math.max(w.weight, 0), 0);
  const shares = new Map<K, number>();
  if (sum <= 0) {
    for (const w of weights) shares.set(w.key, 0);
    return shares;
  }
  const exact = weights.map((w) => {
    const value = (Math.max(w.weight, 0) / sum) * total;
    return { ...w, floor: Math.floor(value), remainder: value - Math.floor(value) };
  });
  let missing = total - exact.reduce((n, e) => n + e.floor, 0);
  const order = [...exact].sort(
    (a, b) =>
      b.remainder - a.remainder || b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  for (const e of exact) shares.set(e.key, e.floor);
  for (const e of order) {
    if (missing <= 0) break;
    // A partner weighted 0 never receives a rounding point.
    if (e.weight <= 0) continue;
    shares.set(e.key, shares.get(e.key)! + 1);
    missing--;
  }
  return shares;
}
