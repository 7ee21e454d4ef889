/**
 * Effect handlers, as `numpyro.handlers`: trace, seed, condition, substitute, replay, block,
 * scale, scope, lift, intervene (`do`), inferConfig, uncondition. `mask` is in mask.ts and
 * `reparam` in reparam.ts. Each has a wrapper form and a scope form (see handler-form.ts).
 */
import { type Array, ConcreteArray, np, random } from "@orrery/core";
import { Distribution } from "@orrery/distributions";
import { type Handled, type HandlerForm, type ModelFn, defineHandler, runWith } from "./handler-form.js";
import { type Message, Messenger, type Trace, applyStack, isConcreteValue, prngKey } from "./runtime.js";

type ArrayLike = np.ArrayLike;

// ---------------------------------------------------------------------------------------------
// trace

/**
 * The messenger of {@link trace}: records every named site in `trace`.
 *
 * @example
 * ```ts
 * const m = new TraceMessenger(); m.run(() => seed(model, 0)()); m.trace;
 * ```
 */
export class TraceMessenger extends Messenger {
  trace: Trace = {};
  protected override onEnter(): void {
    this.trace = {};
  }
  override postprocessMessage(msg: Message): void {
    if (!msg.name || msg.type === "prng_key" || msg.type === "inspect" || msg.type === "subsample") return;
    if ((msg.type === "sample" || msg.type === "deterministic") && msg.name in this.trace) {
      const prev = this.trace[msg.name];
      throw new Error(
        `site name "${msg.name}" is used twice (a ${prev.type} site, then a ${msg.type} site): every sample and deterministic ` +
          `site needs a unique name; inside loops, add the index to the name (\`x_\${i}\`) or use a plate`,
      );
    }
    this.trace[msg.name] = { ...msg };
  }
}

/** A function under `trace`: call it as the model, or `getTrace(...args)` for its trace. */
export type TracedFunction<F extends ModelFn> = Handled<F> & {
  /** Run the model on `args` and return its trace. */
  getTrace(...args: Parameters<F>): Trace;
  /** The trace of the latest call. */
  readonly trace: Trace;
};

/** The `trace` handler in its two forms. */
export interface TraceForm {
  /** Wrap `fn`; `getTrace(...args)` runs it and returns the trace. */
  <F extends ModelFn>(fn: F): TracedFunction<F>;
  /** Run `body` now and return the trace of the sites it ran. */
  run(body: () => unknown): Trace;
  /** A new `TraceMessenger`. */
  messenger(): TraceMessenger;
}

/**
 * Record the model's sites (NumPyro's `trace`): a trace maps site names to the messages the
 * sites sent (`type`, `fn`, `value`, `isObserved`, `scale`, `condIndepStack`, ...).
 *
 * @example
 * ```ts
 * const tr = trace(seed(model, 0)).getTrace(x);
 * tr.m.value;              // the draw of m
 * tr.y.fn.logProb(tr.y.value);
 * const tr2 = trace.run(() => seed.run(0, () => model(x)));  // scope form
 * ```
 */
export const trace: TraceForm = Object.assign(
  <F extends ModelFn>(fn: F): TracedFunction<F> => {
    if (typeof fn !== "function") throw new TypeError("trace: expected the function to trace (for a scope, use trace.run(() => body))");
    let last: Trace = {};
    const call = (...args: unknown[]): unknown => {
      const m = new TraceMessenger();
      try {
        return runWith(m, () => fn(...args), "trace");
      } finally {
        last = m.trace;
      }
    };
    const handled = call as unknown as TracedFunction<F>;
    Object.defineProperty(handled, "fn", { value: fn });
    Object.defineProperty(handled, "makeMessenger", { value: () => new TraceMessenger() });
    Object.defineProperty(handled, "trace", { get: () => last });
    Object.defineProperty(handled, "getTrace", {
      value: (...args: unknown[]) => {
        call(...args);
        return last;
      },
    });
    return handled;
  },
  {
    run(body: () => unknown): Trace {
      const m = new TraceMessenger();
      runWith(m, body, "trace.run");
      return m.trace;
    },
    messenger: () => new TraceMessenger(),
  },
);

