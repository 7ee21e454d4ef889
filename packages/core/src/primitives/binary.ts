/**
 * Elementwise binary primitives on same-shaped, same-dtype operands (NumPy-style
 * broadcasting and promotion happen in `np`), plus select_n and convert_element_type.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { type DType, allocate, castScalar, isFloat } from "../core/dtype.js";
import { type Primitive, type Tangent, UndefPrimal, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { range, shapeEqual } from "../core/shape.js";
import { broadcastInDim } from "./shape-ops.js";
import { reduceSum } from "./reduce.js";
import { addTangents, instantiate, mapTangent } from "../core/tangent.js";
import { fillTemplate, mapBinaryExpr, mapNary } from "../backend/cpu/elementwise.js";
import { elementwiseBatch } from "./elementwise-batch.js";
import { abs, floor, log, neg, sign } from "./unary.js";
import { fullLike } from "./constants.js";

export type BinaryKind = "numeric" | "float" | "int" | "logical" | "compare";

export interface BinarySpec {
  name: string;
  kind: BinaryKind;
  /** The value as a JS expression in `x` and `y` (per dtype, so integer ops can wrap). */
  expr: (dtype: DType) => string;
  /** Tangent of the output from primals, output and tangents (tangents never both Zero). */
  jvp?: (x: Array, y: Array, out: Array, tx: Tangent, ty: Tangent) => Tangent;
  linear?: boolean;
  transpose?: (ct: Tangent, x: Array | UndefPrimal, y: Array | UndefPrimal) => (Tangent | null)[];
}

function binaryAval(name: string, kind: BinaryKind, x: ShapedArray, y: ShapedArray): ShapedArray {
  if (!shapeEqual(x.shape, y.shape) && x.ndim !== 0 && y.ndim !== 0) {
    throw new Error(`${name}: operand shapes differ: ${x} and ${y} (lax ops broadcast only rank-0 operands; use np.${name})`);
  }
  if (x.dtype !== y.dtype) throw new Error(`${name}: operand dtypes differ: ${x} and ${y} (lax ops do not promote; use np.${name})`);
  if (kind === "float" && !isFloat(x.dtype)) throw new Error(`${name}: expected float operands, got ${x}`);
  if ((kind === "int" || kind === "logical") && isFloat(x.dtype)) throw new Error(`${name}: expected integer or bool operands, got ${x}`);
  if (kind === "numeric" && x.dtype === "bool") throw new Error(`${name}: not defined for bool operands (${x}); convert to int32 first`);
  const dtype = kind === "compare" ? "bool" : x.dtype;
  return new ShapedArray(x.ndim === 0 ? y.shape : x.shape, dtype, kind === "compare" ? false : x.weakType && y.weakType);
}

export function defineBinary(spec: BinarySpec): Primitive<null> {
  const self: { p?: Primitive<null> } = {};
  const apply = (x: Array, y: Array) => bind1(self.p!, [x, y], null);
  const common = {
    name: spec.name,
    abstractEval: ([x, y]: ShapedArray[]) => [binaryAval(spec.name, spec.kind, x, y)],
    impl: ([x, y]: ConcreteArray[]) => {
      const a = binaryAval(spec.name, spec.kind, x.aval, y.aval);
      return [mapBinaryExpr(x, y, spec.expr(x.dtype), a.dtype, a.weakType)];
    },
    jvp: ([x, y]: Array[], [tx, ty]: Tangent[]): [Array[], Tangent[]] => {
      const out = apply(x, y);
      if (!spec.jvp || !isFloat(out.dtype)) return [[out], [new Zero(out.aval)]];
      return [[out], [toShape(spec.jvp(x, y, out, tx, ty), out.aval)]];
    },
    batch: elementwiseBatch<null>(([x, y]) => apply(x, y)),
  };
  const fusion = { kind: "elementwise" as const, expr: (args: string[], _p: null, dtypes: DType[]) => fillTemplate(spec.expr(dtypes[0]), args) };
  // Cotangents of rank-0 operands are summed over the broadcast.
  const transpose = ([ct]: Tangent[], [x, y]: (Array | UndefPrimal)[]) =>
    spec.transpose!(ct, x, y).map((c, i) => (c === null ? null : unbroadcast(c, [x, y][i].aval)));
  self.p = spec.linear
    ? definePrimitive<null>({ ...common, fusion, linear: true, transpose })
    : definePrimitive<null>({ ...common, fusion, transpose: spec.transpose ? transpose : undefined });
  return self.p;
}

