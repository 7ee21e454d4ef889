/**
 * NumPy indexing: `take`, `takeAlongAxis`, the indexer `index(x, ...specs)` (`x[...]` in
 * NumPy) and JAX's functional updates `at(x, ...specs).set(v)` (`x.at[...].set(v)` in JAX).
 *
 * Basic indices (integers, slices, `null` for a new axis, `"..."`) lower to `slice`, `rev` and
 * `reshape`; integer and boolean arrays lower to `gather` (updates to `scatter`/`scatter_add`),
 * placing the advanced-index dimensions as NumPy does. Negative indices wrap; out-of-bounds
 * static integers raise; as in JAX, out-of-bounds array indices clamp when reading and are
 * dropped when updating.
 */
import { Array, ConcreteArray } from "../core/array.js";
import { isInteger } from "../core/dtype.js";
import { broadcastShapes, fmtShape, normalizeAxis, range, shapeEqual } from "../core/shape.js";
import { add, convertElementType, lt, mul, sub } from "../primitives/binary.js";
import { type IndexMode, gather, iota, takeAlongAxis as laxTakeAlongAxis } from "../primitives/gather.js";
import { scatter, scatterAdd } from "../primitives/scatter.js";
import { reshape, transpose } from "../primitives/shape-ops.js";
import { rev, slice } from "../primitives/slicing.js";
import { full, scalar } from "../primitives/constants.js";
import { type ArrayLike, type NestedArray, array, asArray, broadcastTo } from "./core.js";
import * as ew from "./elementwise.js";

/** A slice `start:stop:step`; `null`/omitted parts take NumPy's defaults. Build with `s()`. */
export class IndexSlice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {
    if (step === 0) throw new RangeError("slice step cannot be zero");
  }
}

/**
 * A slice for `index`/`at`: `s(1, 5)` is `1:5`, `s(null, null, -1)` is `::-1`, `s()` is `:`.
 *
 * @example
 * ```ts
 * np.index(np.arange(10), np.s(1, 8, 3)).tolist(); // [1, 4, 7]
 * np.index(np.arange(4), np.s(null, null, -1)).tolist(); // [3, 2, 1, 0]
 * ```
 */
export function s(start: number | null = null, stop: number | null = null, step: number | null = null): IndexSlice {
  return new IndexSlice(start, stop, step);
}

/** A new axis of size 1 in an index (NumPy's `np.newaxis`, which is `None`). */
export const newaxis = null;

/**
 * One index of `index`/`at`: an integer (drops the axis), a slice `s(...)`, `null` (a new axis),
 * `"..."` (as many `:` as needed), an integer array (gather) or a boolean mask (concrete only).
 */
export type IndexSpec = number | IndexSlice | null | "..." | Array | readonly NestedArray[];

type Entry =
  | { kind: "slice"; start: number; step: number; len: number }
  | { kind: "int"; index: number }
  | { kind: "new" }
  | { kind: "adv"; index: Array };

function isFullSlice(e: Entry, n: number): boolean {
  return e.kind === "slice" && e.start === 0 && e.step === 1 && e.len === n;
}

function normSlice(sl: IndexSlice, n: number): Entry {
  const step = sl.step ?? 1;
  let start: number;
  let stop: number;
  if (step > 0) {
    start = sl.start === null ? 0 : Math.min(Math.max(sl.start < 0 ? sl.start + n : sl.start, 0), n);
    stop = sl.stop === null ? n : Math.min(Math.max(sl.stop < 0 ? sl.stop + n : sl.stop, 0), n);
  } else {
    start = sl.start === null ? n - 1 : Math.min(Math.max(sl.start < 0 ? sl.start + n : sl.start, -1), n - 1);
    stop = sl.stop === null ? -1 : Math.min(Math.max(sl.stop < 0 ? sl.stop + n : sl.stop, -1), n - 1);
  }
  const len = Math.max(0, Math.ceil((stop - start) / step));
  return { kind: "slice", start: len === 0 ? 0 : start, step, len };
}

