/**
 * Shape manipulation against NumPy: reshape with -1, transpose, moveaxis, swapaxes, expandDims,
 * squeeze, concatenate, stack, vstack, hstack, split, tile, repeat, flip, broadcastTo, pad, tril,
 * triu.
 */
import { describe, expect, test } from "vitest";
import { type Array, np } from "../../src/index.js";
import { type Enc, decArg, describeCase, expectMatches, load } from "./fixtures.js";

type K = Record<string, never>;

function run(fn: string, args: unknown[], k: K): Array | Array[] {
  const x = args[0] as Array;
  const xs = args[0] as Array[];
  const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
  switch (fn) {
    case "reshape":
      return np.reshape(x, k.shape);
    case "transpose":
      return np.transpose(x, opt(k.axes));
    case "moveaxis":
      return np.moveaxis(x, k.source, k.destination);
    case "swapaxes":
      return np.swapaxes(x, k.axis1, k.axis2);
    case "expandDims":
      return np.expandDims(x, k.axis);
    case "squeeze":
      return np.squeeze(x, opt(k.axis));
    case "concatenate":
      return np.concatenate(xs, k.axis);
    case "stack":
      return np.stack(xs, k.axis);
    case "vstack":
      return np.vstack(xs);
    case "hstack":
      return np.hstack(xs);
    case "split":
      return np.split(x, k.indicesOrSections, k.axis);
    case "tile":
      return np.tile(x, k.reps);
    case "repeat":
      return np.repeat(x, k.repeats, opt(k.axis));
    case "flip":
      return np.flip(x, opt(k.axis));
    case "ravel":
      return np.ravel(x);
    case "atleast1d":
      return np.atleast1d(x);
    case "atleast2d":
      return np.atleast2d(x);
    case "broadcastTo":
      return np.broadcastTo(x, k.shape);
    case "pad":
      return np.pad(x, k.padWidth, { mode: k.mode, constantValues: opt(k.constantValues ?? null) });
    case "tril":
      return np.tril(x, k.k);
    case "triu":
      return np.triu(x, k.k);
    default:
      throw new Error(`no dispatch for ${fn}`);
  }
}

describe("np shape functions against NumPy", () => {
  load("shape").forEach((c, i) => {
    test(describeCase(c, i), () => {
      const got = run(c.fn, c.args.map(decArg), c.kwargs as K);
      if (globalThis.Array.isArray(c.expected)) {
        const parts = got as Array[];
        expect(parts.length).toBe(c.expected.length);
        c.expected.forEach((e, j) => expectMatches(parts[j], e, { rtol: 0 }, `${c.fn} part ${j}`));
      } else expectMatches(got as Array, c.expected as Enc, { rtol: 0 }, c.fn);
    });
  });
});
