/**
 * Reductions against NumPy: axis (negative, tuples, none), keepdims, empty axes, NaN,
 * argmax/argmin ties and NaN, var/std with ddof, any/all, cumulative ops.
 */
import { describe, expect, test } from "vitest";
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

describe("the axis given positionally, as in NumPy", () => {
  const x = np.array([[1, 5, 3], [4, 2, 6]]);
  const same = (a: Array, b: Array) => expect(a.tolist()).toEqual(b.tolist());
  test("np.sum(x, 1) is np.sum(x, { axis: 1 }); a list of axes; null is all axes", () => {
    same(np.sum(x, 1), np.sum(x, { axis: 1 }));
    same(np.mean(x, 0), np.mean(x, { axis: 0 }));
    same(np.max(x, -1), np.max(x, { axis: -1 }));
    same(np.prod(x, [0, 1]), np.prod(x, { axis: [0, 1] }));
    same(np.std(x, 1), np.std(x, { axis: 1 }));
    same(np.any(x.gt(4), 0), np.any(x.gt(4), { axis: 0 }));
    same(np.sum(x, null), np.sum(x));
    same(np.argmax(x, 1), np.argmax(x, { axis: 1 }));
    same(np.cumsum(x, 0), np.cumsum(x, { axis: 0 }));
  });
  test("anything else is an error naming the function and what to pass", () => {
    expect(() => np.sum(x, "1" as never)).toThrow(/np\.sum: the second argument is the axis or an options object/);
  });
});
