/**
 * Bijective transforms with log-Jacobians, as `numpyro.distributions.transforms`.
 */
import { type Array, ConcreteArray, np, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { registerTreeClass } from "./pytree.js";
import { type ArrayLike, asFloat, diag, finfo, matrixToTrilVec, mT, sumRightmost, vecToTrilMatrix } from "./util.js";

/**
 * A bijection `forward: domain → codomain` with `inverse` and `logAbsDetJacobian(x, y)`
 * (`y = forward(x)`; summed over the domain's event axes).
 *
 * @example
 * ```ts
 * const t = new ExpTransform();
 * t.forward(0); // 1
 * t.logAbsDetJacobian(np.array(0.5), t.forward(0.5)); // 0.5
 * ```
 */
export abstract class Transform {
  /** The arguments the transform was built from (for pytrees). */
  readonly treeArgs: readonly unknown[] = [];
  /** The constraint of the inputs. */
  abstract get domain(): Constraint;
  /** The constraint of the outputs. */
  abstract get codomain(): Constraint;
  /** x ↦ y. */
  abstract forward(x: ArrayLike): Array;
  /** y ↦ x. */
  abstract inverse(y: ArrayLike): Array;
  /** log |det ∂y/∂x|, reduced over the domain's event axes. */
  abstract logAbsDetJacobian(x: ArrayLike, y: ArrayLike): Array;
  /** The shape of `forward(x)` for an `x` of shape `shape`. */
  forwardShape(shape: readonly number[]): number[] {
    return [...shape];
  }
  /** The shape of `inverse(y)` for a `y` of shape `shape`. */
  inverseShape(shape: readonly number[]): number[] {
    return [...shape];
  }
  /** The inverse transform. */
  get inv(): Transform {
    return new InvTransform(this);
  }
  /** Alias of `forward` (NumPyro's `t(x)`). */
  call(x: ArrayLike): Array {
    return this.forward(x);
  }
}

/**
 * The identity map.
 *
 * @example
 * ```ts
 * new IdentityTransform().forward(2); // 2
 * ```
 */
export class IdentityTransform extends Transform {
  override readonly treeArgs: readonly unknown[];
  /** @param eventDim - how many rightmost axes are one value */
  constructor(readonly eventDim = 0) {
    super();
    this.treeArgs = [eventDim];
  }
  get domain(): Constraint {
    return C.independent(C.real, this.eventDim);
  }
  get codomain(): Constraint {
    return C.independent(C.real, this.eventDim);
  }
  forward(x: ArrayLike): Array {
    return asFloat(x);
  }
  inverse(y: ArrayLike): Array {
    return asFloat(y);
  }
  logAbsDetJacobian(x: ArrayLike): Array {
    return sumRightmost(np.zerosLike(asFloat(x)), this.eventDim);
  }
}

/**
 * y = loc + scale · x.
 *
 * @example
 * ```ts
 * new AffineTransform(1, 2).forward(3); // 7
 * ```
 */
export class AffineTransform extends Transform {
  override readonly treeArgs: readonly unknown[];
  readonly loc: Array;
  readonly scale: Array;
  /**
   * @param loc - the shift
   * @param scale - the (nonzero) scale
   * @param options - `domain` (default real) and `eventDim`
   */
  constructor(loc: ArrayLike, scale: ArrayLike, readonly options: { eventDim?: number; domain?: Constraint } = {}) {
    super();
    this.loc = asFloat(loc);
    this.scale = asFloat(scale);
    this.treeArgs = [this.loc, this.scale, options];
  }
  get domain(): Constraint {
    return this.options.domain ?? C.independent(C.real, this.options.eventDim ?? 0);
  }
  /**
   * The image of the domain, as NumPyro's: a half-line or interval domain maps to the
   * half-line or interval between the images of its bounds (their order set by the sign of a
   * concrete scale); a real domain to real.
   */
  get codomain(): Constraint {
    const d = this.options.domain;
    const negative = this.scale instanceof ConcreteArray && (this.scale.toTypedArray() as Float64Array).every((v) => v < 0);
    if (d instanceof C.GreaterThan || d instanceof C.LessThan) {
      const bound = this.forward(d instanceof C.GreaterThan ? d.lowerBound : (d as C.LessThan).upperBound);
      const upward = d instanceof C.GreaterThan ? !negative : negative;
      return upward ? C.greaterThan(bound) : C.lessThan(bound);
    }
    if (d instanceof C.Interval) {
      const lo = this.forward(d.lowerBound);
      const hi = this.forward(d.upperBound);
      return negative ? C.interval(hi, lo) : C.interval(lo, hi);
    }
    return C.independent(C.real, this.options.eventDim ?? 0);
  }
  forward(x: ArrayLike): Array {
    return this.loc.add(this.scale.mul(asFloat(x)));
  }
  inverse(y: ArrayLike): Array {
    return asFloat(y).sub(this.loc).div(this.scale);
  }
  logAbsDetJacobian(x: ArrayLike, y: ArrayLike): Array {
    const xs = asFloat(x);
    const ys = asFloat(y);
    const l = np.log(np.abs(this.scale));
    const full = np.broadcastTo(l, broadcast2(l.shape, broadcast2(xs.shape, ys.shape)));
    return sumRightmost(full, this.options.eventDim ?? 0);
  }
}

function broadcast2(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    out.push(da === 1 ? db : da);
  }
  return out;
}

