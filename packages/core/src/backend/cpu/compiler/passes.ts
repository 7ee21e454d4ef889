/**
 * Jaxpr clean-up passes before code generation: dead-code elimination, common subexpression
 * elimination, exact algebraic simplification and constant folding. Every rewrite gives
 * bitwise the same results as evaluating the original equations one by one.
 */
import { type Array, ConcreteArray } from "../../../core/array.js";
import { registeredPrimitives } from "../../../core/primitive.js";
import { isFloat as isFloatDtype } from "../../../core/dtype.js";
import { type Atom, Jaxpr, type JaxprEqn, Lit, Var } from "../../../interpreters/jaxpr.js";
import { eqnKind } from "./plan.js";

/** Remove equations whose outputs are never used. */
export function deadCodeElimination(jaxpr: Jaxpr): Jaxpr {
  const live = new Set<Var>();
  for (const a of jaxpr.outs) if (a instanceof Var) live.add(a);
  const kept: JaxprEqn[] = [];
  for (let i = jaxpr.eqns.length - 1; i >= 0; i--) {
    const e = jaxpr.eqns[i];
    if (!e.outBinders.some((v) => live.has(v))) continue;
    kept.push(e);
    for (const a of e.inputs) if (a instanceof Var) live.add(a);
  }
  kept.reverse();
  return new Jaxpr(jaxpr.inBinders, kept, jaxpr.outs);
}

function paramsKey(params: unknown): string | null {
  try {
    let bad = false;
    const s = JSON.stringify(params, (_k, v) => {
      if (typeof v === "function" || (typeof v === "object" && v !== null && !globalThis.Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype)) {
        bad = true;
      }
      return v;
    });
    return bad ? null : (s ?? "null");
  } catch {
    return null;
  }
}

/** Primitives whose two operands commute exactly in IEEE arithmetic (operand order is canonicalised for CSE). */
const COMMUTATIVE = new Set(["add", "mul", "add_any"]);

/** Replace equations that repeat an earlier one (same primitive, params and inputs; `a·b` and `b·a` are the same). */
export function commonSubexpressionElimination(jaxpr: Jaxpr): Jaxpr {
  const ids = new Map<Var, string>();
  let next = 0;
  const idOf = (a: Atom): string => {
    if (a instanceof Lit) return `L${a.val.dtype}:${a.val.data[0]}`;
    let s = ids.get(a);
    if (s === undefined) {
      s = `v${next++}`;
      ids.set(a, s);
    }
    return s;
  };
  const subst = new Map<Var, Var>();
  const read = (a: Atom): Atom => (a instanceof Var ? (subst.get(a) ?? a) : a);
  const seen = new Map<string, JaxprEqn>();
  const eqns: JaxprEqn[] = [];
  for (const e0 of jaxpr.eqns) {
    const e = { ...e0, inputs: e0.inputs.map(read) };
    const pk = paramsKey(e.params);
    if (pk !== null) {
      const ins = e.inputs.map(idOf);
      if (ins.length === 2 && COMMUTATIVE.has(e.prim.name) && ins[0] > ins[1]) ins.reverse();
      const key = `${e.prim.name}|${pk}|${ins.join(",")}`;
      const prev = seen.get(key);
      if (prev !== undefined) {
        e.outBinders.forEach((v, i) => subst.set(v, prev.outBinders[i]));
        continue;
      }
      seen.set(key, e);
    }
    eqns.push(e);
  }
  return new Jaxpr(jaxpr.inBinders, eqns, jaxpr.outs.map(read));
}

/**
 * Constant folding: equations whose inputs are all constants or literals are evaluated once,
 * now, and their outputs become constants — unless an output is larger than the largest
 * input (a broadcast would trade a loop for memory). The jaxpr's first `consts.length`
 * binders are the constants.
 */
export function foldConstants(jaxpr: Jaxpr, consts: Array[]): [Jaxpr, Array[]] {
  const known = new Map<Var, ConcreteArray>();
  jaxpr.inBinders.slice(0, consts.length).forEach((v, i) => {
    const c = consts[i];
    if (c instanceof ConcreteArray) known.set(v, c);
  });
  const valueOf = (a: Atom): ConcreteArray | undefined => (a instanceof Lit ? a.val : known.get(a));
  const eqns: JaxprEqn[] = [];
  const folded: [Var, ConcreteArray][] = [];
  for (const e of jaxpr.eqns) {
    const vals = e.inputs.map(valueOf);
    const maxIn = Math.max(1, ...e.inputs.map((a) => a.aval.size));
    const foldable = vals.every((v) => v !== undefined) && e.outBinders.every((v) => v.aval.size <= maxIn) && e.prim.partialEval === undefined;
    if (!foldable) {
      eqns.push(e);
      continue;
    }
    const outs = e.prim.impl(vals as ConcreteArray[], e.params);
    e.outBinders.forEach((v, i) => {
      known.set(v, outs[i]);
      folded.push([v, outs[i]]);
    });
  }
  if (folded.length === 0) return [jaxpr, consts];
  // Folded scalars become literals; larger values new constants.
  const lits = new Map<Var, Lit>();
  const newConstVars: Var[] = [];
  const newConsts: Array[] = [];
  for (const [v, c] of folded) {
    if (c.ndim === 0) lits.set(v, new Lit(c));
    else {
      newConstVars.push(v);
      newConsts.push(c);
    }
  }
  const sub = (a: Atom): Atom => (a instanceof Var ? (lits.get(a) ?? a) : a);
  const rebuilt = new Jaxpr(
    [...jaxpr.inBinders.slice(0, consts.length), ...newConstVars, ...jaxpr.inBinders.slice(consts.length)],
    eqns.map((e) => ({ ...e, inputs: e.inputs.map(sub) })),
    jaxpr.outs.map(sub),
  );
  return [rebuilt, [...consts, ...newConsts]];
}

