/**
 * Lowering rules: how each Orrery primitive runs as tfjs ops, keyed by primitive name.
 * A primitive without a rule (or whose rule returns null for the given dtypes) runs its CPU
 * `impl` on downloaded data and the result is uploaded (`fallbackPrimitives()` lists them).
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type ConcreteArray } from "../../core/array.js";
import { type ShapedArray } from "../../core/aval.js";
import { registeredPrimitives } from "../../core/primitive.js";
import { type Jaxpr } from "../../interpreters/jaxpr.js";
import { type Tf, type TfjsDevice, exactIntLimit } from "./device.js";
import { controlLowerings } from "./lowering-control.js";
import { elementwiseLowerings } from "./lowering-elementwise.js";
import { indexingLowerings } from "./lowering-indexing.js";
import { specialLowerings } from "./lowering-special.js";
import { igammaLowerings } from "./lowering-igamma.js";
import { betaLowerings } from "./lowering-beta.js";
import { linalgLowerings } from "./lowering-linalg.js";
import { withIeeeFixes } from "./ieee-fixes.js";
import { withWebglKernels } from "./webgl-kernels.js";

type Tensor = tfc.Tensor;

/** What a lowering rule sees besides its operands. */
export interface LowerCtx {
  readonly tf: Tf;
  readonly dev: TfjsDevice;
  readonly inAvals: readonly ShapedArray[];
  readonly outAvals: readonly ShapedArray[];
  /** Run a jaxpr on tensors (for call-like primitives). */
  runJaxpr(jaxpr: Jaxpr, xs: Tensor[]): Tensor[];
  /** Closed-over CPU constants of a body, uploaded once and kept. */
  constants(cs: readonly ConcreteArray[]): Tensor[];
}

/** A lowering rule: output tensors, or null to fall back to the CPU implementation. */
export type LoweringRule = (xs: Tensor[], params: any, ctx: LowerCtx) => Tensor[] | Tensor | null;

const isF = (a: ShapedArray): boolean => a.dtype === "float32";
const allF = (ctx: LowerCtx): boolean => ctx.inAvals.every(isF);

/** A float-only unary op (ints fall back). */
function unaryF(op: (tf: Tf, x: Tensor) => Tensor): LoweringRule {
  return ([x], _p, ctx) => (isF(ctx.inAvals[0]) ? op(ctx.tf, x) : null);
}

/** A unary op valid for float32 and int32. */
function unaryN(op: (tf: Tf, x: Tensor) => Tensor): LoweringRule {
  return ([x], _p, ctx) => (ctx.inAvals[0].dtype === "bool" ? null : op(ctx.tf, x));
}

/** A binary op valid for float32 and int32. */
function binaryN(op: (tf: Tf, x: Tensor, y: Tensor) => Tensor): LoweringRule {
  return ([x, y], _p, ctx) => (ctx.inAvals[0].dtype === "bool" ? null : op(ctx.tf, x, y));
}

function compare(op: (tf: Tf, x: Tensor, y: Tensor) => Tensor): LoweringRule {
  return ([x, y], _p, ctx) => op(ctx.tf, x, y);
}

function logical(op: (tf: Tf, x: Tensor, y: Tensor) => Tensor): LoweringRule {
  return ([x, y], _p, ctx) => (ctx.inAvals[0].dtype === "bool" ? op(ctx.tf, x, y) : null);
}

/** x ** n for an integer n, by repeated squaring (exact for ints, no pow special cases). */
function integerPow(tf: Tf, x: Tensor, n: number): Tensor {
  if (n === 0) return tf.onesLike(x);
  let k = Math.abs(n);
  let acc: Tensor | null = null;
  let base = x;
  while (k > 0) {
    if (k & 1) acc = acc === null ? base : tf.mul(acc, base);
    k >>= 1;
    if (k > 0) base = tf.mul(base, base);
  }
  return n < 0 ? tf.div(tf.onesLike(acc!), acc!) : tf.clone(acc!);
}

function identity(): LoweringRule {
  return ([x], _p, ctx) => ctx.tf.clone(x);
}

