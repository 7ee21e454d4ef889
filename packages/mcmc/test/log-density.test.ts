import { type Array as OArray, np } from "@orrery/core";
import { describe, expect, it } from "vitest";
import { fromFunction, fromOrrery, logDensityValue } from "../src/index.js";

describe("log densities", () => {
  it("fromOrrery compiles value and gradient, writing into the caller's buffer", () => {
    const a = np.array([1, 2, 3]);
    const ld = fromOrrery((x: OArray) => np.sum(x.square().mul(a)).mul(-0.5), 3);
    const g = new Float64Array(3);
    const x = Float64Array.of(1, -1, 2);
    expect(ld.valueAndGrad(x, g)).toBeCloseTo(-0.5 * (1 + 2 + 12), 12);
    expect(Array.from(g)).toEqual([-1, 2, -6]);
    const x2 = Float64Array.of(0, 1, 0);
    expect(ld.valueAndGrad(x2, g)).toBeCloseTo(-1, 12);
    expect(Array.from(g)).toEqual([-0, -2, -0]);
    expect(ld.value!(x)).toBeCloseTo(-7.5, 12);
    expect(ld.dim).toBe(3);
  });

  it("fromOrrery accepts an example position and checks shapes", () => {
    const ld = fromOrrery((x: OArray) => np.sum(x), Float64Array.of(0, 0));
    expect(ld.dim).toBe(2);
    expect(() => fromOrrery((x: OArray) => x, 2)).toThrow(/scalar/);
    expect(() => fromOrrery((x: OArray) => np.sum(x), 0)).toThrow(/positive integer/);
  });

  it("fromFunction wraps JS and NaN values read as -Infinity", () => {
    const ld = fromFunction(1, (x, g) => {
      g[0] = -x[0];
      return x[0] > 5 ? NaN : -0.5 * x[0] * x[0];
    });
    const s = new Float64Array(1);
    expect(logDensityValue(ld, Float64Array.of(2), s)).toBe(-2);
    expect(logDensityValue(ld, Float64Array.of(6), s)).toBe(-Infinity);
  });
});
