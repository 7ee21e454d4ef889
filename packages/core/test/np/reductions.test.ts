/**
 * Reductions against NumPy: axis (negative, tuples, none), keepdims, empty axes, NaN,
 * argmax/argmin ties and NaN, var/std with ddof, any/all, cumulative ops.
 */
import { describe, test } from "vitest";
import { type Array, np } from "../../src/index.js";
import { type Enc, decArg, describeCase, expectMatches, load, num } from "./fixtures.js";

type Fn = (x: unknown, options: Record<string, unknown>) => Array;
const fns = np as unknown as Record<string, Fn>;

describe("np reductions against NumPy", () => {
  load("reductions").forEach((c, i) => {
    test(describeCase(c, i), () => {
      const x = decArg(c.args[0]);
      const got = fns[c.fn](x, c.kwargs);
      // NumPy sums pairwise, Orrery in order: allow for the rounding of a sum of |x|.
      const input = c.args[0] as Enc;
      const scale = input.data.map(num).filter(Number.isFinite).reduce((s, v) => s + Math.abs(v), 0);
      const atol = c.fn === "var" || c.fn === "std" ? 1e-14 * scale * scale : 1e-15 * scale;
      expectMatches(got, c.expected as Enc, { rtol: 1e-14, atol: c.fn === "std" ? Math.sqrt(atol) * 1e-7 : atol }, c.fn);
    });
  });
});