/** Reduce over `axes` (an empty list is a copy). */
function reduction(op: (tf: Tf, x: Tensor, axes: number[]) => Tensor, ok: (d: string) => boolean): LoweringRule {
  return ([x], { axes }: { axes: readonly number[] }, ctx) => {
    if (!ok(ctx.inAvals[0].dtype)) return null;
    if (axes.length === 0) return ctx.tf.clone(x);
    if (ctx.inAvals[0].size === 0) return null;
    return op(ctx.tf, x, [...axes]);
  };
}

interface DotParams {
  contracting: readonly [readonly number[], readonly number[]];
  batch: readonly [readonly number[], readonly number[]];
}

function dotGeneral([x, y]: Tensor[], { contracting, batch }: DotParams, ctx: LowerCtx): Tensor | null {
  if (!allF(ctx)) return null;
  const { tf } = ctx;
  const [xa, ya] = ctx.inAvals;
  const free = (rank: number, c: readonly number[], b: readonly number[]) => [...Array(rank).keys()].filter((i) => !c.includes(i) && !b.includes(i));
  const xf = free(xa.ndim, contracting[0], batch[0]);
  const yf = free(ya.ndim, contracting[1], batch[1]);
  const prod = (shape: readonly number[], axes: readonly number[]) => axes.reduce((p, a) => p * shape[a], 1);
  const B = prod(xa.shape, batch[0]);
  const M = prod(xa.shape, xf);
  const K = prod(xa.shape, contracting[0]);
  const N = prod(ya.shape, yf);
  const xt = tf.reshape(tf.transpose(x, [...batch[0], ...xf, ...contracting[0]]), [B, M, K]);
  const yt = tf.reshape(tf.transpose(y, [...batch[1], ...contracting[1], ...yf]), [B, K, N]);
  return tf.reshape(tf.matMul(xt, yt), ctx.outAvals[0].shape as number[]);
}

/**
 * `k` zeros between consecutive elements along `axis`: each element followed by k zeros, the
 * last k dropped ([a, b, c] with k = 1 → [a, 0, b, 0, c]).
 */
function spreadAxis(tf: Tf, x: Tensor, axis: number, k: number): Tensor {
  const n = x.shape[axis];
  if (k === 0 || n === 0) return x;
  const expanded = tf.expandDims(x, axis + 1);
  const zerosShape = [...expanded.shape];
  zerosShape[axis + 1] = k;
  const withZeros = tf.concat([expanded, tf.zeros(zerosShape, x.dtype)], axis + 1);
  const flatShape = [...x.shape];
  flatShape[axis] = n * (k + 1);
  const begin = x.shape.map(() => 0);
  const size = [...flatShape];
  size[axis] = n + (n - 1) * k;
  return tf.slice(tf.reshape(withZeros, flatShape), begin, size);
}

function pad([x, v]: Tensor[], p: { low: readonly number[]; high: readonly number[]; interior: readonly number[] }, ctx: LowerCtx): Tensor | null {
  if (ctx.inAvals[0].dtype === "bool" || ctx.inAvals[0].size === 0) return null;
  const { tf } = ctx;
  const pads = p.low.map((l, i) => [l, p.high[i]] as [number, number]);
  // Elements are spread apart with zeros first (interior padding), then padded at the ends; a
  // spread of ones marks where x's elements land, and every other place takes the value.
  let data = x;
  let mask = tf.onesLike(x);
  p.interior.forEach((k, axis) => {
    data = spreadAxis(tf, data, axis, k);
    mask = spreadAxis(tf, mask, axis, k);
  });
  const padded = tf.pad(data, pads, 0);
  const inside = tf.pad(mask, pads, 0);
  return tf.where(tf.cast(inside, "bool"), padded, tf.broadcastTo(v, ctx.outAvals[0].shape as number[]));
}

