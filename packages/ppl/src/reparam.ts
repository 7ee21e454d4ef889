/**
 * Reparameterisation, as `numpyro.handlers.reparam` and `numpyro.infer.reparam`:
 * `LocScaleReparam` (non-centring) and `TransformReparam`.
 */
import { type Array, type ConcreteArray, np } from "@orrery/core";
import { type Distribution, ExpandedDistribution, Independent, IndependentConstraint, TransformedDistribution, real, unitInterval } from "@orrery/distributions";
import { type HandlerForm, defineHandler } from "./handler-form.js";
import { param, sample } from "./primitives.js";
import { type Message, Messenger, isConcreteValue } from "./runtime.js";

/**
 * A reparameterisation of one sample site: given the site's name, distribution and observed
 * value, return a new distribution and value; `[null, value]` turns the site into a
 * deterministic one.
 */
export abstract class Reparam {
  /** Reparameterise the site `name` with distribution `fn` and observed value `obs`. */
  abstract apply(name: string, fn: Distribution, obs: Array | null): [Distribution | null, Array | null];

  /** Strip `Independent`/`ExpandedDistribution` wrappers: the base, the expand shape, the event rank. */
  protected unwrap(fn: Distribution): [Distribution, number[], number] {
    const shape = fn.shape();
    const eventDim = fn.eventDim;
    let base = fn;
    while (base instanceof Independent || base instanceof ExpandedDistribution) base = base.baseDist;
    return [base, shape.slice(0, shape.length - base.eventDim), eventDim];
  }

  /** Undo `unwrap` on a new distribution. */
  protected wrap(fn: Distribution, expandShape: readonly number[], eventDim: number): Distribution {
    let d = fn.expand(expandShape);
    if (d.eventDim < eventDim) d = d.toEvent(eventDim - d.eventDim);
    return d;
  }
}

/** Options of {@link LocScaleReparam}. */
export interface LocScaleReparamOptions {
  /** 0: fully non-centred, 1: centred (no change); omitted: learnt as a `param` in (0, 1). */
  centered?: number | Array;
  /** Other constructor parameters of the family, passed before loc and scale (e.g. ["df"]). */
  shapeParams?: readonly string[];
}

/**
 * Non-centring of a location-scale family (NumPyro's `LocScaleReparam`): `x ~ D(loc, scale)`
 * becomes `x_decentered ~ D(loc·c, scale^c)` and `x = loc + scale^(1−c)·(x_decentered − c·loc)`
 * (with `c = centered`). The family's constructor must take `(...shapeParams, loc, scale)`.
 *
 * @example
 * ```ts
 * const model = () => {
 *   const tau = sample("tau", new HalfCauchy(5));
 *   plate("J", 8, () => sample("theta", new Normal(0, tau)));
 * };
 * reparam(model, { theta: new LocScaleReparam({ centered: 0 }) });
 * ```
 */
export class LocScaleReparam extends Reparam {
  readonly centered: number | Array | undefined;
  readonly shapeParams: readonly string[];
  constructor(options: LocScaleReparamOptions = {}) {
    super();
    const c = options.centered;
    if (c !== undefined && isConcreteValue(c)) {
      // Checked in plain JS: under jit even operations on constants are staged.
      const vals = typeof c === "number" ? [c] : globalThis.Array.from((c as ConcreteArray).toTypedArray() as ArrayLike<number>, Number);
      if (!vals.every((v) => v >= 0 && v <= 1)) throw new Error("LocScaleReparam: `centered` must satisfy 0 <= centered <= 1");
    }
    this.centered = c;
    this.shapeParams = options.shapeParams ?? [];
  }
  apply(name: string, fn0: Distribution, obs: Array | null): [Distribution | null, Array | null] {
    if (obs !== null) throw new Error(`LocScaleReparam: site "${name}" is observed; LocScaleReparam does not support observed sites`);
    const support = fn0.support instanceof IndependentConstraint ? fn0.support.base : fn0.support;
    if (support !== real) {
      throw new Error(`LocScaleReparam only supports distributions with real support, but got ${support.name} support at site "${name}"`);
    }
    let centered = this.centered;
    if (typeof centered === "number" && centered === 1) return [fn0, obs];
    const eventShape = fn0.eventShape;
    const [fn, expandShape, eventDim] = this.unwrap(fn0);
    const f = fn as unknown as Record<string, Array>;
    if (!("loc" in f) || !("scale" in f)) throw new Error(`LocScaleReparam: the distribution ${fn.name} at site "${name}" has no loc and scale`);
    if (centered === undefined) {
      centered = param(`${name}_centered`, np.full(eventShape, 0.5), { constraint: unitInterval });
    }
    const shapeArgs = this.shapeParams.map((k) => f[k]);
    let loc: Array;
    let sc: Array;
    if (typeof centered === "number" && centered === 0) {
      loc = np.zerosLike(f.loc);
      sc = np.onesLike(f.scale);
    } else {
      loc = f.loc.mul(centered);
      sc = np.power(f.scale, centered);
    }
    const Ctor = fn.constructor as new (...args: unknown[]) => Distribution;
    const decenteredFn = this.wrap(new Ctor(...shapeArgs, loc, sc), expandShape, eventDim);
    const decentered = sample(`${name}_decentered`, decenteredFn);
    const delta = decentered.sub(f.loc.mul(centered));
    const value = f.loc.add(np.power(f.scale, np.subtract(1, centered)).mul(delta));
    return [null, value];
  }
}

