/**
 * Creation functions against NumPy: arange (integer and fractional steps), linspace with and
 * without endpoint, logspace, eye with k, tri, full, zeros, ones, identity.
 */
import { describe, test } from "vitest";
import { type Array, type DType, np } from "../../src/index.js";
import { type Enc, decArg, describeCase, expectMatches, load } from "./fixtures.js";

type K = Record<string, never>;

function run(fn: string, args: unknown[], k: K): Array {
  switch (fn) {
    case "arange": {
      const p = k.params as unknown as number[];
      return p.length === 1 ? np.arange(p[0]) : p.length === 2 ? np.arange(p[0], p[1]) : np.arange(p[0], p[1], p[2]);
    }
    case "linspace":
      return np.linspace(k.start, k.stop, k.num, { endpoint: k.endpoint });
    case "logspace":
      return np.logspace(k.start, k.stop, k.num, { endpoint: k.endpoint, base: k.base });
    case "eye":
      return np.eye(k.n, k.m ?? undefined, k.k, (k.dtype as DType | undefined) ?? undefined);
    case "tri":
      return np.tri(k.n, k.m ?? undefined, k.k, (k.dtype as DType | undefined) ?? undefined);
    case "full":
      return args.length > 0 ? np.full(k.shape, args[0] as Array) : np.full(k.shape, k.value, (k.dtype as DType | undefined) ?? undefined);
    case "zeros":
      return np.zeros(k.shape);
    case "ones":
      return np.ones(k.shape, k.dtype);
    case "identity":
      return np.identity(k.n);
    default:
      throw new Error(`no dispatch for ${fn}`);
  }
}

describe("np creation functions against NumPy", () => {
  load("creation").forEach((c, i) => {
    test(describeCase(c, i), () => {
      const got = run(c.fn, c.args.map(decArg), c.kwargs as K);
      expectMatches(got, c.expected as Enc, { rtol: 1e-14 }, c.fn);
    });
  });
});
