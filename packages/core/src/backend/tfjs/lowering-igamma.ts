/**
 * Lowering rules for the regularized incomplete gamma functions (igamma, igammac), their
 * derivative in a (igamma_grad_a) and the implicit gamma-sampler gradient (random_gamma_grad)
 * on tfjs devices, as compositions of float32 tfjs ops with fixed iteration counts.
 *
 * Regions (every one evaluated for every element, the right one selected with `where`):
 * - a ≥ 10 and |x − a| < a/2: Temme's uniform asymptotic expansion (lowering-igamma-temme.ts);
 * - otherwise x < max(a, 1.1): the power series of P, x ≥ max(a, 1.1): Legendre's continued
 *   fraction for Q. Both are continued fractions h = β_n + γ_{n+1}/h with β affine and γ
 *   quadratic in n (the series as its Euler fraction), so one loop of `TERMS` steps, run
 *   backwards from a fixed depth, evaluates whichever an element needs, and the same loop
 *   differentiated in a gives ∂P/∂a;
 * - Q for small a and x ≤ 1.1 (where 1 − P cancels): 1 − x^a/Γ(a+1) − x^a/Γ(a)·Σ (−x)ⁿ/(n!(a+n)).
 * The prefactor xᵃe⁻ˣ/Γ(a+1) is exp(a log x − x − log Γ(1+a)) for a < 3 and
 * exp(−a·μ − stirling(a))/√(2πa) with μ = t − log(1+t), t = (x − a)/a, above (no cancellation).
 * Special values (a ≤ 0, x ≤ 0, NaN, ±∞) follow the CPU kernels in special/scalar.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type Tf } from "./device.js";
import { type LowerCtx, type LoweringRule } from "./lowering.js";
import { poly } from "./lowering-special.js";
import * as C from "./special-coefficients.js";
import { temme, temmeDerivative, TEMME_MIN_A, TEMME_MAX_T, TEMME_MIN_T } from "./lowering-igamma-temme.js";

type Tensor = tfc.Tensor;

/** Steps of the shared series / continued-fraction loop (enough for 1e-8 over the whole domain). */
export const TERMS = 24;
/** Terms of the small-a series for Q (x ≤ 1.1). */
export const Q_SERIES_TERMS = 11;
/** Below this, the continued fraction starts at x ≥ 1.1 rather than x ≥ a. */
export const FRACTION_MIN_X = 1.1;
/** From this a on, the prefactor uses μ and Stirling's correction. */
export const STIRLING_MIN_A = 3;
/** The series runs on a and x scaled by min(1, SERIES_MAX/a) (γ = −(a + n)x stays finite; S depends on x/a alone there). */
export const SERIES_MAX = 1e18;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** 1/(2k + 3), k = 0…6: μ(t) = u(t − 2u²Σ u^{2k}/(2k + 3)), u = t/(2 + t), |u| ≤ 1/3. */
export const MU_SERIES = [0, 1, 2, 3, 4, 5, 6].map((k) => 1 / (2 * k + 3));
/** 1/(2k + 1), k = 0…5: log(1 + z) = 2u Σ u^{2k}/(2k + 1), u = z/(2 + z) ≤ 1/5. */
export const LOG1P_SERIES = [0, 1, 2, 3, 4, 5].map((k) => 1 / (2 * k + 1));
/** 1/(k + 1)!, k = 0…9: expm1(v) = v Σ v^k/(k + 1)!, |v| < 1/2. */
export const EXPM1_SERIES: number[] = [];
for (let k = 0, f = 1; k <= 9; k++) EXPM1_SERIES.push(1 / (f *= k + 1));
/** (−1)ⁿ/n!, n = 1…Q_SERIES_TERMS: the small-a series for Q (its n-th term is (−x)ⁿ/(n!(a + n))). */
export const Q_SERIES: number[] = [];
for (let n = 1, f = 1; n <= Q_SERIES_TERMS; n++) Q_SERIES.push((n % 2 ? -1 : 1) / (f *= n));

const fill = (tf: Tf, like: Tensor, v: number): Tensor => tf.fill(like.shape, v, "float32");

/**
 * μ(t) = t − log(1 + t) ≥ 0 for t > −1, with full relative accuracy: an atanh series for
 * −1/2 < t < 1, t − log(x/a) (no cancellation) outside. `ratio` is x/a = 1 + t.
 *
 * @example
 * ```ts
 * muOf(tf, tf.tensor1d([0.1]), tf.tensor1d([1.1])); // [0.00468982…]
 * ```
 */
