// polygamma(n, x) = psi^(n)(x) = (-1)^(n+1) n! zeta(n+1, x) for n >= 1.
//
// Hurwitz zeta for integer s >= 2 by Euler–Maclaurin summation (as Cephes `zeta`): direct sum
// up to a shift w = x + N >= max(12, s), then the integral, the half term and 12 Bernoulli
// correction terms. For x < 0 (only meaningful for integer s) the same sum is used, as SciPy does.

import { digamma } from "./digamma.js";
import { lgamma } from "./gamma.js";

/** B_{2j} / (2j)!, j = 1..12 */
const BERN_OVER_FACT = [
  1 / 12,
  -1 / 720,
  1 / 30240,
  -1 / 1209600,
  1 / 47900160,
  -691 / 1307674368000,
  1 / 74724249600,
  -3617 / 10670622842880000,
  43867 / 5109094217170944000,
  -174611 / 802857662698291200000,
  77683 / 14101100039391805440000,
  -236364091 / 1693824136731743669452800000,
];

/** Hurwitz zeta(s, q) for integer s >= 2 (internal). */
export function hurwitzZetaInt(s: number, q: number): number {
  if (q <= 0 && Math.floor(q) === q) return Infinity;
  const wMin = Math.max(12, s);
  let sum = 0;
  let w = q;
  if (w < wMin) {
    // sum terms from the smallest |q + k| upwards last, to limit rounding
    const n = Math.ceil(wMin - q);
    for (let k = n - 1; k >= 0; k--) sum += Math.pow(q + k, -s);
    w = q + n;
  }
  // tail: w^(1-s)/(s-1) + w^(-s)/2 + sum_j B_2j/(2j)! s(s+1)...(s+2j-2) w^(-s-2j+1)
  const ws = Math.pow(w, -s);
  let tail = (w * ws) / (s - 1) + 0.5 * ws;
  let fac = s * (ws / w); // s w^(-s-1)
  const w2 = 1 / (w * w);
  for (let j = 0; j < BERN_OVER_FACT.length; j++) {
    const t = BERN_OVER_FACT[j] * fac;
    tail += t;
    if (Math.abs(t) < 1e-17 * Math.abs(tail)) break;
    fac *= (s + 2 * j + 1) * (s + 2 * j + 2) * w2;
  }
  return sum + tail;
}

/**
 * log of n! ζ(n + 1, x) for x > 0 and n past 170, where n! overflows and ζ may underflow:
 * lgamma(n + 1) − (n + 1) log x + log Σ_k (x / (x + k))^(n+1), the sum run until its terms fall
 * below 1e-17 of it (at most a million terms, then the integral of the rest).
 */
function logScaledPolygamma(n: number, x: number): number {
  const s = n + 1;
  let sum = 0;
  let k = 0;
  for (; k < 1_000_000; k++) {
    const t = Math.exp(-s * Math.log1p(k / x));
    sum += t;
    if (t < 1e-17 * sum) return lgamma(s) - s * Math.log(x) + Math.log(sum);
  }
  // Σ_{j >= k} (x / (x + j))^s ≈ ∫_k^∞ − half the first term (the terms vary slowly there)
  const first = Math.exp(-s * Math.log1p(k / x));
  sum += ((x + k) / (s - 1)) * first - 0.5 * first;
  return lgamma(s) - s * Math.log(x) + Math.log(sum);
}

function factorial(n: number): number {
  let f = 1;
  for (let k = 2; k <= n; k++) f *= k;
  return f;
}

/**
 * The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of digamma, as `scipy.special.polygamma`,
 * for integer n ≥ 0 (n = 0 is {@link digamma}); `NaN` for negative or non-integer n.
 * At the poles x = 0, -1, -2, ... the result is (-1)^(n+1) `Infinity` (as SciPy, which is the
 * limit from the right). Past n = 170, where n! overflows, the product is formed in logs (so
 * ψ⁽²⁰⁰⁾(10) ≈ −7.89e173 is finite); `NaN` for n = `Infinity`.
 *
 * @example
 * polygamma(1, 1); // 1.6449340668482264 (= pi^2 / 6)
 * polygamma(2, 0.5); // -16.82879664423432
 */
export function polygamma(n: number, x: number): number {
  if (Number.isNaN(n) || Number.isNaN(x)) return NaN;
  if (n < 0 || Math.floor(n) !== n) return NaN;
  if (n === Infinity) return NaN;
  if (n === 0) return digamma(x);
  if (x === Infinity) return 0;
  if (x === -Infinity) return NaN;
  const sign = n % 2 === 1 ? 1 : -1;
  if (n > 170 && x > 0) return sign * Math.exp(logScaledPolygamma(n, x));
  const z = hurwitzZetaInt(n + 1, x);
  if (z === Infinity) return sign * Infinity;
  if (n > 170) return z === 0 ? 0 : sign * Math.sign(z) * Math.exp(lgamma(n + 1) + Math.log(Math.abs(z)));
  return sign * factorial(n) * z;
}
