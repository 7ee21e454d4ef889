/**
 * Truncated distributions: `TruncatedDistribution` (any base with a CDF and quantile),
 * `TruncatedNormal` (stable in the far tails) and `DoublyTruncatedPowerLaw`.
 */
import { type Array, ConcreteArray, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { Normal, batchOf } from "./loc-scale.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { registerTreeClass } from "./pytree.js";
import { type ArrayLike, asFloat, bcast, broadcastShapes, isConcrete } from "./util.js";

const inside = (v: Array, lo: Array, hi: Array): Array => np.logicalAnd(v.ge(lo), v.le(hi));
const values = (a: Array): number[] => globalThis.Array.from((a as ConcreteArray).toTypedArray() as Iterable<number>);

/**
 * A univariate distribution restricted to [low, high] (either end may be infinite) and
 * renormalised; needs the base's `cdf` and `icdf`.
 *
 * @example
 * ```ts
 * const d = new TruncatedDistribution(new Cauchy(0, 1), { low: 0 });
 * d.logProb(1); // log(2 / (2π))
 * ```
 */
export class TruncatedDistribution extends Distribution {
  readonly low: Array;
  readonly high: Array;
  /** @param baseDist - a scalar distribution with `cdf`/`icdf` @param bounds - `low` and/or `high` */
  constructor(readonly baseDist: Distribution, bounds: { low?: ArrayLike; high?: ArrayLike } = {}, options?: DistributionOptions) {
    super();
    if (baseDist.eventDim !== 0) throw new Error(`TruncatedDistribution: the base distribution ${baseDist.name} must be univariate`);
    this.low = asFloat(bounds.low ?? -Infinity);
    this.high = asFloat(bounds.high ?? Infinity);
    this.setup(
      broadcastShapes([baseDist.batchShape, this.low.shape, this.high.shape], "TruncatedDistribution"),
      [],
      [baseDist, { low: this.low, high: this.high }, options],
      options,
    );
  }
  override get argConstraints(): Record<string, Constraint> {
    return { high: C.greaterThan(this.low) };
  }
  /**
   * `greaterThan(low)` when every upper bound is +∞, `lessThan(high)` when every lower bound is
   * −∞ (as NumPyro's left/right truncated distributions; their `bijectTo` is exp-based, an
   * interval with an infinite end has none), otherwise `interval(low, high)`.
   */
  get support(): Constraint {
    if (isConcrete(this.low, this.high)) {
      const noHigh = values(this.high).every((h) => h === Infinity);
      const noLow = values(this.low).every((l) => l === -Infinity);
      if (noHigh && noLow) return C.real;
      if (noHigh) return C.greaterThan(this.low);
      if (noLow) return C.lessThan(this.high);
    }
    return C.interval(this.low, this.high);
  }
  override get hasRsample(): boolean {
    return true;
  }
  /** log(F(high) − F(low)). */
  logNormalizer(): Array {
    return np.log(this.baseDist.cdf(this.high).sub(this.baseDist.cdf(this.low)));
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const u = random.uniform(key, this.shape(sampleShape));
    const fl = this.baseDist.cdf(this.low);
    const fh = this.baseDist.cdf(this.high);
    return np.clip(this.baseDist.icdf(fl.add(u.mul(fh.sub(fl)))), this.low, this.high);
  }
  logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    const lp = this.baseDist.logProb(v).sub(this.logNormalizer());
    return np.where(inside(v, this.low, this.high), lp, -Infinity);
  }
  override cdf(value: ArrayLike): Array {
    const v = np.clip(asFloat(value), this.low, this.high);
    const fl = this.baseDist.cdf(this.low);
    return this.baseDist.cdf(v).sub(fl).div(this.baseDist.cdf(this.high).sub(fl));
  }
  override icdf(q: ArrayLike): Array {
    const fl = this.baseDist.cdf(this.low);
    const fh = this.baseDist.cdf(this.high);
    return this.baseDist.icdf(fl.add(asFloat(q).mul(fh.sub(fl))));
  }
}

