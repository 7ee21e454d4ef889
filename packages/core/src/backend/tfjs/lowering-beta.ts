/**
 * Lowering rules for the regularized incomplete beta function and its inverse (betainc,
 * betaincinv) and polygamma (lowering-polygamma.ts) on tfjs devices, as compositions of tfjs ops
 * (float32 operands; other dtypes fall back to the CPU kernels).
 *
 * I_x(a, b) = P·F/a with the prefix P = x^a (1 − x)^b / B(a, b) and F the continued fraction of
 * Abramowitz & Stegun 26.5.8, evaluated backwards from a fixed depth with a tail estimate, where
 * x < (a + 1)/(a + b + 2); above that point I_x(a, b) = 1 − I_{1−x}(b, a). The prefix is written
 * as exp(a·log1pmx(tx) + b·log1pmx(ty) + K(a) + K(b) − K(a + b)) with tx = (x(a + b) − a)/a,
 * ty = −(x(a + b) − a)/b and K(v) = v log v − v − log Γ(v) (Stirling's series for v ≥ 10), so
 * the large terms a log x, b log(1 − x), log B(a, b) cancel analytically for large a and b.
 * betaincinv takes the initial guess of Numerical Recipes (§6.4) and Halley steps on I_x − y.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type Tf } from "./device.js";
import { type LowerCtx, type LoweringRule } from "./lowering.js";
import { polygammaLowerings } from "./lowering-polygamma.js";
import { poly, specialLowerings } from "./lowering-special.js";

type Tensor = tfc.Tensor;

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** m-steps (two partial numerators each) of the continued fraction before the tail estimate. */
const FRACTION_DEPTH = 24;
/** Halley steps of betaincinv after the initial guess. */
const INVERSE_STEPS = 6;
/** Σ_k u^{2k}/(2k + 3) (the series of (atanh u − u)/u³), |u| ≤ 0.43. */
const ATANH_TAIL = Array.from({ length: 10 }, (_, k) => 1 / (2 * k + 3));
/** −ω(v) = −(log Γ(v) − (v − ½) log v + v − ½ log 2π) in r = 1/v, then r² (v ≥ 10). */
const STIRLING_OMEGA = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680];

/** log Γ(v) by the lgamma rule of lowering-special.ts (float32 `ctx`). */
function lgamma(ctx: LowerCtx, v: Tensor): Tensor {
  return specialLowerings.lgamma([v], null, ctx) as Tensor;
}

/** The float32 rounding error e of p = fl(u·v) (u·v = p + e exactly; Veltkamp splitting, 2^12 + 1). */
function productError(tf: Tf, u: Tensor, v: Tensor, p: Tensor): Tensor {
  const split = (w: Tensor): [Tensor, Tensor] => {
    const t = tf.mul(w, 4097);
    const hi = tf.sub(t, tf.sub(t, w));
    return [hi, tf.sub(w, hi)];
  };
  const [uh, ul] = split(u);
  const [vh, vl] = split(v);
  return tf.add(tf.add(tf.sub(tf.mul(uh, vh), p), tf.add(tf.mul(uh, vl), tf.mul(ul, vh))), tf.mul(ul, vl));
}

/** x·(a + b) − a for exact float32 x, a, b, rounded once (a two-sum and an exact product). */
function deviationFromMean(tf: Tf, a: Tensor, b: Tensor, x: Tensor): Tensor {
  const big = tf.maximum(a, b);
  const small = tf.minimum(a, b);
  const sh = tf.add(big, small);
  const sl = tf.sub(small, tf.sub(sh, big));
  const p = tf.mul(x, sh);
  return tf.add(tf.sub(p, a), tf.add(productError(tf, x, sh, p), tf.mul(x, sl)));
}

/**
 * log(1 + t) − t for t > −1: −t·w + 2w³·Σ w^{2k}/(2k + 3) with w = t/(2 + t) on [−0.6, 1.5];
 * `log1pt` (log(1 + t) from elsewhere, accurate where 1 + t is far from 1) minus t outside.
 */
