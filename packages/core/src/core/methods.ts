/**
 * Methods on arrays for the common operations, delegating to `np` (as JAX's array methods).
 */
import { Array } from "./array.js";
import { type DType } from "./dtype.js";
import * as np from "../np/index.js";
import { type ArrayLike } from "../np/core.js";
import { type ReduceOptions, type VarOptions } from "../np/reductions.js";
import { type IndexSpec, type IndexUpdateRef } from "../np/indexing.js";

declare module "./array.js" {
  interface Array {
    /** this + y. */ add(y: ArrayLike): Array;
    /** this - y. */ sub(y: ArrayLike): Array;
    /** this * y. */ mul(y: ArrayLike): Array;
    /** this / y (true division). */ div(y: ArrayLike): Array;
    /** this ** y. */ pow(y: ArrayLike): Array;
    /** this mod y (sign of y). */ mod(y: ArrayLike): Array;
    /** -this. */ neg(): Array;
    /** 1 / this. */ reciprocal(): Array;
    /** |this|. */ abs(): Array;
    /** e^this. */ exp(): Array;
    /** log(this). */ log(): Array;
    /** sqrt(this). */ sqrt(): Array;
    /** this². */ square(): Array;
    /** sin(this). */ sin(): Array;
    /** cos(this). */ cos(): Array;
    /** tanh(this). */ tanh(): Array;
    /** Elementwise maximum. */ maximum(y: ArrayLike): Array;
    /** Elementwise minimum. */ minimum(y: ArrayLike): Array;
    /** this == y. */ eq(y: ArrayLike): Array;
    /** this != y. */ ne(y: ArrayLike): Array;
    /** this < y. */ lt(y: ArrayLike): Array;
    /** this <= y. */ le(y: ArrayLike): Array;
    /** this > y. */ gt(y: ArrayLike): Array;
    /** this >= y. */ ge(y: ArrayLike): Array;
    /** Sum over axes. */ sum(options?: ReduceOptions | number): Array;
    /** Mean over axes. */ mean(options?: ReduceOptions | number): Array;
    /** Product over axes. */ prod(options?: ReduceOptions | number): Array;
    /** Maximum over axes. */ max(options?: ReduceOptions | number): Array;
    /** Minimum over axes. */ min(options?: ReduceOptions | number): Array;
    /** Index of the maximum. */ argmax(axis?: number): Array;
    /** Index of the minimum. */ argmin(axis?: number): Array;
    /** Variance. */ var(options?: VarOptions | number): Array;
    /** Standard deviation. */ std(options?: VarOptions | number): Array;
    /** Any truthy. */ any(options?: ReduceOptions | number): Array;
    /** All truthy. */ all(options?: ReduceOptions | number): Array;
    /** Cumulative sum. */ cumsum(axis?: number): Array;
    /** New shape (one -1 allowed). */ reshape(shape: readonly number[] | number): Array;
    /** Permute axes (default reverse). */ transpose(axes?: readonly number[]): Array;
    /** The transpose (axes reversed). */ readonly T: Array;
    /** Flatten to 1-D. */ ravel(): Array;
    /** Flatten to 1-D. */ flatten(): Array;
    /** Remove size-1 axes. */ squeeze(axis?: number | number[]): Array;
    /** Insert a size-1 axis. */ expandDims(axis: number | number[]): Array;
    /** Cast to a dtype. */ astype(dtype: DType): Array;
    /** Clip to [min, max]. */ clip(min?: ArrayLike, max?: ArrayLike): Array;
    /** Matrix product. */ matmul(y: ArrayLike): Array;
    /** Dot product (NumPy's dot). */ dot(y: ArrayLike): Array;
    /** Round to decimals. */ round(decimals?: number): Array;
    /** NumPy-style indexing: integers, np.s(start, stop, step), null, "...", index arrays, masks. */ index(...specs: IndexSpec[]): Array;
    /** Functional updates, as JAX's x.at[...]: x.at(i).set(v), .add(v), .mul(v), .min(v), .max(v), .get(). */ at(...specs: IndexSpec[]): IndexUpdateRef;
    /** Take elements along an axis (flattened when no axis). */ take(indices: ArrayLike, axis?: number): Array;
    /** Sorted copy along an axis (default the last). */ sort(axis?: number | null): Array;
    /** Indices that sort along an axis (default the last). */ argsort(axis?: number | null): Array;
  }
}

const axisOpt = (o: ReduceOptions | number | undefined): ReduceOptions => (typeof o === "number" ? { axis: o } : (o ?? {}));

type Linalg = { matmul(a: ArrayLike, b: ArrayLike): Array; dot(a: ArrayLike, b: ArrayLike): Array };
let linalg: Linalg | null = null;

/** Give the methods access to the matrix functions (set once by the package index). */
export function setLinalgMethods(impl: Linalg): void {
  linalg = impl;
}

