/**
 * IEEE and C99 special values where a tfjs backend's kernels (4.22) differ from C and the CPU:
 * - webgl (GLSL): `x / x` is 1 for 0 and ∞ (a shortcut for a == b); NaN becomes ±∞ in sinh,
 *   cosh, expm1 and pow; asinh overflows past 1e19; log1p of x < −1 is finite; atan2(±0, x > 0)
 *   is π; pow ignores C's rules for ±0, ±∞ and NaN; float → int32 of NaN, ±∞ or out-of-range
 *   values is INT_MIN.
 * - wasm: maximum and minimum return the other operand when one is NaN.
 * - cpu (tfjs-cpu): pow is JavaScript's Math.pow, NaN for 1^NaN and (−1)^±∞ where C gives 1.
 * The corrections wrap the rules they fix with `where`s on that backend only; the other
 * backends keep their single kernel.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type Tf } from "./device.js";
import { type LowerCtx, type LoweringRule } from "./lowering.js";

type Tensor = tfc.Tensor;
type Fix = (tf: Tf, xs: Tensor[], r: Tensor, ctx: LowerCtx) => Tensor;

const nanLike = (tf: Tf, t: Tensor): Tensor => tf.fill(t.shape, NaN, "float32");
/** True where `x` is −0 or negative (its sign bit), for ±0 too. */
const signBit = (tf: Tf, x: Tensor): Tensor => tf.logicalOr(tf.less(x, 0), tf.logicalAnd(tf.equal(x, 0), tf.less(tf.div(1, x), 0)));

/** NaN where the (only) operand is NaN: the kernel turned it into a number. */
const keepNaN: Fix = (tf, [x], r) => tf.where(tf.isNaN(x), x, r);

/** True where `y` is an odd integer (every float32 past 2^24 is even). */
function oddInteger(tf: Tf, y: Tensor): Tensor {
  const a = tf.abs(y);
  const small = tf.less(a, 2 ** 24);
  const half = tf.mul(a, 0.5);
  return tf.logicalAnd(small, tf.logicalAnd(tf.equal(tf.floor(a), a), tf.notEqual(tf.floor(half), half)));
}

/**
 * pow with C99's special cases, from GLSL's pow of |x|: the sign for negative x and odd
 * integer y, NaN for negative x and non-integer y, and the table for NaN, ±0 and ±∞.
 */
const pow: Fix = (tf, [x, y]) => {
  const ax = tf.abs(x);
  const odd = oddInteger(tf, y);
  const integer = tf.equal(tf.floor(y), y);
  const mag = tf.pow(ax, y);
  const negBase = signBit(tf, x);
  const signed = tf.where(tf.logicalAnd(negBase, odd), tf.neg(mag), mag);
  const finiteX = tf.logicalNot(tf.logicalOr(tf.isInf(x), tf.isNaN(x)));
  let r = tf.where(tf.logicalAnd(tf.logicalAnd(tf.less(x, 0), finiteX), tf.logicalNot(integer)), nanLike(tf, signed), signed);
  // x = ±0 or ±∞ (y finite, nonzero): the magnitude is 0 or ∞, negative for a negative base
  // and an odd y.
  const zeroOrInf = tf.logicalOr(tf.equal(x, 0), tf.isInf(x));
  const big = tf.logicalXor(tf.equal(x, 0), tf.greater(y, 0));
  const edge = tf.where(big, tf.fill(r.shape, Infinity, "float32"), tf.zerosLike(r));
  r = tf.where(zeroOrInf, tf.where(tf.logicalAnd(negBase, odd), tf.neg(edge), edge), r);
  // y = ±∞: 1 for |x| = 1, else ∞ when |x| < 1 and y < 0 or |x| > 1 and y > 0, else 0.
  const yInf = tf.isInf(y);
  const grows = tf.logicalXor(tf.less(ax, 1), tf.greater(y, 0));
  r = tf.where(yInf, tf.where(tf.equal(ax, 1), tf.onesLike(r), tf.where(grows, tf.fill(r.shape, Infinity, "float32"), tf.zerosLike(r))), r);
  r = tf.where(tf.logicalOr(tf.isNaN(x), tf.isNaN(y)), nanLike(tf, r), r);
  // 1 for y = 0 (any x, NaN too) and for x = 1 (any y, NaN too).
  return tf.where(tf.logicalOr(tf.equal(y, 0), tf.equal(x, 1)), tf.onesLike(r), r);
};