function log1pmx(tf: Tf, t: Tensor, log1pt: Tensor): Tensor {
  const near = tf.logicalAnd(tf.greaterEqual(t, -0.6), tf.lessEqual(t, 1.5));
  const tn = tf.where(near, t, tf.zerosLike(t));
  const w = tf.div(tn, tf.add(tn, 2));
  const w2 = tf.mul(w, w);
  const series = tf.sub(tf.mul(tf.mul(tf.mul(w2, w), 2), poly(tf, w2, ATANH_TAIL)), tf.mul(tn, w));
  return tf.where(near, series, tf.sub(log1pt, t));
}

/** K(v) = v log v − v − log Γ(v): ½ log v − ½ log 2π − ω(v) by Stirling's series for v ≥ 10, directly below. */
function stirlingK(ctx: LowerCtx, v: Tensor, logv: Tensor): Tensor {
  const { tf } = ctx;
  const big = tf.maximum(v, 10);
  const r = tf.div(1, big);
  const stirling = tf.sub(tf.sub(tf.mul(logv, 0.5), HALF_LOG_2PI), tf.mul(r, poly(tf, tf.mul(r, r), STIRLING_OMEGA)));
  const sv = tf.minimum(v, 10);
  const direct = tf.sub(tf.mul(sv, tf.sub(tf.log(sv), 1)), lgamma(ctx, sv));
  return tf.where(tf.less(v, 10), direct, stirling);
}

/**
 * log of the prefix x^a y^b / B(a, b) for 0 < x < 1, y = 1 − x (rounded), a, b > 0 (finite),
 * d = x(a + b) − a.
 */
function logBetaPrefix(ctx: LowerCtx, a: Tensor, b: Tensor, x: Tensor, y: Tensor, d: Tensor): Tensor {
  const { tf } = ctx;
  const s = tf.add(a, b);
  const abs3 = tf.stack([a, b, s]);
  const logs3 = tf.log(abs3);
  const k3 = stirlingK(ctx, abs3, logs3);
  const [ka, kb, ks] = tf.unstack(k3);
  const t2 = tf.stack([tf.div(d, a), tf.div(tf.neg(d), b)]);
  // log(1 + t) far from t = 0: 1 + tx = x(a + b)/a, 1 + ty = (1 − x)(a + b)/b
  const log1pt2 = tf.log(tf.div(tf.mul(tf.stack([x, y]), s), tf.stack([a, b])));
  const [ea, eb] = tf.unstack(tf.mul(log1pmx(tf, t2, log1pt2), tf.stack([a, b])));
  return tf.add(tf.add(ea, eb), tf.sub(tf.add(ka, kb), ks));
}

/** The n-th partial numerator of A&S 26.5.8 (n = 2m even, n = 2m + 1 odd). */
function partialNumerator(tf: Tf, n: number, a: Tensor, b: Tensor, s: Tensor, x: Tensor): Tensor {
  const m = Math.floor(n / 2);
  if (n % 2 === 0) {
    const den = tf.mul(tf.add(a, 2 * m - 1), tf.add(a, 2 * m));
    return tf.div(tf.mul(tf.sub(b, m), tf.mul(x, m)), den);
  }
  const den = tf.mul(tf.add(a, 2 * m), tf.add(a, 2 * m + 1));
  return tf.div(tf.mul(tf.mul(tf.add(a, m), tf.add(s, m)), tf.neg(x)), den);
}

/**
 * 1 + d_n for odd n = 2m + 1 without the cancellation of 1 − x·(…) as x → 1: the numerator
 * (a + 2m)(a + 2m + 1) − x(a + m)(a + b + m) = a + m(a(3 − x) + 4m + 2 − mx) − d(a + m),
 * with d = x(a + b) − a computed accurately and `a3x` = a(3 − x).
 */
function onePlusOddNumerator(tf: Tf, m: number, a: Tensor, x: Tensor, d: Tensor, a3x: Tensor): Tensor {
  const den = tf.mul(tf.add(a, 2 * m), tf.add(a, 2 * m + 1));
  const num = m > 0 ? tf.sub(tf.add(tf.mul(tf.sub(tf.add(a3x, 4 * m + 2), tf.mul(x, m)), m), a), tf.mul(d, tf.add(a, m))) : tf.sub(a, tf.mul(d, a));
  return tf.div(num, den);
}