const proto = Array.prototype as any;
Object.assign(proto, {
  add(this: Array, y: ArrayLike) {
    return np.add(this, y);
  },
  sub(this: Array, y: ArrayLike) {
    return np.subtract(this, y);
  },
  mul(this: Array, y: ArrayLike) {
    return np.multiply(this, y);
  },
  div(this: Array, y: ArrayLike) {
    return np.divide(this, y);
  },
  pow(this: Array, y: ArrayLike) {
    return np.power(this, y);
  },
  mod(this: Array, y: ArrayLike) {
    return np.mod(this, y);
  },
  neg(this: Array) {
    return np.negative(this);
  },
  reciprocal(this: Array) {
    return np.reciprocal(this);
  },
  abs(this: Array) {
    return np.abs(this);
  },
  exp(this: Array) {
    return np.exp(this);
  },
  log(this: Array) {
    return np.log(this);
  },
  sqrt(this: Array) {
    return np.sqrt(this);
  },
  square(this: Array) {
    return np.square(this);
  },
  sin(this: Array) {
    return np.sin(this);
  },
  cos(this: Array) {
    return np.cos(this);
  },
  tanh(this: Array) {
    return np.tanh(this);
  },
  maximum(this: Array, y: ArrayLike) {
    return np.maximum(this, y);
  },
  minimum(this: Array, y: ArrayLike) {
    return np.minimum(this, y);
  },
  eq(this: Array, y: ArrayLike) {
    return np.equal(this, y);
  },
  ne(this: Array, y: ArrayLike) {
    return np.notEqual(this, y);
  },
  lt(this: Array, y: ArrayLike) {
    return np.less(this, y);
  },
  le(this: Array, y: ArrayLike) {
    return np.lessEqual(this, y);
  },
  gt(this: Array, y: ArrayLike) {
    return np.greater(this, y);
  },
  ge(this: Array, y: ArrayLike) {
    return np.greaterEqual(this, y);
  },
  sum(this: Array, o?: ReduceOptions | number) {
    return np.sum(this, axisOpt(o));
  },
  mean(this: Array, o?: ReduceOptions | number) {
    return np.mean(this, axisOpt(o));
  },
  prod(this: Array, o?: ReduceOptions | number) {
    return np.prod(this, axisOpt(o));
  },
  max(this: Array, o?: ReduceOptions | number) {
    return np.max(this, axisOpt(o));
  },
  min(this: Array, o?: ReduceOptions | number) {
    return np.min(this, axisOpt(o));
  },
  argmax(this: Array, axis?: number) {
    return np.argmax(this, { axis });
  },
  argmin(this: Array, axis?: number) {
    return np.argmin(this, { axis });
  },
  var(this: Array, o?: VarOptions | number) {
    return np.var(this, axisOpt(o));
  },
  std(this: Array, o?: VarOptions | number) {
    return np.std(this, axisOpt(o));
  },
  any(this: Array, o?: ReduceOptions | number) {
    return np.any(this, axisOpt(o));
  },
  all(this: Array, o?: ReduceOptions | number) {
    return np.all(this, axisOpt(o));
  },
  cumsum(this: Array, axis?: number) {
    return np.cumsum(this, { axis });
  },
  reshape(this: Array, shape: readonly number[] | number) {
    return np.reshape(this, shape);
  },
  transpose(this: Array, axes?: readonly number[]) {
    return np.transpose(this, axes);
  },
  ravel(this: Array) {
    return np.ravel(this);
  },
  flatten(this: Array) {
    return np.ravel(this);
  },
  squeeze(this: Array, axis?: number | number[]) {
    return np.squeeze(this, axis);
  },
  expandDims(this: Array, axis: number | number[]) {
    return np.expandDims(this, axis);
  },
  astype(this: Array, dtype: DType) {
    return np.array(this, dtype);
  },
  clip(this: Array, min?: ArrayLike, max?: ArrayLike) {
    return np.clip(this, min, max);
  },
  matmul(this: Array, y: ArrayLike) {
    if (linalg === null) throw new Error("internal: linalg methods not installed");
    return linalg.matmul(this, y);
  },
  dot(this: Array, y: ArrayLike) {
    if (linalg === null) throw new Error("internal: linalg methods not installed");
    return linalg.dot(this, y);
  },
  round(this: Array, decimals?: number) {
    return np.round(this, decimals);
  },
  index(this: Array, ...specs: IndexSpec[]) {
    return np.index(this, ...specs);
  },
  at(this: Array, ...specs: IndexSpec[]) {
    return np.at(this, ...specs);
  },
  take(this: Array, indices: ArrayLike, axis?: number) {
    return np.take(this, indices, { axis });
  },
  sort(this: Array, axis: number | null = -1) {
    return np.sort(this, { axis });
  },
  argsort(this: Array, axis: number | null = -1) {
    return np.argsort(this, { axis });
  },
});
Object.defineProperty(proto, "T", {
  get(this: Array) {
    return np.transpose(this);
  },
});
