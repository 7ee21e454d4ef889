/**
 * Per-element gamma samplers with the structure of JAX's `_gamma_one`
 * (jax/_src/random/core.py): Marsaglia and Tsang's squeeze-and-reject method for
 * shape >= 1, and for shape < 1 the boost `Gamma(a) = Gamma(a + 1) * U^(1/a)`, which
 * {@link logGammaOne} applies in log space so that tiny shapes do not underflow.
 *
 * Each call consumes its key: it reads the sampler stream of `(k0, k1)` (stream position
 * 0 is the boost uniform, positions 1, 2, ... feed the rejection loop). The numbers are
 * deterministic in the key but are not JAX's numbers (JAX's normals come from `erf_inv`
 * of split keys); the distribution is exact up to float64 rounding.
 *
 * @module
 */

import { normalAt, uniformOpenAt } from "./stream.js";

/**
 * Marsaglia-Tsang for shape `a >= 1`: returns `d * v^3`, a Gamma(a) draw, reading stream
 * positions 1, 2, ...
 */
function gammaMarsagliaTsang(k0: number, k1: number, a: number): number {
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let i = 1;
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalAt(k0, k1, i++);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniformOpenAt(k0, k1, i++);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * The log of a Gamma(`alpha`, 1) draw, computed in log space (as JAX's
 * `random.loggamma`), so that shapes far below 1 (where the draw itself underflows even
 * float64) keep full resolution: for `alpha < 1` it returns
 * `log Gamma(alpha + 1) + log(U) / alpha`.
 *
 * @param k0 - first key word (the key is consumed)
 * @param k1 - second key word
 * @param alpha - shape, > 0
 * @param float32 - round the result to float32
 * @returns `log X` with `X ~ Gamma(alpha, 1)`; `-Infinity` for `alpha = 0`, NaN for a
 *   negative or NaN `alpha`, `Infinity` for `alpha = Infinity`
 * @example
 * ```ts
 * const keys = split(keyFromSeed(0), 1000);
 * const logs = Array.from({ length: 1000 }, (_, i) =>
 *   logGammaOne(keys[2 * i], keys[2 * i + 1], 1e-3, false)); // log of tiny gamma draws
 * ```
 */
export function logGammaOne(k0: number, k1: number, alpha: number, float32: boolean): number {
  let r: number;
  if (!(alpha > 0)) {
    r = alpha === 0 ? -Infinity : NaN;
  } else if (alpha === Infinity) {
    r = Infinity;
  } else if (alpha >= 1) {
    r = Math.log(gammaMarsagliaTsang(k0, k1, alpha));
  } else {
    r = Math.log(gammaMarsagliaTsang(k0, k1, alpha + 1)) + Math.log(uniformOpenAt(k0, k1, 0)) / alpha;
  }
  return float32 ? Math.fround(r) : r;
}

/**
 * A Gamma(`alpha`, 1) draw (unit rate). For `alpha < 1` it boosts from `alpha + 1` by
 * `U^(1/alpha)`, which underflows to 0 with the probability that the true draw lies below
 * the smallest float (use {@link logGammaOne} for tiny shapes). It is the exponential of
 * {@link logGammaOne} for the same key, up to rounding.
 *
 * @param k0 - first key word (the key is consumed)
 * @param k1 - second key word
 * @param alpha - shape, > 0
 * @param float32 - round the result to float32 (draws below the float32 range become 0)
 * @returns the draw; 0 for `alpha = 0`, NaN for a negative or NaN `alpha`, `Infinity`
 *   for `alpha = Infinity`
 * @example
 * ```ts
 * const key = keyFromSeed(1);
 * const x = gammaOne(key[0], key[1], 3.7, false); // one Gamma(3.7) draw
 * ```
 */
export function gammaOne(k0: number, k1: number, alpha: number, float32: boolean): number {
  let r: number;
  if (!(alpha > 0)) {
    r = alpha === 0 ? 0 : NaN;
  } else if (alpha === Infinity) {
    r = Infinity;
  } else if (alpha >= 1) {
    r = gammaMarsagliaTsang(k0, k1, alpha);
  } else {
    r = gammaMarsagliaTsang(k0, k1, alpha + 1) * Math.pow(uniformOpenAt(k0, k1, 0), 1 / alpha);
  }
  return float32 ? Math.fround(r) : r;
}
