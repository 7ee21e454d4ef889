/**
 * NumPy's elementwise functions: broadcasting and dtype promotion over the lax primitives.
 */
import { type Array } from "../core/array.js";
import { isFloat } from "../core/dtype.js";
import * as b from "../primitives/binary.js";
import * as u from "../primitives/unary.js";
import { fullLike } from "../primitives/constants.js";
import { broadcastShapes } from "../core/shape.js";
import { type ArrayLike, asArray, broadcastTo, prepElementwise, promoteArgs, promoteArgsFloat } from "./core.js";

type Unary = (x: ArrayLike) => Array;
type Binary = (x: ArrayLike, y: ArrayLike) => Array;

const floatUnary = (name: string, f: (x: Array) => Array): Unary => (x) => f(promoteArgsFloat(name, x)[0]);
const numUnary = (f: (x: Array) => Array): Unary => (x) => f(asArray(x));
const binary = (name: string, f: (x: Array, y: Array) => Array, float = false): Binary => (x, y) => {
  const [a, c] = prepElementwise(name, float, x, y);
  return f(a, c);
};
// For functions built with select (which needs equal shapes): scalars are broadcast too.
const binarySameShape = (name: string, f: (x: Array, y: Array) => Array, float = false): Binary =>
  binary(
    name,
    (a, c) => {
      const shape = broadcastShapes([a.shape, c.shape], name);
      return f(broadcastTo(a, shape), broadcastTo(c, shape));
    },
    float,
  );

/** Elementwise x + y, with broadcasting. @example np.add(np.array([1, 2]), 1); // [2, 3] */
export const add: Binary = binary("add", (x, y) => (x.dtype === "bool" ? b.or(x, y) : b.add(x, y)));
/** Elementwise x - y. @example np.subtract(5, np.array([1, 2])); // [4, 3] */
export const subtract: Binary = binary("subtract", b.sub);
/** Elementwise x * y. @example np.multiply(np.array([1, 2]), 3); // [3, 6] */
export const multiply: Binary = binary("multiply", (x, y) => (x.dtype === "bool" ? b.and(x, y) : b.mul(x, y)));
/** True division (integers give floats). @example np.divide(1, np.array([2, 4])); // [0.5, 0.25] */
export const divide: Binary = binary("divide", b.div, true);
/** Alias of `divide`. */
export const trueDivide = divide;
/** Elementwise power x ** y. @example np.power(np.array([2, 3]), 2); // [4, 9] */
export const power: Binary = (x, y) => {
  // A constant base of 10 or 2 with a float exponent (magnitudes, dex, octaves): exp10/exp2,
  // ~1 ulp, exact at integers, and ~3× faster than a general power.
  if ((x === 10 || x === 2) && !(typeof y === "number" && Number.isInteger(y))) {
    const e = asArray(y);
    if (isFloat(e.dtype)) return x === 10 ? u.exp10(e) : u.exp2(e);
  }
  const [a, c] = prepElementwise("power", false, x, y);
  return b.pow(a, c);
};
/** Elementwise maximum (NaN propagates). @example np.maximum(np.array([1, 5]), 3); // [3, 5] */
export const maximum: Binary = binary("maximum", (x, y) => (x.dtype === "bool" ? b.or(x, y) : b.max(x, y)));
/** Elementwise minimum (NaN propagates). @example np.minimum(np.array([1, 5]), 3); // [1, 3] */
export const minimum: Binary = binary("minimum", (x, y) => (x.dtype === "bool" ? b.and(x, y) : b.min(x, y)));
/** atan2(y, x), the angle of (x, y). @example np.arctan2(1, 1); // π/4 */
export const arctan2: Binary = binary("arctan2", b.atan2, true);

/**
 * Floor division, rounding toward -∞ as NumPy. Floats use NumPy's divmod, so that
 * `floorDivide(x, y) * y + mod(x, y)` is close to `x`: `np.floorDivide(1, 0.1)` is 9 (0.1 is
 * slightly above 1/10), not `floor(1 / 0.1)` = 10.
 *
 * @example
 * ```ts
 * np.floorDivide(np.array([7, -7]), 2); // [3, -4]
 * ```
 */
