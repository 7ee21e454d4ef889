/**
 * `dot_general`: generalised tensor contraction with batch dimensions (XLA semantics), the
 * primitive behind matmul, einsum and the linear-algebra JVPs.
 *
 * Output axes: the batch dims (in the order given), then the lhs free dims, then the rhs
 * free dims (each in ascending axis order).
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { type TypedArray, allocate, isInteger } from "../core/dtype.js";
import { type BDim, type Primitive, type Tangent, UndefPrimal, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { range, shapeSize, stridesOf } from "../core/shape.js";
import { addTangents, mapTangent } from "../core/tangent.js";
import { stridedCopy } from "../backend/cpu/strided.js";
import { transpose } from "./shape-ops.js";

/** Dimension numbers: `contracting: [lhsDims, rhsDims]`, `batch: [lhsDims, rhsDims]`. */
export interface DotGeneralParams {
  readonly contracting: readonly [readonly number[], readonly number[]];
  readonly batch: readonly [readonly number[], readonly number[]];
}

/** Axes of a rank-`rank` operand that are neither contracted nor batch, ascending. */
function freeDims(rank: number, contract: readonly number[], batch: readonly number[]): number[] {
  return range(rank).filter((i) => !contract.includes(i) && !batch.includes(i));
}

function checkDims(name: string, dims: readonly number[], rank: number, shapeStr: string): void {
  const seen = new Set<number>();
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d >= rank || seen.has(d)) {
      throw new Error(`dot_general: ${name} dimensions [${dims.join(", ")}] are invalid for an operand ${shapeStr}`);
    }
    seen.add(d);
  }
}

function dotAval(x: ShapedArray, y: ShapedArray, p: DotGeneralParams): ShapedArray {
  const [lc, rc] = p.contracting;
  const [lb, rb] = p.batch;
  if (x.dtype !== y.dtype) throw new Error(`dot_general: operand dtypes differ: ${x} and ${y} (lax ops do not promote; use np.matmul)`);
  if (x.dtype === "bool") throw new Error(`dot_general: not defined for bool operands (${x}); convert to int32 or a float first`);
  checkDims("lhs contracting", lc, x.ndim, x.toString());
  checkDims("rhs contracting", rc, y.ndim, y.toString());
  checkDims("lhs batch", lb, x.ndim, x.toString());
  checkDims("rhs batch", rb, y.ndim, y.toString());
  if (lc.length !== rc.length || lb.length !== rb.length) {
    throw new Error(`dot_general: lhs and rhs must name as many contracting and batch dims: ${JSON.stringify(p)}`);
  }
  if (lc.some((d) => lb.includes(d)) || rc.some((d) => rb.includes(d))) {
    throw new Error(`dot_general: a dimension is both contracting and batch: ${JSON.stringify(p)}`);
  }
  lc.forEach((d, i) => {
    if (x.shape[d] !== y.shape[rc[i]]) {
      throw new Error(`dot_general: contracting dims differ in size: lhs ${x} axis ${d} vs rhs ${y} axis ${rc[i]}`);
    }
  });
  lb.forEach((d, i) => {
    if (x.shape[d] !== y.shape[rb[i]]) throw new Error(`dot_general: batch dims differ in size: lhs ${x} axis ${d} vs rhs ${y} axis ${rb[i]}`);
  });
  const shape = [
    ...lb.map((d) => x.shape[d]),
    ...freeDims(x.ndim, lc, lb).map((d) => x.shape[d]),
    ...freeDims(y.ndim, rc, rb).map((d) => y.shape[d]),
  ];
  return new ShapedArray(shape, x.dtype, x.weakType && y.weakType);
}

/** Gather `x` with its axes in `perm` order into a fresh row-major buffer (no copy when already in order). */
function gather(x: ConcreteArray, perm: number[]) {
  if (perm.every((p, i) => p === i)) return x.data;
  const s = stridesOf(x.shape);
  const out = allocate(x.dtype, x.size);
  stridedCopy(x.data, 0, perm.map((p) => s[p]), perm.map((p) => x.shape[p]), out);
  return out;
}

