/**
 * Elementwise unary primitives, each with its derivative beside it.
 */
import { type Array, type ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { isFloat } from "../core/dtype.js";
import { type Primitive, type Tangent, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { mapTangent } from "../core/tangent.js";
import { mapUnary } from "../backend/cpu/elementwise.js";
import { add, div, mul, sub } from "./binary.js";
import { fullLike } from "./constants.js";

type Kind = "float" | "numeric" | "logical" | "float-to-bool";

interface UnarySpec {
  name: string;
  kind: Kind;
  f: (v: number) => number;
  /** Derivative factor: tangent out = t * deriv(x, out). Absent: zero tangent. */
  deriv?: (x: Array, out: Array) => Array;
  linear?: boolean;
}

function unaryAval(name: string, kind: Kind, x: ShapedArray): ShapedArray {
  if ((kind === "float" || kind === "float-to-bool") && !isFloat(x.dtype)) {
    throw new Error(`${name}: expected a float array, got ${x} (np.${name} converts integers for you)`);
  }
  if (kind === "numeric" && x.dtype === "bool") throw new Error(`${name}: not defined for bool (${x})`);
  if (kind === "logical" && isFloat(x.dtype)) throw new Error(`${name}: expected an integer or bool array, got ${x}`);
  return kind === "float-to-bool" ? new ShapedArray(x.shape, "bool") : x;
}

/** Define an elementwise unary primitive and return it with its lax-level function. */
export function defineUnary(spec: UnarySpec): [Primitive<null>, (x: Array) => Array] {
  const self: { p?: Primitive<null> } = {};
  const apply = (x: Array) => bind1(self.p!, [x], null);
  const common = {
    name: spec.name,
    abstractEval: ([x]: ShapedArray[]) => [unaryAval(spec.name, spec.kind, x)],
    impl: ([x]: ConcreteArray[]) => {
      const a = unaryAval(spec.name, spec.kind, x.aval);
      return [mapUnary(x, spec.f, a.dtype, a.weakType)];
    },
    jvp: ([x]: Array[], [t]: Tangent[]): [Array[], Tangent[]] => {
      const out = apply(x);
      if (t instanceof Zero || !isFloat(out.dtype)) return [[out], [new Zero(out.aval)]];
      if (spec.linear) return [[out], [apply(t)]];
      if (!spec.deriv) return [[out], [new Zero(out.aval)]];
      return [[out], [mul(t, spec.deriv(x, out))]];
    },
    batch: ([x]: Array[], [d]: (number | null)[]): [Array[], (number | null)[]] => [[apply(x)], [d]],
  };
  self.p = spec.linear
    ? definePrimitive<null>({ ...common, linear: true, transpose: ([ct], [x]) => [mapTangent(ct, apply, x.aval)] })
    : definePrimitive<null>(common);
  return [self.p, apply];
}

const c = (like: Array, v: number) => fullLike(like, v);

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export const [negP, neg] = defineUnary({ name: "neg", kind: "numeric", f: (v) => -v, linear: true });
export const [signP, sign] = defineUnary({ name: "sign", kind: "numeric", f: (v) => (Number.isNaN(v) ? NaN : v > 0 ? 1 : v < 0 ? -1 : 0) });
export const [floorP, floor] = defineUnary({ name: "floor", kind: "float", f: Math.floor });
export const [ceilP, ceil] = defineUnary({ name: "ceil", kind: "float", f: Math.ceil });
export const [roundP, round] = defineUnary({ name: "round", kind: "float", f: roundHalfEven });
export const [isFiniteP, isFinite] = defineUnary({ name: "is_finite", kind: "float-to-bool", f: (v) => (Number.isFinite(v) ? 1 : 0) });
export const [notP, not] = defineUnary({ name: "not", kind: "logical", f: (v) => ~v });
export const [abs_P, abs] = defineUnary({ name: "abs", kind: "numeric", f: Math.abs, deriv: (x) => sign(x) });
export const [expP, exp] = defineUnary({ name: "exp", kind: "float", f: Math.exp, deriv: (_x, y) => y });
export const [exp2P, exp2] = defineUnary({ name: "exp2", kind: "float", f: (v) => Math.pow(2, v), deriv: (x, y) => mul(y, c(x, Math.LN2)) });
export const [logP, log] = defineUnary({ name: "log", kind: "float", f: Math.log, deriv: (x) => div(c(x, 1), x) });
export const [log1pP, log1p] = defineUnary({ name: "log1p", kind: "float", f: Math.log1p, deriv: (x) => div(c(x, 1), add(x, c(x, 1))) });
export const [expm1P, expm1] = defineUnary({ name: "expm1", kind: "float", f: Math.expm1, deriv: (x, y) => add(y, c(x, 1)) });
export const [sinP, sin] = defineUnary({ name: "sin", kind: "float", f: Math.sin, deriv: (x) => cos(x) });
export const [cosP, cos] = defineUnary({ name: "cos", kind: "float", f: Math.cos, deriv: (x) => neg(sin(x)) });
export const [tanP, tan] = defineUnary({ name: "tan", kind: "float", f: Math.tan, deriv: (x, y) => add(c(x, 1), mul(y, y)) });
export const [asinP, asin] = defineUnary({ name: "asin", kind: "float", f: Math.asin, deriv: (x) => rsqrt(sub(c(x, 1), mul(x, x))) });
export const [acosP, acos] = defineUnary({ name: "acos", kind: "float", f: Math.acos, deriv: (x) => neg(rsqrt(sub(c(x, 1), mul(x, x)))) });
export const [atanP, atan] = defineUnary({ name: "atan", kind: "float", f: Math.atan, deriv: (x) => div(c(x, 1), add(c(x, 1), mul(x, x))) });
export const [sinhP, sinh] = defineUnary({ name: "sinh", kind: "float", f: Math.sinh, deriv: (x) => cosh(x) });
export const [coshP, cosh] = defineUnary({ name: "cosh", kind: "float", f: Math.cosh, deriv: (x) => sinh(x) });
export const [tanhP, tanh] = defineUnary({ name: "tanh", kind: "float", f: Math.tanh, deriv: (x, y) => sub(c(x, 1), mul(y, y)) });
export const [asinhP, asinh] = defineUnary({ name: "asinh", kind: "float", f: Math.asinh, deriv: (x) => rsqrt(add(mul(x, x), c(x, 1))) });
export const [acoshP, acosh] = defineUnary({
  name: "acosh",
  kind: "float",
  f: Math.acosh,
  deriv: (x) => rsqrt(mul(sub(x, c(x, 1)), add(x, c(x, 1)))),
});
export const [atanhP, atanh] = defineUnary({ name: "atanh", kind: "float", f: Math.atanh, deriv: (x) => div(c(x, 1), sub(c(x, 1), mul(x, x))) });
export const [sqrtP, sqrt] = defineUnary({ name: "sqrt", kind: "float", f: Math.sqrt, deriv: (x, y) => div(c(x, 0.5), y) });
export const [rsqrtP, rsqrt] = defineUnary({ name: "rsqrt", kind: "float", f: (v) => 1 / Math.sqrt(v), deriv: (x, y) => mul(c(x, -0.5), div(y, x)) });
export const [cbrtP, cbrt] = defineUnary({ name: "cbrt", kind: "float", f: Math.cbrt, deriv: (x, y) => div(c(x, 1 / 3), mul(y, y)) });
export const [logisticP, logistic] = defineUnary({
  name: "logistic",
  kind: "float",
  f: (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
  deriv: (x, y) => mul(y, sub(c(x, 1), y)),
});

// ---------------------------------------------------------------- integer_pow

interface IntegerPowParams {
  y: number;
}

function intPow(v: number, n: number): number {
  if (n === 0) return 1;
  let base = n < 0 ? 1 / v : v;
  let e = Math.abs(n);
  let r = 1;
  while (e > 0) {
    if (e & 1) r *= base;
    base *= base;
    e >>>= 1;
  }
  return r;
}

export const integerPowP: Primitive<IntegerPowParams> = definePrimitive<IntegerPowParams>({
  name: "integer_pow",
  abstractEval: ([x], { y }) => {
    if (!Number.isInteger(y)) throw new Error(`integer_pow: exponent ${y} must be an integer`);
    if (x.dtype === "bool") throw new Error(`integer_pow: not defined for bool (${x})`);
    return [x];
  },
  impl: ([x], { y }) => [mapUnary(x, isFloat(x.dtype) ? (v) => intPow(v, y) : (v) => Math.trunc(intPow(v, y)))],
  jvp: ([x], [t], { y }) => {
    const out = integerPow(x, y);
    if (t instanceof Zero || !isFloat(x.dtype)) return [[out], [new Zero(out.aval)]];
    const d = y === 0 ? fullLike(x, 0) : y === 1 ? fullLike(x, 1) : mul(fullLike(x, y), integerPow(x, y - 1));
    return [[out], [mul(t, d)]];
  },
  batch: ([x], [d], p) => [[integerPow(x, p.y)], [d]],
});

/**
 * x ** y for a static integer y, by repeated squaring.
 *
 * @example
 * ```ts
 * lax.integerPow(np.array([1, 2, 3]), 2); // [1, 4, 9]
 * ```
 */
export function integerPow(x: Array, y: number): Array {
  if (y === 1) return x;
  return bind1(integerPowP, [x], { y });
}
