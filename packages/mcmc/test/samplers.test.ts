import { random } from "@orrery/core";
import { describe, expect, it } from "vitest";
import { barker, buildEnsembleKernel, ellipticalSlice, ensembleInit, fromFunction, rngFromKey, rwm, sa, sampleChain, type EnsembleMove } from "../src/index.js";
import { checkMoments, gaussian, stdNormal } from "./helpers.js";

function collect<S extends { position: Float64Array }>(dim: number, n: number, step: () => S): Float64Array {
  const draws = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) draws.set(step().position, i * dim);
  return draws;
}

describe("random-walk Metropolis", () => {
  it("samples a 3-D standard normal and is reproducible", () => {
    const ld = stdNormal(3);
    const algo = rwm(ld, { scale: 2.38 / Math.sqrt(3) });
    const run = (seed: number) => {
      const rng = rngFromKey(random.key(seed));
      let s = algo.init([0, 0, 0]);
      let acc = 0;
      const d = collect(3, 20_000, () => {
        const r = algo.step(rng, s);
        acc += r.info.acceptanceRate;
        return (s = r.state);
      });
      return { d, acc: acc / 20_000 };
    };
    const { d, acc } = run(0);
    expect(acc).toBeGreaterThan(0.2);
    expect(acc).toBeLessThan(0.5);
    for (const j of [0, 2]) expect(checkMoments(d, 3, j, 0, 1)).toBeNull();
    expect(Array.from(run(0).d.subarray(0, 30))).toEqual(Array.from(d.subarray(0, 30)));
  });
});

describe("Barker", () => {
  it("samples a 5-D standard normal", () => {
    const ld = stdNormal(5);
    const algo = barker(ld, { stepSize: 1.2 });
    const { draws } = sampleChain((rng, s, out) => algo.step(rng, s, out), random.key(3), algo.init([3, 3, 3, 3, 3]), 20_000);
    for (const j of [0, 4]) expect(checkMoments(draws.subarray(5 * 1000), 5, j, 0, 1)).toBeNull();
  });

  it("is exact for a skewed scale (preconditioned)", () => {
    const ld = gaussian(2, Float64Array.of(4, 0, 0, 0.25));
    const algo = barker(ld, { stepSize: 1, inverseMassMatrix: Float64Array.of(4, 0.25) });
    const { draws } = sampleChain((rng, s, out) => algo.step(rng, s, out), random.key(4), algo.init([0, 0]), 20_000);
    expect(checkMoments(draws, 2, 0, 0, 2)).toBeNull();
    expect(checkMoments(draws, 2, 1, 0, 0.5)).toBeNull();
  });
});

describe("ensemble", () => {
  it.each<EnsembleMove>([{ type: "stretch" }, { type: "de" }])("samples a correlated 2-D Gaussian ($type)", (move) => {
    const ld = gaussian(2, Float64Array.of(1, 0.9, 0.9, 1));
    const rng = rngFromKey(random.key(5));
    const s = ensembleInit(ld, Array.from({ length: 16 }, () => [rng.normal(), rng.normal()]));
    const step = buildEnsembleKernel(ld);
    for (let i = 0; i < 500; i++) step(rng, s, move);
    const n = 4000;
    const draws = new Float64Array(n * 16 * 2);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += step(rng, s, move).info.acceptanceRate;
      draws.set(s.positions, i * 32);
    }
    expect(acc / n).toBeGreaterThan(0.2);
    // Walker 0's chain (walkers are exchangeable; one chain keeps the MCSE honest).
    const w0 = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) w0.set(draws.subarray(i * 32, i * 32 + 2), i * 2);
    expect(checkMoments(w0, 2, 0, 0, 1)).toBeNull();
    expect(checkMoments(w0, 2, 1, 0, 1)).toBeNull();
    expect(() => ensembleInit(ld, [[0, 0]])).toThrow(/at least 4 walkers/);
  });
});

describe("elliptical slice", () => {
  it("samples a Gaussian posterior exactly", () => {
    // Prior N(0, 1) per coordinate; likelihood N(y = 1 | x, 1): posterior N(0.5, 0.5).
    const like = fromFunction(2, (x, g) => {
      g[0] = 1 - x[0];
      g[1] = 1 - x[1];
      return -0.5 * ((x[0] - 1) ** 2 + (x[1] - 1) ** 2);
    });
    for (const cov of [Float64Array.of(1, 1), Float64Array.of(1, 0, 0, 1)]) {
      const algo = ellipticalSlice(like, { cov });
      const rng = rngFromKey(random.key(6));
      let s = algo.init([0, 0]);
      const d = collect(2, 20_000, () => (s = algo.step(rng, s).state));
      expect(checkMoments(d, 2, 0, 0.5, Math.sqrt(0.5))).toBeNull();
      expect(checkMoments(d, 2, 1, 0.5, Math.sqrt(0.5))).toBeNull();
    }
  });
});

describe("sample adaptive", () => {
  it.each([true, false])("samples a correlated 2-D Gaussian (dense %s)", (denseMass) => {
    const ld = gaussian(2, Float64Array.of(1, 0.5, 0.5, 2));
    const algo = sa(ld, { denseMass, adaptStateSize: 6 });
    const rng = rngFromKey(random.key(7));
    const s = algo.init(rng, [0.2, 0.1]);
    for (let i = 0; i < 3000; i++) algo.step(rng, s);
    let acc = 0;
    const d = collect(2, 30_000, () => {
      const r = algo.step(rng, s);
      acc += r.info.acceptanceRate;
      return r.state;
    });
    expect(acc / 30_000).toBeGreaterThan(0.2);
    expect(checkMoments(d, 2, 0, 0, 1)).toBeNull();
    expect(checkMoments(d, 2, 1, 0, Math.sqrt(2))).toBeNull();
  });
});
