import { random } from "@orrery/core";
import { describe, expect, it } from "vitest";
import { buildHmcKernel, hmc, hmcInit, rngFromKey, sampleChain, windowAdaptation } from "../src/index.js";
import { checkMoments, stdNormal } from "./helpers.js";

describe("hmc", () => {
  it("samples a 10-D standard normal with fixed tunables", () => {
    const ld = stdNormal(10);
    const algo = hmc(ld, { stepSize: 0.3, inverseMassMatrix: new Float64Array(10).fill(1), numIntegrationSteps: 5 });
    const { draws } = sampleChain((rng, s, out) => algo.step(rng, s, out), random.key(0), algo.init(new Float64Array(10)), 5000);
    for (const j of [0, 9]) expect(checkMoments(draws, 10, j, 0, 1)).toBeNull();
  });

  it("adapts with the windowed schedule", () => {
    const ld = stdNormal(4);
    const warm = windowAdaptation(ld, { algorithm: "hmc", numIntegrationSteps: 8 }).run(random.key(2), [1, 1, 1, 1], 500);
    expect(warm.parameters.stepSize).toBeGreaterThan(0.2);
    expect(warm.parameters.stepSize).toBeLessThan(1.2);
    const kernel = buildHmcKernel(ld);
    const params = { ...warm.parameters, numIntegrationSteps: 8 };
    let acc = 0;
    const { draws } = sampleChain((rng, s, out) => kernel(rng, s, params, out), random.key(3), warm.state, 3000, { onInfo: (_, i) => (acc += i.acceptanceRate) });
    expect(acc / 3000).toBeGreaterThan(0.6);
    expect(checkMoments(draws, 4, 0, 0, 1)).toBeNull();
  });

  it("reports rejection and divergence", () => {
    const ld = stdNormal(2);
    const kernel = buildHmcKernel(ld);
    const rng = rngFromKey(random.key(1));
    const s = hmcInit(ld, [3, 3]);
    const r = kernel(rng, s, { stepSize: 100, inverseMassMatrix: Float64Array.of(1, 1), numIntegrationSteps: 3 });
    expect(r.info.isDivergent).toBe(true);
    expect(r.info.isAccepted).toBe(false);
    expect(Array.from(r.state.position)).toEqual([3, 3]);
    expect(r.state).not.toBe(s);
  });
});