export function muOf(tf: Tf, t: Tensor, ratio: Tensor): Tensor {
  const band = tf.logicalAnd(tf.greater(t, -0.5), tf.less(t, 1));
  const tb = tf.where(band, t, tf.zerosLike(t));
  const u = tf.div(tb, tf.add(tb, 2));
  const u2 = tf.mul(u, u);
  const series = tf.mul(u, tf.sub(tb, tf.mul(tf.mul(u2, 2), poly(tf, u2, MU_SERIES))));
  return tf.where(band, series, tf.sub(t, tf.log(ratio)));
}

/**
 * log Γ(1 + a) for 0 < a ≤ 3: w·P(w) (lgamma(2 + w), w ∈ [−1/2, 1]) with w = a − 1, or w = a and
 * − log(1 + a) (own series, accurate for tiny a), or w = a − 2 and + log a.
 *
 * @example
 * ```ts
 * lgamma1p(tf, tf.tensor1d([1e-3])); // [−5.7632e-4]
 * ```
 */
export function lgamma1p(tf: Tf, a: Tensor): Tensor {
  const low = tf.less(a, 0.5);
  const mid = tf.lessEqual(a, 2);
  const w = tf.where(low, a, tf.sub(a, tf.where(mid, fill(tf, a, 1), fill(tf, a, 2))));
  const z = tf.minimum(a, 0.5);
  const u = tf.div(z, tf.add(z, 2));
  const log1pZ = tf.mul(tf.mul(u, 2), poly(tf, tf.mul(u, u), LOG1P_SERIES));
  const extra = tf.where(low, tf.neg(log1pZ), tf.where(mid, tf.zerosLike(a), tf.log(a)));
  return tf.add(tf.mul(w, poly(tf, w, C.LGAMMA_2P)), extra);
}

/**
 * ψ(y) for y ≥ 1: the asymptotic series at y + 5 less Σ_{j<5} 1/(y + j) below 6, at y above.
 *
 * @example
 * ```ts
 * digammaFromOne(tf, tf.tensor1d([1])); // [−0.5772157]
 * ```
 */
export function digammaFromOne(tf: Tf, y: Tensor): Tensor {
  const small = tf.less(y, 6);
  const z = tf.where(small, tf.add(y, 5), y);
  const u = tf.div(1, tf.mul(z, z));
  const asym = tf.sub(tf.sub(tf.log(z), tf.div(0.5, z)), tf.mul(u, poly(tf, u, C.DIGAMMA_ASYM)));
  const ys = tf.minimum(y, 6);
  let shift = tf.div(1, ys);
  for (let j = 1; j < 5; j++) shift = tf.add(shift, tf.div(1, tf.add(ys, j)));
  return tf.sub(asym, tf.where(small, shift, tf.zerosLike(y)));
}

/** What the regions share: safe operands, logs, t, μ and the prefactor. */
interface Common {
  a: Tensor;
  x: Tensor;
  logX: Tensor;
  t: Tensor;
  mu: Tensor;
  /** log Γ(1 + a) for a < 3 (a clamped to 3). */
  lgamma1pA: Tensor;
  /** Stirling's correction log Γ*(a) for a ≥ 3 (a clamped to 3 from below). */
  stirling: Tensor;
  /** xᵃe⁻ˣ/Γ(a + 1). */
  prefix: Tensor;
  temme: Tensor;
  fraction: Tensor;
}

/** a > 0 and x > 0, both finite: the elements the formulas compute (the rest are special values). */
function regular(tf: Tf, a: Tensor, x: Tensor): Tensor {
  const finite = (v: Tensor) => tf.logicalAnd(tf.greater(v, 0), tf.less(v, Infinity));
  return tf.logicalAnd(finite(a), finite(x));
}

function common(tf: Tf, a0: Tensor, x0: Tensor, ok: Tensor): Common {
  const a = tf.where(ok, a0, fill(tf, a0, 1));
  const x = tf.where(ok, x0, fill(tf, x0, 1));
  const logX = tf.log(x);
  const t = tf.div(tf.sub(x, a), a);
  const mu = muOf(tf, t, tf.div(x, a));
  const lgamma1pA = lgamma1p(tf, tf.minimum(a, STIRLING_MIN_A));
  const ab = tf.maximum(a, STIRLING_MIN_A);
  const r = tf.div(1, ab);
  const stirling = tf.mul(r, poly(tf, tf.mul(r, r), C.STIRLING));
  const small = tf.sub(tf.sub(tf.mul(a, logX), x), lgamma1pA);
  const large = tf.sub(tf.neg(tf.add(tf.mul(a, mu), stirling)), tf.add(tf.mul(tf.log(a), 0.5), HALF_LOG_2PI));
  const prefix = tf.exp(tf.where(tf.less(a, STIRLING_MIN_A), small, large));
  const temmeRegion = tf.logicalAnd(tf.greaterEqual(a, TEMME_MIN_A), tf.logicalAnd(tf.greater(t, TEMME_MIN_T), tf.less(t, TEMME_MAX_T)));
  const fraction = tf.logicalAnd(tf.greaterEqual(x, a), tf.greaterEqual(x, FRACTION_MIN_X));
  return { a, x, logX, t, mu, lgamma1pA, stirling, prefix, temme: temmeRegion, fraction };
}

