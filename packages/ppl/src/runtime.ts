/**
 * The effect-handler runtime, as `numpyro.primitives`' `_PYRO_STACK`, `apply_stack` and
 * `Messenger`: a global stack of handlers; each primitive sends a message through it.
 */
import { type Array, ConcreteArray, np, random } from "@orrery/core";
import { type Constraint, type Distribution } from "@orrery/distributions";

/** One enclosing plate as a site sees it: its name, the (negative) batch axis and its size. */
export interface CondIndepStackFrame {
  /** The plate's name. */
  readonly name: string;
  /** The batch axis it occupies, counted from the right (−1 is the rightmost). */
  readonly dim: number;
  /** The plate's (subsample) size. */
  readonly size: number;
}

/** Keyword arguments a message carries (NumPyro's `msg["kwargs"]`). */
export interface MessageKwargs {
  /** The PRNG key for sampling (set by `seed`). */
  rngKey?: Array | null;
  /** Leading shape of independent draws (sample sites). */
  sampleShape?: number[];
  /** The constraint of a `param` site. */
  constraint?: Constraint;
  /** The event rank of a `param` or `subsample` site. */
  eventDim?: number;
}

/** The kinds of message the primitives send. */
export type MessageType = "sample" | "param" | "deterministic" | "plate" | "prng_key" | "subsample" | "inspect";

/**
 * A message: one site on its way through the handler stack; a trace records them as sites.
 * Field names follow NumPyro's message dictionaries in camelCase.
 */
export interface Message {
  /** What sent it. */
  type: MessageType;
  /** The site's name. */
  name: string;
  /** The distribution of a sample site (null for other sites). */
  fn: Distribution | null;
  /** Positional arguments (a `param` site's initial value, a plate's `[size, subsampleSize]`). */
  args: unknown[];
  /** Keyword arguments. */
  kwargs: MessageKwargs;
  /** The value: observed, substituted or drawn. */
  value: any;
  /** A factor multiplying the site's log density (from subsampled plates and `scale`). */
  scale: Array | number | null;
  /** Whether the value is observed data. */
  isObserved: boolean;
  /** Sampling intermediates (unused: kept for NumPyro's layout). */
  intermediates: unknown[];
  /** The enclosing plates, innermost last. */
  condIndepStack: CondIndepStackFrame[];
  /** Configuration for inference algorithms (`{ enumerate, isAuxiliary, ... }`). */
  infer: Record<string, unknown>;
  /** Set by a handler to keep the message from the handlers above it. */
  stop?: boolean;
  /** The combined mask (for `inspect` messages, see `getMask`). */
  mask?: Array | boolean | null;
  /** Other fields handlers attach. */
  [extra: string]: unknown;
}

/** A recorded site: a message after it went through the stack. */
export type Site = Message;

/** A model's execution trace: sites by name, in execution order. */
export type Trace = Record<string, Site>;

const STACK: Messenger[] = [];

/**
 * The handlers now active, outermost first (a copy). For debugging and custom handlers.
 *
 * @example
 * ```ts
 * seed.run(0, () => handlerStack().length); // 1
 * ```
 */
export function handlerStack(): Messenger[] {
  return [...STACK];
}

/**
 * Whether any handler is active.
 *
 * @example
 * ```ts
 * stackIsEmpty(); // true outside any handler
 * ```
 */
export function stackIsEmpty(): boolean {
  return STACK.length === 0;
}

/**
 * A fresh message with NumPyro's defaults.
 *
 * @example
 * ```ts
 * applyStack(makeMessage("deterministic", "z", { value: np.array(1) }));
 * ```
 */
export function makeMessage(type: MessageType, name: string, fields: Partial<Message> = {}): Message {
  return {
    type,
    name,
    fn: null,
    args: [],
    kwargs: {},
    value: null,
    scale: null,
    isObserved: false,
    intermediates: [],
    condIndepStack: [],
    infer: {},
    ...fields,
  };
}

function isThenable(x: unknown): boolean {
  return x !== null && (typeof x === "object" || typeof x === "function") && typeof (x as { then?: unknown }).then === "function";
}

/**
 * Throw the error an async model gets.
 *
 * @example
 * ```ts
 * rejectPromise(model(x), "myHandler"); // throws if the model was async
 * ```
 */
export function rejectPromise(result: unknown, where: string): void {
  if (isThenable(result)) {
    throw new Error(
      `${where}: the model returned a Promise. Models must be synchronous functions: the effect handlers ` +
        `keep a global stack that an await would leave in place. Compute any async inputs first, then call the model.`,
    );
  }
}

