/**
 * The CPU compiler: a jaxpr becomes a JavaScript function over typed arrays, with
 * elementwise chains and reductions fused into loops and scratch buffers allocated once.
 */
import { type Array, ConcreteArray } from "../../../core/array.js";
import { type ShapedArray } from "../../../core/aval.js";
import { type TypedArray, allocate } from "../../../core/dtype.js";
import { type Atom, Jaxpr, Lit, Var } from "../../../interpreters/jaxpr.js";
import { scalarLib } from "../scalar-lib.js";
import { generate } from "./codegen.js";
import { commonSubexpressionElimination, deadCodeElimination } from "./passes.js";
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
  const [jaxpr1, consts] = dedupeConsts(jaxpr0, consts0);
  const jaxpr = deadCodeElimination(commonSubexpressionElimination(jaxpr1));
  const plan = planFusion(jaxpr);
  const gen = generate(jaxpr, plan, consts.length);
  const constData = consts.map((c) => {
    if (!(c instanceof ConcreteArray)) throw new Error("internal: compiling with a traced constant");
    return c.data;
  });
  const ops = gen.ops.map((e) => {
    const inAvals = e.inputs.map((a) => a.aval);
    const lits = e.inputs.map((a) => (a instanceof Lit ? a.val : null));
    return (...bufs: TypedArray[]): TypedArray[] => {
      let k = 0;
      const args = inAvals.map((av, i) => lits[i] ?? new ConcreteArray(bufs[k++], av.shape, av.dtype, av.weakType));
      return e.prim.impl(args, e.params).map((r) => r.data);
    };
  });
  const scratchDecl = [
    ...consts.map((_, i) => `const c${i} = env.consts[${i}];`),
    ...gen.scratch.map(([name], i) => `const ${name} = env.scratch[${i}];`),
  ].join("\n");
  const source = `"use strict";\n${scratchDecl}\nreturn function run(ins, outs) {\n${gen.source}\n};`;
  const env = {
    consts: constData,
    ops,
    lib: scalarLib,
    scratch: gen.scratch.map(([, dtype, size]) => allocate(dtype, size)),
  };
  let runInto: (ins: readonly TypedArray[], outs: TypedArray[]) => void;
  try {
    runInto = new Function("env", "lib", source)(env, scalarLib);
  } catch (err) {
    throw new Error(`internal: generated code does not compile: ${(err as Error).message}\n${source}`);
  }
  const inAvals = jaxpr.inBinders.slice(consts.length).map((v) => v.aval);
  const outAvals = jaxpr.outs.map((a) => a.aval);
  const compileMs = performance.now() - t0;
  return {
    inAvals,
    outAvals,
    source,
    compileMs,
    runInto,
    run(inputs: readonly TypedArray[]): TypedArray[] {
      const outs = outAvals.map((a) => allocate(a.dtype, a.size));
      runInto(inputs, outs);
      return outs;
    },
  };
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
