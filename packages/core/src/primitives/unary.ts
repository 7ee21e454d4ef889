/**
 * Elementwise unary primitives, each with its derivative beside it.
 */
import { type Array, type ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { type DType, isFloat } from "../core/dtype.js";
import { type Primitive, type Tangent, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { mapTangent } from "../core/tangent.js";
import { fillTemplate, mapUnaryExpr } from "../backend/cpu/elementwise.js";
import { add, div, mul, sub } from "./binary.js";
import { fullLike, scalar } from "./constants.js";

type Kind = "float" | "numeric" | "logical" | "float-to-bool";

interface UnarySpec {
  name: string;
  kind: Kind;
  /** The value as a JS expression in `x` (helpers as `lib.name`); per dtype when a function. */
  expr: string | ((dtype: DType) => string);
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
  const template = (dtype: DType) => (typeof spec.expr === "string" ? spec.expr : spec.expr(dtype));
  const self: { p?: Primitive<null> } = {};
  const apply = (x: Array) => bind1(self.p!, [x], null);
  const common = {
    name: spec.name,
    abstractEval: ([x]: ShapedArray[]) => [unaryAval(spec.name, spec.kind, x)],
    impl: ([x]: ConcreteArray[]) => {
      const a = unaryAval(spec.name, spec.kind, x.aval);
      return [mapUnaryExpr(x, template(x.dtype), a.dtype, a.weakType)];
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
  const fusion = { kind: "elementwise" as const, expr: (args: string[], _p: null, dtypes: DType[]) => fillTemplate(template(dtypes[0]), args) };
  self.p = spec.linear
    ? definePrimitive<null>({ ...common, fusion, linear: true, transpose: ([ct], [x]) => [mapTangent(ct, apply, x.aval)] })
    : definePrimitive<null>({ ...common, fusion });
  return [self.p, apply];
}

// Constants in derivative rules are rank-0 (weak, so they take the operand's type): they
// stay literals in staged programs instead of full-size arrays.
const c = (like: Array, v: number) => scalar(v, like.dtype, true);

export const [negP, neg] = defineUnary({ name: "neg", kind: "numeric", expr: "-x", linear: true });
export const [signP, sign] = defineUnary({ name: "sign", kind: "numeric", expr: "(x !== x ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0)" });
export const [floorP, floor] = defineUnary({ name: "floor", kind: "float", expr: "Math.floor(x)" });
export const [ceilP, ceil] = defineUnary({ name: "ceil", kind: "float", expr: "Math.ceil(x)" });
export const [roundP, round] = defineUnary({ name: "round", kind: "float", expr: "lib.roundHalfEven(x)" });
export const [isFiniteP, isFinite] = defineUnary({ name: "is_finite", kind: "float-to-bool", expr: "(Number.isFinite(x) ? 1 : 0)" });
export const [notP, not] = defineUnary({ name: "not", kind: "logical", expr: (d) => (d === "bool" ? "(x ? 0 : 1)" : "~x") });
export const [abs_P, abs] = defineUnary({ name: "abs", kind: "numeric", expr: "Math.abs(x)", deriv: (x) => sign(x) });
export const [expP, exp] = defineUnary({ name: "exp", kind: "float", expr: "lib.exp(x)", deriv: (_x, y) => y });
export const [exp2P, exp2] = defineUnary({ name: "exp2", kind: "float", expr: "lib.exp2(x)", deriv: (x, y) => mul(y, c(x, Math.LN2)) });
export const [exp10P, exp10] = defineUnary({ name: "exp10", kind: "float", expr: "lib.exp10(x)", deriv: (x, y) => mul(y, c(x, Math.LN10)) });
export const [logP, log] = defineUnary({ name: "log", kind: "float", expr: "Math.log(x)", deriv: (x) => div(c(x, 1), x) });
export const [log1pP, log1p] = defineUnary({ name: "log1p", kind: "float", expr: "Math.log1p(x)", deriv: (x) => div(c(x, 1), add(x, c(x, 1))) });
export const [expm1P, expm1] = defineUnary({ name: "expm1", kind: "float", expr: "Math.expm1(x)", deriv: (x, y) => add(y, c(x, 1)) });
export const [sinP, sin] = defineUnary({ name: "sin", kind: "float", expr: "Math.sin(x)", deriv: (x) => cos(x) });
export const [cosP, cos] = defineUnary({ name: "cos", kind: "float", expr: "Math.cos(x)", deriv: (x) => neg(sin(x)) });
export const [tanP, tan] = defineUnary({ name: "tan", kind: "float", expr: "Math.tan(x)", deriv: (x, y) => add(c(x, 1), mul(y, y)) });
export const [asinP, asin] = defineUnary({ name: "asin", kind: "float", expr: "Math.asin(x)", deriv: (x) => rsqrt(sub(c(x, 1), mul(x, x))) });
export const [acosP, acos] = defineUnary({ name: "acos", kind: "float", expr: "Math.acos(x)", deriv: (x) => neg(rsqrt(sub(c(x, 1), mul(x, x)))) });
export const [atanP, atan] = defineUnary({ name: "atan", kind: "float", expr: "Math.atan(x)", deriv: (x) => div(c(x, 1), add(c(x, 1), mul(x, x))) });
export const [sinhP, sinh] = defineUnary({ name: "sinh", kind: "float", expr: "Math.sinh(x)", deriv: (x) => cosh(x) });
export const [coshP, cosh] = defineUnary({ name: "cosh", kind: "float", expr: "Math.cosh(x)", deriv: (x) => sinh(x) });
export const [tanhP, tanh] = defineUnary({ name: "tanh", kind: "float", expr: "Math.tanh(x)", deriv: (x, y) => sub(c(x, 1), mul(y, y)) });
export const [asinhP, asinh] = defineUnary({ name: "asinh", kind: "float", expr: "Math.asinh(x)", deriv: (x) => rsqrt(add(mul(x, x), c(x, 1))) });
export const [acoshP, acosh] = defineUnary({
  name: "acosh",
  kind: "float",
  expr: "Math.acosh(x)",
  deriv: (x) => rsqrt(mul(sub(x, c(x, 1)), add(x, c(x, 1)))),
});
export const [atanhP, atanh] = defineUnary({ name: "atanh", kind: "float", expr: "Math.atanh(x)", deriv: (x) => div(c(x, 1), sub(c(x, 1), mul(x, x))) });
// d√x = ½ · (1/√x): the reciprocal is the one a Normal whose scale is √x already takes (0.5/y would be a second division; halving is exact).
export const [sqrtP, sqrt] = defineUnary({ name: "sqrt", kind: "float", expr: "Math.sqrt(x)", deriv: (x, y) => mul(c(x, 0.5), integerPow(y, -1)) });
export const [rsqrtP, rsqrt] = defineUnary({ name: "rsqrt", kind: "float", expr: "1 / Math.sqrt(x)", deriv: (x, y) => mul(c(x, -0.5), div(y, x)) });
export const [cbrtP, cbrt] = defineUnary({ name: "cbrt", kind: "float", expr: "Math.cbrt(x)", deriv: (x, y) => div(c(x, 1 / 3), mul(y, y)) });
export const [logisticP, logistic] = defineUnary({
  name: "logistic",
  kind: "float",
  expr: "lib.logistic(x)",
  deriv: (x, y) => mul(y, sub(c(x, 1), y)),
});

// ---------------------------------------------------------------- integer_pow

interface IntegerPowParams {
  y: number;
}

// Small exponents are written out so that compiled loops need no call.
function integerPowExpr([x]: string[], { y }: IntegerPowParams, [dtype]: string[]): string {
  if (!isFloat(dtype as "float64")) return `lib.ipow(${x}, ${y})`;
  const v = `(${x})`;
  switch (y) {
    case 0:
      return "1";
    case 1:
      return v;
    case 2:
      return `${v} * ${v}`;
    case -1:
      return `1 / ${v}`;
    case -2:
      return `1 / (${v} * ${v})`;
    default:
      return `lib.powInt(${v}, ${y})`;
  }
}

export const integerPowP: Primitive<IntegerPowParams> = definePrimitive<IntegerPowParams>({
  name: "integer_pow",
  abstractEval: ([x], { y }) => {
    if (!Number.isInteger(y)) throw new Error(`integer_pow: exponent ${y} must be an integer`);
    if (x.dtype === "bool") throw new Error(`integer_pow: not defined for bool (${x})`);
    return [x];
  },
  impl: ([x], p) => [mapUnaryExpr(x, integerPowExpr(["x"], p, [x.dtype]), x.dtype, x.weakType)],
  fusion: { kind: "elementwise", expr: (args, p, dtypes) => integerPowExpr(args, p, dtypes) },
  jvp: ([x], [t], { y }) => {
    const out = integerPow(x, y);
    if (t instanceof Zero || !isFloat(x.dtype)) return [[out], [new Zero(out.aval)]];
    // d/dx x⁻¹ = −(x⁻¹)²: reuses the output (no second division).
    const d = y === 0 ? fullLike(x, 0) : y === 1 ? fullLike(x, 1) : y === -1 ? neg(mul(out, out)) : mul(scalar(y, x.dtype, true), integerPow(x, y - 1));
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
