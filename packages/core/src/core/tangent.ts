/**
 * Helpers for tangents and cotangents with symbolic zeros.
 */
import { type Array, ConcreteArray } from "./array.js";
import { ShapedArray } from "./aval.js";
import { allocate } from "./dtype.js";
import { type Tangent, Zero } from "./primitive.js";
import { addAny } from "../primitives/add-any.js";

/** The aval of a tangent for a primal aval (same shape and dtype). */
export function tangentAval(aval: ShapedArray): ShapedArray {
  return aval;
}

/** A concrete array of zeros for an aval. */
export function zerosFor(aval: ShapedArray): ConcreteArray {
  return new ConcreteArray(allocate(aval.dtype, aval.size), aval.shape, aval.dtype, aval.weakType);
}

/** Materialise a symbolic zero. */
export function instantiate(t: Tangent): Array {
  return t instanceof Zero ? zerosFor(t.aval) : t;
}

/** Sum of two tangents, keeping symbolic zeros symbolic. */
export function addTangents(a: Tangent, b: Tangent): Tangent {
  if (a instanceof Zero) return b;
  if (b instanceof Zero) return a;
  return addAny(a, b);
}

/** Apply a linear function to a tangent, passing symbolic zeros through (with the output aval). */
export function mapTangent(t: Tangent, f: (x: Array) => Array, zeroAval: ShapedArray): Tangent {
  return t instanceof Zero ? new Zero(zeroAval) : f(t);
}

/** True for a symbolic zero. */
export function isZero(t: Tangent | null | undefined): t is Zero {
  return t instanceof Zero;
}

/** Zero with a different shape but the same dtype. */
export function zeroWithShape(like: ShapedArray, shape: readonly number[]): Zero {
  return new Zero(new ShapedArray(shape, like.dtype, like.weakType));
}
