/**
 * Data types and the type-promotion lattice (JAX's, with weak types for JS numbers).
 */

/** The element types an Orrery array can hold. `uint32` exists for random bits. */
export type DType = "float64" | "float32" | "int32" | "uint32" | "bool";

/** Every dtype, in promotion order. */
export const DTYPES: readonly DType[] = ["bool", "int32", "uint32", "float32", "float64"];

/** The typed-array class that stores each dtype on the CPU device. */
export type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array;

/** Construct the typed-array storage for `dtype` with `n` elements. */
export function allocate(dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case "float64":
      return new Float64Array(n);
    case "float32":
      return new Float32Array(n);
    case "int32":
      return new Int32Array(n);
    case "uint32":
      return new Uint32Array(n);
    case "bool":
      return new Uint8Array(n);
  }
}

/** True for float32 and float64. */
export function isFloat(dtype: DType): boolean {
  return dtype === "float64" || dtype === "float32";
}

/** True for int32 and uint32. */
export function isInteger(dtype: DType): boolean {
  return dtype === "int32" || dtype === "uint32";
}

let defaultFloat: DType = "float64";

/**
 * The float dtype that weakly typed floats (JS numbers with a fraction) and
 * float-producing functions default to. `float64` on the `cpu` device.
 *
 * @example
 * ```ts
 * config.defaultFloatDtype(); // "float64"
 * ```
 */
export function defaultFloatDtype(): DType {
  return defaultFloat;
}

/** Set the default float dtype (`float64` or `float32`). */
export function setDefaultFloatDtype(dtype: DType): void {
  if (!isFloat(dtype)) throw new Error(`setDefaultFloatDtype: expected float32 or float64, got ${dtype}`);
  defaultFloat = dtype;
}

/** A point on the promotion lattice: a dtype plus whether it is weakly typed. */
export interface TypeInfo {
  dtype: DType;
  weakType: boolean;
}

// Lattice order: bool < i* < int32,uint32 < f* < float32 < float64.
function latticeRank(t: TypeInfo): number {
  if (t.dtype === "bool") return 0;
  if (isInteger(t.dtype)) return t.weakType ? 1 : 2;
  if (t.weakType) return 3;
  return t.dtype === "float32" ? 4 : 5;
}

/**
 * Join two types on JAX's promotion lattice. Weak types (JS numbers) defer to
 * strong ones of the same or higher category: `float32 + 1.5` is float32,
 * `int32 + 1` is int32, `int32 + 1.5` is the default float.
 *
 * @example
 * ```ts
 * promoteTypes({ dtype: "float32", weakType: false }, { dtype: "float64", weakType: true });
 * // { dtype: "float32", weakType: false }
 * ```
 */
export function promoteTypes(a: TypeInfo, b: TypeInfo): TypeInfo {
  const ra = latticeRank(a);
  const rb = latticeRank(b);
  if (ra === rb) {
    if (a.dtype === b.dtype) return { dtype: a.dtype, weakType: a.weakType && b.weakType };
    // int32 with uint32: int32 (as JAX with 32-bit types).
    if (ra === 2) return { dtype: "int32", weakType: false };
    return a;
  }
  const hi = ra > rb ? a : b;
  if (hi.weakType) {
    return { dtype: isInteger(hi.dtype) ? "int32" : defaultFloat, weakType: true };
  }
  return { dtype: hi.dtype, weakType: false };
}

/** The dtype results of float-only functions take for an input dtype (int → default float). */
export function floatResultType(t: TypeInfo): TypeInfo {
  return isFloat(t.dtype) ? t : { dtype: defaultFloat, weakType: t.weakType };
}

/** Parse a dtype given by a user, with a clear error. */
export function checkDtype(dtype: unknown, where: string): DType {
  if (typeof dtype === "string" && (DTYPES as readonly string[]).includes(dtype)) return dtype as DType;
  throw new TypeError(`${where}: unknown dtype ${JSON.stringify(dtype)}; expected one of ${DTYPES.join(", ")}`);
}

/** Cast a JS number to what an element of `dtype` stores. */
export function castScalar(x: number, dtype: DType): number {
  switch (dtype) {
    case "float64":
      return x;
    case "float32":
      return Math.fround(x);
    case "int32":
      return Number.isFinite(x) ? Math.trunc(x) | 0 : 0;
    case "uint32":
      return Number.isFinite(x) ? Math.trunc(x) >>> 0 : 0;
    case "bool":
      return x !== 0 && !Number.isNaN(x) ? 1 : 0;
  }
}
