/**
 * Location–scale families on the real line (Normal, Cauchy, Laplace, Logistic, Gumbel):
 * X = loc + scale · Z for a standard variable Z, reparameterised sampling.
 */
import { type Array, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { registerTreeClass } from "./pytree.js";
import { type ArrayLike, asFloat, bcast, broadcastShapes } from "./util.js";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const EULER = 0.5772156649015329;

/**
 * The broadcast batch shape of parameters, with an error naming the distribution.
 *
 * @example
 * ```ts
 * batchOf("Normal", np.zeros([3]), np.ones([2, 1])); // [2, 3]
 * ```
 */
export const batchOf = (name: string, ...xs: Array[]): number[] => broadcastShapes(xs.map((x) => x.shape), name);

/**
 * The shared part of a location–scale family on the real line: parameters `loc` (real) and
 * `scale` (positive), support the real line, and samples loc + scale · Z from the family's
 * standard variable Z.
 *
 * @example
 * ```ts
 * class MyFamily extends LocScaleDistribution { … protected standard(key, shape) { … } }
 * ```
 */
export abstract class LocScaleDistribution extends Distribution {
  readonly loc: Array;
  readonly scale: Array;
  protected constructor(name: string, loc: ArrayLike, scale: ArrayLike, options: DistributionOptions | undefined) {
    super();
    this.loc = asFloat(loc);
    this.scale = asFloat(scale);
    this.setup(batchOf(name, this.loc, this.scale), [], [this.loc, this.scale, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { loc: C.real, scale: C.positive };
  }
  get support(): Constraint {
    return C.real;
  }
  override get hasRsample(): boolean {
    return true;
  }
  /** Draws of the standard variable Z (loc 0, scale 1) of the given shape. */
  protected abstract standard(key: Key, shape: number[]): Array;
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return this.loc.add(this.scale.mul(this.standard(key, this.shape(sampleShape))));
  }
}

/**
 * The normal distribution N(loc, scale²).
 *
 * @example
 * ```ts
 * const d = new Normal(0, 1);
 * d.logProb(0); // -0.9189
 * d.sample(random.key(0), [3]); // three draws
 * ```
 */
export class Normal extends LocScaleDistribution {
  /** @param loc - mean @param scale - standard deviation, > 0 */
  constructor(loc: ArrayLike = 0, scale: ArrayLike = 1, options?: DistributionOptions) {
    super("Normal", loc, scale, options);
  }
  protected standard(key: Key, shape: number[]): Array {
    return random.normal(key, shape);
  }
  logProb(value: ArrayLike): Array {
    // As Stan's normal_lpdf: one reciprocal of the scale, then products. Its derivatives are
    // products too, where (x − loc)/scale would put divisions in the gradient (a third of an
    // M67 gradient's time was divisions).
    const z = asFloat(value).sub(this.loc).mul(np.reciprocal(this.scale));
    return z.mul(z).mul(-0.5).sub(np.log(this.scale)).sub(LOG_SQRT_2PI);
  }
  override cdf(value: ArrayLike): Array {
    return special.ndtr(asFloat(value).sub(this.loc).div(this.scale));
  }
  override icdf(q: ArrayLike): Array {
    return this.loc.add(this.scale.mul(special.ndtri(q)));
  }
  override get mean(): Array {
    return bcast(this.loc, this.batchShape);
  }
  override get variance(): Array {
    return bcast(this.scale.square(), this.batchShape);
  }
  override entropy(): Array {
    return bcast(np.log(this.scale).add(0.5 + LOG_SQRT_2PI), this.batchShape);
  }
}

/**
 * The Cauchy distribution.
 *
 * @example
 * ```ts
 * new Cauchy(0, 1).cdf(1); // 0.75
 * ```
 */
export class Cauchy extends LocScaleDistribution {
  /** @param loc - location (median) @param scale - half width, > 0 */
  constructor(loc: ArrayLike = 0, scale: ArrayLike = 1, options?: DistributionOptions) {
    super("Cauchy", loc, scale, options);
  }
  protected standard(key: Key, shape: number[]): Array {
    return random.cauchy(key, shape);
  }
  logProb(value: ArrayLike): Array {
    const y = asFloat(value).sub(this.loc).div(this.scale);
    return np.log1p(y.square()).neg().sub(np.log(this.scale)).sub(Math.log(Math.PI));
  }
  override cdf(value: ArrayLike): Array {
    return np.arctan(asFloat(value).sub(this.loc).div(this.scale)).div(Math.PI).add(0.5);
  }
  override icdf(q: ArrayLike): Array {
    return this.loc.add(this.scale.mul(np.tan(asFloat(q).sub(0.5).mul(Math.PI))));
  }
  override get mean(): Array {
    return np.full(this.batchShape, NaN);
  }
  override get variance(): Array {
    return np.full(this.batchShape, Infinity);
  }
  override entropy(): Array {
    return bcast(np.log(this.scale).add(Math.log(4 * Math.PI)), this.batchShape);
  }
}

/**
 * The Laplace (double exponential) distribution.
 *
 * @example
 * ```ts
 * new Laplace(0, 1).logProb(0); // -log 2
 * ```
 */
export class Laplace extends LocScaleDistribution {
  /** @param loc - location @param scale - > 0 */
  constructor(loc: ArrayLike = 0, scale: ArrayLike = 1, options?: DistributionOptions) {
    super("Laplace", loc, scale, options);
  }
  protected standard(key: Key, shape: number[]): Array {
    return random.laplace(key, shape);
  }
  logProb(value: ArrayLike): Array {
    const z = np.abs(asFloat(value).sub(this.loc)).div(this.scale);
    return z.neg().sub(np.log(this.scale.mul(2)));
  }
  override cdf(value: ArrayLike): Array {
    const y = asFloat(value).sub(this.loc).div(this.scale);
    return np.subtract(0.5, np.sign(y).mul(np.expm1(np.abs(y).neg())).mul(0.5));
  }
  override icdf(q: ArrayLike): Array {
    const a = asFloat(q).sub(0.5);
    return this.loc.sub(this.scale.mul(np.sign(a)).mul(np.log1p(np.abs(a).mul(-2))));
  }
  override get mean(): Array {
    return bcast(this.loc, this.batchShape);
  }
  override get variance(): Array {
    return bcast(this.scale.square().mul(2), this.batchShape);
  }
  override entropy(): Array {
    return bcast(np.log(this.scale.mul(2)).add(1), this.batchShape);
  }
}

/**
 * The logistic distribution.
 *
 * @example
 * ```ts
 * new Logistic(0, 1).cdf(0); // 0.5
 * ```
 */
export class Logistic extends LocScaleDistribution {
  /** @param loc - location @param scale - > 0 */
  constructor(loc: ArrayLike = 0, scale: ArrayLike = 1, options?: DistributionOptions) {
    super("Logistic", loc, scale, options);
  }
  protected standard(key: Key, shape: number[]): Array {
    return random.logistic(key, shape);
  }
  logProb(value: ArrayLike): Array {
    const z = asFloat(value).sub(this.loc).div(this.scale);
    // −|z| − 2 log1p(e^−|z|) − log s (symmetric, stable)
    const a = np.abs(z);
    return a.neg().sub(np.log1p(np.exp(a.neg())).mul(2)).sub(np.log(this.scale));
  }
  override cdf(value: ArrayLike): Array {
    return special.expit(asFloat(value).sub(this.loc).div(this.scale));
  }
  override icdf(q: ArrayLike): Array {
    return this.loc.add(this.scale.mul(special.logit(q)));
  }
  override get mean(): Array {
    return bcast(this.loc, this.batchShape);
  }
  override get variance(): Array {
    return bcast(this.scale.square().mul(Math.PI ** 2 / 3), this.batchShape);
  }
  override entropy(): Array {
    return bcast(np.log(this.scale).add(2), this.batchShape);
  }
}

/**
 * The Gumbel (type-I extreme value) distribution.
 *
 * @example
 * ```ts
 * new Gumbel(0, 1).mean; // 0.5772
 * ```
 */
export class Gumbel extends LocScaleDistribution {
  /** @param loc - location @param scale - > 0 */
  constructor(loc: ArrayLike = 0, scale: ArrayLike = 1, options?: DistributionOptions) {
    super("Gumbel", loc, scale, options);
  }
  protected standard(key: Key, shape: number[]): Array {
    return random.gumbel(key, shape);
  }
  logProb(value: ArrayLike): Array {
    const z = asFloat(value).sub(this.loc).div(this.scale);
    return z.add(np.exp(z.neg())).neg().sub(np.log(this.scale));
  }
  override cdf(value: ArrayLike): Array {
    return np.exp(np.exp(asFloat(value).sub(this.loc).div(this.scale).neg()).neg());
  }
  override icdf(q: ArrayLike): Array {
    return this.loc.sub(this.scale.mul(np.log(np.log(asFloat(q)).neg())));
  }
  override get mean(): Array {
    return bcast(this.loc.add(this.scale.mul(EULER)), this.batchShape);
  }
  override get variance(): Array {
    return bcast(this.scale.square().mul(Math.PI ** 2 / 6), this.batchShape);
  }
  override entropy(): Array {
    return bcast(np.log(this.scale).add(EULER + 1), this.batchShape);
  }
}

for (const cls of [Normal, Cauchy, Laplace, Logistic, Gumbel]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}
