/**
 * Staging: trace a flat function on abstract inputs into a jaxpr. Operations that depend
 * only on known values (constants) are evaluated while tracing (constant folding).
 */
import { type Array } from "../core/array.js";
import { type ShapedArray } from "../core/aval.js";
import { Jaxpr, Var } from "./jaxpr.js";
import { PartialVal, partialEvalFlat } from "./partial-eval.js";

/** A staged program: its jaxpr takes [consts…, inputs…]. */
export interface Staged {
  readonly jaxpr: Jaxpr;
  readonly consts: Array[];
}

/** Trace `f` on inputs with the given avals. */
export function stageFlat(f: (...xs: Array[]) => Array[], avals: ShapedArray[]): Staged {
  const { jaxpr, consts, pvalsOut } = partialEvalFlat(f, avals.map((a) => PartialVal.unknown(a)));
  if (pvalsOut.every((p) => !p.isKnown)) return { jaxpr, consts };
  // Outputs that do not depend on the inputs were folded to values: make them constants.
  return { jaxpr: withConstOutputs(jaxpr, pvalsOut.map((p) => p.known), consts), consts };
}

// Rebuild the outputs list so that known outputs read new constant binders.
function withConstOutputs(jaxpr: Jaxpr, known: (Array | null)[], consts: Array[]): Jaxpr {
  const numConsts = consts.length;
  const constVars = jaxpr.inBinders.slice(0, numConsts);
  const inVars = jaxpr.inBinders.slice(numConsts);
  const extra: Var[] = [];
  let j = 0;
  const outs = known.map((k) => {
    if (k === null) return jaxpr.outs[j++];
    const v = new Var(k.aval);
    extra.push(v);
    consts.push(k);
    return v;
  });
  return new Jaxpr([...constVars, ...extra, ...inVars], jaxpr.eqns, outs);
}
