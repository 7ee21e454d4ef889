/**
 * Reductions over axes: reduce_sum, reduce_max, reduce_min, reduce_prod, reduce_and,
 * reduce_or, argmax, argmin.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { type DType, allocate, isFloat } from "../core/dtype.js";
import { type Primitive, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { range, shapeSize, stridesOf } from "../core/shape.js";
import { mapTangent } from "../core/tangent.js";
import { stridedCopy } from "../backend/cpu/strided.js";
import { moveaxis } from "../interpreters/batching.js";
import { broadcastInDim, reshape, transpose } from "./shape-ops.js";
import { convertElementType, div, eq, mul } from "./binary.js";
import { cumulative } from "./cumulative.js";

interface AxesParams {
  axes: readonly number[];
}

function checkAxes(name: string, x: ShapedArray, axes: readonly number[]): number[] {
  for (const a of axes) {
    if (!Number.isInteger(a) || a < 0 || a >= x.ndim) {
      throw new Error(`${name}: axis ${a} is out of bounds for ${x.toString()}`);
    }
  }
  return range(x.ndim).filter((i) => !axes.includes(i));
}

/** Reduce `x` over `axes` with `step`, starting from `init`, into an array of `dtype`. */
function reduceImpl(x: ConcreteArray, axes: readonly number[], init: number, step: (acc: number, v: number) => number, dtype: DType, weak: boolean): ConcreteArray {
  const kept = range(x.ndim).filter((i) => !axes.includes(i));
  const outShape = kept.map((i) => x.shape[i]);
  const perm = [...kept, ...axes];
  const s = stridesOf(x.shape);
  const permShape = perm.map((p) => x.shape[p]);
  let src = x.data;
  if (!perm.every((p, i) => p === i)) {
    src = allocate(x.dtype, x.size);
    stridedCopy(x.data, 0, perm.map((p) => s[p]), permShape, src);
  }
  const m = shapeSize(outShape);
  const r = m === 0 ? 0 : x.size / m;
  const out = allocate(dtype, m);
  for (let i = 0; i < m; i++) {
    let acc = init;
    for (let j = i * r, e = j + r; j < e; j++) acc = step(acc, src[j]);
    out[i] = acc;
  }
  return new ConcreteArray(out, outShape, dtype, weak);
}

function batchAxes(bind: (x: Array, axes: number[]) => Array) {
  return ([x]: Array[], [d]: (number | null)[], { axes }: AxesParams): [Array[], (number | null)[]] => {
    const xb = moveaxis(x, d!, 0);
    return [[bind(xb, axes.map((a) => a + 1))], [0]];
  };
}

function reduceAval(name: string) {
  return ([x]: ShapedArray[], { axes }: AxesParams) => {
    const kept = checkAxes(name, x, axes);
    return [new ShapedArray(kept.map((i) => x.shape[i]), x.dtype, x.weakType)];
  };
}

function keptDims(rank: number, axes: readonly number[]): number[] {
  return range(rank).filter((i) => !axes.includes(i));
}

export const reduceSumP = definePrimitive<AxesParams>({
  name: "reduce_sum",
  linear: true,
  abstractEval: reduceAval("reduce_sum"),
  impl: ([x], { axes }) => {
    if (x.dtype === "bool") throw new Error("reduce_sum: convert bool to int32 first");
    return [reduceImpl(x, axes, 0, (a, v) => a + v, x.dtype, x.weakType)];
  },
  fusion: { kind: "reduce", axes: (p) => p.axes, init: () => "0", combine: (acc, v) => `${acc} + ${v}` },
  jvp: ([x], [t], { axes }) => {
    const y = reduceSum(x, axes);
    return [[y], [mapTangent(t, (u) => reduceSum(u, axes), y.aval)]];
  },
  batch: batchAxes((x, axes) => reduceSum(x, axes)),
  transpose: ([ct], [x], { axes }) => [mapTangent(ct, (c) => broadcastInDim(c, x.aval.shape, keptDims(x.aval.ndim, axes)), x.aval)],
});

/** Sum over `axes`. */
export function reduceSum(x: Array, axes: readonly number[]): Array {
  if (axes.length === 0) return x;
  return bind1(reduceSumP, [x], { axes: [...axes].sort((a, b) => a - b) });
}

