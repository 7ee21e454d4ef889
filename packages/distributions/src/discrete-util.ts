/**
 * Helpers shared by the discrete families (internal; not part of the public surface).
 */
import { type Array, np, special } from "@orrery/core";
import { type ArrayLike } from "./util.js";

/** Parameters given as probabilities or as logits. */
export type ProbsOrLogits = { probs: ArrayLike; logits?: undefined } | { logits: ArrayLike; probs?: undefined };

/** Whether a constructor argument is `{ probs }` or `{ logits }` (not an array). */
export const isParamObject = (x: unknown): x is ProbsOrLogits =>
  x !== null && typeof x === "object" && !(x instanceof np.asArray(0).constructor) && !globalThis.Array.isArray(x) && ("probs" in (x as object) || "logits" in (x as object)) && !("aval" in (x as object));

/**
 * Build from whichever parameterisation the user gave: a bare array or `{ probs }` goes to
 * `fromProbs`, `{ logits }` to `fromLogits` (NumPyro's `probs=` / `logits=`).
 */
export function byProbsOrLogits<T>(params: ArrayLike | ProbsOrLogits, fromProbs: (p: ArrayLike) => T, fromLogits: (l: ArrayLike) => T): T {
  if (!isParamObject(params)) return fromProbs(params);
  return params.logits !== undefined ? fromLogits(params.logits) : fromProbs(params.probs!);
}

/** log of the binomial coefficient n choose k. */
export const lchoose = (n: Array, k: Array): Array => special.gammaln(n.add(1)).sub(special.gammaln(k.add(1))).sub(special.gammaln(n.sub(k).add(1)));
/** Draws as int32. */
export const toInt = (x: Array): Array => x.astype("int32");
