/**
 * Every elementwise function of `np` against NumPy: special values, sign conventions of
 * floorDivide/mod/fmod, round half to even, hypot, logaddexp with infinities, arctan2
 * quadrants, power with negative bases, clip and where.
 */
import { describe, test } from "vitest";
import { type Array, np } from "../../src/index.js";

type ArrayLike = np.ArrayLike;
import { type Enc, decArg, describeCase, expectMatches, load } from "./fixtures.js";

type Fn = (...xs: unknown[]) => Array;
const fns = np as unknown as Record<string, Fn>;

// NumPy computes these with the C library; V8's Math functions (fdlibm ports) agree to a few
// ulps. `rsqrt` has no NumPy function: the fixture is 1 / np.sqrt(x).
const RTOL: Record<string, number> = {};

function run(fn: string, args: unknown[], kwargs: Record<string, unknown>): Array {
  switch (fn) {
    case "round":
      return np.round(args[0] as ArrayLike, kwargs.decimals as number);
    case "clip":
      return np.clip(args[0] as ArrayLike, args[1] as ArrayLike | undefined, args[2] as ArrayLike | undefined);
    default:
      if (typeof fns[fn] !== "function") throw new Error(`np.${fn} is missing`);
      return fns[fn](...args);
  }
}

describe("np elementwise functions against NumPy", () => {
  load("elementwise").forEach((c, i) => {
    test(describeCase(c, i), () => {
      const got = run(c.fn, c.args.map(decArg), c.kwargs);
      expectMatches(got, c.expected as Enc, { rtol: RTOL[c.fn] ?? 1e-14 }, c.fn);
    });
  });
});
