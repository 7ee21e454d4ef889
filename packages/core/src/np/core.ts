/**
 * Turning user input into arrays, NumPy-style dtype promotion and broadcasting.
 */
import { Array, ConcreteArray } from "../core/array.js";
import { type DType, type TypedArray, allocate, castScalar, defaultFloatDtype, floatResultType, isFloat, promoteTypes } from "../core/dtype.js";
import { broadcastShapes, fmtShape, range, shapeEqual, shapeSize } from "../core/shape.js";
import { broadcastInDim } from "../primitives/shape-ops.js";
import { convertElementType } from "../primitives/binary.js";
import { placeNew } from "../backend/tfjs/api.js";
import { creationFloatDtype } from "../backend/tfjs/device.js";

/** Nested JS arrays of numbers or booleans. */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Anything `np` functions accept as an array. */
export type ArrayLike = Array | number | boolean | TypedArray | readonly NestedArray[];

function typedDtype(x: TypedArray): DType {
  if (x instanceof Float64Array) return "float64";
  if (x instanceof Float32Array) return "float32";
  if (x instanceof Int32Array) return "int32";
  if (x instanceof Uint32Array) return "uint32";
  return "bool";
}

function isTyped(x: unknown): x is TypedArray {
  return x instanceof Float64Array || x instanceof Float32Array || x instanceof Int32Array || x instanceof Uint32Array || x instanceof Uint8Array;
}

/** A weakly typed scalar from a JS number: integers are weak int32, others weak float. */
export function scalarFromNumber(x: number): ConcreteArray {
  const isInt = Number.isInteger(x) && x >= -2147483648 && x <= 2147483647 && !Object.is(x, -0);
  const dtype: DType = isInt ? "int32" : defaultFloatDtype();
  const data = allocate(dtype, 1);
  data[0] = x;
  return new ConcreteArray(data, [], dtype, true);
}