/** The shared loop's result: h₁ (and ∂h₁/∂a), the fraction's value below the first level. */
interface Tail {
  h1: Tensor;
  dh1: Tensor | null;
}

/**
 * h₁ of the continued fraction h_n = β_n + γ_{n+1}/h_{n+1}, n = TERMS … 1, with
 * Legendre's fraction for Q (β_n = x + 1 − a + 2n, γ_{n+1} = (n + 1)(a − n − 1)) where
 * `fraction`, else the Euler fraction of P's series (β_n = a + x + n, γ_{n+1} = −(a + n)x).
 * With `derivative`, ∂h₁/∂a too (the loop differentiated).
 */
function tail(tf: Tf, c: Common, a: Tensor, x: Tensor, derivative: boolean): Tail {
  const f = c.fraction;
  const one = fill(tf, a, 1);
  const zero = tf.zerosLike(a);
  const N = TERMS;
  // β_n = B + n·step, γ_{n+1} = G0 + n·G1 − n²·m, each formed directly (running differences
  // lose γ's small values to rounding).
  const step = tf.where(f, fill(tf, a, 2), one);
  const B = tf.where(f, tf.sub(tf.add(x, 1), a), tf.add(a, x));
  const G1 = tf.where(f, tf.sub(a, 2), tf.neg(x));
  const m = tf.where(f, one, zero);
  const G0 = tf.where(f, tf.sub(a, 1), tf.neg(tf.mul(a, x)));
  let h = tf.add(B, tf.mul(step, N));
  // ∂β/∂a = ∓1, ∂γ_{n+1}/∂a = n + 1 (fraction) or −x (series)
  const dBeta = tf.where(f, fill(tf, a, -1), one);
  const negX = tf.neg(x);
  let dh: Tensor | null = derivative ? dBeta : null;
  for (let n = N - 1; n >= 1; n--) {
    const beta = tf.add(B, tf.mul(step, n));
    const gamma = tf.sub(tf.add(G0, tf.mul(G1, n)), tf.mul(m, n * n));
    const q = tf.div(gamma, h);
    if (dh !== null) {
      const dGamma = tf.where(f, fill(tf, a, n + 1), negX);
      dh = tf.add(dBeta, tf.div(tf.sub(dGamma, tf.mul(q, dh)), h));
    }
    h = tf.add(beta, q);
  }
  return { h1: h, dh1: dh };
}

/**
 * The loop's operands: a and x, both scaled down to a = SERIES_MAX where the series runs past it
 * (x < a there, and S, to 1e-17, and the sample gradient depend on x/a alone).
 */
function loopOperands(tf: Tf, c: Common): { a: Tensor; x: Tensor } {
  const k = tf.where(c.fraction, tf.onesLike(c.a), tf.minimum(tf.div(SERIES_MAX, c.a), 1));
  return { a: tf.mul(c.a, k), x: tf.mul(c.x, k) };
}

/**
 * The loop's regions: `value` is P (series) or Q (fraction); `gradOverPrefix` is (∂P/∂a)/prefix
 * when asked for. Series: S = 1/(1 − x/h₁), P = prefix·S. Fraction: F = 1/h₀,
 * h₀ = x + 1 − a + (a − 1)/h₁, Q = a·prefix·F.
 */
