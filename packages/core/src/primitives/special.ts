/**
 * Special-function primitives over the float64 scalar kernels in special/scalar, each with
 * its derivative beside it.
 */
import { type Array } from "../core/array.js";
import { type Primitive, Zero } from "../core/primitive.js";
import { addTangents, mapTangent } from "../core/tangent.js";
import { bind1 } from "../core/trace.js";
import * as k from "../special/scalar/index.js";
import { registerScalarLib } from "../backend/cpu/scalar-lib.js";
import { add, defineBinary, div, eq, mul, select, sub } from "./binary.js";
import { exp, log, neg, defineUnary, sign } from "./unary.js";
import { fullLike, scalar } from "./constants.js";
import { definePrimitive } from "../core/primitive.js";
import { isFloat } from "../core/dtype.js";
import { shapeEqual } from "../core/shape.js";
import { mapNary } from "../backend/cpu/elementwise.js";
import { elementwiseBatch } from "./elementwise-batch.js";

registerScalarLib({
  lgamma: k.lgamma,
  digamma: k.digamma,
  polygamma: k.polygamma,
  erf: k.erf,
  erfc: k.erfc,
  erfinv: k.erfinv,
  ndtr: k.ndtr,
  ndtri: k.ndtri,
  logNdtr: k.logNdtr,
  gammainc: k.gammainc,
  gammaincc: k.gammaincc,
  gammaincDerivA: k.gammaincDerivA,
  i0e: k.i0e,
  i1e: k.i1e,
  betainc: k.betainc,
  betaincinv: k.betaincinv,
});

const c = (like: Array, v: number) => scalar(v, like.dtype, true);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

export const [lgammaP, lgamma] = defineUnary({ name: "lgamma", kind: "float", expr: "lib.lgamma(x)", deriv: (x) => digamma(x) });
export const [digammaP, digamma] = defineUnary({ name: "digamma", kind: "float", expr: "lib.digamma(x)", deriv: (x) => polygamma(c(x, 1), x) });
export const [erfP, erf] = defineUnary({
  name: "erf",
  kind: "float",
  expr: "lib.erf(x)",
  deriv: (x) => mul(c(x, TWO_OVER_SQRT_PI), exp(neg(mul(x, x)))),
});
export const [erfcP, erfc] = defineUnary({
  name: "erfc",
  kind: "float",
  expr: "lib.erfc(x)",
  deriv: (x) => mul(c(x, -TWO_OVER_SQRT_PI), exp(neg(mul(x, x)))),
});
export const [erfInvP, erfInv] = defineUnary({
  name: "erf_inv",
  kind: "float",
  expr: "lib.erfinv(x)",
  deriv: (x, y) => mul(c(x, Math.sqrt(Math.PI) / 2), exp(mul(y, y))),
});
export const [ndtrP, ndtr] = defineUnary({
  name: "ndtr",
  kind: "float",
  expr: "lib.ndtr(x)",
  deriv: (x) => div(exp(mul(c(x, -0.5), mul(x, x))), c(x, SQRT_2PI)),
});
export const [ndtriP, ndtri] = defineUnary({
  name: "ndtri",
  kind: "float",
  expr: "lib.ndtri(x)",
  deriv: (x, y) => mul(c(x, SQRT_2PI), exp(mul(c(x, 0.5), mul(y, y)))),
});
// d/dx log Φ(x) = φ(x)/Φ(x) = exp(−x²/2 − log Φ(x)) / √(2π), finite deep in the lower tail.
export const [logNdtrP, logNdtr] = defineUnary({
  name: "log_ndtr",
  kind: "float",
  expr: "lib.logNdtr(x)",
  deriv: (x, y) => div(exp(sub(mul(c(x, -0.5), mul(x, x)), y)), c(x, SQRT_2PI)),
});