// Max and min: the tangent is the mean of the tangents at the (tied) extremal positions.
function extremumJvp(self: () => Primitive<AxesParams>) {
  return ([x]: Array[], [t]: (Array | Zero)[], p: AxesParams): [Array[], (Array | Zero)[]] => {
    const y = bind1(self(), [x], p);
    if (t instanceof Zero || !isFloat(x.dtype)) return [[y], [new Zero(y.aval)]];
    const kept = keptDims(x.ndim, p.axes);
    const loc = convertElementType(eq(x, broadcastInDim(y, x.shape, kept)), x.dtype);
    const counts = reduceSum(loc, p.axes);
    return [[y], [div(reduceSum(mul(t, loc), p.axes), counts)]];
  };
}

const nanMax = (a: number, v: number) => (v > a || Number.isNaN(v) || Number.isNaN(a) ? (Number.isNaN(a) ? a : v) : a);
const nanMin = (a: number, v: number) => (v < a || Number.isNaN(v) || Number.isNaN(a) ? (Number.isNaN(a) ? a : v) : a);


function defineExtremum(name: string, max: boolean, self: () => Primitive<AxesParams>): Primitive<AxesParams> {
  const step = max ? nanMax : nanMin;
  return definePrimitive<AxesParams>({
    name,
    abstractEval: reduceAval(name),
    impl: ([x], { axes }) => [reduceImpl(x, axes, extremumInit(x.dtype, max), step, x.dtype, x.weakType)],
    // The same NaN-propagating update as the implementation's step.
    fusion: {
      kind: "reduce",
      axes: (p) => p.axes,
      init: (d) => String(extremumInit(d, max)),
      combine: (a, v) => `(${v} ${max ? ">" : "<"} ${a} || ${v} !== ${v} || ${a} !== ${a} ? (${a} !== ${a} ? ${a} : ${v}) : ${a})`,
    },
    jvp: extremumJvp(self),
    batch: batchAxes((x, axes) => bind1(self(), [x], { axes })),
  });
}

function extremumInit(dtype: DType, max: boolean): number {
  if (dtype === "int32") return max ? -2147483648 : 2147483647;
  if (dtype === "uint32") return max ? 0 : 4294967295;
  if (dtype === "bool") return max ? 0 : 1;
  return max ? -Infinity : Infinity;
}

export const reduceMaxP: Primitive<AxesParams> = defineExtremum("reduce_max", true, () => reduceMaxP);
export const reduceMinP: Primitive<AxesParams> = defineExtremum("reduce_min", false, () => reduceMinP);

/** Maximum over `axes` (NaN propagates, as NumPy). */
export function reduceMax(x: Array, axes: readonly number[]): Array {
  if (axes.length === 0) return x;
  return bind1(reduceMaxP, [x], { axes: [...axes].sort((a, b) => a - b) });
}

/** Minimum over `axes` (NaN propagates, as NumPy). */
export function reduceMin(x: Array, axes: readonly number[]): Array {
  if (axes.length === 0) return x;
  return bind1(reduceMinP, [x], { axes: [...axes].sort((a, b) => a - b) });
}

export const reduceProdP: Primitive<AxesParams> = definePrimitive<AxesParams>({
  name: "reduce_prod",
  abstractEval: reduceAval("reduce_prod"),
  impl: ([x], { axes }) => [reduceImpl(x, axes, 1, (a, v) => a * v, x.dtype, x.weakType)],
  fusion: { kind: "reduce", axes: (p) => p.axes, init: () => "1", combine: (acc, v) => `${acc} * ${v}` },
  jvp: ([x], [t], { axes }) => {
    const y = reduceProd(x, axes);
    if (t instanceof Zero) return [[y], [new Zero(y.aval)]];
    // d prod = Σ_i t_i Π_{j≠i} x_j, with the products of the others from exclusive
    // cumulative products in both directions (exact when some x_j are zero).
    const kept = keptDims(x.ndim, axes);
    const flat = (u: Array) => reshape(transpose(u, [...kept, ...axes]), [...kept.map((i) => x.shape[i]), axes.reduce((n, a) => n * x.shape[a], 1)]);
    const xf = flat(x);
    const last = xf.ndim - 1;
    const left = cumulative("cumprod", xf, last, false, true);
    const right = cumulative("cumprod", xf, last, true, true);
    const others = mul(left, right);
    return [[y], [reduceSum(mul(flat(t), others), [last])]];
  },
  batch: batchAxes((x, axes) => reduceProd(x, axes)),
});