// ---------------------------------------------------------------------------------------------
// seed

/** A seed: a PRNG key from `random.key`, or an integer. */
export type Seed = Array | number;

function asKey(seed: Seed, where: string): Array {
  if (typeof seed === "number") {
    if (!Number.isInteger(seed)) throw new TypeError(`${where}: an integer seed or a key from random.key is required, got ${seed}`);
    return random.key(seed);
  }
  if (seed instanceof Uint32Array) return np.array(seed as unknown as number[], "uint32");
  if (seed && typeof seed === "object" && "shape" in seed) {
    const a = seed as Array;
    if (a.ndim === 0 && a.dtype !== "uint32") return random.key(a as unknown as number);
    if (a.shape.length !== 1 || a.shape[0] !== 2 || a.dtype !== "uint32") {
      throw new TypeError(`${where}: a PRNG key must be a uint32 array of shape [2] (random.key(n)), got ${a.dtype}[${a.shape.join(", ")}]`);
    }
    return a;
  }
  throw new TypeError(`${where}: expected an integer seed or a key from random.key, got ${typeof seed}`);
}

/**
 * The messenger of {@link seed}: splits its key for every site that needs randomness.
 *
 * @example
 * ```ts
 * new SeedMessenger(0).run(() => sample("x", new Normal(0, 1)));
 * ```
 */
export class SeedMessenger extends Messenger {
  rngKey: Array;
  readonly hideTypes: readonly string[];
  constructor(seed: Seed, options: { hideTypes?: readonly string[] } = {}) {
    super();
    this.rngKey = asKey(seed, "seed");
    this.hideTypes = options.hideTypes ?? [];
  }
  override processMessage(msg: Message): void {
    if (this.hideTypes.includes(msg.type)) return;
    if (msg.type !== "sample" && msg.type !== "prng_key" && msg.type !== "plate") return;
    if ((msg.kwargs.rngKey !== null && msg.kwargs.rngKey !== undefined) || (msg.value !== null && msg.value !== undefined)) return;
    const ks = random.split(this.rngKey);
    this.rngKey = ks.index(0);
    msg.kwargs.rngKey = ks.index(1);
  }
}

/**
 * Give the model randomness (NumPyro's `seed`): each site that draws gets a fresh key split
 * from `key`. The wrapper form starts from `key` on every call, so a seeded model is a
 * deterministic function of its arguments.
 *
 * @example
 * ```ts
 * const draw = seed(model, random.key(0));
 * draw(x);                                   // the same draws on each call
 * seed.run(1, () => sample("z", new Normal(0, 1)));
 * ```
 */
export const seed: HandlerForm<[seed: Seed, options?: { hideTypes?: readonly string[] }], [seed: Seed]> = defineHandler(
  "seed",
  (s: Seed, options?: { hideTypes?: readonly string[] }) => new SeedMessenger(s, options),
);

// ---------------------------------------------------------------------------------------------
// condition / substitute

/** Values by site name, or a function of the message giving a value (or null for none). */
export type SiteData = Record<string, ArrayLike> | ((msg: Message) => ArrayLike | null | undefined);

function lookup(data: SiteData, msg: Message): Array | null {
  if (typeof data === "function") {
    const v = data(msg);
    return v === null || v === undefined ? null : np.asArray(v);
  }
  if (!Object.prototype.hasOwnProperty.call(data, msg.name)) return null;
  const v = data[msg.name];
  return v === null || v === undefined ? null : np.asArray(v);
}

function checkData(data: unknown, where: string): void {
  if (data === null || (typeof data !== "object" && typeof data !== "function")) {
    throw new TypeError(`${where}: expected an object of values by site name or a function of the site, got ${data === null ? "null" : typeof data}`);
  }
}

