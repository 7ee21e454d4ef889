/**
 * Argument handling shared by the samplers: dtypes, parameters, shape checks.
 *
 * @module
 */
import { Array as ArrayClass, type Array } from "../core/array.js";
import { type DType, checkDtype, defaultFloatDtype, isFloat } from "../core/dtype.js";
import { broadcastShapes, fmtShape, shapeEqual } from "../core/shape.js";
import { convertElementType } from "../primitives/binary.js";
import { scalar } from "../primitives/constants.js";
import { type ArrayLike, asArray, broadcastTo } from "../np/core.js";

/** Options of samplers that take a float dtype. */
export interface DtypeOptions {
  /**
   * The float dtype of the result. Default: float32 when a parameter is a float32 array (as on
   * the tfjs devices) and none is float64, else the default float (float64 on `cpu`).
   */
  dtype?: DType;
}

/**
 * The float dtype a sampler returns: `dtype` when given; otherwise float32 when a parameter is
 * a float32 array (strongly typed, as arrays on the tfjs devices are) and none is float64,
 * else the default float.
 * @internal
 * @example
 * ```ts
 * floatDtype("normal", undefined); // "float64"
 * floatDtype("gamma", undefined, [np.array([2], "float32")]); // "float32"
 * ```
 */
export function floatDtype(fn: string, dtype: DType | undefined, params: readonly ArrayLike[] = []): DType {
  if (dtype === undefined) {
    let f32 = false;
    for (const p of params) {
      if (!(p instanceof ArrayClass) || p.aval.weakType) continue;
      if (p.dtype === "float64") return "float64";
      if (p.dtype === "float32") f32 = true;
    }
    return f32 ? "float32" : defaultFloatDtype();
  }
  const d = checkDtype(dtype, `random.${fn}`);
  if (!isFloat(d)) throw new TypeError(`random.${fn}: dtype must be a float dtype (float32 or float64); got ${d}`);
  return d;
}

/**
 * A parameter converted to `dtype` (strongly typed).
 * @internal
 * @example
 * ```ts
 * param(0.5, "float32"); // a strong float32 scalar
 * ```
 */
export function param(x: ArrayLike, dtype: DType): Array {
  return convertElementType(asArray(x), dtype, false);
}

/**
 * A float constant of `dtype`.
 * @internal
 * @example
 * ```ts
 * constant(Math.SQRT2, "float32");
 * ```
 */
export function constant(v: number, dtype: DType): Array {
  return scalar(v, dtype);
}

/**
 * JAX's `_check_shape`: parameter shapes must broadcast to exactly `shape`.
 * @internal
 * @example
 * ```ts
 * checkShape("uniform", [2, 3], [3], []); // ok; [4] would throw
 * ```
 */
export function checkShape(fn: string, shape: readonly number[], ...paramShapes: (readonly number[])[]): void {
  if (paramShapes.length === 0) return;
  let b: number[];
  try {
    b = broadcastShapes([shape, ...paramShapes], `random.${fn}`);
  } catch {
    b = [];
  }
  if (!shapeEqual(b, shape)) {
    throw new Error(
      `random.${fn}: parameter shapes ${paramShapes.map(fmtShape).join(", ")} must broadcast to the shape argument ` +
        `${fmtShape(shape)} (and the broadcast must equal it)`,
    );
  }
}

/**
 * Broadcast shapes of parameters (the default sample shape).
 * @internal
 * @example
 * ```ts
 * paramShape("beta", [3], [2, 1]); // [2, 3]
 * ```
 */
export function paramShape(fn: string, ...shapes: (readonly number[])[]): number[] {
  return broadcastShapes(shapes, `random.${fn}`);
}

/**
 * Broadcast `x` to `shape` (a no-op when equal).
 * @internal
 * @example
 * ```ts
 * broadcastParam(np.array([1, 2]), [3, 2]).shape; // [3, 2]
 * ```
 */
export function broadcastParam(x: Array, shape: readonly number[]): Array {
  return shapeEqual(x.shape, shape) ? x : broadcastTo(x, shape);
}

/** Machine constants of the float dtypes, as `jnp.finfo`. */
export const FINFO: Record<"float32" | "float64", { eps: number; epsneg: number; tiny: number; nmant: number }> = {
  float32: { eps: 2 ** -23, epsneg: 2 ** -24, tiny: 2 ** -126, nmant: 23 },
  float64: { eps: 2 ** -52, epsneg: 2 ** -53, tiny: 2 ** -1022, nmant: 52 },
};

/**
 * Machine constants of a float dtype.
 * @internal
 * @example
 * ```ts
 * finfo("float32").eps; // 2 ** -23
 * ```
 */
export function finfo(dtype: DType): { eps: number; epsneg: number; tiny: number; nmant: number } {
  return FINFO[dtype === "float32" ? "float32" : "float64"];
}