function nestedShape(x: NestedArray, where: string): number[] {
  const shape: number[] = [];
  let cur: NestedArray = x;
  while (globalThis.Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  const check = (v: NestedArray, depth: number): void => {
    if (depth === shape.length) {
      if (globalThis.Array.isArray(v)) throw new Error(`${where}: ragged nested array (deeper nesting at depth ${depth})`);
      if (typeof v !== "number" && typeof v !== "boolean") throw new TypeError(`${where}: element ${String(v)} is not a number or boolean`);
      return;
    }
    if (!globalThis.Array.isArray(v) || v.length !== shape[depth]) {
      throw new Error(`${where}: ragged nested array: expected length ${shape[depth]} at depth ${depth}`);
    }
    for (const c of v) check(c, depth + 1);
  };
  check(x, 0);
  return shape;
}

/**
 * Make an array from JS data (numbers, booleans, nested arrays, typed arrays) or copy-free
 * from an existing array, optionally casting to `dtype`. JS has one number type, so numbers
 * give the default float (float64) unless `dtype` says otherwise; booleans give bool;
 * typed arrays keep their type (Int32Array → int32).
 *
 * @example
 * ```ts
 * np.array([[1, 2], [3, 4]]).dtype;        // "float64"
 * np.array([1, 2], "int32").dtype;         // "int32"
 * np.array([true, false]).dtype;           // "bool"
 * ```
 */
export function array(x: ArrayLike, dtype?: DType): Array {
  if (x instanceof Array) return dtype === undefined ? x : convertElementType(x, dtype);
  if (typeof x === "number") {
    const d = dtype ?? creationFloatDtype();
    return placeNew(new ConcreteArray(allocate(d, 1).fill(castScalar(x, d)), [], d));
  }
  if (typeof x === "boolean") {
    const a = new ConcreteArray(Uint8Array.of(x ? 1 : 0), [], "bool");
    return placeNew(dtype === undefined ? a : (convertElementType(a, dtype) as ConcreteArray));
  }
  if (isTyped(x)) {
    const dt = typedDtype(x);
    const a = new ConcreteArray(x.slice(), [x.length], dt);
    return placeNew(dtype === undefined || dtype === dt ? a : (convertElementType(a, dtype) as ConcreteArray));
  }
  const shape = nestedShape(x as NestedArray, "np.array");
  const flat: (number | boolean)[] = [];
  const collect = (v: NestedArray): void => {
    if (globalThis.Array.isArray(v)) for (const c of v as readonly NestedArray[]) collect(c);
    else flat.push(v as number | boolean);
  };
  collect(x as NestedArray);
  let dt: DType;
  if (dtype !== undefined) dt = dtype;
  else if (flat.length > 0 && flat.every((v) => typeof v === "boolean")) dt = "bool";
  else dt = creationFloatDtype();
  const data = allocate(dt, shapeSize(shape));
  for (let i = 0; i < flat.length; i++) data[i] = castScalar(Number(flat[i]), dt);
  return placeNew(new ConcreteArray(data, shape, dt));
}

/**
 * Like `array`, but returns arrays unchanged; JS numbers become weakly typed scalars.
 *
 * @example
 * ```ts
 * np.asarray(3).weakType; // true
 * ```
 */
export function asArray(x: ArrayLike): Array {
  if (x instanceof Array) return x;
  if (typeof x === "number") return scalarFromNumber(x);
  return array(x);
}

/** The promoted dtype of several arguments, as NumPy/JAX would give. */
export function resultType(...xs: ArrayLike[]): { dtype: DType; weakType: boolean } {
  const arrs = xs.map(asArray);
  return arrs.reduce((t, a) => promoteTypes(t, { dtype: a.dtype, weakType: a.weakType }), { dtype: arrs[0].dtype, weakType: arrs[0].weakType });
}

/** Convert every argument to the common promoted dtype (no broadcasting). */
export function promoteArgs(_where: string, ...xs: ArrayLike[]): Array[] {
  const arrs = xs.map(asArray);
  const t = arrs.reduce((acc, a) => promoteTypes(acc, a.aval), { dtype: arrs[0].dtype, weakType: arrs[0].weakType });
  return arrs.map((a) => convertElementType(a, t.dtype, t.weakType));
}

/** Convert every argument to the common promoted float dtype (ints become the default float). */
export function promoteArgsFloat(where: string, ...xs: ArrayLike[]): Array[] {
  const arrs = promoteArgs(where, ...xs);
  if (isFloat(arrs[0].dtype)) return arrs;
  const t = floatResultType(arrs[0].aval);
  return arrs.map((a) => convertElementType(a, t.dtype, t.weakType));
}

/** Broadcast arrays to their common NumPy shape. */
export function broadcastArrays(...xs: Array[]): Array[] {
  const shape = broadcastShapes(xs.map((x) => x.shape), "broadcast");
  return xs.map((x) => broadcastTo(x, shape));
}

/**
 * Broadcast `x` to `shape` with NumPy's rules (trailing axes aligned).
 *
 * @example
 * ```ts
 * np.broadcastTo(np.array([1, 2]), [3, 2]).shape; // [3, 2]
 * ```
 */
export function broadcastTo(x: ArrayLike, shape: readonly number[]): Array {
  const a = asArray(x);
  if (shapeEqual(a.shape, shape)) return a;
  const lead = shape.length - a.ndim;
  if (lead < 0) throw new Error(`broadcastTo: cannot broadcast shape ${fmtShape(a.shape)} to fewer dimensions ${fmtShape(shape)}`);
  broadcastShapes([a.shape, shape], "broadcastTo");
  a.shape.forEach((d, i) => {
    if (d !== 1 && d !== shape[lead + i]) throw new Error(`broadcastTo: cannot broadcast shape ${fmtShape(a.shape)} to ${fmtShape(shape)}`);
  });
  return broadcastInDim(a, shape, range(a.ndim, lead));
}

/**
 * Promote and broadcast the arguments of an elementwise function. Rank-0 operands are left
 * as they are: the primitives broadcast scalars themselves, without materialising them.
 */
export function prepElementwise(where: string, float: boolean, ...xs: ArrayLike[]): Array[] {
  const promoted = float ? promoteArgsFloat(where, ...xs) : promoteArgs(where, ...xs);
  const shape = broadcastShapes(promoted.map((x) => x.shape), where);
  return promoted.map((x) => (x.ndim === 0 ? x : broadcastTo(x, shape)));
}