/**
 * y = exp(x): real → positive.
 *
 * @example
 * ```ts
 * new ExpTransform().inverse(1); // 0
 * ```
 */
export class ExpTransform extends Transform {
  get domain(): Constraint {
    return C.real;
  }
  get codomain(): Constraint {
    return C.positive;
  }
  forward(x: ArrayLike): Array {
    return np.exp(asFloat(x));
  }
  inverse(y: ArrayLike): Array {
    return np.log(asFloat(y));
  }
  logAbsDetJacobian(x: ArrayLike): Array {
    return asFloat(x);
  }
}

/**
 * y = 1 / (1 + e^−x): real → unit interval.
 *
 * @example
 * ```ts
 * new SigmoidTransform().forward(0); // 0.5
 * ```
 */
export class SigmoidTransform extends Transform {
  get domain(): Constraint {
    return C.real;
  }
  get codomain(): Constraint {
    return C.unitInterval;
  }
  forward(x: ArrayLike): Array {
    const xs = asFloat(x);
    const { eps, tiny } = finfo(xs.dtype);
    return np.clip(special.expit(xs), tiny, 1 - eps);
  }
  inverse(y: ArrayLike): Array {
    return special.logit(asFloat(y));
  }
  logAbsDetJacobian(x: ArrayLike): Array {
    const xs = asFloat(x);
    return special.softplus(xs).add(special.softplus(xs.neg())).neg();
  }
}

/**
 * y = log(1 + e^x): real → positive.
 *
 * @example
 * ```ts
 * new SoftplusTransform().forward(0); // log 2
 * ```
 */
export class SoftplusTransform extends Transform {
  get domain(): Constraint {
    return C.real;
  }
  get codomain(): Constraint {
    return C.positive;
  }
  forward(x: ArrayLike): Array {
    return special.softplus(asFloat(x));
  }
  inverse(y: ArrayLike): Array {
    const ys = asFloat(y);
    return np.log(np.expm1(ys.neg()).neg()).add(ys);
  }
  logAbsDetJacobian(x: ArrayLike): Array {
    return special.softplus(asFloat(x).neg()).neg();
  }
}

/**
 * y = x^exponent on the positive reals.
 *
 * @example
 * ```ts
 * new PowerTransform(2).forward(3); // 9
 * ```
 */
