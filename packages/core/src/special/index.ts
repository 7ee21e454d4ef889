/**
 * The `special` namespace (as `jax.scipy.special`): float64-accurate special functions,
 * with NumPy broadcasting and promotion, differentiable.
 */
import { type Array } from "../core/array.js";
import { broadcastShapes, normalizeAxes } from "../core/shape.js";
import * as s from "../primitives/special.js";
import * as b from "../primitives/binary.js";
import * as u from "../primitives/unary.js";
import { fullLike } from "../primitives/constants.js";
import { reduceMax, reduceSum } from "../primitives/reduce.js";
import { reshape } from "../primitives/shape-ops.js";
import { stopGradient } from "../primitives/stop-gradient.js";
import { customJvp } from "../api/custom.js";
import { type ArrayLike, broadcastTo, prepElementwise, promoteArgsFloat } from "../np/core.js";

const f1 = (x: ArrayLike, where: string) => promoteArgsFloat(where, x)[0];
const sameShape = (xs: Array[], where: string): Array[] => {
  const shape = broadcastShapes(xs.map((x) => x.shape), where);
  return xs.map((x) => broadcastTo(x, shape));
};
const f2 = (x: ArrayLike, y: ArrayLike, where: string) => prepElementwise(where, true, x, y);

/** log |Γ(x)|. @example special.gammaln(np.array([0.5, 10])); // [0.5724, 12.8018] */
export const gammaln = (x: ArrayLike): Array => s.lgamma(f1(x, "gammaln"));
/** The digamma function ψ(x) = d/dx log Γ(x). @example special.digamma(1); // -0.5772 */
export const digamma = (x: ArrayLike): Array => s.digamma(f1(x, "digamma"));
/** Alias of `digamma`. */
export const psi = digamma;
/** The n-th derivative of digamma. @example special.polygamma(1, 1); // π²/6 */
export const polygamma = (n: ArrayLike, x: ArrayLike): Array => {
  const [nn, xx] = f2(n, x, "polygamma");
  return s.polygamma(nn, xx);
};
/** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). @example special.betaln(2, 3); // log(1/12) */
export const betaln = (a: ArrayLike, c: ArrayLike): Array => {
  const [aa, cc] = f2(a, c, "betaln");
  return b.sub(b.add(s.lgamma(aa), s.lgamma(cc)), s.lgamma(b.add(aa, cc)));
};
/** The error function. @example special.erf(0.5); // 0.5205 */
export const erf = (x: ArrayLike): Array => s.erf(f1(x, "erf"));
/** The complementary error function 1 − erf(x), accurate for large x. */
export const erfc = (x: ArrayLike): Array => s.erfc(f1(x, "erfc"));
/** The inverse error function on (−1, 1). @example special.erfinv(0.5); // 0.4769 */
export const erfinv = (x: ArrayLike): Array => s.erfInv(f1(x, "erfinv"));
/** The standard normal CDF Φ(x). @example special.ndtr(0); // 0.5 */
export const ndtr = (x: ArrayLike): Array => s.ndtr(f1(x, "ndtr"));
/** The standard normal quantile Φ⁻¹(p), accurate deep in the tails. @example special.ndtri(0.975); // 1.96 */
export const ndtri = (x: ArrayLike): Array => s.ndtri(f1(x, "ndtri"));
/** log Φ(x), accurate for very negative x. @example special.logNdtr(-40); // -804.6 */
export const logNdtr = (x: ArrayLike): Array => s.logNdtr(f1(x, "logNdtr"));
/** The regularised lower incomplete gamma P(a, x). @example special.gammainc(1, 1); // 1 − 1/e */
export const gammainc = (a: ArrayLike, x: ArrayLike): Array => {
  const [aa, xx] = f2(a, x, "gammainc");
  return s.igamma(aa, xx);
};
/** The regularised upper incomplete gamma Q(a, x). */
export const gammaincc = (a: ArrayLike, x: ArrayLike): Array => {
  const [aa, xx] = f2(a, x, "gammaincc");
  return s.igammac(aa, xx);
};
/** The exponentially scaled modified Bessel function e^−|x| I₀(x). @example special.i0e(0); // 1 */
export const i0e = (x: ArrayLike): Array => s.i0e(f1(x, "i0e"));
/** The exponentially scaled modified Bessel function e^−|x| I₁(x). @example special.i1e(1); // 0.2079 */
export const i1e = (x: ArrayLike): Array => s.i1e(f1(x, "i1e"));
/**
 * The regularised incomplete beta function I_x(a, b), differentiable in x.
 *
 * @example
 * ```ts
 * special.betainc(2, 3, 0.5); // 0.6875
 * ```
 */
export const betainc = (a: ArrayLike, c: ArrayLike, x: ArrayLike): Array => {
  const [aa, cc, xx] = sameShape(prepElementwise("betainc", true, a, c, x), "betainc");
  return s.betainc(aa, cc, xx);
};

/**
 * The inverse of the regularised incomplete beta function in x: the x with I_x(a, b) = y.
 *
 * @example
 * ```ts
 * special.betaincinv(2, 3, 0.6875); // 0.5
 * ```
 */
export const betaincinv = (a: ArrayLike, c: ArrayLike, y: ArrayLike): Array => {
  const [aa, cc, yy] = sameShape(prepElementwise("betaincinv", true, a, c, y), "betaincinv");
  return s.betaincinv(aa, cc, yy);
};

