import { describe, expect, test } from "vitest";
import { type Array, np, random } from "@orrery/core";
import { HalfNormal, Normal } from "@orrery/distributions";
import { plate, sample } from "@orrery/ppl";
import { AIES, BarkerMH, ESS, MCMC, type ModelKernel, SA } from "../src/index.js";
import { expectPosterior } from "./check.js";
import { X, Y, Yerr, model } from "./regression.js";

const quiet = { progressBar: false } as const;

describe("the other model kernels recover the regression's analytic posterior (mean and sd within 4 MCSE)", () => {
  test("SA (its proposal adapts itself: a long warmup)", async () => {
    const mcmc = new MCMC(new SA(model), { numWarmup: 20000, numSamples: 10000, numChains: 4, ...quiet });
    await mcmc.run(random.key(11), X, Yerr, Y);
    expectPosterior(mcmc.getSamples({ groupByChain: true }), 1.02, 400);
    const { acceptProb, diverging } = mcmc.getExtraFields();
    expect(acceptProb.shape).toEqual([40000]);
    expect(diverging.dtype).toBe("bool");
    expect(mcmc.summaryText()).toContain("Number of divergences");
  });

  test("BarkerMH (dual averaging towards 0.4, diagonal mass matrix)", async () => {
    const mcmc = new MCMC(new BarkerMH(model), { numWarmup: 1000, numSamples: 3000, numChains: 4, ...quiet });
    await mcmc.run(random.key(11), X, Yerr, Y);
    expectPosterior(mcmc.getSamples({ groupByChain: true }), 1.02, 300);
    const s = mcmc.postWarmupState[0];
    expect(s.stepSize).toBeGreaterThan(0);
    // The adapted inverse mass matrix is about the posterior variances (0.062², 0.038²).
    expect(s.inverseMassMatrix[0]).toBeGreaterThan(0.001);
    expect(s.inverseMassMatrix[0]).toBeLessThan(0.02);
    const acc = mcmc.getExtraFields().acceptProb.data as Float64Array;
    const mean = acc.reduce((a, v) => a + v, 0) / acc.length;
    expect(mean).toBeGreaterThan(0.15);
    expect(mean).toBeLessThan(0.7);
    expect(mcmc.summaryText()).not.toContain("divergences");
  });

  test("AIES with the default DE move and with a DE/stretch mixture: chains are walkers", async () => {
    for (const kernel of [new AIES(model), new AIES(model, { moves: [[AIES.DEMove(), 0.5], [AIES.StretchMove(), 0.5]] })]) {
      const mcmc = new MCMC(kernel, { numWarmup: 500, numSamples: 1500, numChains: 8, ...quiet });
      await mcmc.run(random.key(11), X, Yerr, Y);
      const s = mcmc.getSamples({ groupByChain: true });
      expect(s.m.shape).toEqual([8, 1500]);
      expectPosterior(s, 1.05, 300);
      const acc = mcmc.getExtraFields({ groupByChain: true }).acceptProb;
      expect(acc.shape).toEqual([8, 1500]);
      expect(mcmc.postWarmupState).toHaveLength(1);
      expect(mcmc.postWarmupState[0].numWalkers).toBe(8);
    }
  });

  test("ESS (ensemble slice sampling) with the differential and the Gaussian move", async () => {
    for (const moves of [ESS.DifferentialMove(), ESS.GaussianMove()]) {
      const mcmc = new MCMC(new ESS(model, { moves }), { numWarmup: 300, numSamples: 1000, numChains: 8, ...quiet });
      await mcmc.run(random.key(11), X, Yerr, Y);
      expectPosterior(mcmc.getSamples({ groupByChain: true }), 1.05, 1000);
      const { mu, numExpansions, numContractions } = mcmc.getExtraFields();
      const m = mu.data as Float64Array;
      // μ is tuned in warmup only, then fixed.
      expect(m.every((v) => v === m[0])).toBe(true);
      expect(mcmc.postWarmupState[0].mu).toBe(m[0]);
      expect(numExpansions.dtype).toBe("int32");
      expect((numContractions.data as Int32Array).some((v) => v > 0)).toBe(true);
    }
  });
});

