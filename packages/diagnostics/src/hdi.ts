import { toChainMatrix, type ScalarDraws } from "./draws.js";
import { checkProb, sortedCopy } from "./quantile.js";

/**
 * Highest density interval, ArviZ's algorithm (`arviz.hdi`, unimodal): among the intervals
 * [x(i), x(i + k)] of the sorted draws (all chains pooled) with k = floor(prob · n), the
 * narrowest; the first one on ties. NumPyro's `hpdi` is the same computation.
 */

/**
 * HDI of an already sorted array (ascending). NaN bounds if any draw is NaN.
 *
 * @example
 * ```ts
 * hdiSorted(Float64Array.of(0, 1, 1.1, 1.2, 5), 0.5); // [1, 1.2]
 * ```
 */
export function hdiSorted(sorted: ArrayLike<number>, prob: number): [number, number] {
  const n = sorted.length;
  if (n > 0 && Number.isNaN(sorted[n - 1])) return [NaN, NaN];
  const k = Math.floor(prob * n);
  const count = n - k;
  if (count <= 0 || n === 0) throw new RangeError(`hdi: too few draws (${n}) for an interval of probability ${prob}`);
  let best = 0;
  let bestWidth = Infinity;
  for (let i = 0; i < count; i++) {
    const w = sorted[i + k] - sorted[i];
    // NumPy's argmin: the first minimum; a NaN width (Inf - Inf) wins as NumPy's argmin would.
    if (w < bestWidth || (Number.isNaN(w) && !Number.isNaN(bestWidth))) {
      best = i;
      bestWidth = w;
      if (Number.isNaN(w)) break;
    }
  }
  return [sorted[best], sorted[best + k]];
}

/**
 * Highest density interval (ArviZ's `hdi` for a unimodal posterior; NumPyro's `hpdi`): the
 * narrowest interval that holds floor(prob · n) + 1 of the n draws, all chains pooled.
 *
 * @param prob - probability mass (default 0.94, ArviZ's default; NumPyro's is 0.9)
 * @returns `[lower, upper]`
 * @example
 * ```ts
 * hdi([[0.1, -0.4, 1.3], [0.2, 0.0, -2.5]], 0.5); // [-0.4, 0.2]
 * ```
 */
export function hdi(x: ScalarDraws, prob = 0.94): [number, number] {
  checkProb(prob, "hdi");
  return hdiSorted(sortedCopy(toChainMatrix(x).data), prob);
}
