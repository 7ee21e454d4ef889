/**
 * `scatter_add` and `scatter` (set): the updates counterpart of `gather`, with the same
 * convention. Inputs are `[operand, updates, ...indices]`, updates shaped I followed by the
 * operand's non-indexed axes; the output has the operand's shape. Out-of-bounds indices clamp
 * (mode `"clip"`, so that `scatter_add` is the transpose of a clipping `gather`) or are dropped
 * (mode `"fill"`, the transpose of a zero-filling `gather`; JAX's default for updates).
 * Duplicate indices: `scatter_add` accumulates; `scatter` keeps the last update in row-major
 * order of I.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { type BDim, type Primitive, type Tangent, UndefPrimal, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { fmtShape, shapeEqual, shapeSize, stridesOf } from "../core/shape.js";
import { instantiate } from "../core/tangent.js";
import { batchSize, matchAxis } from "../interpreters/batching.js";
import { add, eq, select } from "./binary.js";
import { broadcastInDim, reshape } from "./shape-ops.js";
import { full, fullLike } from "./constants.js";
import { type IndexMode, type IndexedAxesParams, checkIndexing, gather, gridOffsets, indexingPlan, iota } from "./gather.js";

function scatterAval(name: string, [op, upd, ...idx]: ShapedArray[], axes: readonly number[]): ShapedArray {
  const { I, rest } = checkIndexing(name, op, idx, axes);
  const want = [...I, ...rest.map((a) => op.shape[a])];
  if (!shapeEqual(upd.shape, want) || upd.dtype !== op.dtype) {
    throw new Error(`${name}: updates ${upd} must have shape ${fmtShape(want)} (index shape, then the operand's other axes) and dtype ${op.dtype}`);
  }
  if (name === "scatter_add" && op.dtype === "bool") throw new Error("scatter_add: not defined for bool; convert to int32 first");
  return new ShapedArray(op.shape, op.dtype, op.weakType);
}

function scatterImpl(name: string, accumulate: boolean, [op, upd, ...idx]: ConcreteArray[], { axes, mode }: IndexedAxesParams): ConcreteArray[] {
  const aval = scatterAval(name, [op.aval, upd.aval, ...idx.map((i) => i.aval)], axes);
  const out = op.data.slice();
  const u = upd.data;
  const { base, restOffsets } = indexingPlan(op.shape, idx, axes, mode);
  const R = restOffsets.length;
  for (let i = 0, o = 0; i < base.length; i++) {
    const b = base[i];
    if (b < 0) o += R; // dropped
    else if (accumulate) for (let r = 0; r < R; r++, o++) out[b + restOffsets[r]] += u[o];
    else for (let r = 0; r < R; r++, o++) out[b + restOffsets[r]] = u[o];
  }
  return [new ConcreteArray(out, aval.shape, aval.dtype, aval.weakType)];
}

/**
 * Compiled code for both scatters (a "loop" fusion rule): `scatterImpl`'s steps as statements
 * filling the planned buffer `target`, so compiled programs do not allocate a result per call.
 * The operand is copied in, then each index tuple's window of updates is added (or stored, the
 * last duplicate winning) at its base offset, with the same clip and fill rules.
 */
function scatterLoop(accumulate: boolean) {
  return (target: string, [op, upd, ...idx]: string[], { axes, mode }: IndexedAxesParams, [opShape, , idxShape]: (readonly number[])[], id: number): string[] => {
    const strides = stridesOf(opShape);
    const window = gridOffsets(
      opShape,
      opShape.map((_, i) => i).filter((i) => !axes.includes(i)),
    );
    const R = window.length;
    const lines = [`{ // scatter${accumulate ? "_add" : ""}`, `${target}.set(${op});`];
    if (R > 1) lines.push(`const w${id} = [${window.join(", ")}];`);
    lines.push(`for (let n = 0; n < ${shapeSize(idxShape)}; n++) {`);
    const terms = axes.map((a, k) => {
      const hi = opShape[a] - 1;
      const x = `x${id}_${k}`;
      lines.push(`let ${x} = ${idx[k]}[n];`);
      lines.push(mode === "fill" ? `if (${x} < 0 || ${x} > ${hi}) continue;` : `${x} = ${x} < 0 ? 0 : ${x} > ${hi} ? ${hi} : ${x};`);
      return strides[a] === 1 ? x : `${x} * ${strides[a]}`;
    });
    const base = terms.length > 0 ? terms.join(" + ") : "0";
    const assign = accumulate ? "+=" : "=";
    if (R === 1) lines.push(`${target}[${base}] ${assign} ${upd}[n];`);
    else lines.push(`const b${id} = ${base};`, `for (let r = 0; r < ${R}; r++) ${target}[b${id} + w${id}[r]] ${assign} ${upd}[n * ${R} + r];`);
    lines.push("}", "}");
    return lines;
  };
}

/** Batching shared by both scatters: `apply` is the scatter to bind. */
function scatterBatch(apply: (op: Array, upd: Array, idx: Array[], axes: readonly number[], mode: IndexMode) => Array) {
  return ([op, upd, ...idx]: Array[], [dOp, dUpd, ...dIdx]: BDim[], { axes, mode }: IndexedAxesParams): [Array[], BDim[]] => {
    const size = batchSize([op, upd, ...idx], [dOp, dUpd, ...dIdx]);
    const opB = matchAxis(op, dOp, size, 0);
    const shifted = axes.map((a) => a + 1);
    if (dIdx.every((d) => d === null)) {
      // Unbatched indices: the batch axis is the operand's first non-indexed axis, so it
      // comes right after I in the updates.
      return [[apply(opB, matchAxis(upd, dUpd, size, idx[0].ndim), idx, shifted, mode)], [0]];
    }
    // Batched indices: index the operand's batch axis with the batch position.
    const idxB = idx.map((x, k) => matchAxis(x, dIdx[k], size, 0));
    const updB = matchAxis(upd, dUpd, size, 0);
    return [[apply(opB, updB, [iota(idxB[0].shape, 0), ...idxB], [0, ...shifted], mode)], [0]];
  };
}

