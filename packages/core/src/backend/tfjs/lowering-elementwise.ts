/**
 * Lowering rules for elementwise primitives that tfjs has no single op for (`cbrt`, `exp10`,
 * C-style `rem`), as compositions of tfjs ops that keep float32 accuracy and the CPU's special
 * values.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type Tf } from "./device.js";
import { type LoweringRule } from "./lowering.js";

type Tensor = tfc.Tensor;

const LOG10_2_HI = 0.301025390625; // log10(2) to 16 bits: n·LOG10_2_HI is exact for |n| < 2^8
const LOG10_2_LO = 4.6050389811980175e-6; // log10(2) − LOG10_2_HI
const LOG2_10 = Math.log2(10);

/**
 * ∛x: e^{log|x|/3} refined by one Newton step y + (x/y² − y)/3 (float32 accurate); keeps ±0,
 * ±∞ and NaN.
 *
 * @example
 * ```ts
 * cbrt(tf, tf.tensor1d([-27, 8])); // [-3, 2]
 * ```
 */
export function cbrt(tf: Tf, x: Tensor): Tensor {
  const ax = tf.abs(x);
  const y0 = tf.exp(tf.div(tf.log(ax), 3));
  const y = tf.add(y0, tf.div(tf.sub(tf.div(ax, tf.mul(y0, y0)), y0), 3));
  const r = tf.where(tf.less(x, 0), tf.neg(y), y);
  return tf.where(tf.logicalOr(tf.equal(x, 0), tf.isInf(x)), x, r);
}

/**
 * 10^x: x = n·log₁₀2 + f (n an integer, f computed exactly with a split log₁₀2), then
 * 10^f = e^{f ln 10} times 2^n in two exact halves (2^n alone may overflow where the result
 * does not). Keeps ±∞, 0 at −∞ and NaN.
 *
 * @example
 * ```ts
 * exp10(tf, tf.tensor1d([2, -1])); // [100, 0.1]
 * ```
 */
export function exp10(tf: Tf, x: Tensor): Tensor {
  const xc = tf.clipByValue(x, -50, 50);
  const n = tf.round(tf.mul(xc, LOG2_10));
  const f = tf.sub(tf.sub(xc, tf.mul(n, LOG10_2_HI)), tf.mul(n, LOG10_2_LO));
  const n1 = tf.floor(tf.mul(n, 0.5));
  const m = tf.exp(tf.mul(f, Math.LN10));
  const r = tf.mul(tf.mul(m, tf.pow(2, n1)), tf.pow(2, tf.sub(n, n1)));
  // ±∞ directly: webgl's kernels turn the clipped +∞ into NaN.
  const inf = tf.where(tf.greater(x, 0), x, tf.zerosLike(x));
  return tf.where(tf.logicalOr(tf.isNaN(x), tf.isInf(x)), tf.where(tf.isNaN(x), x, inf), r);
}

/** Dekker's split of a float32 into a high half (12 bits) and the exact rest. */
function split(tf: Tf, a: Tensor): [Tensor, Tensor] {
  const c = tf.mul(a, 4097);
  const hi = tf.sub(c, tf.sub(c, a));
  return [hi, tf.sub(a, hi)];
}

/**
 * fmod(ax, ay) for ax, ay ≥ 0 where tf.mod is a − b·floor(a/b) in one shader (webgl): one
 * round of ax − q·ay with q = round(ax/ay) and the product split exactly (Dekker), each op
 * its own correctly rounded float32 pass. Exact while ax/ay < 2^20 (the result lies in
 * (−ay, ay); the caller adds ay to a negative one); beyond that within a few ulp of q·ay.
 * Arguments above 2^100 are scaled down by 2^100 first (exact) so the split cannot overflow.
 */
