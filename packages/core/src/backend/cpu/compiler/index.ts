/**
 * The CPU compiler: a jaxpr becomes a JavaScript function over typed arrays, with
 * elementwise chains and reductions fused into loops and scratch buffers allocated once.
 */
import { type Array, ConcreteArray } from "../../../core/array.js";
import { ShapedArray } from "../../../core/aval.js";
import { registeredPrimitives } from "../../../core/primitive.js";
import { type DType, type TypedArray, allocate } from "../../../core/dtype.js";
import { type Atom, Jaxpr, Lit, Var } from "../../../interpreters/jaxpr.js";
import { bindLibCalls, scalarLib } from "../scalar-lib.js";
import { generate } from "./codegen.js";
import { commonSubexpressionElimination, deadCodeElimination, foldConstants, simplifyAlgebra, uniformConstants } from "./passes.js";
import { planFusion } from "./plan.js";

/** A compiled program. */
export interface CompiledProgram {
  readonly inAvals: ShapedArray[];
  readonly outAvals: ShapedArray[];
  /** The generated JavaScript, for inspection. */
  readonly source: string;
  /** Compile time in milliseconds. */
  readonly compileMs: number;
  /** Run on input buffers, writing into caller-provided output buffers (no allocation). */
  runInto(inputs: readonly TypedArray[], outputs: TypedArray[]): void;
  /** Run on input buffers, returning freshly allocated outputs. */
  run(inputs: readonly TypedArray[]): TypedArray[];
  /** The program as plain data for another thread (`loadProgram`), or null when it holds functions. */
  describe(): ProgramDescription | null;
}

/**
 * Compile a jaxpr whose first binders are `consts` (concrete) and the rest the inputs.
 *
 * @example
 * ```ts
 * const { jaxpr, consts } = makeJaxpr(f)(x);
 * const prog = compileJaxpr(jaxpr, consts);
 * prog.run([x.data]);
 * ```
 */
export function compileJaxpr(jaxpr0: Jaxpr, consts0: Array[]): CompiledProgram {
  const t0 = performance.now();
  const desc = describeProgram(jaxpr0, consts0);
  return instantiateProgram(desc, performance.now() - t0);
}

/** A plain description of an aval (structured-cloneable). */
export interface AvalDescription {
  shape: number[];
  dtype: DType;
  weakType: boolean;
}

/** An opaque call inside a program: the primitive by name, its params, its operands. */
export interface OpDescription {
  prim: string;
  params: unknown;
  inAvals: AvalDescription[];
  /** Literal operands (data), or null for operands passed at run time. */
  lits: (TypedArray | null)[];
}

/**
 * A compiled program as plain data (source, constants, opaque calls), which another thread
 * can turn back into a runnable program with `loadProgram`.
 */
export interface ProgramDescription {
  source: string;
  consts: TypedArray[];
  ops: OpDescription[];
  scratch: [DType, number][];
  inAvals: AvalDescription[];
  outAvals: AvalDescription[];
}

const describeAval = (a: ShapedArray): AvalDescription => ({ shape: [...a.shape], dtype: a.dtype, weakType: a.weakType });

function describeProgram(jaxpr0: Jaxpr, consts0: Array[]): ProgramDescription {
  const [jaxpr1, consts1] = dedupeConsts(jaxpr0, consts0);
  const [jaxpr2, consts2] = foldConstants(commonSubexpressionElimination(simplifyAlgebra(jaxpr1)), consts1);
  const [jaxpr3, consts] = uniformConstants(jaxpr2, consts2);
  const jaxpr = deadCodeElimination(simplifyAlgebra(jaxpr3));
  const plan = planFusion(jaxpr);
  const gen = generate(jaxpr, plan, consts.length);
  const constData = consts.map((c) => {
    if (!(c instanceof ConcreteArray)) throw new Error("internal: compiling with a traced constant");
    return c.data;
  });
  const { decls: libDecls, body } = bindLibCalls(gen.source);
  const scratchDecl = [
    ...consts.map((_, i) => `const c${i} = env.consts[${i}];`),
    ...gen.scratch.map(([name], i) => `const ${name} = env.scratch[${i}];`),
    ...(libDecls === "" ? [] : [libDecls]),
  ].join("\n");
  return {
    source: `"use strict";\n${scratchDecl}\nreturn function run(ins, outs) {\n${body}\n};`,
    consts: constData,
    ops: gen.ops.map((e) => ({
      prim: e.prim.name,
      params: e.params,
      inAvals: e.inputs.map((a) => describeAval(a.aval)),
      lits: e.inputs.map((a) => (a instanceof Lit ? a.val.data : null)),
    })),
    scratch: gen.scratch.map(([, dtype, size]) => [dtype, size]),
    inAvals: jaxpr.inBinders.slice(consts.length).map((v) => describeAval(v.aval)),
    outAvals: jaxpr.outs.map((a) => describeAval(a.aval)),
  };
}

