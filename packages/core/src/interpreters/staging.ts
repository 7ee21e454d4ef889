/**
 * Staging: trace a flat function on abstract inputs into a jaxpr (every operation recorded,
 * constants as leading inputs).
 */
import { type Array } from "../core/array.js";
import { type ShapedArray } from "../core/aval.js";
import { type Jaxpr } from "./jaxpr.js";
import { stageAllFlat } from "./partial-eval.js";

/** A staged program: its jaxpr takes [consts…, inputs…]. */
export interface Staged {
  readonly jaxpr: Jaxpr;
  readonly consts: Array[];
}

/** Trace `f` on inputs with the given avals. */
export function stageFlat(f: (...xs: Array[]) => Array[], avals: ShapedArray[]): Staged {
  return stageAllFlat(f, avals);
}