/** Product over `axes`. */
export function reduceProd(x: Array, axes: readonly number[]): Array {
  if (axes.length === 0) return x;
  return bind1(reduceProdP, [x], { axes: [...axes].sort((a, b) => a - b) });
}

function defineLogical(name: string, init: number, step: (a: number, v: number) => number, self: () => Primitive<AxesParams>, op: string) {
  return definePrimitive<AxesParams>({
    name,
    abstractEval: ([x], p) => {
      if (x.dtype !== "bool") throw new Error(`${name}: expected a bool array, got ${x}`);
      return reduceAval(name)([x], p);
    },
    impl: ([x], { axes }) => [reduceImpl(x, axes, init, step, "bool", false)],
    fusion: { kind: "reduce", axes: (p) => p.axes, init: () => String(init), combine: (a, v) => `(${a} ${op} ${v} ? 1 : 0)` },
    jvp: ([x], _t, p) => {
      const y = bind1(self(), [x], p);
      return [[y], [new Zero(y.aval)]];
    },
    batch: batchAxes((x, axes) => bind1(self(), [x], { axes })),
  });
}

export const reduceAndP: Primitive<AxesParams> = defineLogical("reduce_and", 1, (a, v) => (a && v ? 1 : 0), () => reduceAndP, "&&");
export const reduceOrP: Primitive<AxesParams> = defineLogical("reduce_or", 0, (a, v) => (a || v ? 1 : 0), () => reduceOrP, "||");

/** Logical and over `axes` of a bool array. */
export function reduceAnd(x: Array, axes: readonly number[]): Array {
  return axes.length === 0 ? x : bind1(reduceAndP, [x], { axes: [...axes].sort((a, b) => a - b) });
}

/** Logical or over `axes` of a bool array. */
export function reduceOr(x: Array, axes: readonly number[]): Array {
  return axes.length === 0 ? x : bind1(reduceOrP, [x], { axes: [...axes].sort((a, b) => a - b) });
}

interface ArgParams {
  axis: number;
}

function argImpl(x: ConcreteArray, axis: number, better: (v: number, best: number) => boolean): ConcreteArray {
  const kept = range(x.ndim).filter((i) => i !== axis);
  const outShape = kept.map((i) => x.shape[i]);
  const s = stridesOf(x.shape);
  const perm = [...kept, axis];
  const src = allocate(x.dtype, x.size);
  stridedCopy(x.data, 0, perm.map((p) => s[p]), perm.map((p) => x.shape[p]), src);
  const m = shapeSize(outShape);
  const r = x.shape[axis];
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let best = src[i * r];
    let bi = 0;
    if (!Number.isNaN(best)) {
      for (let j = 1; j < r; j++) {
        const v = src[i * r + j];
        if (Number.isNaN(v)) {
          bi = j;
          break;
        }
        if (better(v, best)) {
          best = v;
          bi = j;
        }
      }
    }
    out[i] = bi;
  }
  return new ConcreteArray(out, outShape, "int32");
}

function defineArg(name: string, better: (v: number, best: number) => boolean, self: () => Primitive<ArgParams>) {
  return definePrimitive<ArgParams>({
    name,
    abstractEval: ([x], { axis }) => {
      if (axis < 0 || axis >= x.ndim || x.shape[axis] === 0) throw new Error(`${name}: invalid axis ${axis} for ${x}`);
      return [new ShapedArray(x.shape.filter((_, i) => i !== axis), "int32")];
    },
    impl: ([x], { axis }) => [argImpl(x, axis, better)],
    jvp: ([x], _t, p) => {
      const y = bind1(self(), [x], p);
      return [[y], [new Zero(y.aval)]];
    },
    batch: ([x], [d], { axis }) => [[bind1(self(), [moveaxis(x, d!, 0)], { axis: axis + 1 })], [0]],
  });
}

export const argmaxP: Primitive<ArgParams> = defineArg("argmax", (v, b) => v > b, () => argmaxP);
export const argminP: Primitive<ArgParams> = defineArg("argmin", (v, b) => v < b, () => argminP);

/** Index of the maximum along `axis` (first occurrence; NaN wins, as NumPy). */
export function argmax(x: Array, axis: number): Array {
  return bind1(argmaxP, [x], { axis });
}

/** Index of the minimum along `axis` (first occurrence; NaN wins, as NumPy). */
export function argmin(x: Array, axis: number): Array {
  return bind1(argminP, [x], { axis });
}
