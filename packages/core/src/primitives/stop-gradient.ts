/**
 * `stop_gradient`: the identity whose derivative is zero.
 */
import { type Array } from "../core/array.js";
import { type Primitive, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";

export const stopGradientP: Primitive<null> = definePrimitive<null>({
  name: "stop_gradient",
  abstractEval: ([x]) => [x],
  impl: ([x]) => [x],
  jvp: ([x]) => {
    const y = bind1(stopGradientP, [x], null);
    return [[y], [new Zero(y.aval)]];
  },
  batch: ([x], [d]) => [[bind1(stopGradientP, [x], null)], [d]],
  fusion: { kind: "elementwise", expr: ([x]) => x },
});

/**
 * The identity, with a zero derivative: gradients do not flow through it.
 *
 * @example
 * ```ts
 * grad((x) => x.mul(stopGradient(x)))(3); // 3, not 6
 * ```
 */
export function stopGradient(x: Array): Array {
  return bind1(stopGradientP, [x], null);
}
