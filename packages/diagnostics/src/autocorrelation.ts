import { lagProducts2 } from "./fft.js";
import { mean, variance } from "./moments.js";

/**
 * Autocovariance and autocorrelation of one sequence, as posterior's `autocovariance` and
 * `autocorrelation`: the "biased" estimator (lag-k sum divided by N, as Geyer recommends),
 * computed by a zero-padded FFT (no circular wrap-around).
 */

/**
 * Autocovariance at every lag 0 .. N-1: acov[k] = (1/N) sum_{i < N-k} (x_i - m)(x_{i+k} - m).
 * All zeros for a constant sequence. Computed by FFT in O(N log N).
 *
 * @example
 * ```ts
 * autocovariance([1, 2, 3, 4]); // Float64Array [1.25, 0.3125, -0.375, -0.5625]
 * ```
 */
export function autocovariance(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const m = mean(x);
  const v = variance(x, 0, n, m);
  if (v === 0) return out;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = x[i] - m;
  lagProducts2(y, out);
  // posterior scales by the sample variance rather than by the FFT's own lag-0 term.
  const scale = (v * (n - 1)) / n / out[0];
  for (let k = 0; k < n; k++) out[k] *= scale;
  return out;
}

/**
 * Autocorrelation at every lag 0 .. N-1 (autocovariance divided by its lag-0 value); NaN for a
 * constant sequence.
 *
 * @example
 * ```ts
 * autocorrelation([1, 2, 3, 4]); // Float64Array [1, 0.25, -0.3, -0.45]
 * ```
 */
export function autocorrelation(x: ArrayLike<number>): Float64Array {
  const ac = autocovariance(x);
  const c0 = ac[0];
  for (let k = 0; k < ac.length; k++) ac[k] /= c0;
  return ac;
}

/**
 * How many lags to sum directly before switching to FFT. Summing one lag costs about n
 * multiply-adds per chain; the FFT route about 6 m log2(m) per chain (m = next power of two
 * >= 2n, measured in V8), so switching at half the break-even bounds the wasted work.
 */
function directLagLimit(n: number): number {
  let m = 1;
  while (m < 2 * n) m *= 2;
  return Math.max(16, Math.floor((3 * m * Math.log2(m)) / n));
}

/**
 * Mean over chains of the chain autocovariances, computed lazily (internal, used by the ESS).
 * Geyer's initial sequence usually stops after a few lags, so the first lags are summed
 * directly (O(N) each); a request beyond a few hundred lags switches to FFT for all lags.
 *
 * @example
 * ```ts
 * const acov = new MeanAutocovariance(centeredDraws, 4, 1000);
 * acov.at(1); // mean over the 4 chains of the lag-1 autocovariance
 * ```
 */
export class MeanAutocovariance {
  /** mean over chains of acov[k], valid for k < computed */
  readonly values: Float64Array;
  private computed = 0;
  private readonly directLimit: number;

  /**
   * @param centered - chain-major draws, each chain centred on its mean
   */
  constructor(
    private readonly centered: Float64Array,
    private readonly chains: number,
    private readonly n: number,
  ) {
    this.values = new Float64Array(n);
    this.directLimit = directLagLimit(n);
  }

  /** acov mean at lag k (k < n). */
  at(k: number): number {
    if (k >= this.computed) this.extend(k + 1);
    return this.values[k];
  }

  private extend(upTo: number): void {
    const { n, chains, centered, values } = this;
    if (upTo > this.directLimit) {
      this.viaFft();
      return;
    }
    // Lags in blocks of four: each pass over a chain accumulates four lag products.
    const end = Math.min(n, Math.max(upTo, this.computed + 8));
    const scale = 1 / (n * chains);
    for (let k = this.computed; k < end; k += 4) {
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let c = 0; c < chains; c++) {
        const off = c * n;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        const lim = off + Math.max(0, n - k - 3);
        let i = off;
        for (; i < lim; i++) {
          const a = centered[i];
          const j = i + k;
          s0 += a * centered[j];
          s1 += a * centered[j + 1];
          s2 += a * centered[j + 2];
          s3 += a * centered[j + 3];
        }
        const stop = off + n;
        for (let r = i; r + k < stop; r++) {
          const a = centered[r];
          const j = r + k;
          s0 += a * centered[j];
          if (j + 1 < stop) s1 += a * centered[j + 1];
          if (j + 2 < stop) s2 += a * centered[j + 2];
          if (j + 3 < stop) s3 += a * centered[j + 3];
        }
        t0 += s0;
        t1 += s1;
        t2 += s2;
        t3 += s3;
      }
      values[k] = t0 * scale;
      if (k + 1 < n) values[k + 1] = t1 * scale;
      if (k + 2 < n) values[k + 2] = t2 * scale;
      if (k + 3 < n) values[k + 3] = t3 * scale;
    }
    this.computed = Math.min(n, end + ((4 - ((end - this.computed) % 4)) % 4));
  }

  private viaFft(): void {
    const { n, chains, centered, values } = this;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    values.fill(0);
    for (let c = 0; c < chains; c += 2) {
      const ya = centered.subarray(c * n, (c + 1) * n);
      if (c + 1 < chains) {
        lagProducts2(ya, a, centered.subarray((c + 1) * n, (c + 2) * n), b);
        for (let k = 0; k < n; k++) values[k] += a[k] + b[k];
      } else {
        lagProducts2(ya, a);
        for (let k = 0; k < n; k++) values[k] += a[k];
      }
    }
    const scale = 1 / (n * chains);
    for (let k = 0; k < n; k++) values[k] *= scale;
    this.computed = n;
  }
}