export class PowerTransform extends Transform {
  override readonly treeArgs: readonly unknown[];
  readonly exponent: Array;
  /** @param exponent - the (nonzero) power */
  constructor(exponent: ArrayLike) {
    super();
    this.exponent = asFloat(exponent);
    this.treeArgs = [this.exponent];
  }
  get domain(): Constraint {
    return C.positive;
  }
  get codomain(): Constraint {
    return C.positive;
  }
  forward(x: ArrayLike): Array {
    return np.power(asFloat(x), this.exponent);
  }
  inverse(y: ArrayLike): Array {
    return np.power(asFloat(y), this.exponent.reciprocal());
  }
  logAbsDetJacobian(x: ArrayLike, y: ArrayLike): Array {
    return np.log(np.abs(this.exponent.mul(asFloat(y)).div(asFloat(x))));
  }
}

const padLast = (x: Array, before: number, after: number, value: number): Array => {
  const parts: Array[] = [];
  const s = x.shape.slice(0, -1);
  if (before) parts.push(np.full([...s, before], value, x.dtype));
  parts.push(x);
  if (after) parts.push(np.full([...s, after], value, x.dtype));
  return np.concatenate(parts, -1);
};

/**
 * The stick-breaking map from R^(K−1) to the K-simplex (balanced so that zeros map to the
 * uniform vector), as NumPyro's `StickBreakingTransform`.
 *
 * @example
 * ```ts
 * new StickBreakingTransform().forward(np.zeros([2])); // [1/3, 1/3, 1/3]
 * ```
 */
export class StickBreakingTransform extends Transform {
  get domain(): Constraint {
    return C.realVector;
  }
  get codomain(): Constraint {
    return C.simplex;
  }
  private static offset(k: number): Array {
    return np.log(np.arange(k, 0, -1));
  }
  forward(x: ArrayLike): Array {
    let xs = asFloat(x);
    const k = xs.shape[xs.ndim - 1];
    xs = xs.sub(StickBreakingTransform.offset(k));
    const { eps, tiny } = finfo(xs.dtype);
    const z = np.clip(special.expit(xs), tiny, 1 - eps);
    const z1mCumprod = np.cumprod(np.subtract(1, z), { axis: -1 });
    return padLast(z, 0, 1, 1).mul(padLast(z1mCumprod, 1, 0, 1));
  }
  inverse(y: ArrayLike): Array {
    const ys = asFloat(y);
    const yCrop = ys.index("...", np.s(null, -1));
    const z1mCumprod = np.clip(np.subtract(1, np.cumsum(yCrop, { axis: -1 })), finfo(ys.dtype).tiny);
    const x = np.log(yCrop.div(z1mCumprod));
    return x.add(StickBreakingTransform.offset(x.shape[x.ndim - 1]));
  }
  logAbsDetJacobian(x: ArrayLike, y: ArrayLike): Array {
    let xs = asFloat(x);
    xs = xs.sub(StickBreakingTransform.offset(xs.shape[xs.ndim - 1]));
    const z = np.clip(special.expit(xs), finfo(xs.dtype).tiny);
    const ys = asFloat(y);
    return np.sum(np.log(ys.index("...", np.s(null, -1)).mul(z)).sub(xs), { axis: -1 });
  }
  override forwardShape(shape: readonly number[]): number[] {
    return [...shape.slice(0, -1), shape[shape.length - 1] + 1];
  }
  override inverseShape(shape: readonly number[]): number[] {
    return [...shape.slice(0, -1), shape[shape.length - 1] - 1];
  }
}

/**
 * Vectors of length n(n+1)/2 → lower-triangular matrices with a positive (exp) diagonal.
 * The last n entries are the log-diagonal; the first are the strictly lower entries, row by row.
 *
 * @example
 * ```ts
 * new LowerCholeskyTransform().forward(np.array([0.5, 0, 0])); // [[1, 0], [0.5, 1]]
 * ```
 */
