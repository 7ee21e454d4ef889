/**
 * NumPy sorting and searching: sort, argsort, lexsort, searchsorted, unique.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { allocate } from "../core/dtype.js";
import { fmtShape, normalizeAxis, range } from "../core/shape.js";
import { and, convertElementType, lt, ne, or, xor } from "../primitives/binary.js";
import { scalar } from "../primitives/constants.js";
import { broadcastInDim, reshape } from "../primitives/shape-ops.js";
import { reduceSum } from "../primitives/reduce.js";
import { iota } from "../primitives/gather.js";
import { sort as laxSort } from "../primitives/sort.js";
import { type ArrayLike, asArray, promoteArgs } from "./core.js";
import { moveaxis } from "./shape.js";

/** Options of `sort` and `argsort`. */
export interface SortOptions {
  /** The axis to sort along (default -1); `null` sorts the flattened array. */
  axis?: number | null;
}

function alongLast(x: Array, axis: number | null | undefined, where: string): [Array, number] {
  if (axis === null) return [reshape(x, [x.size]), 0];
  if (x.ndim === 0) throw new Error(`${where}: cannot sort a 0-d array along an axis; pass axis null`);
  return [x, normalizeAxis(axis ?? -1, x.ndim, where)];
}

function sortAlong(xs: Array[], axis: number, numKeys: number): Array[] {
  const last = xs[0].ndim - 1;
  const outs = laxSort(xs.map((x) => (axis === last ? x : moveaxis(x, axis, last))), numKeys);
  return outs.map((o) => (axis === last ? o : moveaxis(o, last, axis)));
}

/**
 * A sorted copy along `axis` (default last; `null`: flattened), stable, NaN last as NumPy.
 * Differentiable: the gradient flows back through the permutation.
 *
 * @example
 * ```ts
 * np.sort(np.array([3, NaN, 1])).tolist(); // [1, 3, NaN]
 * ```
 */
export function sort(x: ArrayLike, options: SortOptions = {}): Array {
  const [a, ax] = alongLast(asArray(x), options.axis, "sort");
  return sortAlong([a], ax, 1)[0];
}

/**
 * The indices (int32) that sort `x` along `axis` (default last; `null`: flattened), stable,
 * NaN last.
 *
 * @example
 * ```ts
 * np.argsort(np.array([3, 1, 2])).tolist(); // [1, 2, 0]
 * ```
 */
export function argsort(x: ArrayLike, options: SortOptions = {}): Array {
  const [a, ax] = alongLast(asArray(x), options.axis, "argsort");
  return sortAlong([a, iota(a.shape, ax)], ax, 1)[1];
}

/**
 * Indirect stable sort by several keys: the last key is the primary one (as NumPy).
 * Returns int32 indices along `axis` (default last).
 *
 * @example
 * ```ts
 * np.lexsort([np.array([1, 0, 1]), np.array([0, 0, 1])]).tolist(); // [1, 0, 2]
 * ```
 */
export function lexsort(keys: readonly ArrayLike[], axis = -1): Array {
  if (keys.length === 0) throw new Error("lexsort: needs at least one key");
  const ks = keys.map(asArray).reverse();
  ks.forEach((k) => {
    if (k.ndim !== ks[0].ndim || k.shape.some((d, i) => d !== ks[0].shape[i])) {
      throw new Error(`lexsort: all keys must have one shape, got ${ks.map((q) => fmtShape(q.shape)).join(", ")}`);
    }
  });
  const ax = normalizeAxis(axis, ks[0].ndim, "lexsort");
  return sortAlong([...ks, iota(ks[0].shape, ax)], ax, ks.length)[ks.length];
}

/**
 * Indices where `v`'s elements would be inserted into the sorted 1-D array `a` to keep it
 * sorted: `side: "left"` (default) gives the first such place, `"right"` the last. NaNs
 * sort last, as NumPy. Works under `jit` and `vmap`; the result is int32 and has no gradient.
 *
 * @example
 * ```ts
 * np.searchsorted(np.array([1, 2, 2, 3]), np.array([2, 5])).tolist();                    // [1, 4]
 * np.searchsorted(np.array([1, 2, 2, 3]), np.array([2, 5]), { side: "right" }).tolist(); // [3, 4]
 * ```
 */