/**
 * 1/(1 + d₁/(1 + d₂/(1 + …))) (A&S 26.5.8) to depth 2·FRACTION_DEPTH, the rest estimated by the
 * fixed point of a fraction with period two (the next two partial numerators repeated).
 * Evaluated backwards as g_n = 1 + d_n/g_{n+1}; for odd n as (1 + d_n + f_{n+1})/g_{n+1} with
 * f_{n+1} = d_{n+1}/g_{n+2}, so that g_n stays accurate when it is small (x near 1).
 */
function betaFraction(tf: Tf, a: Tensor, b: Tensor, x: Tensor, d: Tensor): Tensor {
  const s = tf.add(a, b);
  const p = partialNumerator(tf, 2 * FRACTION_DEPTH + 1, a, b, s, x);
  const q = partialNumerator(tf, 2 * FRACTION_DEPTH + 2, a, b, s, x);
  // f = p/(1 + q/(1 + f)): f² + (1 + q − p) f − p = 0, the root near p/(1 + q − p).
  const c = tf.sub(tf.add(q, 1), p);
  const root = tf.sqrt(tf.relu(tf.add(tf.mul(c, c), tf.mul(p, 4))));
  let g = tf.add(tf.div(tf.mul(p, 2), tf.add(c, root)), 1);
  const a3x = tf.mul(a, tf.sub(3, x));
  for (let m = FRACTION_DEPTH; m >= 1; m--) {
    const f = tf.div(partialNumerator(tf, 2 * m, a, b, s, x), g);
    g = tf.div(tf.add(onePlusOddNumerator(tf, m - 1, a, x, d, a3x), f), tf.add(f, 1));
  }
  return tf.div(1, g);
}

/** I_x(a, b), 1 − I_x(a, b), which of them was computed directly (the other by a subtraction) and the prefix x^a (1 − x)^b / B(a, b), for 0 < x < 1 and finite a, b > 0. */
function betaincCore(ctx: LowerCtx, a: Tensor, b: Tensor, x: Tensor): { value: Tensor; complement: Tensor; flipped: Tensor; prefix: Tensor } {
  const { tf } = ctx;
  const y = tf.sub(1, x);
  const d = deviationFromMean(tf, a, b, x);
  const prefix = tf.exp(logBetaPrefix(ctx, a, b, x, y, d));
  // 1 − I_{1−x}(b, a) cancels where b < 1 (the mass near 1): keep I_x(a, b), whose fraction
  // still converges in FRACTION_DEPTH steps up to x = 0.99
  const keep = tf.logicalAnd(tf.less(b, 1), tf.lessEqual(x, 0.99));
  const flip = tf.logicalAnd(tf.greaterEqual(x, tf.div(tf.add(a, 1), tf.add(tf.add(a, b), 2))), tf.logicalNot(keep));
  const fa = tf.where(flip, b, a);
  const fb = tf.where(flip, a, b);
  const fx = tf.where(flip, y, x);
  const fd = tf.where(flip, tf.neg(d), d); // y(a + b) − b = −d
  const part = tf.div(tf.mul(prefix, betaFraction(tf, fa, fb, fx, fd)), fa);
  return { value: tf.where(flip, tf.sub(1, part), part), complement: tf.where(flip, part, tf.sub(1, part)), flipped: flip, prefix };
}

const nanLike = (tf: Tf, t: Tensor): Tensor => tf.fill(t.shape, NaN, "float32");
const isNaNAny = (tf: Tf, ...ts: Tensor[]): Tensor => ts.map((t) => tf.isNaN(t)).reduce((p, q) => tf.logicalOr(p, q));