export class LowerCholeskyTransform extends Transform {
  get domain(): Constraint {
    return C.realVector;
  }
  get codomain(): Constraint {
    return C.lowerCholesky;
  }
  forward(x: ArrayLike): Array {
    const xs = asFloat(x);
    const n = Math.round((Math.sqrt(1 + 8 * xs.shape[xs.ndim - 1]) - 1) / 2);
    const z = vecToTrilMatrix(xs.index("...", np.s(null, -n)), -1);
    const d = np.exp(xs.index("...", np.s(-n)));
    return z.add(np.eye(n).mul(np.expandDims(d, -1)));
  }
  inverse(y: ArrayLike): Array {
    const ys = asFloat(y);
    return np.concatenate([matrixToTrilVec(ys, -1), np.log(diag(ys))], -1);
  }
  logAbsDetJacobian(x: ArrayLike): Array {
    const xs = asFloat(x);
    const n = Math.round((Math.sqrt(1 + 8 * xs.shape[xs.ndim - 1]) - 1) / 2);
    return np.sum(xs.index("...", np.s(-n)), { axis: -1 });
  }
  override forwardShape(shape: readonly number[]): number[] {
    const n = Math.round((Math.sqrt(1 + 8 * shape[shape.length - 1]) - 1) / 2);
    return [...shape.slice(0, -1), n, n];
  }
  override inverseShape(shape: readonly number[]): number[] {
    const n = shape[shape.length - 1];
    return [...shape.slice(0, -2), (n * (n + 1)) / 2];
  }
}

/**
 * Vectors of length n(n−1)/2 → Cholesky factors of correlation matrices (tanh, then signed
 * stick breaking), as NumPyro's `CorrCholeskyTransform`. Its log-Jacobian is that of the map
 * to the strictly lower entries of the factor.
 *
 * @example
 * ```ts
 * new CorrCholeskyTransform().forward(np.array([0.3])); // [[1, 0], [tanh 0.3, …]]
 * ```
 */
export class CorrCholeskyTransform extends Transform {
  get domain(): Constraint {
    return C.realVector;
  }
  get codomain(): Constraint {
    return C.corrCholesky;
  }
  forward(x: ArrayLike): Array {
    let t = np.tanh(asFloat(x));
    const eps = finfo(t.dtype).eps;
    t = np.clip(t, -1 + eps, 1 - eps);
    const n = Math.round(0.5 + Math.sqrt(0.25 + 2 * t.shape[t.ndim - 1]));
    const r = vecToTrilMatrix(t, -1);
    const z = r.mul(r);
    const cp = np.cumprod(np.sqrt(np.subtract(1, z)), { axis: -1 });
    const shifted = padLast(cp.index("...", np.s(null, -1)), 1, 0, 1);
    return r.add(np.eye(n)).mul(shifted);
  }
  inverse(y: ArrayLike): Array {
    const ys = asFloat(y);
    const z1mCumprod = np.subtract(1, np.cumsum(ys.mul(ys), { axis: -1 }));
    const shifted = padLast(z1mCumprod.index("...", np.s(null, -1)), 1, 0, 1);
    const t = matrixToTrilVec(ys, -1).div(np.sqrt(matrixToTrilVec(shifted, -1)));
    return np.arctanh(t);
  }
  logAbsDetJacobian(x: ArrayLike, y: ArrayLike): Array {
    const xs = asFloat(x);
    const ys = asFloat(y);
    const z1mCumprod = np.subtract(1, np.cumsum(ys.mul(ys), { axis: -1 }));
    const tri = matrixToTrilVec(z1mCumprod, -2);
    const sb = np.sum(np.log(tri), { axis: -1 }).mul(0.5);
    const th = np.sum(xs.add(special.softplus(xs.mul(-2))).sub(Math.LN2), { axis: -1 }).mul(-2);
    return sb.add(th);
  }
  override forwardShape(shape: readonly number[]): number[] {
    const n = Math.round(0.5 + Math.sqrt(0.25 + 2 * shape[shape.length - 1]));
    return [...shape.slice(0, -1), n, n];
  }
  override inverseShape(shape: readonly number[]): number[] {
    const n = shape[shape.length - 1];
    return [...shape.slice(0, -2), (n * (n - 1)) / 2];
  }
}