// ---------------------------------------------------------------- scatter_add

export const scatterAddP: Primitive<IndexedAxesParams> = definePrimitive<IndexedAxesParams>({
  name: "scatter_add",
  linear: true,
  abstractEval: (avals, { axes }) => [scatterAval("scatter_add", avals, axes)],
  impl: (args, p) => scatterImpl("scatter_add", true, args, p),
  fusion: { kind: "loop", emit: scatterLoop(true) },
  jvp: ([op, upd, ...idx], [tOp, tUpd], { axes, mode }) => {
    const y = scatterAdd(op, upd, idx, axes, mode);
    if (tOp instanceof Zero && tUpd instanceof Zero) return [[y], [new Zero(y.aval)]];
    if (tUpd instanceof Zero) return [[y], [tOp]];
    return [[y], [scatterAdd(instantiate(tOp), tUpd, idx, axes, mode)]];
  },
  batch: scatterBatch(scatterAdd),
  transpose: ([ct], [op, upd, ...idx], { axes, mode }) => {
    if (idx.some((i) => i instanceof UndefPrimal)) throw new Error("scatter_add: index arrays cannot be linear inputs");
    const ctOp = op instanceof UndefPrimal ? ct : null;
    let ctUpd: Tangent | null = null;
    if (upd instanceof UndefPrimal) ctUpd = ct instanceof Zero ? new Zero(upd.aval) : gather(ct, idx as Array[], axes, mode);
    return [ctOp, ctUpd, ...idx.map(() => null)];
  },
  formatParams: ({ axes, mode }) => `[axes=(${axes.join(",")}) mode=${mode}]`,
});

/**
 * Scatter-add: `operand` with `updates` added at the positions given by one int32 index array
 * per axis in `axes` (updates shaped: index shape, then the operand's other axes). Duplicate
 * indices accumulate; out-of-bounds indices clamp (`mode: "clip"`, the default) or are
 * dropped (`"fill"`).
 *
 * @example
 * ```ts
 * const i = np.array([0, 2, 0], "int32");
 * lax.scatterAdd(np.zeros([3]), np.array([1, 2, 3]), [i], [0]).tolist(); // [4, 0, 2]
 * ```
 */
export function scatterAdd(operand: Array, updates: Array, indices: readonly Array[], axes: readonly number[], mode: IndexMode = "clip"): Array {
  return bind1(scatterAddP, [operand, updates, ...indices], { axes: [...axes], mode });
}

// ---------------------------------------------------------------- scatter (set)

/** 1 + the position in I of each update element (broadcast over the rest axes), as int32. */
function updateIds(updShape: readonly number[], rankI: number): Array {
  const I = updShape.slice(0, rankI);
  const n = shapeSize(I);
  const ids = new ConcreteArray(Int32Array.from({ length: n }, (_, k) => k + 1), [n], "int32");
  return broadcastInDim(reshape(ids, I), updShape, I.map((_, k) => k));
}

export const scatterP: Primitive<IndexedAxesParams> = definePrimitive<IndexedAxesParams>({
  name: "scatter",
  abstractEval: (avals, { axes }) => [scatterAval("scatter", avals, axes)],
  impl: (args, p) => scatterImpl("scatter", false, args, p),
  fusion: { kind: "loop", emit: scatterLoop(false) },
  // Linear in (operand, updates) jointly, but with duplicate indices only the last update of
  // each position is written. As JAX does, find the winners by scattering update ids and
  // gathering them back, then express the tangent with select and scatter_add (transposable).
  jvp: ([op, upd, ...idx], [tOp, tUpd], { axes, mode }) => {
    const y = scatter(op, upd, idx, axes, mode);
    if (tOp instanceof Zero && tUpd instanceof Zero) return [[y], [new Zero(y.aval)]];
    const ids = updateIds(upd.shape, idx[0].ndim);
    const winner = scatter(full(op.shape, 0, "int32"), ids, idx, axes, mode);
    const kept = eq(winner, fullLike(winner, 0));
    const zerosOp = fullLike(op, 0);
    const keptT = tOp instanceof Zero ? zerosOp : select(kept, tOp, zerosOp);
    if (tUpd instanceof Zero) return [[y], [keptT]];
    const won = eq(gather(winner, idx, axes, mode), ids);
    const placed = scatterAdd(zerosOp, select(won, tUpd, fullLike(upd, 0)), idx, axes, mode);
    return [[y], [tOp instanceof Zero ? placed : add(keptT, placed)]];
  },
  batch: scatterBatch(scatter),
  formatParams: ({ axes, mode }) => `[axes=(${axes.join(",")}) mode=${mode}]`,
});

/**
 * Scatter (set): `operand` with `updates` written at the positions given by one int32 index
 * array per axis in `axes`. With duplicate indices the last update (row-major in the index
 * shape) wins; out-of-bounds indices clamp (`mode: "clip"`, the default) or are dropped (`"fill"`).
 *
 * @example
 * ```ts
 * const i = np.array([2, 0], "int32");
 * lax.scatter(np.zeros([3]), np.array([5, 7]), [i], [0]).tolist(); // [7, 0, 5]
 * ```
 */
export function scatter(operand: Array, updates: Array, indices: readonly Array[], axes: readonly number[], mode: IndexMode = "clip"): Array {
  return bind1(scatterP, [operand, updates, ...indices], { axes: [...axes], mode });
}
