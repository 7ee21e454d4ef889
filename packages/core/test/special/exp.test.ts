import { describe, expect, test } from "vitest";
import { exp } from "../../src/backend/cpu/exp.js";
import { type Array, jit, np } from "../../src/index.js";
import { values } from "../helpers/check.js";
import { loadFixture } from "./helpers.js";

/** Distance in units in the last place of `want` (a double), 0 when equal. */
function ulps(got: number, want: number): number {
  if (got === want || (Number.isNaN(got) && Number.isNaN(want))) return 0;
  if (!Number.isFinite(got) || !Number.isFinite(want)) return Infinity;
  const w = Math.abs(want);
  const ulp = w === 0 ? Number.MIN_VALUE : Math.max(2 ** (Math.floor(Math.log2(w)) - 52), Number.MIN_VALUE);
  return Math.abs(got - want) / ulp;
}

describe("table-driven exp vs mpmath (the correctly rounded value)", () => {
  const fx = loadFixture("exp");
  test("every point within 1 ulp; at least 99% correctly rounded (Math.exp for comparison)", () => {
    let ours = 0;
    let mathExp = 0;
    const bad: string[] = [];
    fx.args.forEach(([x], i) => {
      const want = fx.exact[i];
      const u = ulps(exp(x), want);
      if (u > 1) bad.push(`exp(${x}) = ${exp(x)}, want ${want} (${u} ulp)`);
      if (u === 0) ours++;
      if (ulps(Math.exp(x), want) === 0) mathExp++;
    });
    console.log(`exp: ${fx.args.length} pts, correctly rounded ${((100 * ours) / fx.args.length).toFixed(2)}% (Math.exp ${((100 * mathExp) / fx.args.length).toFixed(2)}%)`);
    expect(bad).toEqual([]);
    expect(ours / fx.args.length).toBeGreaterThan(0.99);
  });

  test("exact and special values: exp(0) = 1, ±∞, NaN, underflow to subnormals and 0, overflow", () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(NaN)).toBeNaN();
    expect(exp(710)).toBe(Infinity);
    expect(exp(-746)).toBe(0);
    expect(exp(-740)).toBeGreaterThan(0);
    expect(exp(-740)).toBeLessThan(2.2250738585072014e-308);
  });

  test("np.exp is this exp, eager and jitted alike (bit for bit)", () => {
    const xs = Float64Array.from({ length: 1000 }, (_, i) => -700 + 1.4 * i + 0.123);
    const want = xs.map(exp);
    expect(values(np.exp(np.array(xs)))).toEqual([...want]);
    expect(values(jit((a: Array) => np.exp(a))(np.array(xs)))).toEqual([...want]);
  });
});
