/**
 * Flattening the pytree arguments and results of transformed functions.
 */
import { Array } from "../core/array.js";
import { defaultFloatDtype } from "../core/dtype.js";
import { type TreeDef, flatten, unflatten } from "../tree/tree.js";
import { array, asArray } from "../np/core.js";
import { convertElementType } from "../primitives/binary.js";

/** Leaves of a pytree as arrays; with `numbersAsFloat`, JS numbers become weak floats (for differentiation). */
export function leavesAsArrays(leaves: unknown[], where: string, numbersAsFloat: boolean): Array[] {
  return leaves.map((l, i) => {
    if (l instanceof Array) return l;
    if (typeof l === "number") {
      if (!numbersAsFloat) return asArray(l);
      // A JS number being differentiated is a weakly typed float, not an int.
      return convertElementType(array(l), defaultFloatDtype(), true);
    }
    if (typeof l === "boolean") return asArray(l);
    throw new TypeError(`${where}: leaf ${i} of the arguments is ${describe(l)}, not an array or number`);
  });
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return `an object of class ${(x as object).constructor?.name ?? "?"}`;
  return `a ${typeof x}`;
}

/** Wrap a pytree function as a flat one; the output structure is recorded in `store.outDef`. */
export function flattenFun(
  f: (...args: any[]) => unknown,
  inDef: TreeDef,
  where: string,
  store: { outDef?: TreeDef },
): (...xs: Array[]) => Array[] {
  return (...xs: Array[]) => {
    const args = unflatten<unknown[]>(inDef, xs);
    const out = f(...args);
    const [leaves, def] = flatten(out);
    store.outDef = def;
    return leavesAsArrays(leaves, `${where} (output)`, false);
  };
}

/** Flatten positional arguments into arrays and the structure of the argument list. */
export function flattenArgs(args: unknown[], where: string, numbersAsFloat: boolean): [Array[], TreeDef] {
  const [leaves, def] = flatten(args);
  return [leavesAsArrays(leaves, where, numbersAsFloat), def];
}