function nonzero(mask: Array, where: string): Array[] {
  if (!(mask instanceof ConcreteArray)) {
    throw new Error(
      `${where}: boolean mask indexing needs a concrete mask, but got a traced ${mask.aval} inside a transformation ` +
        `(its result shape would depend on the data); use np.where(mask, x, other) instead`,
    );
  }
  const hits: number[][] = mask.shape.map(() => []);
  const strides = mask.shape.map((_, i) => mask.shape.slice(i + 1).reduce((p, d) => p * d, 1));
  for (let k = 0; k < mask.size; k++) {
    if (mask.data[k] !== 0) strides.forEach((st, i) => hits[i].push(Math.floor(k / st) % mask.shape[i]));
  }
  return hits.map((h) => new ConcreteArray(Int32Array.from(h), [h.length], "int32"));
}

/** Normalise user specs against `shape` into one entry per consumed axis or new axis. */
function parseIndex(shape: readonly number[], specs: readonly IndexSpec[], where: string): Entry[] {
  type Raw = { kind: "int"; v: number } | { kind: "slice"; v: IndexSlice } | { kind: "new" } | { kind: "ell" } | { kind: "arr"; v: Array };
  const raws: Raw[] = specs.map((sp): Raw => {
    if (sp === null || sp === undefined) return { kind: "new" };
    if (sp === "...") return { kind: "ell" };
    if (typeof sp === "number") {
      if (!Number.isInteger(sp)) throw new TypeError(`${where}: index ${sp} is not an integer`);
      return { kind: "int", v: sp };
    }
    if (sp instanceof IndexSlice) return { kind: "slice", v: sp };
    if (typeof sp === "boolean") throw new TypeError(`${where}: a scalar boolean index is not supported`);
    let a: Array;
    if (sp instanceof Array) a = sp;
    else if (globalThis.Array.isArray(sp)) {
      const probe = array(sp as readonly NestedArray[]);
      a = probe.dtype === "bool" ? probe : array(sp as readonly NestedArray[], "int32");
    } else throw new TypeError(`${where}: unsupported index ${String(sp)}`);
    if (a.dtype !== "bool" && !isInteger(a.dtype)) {
      throw new TypeError(`${where}: index arrays must be integer or boolean, got ${a.aval} (cast with .astype("int32"))`);
    }
    return { kind: "arr", v: a };
  });
  if (raws.filter((r) => r.kind === "ell").length > 1) throw new Error(`${where}: an index can only have a single ellipsis ("...")`);
  const consumed = raws.reduce((n, r) => n + (r.kind === "arr" && r.v.dtype === "bool" ? r.v.ndim : r.kind === "new" || r.kind === "ell" ? 0 : 1), 0);
  if (consumed > shape.length) {
    throw new RangeError(`${where}: too many indices for an array of shape ${fmtShape(shape)}: ${consumed} axes indexed`);
  }
  const hasAdv = raws.some((r) => r.kind === "arr");
  const out: Entry[] = [];
  let ax = 0;
  const fill = (count: number) => {
    for (let k = 0; k < count; k++, ax++) out.push({ kind: "slice", start: 0, step: 1, len: shape[ax] });
  };
  for (const r of raws) {
    if (r.kind === "new") out.push({ kind: "new" });
    else if (r.kind === "ell") fill(shape.length - consumed);
    else if (r.kind === "slice") out.push(normSlice(r.v, shape[ax++]));
    else if (r.kind === "int") {
      const n = shape[ax++];
      if (r.v < -n || r.v >= n) throw new RangeError(`${where}: index ${r.v} is out of bounds for axis ${ax - 1} with size ${n}`);
      const i = r.v < 0 ? r.v + n : r.v;
      out.push(hasAdv ? { kind: "adv", index: scalar(i, "int32") } : { kind: "int", index: i });
    } else if (r.v.dtype === "bool") {
      const want = shape.slice(ax, ax + r.v.ndim);
      if (r.v.ndim === 0 || !shapeEqual(r.v.shape, want)) {
        throw new Error(`${where}: boolean index of shape ${fmtShape(r.v.shape)} does not match the indexed axes ${fmtShape(want)}`);
      }
      for (const idx of nonzero(r.v, where)) out.push({ kind: "adv", index: idx });
      ax += r.v.ndim;
    } else {
      ax++;
      out.push({ kind: "adv", index: r.v });
    }
  }
  fill(shape.length - ax);
  return out;
}

