/**
 * `vmap`: vectorise a function over an axis of its arguments.
 */
import { type Array } from "../core/array.js";
import { type BDim } from "../core/primitive.js";
import { fmtShape } from "../core/shape.js";
import { type TreeDef, broadcastPrefix, flatten, unflatten } from "../tree/tree.js";
import { vmapFlat } from "../interpreters/batching.js";
import { leavesAsArrays } from "./flatten-args.js";

/** Options of `vmap`. */
export interface VmapOptions {
  /**
   * Which axis of each argument to map over: a number for all, `null` for an argument that
   * is not mapped, or a list/object prefix of the argument tree (default 0).
   */
  inAxes?: unknown;
  /** Where the mapped axis goes in each output (same prefix rules; default 0). */
  outAxes?: unknown;
  /** The batch size, required only when no argument is mapped. */
  axisSize?: number;
}

/**
 * Vectorise `f` over an axis of its arguments: `vmap(f)(xs)` is `f` applied to each slice
 * `xs[i]`, stacked, but computed in one batched pass. Nests and composes with `grad` and `jit`.
 *
 * @example
 * ```ts
 * const dot = (a, b) => np.sum(a.mul(b));
 * vmap(dot)(np.ones([5, 3]), np.ones([5, 3])).shape;               // [5]
 * vmap(dot, { inAxes: [0, null] })(np.ones([5, 3]), np.ones([3])); // one b for all rows
 * vmap(grad(f))(betas);                                            // per-element gradients
 * ```
 */
export function vmap(f: (...args: any[]) => any, options: VmapOptions = {}): (...args: any[]) => any {
  const inAxes = options.inAxes === undefined ? 0 : options.inAxes;
  const outAxes = options.outAxes === undefined ? 0 : options.outAxes;
  return (...args: unknown[]) => {
    const prefix = typeof inAxes === "number" || inAxes === null ? inAxes : inAxes;
    const [rawLeaves, inDef] = flatten(args);
    const axes = broadcastPrefix<number | null>(
      globalThis.Array.isArray(prefix) && prefix.length !== args.length ? [prefix] : prefix,
      args,
      "vmap inAxes",
    );
    const leaves = leavesAsArrays(rawLeaves, "vmap", false);
    let size: number | undefined = options.axisSize;
    const dims: BDim[] = leaves.map((x, i) => {
      const a = axes[i];
      if (a === null || a === undefined) return null;
      if (!Number.isInteger(a) || a < -x.ndim || a >= x.ndim) {
        throw new Error(`vmap: inAxes ${a} is out of bounds for argument leaf ${i} of shape ${fmtShape(x.shape)}`);
      }
      return a < 0 ? a + x.ndim : a;
    });
    const sizes = leaves.map((x, i) => (dims[i] === null ? null : x.shape[dims[i]!]));
    for (const s of sizes) {
      if (s === null) continue;
      if (size === undefined) size = s;
      else if (s !== size) {
        const detail = leaves
          .map((x, i) => (dims[i] === null ? null : `leaf ${i}: shape ${fmtShape(x.shape)} axis ${dims[i]} → ${sizes[i]}`))
          .filter((d) => d !== null)
          .join("; ");
        throw new Error(`vmap: mapped axes have different sizes (${detail})`);
      }
    }
    if (size === undefined) throw new Error("vmap: no argument is mapped (all inAxes are null); pass axisSize");
    let outDef: TreeDef | undefined;
    let outAxesFlat: (number | null)[] = [];
    const flatF = (...xs: Array[]): Array[] => {
      const out = f(...unflatten<unknown[]>(inDef, xs));
      const [l, d] = flatten(out);
      outDef = d;
      outAxesFlat = broadcastPrefix<number | null>(outAxes, out, "vmap outAxes");
      return leavesAsArrays(l, "vmap (output)", false);
    };
    const outs = vmapFlat(flatF, size, dims, (i) => outAxesFlat[i] ?? null, leaves);
    return unflatten(outDef!, outs);
  };
}
