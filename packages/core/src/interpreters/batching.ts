/**
 * Vectorisation: the batching interpreter behind `vmap`.
 */
import { type Array } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { type BDim, type Primitive } from "../core/primitive.js";
import {
  type FlatBwd,
  type FlatFn,
  type FlatFwd,
  type FlatJvp,
  MainTrace,
  Trace,
  Tracer,
  bind,
  bindCustomJvp,
  bindCustomVjp,
  fullLower,
  fullRaise,
  newMain,
} from "../core/trace.js";
import { range } from "../core/shape.js";
import { broadcastInDim, transpose } from "../primitives/shape-ops.js";

/** A value under `vmap`: the batched value and the axis that is mapped over (or null). */
export class BatchTracer extends Tracer {
  constructor(
    readonly _trace: Trace,
    readonly val: Array,
    readonly bdim: BDim,
  ) {
    super();
  }

  get aval(): ShapedArray {
    const a = this.val.aval;
    if (this.bdim === null) return a;
    const shape = a.shape.filter((_, i) => i !== this.bdim);
    return new ShapedArray(shape, a.dtype, a.weakType);
  }

  override fullLower(): Array {
    return this.bdim === null ? fullLower(this.val) : this;
  }
}

/** The batching interpreter; its main trace's global data is the axis size. */
export class BatchTrace extends Trace {
  get axisSize(): number {
    return this.main.globalData as number;
  }

  pure(x: Array): Tracer {
    return new BatchTracer(this, x, null);
  }

  processPrimitive(prim: Primitive<any>, tracers: Tracer[], params: any): Array[] {
    const vals = tracers.map((t) => (t as BatchTracer).val);
    const dims = tracers.map((t) => (t as BatchTracer).bdim);
    if (dims.every((d) => d === null)) {
      return bind(prim, vals, params).map((v) => new BatchTracer(this, v, null));
    }
    const [outs, outDims] = prim.batch(vals, dims, params);
    return outs.map((v, i) => new BatchTracer(this, v, outDims[i]));
  }

  override processCustomJvpCall(fun: FlatFn, jvp: FlatJvp, tracers: Tracer[]): Array[] {
    const vals = tracers.map((t) => (t as BatchTracer).val);
    const dims = tracers.map((t) => (t as BatchTracer).bdim);
    if (dims.every((d) => d === null)) return bindCustomJvp(fun, jvp, vals).map((v) => new BatchTracer(this, v, null));
    const size = this.axisSize;
    const aligned = vals.map((v, i) => matchAxis(v, dims[i], size, 0));
    const zeros = (n: number) => new globalThis.Array<BDim>(n).fill(0);
    const funB: FlatFn = (...xs) => vmapFlat(fun, size, zeros(xs.length), () => 0, xs);
    const jvpB: FlatJvp = (ps, ts) => {
      let nOut = 0;
      const both = vmapFlat(
        (...pt) => {
          const [o, t] = jvp(pt.slice(0, ps.length), pt.slice(ps.length));
          nOut = o.length;
          return [...o, ...t];
        },
        size,
        zeros(ps.length + ts.length),
        () => 0,
        [...ps, ...ts],
      );
      return [both.slice(0, nOut), both.slice(nOut)];
    };
    return bindCustomJvp(funB, jvpB, aligned).map((v) => new BatchTracer(this, v, 0));
  }

  override processCustomVjpCall(fun: FlatFn, fwd: FlatFwd, bwd: FlatBwd, tracers: Tracer[]): Array[] {
    const vals = tracers.map((t) => (t as BatchTracer).val);
    const dims = tracers.map((t) => (t as BatchTracer).bdim);
    if (dims.every((d) => d === null)) return bindCustomVjp(fun, fwd, bwd, vals).map((v) => new BatchTracer(this, v, null));
    const size = this.axisSize;
    const aligned = vals.map((v, i) => matchAxis(v, dims[i], size, 0));
    const zeros = (n: number) => new globalThis.Array<BDim>(n).fill(0);
    const funB: FlatFn = (...xs) => vmapFlat(fun, size, zeros(xs.length), () => 0, xs);
    const fwdB: FlatFwd = (...xs) => {
      let nOut = 0;
      const both = vmapFlat(
        (...ys) => {
          const [o, r] = fwd(...ys);
          nOut = o.length;
          return [...o, ...r];
        },
        size,
        zeros(xs.length),
        () => 0,
        xs,
      );
      return [both.slice(0, nOut), both.slice(nOut)];
    };
    const bwdB: FlatBwd = (res, cts) =>
      vmapFlat((...rc) => bwd(rc.slice(0, res.length), rc.slice(res.length)), size, zeros(res.length + cts.length), () => 0, [...res, ...cts]);
    return bindCustomVjp(funB, fwdB, bwdB, aligned).map((v) => new BatchTracer(this, v, 0));
  }
}

/** Move axis `from` of `x` to position `to`. */
export function moveaxis(x: Array, from: number, to: number): Array {
  if (from === to) return x;
  const perm = range(x.ndim).filter((i) => i !== from);
  perm.splice(to, 0, from);
  return transpose(x, perm);
}

/**
 * Put the batch dim of `x` at `to`, materialising it (broadcast to `size`) when `x` is
 * not batched.
 */
export function matchAxis(x: Array, bdim: BDim, size: number, to: number): Array {
  if (bdim !== null) return moveaxis(x, bdim, to);
  const shape = [...x.shape];
  shape.splice(to, 0, size);
  const dims = range(x.ndim).map((i) => (i < to ? i : i + 1));
  return broadcastInDim(x, shape, dims);
}

/** The size of the batch among batched arguments. */
export function batchSize(args: Array[], dims: BDim[]): number {
  for (let i = 0; i < args.length; i++) {
    const d = dims[i];
    if (d !== null) return args[i].shape[d];
  }
  throw new Error("internal: no batched argument");
}

/**
 * Run `f` vectorised over a batch of size `axisSize` (flat lists); outputs have their batch
 * dims moved to `outAxes` (null: the output must not depend on the batch).
 */
export function vmapFlat(
  f: (...xs: Array[]) => Array[],
  axisSize: number,
  inAxes: BDim[],
  outAxes: (i: number) => BDim,
  args: Array[],
): Array[] {
  return newMain(BatchTrace, axisSize, (main: MainTrace) => {
    const trace = new BatchTrace(main);
    const tracersIn = args.map((a, i) => new BatchTracer(trace, a, inAxes[i]));
    const outs = f(...tracersIn);
    return outs.map((o, i) => {
      const t = fullRaise(trace, o) as BatchTracer;
      const to = outAxes(i);
      if (to === null) {
        if (t.bdim !== null) {
          throw new Error(`vmap: output ${i} has outAxes null but depends on the mapped axis; give it an axis`);
        }
        return t.val;
      }
      const rank = t.aval.ndim;
      const dest = to < 0 ? to + rank + 1 : to;
      return matchAxis(t.val, t.bdim, axisSize, dest);
    });
  });
}
