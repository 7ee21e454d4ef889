/**
 * The primitives a model calls, as `numpyro.primitives`: `sample`, `param`, `deterministic`,
 * `plate`, `plateStack`, `factor`, `subsample`, `getMask`.
 */
import { type Array, np } from "@orrery/core";
import { type Constraint, Distribution, Unit, broadcastShapes } from "@orrery/distributions";
import { maskHandler } from "./mask.js";
import { type CondIndepStackFrame, type Message, Messenger, applyStack, makeMessage, stackIsEmpty } from "./runtime.js";

type ArrayLike = np.ArrayLike;

/** Options of {@link sample}. */
export interface SampleOptions {
  /** Observed value: the site is conditioned on it. */
  obs?: ArrayLike | null;
  /**
   * Boolean mask broadcasting to the batch shape: where true the value is observed (`obs`),
   * elsewhere it is imputed by sampling (adds `${name}_observed`/`${name}_unobserved` sites).
   */
  obsMask?: ArrayLike | null;
  /** Leading shape of independent draws. */
  sampleShape?: readonly number[];
  /** Configuration for inference algorithms. */
  infer?: Record<string, unknown>;
  /** A key to sample with when no `seed` handler provides one. */
  rngKey?: Array | null;
}

function asValue(x: ArrayLike): Array {
  return np.asArray(x);
}

/**
 * A random variable: draws from `dist` (under `seed`), or returns the observed/substituted
 * value; handlers see the site as a message.
 *
 * @example
 * ```ts
 * function model(x: Array, y?: Array) {
 *   const m = sample("m", new Normal(0, 10));
 *   plate("data", x.shape[0], () => sample("y", new Normal(m.mul(x), 1), { obs: y }));
 * }
 * trace(seed(model, 0)).getTrace(x);
 * ```
 */
export function sample(name: string, dist: Distribution, options: SampleOptions = {}): Array {
  if (typeof name !== "string" || name === "") throw new Error(`sample: the site name must be a non-empty string, got ${String(name)}`);
  if (!(dist instanceof Distribution)) {
    throw new TypeError(`sample("${name}", ...): expected a Distribution from @orrery/distributions, got ${dist === null ? "null" : typeof dist === "object" ? (dist as object).constructor?.name : typeof dist}`);
  }
  const obs = options.obs ?? null;
  const sampleShape = [...(options.sampleShape ?? [])];
  const rngKey = options.rngKey ?? null;
  if (stackIsEmpty()) {
    if (obs !== null) return asValue(obs);
    if (rngKey === null) {
      throw new Error(`sample site "${name}" was called outside any handler and without a key: run the model under seed(model, key), or pass { rngKey }`);
    }
    return dist.sample(rngKey, sampleShape);
  }
  if (options.obsMask !== undefined && options.obsMask !== null) {
    return maskedObserve(name, dist, obs, options.obsMask, rngKey, options.infer);
  }
  const msg = makeMessage("sample", name, {
    fn: dist,
    kwargs: { rngKey, sampleShape },
    value: obs === null ? null : asValue(obs),
    isObserved: obs !== null,
    infer: options.infer ? { ...options.infer } : {},
  });
  return applyStack(msg).value as Array;
}

function maskedObserve(name: string, dist: Distribution, obs: ArrayLike | null, obsMask: ArrayLike, rngKey: Array | null, infer?: Record<string, unknown>): Array {
  const m = np.asArray(obsMask).astype("bool");
  const observed = maskHandler.run(m, () => sample(`${name}_observed`, dist, { obs, rngKey, infer }));
  const unobserved = maskHandler.run(np.logicalNot(m), () => sample(`${name}_unobserved`, dist, { rngKey, infer }));
  const shape = [...m.shape, ...new globalThis.Array(dist.eventDim).fill(1)];
  const value = np.where(m.reshape(shape), observed, unobserved);
  return deterministic(name, value);
}

/** Options of {@link param}. */
export interface ParamOptions {
  /** The set the parameter lies in (default real); inference works in unconstrained space. */
  constraint?: Constraint;
  /** Rightmost axes not subject to plates (others are subsampled with enclosing plates). */
  eventDim?: number;
}

/**
 * A learnable parameter (NumPyro's `param`): returns its initial value unless a handler
 * (`substitute`) supplies one. The initial value may be a function of a PRNG key.
 *
 * @example
 * ```ts
 * const s = param("s", np.array(1.0), { constraint: constraints.positive });
 * ```
 */
