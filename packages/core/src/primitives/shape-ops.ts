/**
 * Shape primitives: broadcast_in_dim, reshape, transpose. All linear.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { type Primitive, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { fmtShape, range, shapeEqual, shapeSize, stridesOf } from "../core/shape.js";
import { mapTangent } from "../core/tangent.js";
import { type AxisIndex, type IndexMap, constIndex } from "../core/index-map.js";
import { stridedView } from "../backend/cpu/strided.js";
import { moveaxis } from "../interpreters/batching.js";
import { reduceSum } from "./reduce.js";

// ---------------------------------------------------------------- broadcast_in_dim

interface BroadcastParams {
  shape: readonly number[];
  broadcastDimensions: readonly number[];
}

export const broadcastInDimP: Primitive<BroadcastParams> = definePrimitive<BroadcastParams>({
  name: "broadcast_in_dim",
  linear: true,
  abstractEval: ([x], { shape, broadcastDimensions: dims }) => {
    const ok =
      dims.length === x.ndim &&
      dims.every((d, i) => d >= 0 && d < shape.length && (x.shape[i] === 1 || x.shape[i] === shape[d]) && (i === 0 || d > dims[i - 1]));
    if (!ok) {
      throw new Error(`broadcast_in_dim: cannot broadcast ${fmtShape(x.shape)} to ${fmtShape(shape)} with dimensions [${dims.join(", ")}]`);
    }
    return [new ShapedArray(shape, x.dtype, x.weakType)];
  },
  impl: ([x]: ConcreteArray[], { shape, broadcastDimensions: dims }) => {
    const xs = stridesOf(x.shape);
    const strides = shape.map(() => 0);
    dims.forEach((d, i) => {
      if (x.shape[i] === shape[d]) strides[d] = xs[i];
    });
    return [stridedView(x, 0, strides, shape)];
  },
  fusion: {
    kind: "view",
    inputIndex: (outIndex, { broadcastDimensions: dims }, inShape) => dims.map((d, i) => (inShape[i] === 1 ? constIndex(0) : outIndex[d])),
  },
  jvp: ([x], [t], p) => [[broadcastInDim(x, p.shape, p.broadcastDimensions)], [mapTangent(t, (u) => broadcastInDim(u, p.shape, p.broadcastDimensions), new ShapedArray(p.shape, x.dtype))]],
  batch: ([x], [d], p) => {
    const xb = moveaxis(x, d!, 0);
    return [[broadcastInDim(xb, [xb.shape[0], ...p.shape], [0, ...p.broadcastDimensions.map((k) => k + 1)])], [0]];
  },
  transpose: ([ct], [x], { shape, broadcastDimensions: dims }) => {
    const xShape = x.aval.shape;
    const sumAxes = range(shape.length).filter((j) => {
      const i = dims.indexOf(j);
      return i < 0 || (xShape[i] === 1 && shape[j] !== 1);
    });
    return [mapTangent(ct, (c) => reshape(reduceSum(c, sumAxes), xShape), x.aval)];
  },
});

/**
 * Broadcast `x` to `shape`, mapping its axis i to output axis `dims[i]`.
 *
 * @example
 * ```ts
 * lax.broadcastInDim(np.array([1, 2]), [3, 2], [1]); // 3 copies of [1, 2]
 * ```
 */
export function broadcastInDim(x: Array, shape: readonly number[], dims: readonly number[]): Array {
  if (shapeEqual(x.shape, shape) && dims.every((d, i) => d === i)) return x;
  return bind1(broadcastInDimP, [x], { shape: [...shape], broadcastDimensions: [...dims] });
}

// ---------------------------------------------------------------- reshape

interface ReshapeParams {
  newSizes: readonly number[];
}

