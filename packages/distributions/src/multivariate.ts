/**
 * Multivariate distributions: MultivariateNormal, LowRankMultivariateNormal,
 * MultivariateStudentT, Dirichlet, Multinomial, GaussianRandomWalk.
 */
import { type Array, ConcreteArray, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { type ProbsOrLogits } from "./discrete.js";
import { registerTreeClass } from "./pytree.js";
import { type ArrayLike, asFloat, bcast, broadcastShapes, diag, fmt, mT, xlogy } from "./util.js";

const LOG_2PI = Math.log(2 * Math.PI);

/** Solve L y = x for lower-triangular `L [..., n, n]` and vectors `x [..., n]` (batch dims broadcast). */
function solveLowerVec(L: Array, x: Array): Array {
  const n = L.shape[L.ndim - 1];
  const batch = broadcastShapes([L.shape.slice(0, -2), x.shape.slice(0, -1)]);
  const Lb = bcast(L, [...batch, n, n]);
  const xb = bcast(x, [...batch, n]).reshape([...batch, n, 1]);
  return np.linalg.solveTriangular(Lb, xb, { lower: true }).reshape([...batch, n]);
}
const matvec = (A: Array, x: Array): Array => np.matmul(A, np.expandDims(x, -1)).squeeze(-1);

/** Covariance parameters of a multivariate normal: exactly one of them. */
export interface MvnParams {
  /** The covariance matrix Σ `[..., n, n]`. */
  covarianceMatrix?: ArrayLike;
  /** The precision matrix Σ⁻¹. */
  precisionMatrix?: ArrayLike;
  /** The lower Cholesky factor L of Σ = L Lᵀ. */
  scaleTril?: ArrayLike;
}

/**
 * The multivariate normal N(loc, Σ), from `covarianceMatrix`, `precisionMatrix` or
 * `scaleTril` (all converted to the Cholesky factor `scaleTril`).
 *
 * @example
 * ```ts
 * const d = new MultivariateNormal(np.zeros([2]), { covarianceMatrix: np.array([[1, 0.5], [0.5, 2]]) });
 * d.logProb(np.array([0.1, -0.3]));
 * d.sample(random.key(0), [100]).shape; // [100, 2]
 * ```
 */
export class MultivariateNormal extends Distribution {
  readonly loc: Array;
  readonly scaleTril: Array;
  /** @param loc - the mean `[..., n]` @param params - one of covarianceMatrix, precisionMatrix, scaleTril */
  constructor(loc: ArrayLike, params: MvnParams, options?: DistributionOptions) {
    super();
    const given = (["covarianceMatrix", "precisionMatrix", "scaleTril"] as const).filter((k) => params[k] !== undefined);
    if (given.length !== 1) throw new Error(`MultivariateNormal: give exactly one of covarianceMatrix, precisionMatrix, scaleTril (got ${given.length ? given.join(", ") : "none"})`);
    let L: Array;
    if (params.scaleTril !== undefined) L = asFloat(params.scaleTril);
    else if (params.covarianceMatrix !== undefined) L = np.linalg.cholesky(asFloat(params.covarianceMatrix));
    else L = np.linalg.cholesky(np.linalg.inv(asFloat(params.precisionMatrix!)));
    let l = asFloat(loc);
    if (l.ndim === 0) l = bcast(l, [L.shape[L.ndim - 1]]);
    const n = l.shape[l.ndim - 1];
    if (L.ndim < 2 || L.shape[L.ndim - 1] !== n || L.shape[L.ndim - 2] !== n) {
      throw new Error(`MultivariateNormal: loc of shape ${fmt(l.shape)} does not match a covariance of shape ${fmt(L.shape)}`);
    }
    this.loc = l;
    this.scaleTril = L;
    this.setup(broadcastShapes([l.shape.slice(0, -1), L.shape.slice(0, -2)], "MultivariateNormal"), [n], [l, { scaleTril: L }, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { loc: C.realVector, scaleTril: C.lowerCholesky };
  }
  get support(): Constraint {
    return C.realVector;
  }
  override get hasRsample(): boolean {
    return true;
  }
  /** Σ = L Lᵀ. */
  get covarianceMatrix(): Array {
    return np.matmul(this.scaleTril, mT(this.scaleTril));
  }
  /** Σ⁻¹. */
  get precisionMatrix(): Array {
    return np.linalg.inv(this.covarianceMatrix);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const eps = random.normal(key, this.shape(sampleShape));
    return this.loc.add(matvec(this.scaleTril, eps));
  }
  logProb(value: ArrayLike): Array {
    const y = solveLowerVec(this.scaleTril, asFloat(value).sub(this.loc));
    const n = this.eventShape[0];
    const halfLogDet = np.sum(np.log(diag(this.scaleTril)), { axis: -1 });
    return np.sum(y.square(), { axis: -1 }).add(n * LOG_2PI).mul(-0.5).sub(halfLogDet);
  }
  override get mean(): Array {
    return bcast(this.loc, this.shape());
  }
  override get variance(): Array {
    return bcast(np.sum(this.scaleTril.square(), { axis: -1 }), this.shape());
  }
  override entropy(): Array {
    const n = this.eventShape[0];
    const halfLogDet = np.sum(np.log(diag(this.scaleTril)), { axis: -1 });
    return bcast(halfLogDet.add((n / 2) * (1 + LOG_2PI)), this.batchShape);
  }
}

/**
 * The multivariate normal with covariance W Wᵀ + diag(D) (`covFactor` W `[..., n, r]`,
 * `covDiag` D `[..., n]`).
 *
 * @example
 * ```ts
 * new LowRankMultivariateNormal(np.zeros([3]), np.ones([3, 1]), np.ones([3])).covarianceMatrix;
 * ```
 */
export class LowRankMultivariateNormal extends Distribution {
  readonly loc: Array;
  readonly covFactor: Array;
  readonly covDiag: Array;
  /** @param loc - mean @param covFactor - W @param covDiag - D, positive */
  constructor(loc: ArrayLike, covFactor: ArrayLike, covDiag: ArrayLike, options?: DistributionOptions) {
    super();
    this.loc = asFloat(loc);
    this.covFactor = asFloat(covFactor);
    this.covDiag = asFloat(covDiag);
    const n = this.loc.shape[this.loc.ndim - 1];
    const batch = broadcastShapes([this.loc.shape.slice(0, -1), this.covFactor.shape.slice(0, -2), this.covDiag.shape.slice(0, -1)], "LowRankMultivariateNormal");
    this.setup(batch, [n], [this.loc, this.covFactor, this.covDiag, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { loc: C.realVector, covFactor: C.independent(C.real, 2), covDiag: C.independent(C.positive, 1) };
  }
  get support(): Constraint {
    return C.realVector;
  }
  override get hasRsample(): boolean {
    return true;
  }
  /** W Wᵀ + diag(D). */
  get covarianceMatrix(): Array {
    const W = this.covFactor;
    const n = W.shape[W.ndim - 2];
    return np.matmul(W, mT(W)).add(np.eye(n).mul(np.expandDims(this.covDiag, -1)));
  }
  /** The Cholesky factor of the covariance. */
  get scaleTril(): Array {
    return np.linalg.cholesky(this.covarianceMatrix);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const r = this.covFactor.shape[this.covFactor.ndim - 1];
    const k1 = random.foldIn(key, 0);
    const k2 = random.foldIn(key, 1);
    const epsW = random.normal(k1, [...sampleShape, ...this.batchShape, r]);
    const epsD = random.normal(k2, this.shape(sampleShape));
    return this.loc.add(matvec(this.covFactor, epsW)).add(np.sqrt(this.covDiag).mul(epsD));
  }
  logProb(value: ArrayLike): Array {
    const L = this.scaleTril;
    const y = solveLowerVec(L, asFloat(value).sub(this.loc));
    const n = this.eventShape[0];
    return np.sum(y.square(), { axis: -1 }).add(n * LOG_2PI).mul(-0.5).sub(np.sum(np.log(diag(L)), { axis: -1 }));
  }
  override get mean(): Array {
    return bcast(this.loc, this.shape());
  }
  override get variance(): Array {
    return bcast(np.sum(this.covFactor.square(), { axis: -1 }).add(this.covDiag), this.shape());
  }
  override entropy(): Array {
    const n = this.eventShape[0];
    return bcast(np.sum(np.log(diag(this.scaleTril)), { axis: -1 }).add((n / 2) * (1 + LOG_2PI)), this.batchShape);
  }
}

/**
 * The multivariate Student t with `df` degrees of freedom, location and lower Cholesky
 * scale factor.
 *
 * @example
 * ```ts
 * new MultivariateStudentT(4, np.zeros([2]), np.eye(2)).logProb(np.zeros([2]));
 * ```
 */
export class MultivariateStudentT extends Distribution {
  readonly df: Array;
  readonly loc: Array;
  readonly scaleTril: Array;
  /** @param df - degrees of freedom @param loc - location `[..., n]` @param scaleTril - `[..., n, n]` */
  constructor(df: ArrayLike, loc: ArrayLike, scaleTril: ArrayLike, options?: DistributionOptions) {
    super();
    this.df = asFloat(df);
    this.loc = asFloat(loc);
    this.scaleTril = asFloat(scaleTril);
    const n = this.scaleTril.shape[this.scaleTril.ndim - 1];
    const batch = broadcastShapes([this.df.shape, this.loc.shape.slice(0, -1), this.scaleTril.shape.slice(0, -2)], "MultivariateStudentT");
    this.setup(batch, [n], [this.df, this.loc, this.scaleTril, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { df: C.positive, loc: C.realVector, scaleTril: C.lowerCholesky };
  }
  get support(): Constraint {
    return C.realVector;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const batch = [...sampleShape, ...this.batchShape];
    const z = random.normal(random.foldIn(key, 0), this.shape(sampleShape));
    const g = random.gamma(random.foldIn(key, 1), bcast(this.df.mul(0.5), batch), batch).mul(2); // χ²(df)
    const w = np.sqrt(bcast(this.df, batch).div(g));
    return this.loc.add(matvec(this.scaleTril, z).mul(np.expandDims(w, -1)));
  }
  logProb(value: ArrayLike): Array {
    const n = this.eventShape[0];
    const y = solveLowerVec(this.scaleTril, asFloat(value).sub(this.loc));
    const maha = np.sum(y.square(), { axis: -1 });
    const df = this.df;
    const halfLogDet = np.sum(np.log(diag(this.scaleTril)), { axis: -1 });
    return special
      .gammaln(df.add(n).mul(0.5))
      .sub(special.gammaln(df.mul(0.5)))
      .sub(np.log(df.mul(Math.PI)).mul(n / 2))
      .sub(halfLogDet)
      .sub(df.add(n).mul(0.5).mul(np.log1p(maha.div(df))));
  }
  override get mean(): Array {
    return bcast(np.where(np.expandDims(this.df, -1).gt(1), this.loc, NaN), this.shape());
  }
  override get variance(): Array {
    const df = np.expandDims(this.df, -1);
    const v = np.sum(this.scaleTril.square(), { axis: -1 }).mul(df).div(df.sub(2));
    return bcast(np.where(df.gt(2), v, np.where(df.gt(1), Infinity, NaN)), this.shape());
  }
}

/**
 * The Dirichlet distribution on the simplex.
 *
 * @example
 * ```ts
 * new Dirichlet(np.array([1, 2, 3])).mean; // [1/6, 1/3, 1/2]
 * ```
 */
export class Dirichlet extends Distribution {
  readonly concentration: Array;
  /** @param concentration - α `[..., K]`, positive */
  constructor(concentration: ArrayLike, options?: DistributionOptions) {
    super();
    this.concentration = asFloat(concentration);
    if (this.concentration.ndim < 1) throw new Error("Dirichlet: concentration must have at least one axis");
    const s = this.concentration.shape;
    this.setup(s.slice(0, -1), s.slice(-1), [this.concentration, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { concentration: C.independent(C.positive, 1) };
  }
  get support(): Constraint {
    return C.simplex;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const batch = [...sampleShape, ...this.batchShape];
    return random.dirichlet(key, bcast(this.concentration, [...batch, this.eventShape[0]]), batch);
  }
  logProb(value: ArrayLike): Array {
    const a = this.concentration;
    const norm = special.gammaln(np.sum(a, { axis: -1 })).sub(np.sum(special.gammaln(a), { axis: -1 }));
    return np.sum(xlogy(a.sub(1), asFloat(value)), { axis: -1 }).add(norm);
  }
  override get mean(): Array {
    return this.concentration.div(np.sum(this.concentration, { axis: -1, keepdims: true }));
  }
  override get variance(): Array {
    const a0 = np.sum(this.concentration, { axis: -1, keepdims: true });
    const a = this.concentration;
    return a.mul(a0.sub(a)).div(a0.square().mul(a0.add(1)));
  }
  override entropy(): Array {
    const a = this.concentration;
    const K = a.shape[a.ndim - 1];
    const a0 = np.sum(a, { axis: -1 });
    const lnB = np.sum(special.gammaln(a), { axis: -1 }).sub(special.gammaln(a0));
    return lnB.add(a0.sub(K).mul(special.digamma(a0))).sub(np.sum(a.sub(1).mul(special.digamma(a)), { axis: -1 }));
  }
}

/**
 * The multinomial distribution: counts of `totalCount` categorical draws over K categories,
 * from `probs` or `{ logits }`. Sampling needs a concrete `totalCount`.
 *
 * @example
 * ```ts
 * new Multinomial(10, np.array([0.2, 0.3, 0.5])).sample(random.key(0)); // counts summing to 10
 * ```
 */
export class Multinomial extends Distribution {
  readonly totalCount: Array;
  readonly probs: Array;
  /** @param totalCount - the number of draws @param params - probabilities `[..., K]` or `{ logits }` */
  constructor(totalCount: ArrayLike, params: ArrayLike | ProbsOrLogits, options?: DistributionOptions) {
    super();
    let p: Array;
    const obj = params as ProbsOrLogits;
    if (params !== null && typeof params === "object" && !globalThis.Array.isArray(params) && !("aval" in (params as object)) && ("logits" in obj || "probs" in obj)) {
      p = obj.logits !== undefined ? np.exp(asFloat(obj.logits).sub(special.logsumexp(obj.logits, { axis: -1, keepdims: true }))) : asFloat(obj.probs!);
    } else p = asFloat(params as ArrayLike);
    this.totalCount = asFloat(totalCount);
    this.probs = p;
    const batch = broadcastShapes([p.shape.slice(0, -1), this.totalCount.shape], "Multinomial");
    this.setup(batch, p.shape.slice(-1), [this.totalCount, p, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { totalCount: C.nonnegativeInteger, probs: C.simplex };
  }
  get support(): Constraint {
    return C.multinomial(this.totalCount);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    if (!(this.totalCount instanceof ConcreteArray)) throw new Error("Multinomial.sample: totalCount must be concrete (not traced)");
    const nMax = np.max(this.totalCount).item();
    const K = this.eventShape[0];
    const batch = [...sampleShape, ...this.batchShape];
    const draws = random.categorical(key, np.log(this.probs), { shape: [nMax, ...batch] }); // [n, ...batch]
    const used = np.arange(nMax).reshape([nMax, ...batch.map(() => 1)]).lt(this.totalCount);
    const onehot = np.expandDims(draws, -1).eq(np.arange(K, undefined, 1, "int32")).mul(np.expandDims(used, -1));
    return np.sum(onehot.astype("int32"), { axis: 0 });
  }
  logProb(value: ArrayLike): Array {
    const x = asFloat(value);
    const n = this.totalCount;
    return special
      .gammaln(n.add(1))
      .sub(np.sum(special.gammaln(x.add(1)), { axis: -1 }))
      .add(np.sum(xlogy(x, this.probs), { axis: -1 }));
  }
  override get mean(): Array {
    return bcast(this.probs.mul(np.expandDims(this.totalCount, -1)), this.shape());
  }
  override get variance(): Array {
    return bcast(np.expandDims(this.totalCount, -1).mul(this.probs).mul(np.subtract(1, this.probs)), this.shape());
  }
}

/**
 * A Gaussian random walk of `numSteps` steps with step size `scale` (x₀ ~ N(0, scale²)).
 *
 * @example
 * ```ts
 * new GaussianRandomWalk(1, 10).sample(random.key(0)).shape; // [10]
 * ```
 */
export class GaussianRandomWalk extends Distribution {
  readonly scale: Array;
  /** @param scale - step standard deviation @param numSteps - the length of the walk */
  constructor(scale: ArrayLike = 1, readonly numSteps = 1, options?: DistributionOptions) {
    super();
    this.scale = asFloat(scale);
    this.setup(this.scale.shape, [numSteps], [this.scale, numSteps, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { scale: C.positive };
  }
  get support(): Constraint {
    return C.realVector;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const eps = random.normal(key, this.shape(sampleShape));
    return np.cumsum(eps, { axis: -1 }).mul(np.expandDims(this.scale, -1));
  }
  logProb(value: ArrayLike): Array {
    const x = asFloat(value);
    const steps = np.concatenate([x.index("...", np.s(null, 1)), x.index("...", np.s(1)).sub(x.index("...", np.s(null, -1)))], -1);
    const s = np.expandDims(this.scale, -1);
    const z = steps.div(s);
    return np.sum(z.square().mul(-0.5).sub(np.log(s)).sub(0.5 * LOG_2PI), { axis: -1 });
  }
  override get mean(): Array {
    return np.zeros(this.shape());
  }
  override get variance(): Array {
    return bcast(np.arange(1, this.numSteps + 1).mul(np.expandDims(this.scale.square(), -1)), this.shape());
  }
}

for (const cls of [MultivariateNormal, LowRankMultivariateNormal, MultivariateStudentT, Dirichlet, Multinomial, GaussianRandomWalk]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}