/** Sum a cotangent down to a rank-0 operand's shape. */
function unbroadcast(ct: Tangent, aval: ShapedArray): Tangent {
  if (ct instanceof Zero) return new Zero(aval);
  if (aval.ndim === 0 && ct.ndim !== 0) return reduceSum(ct, range(ct.ndim));
  return ct;
}

/** Broadcast a (rank-0) tangent to the output's shape. */
function toShape(t: Tangent, aval: ShapedArray): Tangent {
  if (t instanceof Zero) return new Zero(aval);
  if (t.ndim === 0 && aval.ndim !== 0) return broadcastInDim(t, aval.shape, []);
  return t;
}

const isIntDtype = (d: DType) => d === "int32" || d === "uint32";

export const addP = defineBinary({
  name: "add",
  kind: "numeric",
  expr: () => "x + y",
  jvp: (_x, _y, o, tx, ty) => addTangents(toShape(tx, o.aval), toShape(ty, o.aval)),
  linear: true,
  transpose: (ct) => [ct, ct],
});

export const subP = defineBinary({
  name: "sub",
  kind: "numeric",
  expr: () => "x - y",
  jvp: (_x, _y, o, tx, ty) => (ty instanceof Zero ? tx : tx instanceof Zero ? neg(toShape(ty, o.aval) as Array) : sub(tx, ty)),
  linear: true,
  transpose: (ct, x) => [ct, mapTangent(ct, neg, x.aval)],
});

export const mulP = defineBinary({
  name: "mul",
  kind: "numeric",
  expr: (d) => (isIntDtype(d) ? "Math.imul(x, y)" : "x * y"),
  jvp: (x, y, o, tx, ty) => addTangents(toShape(mapTangent(tx, (t) => mul(t, y), x.aval), o.aval), toShape(mapTangent(ty, (t) => mul(x, t), y.aval), o.aval)),
  transpose: (ct, x, y) => {
    if (x instanceof UndefPrimal && y instanceof UndefPrimal) throw new Error("mul: transpose of a product of two linear values (non-linear)");
    if (x instanceof UndefPrimal) return [mapTangent(ct, (c) => mul(c, y as Array), x.aval), null];
    return [null, mapTangent(ct, (c) => mul(x as Array, c), (y as UndefPrimal).aval)];
  },
});

export const divP = defineBinary({
  name: "div",
  kind: "numeric",
  expr: (d) => (isIntDtype(d) ? "(y === 0 ? 0 : Math.trunc(x / y))" : "x / y"),
  jvp: (x, y, out, tx, ty) =>
    addTangents(toShape(mapTangent(tx, (t) => div(t, y), x.aval), out.aval), toShape(mapTangent(ty, (t) => neg(mul(t, div(out, y))), y.aval), out.aval)),
  transpose: (ct, x, y) => {
    if (y instanceof UndefPrimal) throw new Error("div: transpose with respect to the divisor (non-linear)");
    return [mapTangent(ct, (c) => div(c, y), (x as UndefPrimal).aval), null];
  },
});

export const remP = defineBinary({
  name: "rem",
  kind: "numeric",
  expr: (d) => (isIntDtype(d) ? "(y === 0 ? 0 : x % y)" : "x % y"),
  jvp: (x, y, _o, tx, ty) => {
    const q = div(x, y);
    const truncQ = mul(sign(q), floor(abs(q)));
    return addTangents(toShape(tx, q.aval), toShape(mapTangent(ty, (t) => neg(mul(t, truncQ)), y.aval), q.aval));
  },
});

