/** Small robust statistics for the throttle estimator (pure). */

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = Math.min(sorted.length - 1, Math.max(0, q * (sorted.length - 1)));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** At most this many points enter the O(n²) slope estimate; larger inputs are thinned evenly. */
const MAX_POINTS = 800;

/**
 * Theil–Sen slope: the median of the slopes between all pairs of points. Unlike least squares it shrugs
 * off up to ~29% outliers, e.g. requests delayed by a stalled event loop on a loaded machine.
 */
export function theilSen(xs: readonly number[], ys: readonly number[]): number | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return undefined;
  const step = n > MAX_POINTS ? n / MAX_POINTS : 1;
  const idx: number[] = [];
  for (let i = 0; i < n; i += step) idx.push(Math.floor(i));
  const slopes: number[] = [];
  for (let a = 0; a < idx.length; a++) {
    for (let b = a + 1; b < idx.length; b++) {
      const dx = xs[idx[b]!]! - xs[idx[a]!]!;
      if (dx > 0) slopes.push((ys[idx[b]!]! - ys[idx[a]!]!) / dx);
    }
  }
  return median(slopes);
}
