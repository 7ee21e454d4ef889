/**
 * `gather`: advanced (integer-array) indexing of an operand on a set of its axes.
 *
 * Convention (shared with `scatter_add` and `scatter`): inputs are `[operand, ...indices]`
 * with one int32 index array per indexed axis in `axes`, all of one shape I. The output has
 * shape I followed by the operand's non-indexed axes in their order:
 * `out[i..., r...] = operand[idx_0[i...] on axes[0], …, r... on the other axes]`.
 * Out-of-bounds indices follow `mode`: `"clip"` clamps them into range (JAX's default for
 * gathers), `"fill"` reads zeros for them (and scatters drop them: JAX's FILL_OR_DROP). The
 * `np` layer wraps negative indices before they get here.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { allocate } from "../core/dtype.js";
import { type BDim, type Primitive, UndefPrimal, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { fmtShape, range, shapeEqual, shapeSize, stridesOf } from "../core/shape.js";
import { mapTangent } from "../core/tangent.js";
import { batchSize, matchAxis, moveaxis } from "../interpreters/batching.js";
import { full } from "./constants.js";
import { scatterAdd } from "./scatter.js";

/** What happens to out-of-bounds indices: clamped, or filled with zeros / dropped. */
export type IndexMode = "clip" | "fill";

/** Parameters of `gather`, `scatter_add` and `scatter`: the indexed operand axes and the mode. */
export interface IndexedAxesParams {
  axes: readonly number[];
  mode: IndexMode;
}

// ---------------------------------------------------------------- shared helpers

/**
 * Check the operand, the index arrays and `axes` of a gather/scatter; returns the index
 * shape I and the non-indexed ("rest") axes of the operand.
 *
 * @example
 * ```ts
 * const op = new ShapedArray([4, 5, 6], "float64");
 * checkIndexing("gather", op, [new ShapedArray([2, 3], "int32")], [1]); // { I: [2, 3], rest: [0, 2] }
 * ```
 */
export function checkIndexing(name: string, operand: ShapedArray, indices: readonly ShapedArray[], axes: readonly number[]): { I: readonly number[]; rest: number[] } {
  if (indices.length === 0 || indices.length !== axes.length) {
    throw new Error(`${name}: expected one index array per indexed axis, got ${indices.length} arrays for axes [${axes.join(", ")}]`);
  }
  const seen = new Set<number>();
  for (const a of axes) {
    if (!Number.isInteger(a) || a < 0 || a >= operand.ndim || seen.has(a)) {
      throw new Error(`${name}: axes [${axes.join(", ")}] must be distinct axes of the operand ${operand}`);
    }
    seen.add(a);
  }
  const I = indices[0].shape;
  for (const ix of indices) {
    if (ix.dtype !== "int32") throw new Error(`${name}: index arrays must be int32, got ${ix}`);
    if (!shapeEqual(ix.shape, I)) throw new Error(`${name}: index arrays must share one shape, got ${indices.map(String).join(", ")}`);
  }
  if (shapeSize(I) > 0) {
    for (const a of axes) {
      if (operand.shape[a] === 0) throw new Error(`${name}: cannot index axis ${a} of size 0 of ${operand}`);
    }
  }
  return { I, rest: range(operand.ndim).filter((i) => !seen.has(i)) };
}

/**
 * Offsets (in elements of a row-major array of `shape`) of every position of the grid over
 * `axes`, row-major.
 *
 * @example
 * ```ts
 * gridOffsets([2, 3], [1]); // [0, 1, 2]
 * gridOffsets([2, 3], [0]); // [0, 3]
 * ```
 */
export function gridOffsets(shape: readonly number[], axes: readonly number[]): Int32Array {
  const s = stridesOf(shape);
  const subShape = axes.map((a) => shape[a]);
  const n = shapeSize(subShape);
  const out = new Int32Array(n);
  const idx = new globalThis.Array<number>(axes.length).fill(0);
  let off = 0;
  for (let i = 0; i < n; i++) {
    out[i] = off;
    for (let k = axes.length - 1; k >= 0; k--) {
      idx[k]++;
      off += s[axes[k]];
      if (idx[k] < subShape[k]) break;
      off -= s[axes[k]] * subShape[k];
      idx[k] = 0;
    }
  }
  return out;
}