/**
 * The messenger of {@link condition}.
 *
 * @example
 * ```ts
 * new ConditionMessenger({ x: 1 }).run(() => model());
 * ```
 */
export class ConditionMessenger extends Messenger {
  constructor(readonly data: SiteData) {
    super();
    checkData(data, "condition");
  }
  override processMessage(msg: Message): void {
    if (msg.type !== "sample") return;
    const v = lookup(this.data, msg);
    if (v !== null) {
      msg.value = v;
      msg.isObserved = true;
    }
  }
}

/**
 * Condition sample sites on values (NumPyro's `condition`): they become observed.
 *
 * @example
 * ```ts
 * const tr = trace(condition(model, { m: 1.5 })).getTrace(x);
 * tr.m.isObserved; // true
 * ```
 */
export const condition: HandlerForm<[data: SiteData]> = defineHandler("condition", (data: SiteData) => new ConditionMessenger(data));

/**
 * The messenger of {@link substitute}.
 *
 * @example
 * ```ts
 * new SubstituteMessenger({ x: 1 }).run(() => model());
 * ```
 */
export class SubstituteMessenger extends Messenger {
  constructor(readonly data: SiteData) {
    super();
    checkData(data, "substitute");
  }
  override processMessage(msg: Message): void {
    if (msg.type !== "sample" && msg.type !== "param" && msg.type !== "plate" && msg.type !== "deterministic") return;
    const v = lookup(this.data, msg);
    if (v !== null) msg.value = v;
  }
}

/**
 * Replace the values of sample, param, plate and deterministic sites (NumPyro's
 * `substitute`); the sites stay latent (unlike `condition`).
 *
 * @example
 * ```ts
 * const [lp] = logDensity(substitute(model, { m: 1.5, b: 0.2 }), [x, y], {});
 * substitute.run((site) => site.name === "m" ? 1 : null, () => model(x));
 * ```
 */
export const substitute: HandlerForm<[data: SiteData]> = defineHandler("substitute", (data: SiteData) => new SubstituteMessenger(data));

// ---------------------------------------------------------------------------------------------
// replay

/**
 * The messenger of {@link replay}.
 *
 * @example
 * ```ts
 * new ReplayMessenger(guideTrace).run(() => model());
 * ```
 */
export class ReplayMessenger extends Messenger {
  constructor(readonly trace: Trace) {
    super();
    if (trace === null || typeof trace !== "object") throw new TypeError("replay: expected a trace (from trace(...).getTrace)");
  }
  override processMessage(msg: Message): void {
    if ((msg.type !== "sample" && msg.type !== "plate") || !(msg.name in this.trace)) return;
    const guide = this.trace[msg.name];
    if (msg.type === "plate") {
      if (guide.type !== "plate") throw new Error(`replay: site "${msg.name}" must be a plate in the trace`);
      msg.value = guide.value;
      return;
    }
    if (msg.isObserved) return;
    if (guide.type !== "sample" || guide.isObserved) throw new Error(`replay: site "${msg.name}" must be sampled (not observed) in the trace`);
    msg.value = guide.value;
    msg.infer = { ...guide.infer };
  }
}

/**
 * Take the values of unobserved sample sites (and plates) from a trace (NumPyro's `replay`).
 *
 * @example
 * ```ts
 * const guideTrace = trace(seed(guide, 0)).getTrace();
 * trace(replay(model, guideTrace)).getTrace();
 * ```
 */
export const replay: HandlerForm<[trace: Trace]> = defineHandler("replay", (tr: Trace) => new ReplayMessenger(tr));

// ---------------------------------------------------------------------------------------------
// block

/** Options of {@link block}: at most one of them (none hides everything). */
export interface BlockOptions {
  /** Hide the sites for which this returns true. */
  hideFn?: (msg: Message) => boolean;
  /** Hide these site names. */
  hide?: readonly string[];
  /** Hide every site whose type is not listed. */
  exposeTypes?: readonly string[];
  /** Hide every site whose name is not listed. */
  expose?: readonly string[];
}