/** betainc's special values as the CPU kernel: NaN outside the domain, the limits at a = 0, b = 0, x = 0, x = 1. */
function betainc(ctx: LowerCtx, a: Tensor, b: Tensor, x: Tensor): Tensor {
  const { tf } = ctx;
  const one = tf.onesLike(x);
  const zero = tf.zerosLike(x);
  const interior = tf.logicalAnd(tf.greater(x, 0), tf.less(x, 1));
  const finite = tf.logicalAnd(tf.logicalAnd(tf.greater(a, 0), tf.greater(b, 0)), tf.logicalAnd(tf.less(a, Infinity), tf.less(b, Infinity)));
  const ok = tf.logicalAnd(interior, finite);
  const { value } = betaincCore(ctx, tf.where(ok, a, one), tf.where(ok, b, one), tf.where(ok, x, tf.fill(x.shape, 0.5)));
  let r = tf.where(ok, value, nanLike(tf, x)); // a or b infinite with 0 < x < 1
  r = tf.where(tf.equal(x, 1), one, r);
  r = tf.where(tf.equal(x, 0), zero, r);
  r = tf.where(tf.equal(b, 0), zero, r);
  r = tf.where(tf.equal(a, 0), one, r);
  const bad = tf.logicalOr(
    tf.logicalOr(isNaNAny(tf, a, b, x), tf.logicalAnd(tf.equal(a, 0), tf.equal(b, 0))),
    tf.logicalOr(tf.logicalOr(tf.less(a, 0), tf.less(b, 0)), tf.logicalOr(tf.less(x, 0), tf.greater(x, 1))),
  );
  return tf.where(bad, nanLike(tf, x), r);
}

/**
 * The initial guess of Numerical Recipes (3rd ed., §6.4) for I_x(a, b) = y: for a, b ≥ 1 the
 * normal approximation corrected for skew (Abramowitz & Stegun 26.5.22), else the power laws of
 * the two tails, x ≈ (a w y)^{1/a} or 1 − (b w (1 − y))^{1/b}.
 */
function inverseGuess(tf: Tf, a: Tensor, b: Tensor, y: Tensor): Tensor {
  const lowHalf = tf.less(y, 0.5);
  const pp = tf.where(lowHalf, y, tf.sub(1, y));
  const t = tf.sqrt(tf.mul(tf.log(pp), -2));
  let z = tf.sub(tf.div(tf.add(tf.mul(t, 0.27061), 2.30753), tf.add(tf.mul(tf.add(tf.mul(t, 0.04481), 0.99229), t), 1)), t);
  z = tf.where(lowHalf, tf.neg(z), z);
  const al = tf.div(tf.sub(tf.mul(z, z), 3), 6);
  const ra = tf.div(1, tf.sub(tf.mul(a, 2), 1));
  const rb = tf.div(1, tf.sub(tf.mul(b, 2), 1));
  const h = tf.div(2, tf.add(ra, rb));
  const w = tf.sub(tf.div(tf.mul(z, tf.sqrt(tf.add(al, h))), h), tf.mul(tf.sub(rb, ra), tf.sub(tf.add(al, 5 / 6), tf.div(2 / 3, h))));
  const normal = tf.div(a, tf.add(a, tf.mul(b, tf.exp(tf.mul(w, 2)))));
  const s = tf.add(a, b);
  const ta = tf.div(tf.exp(tf.mul(a, tf.log(tf.div(a, s)))), a);
  const tb = tf.div(tf.exp(tf.mul(b, tf.log(tf.div(b, s)))), b);
  const wsum = tf.add(ta, tb);
  const left = tf.pow(tf.mul(tf.mul(a, wsum), y), tf.div(1, a));
  const right = tf.sub(1, tf.pow(tf.mul(tf.mul(b, wsum), tf.sub(1, y)), tf.div(1, b)));
  const tails = tf.where(tf.less(y, tf.div(ta, wsum)), left, right);
  const guess = tf.where(tf.logicalAnd(tf.greaterEqual(a, 1), tf.greaterEqual(b, 1)), normal, tails);
  return tf.clipByValue(guess, 1e-30, 1 - 2 ** -24);
}

/** e^t − 1: its Taylor series for |t| < 1/100, exp(t) − 1 beyond (webgl's tf.expm1 is exp(t) − 1). */
function expm1(tf: Tf, t: Tensor): Tensor {
  return tf.where(tf.less(tf.abs(t), 0.01), tf.mul(t, poly(tf, t, [1, 1 / 2, 1 / 6, 1 / 24, 1 / 120])), tf.sub(tf.exp(t), 1));
}

/**
 * x with I_x(a, b) = y for 0 < y < 1 and finite a, b > 0: the guess, then Newton steps on the log
 * of whichever of I_x(a, b), 1 − I_x(a, b) was computed directly (against log y or log(1 − y)),
 * in log x for x ≤ 1/2 and in log(1 − x) above: both tails are power laws in those variables, so
 * the steps converge from afar. x is kept inside (0, 1) (at most 1 − 2⁻²⁴, the float32 below 1).
 */
