/**
 * Sums, means and variances computed the way R computes them: a compensated sum divided by n,
 * then a second pass that adds the mean of the residuals. This matches R's long-double `mean`
 * and `var` closely, and returns exactly c for a constant sequence c, c, ..., c (so that a
 * constant chain has a variance of exactly zero, which the ESS and R-hat branch on).
 */

/**
 * Mean of `x[start .. start + n)` with compensated summation and R's residual correction.
 *
 * @example
 * ```ts
 * mean(Float64Array.of(0.1, 0.1, 0.1)); // 0.1 exactly
 * ```
 */
export function mean(x: ArrayLike<number>, start = 0, n = x.length - start): number {
  let sum = 0;
  let comp = 0;
  let plain = 0;
  for (let i = start, end = start + n; i < end; i++) {
    const v = x[i];
    plain += v;
    const t = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  // Infinities (or NaN) make the compensation meaningless: fall back to the plain sum.
  if (!Number.isFinite(plain)) return plain / n;
  let m = (sum + comp) / n;
  let rs = 0;
  let rc = 0;
  for (let i = start, end = start + n; i < end; i++) {
    const v = x[i] - m;
    const t = rs + v;
    rc += Math.abs(rs) >= Math.abs(v) ? rs - t + v : v - t + rs;
    rs = t;
  }
  m += (rs + rc) / n;
  return m;
}

/**
 * Sample variance (denominator n - 1) of `x[start .. start + n)`; NaN for fewer than two values.
 *
 * @example
 * ```ts
 * variance([1, 2, 3, 4]); // 1.6666666666666667
 * ```
 */
export function variance(x: ArrayLike<number>, start = 0, n = x.length - start, center?: number): number {
  if (n < 2) return NaN;
  const m = center ?? mean(x, start, n);
  let ss = 0;
  for (let i = start, end = start + n; i < end; i++) {
    const d = x[i] - m;
    ss += d * d;
  }
  return ss / (n - 1);
}

/**
 * Sample standard deviation (denominator n - 1), as R's `sd` and NumPy's `std(ddof=1)`.
 *
 * @example
 * ```ts
 * sd([1, 2, 3, 4]); // 1.2909944487358056
 * ```
 */
export function sd(x: ArrayLike<number>): number {
  return Math.sqrt(variance(x));
}

/**
 * Per-chain means of a chain-major matrix and the sample variance of those means (internal).
 * The variance is computed from the chain means' offsets from a reference draw, which are
 * exact to many more digits than the means themselves when the draws sit far from zero
 * relative to their spread (e.g. 1e6 ± 1e-3): this keeps R-hat and ESS accurate there.
 *
 * @example
 * ```ts
 * chainMeans(Float64Array.of(1, 2, 3, 5), 2, 2); // means [1.5, 4], varOfMeans 3.125
 * ```
 */
export function chainMeans(data: Float64Array, chains: number, n: number): ChainMeans {
  const means = new Float64Array(chains);
  const offsets = new Float64Array(chains);
  const ref = data.length > 0 ? data[0] : 0;
  for (let c = 0; c < chains; c++) {
    const off = c * n;
    // compensated mean of (x - ref), then R's residual correction
    let sum = 0;
    let comp = 0;
    for (let i = off, end = off + n; i < end; i++) {
      const v = data[i] - ref;
      const t = sum + v;
      comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
      sum = t;
    }
    let d = (sum + comp) / n;
    let rs = 0;
    for (let i = off, end = off + n; i < end; i++) rs += data[i] - ref - d;
    d += rs / n;
    offsets[c] = d;
    means[c] = ref + d;
  }
  return { means, offsets, ref, varOfMeans: variance(offsets) };
}

/** Chain means, kept as a reference value plus accurate offsets (see {@link chainMeans}). */
export interface ChainMeans {
  readonly means: Float64Array;
  readonly offsets: Float64Array;
  readonly ref: number;
  readonly varOfMeans: number;
}

/**
 * Centre each chain on its own mean, as (x - ref) - offset so that no precision is lost when
 * the draws sit far from zero (internal). Writes into `out` (chain-major).
 *
 * @example
 * ```ts
 * const x = Float64Array.of(1, 2, 3, 5);
 * centerChains(x, 2, 2, chainMeans(x, 2, 2), new Float64Array(4)); // [-0.5, 0.5, -1, 1]
 * ```
 */
export function centerChains(data: Float64Array, chains: number, n: number, cm: ChainMeans, out: Float64Array): Float64Array {
  const { ref, offsets } = cm;
  for (let c = 0; c < chains; c++) {
    const d = offsets[c];
    for (let i = c * n, end = c * n + n; i < end; i++) out[i] = data[i] - ref - d;
  }
  return out;
}

/**
 * posterior's `should_return_NA`: any NaN or infinite value, or |max - min| < machine epsilon
 * (an absolute tolerance, as posterior's `is_constant`).
 *
 * @example
 * ```ts
 * shouldReturnNaN([1, 1, 1]); // true
 * shouldReturnNaN([1, Infinity]); // true
 * ```
 */
export function shouldReturnNaN(x: ArrayLike<number>): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v - v !== 0) return true; // NaN or +-Infinity
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Math.abs(hi - lo) < Number.EPSILON;
}