/** Wrap negative indices of an integer array for an axis of size `n` (as int32). */
function wrapNegative(idx: Array, n: number): Array {
  const i = idx.dtype === "int32" ? idx : convertElementType(idx, "int32");
  if (i instanceof ConcreteArray) {
    const d = i.data;
    let any = false;
    for (let k = 0; k < d.length && !any; k++) any = d[k] < 0;
    if (!any) return i;
  }
  const neg = convertElementType(lt(i, scalar(0, "int32")), "int32");
  return add(i, mul(neg, scalar(n, "int32")));
}

/** Apply parsed entries to `x` (whose leading axes they consume); `mode` is the gather's. */
function applyIndex(x: Array, entries: readonly Entry[], mode: IndexMode = "clip"): Array {
  const start = x.shape.map(() => 0);
  const limit = [...x.shape];
  const strides = x.shape.map(() => 1);
  const revAxes: number[] = [];
  const layout: number[] = [];
  const advPos: number[] = [];
  const advIdx: Array[] = [];
  let ax = 0;
  for (const e of entries) {
    if (e.kind === "new") {
      layout.push(1);
      continue;
    }
    const n = x.shape[ax];
    if (e.kind === "slice") {
      const st = e.step < 0 ? n - 1 - e.start : e.start;
      if (e.step < 0) revAxes.push(ax);
      start[ax] = e.len === 0 ? 0 : st;
      limit[ax] = e.len === 0 ? 0 : st + (e.len - 1) * Math.abs(e.step) + 1;
      strides[ax] = Math.abs(e.step);
      layout.push(e.len);
    } else if (e.kind === "int") {
      start[ax] = e.index;
      limit[ax] = e.index + 1;
    } else {
      advPos.push(layout.length);
      advIdx.push(wrapNegative(e.index, n));
      layout.push(n);
    }
    ax++;
  }
  for (; ax < x.ndim; ax++) layout.push(x.shape[ax]);
  const y = reshape(slice(rev(x, revAxes), start, limit, strides), layout);
  if (advIdx.length === 0) return y;
  const I = broadcastShapes(advIdx.map((a) => a.shape), "index (advanced indices)");
  const out = gather(y, advIdx.map((a) => broadcastTo(a, I)), advPos, mode);
  // NumPy: adjacent advanced indices put their dimensions where the first one was.
  const p1 = advPos[0];
  const adjacent = advPos.every((p, k) => p === p1 + k);
  if (!adjacent || p1 === 0) return out;
  const r = I.length;
  const perm = [...range(p1, r), ...range(r), ...range(out.ndim - r - p1, r + p1)];
  return transpose(out, perm);
}

/** For basic entries only: the index on each consumed axis of every result position, built directly. */
function basicIndices(entries: readonly Entry[], shape: readonly number[]): Array[] {
  const out: Array[] = [];
  let p = 0;
  for (const e of entries) {
    if (e.kind === "new") p++;
    else if (e.kind === "int") out.push(full(shape, e.index, "int32"));
    else if (e.kind === "slice") {
      const pos = iota(shape, p++).data;
      out.push(new ConcreteArray(Int32Array.from(pos, (k) => e.start + e.step * k), shape, "int32"));
    }
  }
  return out;
}

/**
 * NumPy indexing `x[specs]`: integers (negative wrap), slices `np.s(start, stop, step)`,
 * `null` (new axis), `"..."`, integer arrays (broadcast together; gather) and boolean masks
 * (outside transformations only). Differentiable and vmappable.
 *
 * @example
 * ```ts
 * const x = np.arange(24).reshape([2, 3, 4]);
 * np.index(x, 1, np.s(null, null, -1), 0).tolist();       // [20, 16, 12]
 * np.index(x, "...", np.array([0, 3], "int32")).shape;     // [2, 3, 2]
 * np.index(x, [0, 1], null, [1, 2]).shape;                 // [2, 1, 4]
 * ```
 */