/**
 * The messenger of {@link block}.
 *
 * @example
 * ```ts
 * new BlockMessenger({ hide: ["x"] }).run(() => model());
 * ```
 */
export class BlockMessenger extends Messenger {
  readonly hideFn: (msg: Message) => boolean;
  constructor(options: BlockOptions = {}) {
    super();
    const { hideFn, hide, exposeTypes, expose } = options;
    if (hideFn) this.hideFn = hideFn;
    else if (hide) this.hideFn = (m) => hide.includes(m.name);
    else if (exposeTypes) this.hideFn = (m) => !exposeTypes.includes(m.type);
    else if (expose) this.hideFn = (m) => !expose.includes(m.name);
    else this.hideFn = () => true;
  }
  override processMessage(msg: Message): void {
    if (!this.hideFn(msg) || msg.type === "prng_key") return;
    msg.stop = true;
    if ((msg.type === "sample" || msg.type === "plate") && (msg.value === null || msg.value === undefined) && !msg.kwargs.rngKey) {
      msg.kwargs.rngKey = prngKey();
    }
  }
}

/** The `block` handler in its two forms (options are optional in both). */
export interface BlockForm extends HandlerForm<[options?: BlockOptions], []> {}

/**
 * Hide sites from the handlers outside (NumPyro's `block`): hidden sites still run (and still
 * get keys from an outer `seed`) but an outer `trace` does not see them.
 *
 * @example
 * ```ts
 * trace(block(model, { hide: ["m"] })).getTrace(x);   // no "m"
 * trace.run(() => block.run(() => model(x)));         // an empty trace
 * ```
 */
export const block: BlockForm = defineHandler<[options?: BlockOptions], []>("block", (options?: BlockOptions) => new BlockMessenger(options));

// ---------------------------------------------------------------------------------------------
// scale

/**
 * The messenger of {@link scale}.
 *
 * @example
 * ```ts
 * new ScaleMessenger(10).run(() => model());
 * ```
 */
export class ScaleMessenger extends Messenger {
  readonly scale: Array | number;
  constructor(s: ArrayLike) {
    super();
    const v = typeof s === "number" ? s : np.asArray(s);
    if (isConcreteValue(v)) {
      const data = typeof v === "number" ? [v] : (v as ConcreteArray).toTypedArray();
      for (const d of data) if (!(Number(d) > 0)) throw new Error(`scale: the scale must be positive, got ${d}`);
    }
    this.scale = v;
  }
  override processMessage(msg: Message): void {
    if (msg.type !== "param" && msg.type !== "sample" && msg.type !== "plate") return;
    msg.scale = msg.scale === null ? this.scale : mulScale(this.scale, msg.scale);
  }
}

/**
 * Multiply two scales (numbers or arrays).
 *
 * @example
 * ```ts
 * mulScale(2, np.array([1, 3])); // [2, 6]
 * ```
 */
export function mulScale(a: Array | number, b: Array | number): Array | number {
  if (typeof a === "number" && typeof b === "number") return a * b;
  return np.multiply(a, b);
}

/**
 * Multiply the log densities of the sites inside by `scale` (NumPyro's `scale`).
 *
 * @example
 * ```ts
 * const [lp] = logDensity(scale(model, 10), [x], params); // 10 × the log density
 * ```
 */
export const scale: HandlerForm<[scale: ArrayLike]> = defineHandler("scale", (s: ArrayLike) => new ScaleMessenger(s));

// ---------------------------------------------------------------------------------------------
// scope

/** Options of {@link scope}. */
export interface ScopeOptions {
  /** Between the prefix and the name (default "/"). */
  divider?: string;
  /** Site types left unprefixed (add "plate" to keep plate names). */
  hideTypes?: readonly string[];
}

