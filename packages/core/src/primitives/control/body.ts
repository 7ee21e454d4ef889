/**
 * Bodies of control-flow primitives: closed jaxprs whose captured values are passed as
 * explicit leading operands, with helpers to trace, differentiate, batch and compile them.
 */
import { type Array, ConcreteArray } from "../../core/array.js";
import { ShapedArray } from "../../core/aval.js";
import { type BDim, type Tangent, Zero } from "../../core/primitive.js";
import { type MainTrace, fullRaise, newMain } from "../../core/trace.js";
import { instantiate } from "../../core/tangent.js";
import { Jaxpr, evalJaxpr } from "../../interpreters/jaxpr.js";
import { jvpFlat } from "../../interpreters/jvp.js";
import { BatchTrace, BatchTracer, matchAxis } from "../../interpreters/batching.js";
import { stageFlat } from "../../interpreters/staging.js";
import { type CompiledProgram, compileJaxpr } from "../../backend/cpu/compiler/index.js";

/**
 * A body: a jaxpr closed over its concrete captured values; its inputs are
 * [traced captured values…, arguments…] (traced captures must be passed as operands so that
 * transformations see them).
 */
export class Body {
  private program: CompiledProgram | null = null;
  constructor(
    readonly jaxpr: Jaxpr,
    readonly closed: ConcreteArray[],
  ) {}

  get inAvals(): ShapedArray[] {
    return this.jaxpr.inBinders.slice(this.closed.length).map((v) => v.aval);
  }

  get outAvals(): ShapedArray[] {
    return this.jaxpr.outs.map((a) => a.aval);
  }

  /** Evaluate on arrays (binding each equation: works under every transformation). */
  eval(args: Array[]): Array[] {
    return evalJaxpr(this.jaxpr, [...this.closed, ...args]);
  }

  /** Run compiled on concrete arrays. */
  run(args: ConcreteArray[]): ConcreteArray[] {
    if (this.program === null) this.program = compileJaxpr(this.jaxpr, this.closed);
    const p = this.program;
    return p.run(args.map((a) => a.data)).map((d, i) => ConcreteArray.fromAval(d, p.outAvals[i]));
  }
}

/**
 * Trace `f` on avals. Concrete captured values are closed over; traced ones are returned,
 * and the body takes them as leading inputs.
 */
export function traceBody(f: (...xs: Array[]) => Array[], avals: ShapedArray[]): [Body, Array[]] {
  const { jaxpr, consts } = stageFlat(f, avals);
  const n = consts.length;
  const closedIdx = consts.map((c, i) => (c instanceof ConcreteArray ? i : -1)).filter((i) => i >= 0);
  const tracedIdx = consts.map((c, i) => (c instanceof ConcreteArray ? -1 : i)).filter((i) => i >= 0);
  const binders = [...closedIdx, ...tracedIdx].map((i) => jaxpr.inBinders[i]);
  const reordered = new Jaxpr([...binders, ...jaxpr.inBinders.slice(n)], jaxpr.eqns, jaxpr.outs);
  return [new Body(reordered, closedIdx.map((i) => consts[i] as ConcreteArray)), tracedIdx.map((i) => consts[i])];
}

/** `traceBody` for bodies derived by a transformation: they may only capture constants. */
export function traceDerived(f: (...xs: Array[]) => Array[], avals: ShapedArray[]): Body {
  const [b, traced] = traceBody(f, avals);
  if (traced.length > 0) throw new Error("internal: a derived control-flow body captured a traced value");
  return b;
}

/**
 * The JVP of a body: takes [args…, tangents of the `nonzero` args…] and returns
 * [outs…, tangents of outs…] where output tangents listed in `instantiate` are always
 * materialised; also reports which output tangents are non-zero.
 */
export function jvpBody(body: Body, nonzero: boolean[], instantiateOut: boolean[]): [Body, boolean[]] {
  const avals = body.inAvals;
  let outNonzero: boolean[] = [];
  const b = traceDerived(
    (...xs) => {
      const n = avals.length;
      let k = n;
      const ts: Tangent[] = avals.map((a, i) => (nonzero[i] ? xs[k++] : new Zero(a.strengthen())));
      const [outs, touts] = jvpFlat((...ys) => body.eval(ys), xs.slice(0, n), ts);
      outNonzero = touts.map((t, i) => !(t instanceof Zero) || instantiateOut[i]);
      return [...outs, ...touts.filter((_, i) => outNonzero[i]).map(instantiate)];
    },
    [...avals, ...avals.filter((_, i) => nonzero[i]).map((a) => a.strengthen())],
  );
  return [b, outNonzero];
}

/**
 * Vectorise `f` over a batch of `size` with inputs batched at axis 0 or not (`inBatched`);
 * outputs listed in `force` are batched at axis 0 even when they do not depend on the
 * batch. Returns the outputs and which are batched.
 */
export function batchFlatAt0(f: (...xs: Array[]) => Array[], size: number, inBatched: boolean[], force: boolean[], args: Array[]): [Array[], boolean[]] {
  return newMain(BatchTrace, size, (main: MainTrace) => {
    const trace = new BatchTrace(main);
    const tracers = args.map((a, i) => new BatchTracer(trace, a, inBatched[i] ? 0 : null));
    const outs = f(...tracers).map((o) => fullRaise(trace, o) as BatchTracer);
    const batched = outs.map((o, i) => o.bdim !== null || force[i]);
    return [outs.map((o, i) => (batched[i] ? matchAxis(o.val, o.bdim, size, 0) : o.val)), batched];
  });
}

/** A batched body (inputs batched at axis 0 where `inBatched`), with which outputs are batched. */
export function batchBody(body: Body, size: number, inBatched: boolean[], force: boolean[]): [Body, boolean[]] {
  const avals = body.inAvals.map((a, i) => (inBatched[i] ? new ShapedArray([size, ...a.shape], a.dtype, a.weakType) : a));
  let outBatched: boolean[] = [];
  const b = traceDerived((...xs) => {
    const [outs, batched] = batchFlatAt0((...ys) => body.eval(ys), size, inBatched, force, xs);
    outBatched = batched;
    return outs;
  }, avals);
  return [b, outBatched];
}

/** Move batched operands' batch dims to 0; returns the operands and which are batched. */
export function batchedAt0(args: Array[], dims: BDim[], size: number): [Array[], boolean[]] {
  return [args.map((a, i) => (dims[i] === null ? a : matchAxis(a, dims[i], size, 0))), dims.map((d) => d !== null)];
}

/** True when every array is concrete (not a tracer). */
export function allConcrete(xs: Array[]): xs is ConcreteArray[] {
  return xs.every((x) => x instanceof ConcreteArray);
}