/** polygamma(n, x): the n-th derivative of digamma; n is a non-negative integer (as a float array). */
export const polygammaP: Primitive<null> = defineBinary({
  name: "polygamma",
  kind: "float",
  expr: () => "lib.polygamma(x, y)",
  jvp: (n, x, out, tn, tx) => {
    if (!(tn instanceof Zero)) throw new Error("polygamma: the derivative with respect to the order n is not defined");
    return mapTangent(tx, (t) => mul(t, polygamma(add(n, c(n, 1)), x)), out.aval);
  },
});

/** polygamma(n, x) at the lax level (same shapes or a rank-0 operand). */
export function polygamma(n: Array, x: Array): Array {
  return bindBinary(polygammaP, n, x);
}

// ∂P(a, x)/∂x = x^(a−1) e^(−x) / Γ(a).
function dIgammaDx(a: Array, x: Array): Array {
  return exp(sub(sub(mul(sub(a, c(a, 1)), log(x)), x), lgamma(a)));
}

/** ∂P(a, x)/∂a (its own derivative in a is not available: second order in a is refused). */
export const igammaGradAP: Primitive<null> = defineBinary({
  name: "igamma_grad_a",
  kind: "float",
  expr: () => "lib.gammaincDerivA(x, y)",
  jvp: (a, x, out, ta, tx) => {
    if (!(ta instanceof Zero)) throw new Error("gammainc: second derivatives with respect to the shape parameter a are not available");
    // ∂/∂x ∂P/∂a = ∂/∂a [x^(a−1) e^(−x) / Γ(a)] = (∂P/∂x)(log x − ψ(a)).
    return mapTangent(tx, (t) => mul(t, mul(dIgammaDx(a, x), sub(log(x), digamma(a)))), out.aval);
  },
});

/** The regularised lower incomplete gamma P(a, x). */
export const igammaP: Primitive<null> = defineBinary({
  name: "igamma",
  kind: "float",
  expr: () => "lib.gammainc(x, y)",
  jvp: (a, x, out, ta, tx) =>
    addTangents(mapTangent(ta, (t) => mul(t, bindBinary(igammaGradAP, a, x)), out.aval), mapTangent(tx, (t) => mul(t, dIgammaDx(a, x)), out.aval)),
});

/** The regularised upper incomplete gamma Q(a, x) = 1 − P(a, x). */
export const igammacP: Primitive<null> = defineBinary({
  name: "igammac",
  kind: "float",
  expr: () => "lib.gammaincc(x, y)",
  jvp: (a, x, out, ta, tx) =>
    addTangents(mapTangent(ta, (t) => neg(mul(t, bindBinary(igammaGradAP, a, x))), out.aval), mapTangent(tx, (t) => neg(mul(t, dIgammaDx(a, x))), out.aval)),
});

function bindBinary(p: Primitive<null>, x: Array, y: Array): Array {
  return bind1(p, [x, y], null);
}

/** P(a, x) at the lax level. */
export function igamma(a: Array, x: Array): Array {
  return bindBinary(igammaP, a, x);
}

/** Q(a, x) at the lax level. */
export function igammac(a: Array, x: Array): Array {
  return bindBinary(igammacP, a, x);
}

// d/dx e^−|x| I₀(x) = e^−|x| I₁(x) − sign(x) e^−|x| I₀(x).
export const [i0eP, i0e] = defineUnary({ name: "bessel_i0e", kind: "float", expr: "lib.i0e(x)", deriv: (x, y) => sub(i1e(x), mul(sign(x), y)) });
// d/dx e^−|x| I₁(x) = e^−|x| (I₀(x) − I₁(x)/x) − sign(x) e^−|x| I₁(x); at 0 the limit is 1/2.
export const [i1eP, i1e] = defineUnary({
  name: "bessel_i1e",
  kind: "float",
  expr: "lib.i1e(x)",
  deriv: (x, y) => {
    const zero = c(x, 0);
    const isZero = eq(x, zero);
    const safe = select(isZero, fullLike(x, 1), x);
    return select(isZero, fullLike(x, 0.5), sub(sub(i0e(x), div(y, safe)), mul(sign(x), y)));
  },
});