function selectN(xs: Tensor[], _p: null, ctx: LowerCtx): Tensor {
  const { tf } = ctx;
  const [pred, onFalse, onTrue] = xs;
  if (ctx.outAvals[0].dtype !== "bool") return tf.where(pred, onTrue, onFalse);
  // tfjs-wasm 4.22's where reads bool branches as 4-byte values; choose between int32 copies.
  return tf.cast(tf.where(pred, tf.cast(onTrue, "int32"), tf.cast(onFalse, "int32")), "bool");
}

function convert([x]: Tensor[], { newDtype }: { newDtype: string }, ctx: LowerCtx): Tensor | null {
  const { tf } = ctx;
  const from = ctx.inAvals[0].dtype;
  if (from === newDtype) return tf.clone(x);
  if (newDtype === "bool") {
    // NaN is false, as on the CPU.
    return from === "float32" ? tf.logicalAnd(tf.notEqual(x, 0), tf.logicalNot(tf.isNaN(x))) : tf.notEqual(x, 0);
  }
  if (newDtype === "float32" || newDtype === "int32") return tf.cast(x, newDtype);
  return null;
}

/**
 * The rules, keyed by primitive name (with the backends' special-value corrections, ieee-fixes.ts,
 * and webgl's GLSL kernels, webgl-kernels.ts).
 */