/**
 * The messenger of {@link scope}.
 *
 * @example
 * ```ts
 * new ScopeMessenger("a").run(() => model());
 * ```
 */
export class ScopeMessenger extends Messenger {
  readonly divider: string;
  readonly hideTypes: readonly string[];
  constructor(
    readonly prefix: string,
    options: ScopeOptions = {},
  ) {
    super();
    if (typeof prefix !== "string") throw new TypeError(`scope: the prefix must be a string, got ${typeof prefix}`);
    this.divider = options.divider ?? "/";
    this.hideTypes = options.hideTypes ?? [];
  }
  override processMessage(msg: Message): void {
    if (msg.name && !this.hideTypes.includes(msg.type)) msg.name = `${this.prefix}${this.divider}${msg.name}`;
    if (msg.condIndepStack && msg.condIndepStack.length > 0 && !this.hideTypes.includes("plate")) {
      msg.condIndepStack = msg.condIndepStack.map((f) => ({ name: `${this.prefix}${this.divider}${f.name}`, dim: f.dim, size: f.size }));
    }
  }
}

/**
 * Prefix the names of the sites inside (NumPyro's `scope`), so one sub-model can be used
 * twice.
 *
 * @example
 * ```ts
 * trace(scope(submodel, "a")).getTrace(); // sites "a/x", ...
 * scope.run("b", { divider: "." }, () => submodel());
 * ```
 */
export const scope: HandlerForm<[prefix: string, options?: ScopeOptions], [prefix: string]> = defineHandler(
  "scope",
  (prefix: string, options?: ScopeOptions) => new ScopeMessenger(prefix, options),
);

// ---------------------------------------------------------------------------------------------
// lift

/**
 * The messenger of {@link lift}.
 *
 * @example
 * ```ts
 * new LiftMessenger(new Normal(0, 1)).run(() => model());
 * ```
 */
export class LiftMessenger extends Messenger {
  private cache: Record<string, Message> = {};
  constructor(readonly prior: Distribution | Record<string, Distribution>) {
    super();
  }
  protected override onEnter(): void {
    this.cache = {};
  }
  protected override onExit(): void {
    this.cache = {};
  }
  override processMessage(msg: Message): void {
    if (msg.type !== "param") return;
    const name = msg.name;
    const fn = this.prior instanceof Distribution ? this.prior : this.prior[name];
    if (!(fn instanceof Distribution)) return;
    msg.type = "sample";
    msg.fn = fn;
    msg.args = [];
    msg.kwargs = { rngKey: msg.kwargs.rngKey ?? null, sampleShape: msg.kwargs.sampleShape ?? [] };
    msg.intermediates = [];
    msg.infer = msg.infer ?? {};
    if (name in this.cache) {
      msg.value = this.cache[name].value;
      msg.isObserved = true;
      msg.stop = true;
    } else {
      this.cache[name] = msg;
      msg.isObserved = false;
    }
  }
}

/**
 * Turn `param` sites into sample sites with a prior (NumPyro's `lift`): one distribution for
 * all, or distributions by name.
 *
 * @example
 * ```ts
 * trace(seed(lift(model, { w: new Normal(0, 1) }), 0)).getTrace(); // w is now a sample site
 * ```
 */
export const lift: HandlerForm<[prior: Distribution | Record<string, Distribution>]> = defineHandler(
  "lift",
  (prior: Distribution | Record<string, Distribution>) => new LiftMessenger(prior),
);

// ---------------------------------------------------------------------------------------------
// intervene (do)

let intervenerCount = 0;

/**
 * The messenger of {@link intervene}.
 *
 * @example
 * ```ts
 * new InterveneMessenger({ x: 1 }).run(() => model());
 * ```
 */
