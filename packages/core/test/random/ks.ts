/**
 * Kolmogorov-Smirnov helpers for the sampler tests. The reference distributions come from
 * SciPy (test/fixtures/random/sampler-reference.json, written by
 * scripts/random/make_sampler_reference.py).
 */

/** Number of sorted values `<= x` (or `< x` when `strict`). */
function countBelow(sorted: Float64Array, x: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (strict ? v < x : v <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Grid KS statistic against a continuous distribution given by its quantiles
 * `q[i] = ppf((i + 1) / M)`: the max over the grid of `|F_n(q) - p|`, with `F_n` taken just
 * below and at each `q`. The exact statistic lies in `[D, D + 1/M]`.
 */
export function ksGrid(samples: Float64Array, quantiles: number[]): { d: number; dUpper: number } {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  const m = quantiles.length + 1;
  let d = 0;
  for (let i = 0; i < quantiles.length; i++) {
    const p = (i + 1) / m;
    const q = quantiles[i]!;
    d = Math.max(d, Math.abs(countBelow(sorted, q, false) / n - p), Math.abs(countBelow(sorted, q, true) / n - p));
  }
  return { d, dUpper: d + 1 / m };
}

/**
 * KS statistic against a discrete distribution given by its CDF on `kmin, kmin + 1, ...`
 * (mass outside the table below 1e-15): `max_k |F_n(k) - F(k)|`, which is the exact
 * supremum for an integer-valued sample.
 */
export function ksDiscrete(samples: Float64Array, kmin: number, cdf: number[]): number {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  let d = countBelow(sorted, kmin, true) / n; // F(kmin - 1) is ~0
  for (let j = 0; j < cdf.length; j++) {
    d = Math.max(d, Math.abs(countBelow(sorted, kmin + j, false) / n - cdf[j]!));
  }
  d = Math.max(d, 1 - countBelow(sorted, kmin + cdf.length - 1, false) / n);
  return d;
}

/**
 * Asymptotic p-value of the one-sample KS statistic `d` for `n` samples: the Kolmogorov
 * survival function at `(sqrt(n) + 0.12 + 0.11 / sqrt(n)) d` (Stephens' correction). For a
 * discrete reference distribution it is conservative (too large).
 */
export function ksPValue(d: number, n: number): number {
  const sn = Math.sqrt(n);
  const lambda = (sn + 0.12 + 0.11 / sn) * d;
  if (lambda < 0.2) return 1;
  if (lambda < 1.18) {
    // 1 - sqrt(2 pi)/lambda * sum exp(-(2k-1)^2 pi^2 / (8 lambda^2))
    const c = (Math.PI * Math.PI) / (8 * lambda * lambda);
    let s = 0;
    for (let k = 1; k <= 10; k++) s += Math.exp(-(2 * k - 1) * (2 * k - 1) * c);
    return Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * s);
  }
  let s = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    s += k % 2 === 1 ? term : -term;
    if (term < 1e-18) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}
