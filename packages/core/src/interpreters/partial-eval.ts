/**
 * Partial evaluation: run a function on partly known inputs, computing what is known now
 * and recording the rest as a jaxpr. Linearisation (and so reverse mode) is JVP followed by
 * partial evaluation with known primals and unknown tangents.
 */
import { type Array } from "../core/array.js";
import { type ShapedArray } from "../core/aval.js";
import { type Primitive } from "../core/primitive.js";
import { MainTrace, Trace, Tracer, bind, fullLower, fullRaise, newMain } from "../core/trace.js";
import { type Atom, Jaxpr, type JaxprEqn, Lit, Var } from "./jaxpr.js";
import { ConcreteArray } from "../core/array.js";

/** A value that is either known now or only known by its aval. */
export class PartialVal {
  private constructor(
    readonly known: Array | null,
    readonly aval: ShapedArray,
  ) {}
  static known(x: Array): PartialVal {
    return new PartialVal(x, x.aval);
  }
  static unknown(aval: ShapedArray): PartialVal {
    return new PartialVal(null, aval);
  }
  get isKnown(): boolean {
    return this.known !== null;
  }
}

interface EqnRecipe {
  readonly prim: Primitive<any>;
  readonly inputs: PETracer[];
  readonly params: any;
  outs: PETracer[];
}

type Recipe = { kind: "lambda" } | { kind: "const"; val: Array } | { kind: "eqn"; eqn: EqnRecipe };

/** A value under partial evaluation. */
export class PETracer extends Tracer {
  constructor(
    readonly _trace: Trace,
    readonly pval: PartialVal,
    readonly recipe: Recipe | null,
  ) {
    super();
  }
  get aval(): ShapedArray {
    return this.pval.aval;
  }
  override fullLower(): Array {
    return this.pval.known !== null ? fullLower(this.pval.known) : this;
  }
}

/** The partial-evaluation interpreter. */
export class PETrace extends Trace {
  pure(x: Array): Tracer {
    return new PETracer(this, PartialVal.known(x), null);
  }

  newArg(pval: PartialVal): PETracer {
    return new PETracer(this, pval, { kind: "lambda" });
  }

  instantiateConst(t: PETracer): PETracer {
    if (t.pval.known === null) return t;
    return new PETracer(this, PartialVal.unknown(t.aval), { kind: "const", val: t.pval.known });
  }

  processPrimitive(prim: Primitive<any>, tracers: Tracer[], params: any): Array[] {
    const ts = tracers as PETracer[];
    if (ts.every((t) => t.pval.known !== null)) {
      return bind(prim, ts.map((t) => t.pval.known as Array), params);
    }
    if (prim.partialEval !== undefined && !(this instanceof StagingTrace && !prim.inlineWhenStaging)) {
      const res = prim.partialEval(ts, ts.map((t) => t.pval.known), params);
      if (res !== null) return res;
    }
    const inputs = ts.map((t) => this.instantiateConst(t));
    const avalsOut = prim.abstractEval(inputs.map((t) => t.aval), params);
    const eqn: EqnRecipe = { prim, inputs, params, outs: [] };
    eqn.outs = avalsOut.map((a) => new PETracer(this, PartialVal.unknown(a), { kind: "eqn", eqn }));
    return eqn.outs;
  }
}

/** The result of partial evaluation: the unknown part as a jaxpr over [consts, unknown inputs]. */
export interface PartialEvalResult {
  readonly jaxpr: Jaxpr;
  readonly consts: Array[];
  readonly pvalsOut: PartialVal[];
}

/** Partially evaluate `f` on flat partial values. */
export function partialEvalFlat(f: (...xs: Array[]) => Array[], pvalsIn: PartialVal[], instantiate?: boolean[]): PartialEvalResult {
  return newMain(PETrace, null, (main: MainTrace) => {
    const trace = new PETrace(main);
    const tracersIn = pvalsIn.map((p) => trace.newArg(p));
    const outs = f(...tracersIn);
    // Outputs listed in `instantiate` are staged even when known (as constants).
    const tracersOut = outs.map((o, i) => {
      const t = fullRaise(trace, o) as PETracer;
      return instantiate?.[i] ? trace.instantiateConst(t) : t;
    });
    const unkIn = tracersIn.filter((t) => !t.pval.isKnown);
    const unkOut = tracersOut.filter((t) => !t.pval.isKnown);
    const { jaxpr, consts } = tracersToJaxpr(unkIn, unkOut);
    return { jaxpr, consts, pvalsOut: tracersOut.map((t) => t.pval) };
  });
}

