/**
 * Per-element Poisson sampler with the structure of JAX's `_poisson`
 * (jax/_src/random/core.py, after TensorFlow and NumPy): Knuth's product-of-uniforms
 * method for `lam < 10`, Hörmann's transformed rejection with squeeze (PTRS, 1993) above.
 *
 * @module
 */

import { logFactorial } from "./log-factorial.js";
import { uniformOpenAt } from "./stream.js";

/**
 * A Poisson(`lam`) draw. Consumes the key `(k0, k1)` (its sampler stream). Deterministic
 * in the key; exact in distribution up to float64 rounding; not JAX's numbers.
 *
 * @param k0 - first key word (the key is consumed)
 * @param k1 - second key word
 * @param lam - the rate, >= 0
 * @returns a non-negative integer (as a number); 0 for `lam = 0`, `Infinity` for
 *   `lam = Infinity`, NaN for a negative or NaN rate
 * @example
 * ```ts
 * const key = keyFromSeed(3);
 * const n = poissonOne(key[0], key[1], 30);
 * ```
 */
export function poissonOne(k0: number, k1: number, lam: number): number {
  if (!(lam > 0)) return lam === 0 ? 0 : NaN;
  if (lam === Infinity) return Infinity;
  if (lam < 10) {
    // Knuth: the number of uniforms whose running product stays above exp(-lam),
    // accumulated in log space.
    let k = 0;
    let s = Math.log(uniformOpenAt(k0, k1, 0));
    while (s > -lam) {
      k++;
      s += Math.log(uniformOpenAt(k0, k1, k));
    }
    return k;
  }
  // PTRS (W. Hörmann, "The transformed rejection method for generating Poisson random
  // variables", Insurance: Mathematics and Economics 12, 1993).
  const logLam = Math.log(lam);
  const b = 0.931 + 2.53 * Math.sqrt(lam);
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vR = 0.9277 - 3.6224 / (b - 2);
  for (let i = 0; ; i += 2) {
    const u = uniformOpenAt(k0, k1, i) - 0.5;
    const v = uniformOpenAt(k0, k1, i + 1);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vR) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const s = Math.log((v * invAlpha) / (a / (us * us) + b));
    const t = -lam + k * logLam - logFactorial(k);
    if (s <= t) return k;
  }
}
