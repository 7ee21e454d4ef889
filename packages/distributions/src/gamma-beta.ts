/**
 * The gamma and beta families: Gamma, Chi2, InverseGamma, Beta, as
 * `numpyro.distributions.continuous`.
 */
import { type Array, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { registerTreeClass } from "./pytree.js";
import { batchOf } from "./loc-scale.js";
import { type ArrayLike, asFloat, bcast, xlog1py, xlogy } from "./util.js";

/**
 * The gamma distribution with shape `concentration` and `rate` (density ∝ x^(α−1) e^(−βx)).
 *
 * @example
 * ```ts
 * new Gamma(2, 0.5).mean; // 4
 * ```
 */
export class Gamma extends Distribution {
  readonly concentration: Array;
  readonly rate: Array;
  /** @param concentration - α > 0 @param rate - β > 0 */
  constructor(concentration: ArrayLike, rate: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.concentration = asFloat(concentration);
    this.rate = asFloat(rate);
    this.setup(batchOf(this.name, this.concentration, this.rate), [], [this.concentration, this.rate, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { concentration: C.positive, rate: C.positive };
  }
  get support(): Constraint {
    return C.positive;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    return random.gamma(key, bcast(this.concentration, shape), shape).div(this.rate);
  }
  logProb(value: ArrayLike): Array {
    const a = this.concentration;
    const y = asFloat(value).mul(this.rate);
    return xlogy(a.sub(1), y).sub(y).sub(special.gammaln(a)).add(np.log(this.rate));
  }
  override cdf(value: ArrayLike): Array {
    return special.gammainc(this.concentration, asFloat(value).mul(this.rate));
  }
  override get mean(): Array {
    return bcast(this.concentration.div(this.rate), this.batchShape);
  }
  override get variance(): Array {
    return bcast(this.concentration.div(this.rate.square()), this.batchShape);
  }
  override entropy(): Array {
    const a = this.concentration;
    return a.sub(np.log(this.rate)).add(special.gammaln(a)).add(np.subtract(1, a).mul(special.digamma(a)));
  }
}

/**
 * The chi-squared distribution with `df` degrees of freedom (Gamma(df/2, 1/2)).
 *
 * @example
 * ```ts
 * new Chi2(6).mean; // 6
 * ```
 */
export class Chi2 extends Gamma {
  readonly df: Array;
  /** @param df - degrees of freedom, > 0 */
  constructor(df: ArrayLike, options?: DistributionOptions) {
    const d = asFloat(df);
    super(d.mul(0.5), 0.5, { ...options, validateArgs: false });
    this.df = d;
    this.setup(d.shape, [], [d, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { df: C.positive };
  }
}

/**
 * The inverse-gamma distribution: 1/X for X ~ Gamma(concentration, rate).
 *
 * @example
 * ```ts
 * new InverseGamma(3, 2).mean; // 1
 * ```
 */
export class InverseGamma extends Distribution {
  readonly concentration: Array;
  readonly rate: Array;
  /** @param concentration - α > 0 @param rate - β > 0 (the scale of the inverse gamma) */
  constructor(concentration: ArrayLike, rate: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.concentration = asFloat(concentration);
    this.rate = asFloat(rate);
    this.setup(batchOf("InverseGamma", this.concentration, this.rate), [], [this.concentration, this.rate, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { concentration: C.positive, rate: C.positive };
  }
  get support(): Constraint {
    return C.positive;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    return this.rate.div(random.gamma(key, bcast(this.concentration, shape), shape));
  }
  logProb(value: ArrayLike): Array {
    const a = this.concentration;
    const v = asFloat(value);
    const y = v.div(this.rate);
    return xlogy(a.add(1), y).neg().sub(y.reciprocal()).sub(special.gammaln(a)).sub(np.log(this.rate));
  }
  override cdf(value: ArrayLike): Array {
    return special.gammaincc(this.concentration, this.rate.div(asFloat(value)));
  }
  override get mean(): Array {
    const a = this.concentration;
    return np.where(a.gt(1), this.rate.div(a.sub(1)), Infinity);
  }
  override get variance(): Array {
    const a = this.concentration;
    return np.where(a.gt(2), this.rate.square().div(a.sub(1).square().mul(a.sub(2))), Infinity);
  }
  override entropy(): Array {
    const a = this.concentration;
    return a.add(np.log(this.rate)).add(special.gammaln(a)).sub(a.add(1).mul(special.digamma(a)));
  }
}

/**
 * The beta distribution on [0, 1] (density ∝ x^(α−1) (1−x)^(β−1)).
 *
 * @example
 * ```ts
 * new Beta(2, 3).mean; // 0.4
 * ```
 */
export class Beta extends Distribution {
  readonly concentration1: Array;
  readonly concentration0: Array;
  /** @param concentration1 - α > 0 @param concentration0 - β > 0 */
  constructor(concentration1: ArrayLike, concentration0: ArrayLike, options?: DistributionOptions) {
    super();
    this.concentration1 = asFloat(concentration1);
    this.concentration0 = asFloat(concentration0);
    this.setup(batchOf("Beta", this.concentration1, this.concentration0), [], [this.concentration1, this.concentration0, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { concentration1: C.positive, concentration0: C.positive };
  }
  get support(): Constraint {
    return C.unitInterval;
  }
  override get hasRsample(): boolean {
    return true;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    return random.beta(key, bcast(this.concentration1, shape), bcast(this.concentration0, shape), shape);
  }
  logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    const a = this.concentration1;
    const b = this.concentration0;
    return xlogy(a.sub(1), v).add(xlog1py(b.sub(1), v.neg())).sub(special.betaln(a, b));
  }
  /** The CDF I_x(α, β) (`special.betainc`; differentiable in x only). */
  override cdf(value: ArrayLike): Array {
    const [a, b, x] = np.broadcastArrays(this.concentration1, this.concentration0, np.clip(asFloat(value), 0, 1));
    return special.betainc(a, b, x);
  }
  /** The quantile function, I⁻¹(a, b, q) (`special.betaincinv`). */
  override icdf(q: ArrayLike): Array {
    const [a, b, qq] = np.broadcastArrays(this.concentration1, this.concentration0, asFloat(q));
    return special.betaincinv(a, b, qq);
  }
  override get mean(): Array {
    return this.concentration1.div(this.concentration1.add(this.concentration0));
  }
  override get variance(): Array {
    const t = this.concentration1.add(this.concentration0);
    return this.concentration1.mul(this.concentration0).div(t.square().mul(t.add(1)));
  }
  override entropy(): Array {
    const a = this.concentration1;
    const b = this.concentration0;
    const t = a.add(b);
    return special
      .betaln(a, b)
      .sub(a.sub(1).mul(special.digamma(a)))
      .sub(b.sub(1).mul(special.digamma(b)))
      .add(t.sub(2).mul(special.digamma(t)));
  }
}

for (const cls of [Gamma, Chi2, InverseGamma, Beta]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}
