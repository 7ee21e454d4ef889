/**
 * `np.pad`: NumPy's padding modes. `constant` is one `pad` primitive; the others read the
 * array at computed indices along each axis (one gather per padded axis), so all of them
 * differentiate, batch and compile like any indexing.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { convertElementType } from "../primitives/binary.js";
import { pad as laxPad } from "../primitives/slicing.js";
import { type ArrayLike, asArray } from "./core.js";
import { take } from "./indexing.js";

/** How `np.pad` fills the new elements. */
export type PadMode = "constant" | "edge" | "reflect" | "symmetric" | "wrap";

/** Options of `np.pad`. */
export interface PadOptions {
  /** `constant` (default), `edge`, `reflect`, `symmetric` or `wrap`, as NumPy's `mode`. */
  mode?: PadMode;
  /** The value of `constant` padding (default 0), a scalar. */
  constantValues?: ArrayLike;
}

/**
 * How many elements go before and after each axis, broadcast as NumPy does: `n`, `[n]` or
 * `[before, after]` for every axis, or `[[before, after], …]` (or `[[n], …]`) one per axis.
 */
export type PadWidth = number | readonly number[] | readonly (readonly number[])[];

const MODES: readonly PadMode[] = ["constant", "edge", "reflect", "symmetric", "wrap"];

function widths(padWidth: PadWidth, ndim: number): [number, number][] {
  const bad = () =>
    new Error(`pad: padWidth must be n, [n], [before, after], or one [before, after] (or [n]) per axis (${ndim} axes); got ${JSON.stringify(padWidth)}`);
  const pair = (p: readonly number[]): [number, number] => {
    if (p.length === 1) return [p[0], p[0]];
    if (p.length === 2) return [p[0], p[1]];
    throw bad();
  };
  let out: [number, number][];
  if (typeof padWidth === "number") out = globalThis.Array.from({ length: ndim }, () => [padWidth, padWidth]);
  else if (padWidth.every((p) => typeof p === "number")) {
    const p = pair(padWidth as readonly number[]);
    out = globalThis.Array.from({ length: ndim }, () => [...p] as [number, number]);
  } else if (padWidth.every((p) => typeof p !== "number")) {
    const rows = padWidth as readonly (readonly number[])[];
    if (rows.length === 1) out = globalThis.Array.from({ length: ndim }, () => pair(rows[0]));
    else if (rows.length === ndim) out = rows.map(pair);
    else throw bad();
  } else throw bad();
  for (const [b, a] of out) if (!Number.isInteger(b) || !Number.isInteger(a) || b < 0 || a < 0) throw new Error(`pad: pad widths must be non-negative integers; got ${JSON.stringify(padWidth)}`);
  return out;
}

/** The source index of output position `i` along an axis of length `n` padded by `before`. */
function sourceIndex(mode: Exclude<PadMode, "constant">, i: number, n: number, before: number): number {
  const j = i - before;
  const mod = (a: number, m: number) => ((a % m) + m) % m;
  switch (mode) {
    case "edge":
      return Math.min(Math.max(j, 0), n - 1);
    case "wrap":
      return mod(j, n);
    case "reflect": {
      if (n === 1) return 0;
      const k = mod(j, 2 * (n - 1));
      return k < n ? k : 2 * (n - 1) - k;
    }
    case "symmetric": {
      const k = mod(j, 2 * n);
      return k < n ? k : 2 * n - 1 - k;
    }
  }
}

/**
 * Pad an array, as `numpy.pad` (and `jax.numpy.pad`). `padWidth` is a number (every side of
 * every axis), a `[before, after]` pair (every axis), or one number or pair per axis. Modes:
 * `constant` (`constantValues`, default 0), `edge` (repeat the end values), `reflect` (mirror
 * without repeating the edge), `symmetric` (mirror repeating it) and `wrap` (periodic); widths
 * larger than the axis repeat the pattern, as NumPy does.
 *
 * @example
 * ```ts
 * np.pad(np.array([1, 2, 3]), 2).tolist();                          // [0, 0, 1, 2, 3, 0, 0]
 * np.pad(np.array([1, 2, 3]), [1, 2], { mode: "reflect" }).tolist(); // [2, 1, 2, 3, 2, 1]
 * np.pad(np.ones([2, 2]), [[1, 0], [0, 1]], { constantValues: 5 }).shape; // [3, 3]
 * ```
 */
export function pad(x: ArrayLike, padWidth: PadWidth, options: PadOptions = {}): Array {
  const a = asArray(x);
  const mode = options.mode ?? "constant";
  if (!MODES.includes(mode)) throw new Error(`pad: mode ${JSON.stringify(mode)} is not supported; use one of ${MODES.join(", ")}`);
  const w = widths(padWidth, a.ndim);
  if (mode === "constant") {
    const v = convertElementType(asArray(options.constantValues ?? 0), a.dtype, false);
    if (v.ndim !== 0) throw new Error(`pad: constantValues must be a scalar; got shape [${v.shape}]`);
    return laxPad(
      a,
      v,
      w.map(([b]) => b),
      w.map(([, af]) => af),
    );
  }
  if (options.constantValues !== undefined) throw new Error(`pad: constantValues applies to mode "constant" only, not "${mode}"`);
  let out = a;
  w.forEach(([before, after], axis) => {
    if (before === 0 && after === 0) return;
    const n = a.shape[axis];
    if (n === 0) throw new Error(`pad: cannot extend the empty axis ${axis} with mode "${mode}" (only "constant" can)`);
    const idx = Int32Array.from({ length: n + before + after }, (_, i) => sourceIndex(mode, i, n, before));
    out = take(out, new ConcreteArray(idx, [idx.length], "int32"), { axis });
  });
  return out;
}
