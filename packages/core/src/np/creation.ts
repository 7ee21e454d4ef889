/**
 * Array creation: zeros, ones, full, *Like, arange, linspace, logspace, eye, identity.
 */
import { Array, ConcreteArray } from "../core/array.js";
import { type DType, allocate, checkDtype } from "../core/dtype.js";
import { checkShape, shapeSize } from "../core/shape.js";
import { full as fullConst } from "../primitives/constants.js";
import { type ArrayLike, array, asArray } from "./core.js";
import { broadcastTo } from "./core.js";
import { placeNew } from "../backend/tfjs/api.js";
import { creationFloatDtype, withDevice } from "../backend/tfjs/device.js";
import { TfjsArray, uploadArray } from "../backend/tfjs/tfjs-array.js";

function dt(dtype: DType | undefined, where: string): DType {
  return dtype === undefined ? creationFloatDtype() : checkDtype(dtype, where);
}

/** A new array like `x`: on `x`'s tfjs device, else on the default device. */
function placeLike(x: Array, c: ConcreteArray): Array {
  return x instanceof TfjsArray ? uploadArray(x.tfjsDevice, c) : placeNew(c);
}

/**
 * An array of zeros (default dtype float64).
 *
 * @example
 * ```ts
 * np.zeros([2, 3]).shape; // [2, 3]
 * ```
 */
export function zeros(shape: number | readonly number[], dtype?: DType): Array {
  return placeNew(fullConst(checkShape(shape, "zeros"), 0, dt(dtype, "zeros")));
}

/** An array of ones. @example np.ones([3], "int32"); // [1, 1, 1] */
export function ones(shape: number | readonly number[], dtype?: DType): Array {
  return placeNew(fullConst(checkShape(shape, "ones"), 1, dt(dtype, "ones")));
}

/**
 * An array filled with `value` (an array value is broadcast to `shape`).
 *
 * @example
 * ```ts
 * np.full([2], 7); // [7, 7] (int32)
 * ```
 */
export function full(shape: number | readonly number[], value: ArrayLike, dtype?: DType): Array {
  const sh = checkShape(shape, "full");
  if (typeof value === "number") {
    const d = dtype ?? (Number.isInteger(value) ? "int32" : creationFloatDtype());
    return placeNew(fullConst(sh, value, checkDtype(d, "full")));
  }
  const v = value instanceof Array ? value : array(value);
  return broadcastTo(dtype === undefined ? v : array(v, dtype), sh);
}

/** Zeros with the shape and dtype of `x`. @example np.zerosLike(np.ones([2], "int32")); */
export function zerosLike(x: ArrayLike, dtype?: DType): Array {
  const a = asArray(x);
  return placeLike(a, fullConst(a.shape, 0, dtype ?? a.dtype));
}

/** Ones with the shape and dtype of `x`. */
export function onesLike(x: ArrayLike, dtype?: DType): Array {
  const a = asArray(x);
  return placeLike(a, fullConst(a.shape, 1, dtype ?? a.dtype));
}

/** `value` with the shape and dtype of `x`. @example np.fullLike(np.zeros([2]), 3); // [3, 3] */
export function fullLike(x: ArrayLike, value: number, dtype?: DType): Array {
  const a = asArray(x);
  return placeLike(a, fullConst(a.shape, value, dtype ?? a.dtype));
}

/**
 * Evenly spaced values in [start, stop) (NumPy's `arange`). Integer arguments give int32,
 * fractional ones the default float.
 *
 * @example
 * ```ts
 * np.arange(5);          // [0, 1, 2, 3, 4]
 * np.arange(1, 2, 0.25); // [1, 1.25, 1.5, 1.75]
 * ```
 */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): Array {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (step === 0) throw new Error("arange: step must not be zero");
  if (![start, stop, step].every(Number.isFinite)) throw new Error(`arange: start, stop and step must be finite, got ${start}, ${stop}, ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const allInt = [start, stop, step].every(Number.isInteger);
  const d = dtype ?? (allInt ? "int32" : creationFloatDtype());
  const data = allocate(d, n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return placeNew(new ConcreteArray(data, [n], d));
}

/**
 * `num` evenly spaced samples over [start, stop] (stop included unless `endpoint` is false).
 *
 * @example
 * ```ts
 * np.linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(start: number, stop: number, num = 50, options: { endpoint?: boolean; dtype?: DType } = {}): Array {
  const endpoint = options.endpoint ?? true;
  if (!Number.isInteger(num) || num < 0) throw new Error(`linspace: num must be a non-negative integer, got ${num}`);
  const d = dt(options.dtype, "linspace");
  const data = allocate(d, num);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (endpoint && num > 1) data[num - 1] = stop;
  return placeNew(new ConcreteArray(data, [num], d));
}

/**
 * `num` samples evenly spaced on a log scale: base ** linspace(start, stop).
 *
 * @example
 * ```ts
 * np.logspace(-2, 0, 3); // [0.01, 0.1, 1]
 * ```
 */
export function logspace(start: number, stop: number, num = 50, options: { endpoint?: boolean; base?: number; dtype?: DType } = {}): Array {
  const lin = withDevice("cpu", () => linspace(start, stop, num, { endpoint: options.endpoint, dtype: "float64" })) as ConcreteArray;
  const base = options.base ?? 10;
  const d = dt(options.dtype, "logspace");
  const data = allocate(d, num);
  for (let i = 0; i < num; i++) data[i] = Math.pow(base, lin.data[i]);
  return placeNew(new ConcreteArray(data, [num], d));
}

/**
 * A 2-D array with ones on the k-th diagonal.
 *
 * @example
 * ```ts
 * np.eye(3);        // identity
 * np.eye(2, 3, 1);  // ones above the diagonal
 * ```
 */
export function eye(n: number, m?: number, k = 0, dtype?: DType): Array {
  const cols = m ?? n;
  checkShape([n, cols], "eye");
  const d = dt(dtype, "eye");
  const data = allocate(d, shapeSize([n, cols]));
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) data[i * cols + j] = 1;
  }
  return placeNew(new ConcreteArray(data, [n, cols], d));
}

/** The n × n identity. @example np.identity(2); */
export function identity(n: number, dtype?: DType): Array {
  return eye(n, n, 0, dtype);
}
