import { argsort, gather } from "./sort.js";
import { toChainMatrix, type ScalarDraws } from "./draws.js";

/**
 * Quantiles, medians and equal-tailed intervals over all draws pooled. The default quantile is
 * R's type 7 (linear interpolation between order statistics), which is also NumPy's default
 * `linear` method and what posterior's `quantile2` and ArviZ's `eti` use.
 */

/**
 * A sorted copy (ascending, NaN last: typed-array sort order).
 *
 * @example
 * ```ts
 * sortedCopy([3, 1, 2]); // Float64Array [1, 2, 3]
 * ```
 */
export function sortedCopy(x: ArrayLike<number>): Float64Array {
  const s = x instanceof Float64Array ? x : Float64Array.from(x);
  if (s.length >= 1024) return gather(s, argsort(s));
  const c = s === x ? Float64Array.from(s) : s;
  c.sort();
  return c;
}

function hasNaNSorted(sorted: Float64Array): boolean {
  return sorted.length > 0 && Number.isNaN(sorted[sorted.length - 1]);
}

/** R's sample quantile definitions (Hyndman and Fan 1996), `quantile(..., type = 1..9)`. */
export type QuantileType = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

const PLOTTING_POSITIONS: Record<number, [number, number]> = {
  4: [0, 1],
  5: [0.5, 0.5],
  6: [0, 0],
  7: [1, 1],
  8: [1 / 3, 1 / 3],
  9: [3 / 8, 3 / 8],
};

/**
 * Quantile of an already sorted array (ascending), computed exactly as R's `quantile` does.
 * The default, type 7, is h = 1 + (n - 1) p with linear interpolation between x[floor(h)] and
 * x[ceil(h)] (1-based) only when they differ; types 1-9 follow R's code for each definition.
 * NaN when the array holds NaN (posterior's `quantile2` convention) or is empty.
 *
 * @example
 * ```ts
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5); // 2.5
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5, 1); // 2 (inverse of the empirical CDF)
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, type: QuantileType = 7): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(p) || Number.isNaN(sorted[n - 1])) return NaN;
  const eps = 100 * Number.EPSILON;
  if (p < -eps || p > 1 + eps) throw new RangeError(`quantile: probability ${p} is outside [0, 1]`);
  p = Math.max(0, Math.min(1, p));
  if (type === 7) {
    const index = 1 + (n - 1) * p;
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    const qlo = sorted[lo - 1];
    const qhi = sorted[hi - 1];
    if (index > lo && qhi !== qlo) {
      const h = index - lo;
      return (1 - h) * qlo + h * qhi;
    }
    return qlo;
  }
  let j: number;
  let h: number;
  if (type <= 3) {
    const nppm = type === 3 ? n * p - 0.5 : n * p;
    j = Math.floor(nppm);
    if (type === 1) h = nppm > j ? 1 : 0;
    else if (type === 2) h = ((nppm > j ? 1 : 0) + 1) / 2;
    else h = nppm !== j || ((j % 2) + 2) % 2 === 1 ? 1 : 0;
  } else {
    const ab = PLOTTING_POSITIONS[type];
    if (ab === undefined) throw new RangeError(`quantile: type must be 1 to 9, got ${type}`);
    const [a, b] = ab;
    const fuzz = 4 * Number.EPSILON;
    const nppm = a + p * (n + 1 - a - b);
    j = Math.floor(nppm + fuzz);
    h = nppm - j;
    if (Math.abs(h) < fuzz) h = 0;
  }
  // R pads x as c(x[1], x[1], x, x[n], x[n]) and reads x[j + 2] and x[j + 3] (1-based).
  const at = (k: number): number => sorted[Math.min(Math.max(k, 0), n - 1)];
  const lo = at(j - 1);
  const hi = at(j);
  if (h === 1) return hi;
  if (h > 0 && h < 1 && lo !== hi) return (1 - h) * lo + h * hi;
  return lo;
}

/**
 * Quantiles of all draws pooled, R type 7 by default (posterior's `quantile2`, NumPy's
 * `linear`); `options.type` picks any of R's nine definitions. NaN if any draw is NaN.
 *
 * @param x - draws (any {@link ScalarDraws} layout)
 * @param probs - probabilities in [0, 1]
 * @example
 * ```ts
 * quantile([[1, 2], [3, 4]], [0.05, 0.5, 0.95]); // [1.15, 2.5, 3.85]
 * quantile([[1, 2], [3, 4]], [0.5], { type: 6 }); // [2.5]
 * ```
 */
