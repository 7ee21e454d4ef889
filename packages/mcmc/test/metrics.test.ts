import { describe, expect, it } from "vitest";
import { Rng, cholesky, gaussianEuclidean } from "../src/index.js";

describe("metrics", () => {
  it("dense momentum has covariance M = inverse(inverseMassMatrix)", () => {
    const inv = Float64Array.of(2, 0.5, 0.5, 1);
    // M = inv⁻¹ = [[1, -0.5], [-0.5, 2]] / 1.75
    const m = gaussianEuclidean(2, inv);
    const r = new Rng(5, 6, 7, 8);
    const p = new Float64Array(2);
    const n = 200_000;
    const s = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      m.sampleMomentum(r, p);
      s[0] += p[0] * p[0];
      s[1] += p[0] * p[1];
      s[2] += p[1] * p[1];
    }
    expect(s[0] / n).toBeCloseTo(1 / 1.75, 2);
    expect(s[1] / n).toBeCloseTo(-0.5 / 1.75, 2);
    expect(s[2] / n).toBeCloseTo(2 / 1.75, 2);
  });

  it("kinetic energy and velocity agree between diagonal and dense forms", () => {
    const d = gaussianEuclidean(3, Float64Array.of(1, 2, 3));
    const D = gaussianEuclidean(3, Float64Array.of(1, 0, 0, 0, 2, 0, 0, 0, 3));
    const p = Float64Array.of(0.5, -1, 2);
    const v1 = new Float64Array(3), v2 = new Float64Array(3);
    expect(d.kineticAndVelocity(p, v1)).toBeCloseTo(D.kineticAndVelocity(p, v2), 14);
    expect(d.kineticEnergy(p)).toBeCloseTo(0.5 * (0.25 + 2 + 12), 14);
    expect(Array.from(v1)).toEqual(Array.from(v2));
  });

  it("rejects bad matrices with a message", () => {
    expect(() => gaussianEuclidean(2, Float64Array.of(1, -1))).toThrow(/positive/);
    expect(() => gaussianEuclidean(2, Float64Array.of(1, 2, 3))).toThrow(/2 \(diagonal\) or 4 \(dense\)/);
    expect(() => gaussianEuclidean(2, Float64Array.of(1, 2, 2, 1))).toThrow(/positive definite/);
    expect(Array.from(cholesky(Float64Array.of(4, 2, 2, 2), 2)!)).toEqual([2, 0, 1, 1]);
  });
});