/**
 * The normal distribution N(loc, scale²) truncated to [low, high], accurate far into the
 * tails (the normaliser is computed with `logNdtr`).
 *
 * @example
 * ```ts
 * new TruncatedNormal(0, 1, { low: 0 }).logProb(0.5); // log 2 + N(0,1).logProb(0.5)
 * ```
 */
export class TruncatedNormal extends TruncatedDistribution {
  readonly loc: Array;
  readonly scale: Array;
  /** @param loc - mean before truncation @param scale - sd before truncation @param bounds - `low`, `high` */
  constructor(loc: ArrayLike = 0, scale: ArrayLike = 1, bounds: { low?: ArrayLike; high?: ArrayLike } = {}, options?: DistributionOptions) {
    const l = asFloat(loc);
    const s = asFloat(scale);
    super(new Normal(l, s, options), bounds, options);
    this.loc = l;
    this.scale = s;
    this.treeArgs = [l, s, { low: this.low, high: this.high }, options];
  }
  override get argConstraints(): Record<string, Constraint> {
    return { loc: C.real, scale: C.positive, high: C.greaterThan(this.low) };
  }
  /** Standardised bounds; an infinite bound becomes ∓1e4 (same normaliser, finite gradients). */
  private get ab(): [Array, Array] {
    const std = (v: Array, inf: number) => {
      const fin = np.isfinite(v);
      return np.where(fin, np.where(fin, v, 0).sub(this.loc).div(this.scale), inf);
    };
    return [std(this.low, -1e4), std(this.high, 1e4)];
  }
  override logNormalizer(): Array {
    const [a, b] = this.ab;
    const flip = a.gt(0);
    // Each branch gets safe inputs where it is not taken (a NaN there would poison gradients).
    const [al, bl] = [np.where(flip, -2, a), np.where(flip, -1, b)];
    const [au, bu] = [np.where(flip, a, 1), np.where(flip, b, 2)];
    const lower = special.logNdtr(bl).add(special.log1mexp(special.logNdtr(bl).sub(special.logNdtr(al))));
    const upper = special.logNdtr(au.neg()).add(special.log1mexp(special.logNdtr(au.neg()).sub(special.logNdtr(bu.neg()))));
    return np.where(flip, upper, lower);
  }
  override sample(key: Key, sampleShape: readonly number[] = []): Array {
    const [a, b] = this.ab;
    const u = random.uniform(key, this.shape(sampleShape));
    // Sample in the tail closer to the mode by symmetry: flip when the whole interval is above 0.
    const flip = a.gt(0);
    const lo = np.where(flip, b.neg(), a);
    const hi = np.where(flip, a.neg(), b);
    const fl = special.ndtr(lo);
    const fh = special.ndtr(hi);
    let z = special.ndtri(fl.add(u.mul(fh.sub(fl))));
    z = np.where(flip, z.neg(), z);
    return np.clip(this.loc.add(this.scale.mul(z)), this.low, this.high);
  }
  override get mean(): Array {
    const [a, b] = this.ab;
    const logZ = this.logNormalizer();
    const phi = (x: Array) => np.where(np.isfinite(x), np.exp(np.where(np.isfinite(x), x, 0).square().mul(-0.5).sub(0.5 * Math.log(2 * Math.PI)).sub(logZ)), 0);
    return bcast(this.loc.add(this.scale.mul(phi(a).sub(phi(b)))), this.batchShape);
  }
  override get variance(): Array {
    const [a, b] = this.ab;
    const logZ = this.logNormalizer();
    const phi = (x: Array) => np.where(np.isfinite(x), np.exp(np.where(np.isfinite(x), x, 0).square().mul(-0.5).sub(0.5 * Math.log(2 * Math.PI)).sub(logZ)), 0);
    const xphi = (x: Array) => np.where(np.isfinite(x), x.mul(phi(np.where(np.isfinite(x), x, 0))), 0);
    const pa = phi(a);
    const pb = phi(b);
    const t1 = xphi(a).sub(xphi(b));
    const t2 = pa.sub(pb).square();
    return bcast(this.scale.square().mul(np.add(1, t1).sub(t2)), this.batchShape);
  }
}