/** 0/0 and ∞/∞ are NaN (GLSL's kernel returns 1 when the operands are equal). */
const div: Fix = (tf, [x, y], r) => tf.where(tf.logicalAnd(tf.equal(x, y), tf.logicalOr(tf.equal(x, 0), tf.isInf(x))), nanLike(tf, r), r);

/** atan2(±0, x): ±0 for x > 0 or x = +0, ±π for x < 0 or x = −0. */
const atan2: Fix = (tf, [y, x], r) => {
  const pi = tf.where(signBit(tf, y), tf.fill(r.shape, -Math.PI, "float32"), tf.fill(r.shape, Math.PI, "float32"));
  const zeroY = tf.where(signBit(tf, x), pi, tf.mul(y, tf.onesLike(r)));
  return tf.where(tf.logicalAnd(tf.equal(y, 0), tf.logicalNot(tf.isNaN(x))), zeroY, r);
};

/** asinh(x) = sign(x)·(ln|x| + ln 2) past |x| = 1e18, where x² overflows; NaN stays. */
const asinh: Fix = (tf, [x], r) => {
  const big = tf.mul(tf.sign(x), tf.add(tf.log(tf.abs(x)), Math.LN2));
  return tf.where(tf.isNaN(x), x, tf.where(tf.greater(tf.abs(x), 1e18), big, r));
};

/** log1p(x) is NaN for x < −1 (and NaN). */
const log1p: Fix = (tf, [x], r) => tf.where(tf.logicalOr(tf.less(x, -1), tf.isNaN(x)), nanLike(tf, r), r);

/**
 * float32 → int32 as the CPU converts (JavaScript's ToInt32): NaN and ±∞ are 0, other values
 * are truncated and wrapped modulo 2^32 (exact: a float32 past 2^31 is a multiple of 256).
 */
const toInt32: Fix = (tf, [x], r, ctx) => {
  if (ctx.inAvals[0].dtype !== "float32" || ctx.outAvals[0].dtype !== "int32") return r;
  const t = tf.where(tf.less(x, 0), tf.ceil(x), tf.floor(x));
  const wrapped = tf.sub(t, tf.mul(tf.floor(tf.div(tf.add(t, 2 ** 31), 2 ** 32)), 2 ** 32));
  const finite = tf.logicalNot(tf.logicalOr(tf.isNaN(x), tf.isInf(x)));
  return tf.cast(tf.where(finite, wrapped, tf.zerosLike(x)), "int32");
};

/** NaN where either operand is NaN (max and min). */
const nanWins: Fix = (tf, [x, y], r) => tf.where(tf.logicalOr(tf.isNaN(x), tf.isNaN(y)), nanLike(tf, r), r);

/** 1 for 1^y (NaN y too) and (−1)^±∞. */
const powOfOne: Fix = (tf, [x, y], r) => {
  const one = tf.logicalOr(tf.equal(x, 1), tf.logicalAnd(tf.equal(x, -1), tf.isInf(y)));
  return tf.where(one, tf.onesLike(r), r);
};

/** The corrections per tfjs backend name, then per primitive. */
const FIXES: Record<string, Record<string, Fix>> = {
  webgl: {
    sinh: keepNaN,
    cosh: keepNaN,
    expm1: keepNaN,
    asinh,
    log1p,
    div,
    pow,
    atan2,
    convert_element_type: toInt32,
  },
  wasm: { max: nanWins, min: nanWins },
  cpu: { pow: powOfOne },
};

/**
 * `rules` with the corrections above wrapped around the rules they fix: on the backend named
 * in FIXES the kernel's float32 result is corrected; elsewhere, and for other dtypes, the
 * rule's result is returned as it is.
 *
 * @example
 * ```ts
 * const rules = withIeeeFixes({ div: ([x, y], _p, ctx) => ctx.tf.div(x, y) });
 * ```
 */
export function withIeeeFixes(rules: Record<string, LoweringRule>): Record<string, LoweringRule> {
  const out = { ...rules };
  const names = new Set(Object.values(FIXES).flatMap((f) => Object.keys(f)));
  for (const name of names) {
    const rule = rules[name];
    if (rule === undefined) continue;
    out[name] = (xs, params, ctx) => {
      const r = rule(xs, params, ctx);
      const fix = FIXES[ctx.dev.backend]?.[name];
      if (r === null || globalThis.Array.isArray(r) || fix === undefined) return r;
      if (name !== "convert_element_type" && r.dtype !== "float32") return r;
      return fix(ctx.tf, xs, r, ctx);
    };
  }
  return out;
}