export function param(name: string, initValue?: ArrayLike | ((key: Array) => ArrayLike) | null, options: ParamOptions = {}): Array {
  if (stackIsEmpty()) {
    if (typeof initValue === "function") throw new Error(`param("${name}"): a function as the initial value needs a PRNG key: run the model under seed`);
    return (initValue === null || initValue === undefined ? initValue : np.asArray(initValue)) as Array;
  }
  const kwargs: Message["kwargs"] = {};
  if (options.constraint !== undefined) kwargs.constraint = options.constraint;
  if (options.eventDim !== undefined) kwargs.eventDim = options.eventDim;
  const init = typeof initValue === "function" || initValue === null || initValue === undefined ? initValue : np.asArray(initValue);
  const msg = makeMessage("param", name, { args: [init], kwargs });
  return applyStack(msg).value as Array;
}

/**
 * Record a computed value in the trace (NumPyro's `deterministic`).
 *
 * @example
 * ```ts
 * const m = deterministic("m", np.tan(theta));
 * ```
 */
export function deterministic(name: string, value: ArrayLike): Array {
  const v = np.asArray(value);
  if (stackIsEmpty()) return v;
  return applyStack(makeMessage("deterministic", name, { value: v })).value as Array;
}

/**
 * Add `logFactor` to the model's log density (NumPyro's `factor`): an observed site of the
 * trivial `Unit` distribution.
 *
 * @example
 * ```ts
 * factor("penalty", x.square().mul(-0.5));
 * ```
 */
export function factor(name: string, logFactor: ArrayLike): void {
  const unit = new Unit(logFactor);
  const value = np.zeros([...unit.batchShape, 0]);
  sample(name, unit, { obs: value, infer: { isAuxiliary: true } });
}

/** Options of {@link plate}. */
export interface PlateOptions {
  /** Draw a random subset of this size; log densities inside are scaled by size/subsampleSize. */
  subsampleSize?: number;
  /** The batch axis (negative); default: the rightmost one free. */
  dim?: number;
}

/**
 * The handler a `plate` pushes; exported for custom handlers and `instanceof` checks.
 *
 * @example
 * ```ts
 * const p = new PlateMessenger("data", 10); p.run(() => sample("y", new Normal(0, 1)));
 * ```
 */
export class PlateMessenger extends Messenger {
  /** The batch axis it occupies. */
  readonly dim: number;
  /** The indices of the current subsample (`arange(size)` without subsampling). */
  readonly indices: Array;
  /** The subsample size. */
  readonly subsampleSize: number;

  constructor(
    readonly name: string,
    readonly size: number,
    options: PlateOptions = {},
  ) {
    super();
    if (!Number.isInteger(size) || size <= 0) throw new Error(`plate("${name}"): size must be a positive integer, got ${size}`);
    if (options.dim !== undefined && options.dim >= 0) throw new Error(`plate("${name}"): dim must be negative, got ${options.dim}`);
    const sub = options.subsampleSize;
    if (sub !== undefined && (!Number.isInteger(sub) || sub <= 0 || sub > size)) {
      throw new Error(`plate("${name}"): subsampleSize must be an integer in 1..${size}, got ${sub}`);
    }
    const msg = makeMessage("plate", name, {
      args: [size, sub],
      kwargs: { rngKey: null },
      value: sub !== undefined && sub !== size ? null : np.arange(size),
      scale: 1,
    });
    applyStack(msg);
    const indices = np.asArray(msg.value as ArrayLike);
    this.indices = indices;
    this.subsampleSize = indices.shape[0];
    const occupied = new Set(msg.condIndepStack.map((f) => f.dim));
    let dim = options.dim;
    if (dim === undefined) {
      dim = -1;
      while (occupied.has(dim)) dim -= 1;
    } else if (occupied.has(dim)) {
      const other = msg.condIndepStack.find((f) => f.dim === dim)!;
      throw new Error(`plate("${name}"): dim ${dim} is already used by the enclosing plate "${other.name}"`);
    }
    this.dim = dim;
  }

  /** The batch shape the enclosing plates (a cond-indep stack) require. */
  static batchShape(stack: readonly CondIndepStackFrame[]): number[] {
    const n = Math.max(...stack.map((f) => -f.dim));
    const shape = new globalThis.Array<number>(n).fill(1);
    for (const f of stack) shape[n + f.dim] = f.size;
    return shape;
  }

