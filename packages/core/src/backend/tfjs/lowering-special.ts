/**
 * Lowering rules for special functions on tfjs devices, as compositions of tfjs ops with
 * float32-accurate approximations (own fits: special-coefficients.ts). Every branch of a
 * piecewise definition is evaluated and the right one selected with `where`; special values
 * (±∞, NaN, poles) follow the CPU kernels in `special/scalar`. Arguments and results are
 * float32; int32 and the rest fall back to the CPU.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type Tf } from "./device.js";
import { type LoweringRule } from "./lowering.js";
import * as C from "./special-coefficients.js";

type Tensor = tfc.Tensor;

const SQRT1_2 = Math.SQRT1_2;
const LOG_PI = Math.log(Math.PI);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** The positive zero of digamma, split hi + lo. */
export const DIGAMMA_X0_HI = 1.4616321325302124;
export const DIGAMMA_X0_LO = 1.2438149938918909e-8;

/**
 * `coeffs` (constant term first) evaluated at `w` by Horner's rule.
 *
 * @example
 * ```ts
 * poly(tf, x, [1, 2, 3]); // 1 + 2x + 3x²
 * ```
 */
export function poly(tf: Tf, w: Tensor, coeffs: readonly number[]): Tensor {
  let acc: Tensor = tf.fill(w.shape, coeffs[coeffs.length - 1], "float32");
  for (let i = coeffs.length - 2; i >= 0; i--) acc = tf.add(tf.mul(acc, w), coeffs[i]);
  return acc;
}

/** NaN where `x` is NaN, else `r` (kernels whose min/max/compare paths may drop a NaN). */
function keepNaN(tf: Tf, x: Tensor, r: Tensor): Tensor {
  return tf.where(tf.isNaN(x), x, r);
}

/**
 * exp(−k·x²) for x ≥ 0 (k = 1 or 1/2) without the rounding of x² in the exponent: x = h + l
 * with h on a 1/256 grid (h² exact in float32 for x < 16, and e^{-k h²} underflows past it),
 * e^{−k x²} = e^{−k h²}·e^{−k l (x + h)}.
 *
 * @example
 * ```ts
 * expNegSq(tf, tf.tensor1d([9]), 1); // ≈ 6.6e-36 to float32 accuracy
 * ```
 */
export function expNegSq(tf: Tf, ax: Tensor, k: 1 | 0.5): Tensor {
  const x = tf.minimum(ax, 64);
  const h = tf.div(tf.floor(tf.mul(x, 256)), 256);
  const l = tf.sub(x, h);
  return tf.mul(tf.exp(tf.mul(tf.mul(h, h), -k)), tf.exp(tf.mul(tf.mul(l, tf.add(x, h)), -k)));
}

/** erf(x) for |x| ≤ 0.75: x·P(x²). */
function erfSmall(tf: Tf, x: Tensor): Tensor {
  return tf.mul(x, poly(tf, tf.mul(x, x), C.ERF_SMALL));
}

/** erfcx(x) = e^{x²} erfc(x) for x ≥ 0.75 (any larger x, including +∞, is fine). */
function erfcxTail(tf: Tf, x: Tensor): Tensor {
  const t = tf.div(1, tf.add(tf.mul(x, 0.5), 1));
  return tf.mul(t, poly(tf, tf.sub(tf.mul(t, 2.75), 1), C.ERFCX_T));
}

/** erfc(|x|) for |x| ≥ 0.75 (0 past the float32 range). */
function erfcTail(tf: Tf, ax: Tensor): Tensor {
  const safe = tf.maximum(ax, 0.75);
  return tf.mul(expNegSq(tf, safe, 1), erfcxTail(tf, safe));
}

/** erfc: 1 − erf(x) near 0, e^{−x²}·erfcx(|x|) in the tails (2 − that for x < 0). */
function erfc(tf: Tf, x: Tensor): Tensor {
  const ax = tf.abs(x);
  const small = tf.less(ax, 0.75);
  const tail = erfcTail(tf, ax);
  const r = tf.where(small, tf.sub(1, erfSmall(tf, tf.where(small, x, tf.zerosLike(x)))), tf.where(tf.greater(x, 0), tail, tf.sub(2, tail)));
  return keepNaN(tf, x, r);
}

/** Φ(−|x|) for |x| ≥ 1.06: e^{−x²/2}·erfcx(|x|/√2)/2, full relative accuracy down to underflow. */
function ndtrLowerTail(tf: Tf, ax: Tensor): Tensor {
  const safe = tf.maximum(ax, 1.06);
  return tf.mul(tf.mul(expNegSq(tf, safe, 0.5), erfcxTail(tf, tf.mul(safe, SQRT1_2))), 0.5);
}

