/**
 * Mass-matrix adaptation: Welford's online estimate of the posterior variance (diagonal) or
 * covariance (dense), regularised as Stan does (BlackJAX's `adaptation.mass_matrix`).
 *
 * @module
 */

/** A running mean and (co)variance accumulator. Updated in place. */
export interface WelfordState {
  readonly dim: number;
  readonly dense: boolean;
  count: number;
  readonly mean: Float64Array;
  /** Sum of squared deviations: length `dim` (diagonal) or `dim²` (dense). */
  readonly m2: Float64Array;
  /** Scratch: the deviation from the old mean. */
  readonly delta: Float64Array;
}

/**
 * An empty Welford accumulator.
 *
 * @example
 * ```ts
 * const w = welfordInit(3, false); // diagonal
 * ```
 */
export function welfordInit(dim: number, dense = false): WelfordState {
  return { dim, dense, count: 0, mean: new Float64Array(dim), m2: new Float64Array(dense ? dim * dim : dim), delta: new Float64Array(dim) };
}

/**
 * Add one draw, in place (no allocation).
 *
 * @example
 * ```ts
 * welfordUpdate(w, state.position);
 * ```
 */
export function welfordUpdate(w: WelfordState, x: Float64Array): void {
  const n = w.dim;
  w.count++;
  const c = w.count;
  const mean = w.mean;
  const d = w.delta;
  for (let i = 0; i < n; i++) {
    d[i] = x[i] - mean[i];
    mean[i] += d[i] / c;
  }
  const m2 = w.m2;
  if (w.dense) {
    for (let i = 0; i < n; i++) {
      const ai = x[i] - mean[i];
      const row = i * n;
      for (let j = 0; j < n; j++) m2[row + j] += ai * d[j];
    }
  } else {
    for (let i = 0; i < n; i++) m2[i] += (x[i] - mean[i]) * d[i];
  }
}

/**
 * Forget every draw (in place).
 *
 * @example
 * ```ts
 * welfordReset(w);
 * ```
 */
export function welfordReset(w: WelfordState): void {
  w.count = 0;
  w.mean.fill(0);
  w.m2.fill(0);
}

/**
 * The estimated inverse mass matrix: the sample (co)variance, shrunk towards `1e-3 · I` as Stan
 * does, `(n / (n + 5)) Σ + 1e-3 (5 / (n + 5)) I` (or the raw sample (co)variance when
 * `regularize` is false). Returns a new array. Needs at least two draws.
 *
 * @example
 * ```ts
 * const inverseMassMatrix = welfordCovariance(w);
 * ```
 */
export function welfordCovariance(w: WelfordState, regularize = true): Float64Array {
  const n = w.count;
  if (n < 2) throw new RangeError(`welfordCovariance: needs at least 2 draws; got ${n}`);
  const out = new Float64Array(w.m2.length);
  const scale = 1 / (n - 1);
  const shrink = regularize ? n / (n + 5) : 1;
  const jitter = regularize ? 1e-3 * (5 / (n + 5)) : 0;
  for (let k = 0; k < out.length; k++) out[k] = shrink * scale * w.m2[k];
  if (w.dense) {
    const d = w.dim;
    // Symmetrise (rounding) and regularise the diagonal.
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) {
        const s = 0.5 * (out[i * d + j] + out[j * d + i]);
        out[i * d + j] = s;
        out[j * d + i] = s;
      }
      out[i * d + i] += jitter;
    }
  } else {
    for (let i = 0; i < out.length; i++) out[i] += jitter;
  }
  return out;
}