export const floorDivide: Binary = binarySameShape("floorDivide", (x, y) => {
  if (isFloat(x.dtype)) {
    // npy_divmod: div = (x - fmod(x, y)) / y, one less when the remainder's sign differs from
    // y's, then rounded to the nearest integer; x / y when y is 0.
    const zero = fullLike(x, 0);
    const one = fullLike(x, 1);
    const r = b.rem(x, y);
    const d0 = b.div(b.sub(x, r), y);
    const fix = b.and(b.ne(r, zero), b.ne(b.lt(y, zero), b.lt(r, zero)));
    const d = b.select(fix, b.sub(d0, one), d0);
    const fl = u.floor(d);
    const rounded = b.select(b.gt(b.sub(d, fl), fullLike(x, 0.5)), b.add(fl, one), fl);
    const q = b.div(x, y);
    const res = b.select(b.eq(d, zero), b.mul(zero, q), rounded);
    return b.select(b.eq(y, zero), q, res);
  }
  const q = b.div(x, y);
  const adjust = b.and(b.ne(b.rem(x, y), fullLike(x, 0)), b.ne(b.lt(x, fullLike(x, 0)), b.lt(y, fullLike(y, 0))));
  return b.select(adjust, b.sub(q, fullLike(q, 1)), q);
});

/**
 * Remainder with the sign of the divisor (Python's %, NumPy's `mod`).
 *
 * @example
 * ```ts
 * np.mod(np.array([7, -7]), 3); // [1, 2]
 * ```
 */
export const mod: Binary = binarySameShape("mod", (x, y) => {
  const r = b.rem(x, y);
  const zero = fullLike(r, 0);
  const fix = b.and(b.ne(r, zero), b.ne(b.lt(r, zero), b.lt(y, zero)));
  return b.select(fix, b.add(r, y), r);
});
/** Alias of `mod`. */
export const remainder = mod;
/** C-style remainder with the sign of the dividend. @example np.fmod(-7, 3); // -1 */
export const fmod: Binary = binary("fmod", b.rem);

/** sqrt(x² + y²) without overflow. @example np.hypot(3, 4); // 5 */
export const hypot: Binary = binarySameShape(
  "hypot",
  (x, y) => {
    const ax = u.abs(x);
    const ay = u.abs(y);
    const hi = b.max(ax, ay);
    const lo = b.min(ax, ay);
    const zero = fullLike(hi, 0);
    const inf = fullLike(hi, Infinity);
    const safe = b.select(b.eq(hi, zero), fullLike(hi, 1), hi);
    const r = b.div(lo, safe);
    const res = b.select(b.eq(hi, zero), zero, b.mul(hi, u.sqrt(b.add(fullLike(r, 1), b.mul(r, r)))));
    // An infinite side wins over NaN, as C's hypot: hypot(inf, nan) = inf.
    return b.select(b.or(b.eq(ax, inf), b.eq(ay, inf)), inf, res);
  },
  true,
);

/** log(exp(x) + exp(y)), stable. @example np.logaddexp(0, 0); // log 2 */
export const logaddexp: Binary = binarySameShape(
  "logaddexp",
  (x, y) => {
    const m = b.max(x, y);
    const d = u.neg(u.abs(b.sub(x, y)));
    const finiteM = b.select(u.isFinite(m), m, fullLike(m, 0));
    const res = b.add(m, u.log1p(u.exp(b.select(u.isFinite(d), d, fullLike(d, -Infinity)))));
    // Both -inf (or equal infinities): the max itself.
    return b.select(b.eq(x, y), b.add(x, fullLike(x, Math.LN2)), b.add(finiteM, b.sub(res, finiteM)));
  },
  true,
);

/** x == y. @example np.equal(np.array([1, 2]), 2); // [false, true] */
export const equal: Binary = binary("equal", b.eq);
/** x != y. */
export const notEqual: Binary = binary("notEqual", b.ne);
/** x < y. */
export const less: Binary = binary("less", b.lt);
/** x <= y. */
export const lessEqual: Binary = binary("lessEqual", b.le);
/** x > y. */
export const greater: Binary = binary("greater", b.gt);
/** x >= y. */
export const greaterEqual: Binary = binary("greaterEqual", b.ge);