/** Φ(x) = 1/2 + erf(x/√2)/2 for |x| < 1.06, the tail formula outside. */
function ndtr(tf: Tf, x: Tensor): Tensor {
  const ax = tf.abs(x);
  const small = tf.less(ax, 1.06);
  const centre = tf.add(tf.mul(erfSmall(tf, tf.mul(tf.where(small, x, tf.zerosLike(x)), SQRT1_2)), 0.5), 0.5);
  const q = ndtrLowerTail(tf, ax);
  return keepNaN(tf, x, tf.where(small, centre, tf.where(tf.less(x, 0), q, tf.sub(1, q))));
}

/**
 * log1p(x): its Taylor series to x⁵ for |x| < 1/100 (relative error < 2e-13), log(u)·x/(u − 1)
 * with u = 1 + x beyond (Kahan). tf.log1p is log(1 + x) on webgl, and GLSL's log is only
 * absolutely accurate near 1.
 */
function log1p(tf: Tf, x: Tensor): Tensor {
  const series = tf.mul(x, poly(tf, x, [1, -1 / 2, 1 / 3, -1 / 4, 1 / 5]));
  const u = tf.add(x, 1);
  const d = tf.sub(u, 1);
  const one = tf.equal(d, 0);
  const kahan = tf.where(one, x, tf.div(tf.mul(tf.log(u), x), tf.where(one, tf.onesLike(d), d)));
  return tf.where(tf.less(tf.abs(x), 0.01), series, kahan);
}

/**
 * log Φ(x): log(erfcx(−x/√2)/2) − x²/2 in the lower tail (no underflow), log Φ(x) in the
 * middle, log1p(−Φ(−x)) for x > 0.
 */
function logNdtr(tf: Tf, x: Tensor): Tensor {
  const lower = tf.less(x, -1.06);
  const safe = tf.where(lower, x, tf.fill(x.shape, -2, "float32"));
  const tail = tf.sub(tf.log(tf.mul(erfcxTail(tf, tf.mul(safe, -SQRT1_2)), 0.5)), tf.mul(tf.mul(safe, safe), 0.5));
  const p = ndtr(tf, tf.neg(tf.abs(x)));
  const mid = tf.where(tf.less(x, 0), tf.log(p), log1p(tf, tf.neg(p)));
  const r = tf.where(lower, tail, mid);
  return keepNaN(tf, x, tf.where(tf.equal(x, -Infinity), x, r));
}

/** erfcinv(z) for 0 ≤ z ≤ 1/2, from s = √(−log(z(2 − z))) (two fits); +∞ at 0. */
function erfcinvTail(tf: Tf, z: Tensor): Tensor {
  const s = tf.sqrt(tf.neg(tf.log(tf.mul(z, tf.sub(2, z)))));
  const low = poly(tf, tf.mul(tf.sub(tf.minimum(s, 2.5), C.ERFCINV_LOW_MAP[0]), 1 / C.ERFCINV_LOW_MAP[1]), C.ERFCINV_LOW);
  const sh = tf.maximum(s, 2.5);
  const high = tf.mul(sh, poly(tf, tf.mul(tf.sub(tf.div(1, sh), C.ERFCINV_HIGH_MAP[0]), 1 / C.ERFCINV_HIGH_MAP[1]), C.ERFCINV_HIGH));
  return tf.where(tf.equal(z, 0), tf.fill(z.shape, Infinity, "float32"), tf.where(tf.less(s, 2.5), low, high));
}

/** erfinv(y) for |y| ≤ 1/2: y·P(y²). */
function erfinvCentral(tf: Tf, y: Tensor): Tensor {
  return tf.mul(y, poly(tf, tf.mul(y, y), C.ERFINV_CENTRAL));
}

/** erfinv: the central fit for |y| ≤ 1/2, ±erfcinv(1 − |y|) (1 − |y| exact) outside; NaN past ±1. */
function erfInv(tf: Tf, y: Tensor): Tensor {
  const ay = tf.abs(y);
  const central = tf.lessEqual(ay, 0.5);
  const t = erfcinvTail(tf, tf.minimum(tf.sub(1, ay), 0.5));
  const tail = tf.where(tf.less(y, 0), tf.neg(t), t);
  const r = tf.where(central, erfinvCentral(tf, tf.where(central, y, tf.zerosLike(y))), tail);
  return keepNaN(tf, y, tf.where(tf.greater(ay, 1), tf.fill(y.shape, NaN, "float32"), r));
}