  override processMessage(msg: Message): void {
    if (msg.type !== "param" && msg.type !== "sample" && msg.type !== "plate" && msg.type !== "deterministic") return;
    const blocked = msg.infer?.blockPlates as string[] | undefined;
    if (blocked && blocked.includes(this.name)) return;
    msg.condIndepStack.push({ name: this.name, dim: this.dim, size: this.subsampleSize });
    if (msg.type === "deterministic") return;
    if (msg.type === "sample") {
      const expected = PlateMessenger.batchShape(msg.condIndepStack);
      const fn = msg.fn!;
      let distBatch = fn.batchShape;
      if (msg.kwargs.sampleShape !== undefined) {
        distBatch = [...msg.kwargs.sampleShape, ...distBatch];
        msg.kwargs.sampleShape = [];
      }
      const overlap = Math.max(expected.length - distBatch.length, 0);
      const trailing = expected.slice(overlap);
      let bshape: number[];
      try {
        bshape = broadcastShapes([trailing, distBatch]);
      } catch {
        throw new Error(
          `sample site "${msg.name}" inside plate "${this.name}" (size ${this.subsampleSize}, dim ${this.dim}): the distribution's batch shape ` +
            `[${distBatch.join(", ")}] does not broadcast with the plates' batch shape [${expected.join(", ")}]`,
        );
      }
      msg.fn = fn.expand([...expected.slice(0, overlap), ...bshape]);
    }
    if (this.size !== this.subsampleSize) {
      const s = this.size / this.subsampleSize;
      msg.scale = msg.scale === null ? s : typeof msg.scale === "number" ? msg.scale * s : msg.scale.mul(s);
    }
  }

  override postprocessMessage(msg: Message): void {
    if ((msg.type === "subsample" || msg.type === "param") && msg.kwargs.eventDim !== undefined) {
      const eventDim = msg.kwargs.eventDim;
      const dim = this.dim - eventDim;
      const value = msg.value as Array;
      const shape = value.shape;
      if (shape.length >= -dim && shape[shape.length + dim] !== 1) {
        if (shape[shape.length + dim] !== this.size) {
          const statement = msg.type === "param" ? `param("${msg.name}", ..., { eventDim: ${eventDim} })` : `subsample(..., ${eventDim})`;
          throw new Error(`inside plate("${this.name}", ${this.size}, { dim: ${this.dim} }) invalid shape of ${statement}: [${shape.join(", ")}]`);
        }
        if (this.subsampleSize < this.size) msg.value = np.take(value, this.indices, { axis: shape.length + dim });
      }
    }
  }
}

/**
 * A plate of conditionally independent sites (NumPyro's `plate`): sample sites inside are
 * broadcast to the plate's size along its batch axis, and with `subsampleSize` a random
 * subset is drawn and log densities are scaled by `size / subsampleSize`. `body` receives
 * the (subsample) indices; `plate` returns what `body` returns. Plates nest.
 *
 * @example
 * ```ts
 * plate("data", n, (ind) => {
 *   sample("y", new Normal(mu, 1), { obs: y.index(ind) });
 * });
 * plate("rows", 3, () => plate("cols", 4, () => sample("z", new Normal(0, 1)))); // shape [3, 4]
 * ```
 */
export function plate<T>(name: string, size: number, body: (indices: Array) => T, options: PlateOptions = {}): T {
  const p = new PlateMessenger(name, size, options);
  return p.run(() => body(p.indices));
}

/**
 * Nested plates `${prefix}_0`, `${prefix}_1`, ... over contiguous axes ending at
 * `rightmostDim` (default −1), as NumPyro's `plate_stack`; `sizes` lists the sizes left to
 * right.
 *
 * @example
 * ```ts
 * plateStack("p", [2, 3], () => sample("x", new Normal(0, 1))); // shape [2, 3]
 * ```
 */
export function plateStack<T>(prefix: string, sizes: readonly number[], body: () => T, options: { rightmostDim?: number } = {}): T {
  const rightmost = options.rightmostDim ?? -1;
  if (rightmost >= 0) throw new Error(`plateStack: rightmostDim must be negative, got ${rightmost}`);
  const reversed = [...sizes].reverse();
  const enter = (i: number): T => {
    if (i === reversed.length) return body();
    return plate(`${prefix}_${i}`, reversed[i], () => enter(i + 1), { dim: rightmost - i });
  };
  return enter(0);
}

/**
 * Subsample `data` along the enclosing subsampled plates (NumPyro's `subsample`); axes left of
 * the `eventDim` rightmost ones are batch axes.
 *
 * @example
 * ```ts
 * plate("data", 100, () => { const batch = subsample(x, 0); }, { subsampleSize: 10 });
 * ```
 */
export function subsample(data: ArrayLike, eventDim: number): Array {
  const v = np.asArray(data);
  if (stackIsEmpty()) return v;
  if (!Number.isInteger(eventDim) || eventDim < 0) throw new Error(`subsample: eventDim must be a nonnegative integer, got ${eventDim}`);
  return applyStack(makeMessage("subsample", "", { value: v, kwargs: { eventDim } })).value as Array;
}

/**
 * The combined mask of the enclosing `mask` handlers: `null` when none, else a boolean or a
 * bool array (NumPyro's `get_mask`).
 *
 * @example
 * ```ts
 * if (getMask() !== false) factor("expensive", compute());
 * ```
 */
export function getMask(): Array | boolean | null {
  const msg = makeMessage("inspect", "", { mask: null });
  applyStack(msg);
  return msg.mask ?? null;
}
