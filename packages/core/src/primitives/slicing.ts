/**
 * Static slicing primitives: slice, pad, concatenate, rev. All linear.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { allocate } from "../core/dtype.js";
import { type Primitive, type Tangent, UndefPrimal, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { affine, indexExpr } from "../core/index-map.js";
import { range, shapeEqual, shapeSize, stridesOf } from "../core/shape.js";
import { instantiate, mapTangent } from "../core/tangent.js";
import { stridedView, stridedWrite } from "../backend/cpu/strided.js";
import { matchAxis, moveaxis, batchSize } from "../interpreters/batching.js";
import { broadcastInDim } from "./shape-ops.js";
import { reduceSum } from "./reduce.js";
import { select, sub } from "./binary.js";
import { full, scalar } from "./constants.js";

// ---------------------------------------------------------------- slice

interface SliceParams {
  start: readonly number[];
  limit: readonly number[];
  strides: readonly number[];
}

function sliceShape(shape: readonly number[], p: SliceParams): number[] {
  return shape.map((_, i) => Math.max(0, Math.ceil((p.limit[i] - p.start[i]) / p.strides[i])));
}

export const sliceP: Primitive<SliceParams> = definePrimitive<SliceParams>({
  name: "slice",
  linear: true,
  abstractEval: ([x], p) => {
    const ok =
      p.start.length === x.ndim &&
      p.limit.length === x.ndim &&
      x.shape.every((d, i) => p.start[i] >= 0 && p.start[i] <= p.limit[i] && p.limit[i] <= d && p.strides[i] >= 1);
    if (!ok) throw new Error(`slice: start [${p.start}] limit [${p.limit}] strides [${p.strides}] are invalid for ${x}`);
    return [new ShapedArray(sliceShape(x.shape, p), x.dtype, x.weakType)];
  },
  impl: ([x], p) => {
    const s = stridesOf(x.shape);
    const offset = p.start.reduce((o, st, i) => o + st * s[i], 0);
    return [stridedView(x, offset, s.map((v, i) => v * p.strides[i]), sliceShape(x.shape, p))];
  },
  fusion: { kind: "view", inputIndex: (out, p) => out.map((ix, i) => affine(ix, p.strides[i], p.start[i])) },
  jvp: ([x], [t], p) => {
    const y = bind1(sliceP, [x], p);
    return [[y], [mapTangent(t, (u) => bind1(sliceP, [u], p), y.aval)]];
  },
  batch: ([x], [d], p) => {
    const n = x.shape[d!];
    const ins = <T>(a: readonly T[], v: T) => [...a.slice(0, d!), v, ...a.slice(d!)];
    return [[bind1(sliceP, [x], { start: ins(p.start, 0), limit: ins(p.limit, n), strides: ins(p.strides, 1) })], [d]];
  },
  transpose: ([ct], [x], p) => {
    const shape = x.aval.shape;
    if (ct instanceof Zero) return [new Zero(x.aval)];
    const out = ct.shape;
    const low = p.start;
    const high = shape.map((d, i) => (out[i] === 0 ? d - p.start[i] : d - (p.start[i] + (out[i] - 1) * p.strides[i] + 1)));
    const interior = p.strides.map((s) => s - 1);
    return [pad(ct, scalar(0, ct.dtype), low, high, interior)];
  },
});

/**
 * A static slice: `start` inclusive, `limit` exclusive, positive `strides` (default 1).
 *
 * @example
 * ```ts
 * lax.slice(np.arange(10), [2], [8], [3]); // [2, 5]
 * ```
 */
export function slice(x: Array, start: readonly number[], limit: readonly number[], strides?: readonly number[]): Array {
  const st = strides ?? start.map(() => 1);
  if (start.every((s) => s === 0) && shapeEqual(limit, x.shape) && st.every((s) => s === 1)) return x;
  return bind1(sliceP, [x], { start: [...start], limit: [...limit], strides: [...st] });
}

// ---------------------------------------------------------------- pad

interface PadParams {
  low: readonly number[];
  high: readonly number[];
  interior: readonly number[];
}

function padShape(shape: readonly number[], p: PadParams): number[] {
  return shape.map((d, i) => p.low[i] + p.high[i] + d + Math.max(0, d - 1) * p.interior[i]);
}