function dotImpl(x: ConcreteArray, y: ConcreteArray, p: DotGeneralParams): ConcreteArray {
  const aval = dotAval(x.aval, y.aval, p);
  const [lc, rc] = p.contracting;
  const [lb, rb] = p.batch;
  const lf = freeDims(x.ndim, lc, lb);
  const rf = freeDims(y.ndim, rc, rb);
  const B = shapeSize(lb.map((d) => x.shape[d]));
  const M = shapeSize(lf.map((d) => x.shape[d]));
  const N = shapeSize(rf.map((d) => y.shape[d]));
  const K = shapeSize(lc.map((d) => x.shape[d]));
  // lhs as [B, M, K] and rhs as [B, N, K]: both inner loops run over contiguous memory.
  const a = gather(x, [...lb, ...lf, ...lc]);
  const b = gather(y, [...rb, ...rf, ...rc]);
  const out = allocate(aval.dtype, B * M * N);
  if (isInteger(aval.dtype)) {
    const wrap = aval.dtype === "uint32" ? (v: number) => v >>> 0 : (v: number) => v | 0;
    for (let bi = 0; bi < B; bi++) {
      for (let i = 0; i < M; i++) {
        const ao = (bi * M + i) * K;
        for (let j = 0; j < N; j++) {
          const bo = (bi * N + j) * K;
          let acc = 0;
          for (let k = 0; k < K; k++) acc = (acc + Math.imul(a[ao + k], b[bo + k])) | 0;
          out[(bi * M + i) * N + j] = wrap(acc);
        }
      }
    }
  } else {
    floatKernel(a, b, out, B, M, N, K);
  }
  return new ConcreteArray(out, aval.shape, aval.dtype, aval.weakType);
}

/**
 * out[b, i, j] = Σ_k a[b, i, k] · bt[b, j, k] on row-major buffers. Four output columns at
 * a time share each load of a[b, i, k], so the inner loop does 4 multiply-adds per 5 loads.
 */
function floatKernel(a: TypedArray, bt: TypedArray, out: TypedArray, B: number, M: number, N: number, K: number): void {
  for (let bi = 0; bi < B; bi++) {
    const aBase = bi * M * K;
    const bBase = bi * N * K;
    for (let i = 0; i < M; i++) {
      const ao = aBase + i * K;
      const oo = (bi * M + i) * N;
      let j = 0;
      for (; j + 3 < N; j += 4) {
        const b0 = bBase + j * K;
        const b1 = b0 + K;
        const b2 = b1 + K;
        const b3 = b2 + K;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let k = 0; k < K; k++) {
          const av = a[ao + k];
          s0 += av * bt[b0 + k];
          s1 += av * bt[b1 + k];
          s2 += av * bt[b2 + k];
          s3 += av * bt[b3 + k];
        }
        out[oo + j] = s0;
        out[oo + j + 1] = s1;
        out[oo + j + 2] = s2;
        out[oo + j + 3] = s3;
      }
      for (; j < N; j++) {
        const bo = bBase + j * K;
        let s0 = 0;
        for (let k = 0; k < K; k++) s0 += a[ao + k] * bt[bo + k];
        out[oo + j] = s0;
      }
    }
  }
}

/** Inverse of a permutation. */
function argsort(xs: readonly number[]): number[] {
  return range(xs.length).sort((i, j) => xs[i] - xs[j]);
}

/**
 * Cotangent of the lhs `x` (rank `xRank`) of `dot_general(x, y)` from the output cotangent
 * `g`. With `swapped`, `g`'s free dims are in (y free, x free) order (used for the rhs rule).
 */
function transposeLhs(g: Array, y: Array, xRank: number, p: DotGeneralParams, swapped: boolean): Array {
  const [xc, yc] = p.contracting;
  const [xb, yb] = p.batch;
  const xFree = freeDims(xRank, xc, xb);
  const yFree = freeDims(y.ndim, yc, yb);
  const nb = xb.length;
  // Axes of g: batch, then x free and y free (or y free and x free when swapped).
  const gYFree = swapped ? range(yFree.length, nb) : range(yFree.length, nb + xFree.length);
  const gBatch = range(nb);
  // Contract g's y-free axes with y's free axes; batch on the batch axes. The result has
  // axes: batch, x free (the rest of g, in order), then y's remaining (contracting) axes in
  // ascending order, each standing for the x axis it was contracted with.
  const r = dotGeneral(g, y, { contracting: [gYFree, yFree], batch: [gBatch, [...yb]] });
  const ycSorted = [...yc].sort((a, b) => a - b);
  const xForYc = ycSorted.map((d) => xc[yc.indexOf(d)]);
  const resultAxes = [...xb, ...xFree, ...xForYc];
  // resultAxes[i] is the x axis held by result axis i; put them back in x order.
  return transpose(r, argsort(resultAxes));
}

function swapParams(p: DotGeneralParams): DotGeneralParams {
  return { contracting: [p.contracting[1], p.contracting[0]], batch: [p.batch[1], p.batch[0]] };
}

