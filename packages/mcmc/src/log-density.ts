/**
 * The target of every kernel: a log density on a flat `Float64Array` position, with its gradient.
 *
 * @module
 */
import { type Array, ConcreteArray, jit, np, valueAndGrad } from "@orrery/core";

/**
 * A log density (up to a constant) on `R^dim` and its gradient. `valueAndGrad` writes the
 * gradient into `gradOut` and returns the value; it must not keep references to its arguments.
 * A NaN value is treated by the kernels as `-Infinity` (a rejected, divergent point).
 * `value`, when given, evaluates the density alone (used by gradient-free kernels).
 */
export interface LogDensity {
  readonly dim: number;
  valueAndGrad(position: Float64Array, gradOut: Float64Array): number;
  value?(position: Float64Array): number;
}

/**
 * A {@link LogDensity} from an Orrery function of a 1-D float64 array: `jit(valueAndGrad(logp))`
 * lowered once for the example position, then called through the compiled program's `runInto`
 * (no tracing, no allocation per call).
 *
 * @param logp the log density, a function of an Array of shape `[dim]` returning a scalar.
 * @param example the dimension, or an example position (its values do not matter, only its length).
 * @example
 * ```ts
 * import { np } from "@orrery/core";
 * const ld = fromOrrery((x) => np.sum(x.square()).mul(-0.5), 3);
 * const g = new Float64Array(3);
 * ld.valueAndGrad(Float64Array.of(1, 2, 3), g); // -7, g = [-1, -2, -3]
 * ```
 */
export function fromOrrery(logp: (x: Array) => Array, example: number | Float64Array | Array): LogDensity {
  let x0: Array;
  if (typeof example === "number") {
    if (!Number.isInteger(example) || example < 1) throw new RangeError(`fromOrrery: the dimension must be a positive integer; got ${example}`);
    x0 = np.zeros([example]);
  } else if (example instanceof Float64Array) {
    x0 = np.array(example);
  } else {
    x0 = example;
  }
  if (x0.ndim !== 1 || x0.dtype !== "float64") {
    throw new TypeError(`fromOrrery: the example position must be a 1-D float64 array; got ${x0.dtype}[${x0.shape.join(", ")}]`);
  }
  const dim = x0.shape[0];
  if (!(x0 instanceof ConcreteArray)) throw new TypeError("fromOrrery: the example position must be a concrete array (not a traced value)");
  const compiled = jit(valueAndGrad(logp)).lower(x0);
  if (compiled.outAvals.length !== 2 || compiled.outAvals[0].shape.length !== 0) {
    throw new TypeError(`fromOrrery: logp must return a scalar; got shape [${compiled.outAvals[0]?.shape.join(", ")}]`);
  }
  const runInto = compiled.runInto;
  const value = new Float64Array(1);
  const ins: Float64Array[] = [new Float64Array(dim)];
  const outs: Float64Array[] = [value, new Float64Array(dim)];
  const scratch = new Float64Array(dim);
  return {
    dim,
    valueAndGrad(position: Float64Array, gradOut: Float64Array): number {
      ins[0] = position;
      outs[1] = gradOut;
      runInto(ins, outs);
      return value[0];
    },
    value(position: Float64Array): number {
      ins[0] = position;
      outs[1] = scratch;
      runInto(ins, outs);
      return value[0];
    },
  };
}

/**
 * A {@link LogDensity} from hand-written JS: `fn(position, gradOut)` returns the log density and
 * writes its gradient into `gradOut`. `value`, if given, computes the density alone.
 *
 * @example
 * ```ts
 * // A standard normal in 2 dimensions.
 * const ld = fromFunction(2, (x, g) => {
 *   g[0] = -x[0]; g[1] = -x[1];
 *   return -0.5 * (x[0] * x[0] + x[1] * x[1]);
 * });
 * ```
 */
export function fromFunction(
  dim: number,
  fn: (position: Float64Array, gradOut: Float64Array) => number,
  value?: (position: Float64Array) => number,
): LogDensity {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`fromFunction: dim must be a positive integer; got ${dim}`);
  const scratch = new Float64Array(dim);
  return {
    dim,
    valueAndGrad: fn,
    value: value ?? ((position: Float64Array) => fn(position, scratch)),
  };
}

/**
 * The density's value alone: `ld.value` when present, otherwise `valueAndGrad` into `scratch`.
 * NaN becomes `-Infinity`.
 *
 * @example
 * ```ts
 * const v = logDensityValue(ld, x, new Float64Array(ld.dim));
 * ```
 */
export function logDensityValue(ld: LogDensity, position: Float64Array, scratch: Float64Array): number {
  const v = ld.value !== undefined ? ld.value(position) : ld.valueAndGrad(position, scratch);
  return v === v ? v : -Infinity;
}