export const powP = defineBinary({
  name: "pow",
  kind: "numeric",
  expr: (d) => (isIntDtype(d) ? "lib.ipow(x, y)" : "lib.powC(x, y)"),
  jvp: (x, y, out, tx, ty) => {
    const zero = fullLike(out, 0);
    const one = fullLike(out, 1);
    // d/dx x^y = y x^(y-1) (0 where y == 0); d/dy x^y = log(x) x^y (0 where x == 0).
    const dx = () => select(eq(y, zero), zero, mul(y, pow(x, sub(y, one))));
    const dy = () => select(eq(x, zero), zero, mul(log(x), out));
    return addTangents(toShape(mapTangent(tx, (t) => mul(t, dx()), x.aval), out.aval), toShape(mapTangent(ty, (t) => mul(t, dy()), y.aval), out.aval));
  },
});

function jvpExtremum(pick: (x: Array, y: Array) => Array) {
  return (x: Array, y: Array, _o: Array, tx: Tangent, ty: Tangent): Tangent => {
    const o = add(x, y).aval;
    const a = toShape(instantiate(tx), o) as Array;
    const b = toShape(instantiate(ty), o) as Array;
    const half = fullLike({ aval: o }, 0.5);
    // Ties share the tangent equally, as JAX.
    return select(eq(x, y), mul(half, add(a, b)), select(pick(x, y), a, b));
  };
}

export const maxP = defineBinary({ name: "max", kind: "numeric", expr: () => "(x !== x || y !== y ? NaN : x > y ? x : y)", jvp: jvpExtremum((x, y) => gt(x, y)) });
export const minP = defineBinary({ name: "min", kind: "numeric", expr: () => "(x !== x || y !== y ? NaN : x < y ? x : y)", jvp: jvpExtremum((x, y) => lt(x, y)) });

export const atan2P = defineBinary({
  name: "atan2",
  kind: "float",
  expr: () => "Math.atan2(x, y)",
  jvp: (x, y, _o, tx, ty) => {
    const denom = add(mul(x, x), mul(y, y));
    return addTangents(toShape(mapTangent(tx, (t) => div(mul(t, y), denom), x.aval), denom.aval), toShape(mapTangent(ty, (t) => neg(div(mul(t, x), denom)), y.aval), denom.aval));
  },
});

export const eqP = defineBinary({ name: "eq", kind: "compare", expr: () => "(x === y ? 1 : 0)" });
export const neP = defineBinary({ name: "ne", kind: "compare", expr: () => "(x !== y ? 1 : 0)" });
export const ltP = defineBinary({ name: "lt", kind: "compare", expr: () => "(x < y ? 1 : 0)" });
export const leP = defineBinary({ name: "le", kind: "compare", expr: () => "(x <= y ? 1 : 0)" });
export const gtP = defineBinary({ name: "gt", kind: "compare", expr: () => "(x > y ? 1 : 0)" });
export const geP = defineBinary({ name: "ge", kind: "compare", expr: () => "(x >= y ? 1 : 0)" });

export const andP = defineBinary({ name: "and", kind: "logical", expr: (d) => (d === "bool" ? "(x && y ? 1 : 0)" : "(x & y)") });
export const orP = defineBinary({ name: "or", kind: "logical", expr: (d) => (d === "bool" ? "(x || y ? 1 : 0)" : "(x | y)") });
export const xorP = defineBinary({ name: "xor", kind: "logical", expr: (d) => (d === "bool" ? "(x !== y ? 1 : 0)" : "(x ^ y)") });
export const shiftLeftP = defineBinary({ name: "shift_left", kind: "int", expr: () => "(y >= 32 || y < 0 ? 0 : x << y)" });
export const shiftRightLogicalP = defineBinary({ name: "shift_right_logical", kind: "int", expr: () => "(y >= 32 || y < 0 ? 0 : x >>> y)" });

