/**
 * `add_any`: the sum of two tangents or cotangents of the same aval (JAX's `add_any`).
 */
import { type Array, type ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { fmtShape, shapeEqual } from "../core/shape.js";
import { mapBinary } from "../backend/cpu/elementwise.js";
import { addTangents } from "../core/tangent.js";
import { matchAxis } from "../interpreters/batching.js";

export const addAnyP = definePrimitive<null>({
  name: "add_any",
  linear: true,
  abstractEval: ([x, y]) => {
    if (!shapeEqual(x.shape, y.shape) || x.dtype !== y.dtype) {
      throw new Error(`add_any: operands ${x} and ${y} differ`);
    }
    return [new ShapedArray(x.shape, x.dtype, x.weakType && y.weakType)];
  },
  impl: ([x, y]: ConcreteArray[]) => [mapBinary(x, y, (a, b) => a + b, x.dtype, x.weakType && y.weakType)],
  jvp: ([x, y], [tx, ty]) => [[addAny(x, y)], [addTangents(tx, ty)]],
  batch: ([x, y], [dx, dy]) => {
    const size = dx !== null ? x.shape[dx] : y.shape[dy!];
    return [[addAny(matchAxis(x, dx, size, 0), matchAxis(y, dy, size, 0))], [0]];
  },
  transpose: ([ct]) => [ct, ct],
  fusion: { kind: "elementwise", expr: ([x, y]) => `${x} + ${y}` },
});

/** Sum of two same-shaped tangents. */
export function addAny(x: Array, y: Array): Array {
  if (!shapeEqual(x.shape, y.shape)) throw new Error(`add_any: shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)} differ`);
  return bind1(addAnyP, [x, y], null);
}