const toBool = (x: ArrayLike) => {
  const a = asArray(x);
  return a.dtype === "bool" ? a : b.ne(a, fullLike(a, 0));
};
/** Logical and (truthiness of numbers). @example np.logicalAnd(true, np.array([true, false])); */
export const logicalAnd: Binary = (x, y) => binary("logicalAnd", b.and)(toBool(x), toBool(y));
/** Logical or. */
export const logicalOr: Binary = (x, y) => binary("logicalOr", b.or)(toBool(x), toBool(y));
/** Logical xor. */
export const logicalXor: Binary = (x, y) => binary("logicalXor", b.xor)(toBool(x), toBool(y));
/** Logical not. @example np.logicalNot(np.array([true, false])); // [false, true] */
export const logicalNot: Unary = (x) => u.not(toBool(x));
/** Bitwise and of integers/bools. */
export const bitwiseAnd: Binary = binary("bitwiseAnd", b.and);
/** Bitwise or of integers/bools. */
export const bitwiseOr: Binary = binary("bitwiseOr", b.or);
/** Bitwise xor of integers/bools. */
export const bitwiseXor: Binary = binary("bitwiseXor", b.xor);

/** -x. @example np.negative(np.array([1, -2])); // [-1, 2] */
export const negative: Unary = numUnary(u.neg);
/** +x (a copy-free identity). */
export const positive: Unary = (x) => asArray(x);
/** |x|. @example np.abs(np.array([-1.5, 2])); // [1.5, 2] */
export const abs: Unary = (x) => {
  const a = asArray(x);
  return a.dtype === "bool" || a.dtype === "uint32" ? a : u.abs(a);
};
/** Alias of `abs`. */
export const absolute = abs;
/** Sign: -1, 0 or 1 (NaN for NaN). @example np.sign(np.array([-2, 0, 3])); // [-1, 0, 1] */
export const sign: Unary = numUnary(u.sign);
/** e^x. @example np.exp(0); // 1 */
export const exp: Unary = floatUnary("exp", u.exp);
/** 2^x. @example np.exp2(3); // 8 */
export const exp2: Unary = floatUnary("exp2", u.exp2);
/** e^x - 1, accurate near 0. @example np.expm1(1e-10); // 1.00000000005e-10 */
export const expm1: Unary = floatUnary("expm1", u.expm1);
/** Natural log. @example np.log(Math.E); // 1 */
export const log: Unary = floatUnary("log", u.log);
/** log(1 + x), accurate near 0. @example np.log1p(1e-10); */
export const log1p: Unary = floatUnary("log1p", u.log1p);
/** Base-2 log. @example np.log2(8); // 3 */
export const log2: Unary = floatUnary("log2", (x) => b.div(u.log(x), fullLike(x, Math.LN2)));
/** Base-10 log. @example np.log10(1000); // 3 */
export const log10: Unary = floatUnary("log10", (x) => b.div(u.log(x), fullLike(x, Math.LN10)));
/** Square root. @example np.sqrt(np.array([4, 9])); // [2, 3] */
export const sqrt: Unary = floatUnary("sqrt", u.sqrt);
/** 1/sqrt(x). */
export const rsqrt: Unary = floatUnary("rsqrt", u.rsqrt);
/** Cube root (real, negative for negative x). @example np.cbrt(-8); // -2 */
export const cbrt: Unary = floatUnary("cbrt", u.cbrt);
/** x². @example np.square(np.array([1, 2])); // [1, 4] */
export const square: Unary = numUnary((x) => u.integerPow(x, 2));
/** 1/x (floats). @example np.reciprocal(np.array([2, 4])); // [0.5, 0.25] */
export const reciprocal: Unary = floatUnary("reciprocal", (x) => u.integerPow(x, -1));
/** Sine. */
export const sin: Unary = floatUnary("sin", u.sin);
/** Cosine. */
export const cos: Unary = floatUnary("cos", u.cos);
/** Tangent. */
export const tan: Unary = floatUnary("tan", u.tan);
/** Inverse sine. */
export const arcsin: Unary = floatUnary("arcsin", u.asin);
/** Inverse cosine. */
export const arccos: Unary = floatUnary("arccos", u.acos);
/** Inverse tangent. */
export const arctan: Unary = floatUnary("arctan", u.atan);
/** Hyperbolic sine. */
export const sinh: Unary = floatUnary("sinh", u.sinh);
/** Hyperbolic cosine. */
export const cosh: Unary = floatUnary("cosh", u.cosh);
/** Hyperbolic tangent. */
export const tanh: Unary = floatUnary("tanh", u.tanh);
/** Inverse hyperbolic sine. */
export const arcsinh: Unary = floatUnary("arcsinh", u.asinh);
/** Inverse hyperbolic cosine. */
export const arccosh: Unary = floatUnary("arccosh", u.acosh);
/** Inverse hyperbolic tangent. */
export const arctanh: Unary = floatUnary("arctanh", u.atanh);
/** Degrees to radians. */
export const deg2rad: Unary = floatUnary("deg2rad", (x) => b.mul(x, fullLike(x, Math.PI / 180)));
/** Radians to degrees. */
export const rad2deg: Unary = floatUnary("rad2deg", (x) => b.mul(x, fullLike(x, 180 / Math.PI)));
/** Largest integer ≤ x (integers unchanged). @example np.floor(np.array([-1.5, 1.5])); // [-2, 1] */
export const floor: Unary = (x) => {
  const a = asArray(x);
  return isFloat(a.dtype) ? u.floor(a) : a;
};
/** Smallest integer ≥ x (integers unchanged). */
export const ceil: Unary = (x) => {
  const a = asArray(x);
  return isFloat(a.dtype) ? u.ceil(a) : a;
};
/** Round toward zero. @example np.trunc(np.array([-1.7, 1.7])); // [-1, 1] */
export const trunc: Unary = (x) => {
  const a = asArray(x);
  return isFloat(a.dtype) ? b.mul(u.sign(a), u.floor(u.abs(a))) : a;
};
/** Round to nearest, ties to even (NumPy's `rint`). */
export const rint: Unary = (x) => {
  const a = asArray(x);
  return isFloat(a.dtype) ? u.round(a) : a;
};

