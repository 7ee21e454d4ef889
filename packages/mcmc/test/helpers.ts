/** Test targets and a batch-means Monte-Carlo standard error (tests only). */
import { type LogDensity, fromFunction } from "../src/index.js";

/** Standard normal in `dim` dimensions (hand-written). */
export function stdNormal(dim: number): LogDensity {
  return fromFunction(dim, (x, g) => {
    let s = 0;
    for (let i = 0; i < dim; i++) {
      s += x[i] * x[i];
      g[i] = -x[i];
    }
    return -0.5 * s;
  });
}

/** A zero-mean Gaussian with covariance `cov` (row-major), via its precision. */
export function gaussian(dim: number, cov: Float64Array): LogDensity {
  const prec = invert(cov, dim);
  return fromFunction(dim, (x, g) => {
    let s = 0;
    for (let i = 0; i < dim; i++) {
      let r = 0;
      for (let j = 0; j < dim; j++) r += prec[i * dim + j] * x[j];
      g[i] = -r;
      s += r * x[i];
    }
    return -0.5 * s;
  });
}

/** Neal's funnel, non-centred: v ~ N(0, 3), z_i ~ N(0, 1); x_i = exp(v/2) z_i. Position [v, z...]. */
export function funnelNonCentred(dim: number): LogDensity {
  return fromFunction(dim, (x, g) => {
    let s = (x[0] * x[0]) / 9;
    g[0] = -x[0] / 9;
    for (let i = 1; i < dim; i++) {
      s += x[i] * x[i];
      g[i] = -x[i];
    }
    return -0.5 * s;
  });
}

export function invert(a: Float64Array, n: number): Float64Array {
  const m = Array.from({ length: n }, (_, i) => [...a.subarray(i * n, (i + 1) * n), ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c];
    for (let k = 0; k < 2 * n; k++) m[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c];
      for (let k = 0; k < 2 * n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = m[i][n + j];
  return out;
}

/** Column `j` of row-major `draws` (`n × dim`). */
export function column(draws: Float64Array, dim: number, j: number, f: (v: number) => number = (v) => v): Float64Array {
  const n = draws.length / dim;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(draws[i * dim + j]);
  return out;
}

export function meanOf(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** Batch-means MCSE of the mean (√n batches of √n draws). */
export function batchMeansMcse(x: Float64Array): number {
  const n = x.length;
  const b = Math.floor(Math.sqrt(n));
  const k = Math.floor(n / b);
  const means = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < b; j++) s += x[i * b + j];
    means[i] = s / b;
  }
  const m = meanOf(means);
  let v = 0;
  for (const mu of means) v += (mu - m) ** 2;
  v /= k - 1;
  return Math.sqrt(v / k);
}

/**
 * Check the mean and the sd of column `j` against the truth within `z` Monte-Carlo standard
 * errors (the sd through the MCSE of the second moment, by the delta method). Returns a message
 * or null.
 */
export function checkMoments(draws: Float64Array, dim: number, j: number, mean: number, sd: number, z = 4, f?: (v: number) => number): string | null {
  const x = column(draws, dim, j, f);
  const m = meanOf(x);
  const mcseM = batchMeansMcse(x);
  const sq = x.map((v) => (v - mean) ** 2);
  const m2 = meanOf(sq);
  const mcse2 = batchMeansMcse(sq);
  const sdHat = Math.sqrt(m2);
  const mcseSd = mcse2 / (2 * sdHat);
  const errs: string[] = [];
  if (Math.abs(m - mean) > z * mcseM) errs.push(`mean ${m.toFixed(4)} vs ${mean} (mcse ${mcseM.toFixed(4)})`);
  if (Math.abs(sdHat - sd) > z * mcseSd) errs.push(`sd ${sdHat.toFixed(4)} vs ${sd} (mcse ${mcseSd.toFixed(4)})`);
  return errs.length ? `column ${j}: ${errs.join("; ")}` : null;
}