export function index(x: ArrayLike, ...specs: IndexSpec[]): Array {
  const a = asArray(x);
  return applyIndex(a, parseIndex(a.shape, specs, "index"));
}

/** The functional-update helper returned by `at` (JAX's `x.at[...]`). */
export class IndexUpdateRef {
  constructor(
    readonly x: Array,
    readonly specs: readonly IndexSpec[],
  ) {}

  /** `x[specs]`. @example np.at(np.arange(5), np.s(1, 3)).get().tolist(); // [1, 2] */
  get(): Array {
    return index(this.x, ...this.specs);
  }

  /**
   * A copy of `x` with `x[specs] = v` (duplicate indices: the last write wins).
   *
   * @example
   * ```ts
   * np.at(np.zeros([3]), 1).set(5).tolist(); // [0, 5, 0]
   * ```
   */
  set(v: ArrayLike): Array {
    return this.update(v, "set");
  }

  /**
   * A copy of `x` with `v` added at `x[specs]`; duplicate indices accumulate (`np.add.at`).
   *
   * @example
   * ```ts
   * np.at(np.zeros([3]), [0, 0, 2]).add(1).tolist(); // [2, 0, 1]
   * ```
   */
  add(v: ArrayLike): Array {
    return this.update(v, "add");
  }

  /**
   * A copy of `x` with `x[specs] *= v` (via gather and scatter: duplicates do not compound).
   *
   * @example
   * ```ts
   * np.at(np.ones([3]), 2).mul(4).tolist(); // [1, 1, 4]
   * ```
   */
  mul(v: ArrayLike): Array {
    return this.set(ew.multiply(this.get(), v));
  }

  /** `x[specs] = minimum(x[specs], v)`. @example np.at(np.array([1, 5]), 1).min(2).tolist(); // [1, 2] */
  min(v: ArrayLike): Array {
    return this.set(ew.minimum(this.get(), v));
  }

  /** `x[specs] = maximum(x[specs], v)`. @example np.at(np.array([1, 5]), 0).max(2).tolist(); // [2, 5] */
  max(v: ArrayLike): Array {
    return this.set(ew.maximum(this.get(), v));
  }

  private update(value: ArrayLike, mode: "set" | "add"): Array {
    const x = this.x;
    const entries = parseIndex(x.shape, this.specs, `at(...).${mode}`);
    // Trailing full slices stay as the scatter's window; the rest is indexed position by position.
    while (entries.length > 0 && isFullSlice(entries[entries.length - 1], x.shape[entries.filter((e) => e.kind !== "new").length - 1])) {
      entries.pop();
    }
    const m = entries.filter((e) => e.kind !== "new").length;
    const target = applyIndex(x, entries).shape;
    let v = asArray(value);
    if (v.dtype !== x.dtype) v = convertElementType(v, x.dtype);
    while (v.ndim > target.length && v.shape[0] === 1) v = reshape(v, v.shape.slice(1));
    v = broadcastTo(v, target);
    if (m === 0) return mode === "set" ? v : ew.add(x, v);
    const lead = x.shape.slice(0, m);
    // Out-of-bounds array indices come out as -1 (gathered with zero fill from positions + 1),
    // so that the scatter drops them, as JAX does.
    const positions = (a: number) => {
      const p = iota(lead, a);
      return new ConcreteArray(p.data.map((k) => k + 1), lead, "int32");
    };
    const idx = entries.some((e) => e.kind === "adv")
      ? range(m).map((a) => sub(applyIndex(positions(a), entries, "fill"), scalar(1, "int32")))
      : basicIndices(entries, target.slice(0, target.length - (x.ndim - m)));
    const axes = range(m);
    if (idx[0].ndim + x.ndim - m !== target.length) throw new Error("internal: at(): index and update shapes disagree");
    return mode === "set" ? scatter(x, v, idx, axes, "fill") : scatterAdd(x, v, idx, axes, "fill");
  }
}