function seriesAndFraction(tf: Tf, c: Common, derivative: boolean): { value: Tensor; gradOverPrefix: Tensor | null; sampleGrad: Tensor | null } {
  const { a, x } = loopOperands(tf, c);
  const { h1, dh1 } = tail(tf, c, a, x, derivative);
  const xOverH1 = tf.div(x, h1);
  const s = tf.div(1, tf.sub(1, xOverH1));
  const qa = tf.div(tf.sub(a, 1), h1);
  const h0 = tf.add(tf.sub(tf.add(x, 1), a), qa);
  const F = tf.div(1, h0);
  const value = tf.where(c.fraction, tf.mul(tf.mul(c.a, c.prefix), F), tf.mul(c.prefix, s));
  if (dh1 === null) return { value, gradOverPrefix: null, sampleGrad: null };
  // log x − ψ(a + 1)
  const L = tf.sub(c.logX, digammaFromOne(tf, tf.add(c.a, 1)));
  // series: G = (∂P/∂a)/prefix = S(L − x·∂h₁/h₁²·S)
  const seriesG = tf.mul(s, tf.sub(L, tf.mul(tf.div(tf.mul(xOverH1, dh1), h1), s)));
  // fraction: ∂h₀/∂a = −1 + (1 − q·∂h₁)/h₁, G = −F(a(L − ∂h₀·F) + 1)
  const dh0 = tf.sub(tf.div(tf.sub(1, tf.mul(qa, dh1)), h1), 1);
  const inner = tf.add(tf.mul(c.a, tf.sub(L, tf.mul(dh0, F))), 1);
  const fractionG = tf.neg(tf.mul(F, inner));
  // the sample gradient −G·x/a, with x·F = x/h₀ (F alone may be subnormal)
  const seriesSample = tf.mul(tf.neg(seriesG), tf.div(x, a));
  const fractionSample = tf.div(tf.mul(tf.div(x, h0), inner), c.a);
  return { value, gradOverPrefix: tf.where(c.fraction, fractionG, seriesG), sampleGrad: tf.where(c.fraction, fractionSample, seriesSample) };
}

/** expm1(v): its Taylor series for |v| < 1/2, e^v − 1 (given) beyond. */
function expm1From(tf: Tf, v: Tensor, expV: Tensor): Tensor {
  const small = tf.less(tf.abs(v), 0.5);
  const series = tf.mul(v, poly(tf, tf.where(small, v, tf.zerosLike(v)), EXPM1_SERIES));
  return tf.where(small, series, tf.sub(expV, 1));
}

/**
 * Q for small a and x ≤ 1.1, where 1 − P cancels (Cephes' choice of region):
 * Q = −expm1(v) − a·e^v·Σ_{n≥1} (−x)ⁿ/(n!(a + n)), v = a log x − log Γ(1 + a).
 */
function smallQ(tf: Tf, c: Common): { region: Tensor; value: Tensor } {
  const x = tf.minimum(c.x, FRACTION_MIN_X);
  const a = tf.minimum(c.a, 2);
  let acc: Tensor | null = null;
  for (let n = Q_SERIES_TERMS; n >= 1; n--) {
    const cn = tf.div(Q_SERIES[n - 1], tf.add(a, n));
    acc = acc === null ? cn : tf.add(tf.mul(acc, x), cn);
  }
  const sum = tf.mul(acc!, x);
  const v = tf.sub(tf.mul(a, c.logX), c.lgamma1pA);
  const ev = tf.exp(v);
  const value = tf.sub(tf.neg(expm1From(tf, v, ev)), tf.mul(tf.mul(a, ev), sum));
  // x ≤ 1/2: a < −0.4/log x; 1/2 < x ≤ 1.1: a < 1.1x
  const bound = tf.where(tf.lessEqual(c.x, 0.5), tf.div(-0.4, c.logX), tf.mul(c.x, 1.1));
  const region = tf.logicalAnd(tf.lessEqual(c.x, FRACTION_MIN_X), tf.lessEqual(c.a, bound));
  return { region, value };
}

/** Broadcast both operands to the output shape (× ones keeps −0 and NaN). */
function operands(xs: Tensor[], ctx: LowerCtx): [Tensor, Tensor] {
  const shape = ctx.outAvals[0].shape as number[];
  const { tf } = ctx;
  const full = (v: Tensor) => (v.shape.length === shape.length && v.shape.every((d, i) => d === shape[i]) ? v : tf.mul(v, tf.ones(shape, "float32")));
  return [full(xs[0]), full(xs[1])];
}

const allFloat32 = (ctx: LowerCtx): boolean => ctx.inAvals.every((v) => v.dtype === "float32");

/**
 * P(a, x) (`upper` false) or Q(a, x) (`upper` true), float32, with the CPU kernels' special values:
 * NaN for NaN, a < 0 or x < 0; P(0, x > 0) = 1; P(a, 0) = 0; P(∞, x < ∞) = 0; P(a, ∞) = 1; NaN at (0, 0) and (∞, ∞).
 *
 * @example
 * ```ts
 * incompleteGamma(tf, tf.tensor1d([1]), tf.tensor1d([2]), false); // [0.8646647] (1 − e⁻²)
 * ```
 */