function fmodOneRound(tf: Tf, ax: Tensor, ay: Tensor): Tensor {
  const big = tf.greater(ay, 2 ** 100);
  const scale = tf.where(big, tf.fill(ay.shape, 2 ** -100, "float32"), tf.onesLike(ay));
  const a = tf.mul(ax, scale);
  const b = tf.mul(ay, scale);
  const q = tf.round(tf.div(a, b));
  const [qh, ql] = split(tf, q);
  const [bh, bl] = split(tf, b);
  const hi = tf.mul(q, b);
  const lo = tf.add(tf.add(tf.add(tf.sub(tf.mul(qh, bh), hi), tf.mul(qh, bl)), tf.mul(ql, bh)), tf.mul(ql, bl));
  const r = tf.div(tf.sub(tf.sub(a, hi), lo), scale);
  // ax < ay: the answer is ax itself (also where q·ay would overflow for huge quotients).
  return tf.where(tf.less(ax, ay), ax, r);
}

/**
 * C-style truncated remainder x − trunc(x/y)·y (the sign of x), as the CPU's `%`: tfjs's
 * `mod` is floored, so it runs on |x| and |y| and the sign is put back. int32: y = 0 gives 0.
 */
const rem: LoweringRule = ([x, y], _p, ctx) => {
  const { tf } = ctx;
  const dtype = ctx.inAvals[0].dtype;
  if (dtype === "int32") {
    const i0 = tf.scalar(0, "int32");
    const zero = tf.equal(y, i0);
    const ys = tf.where(zero, tf.onesLike(y), y);
    // Two rounds of r − floor(r/y)·y: wasm divides int32 in float32, so the first quotient
    // of a large x may be off by a few; the second is exact.
    let r = x;
    for (let k = 0; k < 2; k++) r = tf.sub(r, tf.mul(tf.floorDiv(r, ys), ys));
    // Now floored (the sign of y) up to one step; make it truncated (the sign of x).
    r = tf.where(tf.logicalAnd(tf.notEqual(r, i0), tf.logicalXor(tf.less(r, i0), tf.less(ys, i0))), tf.add(r, ys), r);
    r = tf.where(tf.logicalAnd(tf.notEqual(r, i0), tf.logicalXor(tf.less(r, i0), tf.less(x, i0))), tf.sub(r, ys), r);
    return tf.where(zero, tf.zerosLike(r), r);
  }
  if (dtype !== "float32") return null;
  const ax = tf.abs(x);
  const ay = tf.abs(y);
  let r = ctx.dev.backend === "webgl" ? fmodOneRound(tf, ax, ay) : tf.mod(ax, ay);
  r = tf.where(tf.less(r, 0), tf.add(r, ay), r);
  r = tf.where(tf.greaterEqual(r, ay), tf.sub(r, ay), r);
  r = tf.where(tf.less(x, 0), tf.neg(r), r);
  // fmod(x, ±∞) = x for finite x; NaN for x = ±∞ or y = 0 (tf.mod's own answer there varies).
  const yInf = tf.logicalAnd(tf.isInf(y), tf.logicalNot(tf.isInf(x)));
  const bad = tf.logicalOr(tf.isInf(x), tf.equal(y, 0));
  return tf.where(bad, tf.fill(r.shape, NaN, "float32"), tf.where(yInf, x, r));
};

/** A float32-only unary rule (other dtypes fall back). */
function unaryF(op: (tf: Tf, x: Tensor) => Tensor): LoweringRule {
  return ([x], _p, ctx) => (ctx.inAvals[0].dtype === "float32" ? op(ctx.tf, x) : null);
}

/**
 * The elementwise composition rules, keyed by primitive name (merged into `tfjsLowerings`).
 *
 * @example
 * ```ts
 * elementwiseLowerings.rem([x, y], null, ctx); // x − trunc(x/y)·y as tfjs ops
 * ```
 */
export const elementwiseLowerings: Readonly<Record<string, LoweringRule>> = {
  cbrt: unaryF(cbrt),
  exp10: unaryF(exp10),
  rem,
};