/**
 * JAX's functional index updates: `np.at(x, ...specs).set(v)` is `x.at[specs].set(v)`, also
 * `.add`, `.mul`, `.min`, `.max` and `.get`. Never modifies `x`; differentiable in `x` and `v`.
 *
 * @example
 * ```ts
 * const x = np.zeros([2, 3]);
 * np.at(x, 0, np.s(1)).set(7).tolist();   // [[0, 7, 7], [0, 0, 0]]
 * np.at(x, [1, 1], 2).add(1).tolist();     // [[0, 0, 0], [0, 0, 2]]
 * ```
 */
export function at(x: ArrayLike, ...specs: IndexSpec[]): IndexUpdateRef {
  return new IndexUpdateRef(asArray(x), specs);
}

function toIndexArray(indices: ArrayLike, where: string): Array {
  const a = typeof indices === "number" || globalThis.Array.isArray(indices) ? array(indices as readonly NestedArray[], "int32") : asArray(indices);
  if (!isInteger(a.dtype)) throw new TypeError(`${where}: indices must be integers, got ${a.aval}`);
  return a;
}

/**
 * Elements of `x` at `indices` along `axis` (the flattened array when no axis): the result
 * replaces that axis by the indices' shape. Negative indices wrap; out-of-bounds ones clamp.
 *
 * @example
 * ```ts
 * np.take(np.array([[1, 2], [3, 4]]), [1, -1, 0], { axis: 1 }).tolist(); // [[2, 2, 1], [4, 4, 3]]
 * ```
 */
export function take(x: ArrayLike, indices: ArrayLike, options: { axis?: number | null } = {}): Array {
  let a = asArray(x);
  let ax = 0;
  if (options.axis === undefined || options.axis === null) a = reshape(a, [a.size]);
  else ax = normalizeAxis(options.axis, a.ndim, "take");
  const idx = wrapNegative(toIndexArray(indices, "take"), a.shape[ax]);
  const out = gather(a, [idx], [ax]);
  const r = idx.ndim;
  if (ax === 0) return out;
  return transpose(out, [...range(ax, r), ...range(r), ...range(out.ndim - r - ax, r + ax)]);
}

/**
 * Pick values along `axis` with `indices` of the same rank as `x` (other axes broadcast), as
 * `np.take_along_axis`; the usual partner of `argsort`. Negative indices wrap.
 *
 * @example
 * ```ts
 * const x = np.array([[3, 1, 2], [0, 5, 4]]);
 * np.takeAlongAxis(x, np.argsort(x, { axis: 1 }), 1).tolist(); // [[1, 2, 3], [0, 4, 5]]
 * ```
 */
export function takeAlongAxis(x: ArrayLike, indices: ArrayLike, axis: number | null): Array {
  let a = asArray(x);
  let idx = toIndexArray(indices, "takeAlongAxis");
  if (axis === null) {
    a = reshape(a, [a.size]);
    if (idx.ndim !== 1) throw new Error(`takeAlongAxis: with axis null the indices must be 1-D, got ${fmtShape(idx.shape)}`);
  }
  const ax = axis === null ? 0 : normalizeAxis(axis, a.ndim, "takeAlongAxis");
  if (idx.ndim !== a.ndim) {
    throw new Error(`takeAlongAxis: indices ${fmtShape(idx.shape)} and array ${fmtShape(a.shape)} must have the same number of dimensions`);
  }
  const one = (sh: readonly number[]) => sh.map((d, i) => (i === ax ? 1 : d));
  const outer = broadcastShapes([one(a.shape), one(idx.shape)], "takeAlongAxis");
  a = broadcastTo(a, outer.map((d, i) => (i === ax ? a.shape[ax] : d)));
  idx = broadcastTo(wrapNegative(idx, a.shape[ax]), outer.map((d, i) => (i === ax ? idx.shape[ax] : d)));
  return laxTakeAlongAxis(a, idx, ax);
}