/** x + y (same shape and dtype). */
export const add = (x: Array, y: Array): Array => bind1(addP, [x, y], null);
/** x - y. */
export const sub = (x: Array, y: Array): Array => bind1(subP, [x, y], null);
/** x * y. */
export const mul = (x: Array, y: Array): Array => bind1(mulP, [x, y], null);
/** x / y (integers: rounded toward zero). */
export const div = (x: Array, y: Array): Array => bind1(divP, [x, y], null);
/** Remainder with the sign of x (C fmod). */
export const rem = (x: Array, y: Array): Array => bind1(remP, [x, y], null);
/** x ** y. */
export const pow = (x: Array, y: Array): Array => bind1(powP, [x, y], null);
/** Elementwise maximum (NaN propagates). */
export const max = (x: Array, y: Array): Array => bind1(maxP, [x, y], null);
/** Elementwise minimum (NaN propagates). */
export const min = (x: Array, y: Array): Array => bind1(minP, [x, y], null);
/** atan2(x, y) = angle of the point (y, x). */
export const atan2 = (x: Array, y: Array): Array => bind1(atan2P, [x, y], null);
/** x == y. */
export const eq = (x: Array, y: Array): Array => bind1(eqP, [x, y], null);
/** x != y. */
export const ne = (x: Array, y: Array): Array => bind1(neP, [x, y], null);
/** x < y. */
export const lt = (x: Array, y: Array): Array => bind1(ltP, [x, y], null);
/** x <= y. */
export const le = (x: Array, y: Array): Array => bind1(leP, [x, y], null);
/** x > y. */
export const gt = (x: Array, y: Array): Array => bind1(gtP, [x, y], null);
/** x >= y. */
export const ge = (x: Array, y: Array): Array => bind1(geP, [x, y], null);
/** Logical/bitwise and. */
export const and = (x: Array, y: Array): Array => bind1(andP, [x, y], null);
/** Logical/bitwise or. */
export const or = (x: Array, y: Array): Array => bind1(orP, [x, y], null);
/** Logical/bitwise xor. */
export const xor = (x: Array, y: Array): Array => bind1(xorP, [x, y], null);
/** x << y on integers. */
export const shiftLeft = (x: Array, y: Array): Array => bind1(shiftLeftP, [x, y], null);
/** x >>> y on integers. */
export const shiftRightLogical = (x: Array, y: Array): Array => bind1(shiftRightLogicalP, [x, y], null);

// ---------------------------------------------------------------- select_n

export const selectNP: Primitive<null> = definePrimitive<null>({
  name: "select_n",
  abstractEval: ([pred, onFalse, onTrue]) => {
    if (pred.dtype !== "bool") throw new Error(`select_n: the predicate must be bool, got ${pred}`);
    if (!shapeEqual(pred.shape, onFalse.shape) || !shapeEqual(onFalse.shape, onTrue.shape) || onFalse.dtype !== onTrue.dtype) {
      throw new Error(`select_n: predicate ${pred} and cases ${onFalse}, ${onTrue} must have one shape and the cases one dtype`);
    }
    return [new ShapedArray(onTrue.shape, onTrue.dtype, onTrue.weakType && onFalse.weakType)];
  },
  impl: (args) => [mapNary(args, (p, f, t) => (p ? t : f), args[1].dtype, args[1].weakType && args[2].weakType)],
  fusion: { kind: "elementwise", expr: ([p, f, t]) => `((${p}) ? (${t}) : (${f}))` },
  jvp: ([p, f, t], [, tf, tt]) => {
    const out = bind1(selectNP, [p, f, t], null);
    if (tf instanceof Zero && tt instanceof Zero) return [[out], [new Zero(out.aval)]];
    return [[out], [select(p, instantiate(tt), instantiate(tf))]];
  },
  batch: elementwiseBatch<null>(([p, f, t]) => bind1(selectNP, [p, f, t], null), false),
  transpose: ([ct], [p, f, t]) => {
    if (p instanceof UndefPrimal) throw new Error("select_n: the predicate cannot be linear");
    const zeros = (a: Array | UndefPrimal) => fullLike(a, 0);
    return [
      null,
      f instanceof UndefPrimal ? mapTangent(ct, (c) => select(p, zeros(f), c), f.aval) : null,
      t instanceof UndefPrimal ? mapTangent(ct, (c) => select(p, c, zeros(t)), t.aval) : null,
    ];
  },
});

