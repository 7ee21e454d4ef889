/**
 * The `nn` namespace (as `jax.nn`): activations and normalised exponentials.
 */
import { type Array } from "../core/array.js";
import { normalizeAxes } from "../core/shape.js";
import * as b from "../primitives/binary.js";
import * as u from "../primitives/unary.js";
import { fullLike } from "../primitives/constants.js";
import { reduceMax, reduceSum } from "../primitives/reduce.js";
import { reshape } from "../primitives/shape-ops.js";
import { stopGradient } from "../primitives/stop-gradient.js";
import { type ArrayLike, broadcastTo, promoteArgsFloat } from "../np/core.js";
import { logsumexp, softplus } from "../special/index.js";

export { logsumexp, softplus };

const f1 = (x: ArrayLike, where: string) => promoteArgsFloat(where, x)[0];

/** The logistic sigmoid. @example nn.sigmoid(0); // 0.5 */
export const sigmoid = (x: ArrayLike): Array => u.logistic(f1(x, "sigmoid"));
/** max(x, 0). @example nn.relu(np.array([-1, 2])); // [0, 2] */
export const relu = (x: ArrayLike): Array => {
  const a = f1(x, "relu");
  return b.max(a, fullLike(a, 0));
};
/** x · sigmoid(x) (a.k.a. swish). */
export const silu = (x: ArrayLike): Array => {
  const a = f1(x, "silu");
  return b.mul(a, u.logistic(a));
};
/** log sigmoid(x) = −softplus(−x). @example nn.logSigmoid(0); // -log 2 */
export const logSigmoid = (x: ArrayLike): Array => u.neg(softplus(u.neg(f1(x, "logSigmoid"))));

function shiftedByMax(x: Array, axes: number[]): [Array, number[]] {
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const m = stopGradient(reduceMax(x, axes));
  const safe = b.select(u.isFinite(m), m, fullLike(m, 0));
  return [b.sub(x, broadcastTo(reshape(safe, kept), x.shape)), kept];
}

/**
 * exp(x) / Σ exp(x) over `axis` (default the last).
 *
 * @example
 * ```ts
 * nn.softmax(np.array([0, Math.log(3)])); // [0.25, 0.75]
 * ```
 */
export function softmax(x: ArrayLike, options: { axis?: number | number[] } = {}): Array {
  const a = f1(x, "softmax");
  const axes = normalizeAxes(options.axis ?? -1, a.ndim, "softmax");
  const [z, kept] = shiftedByMax(a, axes);
  const e = u.exp(z);
  return b.div(e, broadcastTo(reshape(reduceSum(e, axes), kept), e.shape));
}

/**
 * x − logsumexp(x) over `axis` (default the last).
 *
 * @example
 * ```ts
 * nn.logSoftmax(np.array([0, 0])); // [-log 2, -log 2]
 * ```
 */
export function logSoftmax(x: ArrayLike, options: { axis?: number | number[] } = {}): Array {
  const a = f1(x, "logSoftmax");
  const axes = normalizeAxes(options.axis ?? -1, a.ndim, "logSoftmax");
  const [z, kept] = shiftedByMax(a, axes);
  const lse = u.log(reduceSum(u.exp(z), axes));
  return b.sub(z, broadcastTo(reshape(lse, kept), z.shape));
}