export const tfjsLowerings: Readonly<Record<string, LoweringRule>> = withWebglKernels(withIeeeFixes({
  // unary
  neg: unaryN((tf, x) => tf.neg(x)),
  // tf.sign on wasm returns 0 for |x| below ~1e-7; compare instead (NaN stays NaN, ±0 gives 0).
  sign: ([x], _p, ctx) => {
    const { tf } = ctx;
    const d = ctx.inAvals[0].dtype;
    if (d === "int32") return tf.sign(x);
    if (d !== "float32") return null;
    return tf.where(tf.greater(x, 0), tf.onesLike(x), tf.where(tf.less(x, 0), tf.fill(x.shape, -1, "float32"), tf.mul(x, 0)));
  },
  floor: unaryF((tf, x) => tf.floor(x)),
  ceil: unaryF((tf, x) => tf.ceil(x)),
  round: unaryF((tf, x) => tf.round(x)),
  is_finite: ([x], _p, ctx) => ctx.tf.logicalNot(ctx.tf.logicalOr(ctx.tf.isNaN(x), ctx.tf.isInf(x))),
  not: ([x], _p, ctx) => (ctx.inAvals[0].dtype === "bool" ? ctx.tf.logicalNot(x) : null),
  abs: unaryN((tf, x) => tf.abs(x)),
  exp: unaryF((tf, x) => tf.exp(x)),
  exp2: unaryF((tf, x) => tf.exp(tf.mul(x, Math.LN2))),
  log: unaryF((tf, x) => tf.log(x)),
  log1p: unaryF((tf, x) => tf.log1p(x)),
  expm1: unaryF((tf, x) => tf.expm1(x)),
  sin: unaryF((tf, x) => tf.sin(x)),
  cos: unaryF((tf, x) => tf.cos(x)),
  tan: unaryF((tf, x) => tf.tan(x)),
  asin: unaryF((tf, x) => tf.asin(x)),
  acos: unaryF((tf, x) => tf.acos(x)),
  atan: unaryF((tf, x) => tf.atan(x)),
  sinh: unaryF((tf, x) => tf.sinh(x)),
  cosh: unaryF((tf, x) => tf.cosh(x)),
  tanh: unaryF((tf, x) => tf.tanh(x)),
  asinh: unaryF((tf, x) => tf.asinh(x)),
  acosh: unaryF((tf, x) => tf.acosh(x)),
  atanh: unaryF((tf, x) => tf.atanh(x)),
  sqrt: unaryF((tf, x) => tf.sqrt(x)),
  rsqrt: unaryF((tf, x) => tf.rsqrt(x)),
  logistic: unaryF((tf, x) => tf.sigmoid(x)),
  erf: unaryF((tf, x) => tf.erf(x)),
  integer_pow: ([x], { y }: { y: number }, ctx) => (ctx.inAvals[0].dtype === "bool" ? null : integerPow(ctx.tf, x, y)),
  stop_gradient: identity(),
  // binary
  add: binaryN((tf, x, y) => tf.add(x, y)),
  add_any: binaryN((tf, x, y) => tf.add(x, y)),
  sub: binaryN((tf, x, y) => tf.sub(x, y)),
  mul: binaryN((tf, x, y) => tf.mul(x, y)),
  div: ([x, y], _p, ctx) => (allF(ctx) ? ctx.tf.div(x, y) : null),
  pow: ([x, y], _p, ctx) => (allF(ctx) ? ctx.tf.pow(x, y) : null),
  atan2: ([x, y], _p, ctx) => (allF(ctx) ? ctx.tf.atan2(x, y) : null),
  max: ([x, y], _p, ctx) => (ctx.inAvals[0].dtype === "bool" ? ctx.tf.logicalOr(x, y) : ctx.tf.maximum(x, y)),
  min: ([x, y], _p, ctx) => (ctx.inAvals[0].dtype === "bool" ? ctx.tf.logicalAnd(x, y) : ctx.tf.minimum(x, y)),
  eq: compare((tf, x, y) => tf.equal(x, y)),
  ne: compare((tf, x, y) => tf.notEqual(x, y)),
  lt: compare((tf, x, y) => tf.less(x, y)),
  le: compare((tf, x, y) => tf.lessEqual(x, y)),
  gt: compare((tf, x, y) => tf.greater(x, y)),
  ge: compare((tf, x, y) => tf.greaterEqual(x, y)),
  and: logical((tf, x, y) => tf.logicalAnd(x, y)),
  or: logical((tf, x, y) => tf.logicalOr(x, y)),
  xor: logical((tf, x, y) => tf.logicalXor(x, y)),
  select_n: selectN,
  convert_element_type: convert,
  // shapes
  broadcast_in_dim: ([x], { shape, broadcastDimensions }: { shape: readonly number[]; broadcastDimensions: readonly number[] }, ctx) => {
    const inShape = ctx.inAvals[0].shape;
    const mid = shape.map(() => 1);
    broadcastDimensions.forEach((d, i) => (mid[d] = inShape[i]));
    const r = ctx.tf.reshape(x, mid);
    const dtype = ctx.inAvals[0].dtype;
    if (dtype === "bool") return ctx.tf.broadcastTo(r, [...shape]);
    // × ones (exact, keeps -0 and NaN) is a broadcasting kernel; tf.broadcastTo (Tile) is ~100× slower on wasm.
    return ctx.tf.mul(r, ctx.tf.ones([...shape], dtype === "float32" ? "float32" : "int32"));
  },
  reshape: ([x], { newSizes }: { newSizes: readonly number[] }, ctx) => ctx.tf.reshape(x, [...newSizes]),
  transpose: ([x], { permutation }: { permutation: readonly number[] }, ctx) => ctx.tf.transpose(x, [...permutation]),
  slice: ([x], { start, limit, strides }: { start: readonly number[]; limit: readonly number[]; strides: readonly number[] }, ctx) => {
    if (ctx.outAvals[0].size === 0) return null;
    const { tf } = ctx;
    const sliced = tf.slice(x, [...start], limit.map((l, i) => l - start[i]));
    if (strides.every((s) => s === 1)) return sliced;
    // tfjs-wasm's stridedSlice returns zeros for int32 (4.22); pick every stride-th element with
    // a gather per strided axis instead, for every dtype but float32.
    if (ctx.inAvals[0].dtype === "float32") return tf.stridedSlice(x, [...start], [...limit], [...strides]);
    let r = sliced;
    strides.forEach((s, axis) => {
      if (s !== 1) r = tf.gather(r, tf.range(0, limit[axis] - start[axis], s, "int32"), axis);
    });
    return r;
  },
  pad,
  concatenate: (xs, { dimension }: { dimension: number }, ctx) => (ctx.outAvals[0].size === 0 ? null : ctx.tf.concat(xs, dimension)),
  rev: ([x], { dimensions }: { dimensions: readonly number[] }, ctx) => {
    const { tf } = ctx;
    if (dimensions.length === 0) return tf.clone(x);
    // tfjs-wasm 4.22's reverse reads bool as 4-byte values; reverse an int32 copy.
    if (ctx.inAvals[0].dtype === "bool") return tf.cast(tf.reverse(tf.cast(x, "int32"), [...dimensions]), "bool");
    return tf.reverse(x, [...dimensions]);
  },
  // reductions
  reduce_sum: reduction((tf, x, axes) => tf.sum(x, axes), (d) => d !== "bool"),
  reduce_prod: reduction((tf, x, axes) => tf.prod(x, axes), (d) => d !== "bool"),
  reduce_max: reduction((tf, x, axes) => tf.max(x, axes), (d) => d !== "bool"),
  reduce_min: reduction((tf, x, axes) => tf.min(x, axes), (d) => d !== "bool"),
  reduce_and: reduction((tf, x, axes) => tf.all(x, axes), (d) => d === "bool"),
  reduce_or: reduction((tf, x, axes) => tf.any(x, axes), (d) => d === "bool"),
  argmax: ([x], { axis }: { axis: number }, ctx) => (ctx.inAvals[0].dtype === "bool" || ctx.inAvals[0].size === 0 ? null : ctx.tf.argMax(x, axis)),
  argmin: ([x], { axis }: { axis: number }, ctx) => (ctx.inAvals[0].dtype === "bool" || ctx.inAvals[0].size === 0 ? null : ctx.tf.argMin(x, axis)),
  // int32 sums wrap at each step as on the CPU where the device stores real int32.
  cumsum: ([x], { axis, reverse }: { axis: number; reverse: boolean }, ctx) => {
    const d = ctx.inAvals[0].dtype;
    const ok = d === "float32" || (d === "int32" && exactIntLimit(ctx.dev) >= 2 ** 31 - 1);
    return ok ? ctx.tf.cumsum(x, axis, false, reverse) : null;
  },
  cumprod: ([x], { axis, reverse }: { axis: number; reverse: boolean }, ctx) => (isF(ctx.inAvals[0]) ? ctx.tf.cumprod(x, axis, false, reverse) : null),
  // linear algebra
  dot_general: dotGeneral,
  // custom_lin stands for a user's backward pass in a linearized program and is only ever
  // transposed; evaluating it is forward-mode differentiation, refused by its implementation
  // with the CPU's error (it has no data to move).
  custom_lin: (_xs, params) => {
    registeredPrimitives().get("custom_lin")!.impl([], params);
    throw new Error("internal: custom_lin was evaluated");
  },
  // calls and control flow (lowering-control.ts)
  jit_call: (xs, { call }: { call: { jaxpr: Jaxpr } }, ctx) => ctx.runJaxpr(call.jaxpr, xs),
  ...controlLowerings,
  // gathers, scatters, sorting, running extrema (lowering-indexing.ts)
  ...indexingLowerings,
  // special functions and other elementwise compositions (lowering-special.ts, lowering-elementwise.ts)
  ...elementwiseLowerings,
  ...specialLowerings,
  ...igammaLowerings,
  ...betaLowerings,
  // cholesky, triangular_solve, lu (lowering-linalg.ts)
  ...linalgLowerings,
}));

/** Primitives whose uint32 operands are bit patterns that these rules move unchanged. */
export const BIT_PRESERVING = new Set(["broadcast_in_dim", "reshape", "transpose", "slice", "concatenate", "rev", "jit_call", "stop_gradient", "cond", "while", "scan"]);

/**
 * The registered primitives that have no tfjs lowering rule and always run their CPU
 * implementation on downloaded data. (Rules may also fall back for some dtypes and shapes:
 * integer division, bitwise ops on int32, anything on uint32, empty arrays, and on webgl
 * gathers/scatters/sorts past 2^24 elements.)
 *
 * @example
 * ```ts
 * fallbackPrimitives(); // ["random_binomial", "random_gamma", …, "threefry2x32"]
 * ```
 */
export function fallbackPrimitives(): string[] {
  return [...registeredPrimitives().keys()].filter((n) => !(n in tfjsLowerings)).sort();
}
