/**
 * Elementwise CPU kernels over same-shaped operands.
 */
import { ConcreteArray } from "../../core/array.js";
import { type DType, allocate } from "../../core/dtype.js";
import { bindLibCalls, scalarLib } from "./scalar-lib.js";

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

type UnaryKernel = (a: ArrayLike<number>, out: { [i: number]: number }, n: number) => void;
type BinaryKernel = (a: ArrayLike<number>, b: ArrayLike<number>, out: { [i: number]: number }, n: number, mode: number) => void;

const unaryKernels = new Map<string, UnaryKernel>();
const binaryKernels = new Map<string, BinaryKernel>();

/**
 * A loop specialised to a JS expression in `x` (e.g. `Math.exp(x)`), compiled once and
 * cached; helpers are reachable as `lib.name(...)`.
 */
export function unaryKernel(expr: string): UnaryKernel {
  let k = unaryKernels.get(expr);
  if (k === undefined) {
    const { decls, body } = bindLibCalls(expr);
    k = new Function("lib", `"use strict"; ${decls} return function unary(a, out, n) { for (let i = 0; i < n; i++) { const x = a[i]; out[i] = ${body}; } };`)(
      scalarLib,
    ) as UnaryKernel;
    unaryKernels.set(expr, k);
  }
  return k;
}

/** A loop specialised to a JS expression in `x` and `y`; mode 0: same shapes, 1: x scalar, 2: y scalar. */
export function binaryKernel(expr: string): BinaryKernel {
  let k = binaryKernels.get(expr);
  if (k === undefined) {
    const { decls, body } = bindLibCalls(expr);
    k = new Function(
      "lib",
      `"use strict"; ${decls} return function binary(a, b, out, n, mode) {
        if (mode === 0) { for (let i = 0; i < n; i++) { const x = a[i], y = b[i]; out[i] = ${body}; } }
        else if (mode === 1) { const x = a[0]; for (let i = 0; i < n; i++) { const y = b[i]; out[i] = ${body}; } }
        else { const y = b[0]; for (let i = 0; i < n; i++) { const x = a[i]; out[i] = ${body}; } }
      };`,
    )(scalarLib) as BinaryKernel;
    binaryKernels.set(expr, k);
  }
  return k;
}

/** Apply a unary expression template elementwise. */
export function mapUnaryExpr(x: ConcreteArray, expr: string, dtype: DType, weakType: boolean): ConcreteArray {
  const out = allocate(dtype, x.size);
  unaryKernel(expr)(x.data, out, x.size);
  return new ConcreteArray(out, x.shape, dtype, weakType);
}

/** Apply a binary expression template to same-shaped operands or with a rank-0 operand. */
export function mapBinaryExpr(x: ConcreteArray, y: ConcreteArray, expr: string, dtype: DType, weakType: boolean): ConcreteArray {
  const mode = x.ndim === 0 && y.ndim !== 0 ? 1 : y.ndim === 0 && x.ndim !== 0 ? 2 : 0;
  const shape = mode === 1 ? y.shape : x.shape;
  const n = mode === 1 ? y.size : x.size;
  const out = allocate(dtype, n);
  binaryKernel(expr)(x.data, y.data, out, n, mode);
  return new ConcreteArray(out, shape, dtype, weakType);
}

/** Substitute operand expressions for the variables x, y, z of a template. */
export function fillTemplate(template: string, args: string[]): string {
  const names = ["x", "y", "z"];
  return template.replace(/\b([xyz])\b/g, (m) => {
    const i = names.indexOf(m);
    return i < args.length ? `(${args[i]})` : m;
  });
}