export const reshapeP: Primitive<ReshapeParams> = definePrimitive<ReshapeParams>({
  name: "reshape",
  linear: true,
  abstractEval: ([x], { newSizes }) => {
    if (shapeSize(newSizes) !== x.size) throw new Error(`reshape: cannot reshape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(newSizes)}`);
    return [new ShapedArray(newSizes, x.dtype, x.weakType)];
  },
  impl: ([x]: ConcreteArray[], { newSizes }) => [new ConcreteArray(x.data, newSizes, x.dtype, x.weakType)],
  fusion: { kind: "view", inputIndex: (outIndex, { newSizes }, inShape) => unitReshapeIndex(outIndex, newSizes, inShape), alias: true },
  jvp: ([x], [t], { newSizes }) => [[reshape(x, newSizes)], [mapTangent(t, (u) => reshape(u, newSizes), new ShapedArray(newSizes, x.dtype))]],
  batch: ([x], [d], { newSizes }) => {
    const xb = moveaxis(x, d!, 0);
    return [[reshape(xb, [xb.shape[0], ...newSizes])], [0]];
  },
  transpose: ([ct], [x]) => [mapTangent(ct, (c) => reshape(c, x.aval.shape), x.aval)],
});

// A reshape that only inserts or removes size-1 axes maps indices axis to axis; others are
// not expressible as an index map (null).
function unitReshapeIndex(outIndex: IndexMap, outShape: readonly number[], inShape: readonly number[]): IndexMap | null {
  const outAxes = range(outShape.length).filter((i) => outShape[i] !== 1);
  const inAxes = range(inShape.length).filter((i) => inShape[i] !== 1);
  if (outAxes.length !== inAxes.length || outAxes.some((a, k) => outShape[a] !== inShape[inAxes[k]])) return null;
  const idx: AxisIndex[] = inShape.map(() => constIndex(0));
  inAxes.forEach((a, k) => (idx[a] = outIndex[outAxes[k]]));
  return idx;
}

/**
 * Reshape without copying data (row-major order).
 *
 * @example
 * ```ts
 * lax.reshape(np.arange(6), [2, 3]);
 * ```
 */
export function reshape(x: Array, shape: readonly number[]): Array {
  if (shapeEqual(x.shape, shape)) return x;
  return bind1(reshapeP, [x], { newSizes: [...shape] });
}

// ---------------------------------------------------------------- transpose

interface TransposeParams {
  permutation: readonly number[];
}

function inversePerm(perm: readonly number[]): number[] {
  const inv: number[] = perm.map(() => 0);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

export const transposeP: Primitive<TransposeParams> = definePrimitive<TransposeParams>({
  name: "transpose",
  linear: true,
  abstractEval: ([x], { permutation: perm }) => {
    const sorted = [...perm].sort((a, b) => a - b);
    if (perm.length !== x.ndim || !sorted.every((p, i) => p === i)) {
      throw new Error(`transpose: permutation [${perm.join(", ")}] is not a permutation of the ${x.ndim} axes of ${fmtShape(x.shape)}`);
    }
    return [new ShapedArray(perm.map((p) => x.shape[p]), x.dtype, x.weakType)];
  },
  impl: ([x]: ConcreteArray[], { permutation: perm }) => {
    const s = stridesOf(x.shape);
    return [stridedView(x, 0, perm.map((p) => s[p]), perm.map((p) => x.shape[p]))];
  },
  fusion: {
    kind: "view",
    inputIndex: (outIndex, { permutation }) => {
      const idx: AxisIndex[] = permutation.map(() => constIndex(0));
      permutation.forEach((p, k) => (idx[p] = outIndex[k]));
      return idx;
    },
  },
  jvp: ([x], [t], { permutation }) => {
    const y = transpose(x, permutation);
    return [[y], [mapTangent(t, (u) => transpose(u, permutation), y.aval)]];
  },
  batch: ([x], [d], { permutation }) => {
    const xb = moveaxis(x, d!, 0);
    return [[transpose(xb, [0, ...permutation.map((p) => p + 1)])], [0]];
  },
  transpose: ([ct], [x], { permutation }) => [mapTangent(ct, (c) => transpose(c, inversePerm(permutation)), x.aval)],
});

/**
 * Permute the axes: output axis i is input axis `perm[i]`.
 *
 * @example
 * ```ts
 * lax.transpose(np.zeros([2, 3, 4]), [2, 0, 1]).shape; // [4, 2, 3]
 * ```
 */
export function transpose(x: Array, perm: readonly number[]): Array {
  if (perm.every((p, i) => p === i) && perm.length === x.ndim) return x;
  return bind1(transposeP, [x], { permutation: [...perm] });
}
