/**
 * `custom_lin`: the linear part of a function with a custom VJP. It stands in a
 * linearised program for the user's backward pass, which its transpose rule calls.
 */
import { type Array } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { type Primitive, UndefPrimal, Zero, definePrimitive } from "../core/primitive.js";
import { type FlatBwd, bind } from "../core/trace.js";
import { instantiate } from "../core/tangent.js";
import { batchSize, matchAxis, vmapFlat } from "../interpreters/batching.js";

interface CustomLinParams {
  numRes: number;
  bwd: FlatBwd;
  outAvals: ShapedArray[];
}

/** Forward mode met a `customVjp` function, which has no JVP (`grad` then falls back to reverse mode). */
export class NoForwardModeError extends Error {
  constructor() {
    super("Forward-mode differentiation (jvp, jacfwd, hessian) of a function defined with customVjp is not supported; use customJvp, or jacrev.");
    this.name = "NoForwardModeError";
  }
}

const forwardError = () => new NoForwardModeError();

export const customLinP: Primitive<CustomLinParams> = definePrimitive<CustomLinParams>({
  name: "custom_lin",
  linear: true,
  abstractEval: (_avals, { outAvals }) => outAvals,
  impl: () => {
    throw forwardError();
  },
  jvp: () => {
    throw forwardError();
  },
  batch: (args, dims, p) => {
    const size = batchSize(args, dims);
    const aligned = args.map((a, i) => matchAxis(a, dims[i], size, 0));
    const bwd: FlatBwd = (res, cts) =>
      vmapFlat((...xs) => p.bwd(xs.slice(0, res.length), xs.slice(res.length)).map(instantiate), size, [...res, ...cts].map(() => 0), () => 0, [...res, ...cts]);
    const outAvals = p.outAvals.map((a) => new ShapedArray([size, ...a.shape], a.dtype, a.weakType));
    return [bind(customLinP, aligned, { numRes: p.numRes, bwd, outAvals }), outAvals.map(() => 0)];
  },
  transpose: (cts, args, { numRes, bwd }) => {
    const res = args.slice(0, numRes) as Array[];
    const tangents = args.slice(numRes) as UndefPrimal[];
    const ctsIn = bwd(res, cts.map(instantiate));
    if (ctsIn.length !== tangents.length) {
      throw new Error(`customVjp: the backward function returned ${ctsIn.length} cotangents for ${tangents.length} inputs`);
    }
    return [...res.map(() => null), ...ctsIn.map((c, i) => (c === null || c === undefined ? new Zero(tangents[i].aval) : c))];
  },
  formatParams: (p) => `[num_res=${p.numRes}]`,
});