/**
 * Lower Cholesky factor L ↦ L Lᵀ, inverted: positive-definite matrices → lower Cholesky
 * factors (`forward` is the Cholesky decomposition). The log-Jacobian is that of the map
 * between the lower-triangular entries.
 *
 * @example
 * ```ts
 * new CholeskyTransform().forward(np.array([[4, 2], [2, 2]])); // [[2, 0], [1, 1]]
 * ```
 */
export class CholeskyTransform extends Transform {
  get domain(): Constraint {
    return C.positiveDefinite;
  }
  get codomain(): Constraint {
    return C.lowerCholesky;
  }
  forward(x: ArrayLike): Array {
    return np.linalg.cholesky(asFloat(x));
  }
  inverse(y: ArrayLike): Array {
    const ys = asFloat(y);
    return np.matmul(ys, mT(ys));
  }
  logAbsDetJacobian(_x: ArrayLike, y: ArrayLike): Array {
    // d(L Lᵀ)/dL has log-determinant n log 2 + Σ_i (n − i) log L_ii (i from 0).
    const ys = asFloat(y);
    const n = ys.shape[ys.ndim - 1];
    const order = np.arange(n, 0, -1);
    return np.sum(order.mul(np.log(diag(ys))), { axis: -1 }).add(n * Math.LN2).neg();
  }
}

/**
 * Correlation matrices → their Cholesky factors (`forward` is the Cholesky decomposition);
 * the log-Jacobian is that of the map between the strictly lower entries.
 *
 * @example
 * ```ts
 * new CorrMatrixCholeskyTransform().forward(np.eye(2)); // I
 * ```
 */
export class CorrMatrixCholeskyTransform extends CholeskyTransform {
  override get domain(): Constraint {
    return C.corrMatrix;
  }
  override get codomain(): Constraint {
    return C.corrCholesky;
  }
  override logAbsDetJacobian(_x: ArrayLike, y: ArrayLike): Array {
    // d(C)/d(L) over the strictly lower entries: Σ_i (n − 1 − i) log L_ii (i from 0).
    const ys = asFloat(y);
    const n = ys.shape[ys.ndim - 1];
    const order = np.arange(n - 1, -1, -1);
    return np.sum(order.mul(np.log(diag(ys))), { axis: -1 }).neg();
  }
}

/**
 * Real vectors → strictly increasing vectors: y₀ = x₀, yᵢ = yᵢ₋₁ + exp(xᵢ).
 *
 * @example
 * ```ts
 * new OrderedTransform().forward(np.array([0, 0])); // [0, 1]
 * ```
 */
export class OrderedTransform extends Transform {
  get domain(): Constraint {
    return C.realVector;
  }
  get codomain(): Constraint {
    return C.orderedVector;
  }
  forward(x: ArrayLike): Array {
    const xs = asFloat(x);
    const z = np.concatenate([xs.index("...", np.s(null, 1)), np.exp(xs.index("...", np.s(1)))], -1);
    return np.cumsum(z, { axis: -1 });
  }
  inverse(y: ArrayLike): Array {
    const ys = asFloat(y);
    const d = ys.index("...", np.s(1)).sub(ys.index("...", np.s(null, -1)));
    return np.concatenate([ys.index("...", np.s(null, 1)), np.log(d)], -1);
  }
  logAbsDetJacobian(x: ArrayLike): Array {
    return np.sum(asFloat(x).index("...", np.s(1)), { axis: -1 });
  }
}

/**
 * A transform applied to `reinterpretedBatchNdims` extra rightmost axes as one event (its
 * log-Jacobian is summed over them).
 *
 * @example
 * ```ts
 * new IndependentTransform(new ExpTransform(), 1).logAbsDetJacobian(np.array([1, 2]), np.exp(np.array([1, 2]))); // 3
 * ```
 */
