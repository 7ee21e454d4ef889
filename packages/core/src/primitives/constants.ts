/**
 * Concrete constants shaped like another value (used inside rules).
 */
import { ConcreteArray } from "../core/array.js";
import { type ShapedArray } from "../core/aval.js";
import { type DType, allocate, castScalar } from "../core/dtype.js";
import { shapeSize } from "../core/shape.js";

/** A concrete array of `value` with the shape and dtype of `like` (an array, tracer or aval holder). */
export function fullLike(like: { aval: ShapedArray }, value: number, dtype: DType = like.aval.dtype): ConcreteArray {
  return full(like.aval.shape, value, dtype, like.aval.weakType && dtype === like.aval.dtype);
}

/** A concrete array filled with `value`. */
export function full(shape: readonly number[], value: number, dtype: DType, weakType = false): ConcreteArray {
  const data = allocate(dtype, shapeSize(shape));
  const v = castScalar(value, dtype);
  if (v !== 0) data.fill(v);
  return new ConcreteArray(data, shape, dtype, weakType);
}

/** A concrete scalar. */
export function scalar(value: number, dtype: DType, weakType = false): ConcreteArray {
  return full([], value, dtype, weakType);
}