/** Whether every element of `data` is the same value (NaN equal to NaN, −0 distinct from +0). */
function isUniform(data: ArrayLike<number>): boolean {
  const first = data[0];
  for (let i = 1; i < data.length; i++) if (!Object.is(data[i], first)) return false;
  return true;
}

/**
 * Constants whose elements are all equal (the zeros and fills that derivative rules build, folded
 * broadcasts) become broadcasts of a scalar literal: the code generator then writes the value
 * into the loops as a literal instead of reading a buffer of copies, and the simplifications see
 * it. Same values, so bit-for-bit the same results.
 */
export function uniformConstants(jaxpr: Jaxpr, consts: Array[]): [Jaxpr, Array[]] {
  const broadcast = registeredPrimitives().get("broadcast_in_dim")!;
  // A constant read whole (by an opaque call, an alias, or as an output) keeps its buffer: as a
  // broadcast it would be filled again on every call.
  const readWhole = new Set<Atom>(jaxpr.outs);
  for (const e of jaxpr.eqns) {
    const kind = eqnKind(e);
    if (kind === "opaque" || kind === "alias") for (const a of e.inputs) readWhole.add(a);
  }
  const keptVars: Var[] = [];
  const kept: Array[] = [];
  const eqns: JaxprEqn[] = [];
  consts.forEach((c, i) => {
    const v = jaxpr.inBinders[i];
    if (c instanceof ConcreteArray && c.size > 1 && !readWhole.has(v) && isUniform(c.data)) {
      const scalar = new Lit(new ConcreteArray(c.data.slice(0, 1), [], c.dtype, c.weakType));
      eqns.push({ prim: broadcast, inputs: [scalar], params: { shape: [...c.shape], broadcastDimensions: [] }, outBinders: [v] });
    } else {
      keptVars.push(v);
      kept.push(c);
    }
  });
  if (eqns.length === 0) return [jaxpr, consts];
  return [new Jaxpr([...keptVars, ...jaxpr.inBinders.slice(consts.length)], [...eqns, ...jaxpr.eqns], jaxpr.outs), kept];
}

/**
 * Exact algebraic identities: `x − 0`, `x / 1`, `x · 1`, `1 · x` and `−(−x)` become `x` when
 * the result has `x`'s shape and dtype (0 and 1 as literals or broadcasts of literals). (`x + 0` is kept: it turns −0 into +0.)
 * A float `1 / x` becomes `integer_pow(x, −1)`, the same single division, so that reciprocals
 * written either way are one value for common-subexpression elimination.
 */
export function simplifyAlgebra(jaxpr: Jaxpr): Jaxpr {
  const integerPow = registeredPrimitives().get("integer_pow")!;
  let rewritten = false;
  const subst = new Map<Var, Atom>();
  const read = (a: Atom): Atom => (a instanceof Var ? (subst.get(a) ?? a) : a);
  const producer = new Map<Var, JaxprEqn>();
  const eqns: JaxprEqn[] = [];
  // The value of a literal, or of a broadcast of one.
  const litValue = (a: Atom): number | undefined => {
    if (a instanceof Var) {
      const p = producer.get(a);
      return p?.prim.name === "broadcast_in_dim" ? litValue(p.inputs[0]) : undefined;
    }
    return a.val.size === 1 ? Number(a.val.data[0]) : undefined;
  };
  const sameAs = (x: Atom, out: Var): boolean => x.aval.dtype === out.aval.dtype && x.aval.shape.length === out.aval.shape.length && x.aval.shape.every((d, i) => d === out.aval.shape[i]);
  for (const e0 of jaxpr.eqns) {
    const e = { ...e0, inputs: e0.inputs.map(read) };
    const out = e.outBinders[0];
    let same: Atom | undefined;
    const [x, y] = e.inputs;
    switch (e.prim.name) {
      case "sub":
        if (Object.is(litValue(y), 0)) same = x;
        break;
      case "div":
        if (litValue(y) === 1) same = x;
        else if (litValue(x) === 1 && isFloatDtype(out.aval.dtype) && sameAs(y, out)) {
          // 1/y is integer_pow(y, −1) operation for operation (one rounded division): one form,
          // so common-subexpression elimination finds the reciprocals that derivative rules
          // write both ways (log's 1/x, a reciprocal's −(1/x)²).
          const e1: JaxprEqn = { prim: integerPow, inputs: [y], params: { y: -1 }, outBinders: e.outBinders };
          e1.outBinders.forEach((v) => producer.set(v, e1));
          eqns.push(e1);
          rewritten = true;
          continue;
        }
        break;
      case "mul":
        if (litValue(y) === 1) same = x;
        else if (litValue(x) === 1) same = y;
        break;
      case "neg":
        if (x instanceof Var && producer.get(x)?.prim.name === "neg") same = producer.get(x)!.inputs[0];
        break;
    }
    if (same !== undefined && e.outBinders.length === 1 && sameAs(same, out)) {
      subst.set(out, same);
      continue;
    }
    e.outBinders.forEach((v) => producer.set(v, e));
    eqns.push(e);
  }
  if (subst.size === 0 && !rewritten) return jaxpr;
  return new Jaxpr(jaxpr.inBinders, eqns, jaxpr.outs.map(read));
}
