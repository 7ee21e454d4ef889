/**
 * Lowering rules for indexing on tfjs devices: `gather`, `scatter_add`, `scatter`, `sort`,
 * `cummax` and `cummin`, as tfjs gathers, scatters, top-k and elementwise ops. Every rule
 * keeps the CPU implementation's semantics (clip/fill modes, last-update-wins for `scatter`,
 * stable NaN-last sorting, NaN-propagating running extrema) and returns null (CPU fallback)
 * where a tfjs device cannot hold the answer exactly.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type ShapedArray } from "../../core/aval.js";
import { type Tf, exactIntLimit } from "./device.js";
import { type LowerCtx, type LoweringRule } from "./lowering.js";

type Tensor = tfc.Tensor;

interface IndexParams {
  axes: readonly number[];
  mode: "clip" | "fill";
}

const prod = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);
const int = (tf: Tf, v: number): Tensor => tf.scalar(v, "int32");

/** The operand moved to [N, ...rest]: the indexed axes (in `axes` order) flattened in front. */
interface Flat {
  /** The operand as [N, ...restShape]. */
  flat: Tensor;
  /** Its size along the flattened indexed axes. */
  n: number;
  /** The shape of the non-indexed axes. */
  restShape: number[];
  /** Undo: [N, ...restShape] back to the operand's layout. */
  back: (t: Tensor) => Tensor;
}

function flatten(tf: Tf, op: Tensor, aval: ShapedArray, axes: readonly number[]): Flat {
  const rest = aval.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...axes, ...rest];
  const identity = perm.every((p, i) => p === i);
  const n = prod(axes.map((a) => aval.shape[a]));
  const restShape = rest.map((a) => aval.shape[a]);
  const permuted = perm.map((p) => aval.shape[p]);
  const flat = tf.reshape(identity ? op : tf.transpose(op, perm), [n, ...restShape]);
  const inverse = perm.map((_, i) => perm.indexOf(i));
  const back = (t: Tensor) => {
    const r = tf.reshape(t, permuted);
    return identity ? r : tf.transpose(r, inverse);
  };
  return { flat, n, restShape, back };
}

/**
 * The flat row of every index position (indices clamped into range), and with mode "fill"
 * the mask of in-range positions (null with "clip").
 */
function flatIndex(tf: Tf, idx: Tensor[], aval: ShapedArray, axes: readonly number[], mode: "clip" | "fill"): { row: Tensor; valid: Tensor | null } {
  let row: Tensor | null = null;
  let valid: Tensor | null = null;
  let stride = 1;
  for (let k = axes.length - 1; k >= 0; k--) {
    const d = aval.shape[axes[k]];
    const clamped = tf.maximum(tf.minimum(idx[k], int(tf, d - 1)), int(tf, 0));
    const term = stride === 1 ? clamped : tf.mul(clamped, int(tf, stride));
    row = row === null ? term : tf.add(row, term);
    if (mode === "fill") {
      const ok = tf.logicalAnd(tf.greaterEqual(idx[k], int(tf, 0)), tf.less(idx[k], int(tf, d)));
      valid = valid === null ? ok : tf.logicalAnd(valid, ok);
    }
    stride *= d;
  }
  return { row: tf.cast(row!, "int32"), valid };
}

/** `mask` (shape I) broadcast over the trailing `restRank` axes of a [...I, ...rest] tensor. */
function maskRows(tf: Tf, mask: Tensor, shape: number[], restRank: number): Tensor {
  return tf.broadcastTo(tf.reshape(mask, [...mask.shape, ...Array<number>(restRank).fill(1)]), shape);
}

/** Work on int32 instead of bool (tfjs gathers and scatters are numeric). */
function asNumeric(tf: Tf, t: Tensor, dtype: string): Tensor {
  return dtype === "bool" ? tf.cast(t, "int32") : t;
}

function fromNumeric(tf: Tf, t: Tensor, dtype: string): Tensor {
  return dtype === "bool" ? tf.notEqual(t, int(tf, 0)) : t;
}

/** `gather`: the operand flattened on its indexed axes, one `tf.gather` on the flat row. */
function gather([op, ...idx]: Tensor[], { axes, mode }: IndexParams, ctx: LowerCtx): Tensor | null {
  const { tf } = ctx;
  const aval = ctx.inAvals[0];
  const out = ctx.outAvals[0];
  if (out.size === 0 || aval.size === 0 || aval.size >= exactIntLimit(ctx.dev)) return null;
  const f = flatten(tf, asNumeric(tf, op, aval.dtype), aval, axes);
  const { row, valid } = flatIndex(tf, idx, aval, axes, mode);
  let g = tf.gather(f.flat, row, 0);
  if (valid !== null) g = tf.where(maskRows(tf, valid, g.shape, f.restShape.length), g, tf.zerosLike(g));
  return fromNumeric(tf, g, aval.dtype);
}

