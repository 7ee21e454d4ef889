/**
 * Jaxprs: the staged, first-order program form that partial evaluation, transposition
 * and `jit` work on, with an evaluator and a readable printer.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { type ShapedArray } from "../core/aval.js";
import { type Primitive } from "../core/primitive.js";
import { bind } from "../core/trace.js";

let varCount = 0;

/** A variable of a jaxpr. */
export class Var {
  readonly id = varCount++;
  constructor(readonly aval: ShapedArray) {}
}

/** A literal (a concrete scalar) used directly as an equation input. */
export class Lit {
  constructor(readonly val: ConcreteArray) {}
  get aval(): ShapedArray {
    return this.val.aval;
  }
}

/** An equation input. */
export type Atom = Var | Lit;

/** One primitive application. */
export interface JaxprEqn {
  readonly prim: Primitive<any>;
  readonly inputs: Atom[];
  readonly params: any;
  readonly outBinders: Var[];
}

/** A closed-over program: inputs, equations and outputs. */
export class Jaxpr {
  constructor(
    readonly inBinders: Var[],
    readonly eqns: JaxprEqn[],
    readonly outs: Atom[],
  ) {}

  /** The program in JAX's printed form: `{ lambda ; a:f64[3]. let b:f64[3] = sin a in (b) }`. */
  toString(): string {
    return printJaxpr(this);
  }
}

/** A jaxpr with the values of its leading constant binders. */
export interface ClosedJaxpr {
  readonly jaxpr: Jaxpr;
  readonly consts: Array[];
}

function varName(n: number): string {
  let s = "";
  n += 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(97 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function formatParams(prim: Primitive<any>, params: any): string {
  if (prim.formatParams) return prim.formatParams(params);
  if (params === null || params === undefined) return "";
  const entries = Object.entries(params).filter(([, v]) => typeof v !== "function");
  if (entries.length === 0) return "";
  return "[" + entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ") + "]";
}

/** Print a jaxpr, numbering variables a, b, c, … */
export function printJaxpr(jaxpr: Jaxpr, numConsts = 0): string {
  const names = new Map<Var, string>();
  const name = (v: Var): string => {
    let s = names.get(v);
    if (s === undefined) {
      s = varName(names.size);
      names.set(v, s);
    }
    return s;
  };
  const atom = (a: Atom): string => (a instanceof Lit ? fmtLit(a.val) : name(a));
  const decl = (v: Var): string => `${name(v)}:${v.aval.toString()}`;
  const consts = jaxpr.inBinders.slice(0, numConsts).map(decl).join(" ");
  const ins = jaxpr.inBinders.slice(numConsts).map(decl).join(" ");
  const lines = jaxpr.eqns.map((e) => {
    const lhs = e.outBinders.map(decl).join(" ");
    const p = formatParams(e.prim, e.params);
    return `    ${lhs} = ${e.prim.name}${p} ${e.inputs.map(atom).join(" ")}`;
  });
  const outs = jaxpr.outs.map(atom).join(", ");
  return `{ lambda ${consts}; ${ins}. let\n${lines.join("\n")}\n  in (${outs}) }`;
}

function fmtLit(v: ConcreteArray): string {
  const x = v.data[0];
  if (v.dtype === "bool") return x ? "True" : "False";
  return Number.isInteger(x) && v.dtype.startsWith("float") ? `${x}.0` : String(x);
}

/** Evaluate a jaxpr on arguments (binding each equation, so it works under any transformation). */
export function evalJaxpr(jaxpr: Jaxpr, args: Array[]): Array[] {
  const env = new Map<Var, Array>();
  const read = (a: Atom): Array => {
    if (a instanceof Lit) return a.val;
    const v = env.get(a);
    if (v === undefined) throw new Error("internal: unbound variable in jaxpr");
    return v;
  };
  if (args.length !== jaxpr.inBinders.length) {
    throw new Error(`internal: jaxpr takes ${jaxpr.inBinders.length} arguments, got ${args.length}`);
  }
  jaxpr.inBinders.forEach((v, i) => env.set(v, args[i]));
  for (const eqn of jaxpr.eqns) {
    const outs = bind(eqn.prim, eqn.inputs.map(read), eqn.params);
    eqn.outBinders.forEach((v, i) => env.set(v, outs[i]));
  }
  return jaxpr.outs.map(read);
}
