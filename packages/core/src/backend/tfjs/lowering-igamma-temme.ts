/**
 * Temme's uniform asymptotic expansion of the regularized incomplete gamma functions for
 * a ≥ 10 and −1/2 < t < 1/2, t = (x − a)/a (DLMF 8.12): with μ = t − log(1 + t),
 * η = sign(t)√(2μ) and s = √(aμ) = |η|√(a/2),
 *   Q = erfc(s)/2 + e^{−aμ}/√(2πa)·Σ_k C_k(η)a^{−k} for t ≥ 0,
 *   P = erfc(s)/2 − e^{−aμ}/√(2πa)·Σ_k C_k(η)a^{−k} for t < 0,
 * the C_k truncated Taylor polynomials in η (the CPU kernel's table), as many terms and degrees
 * as float32 needs on |η| ≤ 0.62, a ≥ 10. Part of lowering-igamma.ts.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type Tf } from "./device.js";
import { poly } from "./lowering-special.js";
import * as C from "./special-coefficients.js";
import { TEMME_D } from "../../special/scalar/coefficients.js";

type Tensor = tfc.Tensor;

/** The expansion is used from this a on … */
export const TEMME_MIN_A = 10;
/** … for TEMME_MIN_T < t < TEMME_MAX_T. */
export const TEMME_MIN_T = -0.5;
export const TEMME_MAX_T = 0.5;

/** Degrees of the C_k kept (k = 0, 1, …): |η|^{d+1}·|coefficient|·10^{−k} below ~1e-9 on the band. */
const DEGREES = [10, 8, 6, 4, 4, 2];
/** Temme's C_k polynomials in η, k = 0…5, truncated to DEGREES. */
export const TEMME_COEFFICIENTS = DEGREES.map((d, k) => TEMME_D[k].slice(0, d + 1));
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** η = sign(t)√(2μ), clamped to [−1, 1] (elements outside the band are not used). */
function etaOf(tf: Tf, t: Tensor, mu: Tensor): Tensor {
  const r = tf.sqrt(tf.mul(mu, 2));
  return tf.clipByValue(tf.where(tf.less(t, 0), tf.neg(r), r), -1, 1);
}

/** Σ_k v_k·w^k by Horner's rule (v_0 first). */
function hornerTensors(tf: Tf, w: Tensor, v: Tensor[]): Tensor {
  let acc = v[v.length - 1];
  for (let k = v.length - 2; k >= 0; k--) acc = tf.add(tf.mul(acc, w), v[k]);
  return acc;
}

/** `coeffs` (constant first) and its derivative, at w. */
function polyAndDerivative(tf: Tf, w: Tensor, coeffs: readonly number[]): [Tensor, Tensor] {
  let p: Tensor = tf.fill(w.shape, coeffs[coeffs.length - 1], "float32");
  let dp: Tensor = tf.zerosLike(w);
  for (let i = coeffs.length - 2; i >= 0; i--) {
    dp = tf.add(tf.mul(dp, w), p);
    p = tf.add(tf.mul(p, w), coeffs[i]);
  }
  return [p, dp];
}

/** erfc(s)/2 for s ≥ 0, with e = e^{−s²} given: 1/2 − erf(s)/2 below 0.75, e·erfcx(s)/2 above. */
function halfErfc(tf: Tf, s: Tensor, e: Tensor): Tensor {
  const small = tf.less(s, 0.75);
  const ss = tf.minimum(s, 0.75);
  const centre = tf.sub(0.5, tf.mul(tf.mul(ss, 0.5), poly(tf, tf.mul(ss, ss), C.ERF_SMALL)));
  const sl = tf.maximum(s, 0.75);
  const tau = tf.div(1, tf.add(tf.mul(sl, 0.5), 1));
  const erfcx = tf.mul(tau, poly(tf, tf.sub(tf.mul(tau, 2.75), 1), C.ERFCX_T));
  return tf.where(small, centre, tf.mul(tf.mul(e, erfcx), 0.5));
}

/**
 * Temme's expansion at (a, t) with μ = μ(t) given: `value` is Q where `isQ` (t ≥ 0), else P.
 *
 * @example
 * ```ts
 * temme(tf, tf.tensor1d([100]), tf.tensor1d([0]), tf.tensor1d([0])).value; // [0.4867] = Q(100, 100)
 * ```
 */
export function temme(tf: Tf, a: Tensor, t: Tensor, mu: Tensor): { value: Tensor; isQ: Tensor } {
  const eta = etaOf(tf, t, mu);
  const ia = tf.div(1, a);
  const sum = hornerTensors(
    tf,
    ia,
    TEMME_COEFFICIENTS.map((c) => poly(tf, eta, c)),
  );
  const amu = tf.mul(a, mu);
  const e = tf.exp(tf.neg(amu));
  const r = tf.mul(tf.mul(sum, tf.rsqrt(a)), INV_SQRT_2PI);
  const isQ = tf.greaterEqual(t, 0);
  const er = tf.mul(e, r);
  const value = tf.add(halfErfc(tf, tf.sqrt(amu), e), tf.where(isQ, er, tf.neg(er)));
  return { value, isQ };
}

/**
 * The bracket of ∂P/∂a in Temme's region: ∂P/∂a = −e^{−aμ}/√(2πa)·bracket with
 * bracket = log(1 + t)/η + log(1 + t)·Σ C_k a^{−k} + Σ (C_k'(η)·∂η/∂a − (k + ½)C_k/a)a^{−k},
 * ∂η/∂a = −t/(aη).
 *
 * @example
 * ```ts
 * temmeDerivative(tf, tf.tensor1d([100]), tf.tensor1d([0]), tf.tensor1d([0])); // [1.0033]
 * ```
 */
export function temmeDerivative(tf: Tf, a: Tensor, t: Tensor, mu: Tensor): Tensor {
  const eta = etaOf(tf, t, mu);
  const ia = tf.div(1, a);
  const pairs = TEMME_COEFFICIENTS.map((c) => polyAndDerivative(tf, eta, c));
  const sum = hornerTensors(
    tf,
    ia,
    pairs.map(([p]) => p),
  );
  const sumDerivative = hornerTensors(
    tf,
    ia,
    pairs.map(([, dp]) => dp),
  );
  const sumWeighted = hornerTensors(
    tf,
    ia,
    pairs.map(([p], k) => tf.mul(p, k + 0.5)),
  );
  const atZero = tf.equal(t, 0);
  const safeEta = tf.where(atZero, tf.onesLike(eta), eta);
  const logLambda = tf.sub(t, mu);
  const logOverEta = tf.where(atZero, tf.onesLike(t), tf.div(logLambda, safeEta));
  const tOverEta = tf.where(atZero, tf.onesLike(t), tf.div(t, safeEta));
  const dsum = tf.neg(tf.mul(ia, tf.add(tf.mul(tOverEta, sumDerivative), sumWeighted)));
  return tf.add(tf.add(logOverEta, tf.mul(logLambda, sum)), dsum);
}
