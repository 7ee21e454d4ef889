/**
 * Elementwise CPU kernels over same-shaped operands.
 */
import { ConcreteArray } from "../../core/array.js";
import { type DType, allocate } from "../../core/dtype.js";

/** Apply `f` to every element. */
export function mapUnary(x: ConcreteArray, f: (v: number) => number, dtype: DType = x.dtype, weakType = x.weakType): ConcreteArray {
  const src = x.data;
  const n = src.length;
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) out[i] = f(src[i]);
  return new ConcreteArray(out, x.shape, dtype, weakType);
}

/** Apply `f` pairwise to two same-shaped arrays, or to an array and a rank-0 array. */
export function mapBinary(
  x: ConcreteArray,
  y: ConcreteArray,
  f: (a: number, b: number) => number,
  dtype: DType,
  weakType: boolean,
): ConcreteArray {
  const a = x.data;
  const b = y.data;
  const shape = x.ndim === 0 ? y.shape : x.shape;
  const n = x.ndim === 0 ? b.length : a.length;
  const out = allocate(dtype, n);
  if (x.ndim === 0 && y.ndim !== 0) {
    const av = a[0];
    for (let i = 0; i < n; i++) out[i] = f(av, b[i]);
  } else if (y.ndim === 0 && x.ndim !== 0) {
    const bv = b[0];
    for (let i = 0; i < n; i++) out[i] = f(a[i], bv);
  } else {
    for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
  }
  return new ConcreteArray(out, shape, dtype, weakType);
}

/** Apply `f` element by element to any number of same-shaped arrays. */
export function mapNary(xs: ConcreteArray[], f: (...v: number[]) => number, dtype: DType, weakType: boolean): ConcreteArray {
  const n = xs[0].size;
  const out = allocate(dtype, n);
  const args = new Array<number>(xs.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < xs.length; k++) args[k] = xs[k].data[i];
    out[i] = f(...args);
  }
  return new ConcreteArray(out, xs[0].shape, dtype, weakType);
}
