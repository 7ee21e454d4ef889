/**
 * The trace stack, tracers and `bind`: how a primitive applied to arrays finds the
 * interpreter (eval, JVP, batching, partial evaluation, staging) that must handle it.
 */
import { Array, ConcreteArray } from "./array.js";
import { type ShapedArray } from "./aval.js";
import { type Primitive } from "./primitive.js";
import { applyOnDevice } from "../backend/tfjs/execute.js";

/** A constructor of traces for one interpreter. */
export type TraceClass = new (main: MainTrace) => Trace;

/** One level of the interpreter stack. */
export class MainTrace {
  constructor(
    readonly level: number,
    readonly traceType: TraceClass,
    readonly globalData: unknown,
  ) {}
}

/** An interpreter at one level of the stack. */
export abstract class Trace {
  constructor(readonly main: MainTrace) {}

  /** Wrap a value from no trace (a concrete array). */
  abstract pure(x: Array): Tracer;

  /** Wrap a tracer from a lower level. */
  lift(x: Array): Tracer {
    return this.pure(x);
  }

  /** Apply a primitive to tracers of this trace. */
  abstract processPrimitive(prim: Primitive<any>, tracers: Tracer[], params: any): Array[];

  /** A function with a custom JVP rule; interpreters that do not differentiate just run it. */
  processCustomJvpCall(fun: FlatFn, _jvp: FlatJvp, tracers: Tracer[]): Array[] {
    return fun(...tracers);
  }

  /** A function with a custom VJP; interpreters that do not differentiate just run it. */
  processCustomVjpCall(fun: FlatFn, _fwd: FlatFwd, _bwd: FlatBwd, tracers: Tracer[]): Array[] {
    return fun(...tracers);
  }
}

/** A function on flat lists of arrays. */
export type FlatFn = (...xs: Array[]) => Array[];
/** A custom JVP rule on flat lists: (primals, tangents) → [outputs, output tangents]. */
export type FlatJvp = (primals: Array[], tangents: Array[]) => [Array[], Array[]];
/** A custom VJP forward pass: inputs → [outputs, residuals]. */
export type FlatFwd = (...xs: Array[]) => [Array[], Array[]];
/** A custom VJP backward pass: (residuals, output cotangents) → input cotangents. */
export type FlatBwd = (residuals: Array[], cts: Array[]) => Array[];

/** A value inside a transformation; it stands for an array and records operations on it. */
export abstract class Tracer extends Array {
  abstract readonly _trace: Trace;

  /** The simplest equivalent value (e.g. a batch tracer with no batch dim lowers to its value). */
  fullLower(): Array {
    return this;
  }

  /** Tracers have no concrete value. */
  override item(): number {
    throw concretizationError(this, "item()");
  }

  /** Tracers have no concrete value. */
  override tolist(): unknown {
    throw concretizationError(this, "tolist()");
  }
}

/** The error raised when a traced value is used where a concrete one is needed. */
export function concretizationError(t: Array, what: string): Error {
  return new Error(
    `${what} needs a concrete value, but got a traced array ${t.aval.toString()} inside a transformation ` +
      `(grad, vmap, jit, …). Compute it outside the transformed function, mark the argument static, ` +
      `or use lax.cond / np.where instead of JS control flow on traced values.`,
  );
}

class EvalTrace extends Trace {
  // At the bottom of the stack values are concrete arrays and stay as they are.
  pure(x: Array): Tracer {
    return x as unknown as Tracer;
  }
  override processCustomJvpCall(fun: FlatFn, _jvp: FlatJvp, tracers: Tracer[]): Array[] {
    return fun(...(tracers as unknown as Array[]));
  }
  override processCustomVjpCall(fun: FlatFn, _fwd: FlatFwd, _bwd: FlatBwd, tracers: Tracer[]): Array[] {
    return fun(...(tracers as unknown as Array[]));
  }
  processPrimitive(prim: Primitive<any>, tracers: Tracer[], params: any): Array[] {
    const args = tracers as unknown as ConcreteArray[];
    // Arrays on a tfjs device run there (CPU arrays among them follow them).
    for (let i = 0; i < args.length; i++) if (!(args[i] instanceof ConcreteArray)) return applyOnDevice(prim, args, params);
    // The same shape and dtype checks as under a transformation, before running.
    prim.abstractEval(args.map((a) => a.aval), params);
    return prim.impl(args, params);
  }
}