/**
 * Sample a `TransformedDistribution`'s base and push it through the transforms (NumPyro's
 * `TransformReparam`): the site becomes deterministic, with a latent site `${name}_base`.
 *
 * @example
 * ```ts
 * const d = new TransformedDistribution(new Normal(0, 1), new AffineTransform(mu, sigma));
 * reparam.run({ x: new TransformReparam() }, () => sample("x", d)); // samples x_base ~ N(0, 1)
 * ```
 */
export class TransformReparam extends Reparam {
  apply(name: string, fn0: Distribution, obs: Array | null): [Distribution | null, Array | null] {
    if (obs !== null) throw new Error(`TransformReparam: site "${name}" is observed; TransformReparam does not support observed sites`);
    const [fn, expandShape, eventDim] = this.unwrap(fn0);
    if (!(fn instanceof TransformedDistribution)) {
      throw new Error(`TransformReparam at site "${name}": expected a TransformedDistribution (base, transforms), got ${fn.name}`);
    }
    let baseEventDim = eventDim;
    for (let i = fn.transforms.length - 1; i >= 0; i--) {
      const t = fn.transforms[i];
      baseEventDim += t.domain.eventDim - t.codomain.eventDim;
    }
    let x = sample(`${name}_base`, this.wrap(fn.baseDist, expandShape, baseEventDim));
    for (const t of fn.transforms) x = t.forward(x);
    return [null, x];
  }
}

/** Reparameterisations by site name, or a function of the site giving one (or null). */
export type ReparamConfig = Record<string, Reparam> | ((msg: Message) => Reparam | null | undefined);

/**
 * The messenger of {@link reparam}.
 *
 * @example
 * ```ts
 * new ReparamMessenger({ x: new TransformReparam() }).run(() => model());
 * ```
 */
export class ReparamMessenger extends Messenger {
  constructor(readonly config: ReparamConfig) {
    super();
    if (config === null || (typeof config !== "object" && typeof config !== "function")) throw new TypeError("reparam: config must be an object of Reparams by site name or a function of the site");
  }
  override processMessage(msg: Message): void {
    if (msg.type !== "sample") return;
    const r = typeof this.config === "function" ? this.config(msg) : Object.prototype.hasOwnProperty.call(this.config, msg.name) ? this.config[msg.name] : null;
    if (r === null || r === undefined) return;
    const [newFn, value] = r.apply(msg.name, msg.fn!, (msg.value as Array | null) ?? null);
    if (value !== null) {
      if (newFn === null) {
        msg.type = "deterministic";
        msg.value = value;
        msg.fn = null;
        msg.kwargs = {};
        msg.scale = null;
        msg.isObserved = false;
        msg.infer = {};
        return;
      }
      if (msg.value === null || msg.value === undefined) msg.isObserved = true;
      msg.value = value;
    }
    if (newFn !== null) msg.fn = newFn;
  }
}

/**
 * Reparameterise sample sites (NumPyro's `handlers.reparam`).
 *
 * @example
 * ```ts
 * const ncModel = reparam(model, { theta: new LocScaleReparam({ centered: 0 }) });
 * trace(seed(ncModel, 0)).getTrace(); // theta_decentered (latent), theta (deterministic)
 * ```
 */
export const reparam: HandlerForm<[config: ReparamConfig]> = defineHandler("reparam", (config: ReparamConfig) => new ReparamMessenger(config));