/**
 * The scatter target rows as [M, 1] (dropped updates of mode "fill" go to an extra row N that
 * is cut off afterwards) and the updates as [M, ...rest].
 */
function scatterRows(tf: Tf, upd: Tensor, idx: Tensor[], aval: ShapedArray, axes: readonly number[], mode: "clip" | "fill", f: Flat): { rows: Tensor; upd: Tensor; m: number } {
  const { row, valid } = flatIndex(tf, idx, aval, axes, mode);
  const m = prod(idx[0].shape);
  const target = valid === null ? row : tf.where(valid, row, tf.fill(row.shape, f.n, "int32"));
  return { rows: tf.reshape(target, [m, 1]), upd: tf.reshape(upd, [m, ...f.restShape]), m };
}

/** Sum `upd` rows into a fresh [N, ...rest] tensor of zeros (duplicates accumulate). */
function scatterSum(tf: Tf, rows: Tensor, upd: Tensor, f: Flat): Tensor {
  const s = tf.scatterND(rows, upd, [f.n + 1, ...f.restShape]);
  return tf.slice(s, 0, f.n);
}

/** `scatter_add`: operand + a `tf.scatterND` sum of the updates (duplicates accumulate). */
function scatterAdd([op, upd, ...idx]: Tensor[], { axes, mode }: IndexParams, ctx: LowerCtx): Tensor | null {
  const { tf } = ctx;
  const aval = ctx.inAvals[0];
  if (aval.size === 0 || ctx.inAvals[1].size === 0 || aval.size >= exactIntLimit(ctx.dev)) return null;
  const f = flatten(tf, op, aval, axes);
  const s = scatterRows(tf, upd, idx, aval, axes, mode, f);
  return f.back(tf.add(f.flat, scatterSum(tf, s.rows, s.upd, f)));
}

/**
 * `scatter` (set): the last update (row-major in the index shape) of each row wins, as on the
 * CPU. tfjs's own tensorScatterUpdate sums duplicates on webgl, so the winners are found by
 * sorting the keys row·M + m (top-k, stable) and keeping the first of each row; the losers
 * are sent to the spare row.
 */
function scatter([op, upd, ...idx]: Tensor[], { axes, mode }: IndexParams, ctx: LowerCtx): Tensor | null {
  const { tf } = ctx;
  const aval = ctx.inAvals[0];
  if (aval.size === 0 || ctx.inAvals[1].size === 0 || aval.size >= exactIntLimit(ctx.dev)) return null;
  const f = flatten(tf, asNumeric(tf, op, aval.dtype), aval, axes);
  const s = scatterRows(tf, asNumeric(tf, upd, aval.dtype), idx, aval, axes, mode, f);
  let rows = s.rows;
  let updates = s.upd;
  if (s.m > 1) {
    if ((f.n + 1) * s.m >= exactIntLimit(ctx.dev)) return null;
    const m = int(tf, s.m);
    const keys = tf.add(tf.mul(tf.reshape(rows, [s.m]), m), tf.range(0, s.m, 1, "int32"));
    const sorted = tf.topk(keys, s.m, true).values; // descending: each row's last update first
    const row = tf.floorDiv(sorted, m);
    const which = tf.sub(sorted, tf.mul(row, m));
    const prev = tf.concat([tf.fill([1], -1, "int32"), tf.slice(row, 0, s.m - 1)]);
    const first = tf.notEqual(row, prev);
    rows = tf.reshape(tf.where(first, row, tf.fill([s.m], f.n, "int32")), [s.m, 1]);
    updates = tf.gather(updates, which, 0);
  }
  const written = scatterSum(tf, rows, updates, f);
  const hit = tf.greater(tf.slice(tf.scatterND(rows, tf.ones([s.m], "int32"), [f.n + 1]), 0, f.n), int(tf, 0));
  const res = tf.where(maskRows(tf, hit, written.shape, f.restShape.length), written, f.flat);
  return fromNumeric(tf, f.back(res), aval.dtype);
}

/**
 * The stable ascending argsort of each row of a [rows, n] int32 or NaN-free float32 tensor:
 * tfjs's top-k is stable (ties keep the lower index first) and descending, so sorting the
 * reversed row descending and reversing back gives ascending order with ties in index order.
 */
function argsortRows(tf: Tf, key: Tensor, n: number): Tensor {
  const idx = tf.topk(tf.reverse(key, 1), n, true).indices;
  return tf.sub(int(tf, n - 1), tf.reverse(idx, 1));
}