export const padP: Primitive<PadParams> = definePrimitive<PadParams>({
  name: "pad",
  linear: true,
  abstractEval: ([x, v], p) => {
    if (v.ndim !== 0 || v.dtype !== x.dtype) throw new Error(`pad: the padding value must be a scalar of dtype ${x.dtype}, got ${v}`);
    const ok = [p.low, p.high, p.interior].every((a) => a.length === x.ndim && a.every((k) => Number.isInteger(k) && k >= 0));
    if (!ok) throw new Error(`pad: low [${p.low}] high [${p.high}] interior [${p.interior}] must be non-negative, one per axis of ${x}`);
    return [new ShapedArray(padShape(x.shape, p), x.dtype, x.weakType)];
  },
  impl: ([x, v], p) => {
    const shape = padShape(x.shape, p);
    const out = allocate(x.dtype, shapeSize(shape));
    if (v.data[0] !== 0) out.fill(v.data[0]);
    const s = stridesOf(shape);
    const offset = p.low.reduce((o, l, i) => o + l * s[i], 0);
    stridedWrite(out, offset, s.map((st, i) => st * (p.interior[i] + 1)), x.shape, x.data);
    return [new ConcreteArray(out, shape, x.dtype, x.weakType)];
  },
  // Without interior padding, pad reads x at index − low inside the bounds, the value outside.
  fusion: {
    kind: "guarded-view",
    inputIndex: (out, p) => (p.interior.some((k) => k !== 0) ? null : out.map((ix, i) => affine(ix, 1, -p.low[i]))),
    guard: (out, p, inShape) => {
      const conds: string[] = [];
      out.forEach((ix, i) => {
        if (p.low[i] === 0 && p.high[i] === 0) return;
        const e = indexExpr(ix);
        conds.push(`${e} >= ${p.low[i]} && ${e} < ${p.low[i] + inShape[i]}`);
      });
      return conds.length === 0 ? "true" : conds.join(" && ");
    },
  },
  jvp: ([x, v], [tx, tv], p) => {
    const y = bind1(padP, [x, v], p);
    if (tx instanceof Zero && tv instanceof Zero) return [[y], [new Zero(y.aval)]];
    return [[y], [bind1(padP, [instantiate(tx), instantiate(tv)], p)]];
  },
  batch: ([x, v], [dx, dv], p) => {
    const size = batchSize([x, v], [dx, dv]);
    const xb = matchAxis(x, dx, size, 0);
    const q = { low: [0, ...p.low], high: [0, ...p.high], interior: [0, ...p.interior] };
    if (dv === null) return [[bind1(padP, [xb, v], q)], [0]];
    // A batched padding value: pad with zeros, then fill the padding from a mask.
    const padded = bind1(padP, [xb, scalar(0, v.dtype)], q);
    const mask = bind1(padP, [full(xb.shape, 0, "bool"), full([], 1, "bool")], q);
    const vb = broadcastInDim(moveaxis(v, dv, 0), padded.shape, [0]);
    return [[select(mask, vb, padded)], [0]];
  },
  transpose: ([ct], [x, v], p) => {
    if (ct instanceof Zero) return [x instanceof UndefPrimal ? new Zero(x.aval) : null, v instanceof UndefPrimal ? new Zero(v.aval) : null];
    const shape = ct.shape;
    const limit = shape.map((d, i) => d - p.high[i]);
    const ctx = slice(ct, p.low, limit, p.interior.map((k) => k + 1));
    const ctv = sub(reduceSum(ct, range(ct.ndim)), reduceSum(ctx, range(ctx.ndim)));
    return [x instanceof UndefPrimal ? ctx : null, v instanceof UndefPrimal ? ctv : null];
  },
});

/**
 * Pad with `low`/`high` elements of the scalar `value` before/after each axis and
 * `interior` between elements.
 *
 * @example
 * ```ts
 * lax.pad(np.array([1, 2]), np.array(0), [1], [2], [1]); // [0, 1, 0, 2, 0, 0]
 * ```
 */
export function pad(x: Array, value: Array, low: readonly number[], high: readonly number[], interior?: readonly number[]): Array {
  return bind1(padP, [x, value], { low: [...low], high: [...high], interior: [...(interior ?? low.map(() => 0))] });
}

// ---------------------------------------------------------------- concatenate

interface ConcatParams {
  dimension: number;
}

