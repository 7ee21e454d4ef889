/**
 * Continuous univariate distributions (the common set), as `numpyro.distributions.continuous`.
 */
import { type Array, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { registerTreeClass } from "./pytree.js";
import { batchOf } from "./loc-scale.js";
import { type ArrayLike, asFloat, bcast, lgammaHalfRatio, xlogy } from "./util.js";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const EULER = 0.5772156649015329;

/**
 * The shared part of |Z|·scale families on the half-line (HalfNormal, HalfCauchy): parameter
 * `scale` (positive), support the non-negative reals, reparameterised sampling from the
 * family's standard variable Z.
 *
 * @example
 * ```ts
 * new HalfNormal(2).support.name; // "nonnegative"
 * ```
 */
export abstract class HalfScaleDistribution extends Distribution {
  readonly scale: Array;
  protected constructor(scale: ArrayLike, options: DistributionOptions | undefined) {
    super();
    this.scale = asFloat(scale);
    this.setup(this.scale.shape, [], [this.scale, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { scale: C.positive };
  }
  get support(): Constraint {
    return C.nonnegative;
  }
  override get hasRsample(): boolean {
    return true;
  }
  /** Draws of the standard variable Z of the given shape. */
  protected abstract standard(key: Key, shape: number[]): Array;
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return np.abs(this.standard(key, this.shape(sampleShape))).mul(this.scale);
  }
}

/**
 * The half-normal distribution: |X| for X ~ N(0, scale²).
 *
 * @example
 * ```ts
 * new HalfNormal(2).mean; // 2·√(2/π)
 * ```
 */
export class HalfNormal extends HalfScaleDistribution {
  /** @param scale - the scale of the underlying normal, > 0 */
  constructor(scale: ArrayLike = 1, options?: DistributionOptions) {
    super(scale, options);
  }
  protected standard(key: Key, shape: number[]): Array {
    return random.normal(key, shape);
  }
  logProb(value: ArrayLike): Array {
    // One reciprocal, then products (as Normal's).
    const z = asFloat(value).mul(np.reciprocal(this.scale));
    return z.mul(z).mul(-0.5).sub(np.log(this.scale)).add(Math.LN2 - LOG_SQRT_2PI);
  }
  override cdf(value: ArrayLike): Array {
    return special.erf(asFloat(value).div(this.scale.mul(Math.SQRT2)));
  }
  override icdf(q: ArrayLike): Array {
    return this.scale.mul(special.ndtri(asFloat(q).add(1).div(2)));
  }
  override get mean(): Array {
    return this.scale.mul(Math.sqrt(2 / Math.PI));
  }
  override get variance(): Array {
    return this.scale.square().mul(1 - 2 / Math.PI);
  }
  override entropy(): Array {
    return np.log(this.scale).add(0.5 * Math.log(Math.PI / 2) + 0.5);
  }
}

/**
 * The log-normal distribution: exp(X) for X ~ N(loc, scale²).
 *
 * @example
 * ```ts
 * new LogNormal(0, 1).logProb(1); // -0.9189
 * ```
 */
export class LogNormal extends Distribution {
  readonly loc: Array;
  readonly scale: Array;
  /** @param loc - mean of log X @param scale - sd of log X, > 0 */
  constructor(loc: ArrayLike = 0, scale: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.loc = asFloat(loc);
    this.scale = asFloat(scale);
    this.setup(batchOf("LogNormal", this.loc, this.scale), [], [this.loc, this.scale, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { loc: C.real, scale: C.positive };
  }
  get support(): Constraint {
    return C.positive;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return np.exp(this.loc.add(this.scale.mul(random.normal(key, this.shape(sampleShape)))));
  }
  /** The log density; −∞ for values <= 0 (so mixtures with real-valued components work). */
  logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    const pos = v.gt(0);
    const lv = np.log(np.where(pos, v, 1));
    const z = lv.sub(this.loc).div(this.scale);
    return np.where(pos, z.mul(z).mul(-0.5).sub(np.log(this.scale)).sub(LOG_SQRT_2PI).sub(lv), -Infinity);
  }
  override cdf(value: ArrayLike): Array {
    return special.ndtr(np.log(asFloat(value)).sub(this.loc).div(this.scale));
  }
  override icdf(q: ArrayLike): Array {
    return np.exp(this.loc.add(this.scale.mul(special.ndtri(q))));
  }
  override get mean(): Array {
    return np.exp(this.loc.add(this.scale.square().div(2)));
  }
  override get variance(): Array {
    const s2 = this.scale.square();
    return np.expm1(s2).mul(np.exp(this.loc.mul(2).add(s2)));
  }
  override entropy(): Array {
    return this.loc.add(np.log(this.scale)).add(0.5 + LOG_SQRT_2PI);
  }
}

/**
 * The uniform distribution on [low, high]; `logProb` is −∞ outside.
 *
 * @example
 * ```ts
 * new Uniform(0, 4).logProb(1); // -log 4
 * ```
 */
export class Uniform extends Distribution {
  readonly low: Array;
  readonly high: Array;
  /** @param low - lower end @param high - upper end, > low */
  constructor(low: ArrayLike = 0, high: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.low = asFloat(low);
    this.high = asFloat(high);
    this.setup(batchOf("Uniform", this.low, this.high), [], [this.low, this.high, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { low: C.real, high: C.greaterThan(this.low) };
  }
  get support(): Constraint {
    return C.interval(this.low, this.high);
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const u = random.uniform(key, this.shape(sampleShape));
    return this.low.add(this.high.sub(this.low).mul(u));
  }
  logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    const inside = np.logicalAnd(v.ge(this.low), v.le(this.high));
    return np.where(inside, np.log(this.high.sub(this.low)).neg(), -Infinity);
  }
  override cdf(value: ArrayLike): Array {
    return np.clip(asFloat(value).sub(this.low).div(this.high.sub(this.low)), 0, 1);
  }
  override icdf(q: ArrayLike): Array {
    return this.low.add(this.high.sub(this.low).mul(q));
  }
  override get mean(): Array {
    return this.low.add(this.high).div(2);
  }
  override get variance(): Array {
    return this.high.sub(this.low).square().div(12);
  }
  override entropy(): Array {
    return np.log(this.high.sub(this.low));
  }
}

/**
 * The exponential distribution with rate λ.
 *
 * @example
 * ```ts
 * new Exponential(2).mean; // 0.5
 * ```
 */
export class Exponential extends Distribution {
  readonly rate: Array;
  /** @param rate - λ > 0 */
  constructor(rate: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.rate = asFloat(rate);
    this.setup(this.rate.shape, [], [this.rate, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { rate: C.positive };
  }
  get support(): Constraint {
    return C.nonnegative;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return random.exponential(key, this.shape(sampleShape)).div(this.rate);
  }
  logProb(value: ArrayLike): Array {
    return np.log(this.rate).sub(this.rate.mul(asFloat(value)));
  }
  override cdf(value: ArrayLike): Array {
    return np.expm1(this.rate.mul(asFloat(value)).neg()).neg();
  }
  override icdf(q: ArrayLike): Array {
    return np.log1p(asFloat(q).neg()).neg().div(this.rate);
  }
  override get mean(): Array {
    return this.rate.reciprocal();
  }
  override get variance(): Array {
    return this.rate.square().reciprocal();
  }
  override entropy(): Array {
    return np.subtract(1, np.log(this.rate));
  }
}

/**
 * Student's t distribution with `df` degrees of freedom, location and scale.
 *
 * @example
 * ```ts
 * new StudentT(3, 0, 1).logProb(0); // -1.0009
 * ```
 */
export class StudentT extends Distribution {
  readonly df: Array;
  readonly loc: Array;
  readonly scale: Array;
  /** @param df - degrees of freedom > 0 @param loc - location @param scale - scale > 0 */
  constructor(df: ArrayLike, loc: ArrayLike = 0, scale: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.df = asFloat(df);
    this.loc = asFloat(loc);
    this.scale = asFloat(scale);
    this.setup(batchOf("StudentT", this.df, this.loc, this.scale), [], [this.df, this.loc, this.scale, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { df: C.positive, loc: C.real, scale: C.positive };
  }
  get support(): Constraint {
    return C.real;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    return this.loc.add(this.scale.mul(random.t(key, bcast(this.df, shape), shape)));
  }
  logProb(value: ArrayLike): Array {
    const df = this.df;
    const y = asFloat(value).sub(this.loc).div(this.scale);
    const z = np
      .log(this.scale)
      .add(np.log(df).mul(0.5))
      .add(0.5 * Math.log(Math.PI))
      .sub(lgammaHalfRatio(df.mul(0.5)));
    return df.add(1).mul(-0.5).mul(np.log1p(y.square().div(df))).sub(z);
  }
  /**
   * The CDF, as NumPyro's: df/(df + t²) ~ Beta(df/2, ½), so F(t) = ½ I(df/2, ½, df/(df + t²))
   * for t < 0 and 1 − that for t > 0 (`special.betainc`; differentiable in the value).
   */
  override cdf(value: ArrayLike): Array {
    const t = asFloat(value).sub(this.loc).div(this.scale);
    const t2 = t.square();
    const [h, x] = np.broadcastArrays(this.df.mul(0.5), this.df.div(this.df.add(t2)));
    const tail = special.betainc(h, np.fullLike(h, 0.5), x).mul(0.5);
    return np.where(t.lt(0), tail, np.subtract(1, tail));
  }
  /**
   * The quantile function: with p = min(q, 1 − q), x = I⁻¹(df/2, ½, 2p) gives
   * |t| = √(df (1/x − 1)), negative below the median (`special.betaincinv`).
   */
  override icdf(q: ArrayLike): Array {
    const qq = asFloat(q);
    const p = np.minimum(qq, np.subtract(1, qq));
    const [h, p2] = np.broadcastArrays(this.df.mul(0.5), p.mul(2));
    const x = special.betaincinv(h, np.fullLike(h, 0.5), p2);
    const t = np.sqrt(this.df.mul(x.reciprocal().sub(1)));
    return this.loc.add(this.scale.mul(np.where(qq.lt(0.5), t.neg(), t)));
  }
  override get mean(): Array {
    return bcast(np.where(this.df.gt(1), this.loc, NaN), this.batchShape);
  }
  override get variance(): Array {
    const df = this.df;
    const v = np.where(df.gt(2), this.scale.square().mul(df).div(df.sub(2)), np.where(df.gt(1), Infinity, NaN));
    return bcast(v, this.batchShape);
  }
  override entropy(): Array {
    const df = this.df;
    const h = df.add(1).div(2);
    return h
      .mul(special.digamma(h).sub(special.digamma(df.div(2))))
      .add(np.log(df).mul(0.5))
      .add(special.betaln(df.div(2), 0.5))
      .add(np.log(this.scale));
  }
}

/**
 * The half-Cauchy distribution: |X| for X ~ Cauchy(0, scale).
 *
 * @example
 * ```ts
 * new HalfCauchy(1).cdf(1); // 0.5
 * ```
 */
export class HalfCauchy extends HalfScaleDistribution {
  /** @param scale - > 0 */
  constructor(scale: ArrayLike = 1, options?: DistributionOptions) {
    super(scale, options);
  }
  protected standard(key: Key, shape: number[]): Array {
    return random.cauchy(key, shape);
  }
  logProb(value: ArrayLike): Array {
    const y = asFloat(value).div(this.scale);
    return np.log1p(y.square()).neg().sub(np.log(this.scale)).add(Math.LN2 - Math.log(Math.PI));
  }
  override cdf(value: ArrayLike): Array {
    return np.arctan(asFloat(value).div(this.scale)).mul(2 / Math.PI);
  }
  override icdf(q: ArrayLike): Array {
    return this.scale.mul(np.tan(asFloat(q).mul(Math.PI / 2)));
  }
  override get mean(): Array {
    return np.full(this.batchShape, Infinity);
  }
  override get variance(): Array {
    return np.full(this.batchShape, Infinity);
  }
  override entropy(): Array {
    return np.log(this.scale).add(Math.log(2 * Math.PI));
  }
}

/**
 * The Weibull distribution with `scale` λ and shape `concentration` k.
 *
 * @example
 * ```ts
 * new Weibull(1, 1).mean; // 1 (an exponential)
 * ```
 */
export class Weibull extends Distribution {
  readonly scale: Array;
  readonly concentration: Array;
  /** @param scale - λ > 0 @param concentration - k > 0 */
  constructor(scale: ArrayLike, concentration: ArrayLike, options?: DistributionOptions) {
    super();
    this.scale = asFloat(scale);
    this.concentration = asFloat(concentration);
    this.setup(batchOf("Weibull", this.scale, this.concentration), [], [this.scale, this.concentration, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { scale: C.positive, concentration: C.positive };
  }
  get support(): Constraint {
    return C.positive;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const e = random.exponential(key, this.shape(sampleShape));
    return this.scale.mul(np.power(e, this.concentration.reciprocal()));
  }
  logProb(value: ArrayLike): Array {
    const k = this.concentration;
    const y = asFloat(value).div(this.scale);
    return np.log(k.div(this.scale)).add(xlogy(k.sub(1), y)).sub(np.power(y, k));
  }
  override cdf(value: ArrayLike): Array {
    return np.expm1(np.power(asFloat(value).div(this.scale), this.concentration).neg()).neg();
  }
  override icdf(q: ArrayLike): Array {
    return this.scale.mul(np.power(np.log1p(asFloat(q).neg()).neg(), this.concentration.reciprocal()));
  }
  override get mean(): Array {
    return this.scale.mul(np.exp(special.gammaln(np.add(1, this.concentration.reciprocal()))));
  }
  override get variance(): Array {
    const k = this.concentration;
    const g1 = np.exp(special.gammaln(np.add(1, k.reciprocal())));
    const g2 = np.exp(special.gammaln(np.add(1, k.reciprocal().mul(2))));
    return this.scale.square().mul(g2.sub(g1.square()));
  }
  override entropy(): Array {
    const k = this.concentration;
    return np.subtract(1, k.reciprocal()).mul(EULER).add(np.log(this.scale.div(k))).add(1);
  }
}

/**
 * The Pareto distribution on [scale, ∞) with tail index `alpha`.
 *
 * @example
 * ```ts
 * new Pareto(1, 3).mean; // 1.5
 * ```
 */
export class Pareto extends Distribution {
  readonly scale: Array;
  readonly alpha: Array;
  /** @param scale - the minimum, > 0 @param alpha - the tail index, > 0 */
  constructor(scale: ArrayLike, alpha: ArrayLike, options?: DistributionOptions) {
    super();
    this.scale = asFloat(scale);
    this.alpha = asFloat(alpha);
    this.setup(batchOf("Pareto", this.scale, this.alpha), [], [this.scale, this.alpha, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { scale: C.positive, alpha: C.positive };
  }
  get support(): Constraint {
    return C.greaterThanEq(this.scale);
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const e = random.exponential(key, this.shape(sampleShape));
    return this.scale.mul(np.exp(e.div(this.alpha)));
  }
  logProb(value: ArrayLike): Array {
    const a = this.alpha;
    return np.log(a).add(a.mul(np.log(this.scale))).sub(a.add(1).mul(np.log(asFloat(value))));
  }
  override cdf(value: ArrayLike): Array {
    return np.subtract(1, np.power(this.scale.div(asFloat(value)), this.alpha));
  }
  override icdf(q: ArrayLike): Array {
    return this.scale.mul(np.power(np.subtract(1, q), this.alpha.reciprocal().neg()));
  }
  override get mean(): Array {
    const a = this.alpha;
    return np.where(a.gt(1), a.mul(this.scale).div(a.sub(1)), Infinity);
  }
  override get variance(): Array {
    const a = this.alpha;
    return np.where(a.gt(2), this.scale.square().mul(a).div(a.sub(1).square().mul(a.sub(2))), Infinity);
  }
  override entropy(): Array {
    const a = this.alpha;
    return np.log(this.scale.div(a)).add(a.reciprocal()).add(1);
  }
}

for (const cls of [HalfNormal, LogNormal, Uniform, Exponential, StudentT, HalfCauchy, Weibull, Pareto]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}