describe("reproducibility, resuming and constrained sites", () => {
  const pos = (x: Array) => {
    const s = sample("sigma", new HalfNormal(1));
    plate("d", x.shape[0], () => sample("obs", new Normal(0, s), { obs: x }));
  };
  const data = np.array([0.3, -0.2, 0.5, 0.1]);
  const kernels: [string, () => ModelKernel, number][] = [
    ["SA", () => new SA(pos), 1],
    ["BarkerMH", () => new BarkerMH(pos), 1],
    ["AIES", () => new AIES(pos), 4],
    ["ESS", () => new ESS(pos), 4],
  ];
  test.each(kernels)("%s: same key, same draws; another key, other draws; draws in the support", async (_name, make, numChains) => {
    const run = async (k: number) => {
      const m = new MCMC(make(), { numWarmup: 100, numSamples: 100, numChains, ...quiet });
      await m.run(random.key(k), data);
      return m.getSamples().sigma.data as Float64Array;
    };
    const a = await run(3);
    expect(a).toEqual(await run(3));
    expect(a).not.toEqual(await run(4));
    expect(a.every((v) => v > 0)).toBe(true);
  });

  test("warmup then run resumes an ensemble from its post-warmup state; abort keeps the draws so far", async () => {
    const mcmc = new MCMC(new ESS(model), { numWarmup: 200, numSamples: 200, numChains: 6, ...quiet });
    await mcmc.warmup(random.key(5), X, Yerr, Y);
    await mcmc.run(random.key(6), X, Yerr, Y);
    const first = mcmc.getSamples().m.data as Float64Array;
    await mcmc.run(random.key(6), X, Yerr, Y);
    expect(mcmc.getSamples().m.data).toEqual(first); // each run starts from the same post-warmup state
    expect(mcmc.getSamples({ groupByChain: true }).m.shape).toEqual([6, 200]);
    const controller = new AbortController();
    const aborted = new MCMC(new AIES(model), {
      numWarmup: 50,
      numSamples: 5000,
      numChains: 4,
      ...quiet,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === "sample" && e.iteration === 30) controller.abort();
      },
    });
    await aborted.run(random.key(7), X, Yerr, Y);
    expect(aborted.getSamples({ groupByChain: true }).m.shape).toEqual([4, 30]);
  });
});

describe("bad options are clear errors", () => {
  test("ensembles need an even number (≥ 4) of walkers: numChains", () => {
    expect(() => new MCMC(new AIES(model), { numWarmup: 10, numSamples: 10 })).toThrow(/walkers.*numChains 1/);
    expect(() => new MCMC(new ESS(model), { numWarmup: 10, numSamples: 10, numChains: 7 })).toThrow(/even/);
  });
  test("moves and their options", () => {
    expect(() => AIES.StretchMove({ a: 1 })).toThrow(/a must be > 1/);
    expect(() => AIES.DEMove({ sigma: -1 })).toThrow(/sigma/);
    expect(() => new AIES(model, { moves: [[AIES.DEMove(), -1]] })).toThrow(/probability/);
    expect(() => new AIES(model, { moves: [] })).toThrow(/empty/);
    expect(() => new AIES(model, { moves: ESS.RandomMove() as never })).toThrow(/AIES\.de/);
    expect(() => new ESS(model, { maxIter: 0 })).toThrow(/maxIter/);
    expect(() => new ESS(model, { initMu: -1 })).toThrow(/initMu/);
  });
  test("kernel options", () => {
    expect(() => new SA(model, { adaptStateSize: 1 })).toThrow(/adaptStateSize/);
    expect(() => new BarkerMH(model, { targetAcceptProb: 1.5 })).toThrow(/targetAcceptProb/);
    expect(() => new BarkerMH(model, { denseMass: true })).toThrow(/denseMass/);
    expect(() => new BarkerMH(model, { stepSize: 0 })).toThrow(/stepSize/);
    expect(() => new MCMC(new SA(model), { numWarmup: 1, numSamples: 1, thinning: 0 })).toThrow(/thinning/);
  });
  test("ESS gives up with an error naming maxIter", async () => {
    const mcmc = new MCMC(new ESS(model, { maxIter: 1 }), { numWarmup: 20, numSamples: 10, numChains: 4, ...quiet });
    await expect(mcmc.run(random.key(0), X, Yerr, Y)).rejects.toThrow(/maxIter = 1/);
  });
});
