/**
 * The two forms every handler has. JavaScript has no `with`, so each handler is
 *
 * - a wrapper: `seed(model, key)` returns a function that runs `model` under the handler
 *   (a fresh handler per call, so a seeded model draws the same values each call, as NumPyro's
 *   `seed`), and
 * - a scope: `seed.run(key, () => body())` runs `body` under the handler now and returns
 *   what it returns (Python's `with seed(rng_seed=key): body()`).
 *
 * The wrapper takes the function first and the handler's arguments after it; the scope takes
 * the handler's arguments first and the body last.
 */
import { Messenger, rejectPromise } from "./runtime.js";

/** Any model or function a handler can wrap. */
export type ModelFn = (...args: any[]) => any;

/** A function run under a handler; `fn` is the wrapped function. */
export type Handled<F extends ModelFn> = ((...args: Parameters<F>) => ReturnType<F>) & {
  /** The wrapped function. */
  readonly fn: F;
  /** A new handler of this kind (for inspection). */
  readonly makeMessenger: () => Messenger;
};

/** A handler in its two forms: call it to wrap a function, `.run` to scope a body. */
export interface HandlerForm<O extends unknown[], Req extends unknown[] = O> {
  /** Wrap `fn`: calling the result runs `fn` under a fresh handler. */
  <F extends ModelFn>(fn: F, ...options: O): Handled<F>;
  /** Run `body` under the handler now and return its result. */
  run<T>(...args: [...Req, () => T]): T;
  /** Run `body` under the handler now and return its result. */
  run<T>(...args: [...Required<O>, () => T]): T;
  /** A handler object (to push with `enter`/`exit` or nest manually). */
  messenger(...options: O): Messenger;
}

/**
 * Run `fn` under the messenger `m` (Python's `with m: fn(*args)`).
 *
 * @example
 * ```ts
 * runWith(new TraceMessenger(), () => model(x), "trace");
 * ```
 */
export function runWith<T>(m: Messenger, fn: () => T, where: string): T {
  const out = m.run(fn);
  rejectPromise(out, where);
  return out;
}

/**
 * Build a handler's two forms from a factory of its messenger.
 *
 * @example
 * ```ts
 * const myHandler = defineHandler("myHandler", (k: number) => new MyMessenger(k));
 * myHandler(model, 3)(x);             // wrapper
 * myHandler.run(3, () => model(x));   // scope
 * ```
 */
export function defineHandler<O extends unknown[], Req extends unknown[] = O>(name: string, make: (...options: O) => Messenger): HandlerForm<O, Req> {
  const wrap = <F extends ModelFn>(fn: F, ...options: O): Handled<F> => {
    if (typeof fn !== "function") {
      throw new TypeError(`${name}: the first argument of the wrapper form must be the function to handle (for a scope, use ${name}.run(..., () => body))`);
    }
    const make0 = (): Messenger => make(...options);
    make0(); // validate the options now
    const handled = ((...args: unknown[]) => runWith(make0(), () => fn(...args), name)) as unknown as Handled<F>;
    Object.defineProperty(handled, "fn", { value: fn });
    Object.defineProperty(handled, "makeMessenger", { value: make0 });
    Object.defineProperty(handled, "name", { value: `${name}(${fn.name || "model"})` });
    return handled;
  };
  const run = (...args: unknown[]): unknown => {
    const body = args[args.length - 1];
    if (typeof body !== "function") throw new TypeError(`${name}.run: the last argument must be the body, a function of no arguments`);
    const options = args.slice(0, -1) as O;
    return runWith(make(...options), body as () => unknown, `${name}.run`);
  };
  return Object.assign(wrap, { run, messenger: make }) as unknown as HandlerForm<O, Req>;
}
