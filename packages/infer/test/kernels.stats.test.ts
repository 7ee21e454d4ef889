/**
 * Long runs of the model kernels on the regression with an analytic posterior: several keys and
 * every move, each within 4 MCSE of the truth. Run with `pnpm test:stats`.
 */
import { describe, test } from "vitest";
import { random } from "@orrery/core";
import { AIES, BarkerMH, ESS, MCMC, type ModelKernel, SA } from "../src/index.js";
import { expectPosterior } from "./check.js";
import { X, Y, Yerr, model } from "./regression.js";

const cases: [string, () => ModelKernel, { numWarmup: number; numSamples: number; numChains: number }, number][] = [
  ["SA (dense, default set of 2·dim points: it can creep a long way from a far start)", () => new SA(model), { numWarmup: 60000, numSamples: 30000, numChains: 4 }, 1.01],
  ["SA (diagonal, adaptStateSize 8)", () => new SA(model, { denseMass: false, adaptStateSize: 8 }), { numWarmup: 30000, numSamples: 30000, numChains: 4 }, 1.01],
  ["BarkerMH", () => new BarkerMH(model), { numWarmup: 2000, numSamples: 20000, numChains: 4 }, 1.01],
  ["BarkerMH (fixed step size, no mass matrix)", () => new BarkerMH(model, { stepSize: 0.02, adaptStepSize: false, adaptMassMatrix: false }), { numWarmup: 2000, numSamples: 20000, numChains: 4 }, 1.01],
  ["AIES (DE)", () => new AIES(model), { numWarmup: 1000, numSamples: 5000, numChains: 16 }, 1.05],
  ["AIES (stretch)", () => new AIES(model, { moves: AIES.StretchMove() }), { numWarmup: 1000, numSamples: 5000, numChains: 16 }, 1.05],
  ["AIES (randomized split, mixture)", () => new AIES(model, { randomizeSplit: true, moves: [[AIES.DEMove(), 1], [AIES.StretchMove(), 3]] }), { numWarmup: 1000, numSamples: 5000, numChains: 16 }, 1.05],
  ["ESS (differential)", () => new ESS(model), { numWarmup: 500, numSamples: 3000, numChains: 16 }, 1.05],
  ["ESS (Gaussian)", () => new ESS(model, { moves: ESS.GaussianMove() }), { numWarmup: 500, numSamples: 3000, numChains: 16 }, 1.05],
  ["ESS (random directions, no μ tuning)", () => new ESS(model, { moves: ESS.RandomMove(), tuneMu: false, initMu: 0.05 }), { numWarmup: 500, numSamples: 3000, numChains: 16 }, 1.05],
];

describe("model kernels: long runs against the analytic posterior", () => {
  for (const [name, make, sizes, maxRhat] of cases) {
    for (const seed of [1, 2, 3]) {
      test(`${name}, key ${seed}`, async () => {
        const mcmc = new MCMC(make(), { ...sizes, progressBar: false });
        await mcmc.run(random.key(seed), X, Yerr, Y);
        expectPosterior(mcmc.getSamples({ groupByChain: true }), maxRhat, 1000);
      });
    }
  }
});