export class IndependentTransform extends Transform {
  override readonly treeArgs: readonly unknown[];
  /** @param base - the transform @param reinterpretedBatchNdims - extra event axes */
  constructor(readonly base: Transform, readonly reinterpretedBatchNdims: number) {
    super();
    this.treeArgs = [base, reinterpretedBatchNdims];
  }
  get domain(): Constraint {
    return C.independent(this.base.domain, this.reinterpretedBatchNdims);
  }
  get codomain(): Constraint {
    return C.independent(this.base.codomain, this.reinterpretedBatchNdims);
  }
  forward(x: ArrayLike): Array {
    return this.base.forward(x);
  }
  inverse(y: ArrayLike): Array {
    return this.base.inverse(y);
  }
  logAbsDetJacobian(x: ArrayLike, y: ArrayLike): Array {
    return sumRightmost(this.base.logAbsDetJacobian(x, y), this.reinterpretedBatchNdims);
  }
  override forwardShape(shape: readonly number[]): number[] {
    return this.base.forwardShape(shape);
  }
  override inverseShape(shape: readonly number[]): number[] {
    return this.base.inverseShape(shape);
  }
}

/**
 * The inverse of a transform.
 *
 * @example
 * ```ts
 * new InvTransform(new ExpTransform()).forward(1); // 0
 * ```
 */
export class InvTransform extends Transform {
  override readonly treeArgs: readonly unknown[];
  /** @param base - the transform to invert */
  constructor(readonly base: Transform) {
    super();
    this.treeArgs = [base];
  }
  get domain(): Constraint {
    return this.base.codomain;
  }
  get codomain(): Constraint {
    return this.base.domain;
  }
  forward(x: ArrayLike): Array {
    return this.base.inverse(x);
  }
  inverse(y: ArrayLike): Array {
    return this.base.forward(y);
  }
  logAbsDetJacobian(x: ArrayLike, y: ArrayLike): Array {
    return this.base.logAbsDetJacobian(y, x).neg();
  }
  override get inv(): Transform {
    return this.base;
  }
  override forwardShape(shape: readonly number[]): number[] {
    return this.base.inverseShape(shape);
  }
  override inverseShape(shape: readonly number[]): number[] {
    return this.base.forwardShape(shape);
  }
}

/**
 * Transforms applied in order: `parts[0]` first.
 *
 * @example
 * ```ts
 * new ComposeTransform([new ExpTransform(), new AffineTransform(1, 2)]).forward(0); // 3
 * ```
 */
export class ComposeTransform extends Transform {
  override readonly treeArgs: readonly unknown[];
  /** @param parts - the transforms, first applied first */
  constructor(readonly parts: readonly Transform[]) {
    super();
    this.treeArgs = [parts];
  }
  get domain(): Constraint {
    if (this.parts.length === 0) return C.real;
    // The input event rank: large enough for every part (a later part of higher rank folds axes in).
    let ed = this.parts[this.parts.length - 1].codomain.eventDim;
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const p = this.parts[i];
      ed = p.domain.eventDim + Math.max(0, ed - p.codomain.eventDim);
    }
    const d = this.parts[0].domain;
    return ed > d.eventDim ? C.independent(d, ed - d.eventDim) : d;
  }
  get codomain(): Constraint {
    if (this.parts.length === 0) return C.real;
    let ed = this.parts[0].domain.eventDim;
    for (const p of this.parts) ed = p.codomain.eventDim + Math.max(0, ed - p.domain.eventDim);
    const c = this.parts[this.parts.length - 1].codomain;
    return ed > c.eventDim ? C.independent(c, ed - c.eventDim) : c;
  }
  forward(x: ArrayLike): Array {
    let y = asFloat(x);
    for (const p of this.parts) y = p.forward(y);
    return y;
  }
  inverse(y: ArrayLike): Array {
    let x = asFloat(y);
    for (let i = this.parts.length - 1; i >= 0; i--) x = this.parts[i].inverse(x);
    return x;
  }
  logAbsDetJacobian(x: ArrayLike, _y: ArrayLike): Array {
    let cur = asFloat(x);
    let result: Array | null = null;
    let ed = this.domain.eventDim;
    for (const p of this.parts) {
      const next = p.forward(cur);
      const l = sumRightmost(p.logAbsDetJacobian(cur, next), ed - p.domain.eventDim);
      result = result === null ? l : result.add(l);
      ed = p.codomain.eventDim + (ed - p.domain.eventDim);
      cur = next;
    }
    return result ?? np.zerosLike(cur);
  }
  override forwardShape(shape: readonly number[]): number[] {
    return this.parts.reduce((s, p) => p.forwardShape(s), [...shape]);
  }
  override inverseShape(shape: readonly number[]): number[] {
    return this.parts.reduceRight((s, p) => p.inverseShape(s), [...shape]);
  }
}