/** I_x(a, b): inputs a, b, x of one shape; differentiable in x only. */
export const betaincP: Primitive<null> = definePrimitive<null>({
  name: "betainc",
  abstractEval: ([a, b, x]) => {
    if (!shapeEqual(a.shape, b.shape) || !shapeEqual(a.shape, x.shape) || a.dtype !== b.dtype || a.dtype !== x.dtype || !isFloat(a.dtype)) {
      throw new Error(`betainc: operands ${a}, ${b}, ${x} must be floats of one shape and dtype`);
    }
    return [x];
  },
  impl: (args) => [mapNary(args, k.betainc, args[2].dtype, args[2].weakType)],
  fusion: { kind: "elementwise", expr: ([a, b, x]) => `lib.betainc(${a}, ${b}, ${x})` },
  jvp: ([a, b, x], [ta, tb, tx]) => {
    const out = betainc(a, b, x);
    if (!(ta instanceof Zero) || !(tb instanceof Zero)) {
      throw new Error("betainc: derivatives with respect to a and b are not available; differentiate with respect to x");
    }
    if (tx instanceof Zero) return [[out], [new Zero(out.aval)]];
    // d/dx I_x(a, b) = x^(a−1) (1−x)^(b−1) / B(a, b).
    const one = c(x, 1);
    const logDens = sub(add(mul(sub(a, one), log(x)), mul(sub(b, one), log(sub(one, x)))), sub(add(lgamma(a), lgamma(b)), lgamma(add(a, b))));
    return [[out], [mul(tx, exp(logDens))]];
  },
  batch: elementwiseBatch<null>((args) => bind1(betaincP, args, null), false),
});

/** I_x(a, b) at the lax level (operands of one shape). */
export function betainc(a: Array, b: Array, x: Array): Array {
  return bind1(betaincP, [a, b, x], null);
}

/** The inverse of I_x(a, b) in x: inputs a, b, y of one shape; differentiable in y. */
export const betaincinvP: Primitive<null> = definePrimitive<null>({
  name: "betaincinv",
  abstractEval: ([a, b, y]) => {
    if (!shapeEqual(a.shape, b.shape) || !shapeEqual(a.shape, y.shape) || a.dtype !== b.dtype || a.dtype !== y.dtype || !isFloat(a.dtype)) {
      throw new Error(`betaincinv: operands ${a}, ${b}, ${y} must be floats of one shape and dtype`);
    }
    return [y];
  },
  impl: (args) => [mapNary(args, k.betaincinv, args[2].dtype, args[2].weakType)],
  fusion: { kind: "elementwise", expr: ([a, b, y]) => `lib.betaincinv(${a}, ${b}, ${y})` },
  jvp: ([a, b, y], [ta, tb, ty]) => {
    const x = betaincinv(a, b, y);
    if (!(ta instanceof Zero) || !(tb instanceof Zero)) {
      throw new Error("betaincinv: derivatives with respect to a and b are not available; differentiate with respect to y");
    }
    if (ty instanceof Zero) return [[x], [new Zero(x.aval)]];
    // dx/dy = 1 / (d/dx I_x(a, b)) = B(a, b) / (x^(a−1) (1−x)^(b−1)).
    const one = c(x, 1);
    const logDens = sub(add(mul(sub(a, one), log(x)), mul(sub(b, one), log(sub(one, x)))), sub(add(lgamma(a), lgamma(b)), lgamma(add(a, b))));
    return [[x], [mul(ty, exp(neg(logDens)))]];
  },
  batch: elementwiseBatch<null>((args) => bind1(betaincinvP, args, null), false),
});

/** The inverse of I_x(a, b) in x at the lax level (operands of one shape). */
export function betaincinv(a: Array, b: Array, y: Array): Array {
  return bind1(betaincinvP, [a, b, y], null);
}
