/**
 * `makeJaxpr`: the staged program of a function, for reading and debugging.
 */
import { type Array } from "../core/array.js";
import { type TreeDef, flatten } from "../tree/tree.js";
import { type ClosedJaxpr, printJaxpr } from "../interpreters/jaxpr.js";
import { stageFlat } from "../interpreters/staging.js";
import { flattenFun, leavesAsArrays } from "./flatten-args.js";

/** A staged program with its constants; `toString()` prints it as JAX does. */
export interface StagedJaxpr extends ClosedJaxpr {
  toString(): string;
}

/**
 * Trace `f` on the shapes and dtypes of example arguments and return the jaxpr.
 *
 * @example
 * ```ts
 * console.log(String(makeJaxpr((x) => np.sin(x).mul(2))(np.zeros([3]))));
 * // { lambda ; a:f64[3]. let b:f64[3] = sin a; c:f64[3] = mul b 2.0 in (c) }
 * ```
 */
export function makeJaxpr(f: (...args: any[]) => any): (...args: unknown[]) => StagedJaxpr {
  return (...args: unknown[]) => {
    const [leaves, inDef] = flatten(args);
    const xs = leavesAsArrays(leaves, "makeJaxpr", false);
    const store: { outDef?: TreeDef } = {};
    const flatF = flattenFun(f, inDef, "makeJaxpr", store);
    const { jaxpr, consts } = stageFlat(flatF, xs.map((x: Array) => x.aval));
    return { jaxpr, consts, toString: () => printJaxpr(jaxpr, consts.length) };
  };
}