/** The default behaviour at a site once every handler has processed it. */
function defaultProcessMessage(msg: Message): void {
  if (msg.value !== null && msg.value !== undefined) return;
  switch (msg.type) {
    case "sample": {
      const key = msg.kwargs.rngKey;
      if (key === null || key === undefined) {
        throw new Error(
          `sample site "${msg.name}" has no value and no PRNG key: run the model under seed (seed(model, key) or ` +
            `seed.run(key, () => ...)), or give the site a value with condition/substitute`,
        );
      }
      msg.value = msg.fn!.sample(key, msg.kwargs.sampleShape ?? []);
      return;
    }
    case "param": {
      const init = msg.args[0];
      if (typeof init === "function") {
        const key = prngKey();
        if (key === null) throw new Error(`param site "${msg.name}": a function as the initial value needs a PRNG key: run the model under seed`);
        msg.value = (init as (k: Array) => unknown)(key);
      } else {
        msg.value = init;
      }
      return;
    }
    case "plate": {
      const [size, subsampleSize] = msg.args as [number, number];
      const key = msg.kwargs.rngKey;
      if (key === null || key === undefined) {
        throw new Error(
          `plate "${msg.name}": subsampling ${subsampleSize} of ${size} needs a PRNG key: run the model under seed. ` +
            `(Algorithms like HMC/NUTS do not support subsampling.)`,
        );
      }
      msg.value = random.permutation(key, size).index(np.s(0, subsampleSize));
      return;
    }
    case "prng_key":
      msg.value = msg.kwargs.rngKey ?? null;
      return;
    default:
      return;
  }
}

/**
 * Send a message through the handler stack, as NumPyro's `apply_stack`: `processMessage` from
 * the innermost handler outwards until one sets `msg.stop`, then the default behaviour (draw
 * a sample, ...), then `postprocessMessage` in reverse order over the handlers that saw it.
 *
 * @example
 * ```ts
 * const msg = applyStack(makeMessage("deterministic", "z", { value: np.array(1) }));
 * ```
 */
export function applyStack(msg: Message): Message {
  let pointer = 0;
  for (let i = STACK.length - 1; i >= 0; i--) {
    pointer = STACK.length - 1 - i;
    STACK[i].processMessage(msg);
    if (msg.stop) break;
  }
  defaultProcessMessage(msg);
  const post = STACK.length === 0 ? [] : STACK.slice(STACK.length - pointer - 1);
  for (const h of post) h.postprocessMessage(msg);
  return msg;
}

/**
 * A handler: the base class of every effect handler (NumPyro's `Messenger`). Subclasses
 * override `processMessage` (before the site's default behaviour) and/or
 * `postprocessMessage` (after it). `run(body)` is Python's `with handler: body()`.
 *
 * @example
 * ```ts
 * class Printer extends Messenger {
 *   override postprocessMessage(msg: Message) { console.log(msg.name, msg.value); }
 * }
 * new Printer().run(() => seed(model, 0)());
 * ```
 */
export class Messenger {
  /** Called on each message before its default behaviour, innermost handler first. */
  processMessage(_msg: Message): void {}
  /** Called on each message after its default behaviour, outermost handler first. */
  postprocessMessage(_msg: Message): void {}
  /** Called when the handler is pushed (for handlers with per-use state). */
  protected onEnter(): void {}
  /** Called when the handler is popped. */
  protected onExit(): void {}

  /** Push the handler (Python's `__enter__`); prefer `run`. */
  enter(): void {
    this.onEnter();
    STACK.push(this);
  }

  /** Pop the handler (Python's `__exit__`); after an error, also everything above it. */
  exit(failed = false): void {
    const loc = STACK.lastIndexOf(this);
    if (!failed && loc === STACK.length - 1) {
      STACK.pop();
    } else if (loc >= 0) {
      STACK.length = loc;
    }
    this.onExit();
  }

  /**
   * Run `body` with this handler active and return its result.
   *
   * @example
   * ```ts
   * new TraceMessenger().run(() => model(x));
   * ```
   */
  run<T>(body: () => T): T {
    this.enter();
    let result: T;
    try {
      result = body();
    } catch (e) {
      this.exit(true);
      throw e;
    }
    this.exit(false);
    rejectPromise(result, this.constructor.name);
    return result;
  }
}

/**
 * Draw a PRNG key from the enclosing `seed` handler (NumPyro's `prng_key`); `null` outside one.
 *
 * @example
 * ```ts
 * seed.run(0, () => prngKey()); // a key
 * ```
 */
export function prngKey(): Array | null {
  if (STACK.length === 0) return null;
  const msg = applyStack(makeMessage("prng_key", "", { kwargs: { rngKey: null } }));
  return (msg.value as Array | null) ?? null;
}

/**
 * Whether a value is a concrete (non-traced) number or array.
 *
 * @example
 * ```ts
 * isConcreteValue(np.array(1)); // true (false for a tracer inside jit)
 * ```
 */
export function isConcreteValue(x: unknown): boolean {
  return typeof x === "number" || typeof x === "boolean" || x instanceof ConcreteArray;
}
