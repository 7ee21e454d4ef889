/**
 * `TransformedDistribution`: a base distribution pushed through bijective transforms.
 */
import { type Array } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { Distribution, type DistributionOptions, Independent, type Key } from "./distribution.js";
import { registerTreeClass } from "./pytree.js";
import { ComposeTransform, type Transform } from "./transforms.js";
import { type ArrayLike, asFloat, sumRightmost } from "./util.js";

/**
 * The distribution of `t(X)` for `X ~ baseDist` and a transform (or list of transforms,
 * applied in order); `logProb` uses the change of variables.
 *
 * @example
 * ```ts
 * // The Bailer-Jones exponentially decreasing space density prior, r² e^(−r/L) / (2L³):
 * const L = 1.35;
 * const d = new TransformedDistribution(new Chi2(6), new AffineTransform(0, L / 2));
 * d.logProb(2.0); // log(4 e^(−2/L) / (2 L³))
 * ```
 */
export class TransformedDistribution extends Distribution {
  readonly baseDist: Distribution;
  readonly transforms: readonly Transform[];
  /**
   * @param baseDist - the distribution of X
   * @param transforms - one transform or a list, the first applied first
   */
  constructor(baseDist: Distribution, transforms: Transform | readonly Transform[], options?: DistributionOptions) {
    super();
    const ts = Array_isArray(transforms) ? [...transforms] : [transforms as Transform];
    const t = new ComposeTransform(ts);
    const domainEventDim = t.domain.eventDim;
    let base = baseDist;
    const baseShape = base.shape();
    if (baseShape.length < domainEventDim) {
      throw new Error(`TransformedDistribution: the base distribution's shape ${JSON.stringify(baseShape)} has fewer than ${domainEventDim} axes required by the transforms`);
    }
    if (base.eventDim < domainEventDim) base = new Independent(base, domainEventDim - base.eventDim);
    const shape = t.forwardShape(baseShape);
    const eventDim = t.codomain.eventDim + Math.max(base.eventDim - domainEventDim, 0);
    this.baseDist = base;
    this.transforms = ts;
    this.setup(shape.slice(0, shape.length - eventDim), shape.slice(shape.length - eventDim), [baseDist, ts, options], options);
  }
  override get hasRsample(): boolean {
    return this.baseDist.hasRsample;
  }
  get support(): Constraint {
    const last = this.transforms.length ? this.transforms[this.transforms.length - 1].codomain : this.baseDist.support;
    return C.independent(last, Math.max(0, this.eventDim - last.eventDim));
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    let x = this.baseDist.sample(key, sampleShape);
    for (const t of this.transforms) x = t.forward(x);
    return x;
  }
  logProb(value: ArrayLike): Array {
    let eventDim = this.eventDim;
    let y = asFloat(value);
    let lp: Array | null = null;
    for (let i = this.transforms.length - 1; i >= 0; i--) {
      const t = this.transforms[i];
      const x = t.inverse(y);
      const batchNdim = eventDim - t.codomain.eventDim;
      const l = sumRightmost(t.logAbsDetJacobian(x, y), batchNdim);
      lp = lp === null ? l.neg() : lp.sub(l);
      eventDim = t.domain.eventDim + batchNdim;
      y = x;
    }
    const baseLp = sumRightmost(this.baseDist.logProb(y), eventDim - this.baseDist.eventDim);
    return lp === null ? baseLp : lp.add(baseLp);
  }
  /** The CDF, for scalar increasing affine/exp transforms of a base with a CDF. */
  override cdf(value: ArrayLike): Array {
    let y = asFloat(value);
    for (let i = this.transforms.length - 1; i >= 0; i--) y = this.transforms[i].inverse(y);
    return this.baseDist.cdf(y);
  }
  override icdf(q: ArrayLike): Array {
    let x = this.baseDist.icdf(q);
    for (const t of this.transforms) x = t.forward(x);
    return x;
  }
}

const Array_isArray = (x: unknown): x is readonly unknown[] => globalThis.Array.isArray(x);

registerTreeClass(TransformedDistribution as unknown as new (...args: any[]) => Distribution);

