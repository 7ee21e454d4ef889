import { random } from "@orrery/core";
import { describe, expect, it } from "vitest";
import { buildNutsKernel, fromFunction, nuts, nutsInit, rngFromKey, sampleChain, windowAdaptation, type NUTSInfo } from "../src/index.js";
import { checkMoments, stdNormal } from "./helpers.js";

function run(dim: number, seed: number, numWarmup: number, numSamples: number) {
  const ld = stdNormal(dim);
  const warm = windowAdaptation(ld).run(random.key(seed), new Float64Array(dim).fill(0.5), numWarmup);
  const kernel = buildNutsKernel(ld);
  const infos: NUTSInfo[] = [];
  const chain = sampleChain((rng, s, out) => kernel(rng, s, warm.parameters, out), random.key(seed + 1000), warm.state, numSamples, {
    onInfo: (_, info) => infos.push(info),
  });
  return { warm, chain, infos };
}

describe("nuts", () => {
  it.each([1, 5, 100])("samples a %i-D standard normal", (dim) => {
    const { chain } = run(dim, 7, 500, 2000);
    for (const j of [0, dim - 1]) expect(checkMoments(chain.draws, dim, j, 0, 1)).toBeNull();
  });

  it("matches Stan's behaviour on a 1-D standard normal after adaptation", () => {
    let stepSize = 0, depth = 0, expansions = 0, leapfrog = 0, n = 0;
    for (const seed of [1, 2, 3]) {
      const { warm, infos } = run(1, seed, 1000, 2000);
      stepSize += warm.parameters.stepSize * Math.sqrt(warm.parameters.inverseMassMatrix[0]);
      for (const i of infos) {
        depth += i.treeDepth;
        expansions += i.numTrajectoryExpansions;
        leapfrog += i.numIntegrationSteps;
        n++;
      }
    }
    stepSize /= 3;
    // Step size (in units of the posterior sd) and trajectory sizes as CmdStan reports them.
    expect(stepSize).toBeGreaterThan(0.85);
    expect(stepSize).toBeLessThan(1.3);
    expect(expansions / n).toBeGreaterThan(1.5);
    expect(expansions / n).toBeLessThan(2);
    expect(depth / n).toBeGreaterThan(1.2);
    expect(depth / n).toBeLessThan(1.8);
    expect(leapfrog / n).toBeGreaterThan(2);
    expect(leapfrog / n).toBeLessThan(3.5);
  });

  it("is reproducible from a key", () => {
    const a = run(3, 11, 200, 100).chain.draws;
    const b = run(3, 11, 200, 100).chain.draws;
    const c = run(3, 12, 200, 100).chain.draws;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("flags divergences and respects the maximum tree depth", () => {
    const ld = stdNormal(2);
    const rng = rngFromKey(random.key(0));
    const big = nuts(ld, { stepSize: 50, inverseMassMatrix: Float64Array.of(1, 1) });
    let s = big.init([0.1, 0.2]);
    let div = 0;
    for (let i = 0; i < 50; i++) {
      const r = big.step(rng, s);
      s = r.state;
      if (r.info.isDivergent) div++;
      expect(r.info.numIntegrationSteps).toBeGreaterThanOrEqual(1);
    }
    expect(div).toBeGreaterThan(40);
    const tiny = nuts(ld, { stepSize: 1e-4, inverseMassMatrix: Float64Array.of(1, 1), maxTreeDepth: 4 });
    const r = tiny.step(rng, tiny.init([0.1, 0.2]));
    expect(r.info.treeDepth).toBe(4);
    expect(r.info.reachedMaxTreeDepth).toBe(true);
    expect(r.info.numIntegrationSteps).toBe(15);
    expect(r.info.isDivergent).toBe(false);
  });

  it("writes into `out` and never moves outside the support", () => {
    const ld = fromFunction(1, (x, g) => {
      g[0] = -1;
      return x[0] < 0 ? -Infinity : -x[0];
    });
    const kernel = buildNutsKernel(ld);
    const rng = rngFromKey(random.key(5));
    let s = nutsInit(ld, [1]);
    const out = nutsInit(ld, [1]);
    const r = kernel(rng, s, { stepSize: 0.5, inverseMassMatrix: Float64Array.of(1) }, out);
    expect(r.state).toBe(out);
    for (let i = 0; i < 500; i++) {
      s = kernel(rng, s, { stepSize: 0.5, inverseMassMatrix: Float64Array.of(1) }).state;
      expect(s.position[0]).toBeGreaterThanOrEqual(0);
    }
  });

  it("rejects an initial point outside the support", () => {
    const ld = fromFunction(1, (x, g) => {
      g[0] = 0;
      return x[0] < 0 ? -Infinity : 0;
    });
    expect(() => nutsInit(ld, [-1])).toThrow(/support/);
    expect(() => nutsInit(ld, [1, 2])).toThrow(/dimension 1/);
  });
});