for (const cls of [
  IdentityTransform,
  AffineTransform,
  ExpTransform,
  SigmoidTransform,
  SoftplusTransform,
  PowerTransform,
  StickBreakingTransform,
  LowerCholeskyTransform,
  CorrCholeskyTransform,
  CholeskyTransform,
  CorrMatrixCholeskyTransform,
  OrderedTransform,
  IndependentTransform,
  InvTransform,
  ComposeTransform,
]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Transform);
}

/**
 * The transform from unconstrained space onto a constraint's set, as NumPyro's `biject_to`:
 * what the samplers use to move every continuous site to R^n.
 *
 * @example
 * ```ts
 * bijectTo(constraints.interval(0, 2)).forward(0); // 1
 * bijectTo(constraints.simplex).forward(np.zeros([2])); // [1/3, 1/3, 1/3]
 * ```
 */
export function bijectTo(constraint: Constraint): Transform {
  const c = constraint;
  if (c instanceof C.IndependentConstraint) {
    const base = bijectTo(c.base);
    return base instanceof IdentityTransform ? new IdentityTransform(c.eventDim) : new IndependentTransform(base, c.reinterpretedBatchNdims);
  }
  if (c.isDiscrete) throw new Error(`bijectTo: the constraint ${c.name} is discrete; there is no bijection to unconstrained space`);
  if (c === C.real || c === C.dependent) return new IdentityTransform();
  if (c === C.positive || c === C.nonnegative) return new ExpTransform();
  if (c === C.unitInterval) return new SigmoidTransform();
  if (c === C.simplex) return new StickBreakingTransform();
  if (c === C.lowerCholesky) return new LowerCholeskyTransform();
  if (c === C.corrCholesky) return new CorrCholeskyTransform();
  if (c === C.positiveDefinite) return new ComposeTransform([new LowerCholeskyTransform(), new InvTransform(new CholeskyTransform())]);
  if (c === C.corrMatrix) return new ComposeTransform([new CorrCholeskyTransform(), new InvTransform(new CorrMatrixCholeskyTransform())]);
  if (c === C.orderedVector) return new OrderedTransform();
  if (c === C.positiveOrderedVector) return new ComposeTransform([new OrderedTransform(), new ExpTransform()]);
  if (c instanceof C.Interval) {
    const lo = asFloat(c.lowerBound);
    const hi = asFloat(c.upperBound);
    return new ComposeTransform([new SigmoidTransform(), new AffineTransform(lo, hi.sub(lo))]);
  }
  if (c instanceof C.GreaterThan) return new ComposeTransform([new ExpTransform(), new AffineTransform(c.lowerBound, 1)]);
  if (c instanceof C.LessThan) return new ComposeTransform([new ExpTransform(), new AffineTransform(c.upperBound, -1)]);
  throw new Error(`bijectTo: no transform is registered for the constraint ${c.name}`);
}
