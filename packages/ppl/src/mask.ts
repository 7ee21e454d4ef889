/**
 * The `mask` handler (in its own file: `sample` uses it for `obsMask`).
 */
import { type Array, np } from "@orrery/core";
import { defineHandler } from "./handler-form.js";
import { type Message, Messenger } from "./runtime.js";

/**
 * The messenger of {@link maskHandler}.
 *
 * @example
 * ```ts
 * new MaskMessenger(false).run(() => model());
 * ```
 */
export class MaskMessenger extends Messenger {
  readonly mask: Array | boolean;
  constructor(mask: np.ArrayLike | boolean = true) {
    super();
    if (typeof mask === "boolean") {
      this.mask = mask;
    } else {
      const m = np.asArray(mask);
      if (m.dtype !== "bool") throw new TypeError(`mask: the mask must be a boolean or a bool array, got dtype ${m.dtype}`);
      this.mask = m;
    }
  }
  override processMessage(msg: Message): void {
    if (msg.type !== "sample") {
      if (msg.type === "inspect") {
        const prev = msg.mask;
        msg.mask = prev === null || prev === undefined ? this.mask : andMask(this.mask, prev);
      }
      return;
    }
    msg.fn = msg.fn!.mask(this.mask);
  }
}

function andMask(a: Array | boolean, b: Array | boolean): Array | boolean {
  if (typeof a === "boolean" && typeof b === "boolean") return a && b;
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true) return a;
  return np.logicalAnd(a as Array, b as Array);
}

/**
 * Mask out log densities where `mask` is false (NumPyro's `mask`): the sites' distributions
 * become `dist.mask(mask)`; values are still drawn.
 *
 * @example
 * ```ts
 * maskHandler(model, np.array([true, false]))(x);
 * maskHandler.run(false, () => sample("x", new Normal(0, 1))); // log density 0
 * ```
 */
export const maskHandler = defineHandler<[mask?: np.ArrayLike | boolean], []>("mask", (mask: np.ArrayLike | boolean = true) => new MaskMessenger(mask));