/**
 * Round to `decimals` decimal places, ties to even (NumPy's `round`).
 *
 * @example
 * ```ts
 * np.round(np.array([0.5, 1.5, 2.675]), 0); // [0, 2, 3]
 * ```
 */
export function round(x: ArrayLike, decimals = 0): Array {
  const a = asArray(x);
  if (!isFloat(a.dtype)) {
    if (decimals >= 0 || a.dtype === "bool") return a;
    // Integers to tens, hundreds, …: ties to even as NumPy (x / 10^k is exact at a tie).
    const af = b.convertElementType(a, "float64");
    const g = fullLike(af, Math.pow(10, -decimals));
    return b.convertElementType(b.mul(u.round(b.div(af, g)), g), a.dtype);
  }
  if (decimals === 0) return u.round(a);
  const f = fullLike(a, Math.pow(10, decimals));
  return b.div(u.round(b.mul(a, f)), f);
}
/** Alias of `round`. */
export const around = round;

/** True where x is NaN. @example np.isnan(np.array([NaN, 1])); // [true, false] */
export const isnan: Unary = (x) => {
  const a = asArray(x);
  return b.ne(a, a);
};
/** True where x is ±∞. */
export const isinf: Unary = (x) => {
  const a = asArray(x);
  if (!isFloat(a.dtype)) return b.ne(a, a);
  return b.eq(u.abs(a), fullLike(a, Infinity));
};
/** True where x is finite. */
export const isfinite: Unary = (x) => {
  const a = asArray(x);
  return isFloat(a.dtype) ? u.isFinite(a) : b.eq(a, a);
};

/**
 * `x` where `condition` is true, else `y`, with broadcasting (NumPy's three-argument `where`).
 *
 * @example
 * ```ts
 * np.where(np.array([true, false]), 1, np.array([5, 6])); // [1, 6]
 * ```
 */
export function where(condition: ArrayLike, x: ArrayLike, y: ArrayLike): Array {
  const c = toBool(condition);
  const [xp, yp] = promoteArgs("where", x, y);
  const shape = broadcastShapes([c.shape, xp.shape, yp.shape], "where");
  return b.select(broadcastTo(c, shape), broadcastTo(xp, shape), broadcastTo(yp, shape));
}

/**
 * Clip values to [min, max] (either bound may be omitted with `undefined`).
 *
 * @example
 * ```ts
 * np.clip(np.array([-2, 0.5, 3]), 0, 1); // [0, 0.5, 1]
 * ```
 */
export function clip(x: ArrayLike, min?: ArrayLike, max?: ArrayLike): Array {
  let r = asArray(x);
  if (min !== undefined && min !== null) r = maximum(r, min);
  if (max !== undefined && max !== null) r = minimum(r, max);
  return r;
}