/** Φ⁻¹(p) = −√2 erfcinv(2p) for p < 1/4, √2 erfinv(2p − 1) in the middle, √2 erfcinv(2(1 − p)) above 3/4 (every difference exact). */
function ndtri(tf: Tf, p: Tensor): Tensor {
  const lower = tf.less(p, 0.25);
  const upper = tf.greater(p, 0.75);
  const z = tf.mul(tf.where(lower, p, tf.sub(1, p)), 2);
  const tail = tf.mul(erfcinvTail(tf, tf.clipByValue(z, 0, 0.5)), Math.SQRT2);
  const mid = tf.mul(erfinvCentral(tf, tf.clipByValue(tf.sub(tf.mul(p, 2), 1), -0.5, 0.5)), Math.SQRT2);
  const r = tf.where(lower, tf.neg(tail), tf.where(upper, tail, mid));
  const outside = tf.logicalOr(tf.less(p, 0), tf.greater(p, 1));
  return keepNaN(tf, p, tf.where(outside, tf.fill(p.shape, NaN, "float32"), r));
}

/** sin(πr) for |r| ≤ 1/2: r·P(r²). */
function sinpiReduced(tf: Tf, r: Tensor): Tensor {
  return tf.mul(r, poly(tf, tf.mul(r, r), C.SINPI));
}

/**
 * log Γ(v) for v > −1/2 (v ≥ 1/2 in the reflection): lgamma(2 + w) = w·P(w) on w ∈ [−1/2, 1]
 * with w = v, v − 1 or v − 2 (exact) and the log terms of the recurrence, Stirling for v ≥ 3.
 */
function lgammaRight(tf: Tf, v: Tensor): Tensor {
  const av = tf.abs(v);
  const lv = tf.log(av);
  const a = tf.less(av, 0.5);
  const b = tf.less(v, 1.5);
  const c = tf.less(v, 3);
  const w = tf.where(a, v, tf.where(b, tf.sub(v, 1), tf.sub(tf.minimum(v, 3), 2)));
  const extra = tf.where(a, tf.neg(tf.add(lv, tf.log(tf.add(v, 1)))), tf.where(b, tf.neg(lv), tf.zerosLike(v)));
  const near = tf.add(tf.mul(w, poly(tf, w, C.LGAMMA_2P)), extra);
  const big = tf.maximum(v, 3);
  const r = tf.div(1, big);
  const stirling = tf.add(tf.sub(tf.mul(tf.sub(big, 0.5), tf.log(big)), big), tf.add(tf.mul(r, poly(tf, tf.mul(r, r), C.STIRLING)), HALF_LOG_2PI));
  return tf.where(c, near, tf.where(tf.equal(v, Infinity), v, stirling));
}

/** log|Γ(x)|: lgammaRight for x > −1/2, the reflection log π − log|x sin πx| − log Γ(−x) below; +∞ at the poles, −∞ at −∞. */
function lgamma(tf: Tf, x: Tensor): Tensor {
  const reflect = tf.lessEqual(x, -0.5);
  const v = tf.where(reflect, tf.neg(x), x);
  const right = lgammaRight(tf, v);
  const r = tf.sub(x, tf.round(x));
  const s = tf.abs(sinpiReduced(tf, r));
  const left = tf.sub(tf.sub(LOG_PI, tf.log(tf.mul(v, s))), right);
  const pole = tf.logicalAnd(tf.lessEqual(x, 0), tf.equal(r, 0));
  let out = tf.where(reflect, left, right);
  out = tf.where(pole, tf.fill(x.shape, Infinity, "float32"), out);
  return keepNaN(tf, x, tf.where(tf.equal(x, -Infinity), x, out));
}

/**
 * ψ(v) for v > 0: the fit about the positive zero on [1, 2] after the recurrence
 * ψ(v) = ψ(v − k) + Σ 1/(v − j) (up to 4 steps, exact shifts) or ψ(v) = ψ(v + 1) − 1/v;
 * the asymptotic series for v ≥ 6.
 */