export const concatenateP: Primitive<ConcatParams> = definePrimitive<ConcatParams>({
  name: "concatenate",
  linear: true,
  abstractEval: (xs, { dimension: d }) => {
    const x0 = xs[0];
    for (const x of xs) {
      const ok = x.ndim === x0.ndim && x.dtype === x0.dtype && x.shape.every((n, i) => i === d || n === x0.shape[i]);
      if (!ok) throw new Error(`concatenate: operands ${xs.map((a) => a.toString()).join(", ")} must agree except on axis ${d}`);
    }
    if (d < 0 || d >= x0.ndim) throw new Error(`concatenate: axis ${d} out of bounds for ${x0}`);
    const shape = [...x0.shape];
    shape[d] = xs.reduce((n, x) => n + x.shape[d], 0);
    return [new ShapedArray(shape, x0.dtype, xs.every((x) => x.weakType))];
  },
  impl: (xs, { dimension: d }) => {
    const shape = [...xs[0].shape];
    shape[d] = xs.reduce((n, x) => n + x.shape[d], 0);
    const out = allocate(xs[0].dtype, shapeSize(shape));
    const s = stridesOf(shape);
    let at = 0;
    for (const x of xs) {
      stridedWrite(out, at * s[d], s, x.shape, x.data);
      at += x.shape[d];
    }
    return [new ConcreteArray(out, shape, xs[0].dtype, xs.every((x) => x.weakType))];
  },
  jvp: (xs, ts, p) => {
    const y = bind1(concatenateP, xs, p);
    if (ts.every((t): boolean => t instanceof Zero)) return [[y], [new Zero(y.aval)]];
    return [[y], [bind1(concatenateP, ts.map(instantiate), p)]];
  },
  batch: (xs, ds, { dimension }) => {
    const size = batchSize(xs, ds);
    return [[bind1(concatenateP, xs.map((x, i) => matchAxis(x, ds[i], size, 0)), { dimension: dimension + 1 })], [0]];
  },
  fusion: { kind: "concatenate", axis: (p) => p.dimension },
  transpose: ([ct], xs, { dimension: d }) => {
    let at = 0;
    return xs.map((x): Tangent | null => {
      const n = x.aval.shape[d];
      const start = at;
      at += n;
      if (!(x instanceof UndefPrimal)) return null;
      if (ct instanceof Zero) return new Zero(x.aval);
      const st = ct.shape.map((_, i) => (i === d ? start : 0));
      const lim = ct.shape.map((k, i) => (i === d ? start + n : k));
      return slice(ct, st, lim);
    });
  },
});

/**
 * Join arrays along an existing axis.
 *
 * @example
 * ```ts
 * lax.concatenate([np.zeros([2]), np.ones([3])], 0).shape; // [5]
 * ```
 */
export function concatenate(xs: Array[], dimension: number): Array {
  if (xs.length === 0) throw new Error("concatenate: needs at least one array");
  if (xs.length === 1) return xs[0];
  return bind1(concatenateP, xs, { dimension });
}

// ---------------------------------------------------------------- rev

interface RevParams {
  dimensions: readonly number[];
}

export const revP: Primitive<RevParams> = definePrimitive<RevParams>({
  name: "rev",
  linear: true,
  abstractEval: ([x], { dimensions }) => {
    if (!dimensions.every((d) => d >= 0 && d < x.ndim)) throw new Error(`rev: dimensions [${dimensions}] out of bounds for ${x}`);
    return [x];
  },
  impl: ([x], { dimensions }) => {
    const s = stridesOf(x.shape);
    let offset = 0;
    const strides = s.map((st, i) => {
      if (!dimensions.includes(i)) return st;
      offset += (x.shape[i] - 1) * st;
      return -st;
    });
    return [stridedView(x, x.size === 0 ? 0 : offset, strides, x.shape)];
  },
  jvp: ([x], [t], p) => {
    const y = bind1(revP, [x], p);
    return [[y], [mapTangent(t, (u) => bind1(revP, [u], p), y.aval)]];
  },
  fusion: { kind: "view", inputIndex: (out, { dimensions }, inShape) => out.map((ix, i) => (dimensions.includes(i) ? affine(ix, -1, inShape[i] - 1) : ix)) },
  batch: ([x], [d], { dimensions }) => [[bind1(revP, [x], { dimensions: dimensions.map((k) => (k >= d! ? k + 1 : k)) })], [d]],
  transpose: ([ct], [x], p) => [mapTangent(ct, (c) => bind1(revP, [c], p), x.aval)],
});

/**
 * Reverse the order of elements along `dimensions`.
 *
 * @example
 * ```ts
 * lax.rev(np.arange(3), [0]); // [2, 1, 0]
 * ```
 */
export function rev(x: Array, dimensions: readonly number[]): Array {
  if (dimensions.length === 0) return x;
  return bind1(revP, [x], { dimensions: [...dimensions] });
}