/** 10^x (SciPy's `exp10`): about 1 ulp, exact at integers. @example special.exp10(2); // 100 */
export const exp10 = (x: ArrayLike): Array => u.exp10(f1(x, "exp10"));
/** 2^x (SciPy's `exp2`): about 1 ulp, exact at integers. @example special.exp2(0.5); // √2 */
export const exp2 = (x: ArrayLike): Array => u.exp2(f1(x, "exp2"));
/** The logistic sigmoid 1 / (1 + e^−x). @example special.expit(0); // 0.5 */
export const expit = (x: ArrayLike): Array => u.logistic(f1(x, "expit"));
/** The log-odds log(p / (1 − p)). @example special.logit(0.5); // 0 */
export const logit = (p: ArrayLike): Array => {
  const x = f1(p, "logit");
  return b.sub(u.log(x), u.log1p(u.neg(x)));
};

/** log(1 + e^x) without overflow. @example special.softplus(1000); // 1000 */
export const softplus = (x: ArrayLike): Array => {
  const a = f1(x, "softplus");
  return b.add(u.log1p(u.exp(u.neg(u.abs(a)))), b.max(a, fullLike(a, 0)));
};

/**
 * log(1 − e^(−|x|)), accurate for small and large |x| (as `tfp.math.log1mexp`).
 *
 * @example
 * ```ts
 * special.log1mexp(1e-20); // log(1e-20) ≈ -46.05
 * ```
 */
export const log1mexp = (x: ArrayLike): Array => {
  const a = u.abs(f1(x, "log1mexp"));
  const small = b.lt(a, fullLike(a, Math.LN2));
  return b.select(small, u.log(u.neg(u.expm1(u.neg(a)))), u.log1p(u.neg(u.exp(u.neg(a)))));
};

// Where x = 0 the value and both partial derivatives are 0; y is replaced by 1 there so that
// no 0·log 0 or 0/0 appears in either branch (a NaN in a discarded branch still poisons
// reverse-mode cotangents).
const xlogyImpl = customJvp((x: Array, y: Array) => {
  const zero = fullLike(x, 0);
  const isZero = b.eq(x, zero);
  return b.select(isZero, zero, b.mul(x, u.log(b.select(isZero, fullLike(y, 1), y))));
});
// ∂/∂x = log y everywhere (as JAX; Gamma(1, ·) needs it at x = 0) except at x = y = 0, where it
// is taken as 0 so that a zero tangent of x does not make 0·(−∞) = NaN in forward mode;
// ∂/∂y = x / y, 0 where x = 0.
xlogyImpl.defJvp(([x, y]: Array[], [tx, ty]: Array[]) => {
  const zero = fullLike(x, 0);
  const isZero = b.eq(x, zero);
  const ySafe = b.select(isZero, fullLike(y, 1), y);
  const out = xlogyImpl(x, y);
  const dx = b.mul(tx, u.log(b.select(b.and(isZero, b.eq(y, fullLike(y, 0))), fullLike(y, 1), y)));
  const dy = b.select(isZero, zero, b.div(b.mul(ty, x), ySafe));
  return [out, b.add(dx, dy)];
});

/**
 * x · log(y), and 0 where x = 0 (even for y = 0), as SciPy.
 *
 * @example
 * ```ts
 * special.xlogy(0, 0); // 0
 * ```
 */
export const xlogy = (x: ArrayLike, y: ArrayLike): Array => {
  const [xx, yy] = sameShape(f2(x, y, "xlogy"), "xlogy");
  return xlogyImpl(xx, yy);
};

/** x · log1p(y), and 0 where x = 0. @example special.xlog1py(0, -1); // 0 */
export const xlog1py = (x: ArrayLike, y: ArrayLike): Array => {
  const [xx, yy] = sameShape(f2(x, y, "xlog1py"), "xlog1py");
  return xlogyImpl(xx, b.add(yy, fullLike(yy, 1)));
};

/** Options of `logsumexp`. */
export interface LogsumexpOptions {
  axis?: number | number[] | null;
  /** Weights: log Σ b·e^a. */
  b?: ArrayLike;
  keepdims?: boolean;
}

/**
 * log Σ exp(a) (optionally weighted by `b`) over `axis`, computed stably.
 *
 * @example
 * ```ts
 * special.logsumexp(np.array([1000, 1000])); // 1000 + log 2
 * special.logsumexp(np.array([0, 0]), { b: np.array([0.5, 0.5]) }); // 0
 * ```
 */
export function logsumexp(a: ArrayLike, options: LogsumexpOptions = {}): Array {
  let x = f1(a, "logsumexp");
  let w: Array | null = null;
  if (options.b !== undefined) {
    [x, w] = prepElementwise("logsumexp", true, x, options.b);
    x = broadcastTo(x, w.ndim > x.ndim ? w.shape : x.shape);
    w = broadcastTo(w, x.shape);
  }
  const axes = normalizeAxes(options.axis, x.ndim, "logsumexp");
  const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const mRaw = stopGradient(reduceMax(x, axes));
  // An all −∞ (or +∞) slice uses 0 as its shift so the result is −∞ (or ∞), not NaN.
  const m = b.select(u.isFinite(mRaw), mRaw, fullLike(mRaw, 0));
  const shifted = b.sub(x, broadcastTo(reshape(m, keptShape), x.shape));
  let e = u.exp(shifted);
  if (w !== null) e = b.mul(e, w);
  const out = b.add(u.log(reduceSum(e, axes)), m);
  return options.keepdims ? reshape(out, keptShape) : out;
}