/** Rows of a [rows, n] tensor permuted by a [rows, n] permutation. */
function permuteRows(tf: Tf, x: Tensor, perm: Tensor, rows: number, n: number): Tensor {
  const offsets = tf.mul(tf.reshape(tf.range(0, rows, 1, "int32"), [rows, 1]), int(tf, n));
  return tf.reshape(tf.gather(tf.reshape(x, [rows * n]), tf.add(perm, offsets)), [rows, n]);
}

/**
 * `sort`: lexicographic by the first `numKeys` operands, stable, NaN last, along the last
 * axis. Least-significant-first passes of a stable argsort (a float key takes two: its
 * value with NaN zeroed, then its NaN flag), then every operand gathered by the permutation.
 */
function sort(xs: Tensor[], { numKeys }: { numKeys: number }, ctx: LowerCtx): Tensor[] | null {
  const { tf } = ctx;
  const aval = ctx.inAvals[0];
  const n = aval.shape[aval.ndim - 1];
  if (aval.size === 0 || aval.size >= exactIntLimit(ctx.dev)) return null;
  if (ctx.inAvals.some((a) => a.dtype === "uint32")) return null;
  const rows = aval.size / n;
  if (n === 1) return xs.map((x) => tf.clone(x));
  const flat = xs.map((x, i) => tf.reshape(asNumeric(tf, x, ctx.inAvals[i].dtype), [rows, n]));
  let perm: Tensor | null = null;
  const pass = (key: Tensor): void => {
    const k = perm === null ? key : permuteRows(tf, key, perm, rows, n);
    const p = argsortRows(tf, k, n);
    perm = perm === null ? p : permuteRows(tf, perm, p, rows, n);
  };
  for (let i = numKeys - 1; i >= 0; i--) {
    if (ctx.inAvals[i].dtype === "float32") {
      const nan = tf.isNaN(flat[i]);
      pass(tf.where(nan, tf.zerosLike(flat[i]), flat[i]));
      pass(tf.cast(nan, "int32"));
    } else {
      pass(flat[i]);
    }
  }
  return flat.map((x, i) => fromNumeric(tf, tf.reshape(permuteRows(tf, x, perm!, rows, n), [...aval.shape]), ctx.inAvals[i].dtype));
}

/**
 * `cummax` / `cummin`: a Hillis–Steele scan (⌈log₂ n⌉ steps of an elementwise extremum with
 * the array shifted by 1, 2, 4, … along the axis), NaN-propagating like the CPU.
 */
function cumExtremum(kind: "max" | "min"): LoweringRule {
  return ([x], { axis, reverse }: { axis: number; reverse: boolean }, ctx) => {
    const { tf } = ctx;
    const aval = ctx.inAvals[0];
    if (aval.dtype === "bool" || aval.size === 0) return null;
    const n = aval.shape[axis];
    const float = aval.dtype === "float32";
    const pos = tf.reshape(tf.range(0, n, 1, "int32"), aval.shape.map((d, i) => (i === axis ? d : 1)));
    let y = x;
    for (let s = 1; s < n; s *= 2) {
      const begin = aval.shape.map(() => 0);
      const size = [...aval.shape];
      size[axis] = n - s;
      if (reverse) begin[axis] = s;
      const pads = aval.shape.map(() => [0, 0] as [number, number]);
      pads[axis] = reverse ? [0, s] : [s, 0];
      // The first s positions (last s when reverse) have nothing to combine with: they keep y.
      const shifted = tf.pad(tf.slice(y, begin, size), pads, 0);
      const inside = reverse ? tf.less(pos, int(tf, n - s)) : tf.greaterEqual(pos, int(tf, s));
      let ext = kind === "max" ? tf.maximum(y, shifted) : tf.minimum(y, shifted);
      if (float) ext = tf.where(tf.logicalOr(tf.isNaN(y), tf.isNaN(shifted)), tf.scalar(NaN), ext);
      y = tf.where(inside, ext, y);
    }
    return y === x ? tf.clone(x) : y;
  };
}

/**
 * The indexing rules, keyed by primitive name (merged into `tfjsLowerings`).
 *
 * @example
 * ```ts
 * indexingLowerings.gather([operand, idx], { axes: [0], mode: "clip" }, ctx); // a tensor, or null
 * ```
 */
export const indexingLowerings: Readonly<Record<string, LoweringRule>> = {
  gather,
  scatter_add: scatterAdd,
  scatter,
  sort,
  cummax: cumExtremum("max"),
  cummin: cumExtremum("min"),
};