function betaincinvCore(ctx: LowerCtx, a: Tensor, b: Tensor, y: Tensor): Tensor {
  const { tf } = ctx;
  const logY = tf.log(y);
  const logYc = tf.log(tf.sub(1, y));
  let x = inverseGuess(tf, a, b, y);
  for (let i = 0; i < INVERSE_STEPS; i++) {
    const { value, complement, flipped, prefix } = betaincCore(ctx, a, b, x);
    const xc = tf.sub(1, x);
    const inX = tf.lessEqual(x, 0.5);
    const direct = tf.where(flipped, complement, value);
    // d log(direct) / d log(x or 1 − x) = ±(x or 1 − x)·density/direct, density = prefix/(x(1 − x))
    const rising = tf.logicalXor(inX, flipped);
    const slope = tf.div(prefix, tf.mul(direct, tf.where(inX, xc, x)));
    const residual = tf.sub(tf.log(direct), tf.where(flipped, logYc, logY));
    const signed = tf.where(rising, slope, tf.neg(slope));
    const delta = tf.where(tf.equal(direct, 0), tf.where(rising, tf.fill(x.shape, -Infinity, "float32"), tf.fill(x.shape, Infinity, "float32")), tf.div(residual, signed));
    const next = tf.where(inX, tf.mul(x, tf.exp(tf.neg(delta))), tf.sub(x, tf.mul(xc, expm1(tf, tf.neg(delta)))));
    const inside = tf.where(tf.logicalOr(tf.lessEqual(next, 0), tf.isNaN(next)), tf.mul(x, 0.5), tf.where(tf.greaterEqual(next, 1), tf.minimum(tf.mul(tf.add(x, 1), 0.5), 1 - 2 ** -24), next));
    x = tf.where(tf.isNaN(delta), x, inside);
  }
  return x;
}

/** betaincinv's special values as the CPU kernel: NaN outside a, b > 0, 0 ≤ y ≤ 1; 0 and 1 at the ends; 0 for b = ∞, NaN for a = ∞ inside. */
function betaincinv(ctx: LowerCtx, a: Tensor, b: Tensor, y: Tensor): Tensor {
  const { tf } = ctx;
  const one = tf.onesLike(y);
  const zero = tf.zerosLike(y);
  const interior = tf.logicalAnd(tf.greater(y, 0), tf.less(y, 1));
  const finite = tf.logicalAnd(tf.less(a, Infinity), tf.less(b, Infinity));
  const ok = tf.logicalAnd(tf.logicalAnd(interior, finite), tf.logicalAnd(tf.greater(a, 0), tf.greater(b, 0)));
  const x = betaincinvCore(ctx, tf.where(ok, a, one), tf.where(ok, b, one), tf.where(ok, y, tf.fill(y.shape, 0.5)));
  let r = tf.where(ok, x, tf.where(tf.less(a, Infinity), zero, nanLike(tf, y)));
  r = tf.where(tf.equal(y, 1), one, r);
  r = tf.where(tf.equal(y, 0), zero, r);
  const bad = tf.logicalOr(
    isNaNAny(tf, a, b, y),
    tf.logicalOr(tf.logicalOr(tf.lessEqual(a, 0), tf.lessEqual(b, 0)), tf.logicalOr(tf.less(y, 0), tf.greater(y, 1))),
  );
  return tf.where(bad, nanLike(tf, y), r);
}

const allFloat32 = (ctx: LowerCtx): boolean => ctx.inAvals.every((v) => v.dtype === "float32");

/**
 * The rules of this family, keyed by primitive name (merged into `tfjsLowerings`); float32
 * operands only, other dtypes fall back to the CPU kernels.
 *
 * @example
 * ```ts
 * betaLowerings.betainc([a, b, x], null, ctx); // I_x(a, b) as tfjs ops, or null for non-float32 operands
 * ```
 */
export const betaLowerings: Readonly<Record<string, LoweringRule>> = {
  betainc: ([a, b, x], _p, ctx) => (allFloat32(ctx) ? betainc(ctx, a, b, x) : null),
  betaincinv: ([a, b, y], _p, ctx) => (allFloat32(ctx) ? betaincinv(ctx, a, b, y) : null),
  ...polygammaLowerings,
};