function instantiateProgram(desc: ProgramDescription, describeMs: number): CompiledProgram {
  const t0 = performance.now();
  const registry = registeredPrimitives();
  const ops = desc.ops.map((op) => {
    const prim = registry.get(op.prim);
    if (prim === undefined) throw new Error(`loadProgram: unknown primitive ${op.prim}`);
    const avals = op.inAvals.map((a) => new ShapedArray(a.shape, a.dtype, a.weakType));
    const lits = op.lits.map((d, i) => (d === null ? null : new ConcreteArray(d, avals[i].shape, avals[i].dtype, avals[i].weakType)));
    return (...bufs: TypedArray[]): TypedArray[] => {
      let k = 0;
      const args = avals.map((av, i) => lits[i] ?? ConcreteArray.fromAval(bufs[k++], av));
      return prim.impl(args, op.params).map((r) => r.data);
    };
  });
  const env = { consts: desc.consts, ops, lib: scalarLib, scratch: desc.scratch.map(([dtype, size]) => allocate(dtype, size)) };
  let runInto: (ins: readonly TypedArray[], outs: TypedArray[]) => void;
  try {
    runInto = new Function("env", "lib", desc.source)(env, scalarLib);
  } catch (err) {
    throw new Error(`internal: generated code does not compile: ${(err as Error).message}\n${desc.source}`);
  }
  const inAvals = desc.inAvals.map((a) => new ShapedArray(a.shape, a.dtype, a.weakType));
  const outAvals = desc.outAvals.map((a) => new ShapedArray(a.shape, a.dtype, a.weakType));
  const compileMs = describeMs + performance.now() - t0;
  return {
    inAvals,
    outAvals,
    source: desc.source,
    compileMs,
    runInto,
    run(inputs: readonly TypedArray[]): TypedArray[] {
      const outs = outAvals.map((a) => allocate(a.dtype, a.size));
      runInto(inputs, outs);
      return outs;
    },
    describe: () => (isCloneable(desc.ops.map((o) => o.params)) ? desc : null),
  };
}

// Structured-cloneable: plain data only (no functions or class instances in params).
function isCloneable(v: unknown): boolean {
  if (v === null || v === undefined || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "function") return false;
  if (ArrayBuffer.isView(v)) return true;
  if (globalThis.Array.isArray(v)) return v.every(isCloneable);
  if (typeof v === "object") {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(v as object).every(isCloneable);
  }
  return false;
}

/**
 * Rebuild a runnable program from its description (e.g. in a worker thread that imported
 * @orrery/core, so every primitive is registered).
 *
 * @example
 * ```ts
 * const desc = jit(f).lower(x).describe();   // in the main thread
 * const prog = loadProgram(desc!);            // in a worker
 * prog.runInto([input], [output]);
 * ```
 */
export function loadProgram(desc: ProgramDescription): CompiledProgram {
  return instantiateProgram(desc, 0);
}

// The same constant array captured several times becomes one input.
function dedupeConsts(jaxpr: Jaxpr, consts: Array[]): [Jaxpr, Array[]] {
  const first = new Map<Array, Var>();
  const subst = new Map<Var, Var>();
  const keptVars: Var[] = [];
  const kept: Array[] = [];
  consts.forEach((c, i) => {
    const v = jaxpr.inBinders[i];
    const prev = first.get(c);
    if (prev !== undefined) subst.set(v, prev);
    else {
      first.set(c, v);
      keptVars.push(v);
      kept.push(c);
    }
  });
  if (subst.size === 0) return [jaxpr, consts];
  const read = (a: Atom): Atom => (a instanceof Var ? (subst.get(a) ?? a) : a);
  return [
    new Jaxpr(
      [...keptVars, ...jaxpr.inBinders.slice(consts.length)],
      jaxpr.eqns.map((e) => ({ ...e, inputs: e.inputs.map(read) })),
      jaxpr.outs.map(read),
    ),
    kept,
  ];
}