export function searchsorted(a: ArrayLike, v: ArrayLike, options: { side?: "left" | "right" } = {}): Array {
  const side = options.side ?? "left";
  if (side !== "left" && side !== "right") throw new Error(`searchsorted: side must be "left" or "right", got ${String(side)}`);
  const [sa, sv] = promoteArgs("searchsorted", a, v);
  if (sa.ndim !== 1) throw new Error(`searchsorted: a must be 1-D, got shape ${fmtShape(sa.shape)}`);
  const n = sa.shape[0];
  const shape = [...sv.shape, n];
  const A = broadcastInDim(sa, shape, [sv.ndim]);
  const V = broadcastInDim(sv, shape, range(sv.ndim));
  // NaN-last order: x < y  ⇔  x < y numerically, or y is NaN and x is not.
  const isNan = (z: Array) => ne(z, z);
  const lnot = (b: Array) => xor(b, scalar(1, "bool"));
  const less = (x: Array, y: Array) => or(lt(x, y), and(isNan(y), lnot(isNan(x))));
  const before = side === "left" ? less(A, V) : lnot(less(V, A));
  return reduceSum(convertElementType(before, "int32"), [sv.ndim]);
}

/** Options of `unique`. */
export interface UniqueOptions {
  /** Also return the index of each unique value's first occurrence in the flattened input. */
  returnIndex?: boolean;
  /** Also return, for each input element, the index of its value in `values` (shaped like x). */
  returnInverse?: boolean;
  /** Also return how often each unique value occurs. */
  returnCounts?: boolean;
}

/** What `unique` returns when any of its `return*` options is set. */
export interface UniqueResult {
  values: Array;
  indices?: Array;
  inverse?: Array;
  counts?: Array;
}

/**
 * The sorted unique values of the flattened `x` (all NaNs count as one, last), optionally with
 * first-occurrence indices, the inverse map and counts. The result's size depends on the data,
 * so `x` must be concrete: call it outside `jit`/`vmap`/`grad`.
 *
 * @example
 * ```ts
 * np.unique(np.array([3, 1, 3, 2])).tolist(); // [1, 2, 3]
 * const { values, counts } = np.unique(np.array([3, 1, 3]), { returnCounts: true });
 * counts!.tolist(); // [1, 2]
 * ```
 */
export function unique(x: ArrayLike, options: UniqueOptions): UniqueResult;
export function unique(x: ArrayLike): Array;
export function unique(x: ArrayLike, options: UniqueOptions = {}): Array | UniqueResult {
  const a = asArray(x);
  if (!(a instanceof ConcreteArray)) {
    throw new Error(
      `unique: the number of unique values depends on the data, so it needs a concrete array, but got a traced ${a.aval} ` +
        `inside a transformation (jit, vmap, grad). Call np.unique outside the transformed function.`,
    );
  }
  const [vals, perm] = laxSort([reshape(a, [a.size]), iota([a.size], 0)]) as [ConcreteArray, ConcreteArray];
  const v = vals.data;
  const p = perm.data;
  const same = (i: number, j: number) => v[i] === v[j] || (v[i] !== v[i] && v[j] !== v[j]);
  const starts: number[] = [];
  for (let i = 0; i < v.length; i++) if (i === 0 || !same(i, i - 1)) starts.push(i);
  const m = starts.length;
  const values = allocate(a.dtype, m);
  const firsts = new Int32Array(m);
  const counts = new Int32Array(m);
  const inverse = new Int32Array(a.size);
  starts.forEach((s, k) => {
    const e = k + 1 < m ? starts[k + 1] : v.length;
    values[k] = v[s];
    counts[k] = e - s;
    firsts[k] = p[s];
    for (let i = s; i < e; i++) inverse[p[i]] = k;
  });
  const out = new ConcreteArray(values, [m], a.dtype);
  if (!options.returnIndex && !options.returnInverse && !options.returnCounts) return out;
  const res: UniqueResult = { values: out };
  if (options.returnIndex) res.indices = new ConcreteArray(firsts, [m], "int32");
  if (options.returnInverse) res.inverse = new ConcreteArray(inverse, a.shape, "int32");
  if (options.returnCounts) res.counts = new ConcreteArray(counts, [m], "int32");
  return res;
}