export function quantile(x: ScalarDraws, probs: readonly number[], options: { type?: QuantileType } = {}): number[] {
  const sorted = sortedCopy(toChainMatrix(x).data);
  return probs.map((p) => quantileSorted(sorted, p, options.type ?? 7));
}

/**
 * Median of a sorted array: the middle value, or the mean of the two middle values.
 *
 * @example
 * ```ts
 * medianSorted([1, 2, 4, 9]); // 3
 * ```
 */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(sorted[n - 1])) return NaN;
  if (n % 2 === 1) return sorted[(n - 1) / 2];
  return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/**
 * Median of all draws pooled (as R's `median` and NumPy's `median`).
 *
 * @example
 * ```ts
 * median([[1, 9], [3, 4]]); // 3.5
 * ```
 */
export function median(x: ScalarDraws): number {
  return medianSorted(sortedCopy(toChainMatrix(x).data));
}

/**
 * Median absolute deviation about the median, scaled by 1.4826 to be consistent for normal
 * draws (R's `mad` and posterior's default summary column `mad`).
 *
 * @example
 * ```ts
 * mad([[1, 2, 3, 4, 100]]); // 1.4826
 * ```
 */
export function mad(x: ScalarDraws): number {
  const sorted = sortedCopy(toChainMatrix(x).data);
  return madSorted(sorted);
}

/**
 * {@link mad} of a sorted array.
 *
 * @example
 * ```ts
 * madSorted(Float64Array.of(1, 2, 3, 4, 100)); // 1.4826
 * ```
 */
export function madSorted(sorted: Float64Array): number {
  if (hasNaNSorted(sorted)) return NaN;
  const med = medianSorted(sorted);
  const dev = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) dev[i] = Math.abs(sorted[i] - med);
  return 1.4826 * medianSorted(sortedCopy(dev));
}

/**
 * Equal-tailed interval: the type-7 quantiles at (1 - prob) / 2 and (1 + prob) / 2, as ArviZ's
 * `eti` and the `eti_3%`/`eti_97%` summary columns.
 *
 * @param prob - the interval's probability mass (default 0.94, ArviZ's default)
 * @returns `[lower, upper]`
 * @example
 * ```ts
 * eti([[1, 2, 3, 4, 5]], 0.5); // [2, 4]
 * ```
 */
export function eti(x: ScalarDraws, prob = 0.94): [number, number] {
  checkProb(prob, "eti");
  const sorted = sortedCopy(toChainMatrix(x).data);
  return etiSorted(sorted, prob);
}

/**
 * {@link eti} of a sorted array.
 *
 * @example
 * ```ts
 * etiSorted(Float64Array.of(1, 2, 3, 4, 5), 0.5); // [2, 4]
 * ```
 */
export function etiSorted(sorted: Float64Array, prob: number): [number, number] {
  return [quantileSorted(sorted, (1 - prob) / 2), quantileSorted(sorted, (1 + prob) / 2)];
}

/**
 * Throw a RangeError naming `where` unless 0 < prob < 1 (internal).
 *
 * @example
 * ```ts
 * checkProb(0.94, "hdi"); // ok; checkProb(1.5, "hdi") throws
 * ```
 */
export function checkProb(prob: number, where: string): void {
  if (!(prob > 0 && prob < 1)) throw new RangeError(`${where}: prob must be in (0, 1), got ${prob}`);
}