/**
 * The power law p(x) ∝ x^alpha on [low, high] (0 < low < high), including alpha = −1, as
 * NumPyro's `DoublyTruncatedPowerLaw`; `logProb` is −∞ outside.
 *
 * @example
 * ```ts
 * new DoublyTruncatedPowerLaw(-2, 1, 10).logProb(2); // log(4⁻¹ / 0.9)
 * ```
 */
export class DoublyTruncatedPowerLaw extends Distribution {
  readonly alpha: Array;
  readonly low: Array;
  readonly high: Array;
  /** @param alpha - the exponent @param low - lower end, > 0 @param high - upper end, > low */
  constructor(alpha: ArrayLike, low: ArrayLike, high: ArrayLike, options?: DistributionOptions) {
    super();
    this.alpha = asFloat(alpha);
    this.low = asFloat(low);
    this.high = asFloat(high);
    this.setup(batchOf("DoublyTruncatedPowerLaw", this.alpha, this.low, this.high), [], [this.alpha, this.low, this.high, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { alpha: C.real, low: C.positive, high: C.greaterThan(this.low) };
  }
  get support(): Constraint {
    return C.interval(this.low, this.high);
  }
  override get hasRsample(): boolean {
    return true;
  }
  /** log ∫ x^(β−1) over [low, high] (β = alpha + m + 1), with a series near β = 0. */
  private logMoment(shift: number): Array {
    const b = this.alpha.add(1 + shift);
    const small = np.abs(b).lt(1e-6);
    const bs = np.where(small, 1, b);
    const bz = np.where(small, b, 0);
    const ll = np.log(this.low);
    const lh = np.log(this.high);
    // (h^b − l^b) / b = h^b (1 − e^{b(ll − lh)}) / b, computed with expm1 for accuracy.
    const general = np.log(np.abs(np.expm1(bs.mul(ll.sub(lh))).div(bs))).add(bs.mul(lh));
    // ∫ e^{b t} dt over [ll, lh] = Δ + b (lh² − ll²)/2 + b² (lh³ − ll³)/6 + …
    const series = np.log(
      lh
        .sub(ll)
        .add(bz.mul(lh.square().sub(ll.square())).div(2))
        .add(bz.square().mul(lh.pow(3).sub(ll.pow(3))).div(6)),
    );
    return np.where(small, series, general);
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    return this.icdf(random.uniform(key, this.shape(sampleShape)));
  }
  logProb(value: ArrayLike): Array {
    const v = asFloat(value);
    const lp = this.alpha.mul(np.log(v)).sub(this.logMoment(0));
    return np.where(inside(v, this.low, this.high), lp, -Infinity);
  }
  override cdf(value: ArrayLike): Array {
    const v = np.clip(asFloat(value), this.low, this.high);
    const b = this.alpha.add(1);
    const small = np.abs(b).lt(1e-12);
    const bs = np.where(small, 1, b);
    const ll = np.log(this.low);
    const general = np.expm1(bs.mul(np.log(v).sub(ll))).div(np.expm1(bs.mul(np.log(this.high).sub(ll))));
    const limit = np.log(v).sub(ll).div(np.log(this.high).sub(ll));
    return np.where(small, limit, general);
  }
  override icdf(q: ArrayLike): Array {
    const u = asFloat(q);
    const b = this.alpha.add(1);
    const small = np.abs(b).lt(1e-12);
    const bs = np.where(small, 1, b);
    const ll = np.log(this.low);
    const span = np.log(this.high).sub(ll);
    const general = np.exp(ll.add(np.log1p(u.mul(np.expm1(bs.mul(span)))).div(bs)));
    const limit = np.exp(ll.add(u.mul(span)));
    return np.where(small, limit, general);
  }
  override get mean(): Array {
    return np.exp(this.logMoment(1).sub(this.logMoment(0)));
  }
  override get variance(): Array {
    const m2 = np.exp(this.logMoment(2).sub(this.logMoment(0)));
    return m2.sub(this.mean.square());
  }
}

for (const cls of [TruncatedDistribution, TruncatedNormal, DoublyTruncatedPowerLaw]) registerTreeClass(cls as unknown as new (...args: any[]) => Distribution);
