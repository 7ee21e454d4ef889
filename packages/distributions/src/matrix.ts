/**
 * Distributions over matrices: LKJCholesky and LKJ (correlation matrices), WishartCholesky and
 * Wishart (positive-definite matrices), as NumPyro's (≥ 0.13 parameterisations).
 */
import { type Array, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { registerTreeClass } from "./pytree.js";
import { type ArrayLike, asFloat, bcast, broadcastShapes, diag, fmt, mT, multigammaln, vecToTrilMatrix } from "./util.js";

/** How LKJCholesky draws: the onion method (default) or the C-vine. */
export type LkjSampleMethod = "onion" | "cvine";

const eyeOf = (n: number): Array => np.eye(n);

/**
 * Lower-triangular factors with rows of unit norm from partial correlations t in (−1, 1),
 * filled into the strictly lower triangle row by row (NumPyro's `signed_stick_breaking_tril`).
 */
function signedStickBreakingTril(t: Array): Array {
  const eps = t.dtype === "float32" ? 1.1920929e-7 : 2.220446049250313e-16;
  const r = vecToTrilMatrix(np.clip(t, -1 + eps, 1 - eps), -1);
  const n = r.shape[r.ndim - 1];
  const cp = np.sqrt(np.cumprod(np.subtract(1, r.square()), { axis: -1 }));
  const ones = np.ones([...cp.shape.slice(0, -1), 1], cp.dtype);
  const shifted = np.concatenate([ones, cp.index("...", np.s(null, -1))], -1);
  return r.add(eyeOf(n)).mul(shifted);
}

/**
 * The LKJ distribution over Cholesky factors L of correlation matrices C = L Lᵀ, with density
 * ∝ det(C)^(η−1) on C (Lewandowski, Kurowicka & Joe 2009), as NumPyro's `LKJCholesky`:
 * `logProb` is with respect to the strictly lower entries of L, what `bijectTo(corrCholesky)`
 * maps to. Draws by the onion method (default) or the C-vine; every off-diagonal correlation
 * is 2·Beta(η + (D−2)/2, η + (D−2)/2) − 1. Reparameterised in `concentration`.
 *
 * @example
 * ```ts
 * const d = new LKJCholesky(3, 2.0);
 * const L = d.sample(random.key(0));            // [3, 3], rows of unit norm
 * d.logProb(L);
 * np.matmul(L, np.swapaxes(L, -1, -2));         // a correlation matrix
 * ```
 */
export class LKJCholesky extends Distribution {
  readonly concentration: Array;
  /**
   * @param dimension - D >= 2
   * @param concentration - η > 0 (1: uniform over correlation matrices; larger: nearer I)
   * @param sampleMethod - "onion" (default) or "cvine"
   */
  constructor(readonly dimension: number, concentration: ArrayLike = 1, readonly sampleMethod: LkjSampleMethod = "onion", options?: DistributionOptions) {
    super();
    if (!Number.isInteger(dimension) || dimension < 2) throw new Error(`${new.target.name}: dimension must be an integer >= 2, got ${dimension}`);
    if (sampleMethod !== "onion" && sampleMethod !== "cvine") throw new Error(`${new.target.name}: sampleMethod must be "onion" or "cvine", got ${String(sampleMethod)}`);
    this.concentration = asFloat(concentration);
    this.setup(this.concentration.shape, [dimension, dimension], [dimension, this.concentration, sampleMethod, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { concentration: C.positive };
  }
  get support(): Constraint {
    return C.corrCholesky;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const D = this.dimension;
    const batch = [...sampleShape, ...this.batchShape];
    const eta = np.expandDims(this.concentration, -1);
    const marginal = eta.add(0.5 * (D - 2));
    const kb = random.foldIn(key, 0);
    if (this.sampleMethod === "cvine") {
      // partial correlation of entry (i, j), i > j: 2·Beta(m − j/2, m − j/2) − 1
      const offs: number[] = [];
      for (let i = 1; i < D; i++) for (let j = 0; j < i; j++) offs.push(j / 2);
      const c = marginal.sub(np.array(offs));
      const shape = [...batch, offs.length];
      const b = random.beta(kb, bcast(c, shape), bcast(c, shape), shape);
      return signedStickBreakingTril(b.mul(2).sub(1));
    }
    // Onion (Section 3.2 of Lewandowski et al.): row i+1 is √(Beta(i/2 + ½, m − i/2)) times a
    // uniform direction in i + 1 dimensions, completed to unit norm on the diagonal.
    const offset = np.arange(D - 1).mul(0.5);
    const shapeB = [...batch, D - 1];
    const b = random.beta(kb, bcast(offset.add(0.5), shapeB), bcast(marginal.sub(offset), shapeB), shapeB);
    const z = vecToTrilMatrix(random.normal(random.foldIn(key, 1), [...batch, (D * (D - 1)) / 2]), 0);
    const u = z.div(np.sqrt(np.sum(z.square(), { axis: -1, keepdims: true })));
    const w = np.expandDims(np.sqrt(b), -1).mul(u); // [..., D−1, D−1]
    const top = np.zeros([...batch, 1, D - 1], w.dtype);
    const right = np.zeros([...batch, D, 1], w.dtype);
    const off = np.concatenate([np.concatenate([top, w], -2), right], -1);
    const d = np.sqrt(np.clip(np.subtract(1, np.sum(off.square(), { axis: -1 })), 0, Infinity));
    return off.add(eyeOf(D).mul(np.expandDims(d, -1)));
  }
  /**
   * log c_D, the log normaliser of det(C)^(η−1) over correlation matrices (NumPyro's form,
   * equal to Lewandowski et al.'s product of beta functions).
   *
   * @example
   * ```ts
   * new LKJCholesky(2, 1).logNormalizer(); // log 2
   * ```
   */
  logNormalizer(): Array {
    const Dm1 = this.dimension - 1;
    const alpha = this.concentration.add(0.5 * Dm1);
    return multigammaln(alpha.sub(0.5), Dm1).sub(special.gammaln(alpha).mul(Dm1)).add(0.5 * Dm1 * Math.log(Math.PI));
  }
  logProb(value: ArrayLike): Array {
    const D = this.dimension;
    const L = asFloat(value);
    const d = diag(L).index("...", np.s(1)); // L₀₀ = 1
    // exponent of L_ii (i = 1..D−1): 2(η − 1) from det(C), D − 1 − i from the Jacobian of C ← L
    const order = np.expandDims(this.concentration, -1).mul(2).add(np.arange(D - 4, -3, -1));
    return np.sum(order.mul(np.log(d)), { axis: -1 }).sub(this.logNormalizer());
  }
  override get mean(): Array {
    return bcast(eyeOf(this.dimension), this.shape());
  }
}

/**
 * The LKJ distribution over D×D correlation matrices, density det(C)^(η−1) / c_D, as NumPyro's
 * `LKJ` (draws are L Lᵀ for L from `LKJCholesky`). Prefer `LKJCholesky` in models: it avoids
 * a Cholesky decomposition per evaluation.
 *
 * @example
 * ```ts
 * const d = new LKJ(2, 1.0);
 * d.logProb(np.array([[1, 0.3], [0.3, 1]])); // log ½: uniform correlation on (−1, 1)
 * ```
 */
export class LKJ extends Distribution {
  readonly concentration: Array;
  private readonly base: LKJCholesky;
  /** @param dimension - D >= 2 @param concentration - η > 0 @param sampleMethod - "onion" or "cvine" */
  constructor(readonly dimension: number, concentration: ArrayLike = 1, readonly sampleMethod: LkjSampleMethod = "onion", options?: DistributionOptions) {
    super();
    this.base = new LKJCholesky(dimension, concentration, sampleMethod, { ...options, validateArgs: false });
    this.concentration = this.base.concentration;
    this.setup(this.concentration.shape, [dimension, dimension], [dimension, this.concentration, sampleMethod, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { concentration: C.positive };
  }
  get support(): Constraint {
    return C.corrMatrix;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const L = this.base.sample(key, sampleShape);
    return np.matmul(L, mT(L));
  }
  logProb(value: ArrayLike): Array {
    const L = np.linalg.cholesky(asFloat(value));
    const logDet = np.sum(np.log(diag(L)), { axis: -1 }).mul(2);
    return this.concentration.sub(1).mul(logDet).sub(this.base.logNormalizer());
  }
  override get mean(): Array {
    return bcast(eyeOf(this.dimension), this.shape());
  }
}

/** The scale of a Wishart distribution: exactly one of them. */
export interface WishartParams {
  /** The scale matrix S `[..., p, p]` (E W = concentration · S). */
  scaleMatrix?: ArrayLike;
  /** The rate matrix S⁻¹. */
  rateMatrix?: ArrayLike;
  /** The lower Cholesky factor of S. */
  scaleTril?: ArrayLike;
}

function wishartScaleTril(name: string, params: WishartParams): Array {
  const given = (["scaleMatrix", "rateMatrix", "scaleTril"] as const).filter((k) => params?.[k] !== undefined);
  if (given.length !== 1) throw new Error(`${name}: give exactly one of scaleMatrix, rateMatrix, scaleTril (got ${given.length ? given.join(", ") : "none"})`);
  let L: Array;
  if (params.scaleTril !== undefined) L = asFloat(params.scaleTril);
  else if (params.scaleMatrix !== undefined) L = np.linalg.cholesky(asFloat(params.scaleMatrix));
  else L = np.linalg.cholesky(np.linalg.inv(asFloat(params.rateMatrix!)));
  if (L.ndim < 2 || L.shape[L.ndim - 1] !== L.shape[L.ndim - 2]) throw new Error(`${name}: the scale must be a square matrix (or a batch of them), got shape ${fmt(L.shape)}`);
  return L;
}

/** Solve L X = B for lower-triangular L `[..., p, p]` and matrices B, batch axes broadcast. */
function solveLower(L: Array, B: Array): Array {
  const p = L.shape[L.ndim - 1];
  const batch = broadcastShapes([L.shape.slice(0, -2), B.shape.slice(0, -2)]);
  return np.linalg.solveTriangular(bcast(L, [...batch, p, p]), bcast(B, [...batch, p, B.shape[B.ndim - 1]]), { lower: true });
}

/**
 * The distribution of the Cholesky factor L of W ~ Wishart(concentration, S), as NumPyro's
 * `WishartCholesky`: `logProb` is with respect to the lower-triangular entries of L (what
 * `bijectTo(lowerCholesky)` maps to). Draws by the Bartlett decomposition L = chol(S) · A,
 * A lower triangular with A_ii = √χ²(n − i) and standard normal entries below the diagonal;
 * reparameterised.
 *
 * @example
 * ```ts
 * const d = new WishartCholesky(5, { scaleMatrix: np.eye(3) });
 * const L = d.sample(random.key(0)); // [3, 3], lower triangular
 * d.logProb(L);
 * ```
 */
export class WishartCholesky extends Distribution {
  readonly concentration: Array;
  readonly scaleTril: Array;
  /**
   * @param concentration - the degrees of freedom n > p − 1
   * @param params - one of scaleMatrix, rateMatrix, scaleTril
   */
  constructor(concentration: ArrayLike, params: WishartParams, options?: DistributionOptions) {
    super();
    const L = wishartScaleTril(new.target.name, params);
    this.concentration = asFloat(concentration);
    this.scaleTril = L;
    const p = L.shape[L.ndim - 1];
    const batch = broadcastShapes([this.concentration.shape, L.shape.slice(0, -2)], new.target.name);
    this.setup(batch, [p, p], [this.concentration, { scaleTril: L }, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { concentration: C.greaterThan(this.eventShape[0] - 1), scaleTril: C.lowerCholesky };
  }
  get support(): Constraint {
    return C.lowerCholesky;
  }
  override get hasRsample(): boolean {
    return true;
  }
  /** The scale matrix S = chol(S) chol(S)ᵀ. */
  get scaleMatrix(): Array {
    return np.matmul(this.scaleTril, mT(this.scaleTril));
  }
  /** The rate matrix S⁻¹. */
  get rateMatrix(): Array {
    return np.linalg.inv(this.scaleMatrix);
  }
  /** Bartlett factors A: lower triangular, A_ii = √χ²(n − i), N(0, 1) below the diagonal. */
  protected bartlett(key: Key, sampleShape: readonly number[]): Array {
    const p = this.eventShape[0];
    const batch = [...sampleShape, ...this.batchShape];
    const half = np.expandDims(this.concentration, -1).sub(np.arange(p)).mul(0.5);
    const chi2 = random.gamma(random.foldIn(key, 0), bcast(half, [...batch, p]), [...batch, p]).mul(2);
    const z = vecToTrilMatrix(random.normal(random.foldIn(key, 1), [...batch, (p * (p - 1)) / 2]), -1);
    return z.add(eyeOf(p).mul(np.expandDims(np.sqrt(chi2), -1)));
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return np.matmul(this.scaleTril, this.bartlett(key, sampleShape));
  }
  /** The log normaliser np/2 log 2 + n log det chol(S) + log Γ_p(n/2). */
  protected logNormalizer(): Array {
    const p = this.eventShape[0];
    const n = this.concentration;
    const logDetS = np.sum(np.log(diag(this.scaleTril)), { axis: -1 });
    return n.mul((p / 2) * Math.LN2).add(n.mul(logDetS)).add(multigammaln(n.mul(0.5), p));
  }
  logProb(value: ArrayLike): Array {
    const p = this.eventShape[0];
    const L = asFloat(value);
    const n = np.expandDims(this.concentration, -1);
    // (n − p − 1)/2 log det W, plus the Jacobian of W ← L: p log 2 + Σ (p − i) log L_ii
    const exps = n.sub(np.arange(p)).sub(1);
    const tr = np.sum(solveLower(this.scaleTril, L).square(), { axis: [-2, -1] });
    return np.sum(exps.mul(np.log(diag(L))), { axis: -1 }).sub(tr.mul(0.5)).add(p * Math.LN2).sub(this.logNormalizer());
  }
}

/**
 * The Wishart distribution over p×p positive-definite matrices, with `concentration` n
 * (degrees of freedom) and one of `scaleMatrix` S, `rateMatrix` S⁻¹ or `scaleTril` chol(S),
 * as NumPyro's `Wishart` (SciPy's `wishart(df=n, scale=S)`). Draws are L Lᵀ for L from
 * `WishartCholesky` (the Bartlett decomposition); reparameterised.
 *
 * @example
 * ```ts
 * const d = new Wishart(4, { scaleMatrix: np.array([[1, 0.3], [0.3, 2]]) });
 * d.mean; // 4 · S
 * d.logProb(np.array([[3, 1], [1, 7]]));
 * ```
 */
export class Wishart extends WishartCholesky {
  /** @param concentration - n > p − 1 @param params - one of scaleMatrix, rateMatrix, scaleTril */
  constructor(concentration: ArrayLike, params: WishartParams, options?: DistributionOptions) {
    super(concentration, params, options);
  }
  override get support(): Constraint {
    return C.positiveDefinite;
  }
  override sample(key: Key, sampleShape: readonly number[] = []): Array {
    const L = super.sample(key, sampleShape);
    return np.matmul(L, mT(L));
  }
  override logProb(value: ArrayLike): Array {
    const p = this.eventShape[0];
    const L = np.linalg.cholesky(asFloat(value));
    const n = this.concentration;
    const logDetW = np.sum(np.log(diag(L)), { axis: -1 }).mul(2);
    const tr = np.sum(solveLower(this.scaleTril, L).square(), { axis: [-2, -1] });
    return n.sub(p + 1).mul(0.5).mul(logDetW).sub(tr.mul(0.5)).sub(this.logNormalizer());
  }
  /** n · S. */
  override get mean(): Array {
    return bcast(np.expandDims(np.expandDims(this.concentration, -1), -1).mul(this.scaleMatrix), this.shape());
  }
  /** Var W_ij = n (S_ij² + S_ii S_jj). */
  override get variance(): Array {
    const S = this.scaleMatrix;
    const d = diag(S);
    const n = np.expandDims(np.expandDims(this.concentration, -1), -1);
    return bcast(n.mul(S.square().add(np.expandDims(d, -1).mul(np.expandDims(d, -2)))), this.shape());
  }
}

for (const cls of [LKJCholesky, LKJ, WishartCholesky, Wishart]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}