const traceStack: MainTrace[] = [new MainTrace(0, EvalTrace, null)];
let dynamicTrace: MainTrace | null = null;

/**
 * Run `fn` with a new interpreter level pushed on the stack.
 * `dynamic` makes it the dynamic trace (for staging: every primitive goes to it).
 */
export function newMain<T>(traceType: TraceClass, globalData: unknown, fn: (main: MainTrace) => T, dynamic = false): T {
  const main = new MainTrace(traceStack.length, traceType, globalData);
  traceStack.push(main);
  const prevDynamic = dynamicTrace;
  if (dynamic) dynamicTrace = main;
  try {
    return fn(main);
  } finally {
    traceStack.pop();
    dynamicTrace = prevDynamic;
  }
}

/** The current depth of the interpreter stack (0 when no transformation is active). */
export function traceDepth(): number {
  return traceStack.length - 1;
}

function findTopTrace(args: readonly Array[]): Trace {
  let top: MainTrace = dynamicTrace ?? traceStack[0];
  for (const x of args) {
    if (x instanceof Tracer) {
      const m = x._trace.main;
      if (m.level > top.level) top = m;
    }
  }
  return new top.traceType(top);
}

/** Bring `x` into `trace`: wrap concrete arrays and lower-level tracers. */
export function fullRaise(trace: Trace, x: Array): Tracer {
  if (!(x instanceof Tracer)) return trace.pure(x);
  const m = x._trace.main;
  if (m === trace.main) return x;
  if (m.level < trace.main.level) return trace.lift(x);
  if (m.level > trace.main.level) {
    throw new Error(
      `A tracer ${x.aval.toString()} escaped its transformation: it was created inside grad/vmap/jit at a deeper level ` +
        `than the one now running. Do not store traced values in outer variables; return them instead.`,
    );
  }
  throw new Error(`A tracer ${x.aval.toString()} from a different transformation at the same level was used here (leaked tracer).`);
}

/** Lower a value to its simplest form. */
export function fullLower(x: Array): Array {
  return x instanceof Tracer ? x.fullLower() : x;
}

/** Apply a primitive to arrays, dispatching to the interpreter of the highest level among them. */
export function bind(prim: Primitive<any>, args: readonly Array[], params: any): Array[] {
  const trace = findTopTrace(args);
  const tracers = args.map((a) => fullRaise(trace, a));
  const outs = trace.processPrimitive(prim, tracers, params);
  return outs.map(fullLower);
}

/** Call a function that has a custom JVP rule, letting each interpreter decide what to do. */
export function bindCustomJvp(fun: FlatFn, jvp: FlatJvp, args: readonly Array[]): Array[] {
  const trace = findTopTrace(args);
  const tracers = args.map((a) => fullRaise(trace, a));
  return trace.processCustomJvpCall(fun, jvp, tracers).map(fullLower);
}

/** Call a function that has a custom VJP, letting each interpreter decide what to do. */
export function bindCustomVjp(fun: FlatFn, fwd: FlatFwd, bwd: FlatBwd, args: readonly Array[]): Array[] {
  const trace = findTopTrace(args);
  const tracers = args.map((a) => fullRaise(trace, a));
  return trace.processCustomVjpCall(fun, fwd, bwd, tracers).map(fullLower);
}

/** `bind` for single-result primitives. */
export function bind1(prim: Primitive<any>, args: readonly Array[], params: any): Array {
  return bind(prim, args, params)[0];
}

/** The abstract value of any array or tracer. */
export function getAval(x: Array): ShapedArray {
  return x.aval;
}

/** True when `x` holds data (is not a tracer). */
export function isConcrete(x: Array): x is ConcreteArray {
  return x instanceof ConcreteArray;
}
