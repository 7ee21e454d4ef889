/**
 * The CPU backend's data-movement kernel: a strided gather that implements transpose,
 * broadcast, slicing and reversal in one loop.
 */
import { ConcreteArray } from "../../core/array.js";
import { type DType, type TypedArray, allocate } from "../../core/dtype.js";
import { type Shape, shapeSize } from "../../core/shape.js";

/**
 * out[i0, …, ik] = src[offset + Σ ij * strides[j]] for every index of `outShape`.
 * Strides may be 0 (broadcast) or negative (reversal).
 */
export function stridedCopy(src: TypedArray, offset: number, strides: readonly number[], outShape: Shape, out: TypedArray): void {
  const rank = outShape.length;
  const n = shapeSize(outShape);
  if (n === 0) return;
  if (rank === 0) {
    out[0] = src[offset];
    return;
  }
  const inner = outShape[rank - 1];
  const innerStride = strides[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let base = offset;
  let o = 0;
  while (o < n) {
    if (innerStride === 1) {
      for (let i = 0; i < inner; i++) out[o + i] = src[base + i];
    } else if (innerStride === 0) {
      const v = src[base];
      for (let i = 0; i < inner; i++) out[o + i] = v;
    } else {
      for (let i = 0, p = base; i < inner; i++, p += innerStride) out[o + i] = src[p];
    }
    o += inner;
    // Advance the outer index (axes rank-2 … 0).
    let ax = rank - 2;
    while (ax >= 0) {
      idx[ax]++;
      base += strides[ax];
      if (idx[ax] < outShape[ax]) break;
      base -= strides[ax] * outShape[ax];
      idx[ax] = 0;
      ax--;
    }
  }
}

/** A new concrete array from a strided view of `x`. */
export function stridedView(x: ConcreteArray, offset: number, strides: readonly number[], outShape: Shape, dtype: DType = x.dtype): ConcreteArray {
  const out = allocate(dtype, shapeSize(outShape));
  stridedCopy(x.data, offset, strides, outShape, out);
  return new ConcreteArray(out, outShape, dtype, x.weakType);
}

/** dst[offset + Σ ij * strides[j]] = src[i0, …, ik] for every index of `shape` (row-major src). */
export function stridedWrite(dst: TypedArray, offset: number, strides: readonly number[], shape: Shape, src: TypedArray): void {
  const rank = shape.length;
  const n = shapeSize(shape);
  if (n === 0) return;
  if (rank === 0) {
    dst[offset] = src[0];
    return;
  }
  const inner = shape[rank - 1];
  const innerStride = strides[rank - 1];
  const idx = new Array<number>(rank).fill(0);
  let base = offset;
  let o = 0;
  while (o < n) {
    for (let i = 0, p = base; i < inner; i++, p += innerStride) dst[p] = src[o + i];
    o += inner;
    let ax = rank - 2;
    while (ax >= 0) {
      idx[ax]++;
      base += strides[ax];
      if (idx[ax] < shape[ax]) break;
      base -= strides[ax] * shape[ax];
      idx[ax] = 0;
      ax--;
    }
  }
}