export function incompleteGamma(tf: Tf, a0: Tensor, x0: Tensor, upper: boolean): Tensor {
  const ok = regular(tf, a0, x0);
  const c = common(tf, a0, x0, ok);
  const { value } = seriesAndFraction(tf, c, false);
  const tm = temme(tf, c.a, c.t, c.mu);
  let r: Tensor;
  if (upper) {
    const sq = smallQ(tf, c);
    const loop = tf.where(c.fraction, value, tf.where(sq.region, sq.value, tf.sub(1, value)));
    r = tf.where(c.temme, tf.where(tm.isQ, tm.value, tf.sub(1, tm.value)), loop);
  } else {
    const loop = tf.where(c.fraction, tf.sub(1, value), value);
    r = tf.where(c.temme, tf.where(tm.isQ, tf.sub(1, tm.value), tm.value), loop);
  }
  // Special values, in the order of the CPU kernel (P; Q is 1 − P).
  const p = (v: number) => fill(tf, a0, upper ? 1 - v : v);
  const nan = fill(tf, a0, NaN);
  r = tf.where(tf.equal(x0, Infinity), p(1), r);
  r = tf.where(tf.equal(a0, Infinity), tf.where(tf.equal(x0, Infinity), nan, p(0)), r);
  r = tf.where(tf.equal(x0, 0), p(0), r);
  r = tf.where(tf.equal(a0, 0), tf.where(tf.greater(x0, 0), p(1), nan), r);
  const bad = tf.logicalOr(tf.logicalOr(tf.isNaN(a0), tf.isNaN(x0)), tf.logicalOr(tf.less(a0, 0), tf.less(x0, 0)));
  return tf.where(bad, nan, r);
}

/**
 * ∂P(a, x)/∂a (`sample` false) or the gamma-sample gradient −(∂P/∂a)/(∂P/∂x) at x
 * (`sample` true), float32. NaN unless a > 0 and 0 ≤ x, both finite; 0 at x = 0.
 *
 * @example
 * ```ts
 * gammaDerivative(tf, tf.tensor1d([1]), tf.tensor1d([1]), false); // [−0.4317297]
 * ```
 */
export function gammaDerivative(tf: Tf, a0: Tensor, x0: Tensor, sample: boolean): Tensor {
  const ok = regular(tf, a0, x0);
  const c = common(tf, a0, x0, ok);
  const loop = seriesAndFraction(tf, c, true);
  const br = temmeDerivative(tf, c.a, c.t, c.mu);
  let r: Tensor;
  if (sample) {
    // −G·x/a; in Temme's region G = −Γ*(a)·bracket
    const tm = tf.mul(tf.mul(tf.exp(c.stirling), br), tf.div(c.x, c.a));
    r = tf.where(c.temme, tm, loop.sampleGrad!);
  } else {
    // G·prefix; in Temme's region −e^{−aμ}/√(2πa)·bracket
    const tm = tf.mul(tf.neg(tf.mul(tf.exp(tf.neg(tf.mul(c.a, c.mu))), tf.mul(tf.rsqrt(c.a), 1 / Math.sqrt(2 * Math.PI)))), br);
    r = tf.where(c.temme, tm, tf.mul(loop.gradOverPrefix!, c.prefix));
  }
  r = tf.where(tf.equal(x0, 0), tf.zerosLike(r), r);
  const bad = tf.logicalOr(tf.logicalOr(tf.isNaN(x0), tf.less(x0, 0)), tf.logicalOr(tf.equal(x0, Infinity), tf.logicalNot(tf.logicalAnd(tf.greater(a0, 0), tf.less(a0, Infinity)))));
  return tf.where(bad, fill(tf, r, NaN), r);
}

const rule =
  (op: (tf: Tf, a: Tensor, x: Tensor) => Tensor): LoweringRule =>
  (xs, _p, ctx) => {
    if (!allFloat32(ctx)) return null;
    const [a, x] = operands(xs, ctx);
    return op(ctx.tf, a, x);
  };

/**
 * The rules of this family, keyed by primitive name (merged into `tfjsLowerings`); float32
 * operands only (other dtypes fall back to the CPU).
 *
 * @example
 * ```ts
 * igammaLowerings.igamma([a, x], null, ctx); // P(a, x) as tfjs ops, or null for float64
 * ```
 */
export const igammaLowerings: Readonly<Record<string, LoweringRule>> = {
  igamma: rule((tf, a, x) => incompleteGamma(tf, a, x, false)),
  igammac: rule((tf, a, x) => incompleteGamma(tf, a, x, true)),
  igamma_grad_a: rule((tf, a, x) => gammaDerivative(tf, a, x, false)),
  random_gamma_grad: rule((tf, a, x) => gammaDerivative(tf, a, x, true)),
};
