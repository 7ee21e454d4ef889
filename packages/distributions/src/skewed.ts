/**
 * Skewed distributions on the real line: AsymmetricLaplace and SkewNormal, as NumPyro's.
 */
import { type Array, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { batchOf } from "./loc-scale.js";
import { registerTreeClass } from "./pytree.js";
import { type ArrayLike, asFloat, bcast } from "./util.js";

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The asymmetric Laplace distribution in NumPyro's parameterisation: density
 * exp(−(x − loc)/(scale/k)) to the right of `loc` and exp((x − loc)/(scale·k)) to its left,
 * normalised by scale·(k + 1/k), with k = `asymmetry` (k = 1 is the Laplace distribution;
 * SciPy's `laplace_asymmetric(kappa=k, loc, scale)`). Reparameterised sampling.
 *
 * @example
 * ```ts
 * const d = new AsymmetricLaplace(0, 1, 2);
 * d.logProb(1); // −2 − log 2.5
 * d.cdf(0); // 0.8 = k²/(1 + k²)
 * ```
 */
export class AsymmetricLaplace extends Distribution {
  readonly loc: Array;
  readonly scale: Array;
  readonly asymmetry: Array;
  /** @param loc - the mode @param scale - > 0 @param asymmetry - k > 0 (k > 1: heavier left tail) */
  constructor(loc: ArrayLike = 0, scale: ArrayLike = 1, asymmetry: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.loc = asFloat(loc);
    this.scale = asFloat(scale);
    this.asymmetry = asFloat(asymmetry);
    this.setup(batchOf("AsymmetricLaplace", this.loc, this.scale, this.asymmetry), [], [this.loc, this.scale, this.asymmetry, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { loc: C.real, scale: C.positive, asymmetry: C.positive };
  }
  get support(): Constraint {
    return C.real;
  }
  override get hasRsample(): boolean {
    return true;
  }
  /** scale · asymmetry, the scale of the left tail. */
  get leftScale(): Array {
    return this.scale.mul(this.asymmetry);
  }
  /** scale / asymmetry, the scale of the right tail. */
  get rightScale(): Array {
    return this.scale.div(this.asymmetry);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    const e = random.exponential(key, [2, ...shape]);
    const u = e.index(0);
    const v = e.index(1);
    return this.loc.sub(this.leftScale.mul(u)).add(this.rightScale.mul(v));
  }
  logProb(value: ArrayLike): Array {
    const z = asFloat(value).sub(this.loc);
    const s = np.where(z.lt(0), this.leftScale, this.rightScale);
    return np.abs(z).neg().div(s).sub(np.log(this.leftScale.add(this.rightScale)));
  }
  override cdf(value: ArrayLike): Array {
    const z = asFloat(value).sub(this.loc);
    const k2 = this.asymmetry.square();
    const right = np.subtract(1, np.exp(np.abs(z).neg().div(this.rightScale)).div(k2.add(1)));
    const left = k2.div(k2.add(1)).mul(np.exp(np.abs(z).neg().div(this.leftScale)));
    return np.where(z.ge(0), right, left);
  }
  override icdf(q: ArrayLike): Array {
    const p = asFloat(q);
    const k2 = this.asymmetry.square();
    const t = k2.div(k2.add(1));
    const lo = this.loc.add(this.leftScale.mul(np.log(p.div(t))));
    const hi = this.loc.sub(this.rightScale.mul(np.log(k2.add(1).mul(np.subtract(1, p)))));
    return np.where(p.le(t), lo, hi);
  }
  override get mean(): Array {
    const l = this.leftScale;
    const r = this.rightScale;
    return bcast(this.loc.add(r.square().sub(l.square()).div(l.add(r))), this.batchShape);
  }
  override get variance(): Array {
    const l = this.leftScale;
    const r = this.rightScale;
    const tot = l.add(r);
    const p = l.div(tot);
    const q = r.div(tot);
    return bcast(p.mul(l.square()).add(q.mul(r.square())).add(p.mul(q).mul(tot.square())), this.batchShape);
  }
  override entropy(): Array {
    return bcast(np.log(this.leftScale.add(this.rightScale)).add(1), this.batchShape);
  }
}

/**
 * The skew-normal distribution: density 2/scale · φ(z) Φ(skewness · z), z = (x − loc)/scale
 * (SciPy's `skewnorm(a=skewness, loc, scale)`); `logProb` uses `special.logNdtr`, accurate
 * deep in the light tail. Reparameterised sampling (Azzalini's representation
 * δ|U₀| + √(1 − δ²) U₁, δ = skewness/√(1 + skewness²)).
 *
 * @example
 * ```ts
 * const d = new SkewNormal(0, 1, 3);
 * d.logProb(-2); // log(2 φ(−2) Φ(−6))
 * d.mean; // 3/√10 · √(2/π)
 * ```
 */
export class SkewNormal extends Distribution {
  readonly loc: Array;
  readonly scale: Array;
  readonly skewness: Array;
  /** @param loc - location @param scale - > 0 @param skewness - the shape α (0: the normal) */
  constructor(loc: ArrayLike = 0, scale: ArrayLike = 1, skewness: ArrayLike = 0, options?: DistributionOptions) {
    super();
    this.loc = asFloat(loc);
    this.scale = asFloat(scale);
    this.skewness = asFloat(skewness);
    this.setup(batchOf("SkewNormal", this.loc, this.scale, this.skewness), [], [this.loc, this.scale, this.skewness, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { loc: C.real, scale: C.positive, skewness: C.real };
  }
  get support(): Constraint {
    return C.real;
  }
  override get hasRsample(): boolean {
    return true;
  }
  private get delta(): Array {
    return this.skewness.div(np.sqrt(this.skewness.square().add(1)));
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    const u = random.normal(key, [2, ...shape]);
    const d = this.delta;
    const z = d.mul(np.abs(u.index(0))).add(np.sqrt(np.subtract(1, d.square())).mul(u.index(1)));
    return this.loc.add(this.scale.mul(z));
  }
  logProb(value: ArrayLike): Array {
    const z = asFloat(value).sub(this.loc).div(this.scale);
    return special.logNdtr(this.skewness.mul(z)).add(z.square().mul(-0.5)).sub(np.log(this.scale)).add(Math.LN2 - LOG_SQRT_2PI);
  }
  override get mean(): Array {
    return bcast(this.loc.add(this.scale.mul(this.delta).mul(Math.sqrt(2 / Math.PI))), this.batchShape);
  }
  override get variance(): Array {
    return bcast(this.scale.square().mul(np.subtract(1, this.delta.square().mul(2 / Math.PI))), this.batchShape);
  }
}

for (const cls of [AsymmetricLaplace, SkewNormal]) {
  registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
}