function digammaRight(tf: Tf, v: Tensor): Tensor {
  const below = tf.less(v, 1);
  const n = tf.clipByValue(tf.sub(tf.floor(v), 1), 0, 4);
  const base = tf.where(below, tf.add(v, 1), tf.sub(v, n));
  let corr = tf.where(below, tf.div(-1, v), tf.zerosLike(v));
  for (let k = 1; k <= 4; k++) {
    const step = tf.greaterEqual(n, k);
    corr = tf.add(corr, tf.where(step, tf.div(1, tf.where(step, tf.sub(v, k), tf.onesLike(v))), tf.zerosLike(v)));
  }
  const d = tf.sub(tf.sub(base, DIGAMMA_X0_HI), DIGAMMA_X0_LO);
  const near = tf.add(tf.mul(d, poly(tf, d, C.DIGAMMA_ROOT)), corr);
  const big = tf.maximum(v, 6);
  const u = tf.div(1, tf.mul(big, big));
  const asym = tf.sub(tf.sub(tf.log(big), tf.div(0.5, big)), tf.mul(u, poly(tf, u, C.DIGAMMA_ASYM)));
  return tf.where(tf.less(v, 6), near, asym);
}

/** ψ(x): digammaRight for x > 0, ψ(1 − x) − π cot(πx) for x ≤ 0; −1/x at ±0, NaN at the poles and −∞. */
function digamma(tf: Tf, x: Tensor): Tensor {
  const pos = tf.greater(x, 0);
  const v = tf.where(pos, x, tf.sub(1, x));
  const right = digammaRight(tf, v);
  const r = tf.sub(x, tf.round(x));
  const cot = tf.div(sinpiReduced(tf, tf.sub(0.5, tf.abs(r))), sinpiReduced(tf, r));
  const left = tf.sub(right, tf.mul(cot, Math.PI));
  let out = tf.where(pos, right, left);
  out = tf.where(tf.logicalAnd(tf.logicalNot(pos), tf.equal(r, 0)), tf.fill(x.shape, NaN, "float32"), out);
  out = tf.where(tf.equal(x, 0), tf.div(-1, x), out);
  return keepNaN(tf, x, out);
}

/** Taylor coefficients of I₀(x) and I₁(x)/(x/2) in q = x²/4: 1/(k!)² and 1/(k!(k+1)!), k ≤ 15 (|x| ≤ 8). */
export const I0_SERIES: number[] = [];
export const I1_SERIES: number[] = [];
for (let k = 0, f = 1; k <= 15; k++) {
  if (k > 0) f *= k;
  I0_SERIES.push(1 / (f * f));
  I1_SERIES.push(1 / (f * f * (k + 1)));
}

/** e^{−|x|} I_ν(x), ν = 0 or 1: the power series times e^{−|x|} for |x| ≤ 8, a fit of √|x|·e^{−|x|}I_ν in 8/|x| beyond. */
function besselIe(order: 0 | 1): (tf: Tf, x: Tensor) => Tensor {
  return (tf, x) => {
    const ax = tf.abs(x);
    const small = tf.lessEqual(ax, 8);
    const s = tf.minimum(ax, 8);
    const q = tf.mul(tf.mul(s, s), 0.25);
    let series = tf.mul(tf.exp(tf.neg(s)), poly(tf, q, order === 0 ? I0_SERIES : I1_SERIES));
    if (order === 1) series = tf.mul(series, tf.mul(s, 0.5));
    const l = tf.maximum(ax, 8);
    const large = tf.mul(tf.rsqrt(l), poly(tf, tf.sub(tf.div(16, l), 1), order === 0 ? C.I0E_LARGE : C.I1E_LARGE));
    const r = tf.where(small, series, large);
    return keepNaN(tf, x, order === 0 ? r : tf.where(tf.less(x, 0), tf.neg(r), r));
  };
}

/** A float32-only unary rule (other dtypes fall back). */
function unaryF(op: (tf: Tf, x: Tensor) => Tensor): LoweringRule {
  return ([x], _p, ctx) => (ctx.inAvals[0].dtype === "float32" ? op(ctx.tf, x) : null);
}

/**
 * The special-function rules, keyed by primitive name (merged into `tfjsLowerings`).
 *
 * @example
 * ```ts
 * specialLowerings.lgamma([x], null, ctx); // log|Γ(x)| as tfjs ops (float32), or null for other dtypes
 * ```
 */
export const specialLowerings: Readonly<Record<string, LoweringRule>> = {
  erfc: unaryF(erfc),
  ndtr: unaryF(ndtr),
  log_ndtr: unaryF(logNdtr),
  erf_inv: unaryF(erfInv),
  ndtri: unaryF(ndtri),
  lgamma: unaryF(lgamma),
  digamma: unaryF(digamma),
  bessel_i0e: unaryF(besselIe(0)),
  bessel_i1e: unaryF(besselIe(1)),
};