/**
 * The plan of a gather/scatter on concrete arrays: for every index position the base offset
 * into the operand (indices clamped; with mode `"fill"`, -1 for a position with an
 * out-of-bounds index), and the offsets of the rest block relative to it.
 *
 * @example
 * ```ts
 * const idx = new ConcreteArray(Int32Array.of(2, 9), [2], "int32");
 * indexingPlan([3, 4], [idx], [0]); // base [8, 8] (9 clamps to 2), restOffsets [0, 1, 2, 3]
 * ```
 */
export function indexingPlan(
  operandShape: readonly number[],
  indices: readonly ConcreteArray[],
  axes: readonly number[],
  mode: IndexMode = "clip",
): { base: Int32Array; restOffsets: Int32Array } {
  const s = stridesOf(operandShape);
  const m = indices[0].size;
  const base = new Int32Array(m);
  axes.forEach((a, k) => {
    const hi = operandShape[a] - 1;
    const st = s[a];
    const d = indices[k].data;
    for (let i = 0; i < m; i++) {
      const v = d[i];
      base[i] += (v < 0 ? 0 : v > hi ? hi : v) * st;
    }
  });
  if (mode === "fill") {
    for (let i = 0; i < m; i++) {
      if (axes.some((a, k) => indices[k].data[i] < 0 || indices[k].data[i] >= operandShape[a])) base[i] = -1;
    }
  }
  const rest = range(operandShape.length).filter((i) => !axes.includes(i));
  return { base, restOffsets: gridOffsets(operandShape, rest) };
}

/**
 * A concrete int32 array of `shape` whose value is the position along `dim`.
 *
 * @example
 * ```ts
 * iota([2, 3], 1).tolist(); // [[0, 1, 2], [0, 1, 2]]
 * ```
 */
export function iota(shape: readonly number[], dim: number): ConcreteArray {
  const n = shapeSize(shape);
  const out = new Int32Array(n);
  const inner = shapeSize(shape.slice(dim + 1));
  const len = shape[dim];
  for (let i = 0; i < n; i++) out[i] = Math.floor(i / inner) % len;
  return new ConcreteArray(out, shape, "int32");
}

// ---------------------------------------------------------------- gather

export const gatherP: Primitive<IndexedAxesParams> = definePrimitive<IndexedAxesParams>({
  name: "gather",
  linear: true,
  abstractEval: ([op, ...idx], { axes }) => {
    const { I, rest } = checkIndexing("gather", op, idx, axes);
    return [new ShapedArray([...I, ...rest.map((a) => op.shape[a])], op.dtype, op.weakType)];
  },
  impl: ([op, ...idx], { axes, mode }) => {
    const { I, rest } = checkIndexing("gather", op.aval, idx.map((i) => i.aval), axes);
    const { base, restOffsets } = indexingPlan(op.shape, idx, axes, mode);
    const shape = [...I, ...rest.map((a) => op.shape[a])];
    const out = allocate(op.dtype, shapeSize(shape));
    const src = op.data;
    const R = restOffsets.length;
    for (let i = 0, o = 0; i < base.length; i++) {
      const b = base[i];
      if (b < 0) o += R; // filled: out is already zero
      else if (R === 1) out[o++] = src[b];
      else for (let r = 0; r < R; r++, o++) out[o] = src[b + restOffsets[r]];
    }
    return [new ConcreteArray(out, shape, op.dtype, op.weakType)];
  },
  jvp: ([op, ...idx], [t], p) => {
    const y = gather(op, idx, p.axes, p.mode);
    return [[y], [mapTangent(t, (u) => gather(u, idx, p.axes, p.mode), y.aval)]];
  },
  batch: ([op, ...idx], [dOp, ...dIdx], { axes, mode }) => gatherBatch(op, idx, dOp, dIdx, axes, mode),
  // In compiled loops: the output index's leading axes read the index arrays; each indexed
  // operand axis is read at the (clamped) index value, the others follow the output.
  fusion: {
    kind: "gather",
    plan: (out, { axes, mode }, operandShape, indexShape) => {
      if (mode !== "clip") return null;
      const r = indexShape.length;
      const rest = range(operandShape.length).filter((a) => !axes.includes(a));
      return {
        indexMap: out.slice(0, r),
        operand: operandShape.map((_, a) => (axes.includes(a) ? { input: 1 + axes.indexOf(a) } : out[r + rest.indexOf(a)])),
      };
    },
  },
  transpose: ([ct], [op, ...idx], { axes, mode }) => {
    if (!(op instanceof UndefPrimal)) throw new Error("gather: transpose is only defined with respect to the operand");
    if (idx.some((i) => i instanceof UndefPrimal)) throw new Error("gather: index arrays cannot be linear inputs");
    const ctOp = ct instanceof Zero ? new Zero(op.aval) : scatterAdd(full(op.aval.shape, 0, op.aval.dtype), ct, idx as Array[], axes, mode);
    return [ctOp, ...idx.map(() => null)];
  },
  formatParams: ({ axes, mode }) => `[axes=(${axes.join(",")}) mode=${mode}]`,
});

