/**
 * Distributions and transforms as pytrees: each instance records the arguments it was built
 * from; flattening keeps the array (and nested distribution/transform) arguments as children
 * and the rest as static data, and unflattening calls the constructor again (without
 * validation, so it works on tracers inside `jit` and `vmap`).
 */
import { Array, tree } from "@orrery/core";

/** Objects that remember their constructor arguments. */
export interface HasTreeArgs {
  /** The constructor arguments, in order. */
  readonly treeArgs: readonly unknown[];
}

let suppressed = 0;

/**
 * Whether validation is currently suppressed (while rebuilding from a pytree).
 *
 * @example
 * ```ts
 * validationSuppressed(); // false outside tree rebuilding
 * ```
 */
export const validationSuppressed = (): boolean => suppressed > 0;

/**
 * Run `f` with parameter validation off (used when rebuilding from leaves).
 *
 * @example
 * ```ts
 * withoutValidation(() => new Normal(0, -1)); // no error
 * ```
 */
export function withoutValidation<T>(f: () => T): T {
  suppressed++;
  try {
    return f();
  } finally {
    suppressed--;
  }
}

const isPlainObject = (a: unknown): a is Record<string, unknown> =>
  a !== null && typeof a === "object" && (Object.getPrototypeOf(a) === Object.prototype || Object.getPrototypeOf(a) === null);

// Arrays, distributions/transforms, and JS arrays or plain objects holding any of them (e.g.
// MultivariateNormal's `{ scaleTril }`) are children; everything else is static.
const isTreeish = (a: unknown): boolean =>
  a instanceof Array ||
  (a !== null && typeof a === "object" && "treeArgs" in (a as object)) ||
  (globalThis.Array.isArray(a) && a.some(isTreeish)) ||
  (isPlainObject(a) && Object.values(a).some(isTreeish));

/**
 * Register a class whose instances carry `treeArgs` as a pytree node.
 *
 * @example
 * ```ts
 * registerTreeClass(MyDistribution);
 * ```
 */
export function registerTreeClass(cls: new (...args: any[]) => HasTreeArgs): void {
  tree.registerNode(
    cls,
    (x: HasTreeArgs) => {
      const children: unknown[] = [];
      const statics: unknown[] = [];
      const kinds: number[] = [];
      for (const a of x.treeArgs) {
        if (isTreeish(a)) {
          kinds.push(1);
          children.push(a);
        } else {
          kinds.push(0);
          statics.push(a);
        }
      }
      return [children, { kinds, statics }];
    },
    (aux, children) => {
      const { kinds, statics } = aux as { kinds: number[]; statics: unknown[] };
      let c = 0;
      let s = 0;
      const args = kinds.map((k) => (k === 1 ? children[c++] : statics[s++]));
      return withoutValidation(() => new cls(...args));
    },
  );
}
