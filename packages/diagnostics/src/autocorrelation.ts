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

/** Lags below this are summed directly; beyond it one FFT per pair of chains gives them all. */
const DIRECT_LAGS = 48;

/**
 * Mean over chains of the chain autocovariances, computed lazily (internal, used by the ESS).
 * Geyer's initial sequence usually stops after a few lags, so the first lags are summed
 * directly (O(N) each); a request beyond {@link DIRECT_LAGS} switches to FFT for all lags.
 */
export class MeanAutocovariance {
  /** mean over chains of acov[k], valid for k < computed */
  readonly values: Float64Array;
  private computed = 0;

  /**
   * @param centered - chain-major draws, each chain centred on its mean
   */
  constructor(
    private readonly centered: Float64Array,
    private readonly chains: number,
    private readonly n: number,
  ) {
    this.values = new Float64Array(n);
  }

  /** acov mean at lag k (k < n). */
  at(k: number): number {
    if (k >= this.computed) this.extend(k + 1);
    return this.values[k];
  }

  private extend(upTo: number): void {
    const { n, chains, centered, values } = this;
    if (upTo > DIRECT_LAGS) {
      this.viaFft();
      return;
    }
    const end = Math.min(n, Math.max(upTo, this.computed + 8));
    const scale = 1 / (n * chains);
    for (let k = this.computed; k < end; k++) {
      let total = 0;
      for (let c = 0; c < chains; c++) {
        const off = c * n;
        let s = 0;
        for (let i = off, j = off + k, stop = off + n; j < stop; i++, j++) s += centered[i] * centered[j];
        total += s;
      }
      values[k] = total * scale;
    }
    this.computed = end;
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
