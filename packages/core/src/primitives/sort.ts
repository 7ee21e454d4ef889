/**
 * `sort`: sorts several same-shaped operands along their last axis by the first `numKeys`
 * of them (lexicographically), stably, with NaN after every number (as NumPy). The JVP
 * gathers the tangents through the permutation, found by sorting an iota alongside.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { allocate, isFloat } from "../core/dtype.js";
import { type Primitive, Zero, definePrimitive } from "../core/primitive.js";
import { bind } from "../core/trace.js";
import { fmtShape, shapeEqual } from "../core/shape.js";
import { batchSize, matchAxis } from "../interpreters/batching.js";
import { iota, takeAlongAxis } from "./gather.js";

interface SortParams {
  numKeys: number;
}

/** Three-way comparison with NaN greater than everything (NaNs equal to each other). */
function compareNanLast(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const na = a !== a;
  const nb = b !== b;
  return na === nb ? 0 : na ? 1 : -1;
}

function sortImpl(xs: ConcreteArray[], numKeys: number): ConcreteArray[] {
  const shape = xs[0].shape;
  const n = shape[shape.length - 1];
  const rows = n === 0 ? 0 : xs[0].size / n;
  const outs = xs.map((x) => allocate(x.dtype, x.size));
  const keys = xs.slice(0, numKeys).map((x) => x.data);
  const perm = new globalThis.Array<number>(n);
  for (let row = 0; row < rows; row++) {
    const base = row * n;
    for (let j = 0; j < n; j++) perm[j] = j;
    if (numKeys === 1) {
      const k = keys[0];
      perm.sort((i, j) => compareNanLast(k[base + i], k[base + j]) || i - j);
    } else {
      perm.sort((i, j) => {
        for (const k of keys) {
          const c = compareNanLast(k[base + i], k[base + j]);
          if (c !== 0) return c;
        }
        return i - j;
      });
    }
    xs.forEach((x, q) => {
      const src = x.data;
      const out = outs[q];
      for (let j = 0; j < n; j++) out[base + j] = src[base + perm[j]];
    });
  }
  return xs.map((x, q) => new ConcreteArray(outs[q], x.shape, x.dtype, x.weakType));
}

export const sortP: Primitive<SortParams> = definePrimitive<SortParams>({
  name: "sort",
  abstractEval: (xs, { numKeys }) => {
    const shape = xs[0].shape;
    if (shape.length === 0) throw new Error(`sort: operands must have at least one axis, got ${xs[0]}`);
    if (!xs.every((x) => shapeEqual(x.shape, shape))) throw new Error(`sort: operands must share one shape, got ${xs.map(String).join(", ")}`);
    if (!Number.isInteger(numKeys) || numKeys < 1 || numKeys > xs.length) throw new Error(`sort: numKeys ${numKeys} must be between 1 and ${xs.length}`);
    return xs;
  },
  impl: (xs, { numKeys }) => sortImpl(xs, numKeys),
  jvp: (xs, ts, p) => {
    const last = xs[0].ndim - 1;
    const outs = bind(sortP, [...xs, iota(xs[0].shape, last)], p);
    const perm = outs[outs.length - 1];
    const sorted = outs.slice(0, -1);
    const touts = ts.map((t, i) => (t instanceof Zero || !isFloat(xs[i].dtype) ? new Zero(sorted[i].aval) : takeAlongAxis(t, perm, last)));
    return [sorted, touts];
  },
  batch: (xs, ds, p) => {
    const size = batchSize(xs, ds);
    const aligned = xs.map((x, i) => matchAxis(x, ds[i], size, 0));
    return [bind(sortP, aligned, p), aligned.map(() => 0)];
  },
  formatParams: ({ numKeys }) => `[num_keys=${numKeys}]`,
});

/**
 * Sort `operands` (one shape) along their last axis by the first `numKeys` of them, stably,
 * NaN last; every operand is permuted the same way. Differentiable (through the permutation).
 *
 * @example
 * ```ts
 * const [keys, perm] = lax.sort([np.array([3, 1, 2]), np.arange(3)]);
 * perm.tolist(); // [1, 2, 0]
 * ```
 */
export function sort(operands: readonly Array[], numKeys = 1): Array[] {
  if (operands.length === 0) throw new Error("sort: needs at least one operand");
  const shape = operands[0].shape;
  operands.forEach((x, i) => {
    if (!shapeEqual(x.shape, shape)) throw new Error(`sort: operand ${i} has shape ${fmtShape(x.shape)}, operand 0 has ${fmtShape(shape)}`);
  });
  return bind(sortP, operands, { numKeys });
}