/**
 * `onTrue` where `pred` is true, else `onFalse` (same shapes; lax-level `where`).
 *
 * @example
 * ```ts
 * lax.select(np.array([true, false]), np.array([1, 2]), np.array([3, 4])); // [1, 4]
 * ```
 */
export function select(pred: Array, onTrue: Array, onFalse: Array): Array {
  return bind1(selectNP, [pred, onFalse, onTrue], null);
}

// ---------------------------------------------------------------- convert_element_type

interface ConvertParams {
  newDtype: DType;
  weakType: boolean;
}

export const convertElementTypeP: Primitive<ConvertParams> = definePrimitive<ConvertParams>({
  name: "convert_element_type",
  linear: true,
  abstractEval: ([x], { newDtype, weakType }) => [new ShapedArray(x.shape, newDtype, weakType)],
  impl: ([x], { newDtype, weakType }) => {
    const out = allocate(newDtype, x.size);
    const src = x.data;
    if (newDtype === "float64" || newDtype === "float32" || x.dtype === "bool") {
      for (let i = 0; i < src.length; i++) out[i] = src[i];
    } else {
      for (let i = 0; i < src.length; i++) out[i] = castScalar(src[i], newDtype);
    }
    return [new ConcreteArray(out, x.shape, newDtype, weakType)];
  },
  jvp: ([x], [t], p) => {
    const y = bind1(convertElementTypeP, [x], p);
    if (t instanceof Zero || !isFloat(x.dtype) || !isFloat(p.newDtype)) return [[y], [new Zero(y.aval)]];
    return [[y], [bind1(convertElementTypeP, [t], p)]];
  },
  batch: ([x], [d], p) => [[bind1(convertElementTypeP, [x], p)], [d]],
  transpose: ([ct], [x]) => [
    mapTangent(ct, (c) => bind1(convertElementTypeP, [c], { newDtype: x.aval.dtype, weakType: x.aval.weakType }), x.aval),
  ],
  formatParams: (p) => `[new_dtype=${p.newDtype}${p.weakType ? " weak_type=True" : ""}]`,
  fusion: { kind: "elementwise", expr: ([x], p, [from]) => convertExpr(x, from, p.newDtype) },
});

// The same conversion castScalar performs, as an expression (typed-array stores do the rest).
function convertExpr(x: string, from: DType, to: DType): string {
  if (to === "float64" || to === "float32" || from === "bool") return x;
  if (to === "bool") return `((${x}) !== 0 && (${x}) === (${x}) ? 1 : 0)`;
  const f = isFloat(from);
  if (to === "int32") return f ? `(Number.isFinite(${x}) ? Math.trunc(${x}) | 0 : 0)` : `((${x}) | 0)`;
  return f ? `(Number.isFinite(${x}) ? Math.trunc(${x}) >>> 0 : 0)` : `((${x}) >>> 0)`;
}

/**
 * Cast to `dtype` (float → int truncates toward zero; anything → bool is `!= 0`).
 *
 * @example
 * ```ts
 * lax.convertElementType(np.array([1.7, -1.7]), "int32"); // [1, -1]
 * ```
 */
export function convertElementType(x: Array, dtype: DType, weakType = false): Array {
  if (x.dtype === dtype && x.weakType === weakType) return x;
  return bind1(convertElementTypeP, [x], { newDtype: dtype, weakType });
}