/** Build a jaxpr from the recipes reachable from `outs`; constants become leading binders. */
export function tracersToJaxpr(ins: PETracer[], outs: PETracer[]): { jaxpr: Jaxpr; consts: Array[] } {
  const vars = new Map<PETracer, Var>();
  const constVars: Var[] = [];
  const consts: Array[] = [];
  const eqns: JaxprEqn[] = [];
  const done = new Set<EqnRecipe>();
  for (const t of ins) vars.set(t, new Var(t.aval));

  const atomOf = (t: PETracer): Atom => {
    const v = vars.get(t);
    if (v === undefined) throw new Error("internal: tracer without a variable");
    return v;
  };
  // Iterative post-order DFS over equations, so long programs don't overflow the stack.
  const visit = (root: PETracer): void => {
    const stack: [PETracer, boolean][] = [[root, false]];
    while (stack.length > 0) {
      const [t, expanded] = stack.pop()!;
      if (vars.has(t) && !expanded) continue;
      const r = t.recipe;
      if (r === null || r.kind === "lambda") {
        if (!vars.has(t)) {
          throw new Error(
            "A traced value from an outer scope was used as an input it was not declared as (leaked tracer during differentiation).",
          );
        }
        continue;
      }
      if (r.kind === "const") {
        if (!vars.has(t)) {
          const v = new Var(t.aval);
          vars.set(t, v);
          constVars.push(v);
          consts.push(r.val);
        }
        continue;
      }
      const eqn = r.eqn;
      if (done.has(eqn)) continue;
      if (!expanded) {
        stack.push([t, true]);
        for (let i = eqn.inputs.length - 1; i >= 0; i--) {
          const inp = eqn.inputs[i];
          if (!vars.has(inp)) stack.push([inp, false]);
        }
        continue;
      }
      done.add(eqn);
      const outBinders = eqn.outs.map((o) => {
        const v = new Var(o.aval);
        vars.set(o, v);
        return v;
      });
      eqns.push({ prim: eqn.prim, inputs: eqn.inputs.map(atomOf), params: eqn.params, outBinders });
    }
  };
  for (const t of outs) visit(t);
  const inBinders = [...constVars, ...ins.map((t) => vars.get(t)!)];
  const jaxpr = new Jaxpr(inBinders, eqns, outs.map(atomOf));
  return { jaxpr: inlineScalarLiterals(jaxpr, consts), consts };
}

// Scalar concrete constants print and compile better as literals.
function inlineScalarLiterals(jaxpr: Jaxpr, consts: Array[]): Jaxpr {
  const nConsts = consts.length;
  const lits = new Map<Var, Lit>();
  const keepBinders: Var[] = [];
  const keepConsts: Array[] = [];
  jaxpr.inBinders.forEach((v, i) => {
    const c = i < nConsts ? consts[i] : null;
    if (c instanceof ConcreteArray && c.ndim === 0) lits.set(v, new Lit(c));
    else {
      keepBinders.push(v);
      if (c !== null) keepConsts.push(c);
    }
  });
  if (lits.size === 0) return jaxpr;
  const sub = (a: Atom): Atom => (a instanceof Var ? (lits.get(a) ?? a) : a);
  consts.length = 0;
  consts.push(...keepConsts);
  return new Jaxpr(
    keepBinders,
    jaxpr.eqns.map((e) => ({ ...e, inputs: e.inputs.map(sub) })),
    jaxpr.outs.map(sub),
  );
}

/**
 * The staging interpreter (as JAX's omnistaging): every operation is recorded, including
 * operations on constants, which enter the jaxpr as constant inputs. Used by `jit` and
 * `makeJaxpr`, so that no constant is expanded (e.g. broadcast to a batch) at trace time.
 */
export class StagingTrace extends PETrace {
  override pure(x: Array): Tracer {
    return new PETracer(this, PartialVal.unknown(x.aval), { kind: "const", val: x });
  }

  // Scalar results of concrete constants are computed now (constant folding of the kind
  // JAX applies to Python scalars); everything else is staged.
  override processPrimitive(prim: Primitive<any>, tracers: Tracer[], params: any): Array[] {
    const ts = tracers as PETracer[];
    const consts = ts.map((t) => (t.recipe?.kind === "const" && t.recipe.val instanceof ConcreteArray ? t.recipe.val : null));
    if (consts.every((c) => c !== null && c.size <= 1) && !prim.inlineWhenStaging) {
      const avals = prim.abstractEval(ts.map((t) => t.aval), params);
      if (avals.every((a) => a.size <= 1)) {
        return prim.impl(consts as ConcreteArray[], params).map((o) => this.pure(o));
      }
    }
    return super.processPrimitive(prim, tracers, params);
  }
}

/** Stage `f` on abstract inputs; the dynamic trace sends every primitive here. */
export function stageAllFlat(f: (...xs: Array[]) => Array[], avals: ShapedArray[]): { jaxpr: Jaxpr; consts: Array[] } {
  return newMain(
    StagingTrace,
    null,
    (main: MainTrace) => {
      const trace = new StagingTrace(main);
      const tracersIn = avals.map((a) => trace.newArg(PartialVal.unknown(a)));
      const outs = f(...tracersIn);
      const tracersOut = outs.map((o) => fullRaise(trace, o) as PETracer);
      return tracersToJaxpr(tracersIn, tracersOut.map((t) => trace.instantiateConst(t)));
    },
    true,
  );
}