/** The `dot_general` primitive; see `dotGeneral`. */
export const dotGeneralP: Primitive<DotGeneralParams> = definePrimitive<DotGeneralParams>({
  name: "dot_general",
  abstractEval: ([x, y], p) => [dotAval(x, y, p)],
  impl: ([x, y], p) => [dotImpl(x, y, p)],
  jvp: ([x, y], [tx, ty], p) => {
    const out = dotGeneral(x, y, p);
    const t: Tangent = addTangents(
      mapTangent(tx, (u) => dotGeneral(u, y, p), out.aval),
      mapTangent(ty, (u) => dotGeneral(x, u, p), out.aval),
    );
    return [[out], [t]];
  },
  transpose: ([ct], [x, y], p) => {
    if (x instanceof UndefPrimal && y instanceof UndefPrimal) {
      throw new Error("dot_general: transpose with respect to both operands (the product is not linear)");
    }
    if (x instanceof UndefPrimal) {
      return [ct instanceof Zero ? new Zero(x.aval) : transposeLhs(ct, y as Array, x.aval.ndim, p, false), null];
    }
    const yu = y as UndefPrimal;
    return [null, ct instanceof Zero ? new Zero(yu.aval) : transposeLhs(ct, x, yu.aval.ndim, swapParams(p), true)];
  },
  batch: ([x, y], [dx, dy], p) => {
    const [lc, rc] = p.contracting;
    const [lb, rb] = p.batch;
    const shift = (dims: readonly number[], d: number) => dims.map((k) => (k >= d ? k + 1 : k));
    if (dx !== null && dy !== null) {
      // Both batched: the vmapped axis becomes a new leading batch dimension.
      const q: DotGeneralParams = {
        contracting: [shift(lc, dx), shift(rc, dy)],
        batch: [[dx, ...shift(lb, dx)], [dy, ...shift(rb, dy)]],
      };
      return [[dotGeneral(x, y, q)], [0]];
    }
    if (dx !== null) {
      // Only lhs batched: the vmapped axis is one more lhs free dim.
      const q: DotGeneralParams = { contracting: [shift(lc, dx), rc], batch: [shift(lb, dx), rb] };
      const freeBefore = freeDims(x.ndim, q.contracting[0], q.batch[0]).indexOf(dx);
      return [[dotGeneral(x, y, q)], [lb.length + freeBefore]];
    }
    const d = dy as number;
    const q: DotGeneralParams = { contracting: [lc, shift(rc, d)], batch: [lb, shift(rb, d)] };
    const lhsFree = x.ndim - lc.length - lb.length;
    const freeBefore = freeDims(y.ndim, q.contracting[1], q.batch[1]).indexOf(d);
    return [[dotGeneral(x, y, q)], [lb.length + lhsFree + freeBefore] as BDim[]];
  },
  formatParams: (p) =>
    `[dimension_numbers=(([${p.contracting[0]}], [${p.contracting[1]}]), ([${p.batch[0]}], [${p.batch[1]}]))]`,
});

/**
 * General tensor contraction (XLA's DotGeneral). Contracts `contracting[0]` axes of `lhs`
 * with `contracting[1]` axes of `rhs`, pairs `batch[0]` with `batch[1]`, and returns axes
 * (batch dims, lhs free dims, rhs free dims). Operands must share a dtype (float or int).
 *
 * @example
 * ```ts
 * // A batched matmul: [b, m, k] × [b, k, n] → [b, m, n]
 * const z = lax.dotGeneral(x, y, { contracting: [[2], [1]], batch: [[0], [0]] });
 * // A plain matrix product: [m, k] × [k, n] → [m, n]
 * lax.dotGeneral(np.array([[1, 2]]), np.array([[3], [4]]), { contracting: [[1], [0]], batch: [[], []] }); // [[11]]
 * ```
 */
export function dotGeneral(
  lhs: Array,
  rhs: Array,
  params: { contracting: DotGeneralParams["contracting"]; batch?: DotGeneralParams["batch"] },
): Array {
  const p: DotGeneralParams = {
    contracting: [[...params.contracting[0]], [...params.contracting[1]]],
    batch: [[...(params.batch?.[0] ?? [])], [...(params.batch?.[1] ?? [])]],
  };
  return bind1(dotGeneralP, [lhs, rhs], p);
}

/**
 * Batched matrix product of arrays of the same rank ≥ 2 with equal leading dims:
 * `[..., m, k] × [..., k, n] → [..., m, n]` (no broadcasting; see `np.matmul`).
 *
 * @example
 * ```ts
 * lax.batchMatmul(np.ones([4, 2, 3]), np.ones([4, 3, 5])).shape; // [4, 2, 5]
 * ```
 */
export function batchMatmul(lhs: Array, rhs: Array): Array {
  const r = lhs.ndim;
  if (r < 2 || rhs.ndim !== r) throw new Error(`batchMatmul: operands must have the same rank ≥ 2, got ${lhs.aval} and ${rhs.aval}`);
  const batch = range(r - 2);
  return dotGeneral(lhs, rhs, { contracting: [[r - 1], [r - 2]], batch: [batch, batch] });
}