export class InterveneMessenger extends Messenger {
  private readonly id = `intervener-${intervenerCount++}`;
  constructor(readonly data: Record<string, ArrayLike>) {
    super();
    checkData(data, "intervene");
  }
  override processMessage(msg: Message): void {
    if (msg.type !== "sample") return;
    const prevId = msg._intervenerId as string | undefined;
    if (prevId !== this.id && Object.prototype.hasOwnProperty.call(this.data, msg.name)) {
      if (prevId !== undefined) console.warn(`intervene: intervening on "${msg.name}" more than once is almost certainly not what you want`);
      msg._intervenerId = this.id;
      // Split the node: the original site is sampled as usual (sent through the whole stack
      // again; the plates and scales inside re-apply, so start those afresh), ...
      const copy: Message = { ...msg, kwargs: { ...msg.kwargs }, infer: { ...msg.infer }, condIndepStack: [], scale: null };
      applyStack(copy);
      // ... and this one, renamed, carries the intervention downstream.
      const name = msg.name;
      msg.name = `${name}__CF`;
      msg.value = np.asArray(this.data[name]);
      msg.isObserved = true;
      msg.stop = true;
    }
  }
}

/**
 * Intervene (NumPyro's `do`; `do` is reserved in JavaScript): the listed sites are still
 * sampled and recorded under their names, but the model continues with the given values. As
 * in NumPyro, the intervened node is renamed `${name}__CF`, marked observed and stopped at
 * this handler (handlers outside it, such as an outer `trace`, do not see it).
 *
 * @example
 * ```ts
 * const tr = trace(seed(intervene(model, { z: 1.0 }), 0)).getTrace();
 * tr.z.value;      // a draw
 * tr.y.fn;         // built from z = 1.0
 * ```
 */
export const intervene: HandlerForm<[data: Record<string, ArrayLike>]> = defineHandler(
  "intervene",
  (data: Record<string, ArrayLike>) => new InterveneMessenger(data),
);

// ---------------------------------------------------------------------------------------------
// inferConfig, uncondition

/**
 * The messenger of {@link inferConfig}.
 *
 * @example
 * ```ts
 * new InferConfigMessenger(() => ({ enumerate: "parallel" })).run(() => model());
 * ```
 */
export class InferConfigMessenger extends Messenger {
  constructor(readonly configFn: (msg: Message) => Record<string, unknown>) {
    super();
    if (typeof configFn !== "function") throw new TypeError("inferConfig: configFn must be a function of the site");
  }
  override processMessage(msg: Message): void {
    if (msg.type === "sample") Object.assign(msg.infer, this.configFn(msg));
  }
}

/**
 * Add entries to the `infer` dictionaries of sample sites (NumPyro's `infer_config`).
 *
 * @example
 * ```ts
 * inferConfig(model, (site) => (site.name === "k" ? { enumerate: "parallel" } : {}));
 * ```
 */
export const inferConfig: HandlerForm<[configFn: (msg: Message) => Record<string, unknown>]> = defineHandler(
  "inferConfig",
  (configFn: (msg: Message) => Record<string, unknown>) => new InferConfigMessenger(configFn),
);

/**
 * The messenger of {@link uncondition}.
 *
 * @example
 * ```ts
 * new UnconditionMessenger().run(() => model());
 * ```
 */
export class UnconditionMessenger extends Messenger {
  override processMessage(msg: Message): void {
    if (msg.type !== "sample" || !msg.isObserved) return;
    msg.isObserved = false;
    msg.infer.wasObserved = true;
    msg.infer.obs = msg.value;
    msg.value = null;
    if (!msg.kwargs.rngKey) msg.kwargs.rngKey = prngKey();
  }
}

/**
 * Make observed sites latent again (NumPyro's `uncondition`): they are sampled; the data is
 * kept in `site.infer.obs`.
 *
 * @example
 * ```ts
 * trace(seed(uncondition(model), 0)).getTrace(x, y); // y is drawn
 * ```
 */
export const uncondition: HandlerForm<[]> = defineHandler("uncondition", () => new UnconditionMessenger());
