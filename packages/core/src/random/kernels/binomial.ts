/**
 * Per-element binomial sampler with the structure of JAX's `_binomial`
 * (jax/_src/random/core.py, after TensorFlow): with `q = min(p, 1 - p)`, geometric
 * inversion when `n * q <= 10`, else Hörmann's BTRS transformed rejection (1993); draws
 * for `p > 1/2` are reflected as `n - X`.
 *
 * @module
 */

import { uniformOpenAt } from "./stream.js";

/** Stirling-series remainder `log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2]`. */
const STIRLING_TAIL = [
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509,
  0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.010411265261972,
  0.00925546218271273, 0.00833056343336287,
];

function stirlingTail(k: number): number {
  if (k <= 9) return STIRLING_TAIL[k]!;
  const kp1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / (k + 1);
}

/** BTRS for `n * q > 10`, `q <= 1/2`. Reads stream positions 0, 1, 2, ... */
function btrs(k0: number, k1: number, n: number, q: number): number {
  const spq = Math.sqrt(n * q * (1 - q));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * q;
  const c = n * q + 0.5;
  const vR = 0.92 - 4.2 / b;
  const r = q / (1 - q);
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * q);
  const ubConst =
    (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) + stirlingTail(m) + stirlingTail(n - m);
  for (let i = 0; ; i += 2) {
    const u = uniformOpenAt(k0, k1, i) - 0.5;
    let v = uniformOpenAt(k0, k1, i + 1);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vR) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    const ub =
      ubConst +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (v <= ub) return k;
  }
}

/** Geometric-sum inversion for small `n * q`. */
function inversion(k0: number, k1: number, n: number, q: number): number {
  const log1mq = Math.log1p(-q);
  let sum = 0;
  let k = 0;
  for (let i = 0; ; i++) {
    sum += Math.ceil(Math.log(uniformOpenAt(k0, k1, i)) / log1mq);
    if (sum > n) return k;
    k++;
  }
}

/**
 * A Binomial(`n`, `p`) draw. Consumes the key `(k0, k1)`. Deterministic in the key;
 * exact in distribution up to float64 rounding; not JAX's numbers.
 *
 * @param k0 - first key word (the key is consumed)
 * @param k1 - second key word
 * @param n - number of trials (floored, as NumPy and JAX do for float counts)
 * @param p - success probability in [0, 1]
 * @returns the number of successes; NaN for a negative or NaN `n` or a `p` outside
 *   [0, 1]; `Infinity` for `n = Infinity`
 * @example
 * ```ts
 * const key = keyFromSeed(7);
 * const x = binomialOne(key[0], key[1], 1000, 0.4);
 * ```
 */
export function binomialOne(k0: number, k1: number, n: number, p: number): number {
  if (!(n >= 0) || !(p >= 0 && p <= 1)) return NaN;
  if (n === Infinity) return p === 0 ? 0 : Infinity;
  n = Math.floor(n);
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  let x: number;
  if (q === 0 || n === 0) x = 0;
  else if (n * q <= 10) x = inversion(k0, k1, n, q);
  else x = btrs(k0, k1, n, q);
  return flip ? n - x : x;
}