function gatherBatch(op: Array, idx: Array[], dOp: BDim, dIdx: BDim[], axes: readonly number[], mode: IndexMode): [Array[], BDim[]] {
  const size = batchSize([op, ...idx], [dOp, ...dIdx]);
  if (dIdx.every((d) => d === null)) {
    // Only the operand is batched: its batch axis is one more non-indexed axis.
    const d = dOp!;
    const axes2 = axes.map((a) => (a >= d ? a + 1 : a));
    const restBefore = range(d).filter((j) => !axes2.includes(j)).length;
    return [[gather(op, idx, axes2, mode)], [idx[0].ndim + restBefore]];
  }
  const idxB = idx.map((x, k) => matchAxis(x, dIdx[k], size, 0));
  if (dOp === null) return [[gather(op, idxB, axes, mode)], [0]];
  // Both batched: index the operand's batch axis with the batch position itself.
  const opB = moveaxis(op, dOp, 0);
  return [[gather(opB, [iota(idxB[0].shape, 0), ...idxB], [0, ...axes.map((a) => a + 1)], mode)], [0]];
}

/**
 * Gather: index `operand` on `axes` with one int32 index array per axis (all of one shape I).
 * The result has shape I followed by the operand's other axes. Out-of-bounds indices clamp
 * (`mode: "clip"`, the default) or read zeros (`"fill"`).
 *
 * @example
 * ```ts
 * const x = np.arange(12).reshape([3, 4]);
 * lax.gather(x, [np.array([2, 0], "int32")], [0]).tolist(); // [[8, 9, 10, 11], [0, 1, 2, 3]]
 * ```
 */
export function gather(operand: Array, indices: readonly Array[], axes: readonly number[], mode: IndexMode = "clip"): Array {
  return bind1(gatherP, [operand, ...indices], { axes: [...axes], mode });
}

/**
 * `x` indexed along `axis` by `indices` of the same shape as `x` (every other axis indexed by
 * its own position), as `np.takeAlongAxis` without broadcasting.
 *
 * @example
 * ```ts
 * const x = np.array([[3, 1, 2]]);
 * lax.takeAlongAxis(x, np.array([[1, 2, 0]], "int32"), 1).tolist(); // [[1, 2, 3]]
 * ```
 */
export function takeAlongAxis(x: Array, indices: Array, axis: number): Array {
  if (!shapeEqual(x.shape.filter((_, i) => i !== axis), indices.shape.filter((_, i) => i !== axis)) || x.ndim !== indices.ndim) {
    throw new Error(`takeAlongAxis: indices ${fmtShape(indices.shape)} must match ${fmtShape(x.shape)} except on axis ${axis}`);
  }
  const idx = range(x.ndim).map((j) => (j === axis ? indices : iota(indices.shape, j)));
  return gather(x, idx, range(x.ndim));
}
