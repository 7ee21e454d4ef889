import { describe, expect, test } from "vitest";
import { type Array, np, random } from "@orrery/core";
import { essBulk, mcseMean, mcseSd, rhat } from "@orrery/diagnostics";
import { HalfNormal, Normal } from "@orrery/distributions";
import { plate, sample } from "@orrery/ppl";
import { HMC, MCMC, NUTS } from "../src/index.js";
import { X, Y, Yerr, analytic, model } from "./regression.js";

describe("MCMC with NUTS", () => {
  test("recovers the analytic posterior of a linear regression (within 4 MCSE), R-hat < 1.01", async () => {
    const mcmc = new MCMC(new NUTS(model), { numWarmup: 500, numSamples: 1000, numChains: 4, progressBar: false });
    await mcmc.run(random.key(1), X, Yerr, Y);
    const s = mcmc.getSamples({ groupByChain: true });
    expect(s.m.shape).toEqual([4, 1000]);
    const truth = analytic();
    (["m", "b"] as const).forEach((name, k) => {
      const draws = { data: s[name].data, shape: s[name].shape };
      const mean = (s[name].data as Float64Array).reduce((a, v) => a + v, 0) / s[name].size;
      const sd = Math.sqrt((s[name].data as Float64Array).reduce((a, v) => a + (v - mean) ** 2, 0) / (s[name].size - 1));
      expect(Math.abs(mean - truth.mean[k])).toBeLessThan(4 * mcseMean(draws));
      expect(Math.abs(sd - truth.sd[k])).toBeLessThan(4 * mcseSd(draws));
      expect(rhat(draws)).toBeLessThan(1.01);
      expect(essBulk(draws)).toBeGreaterThan(400);
    });
    // Deterministic sites come along.
    expect(Math.abs((s.m_plus_b.data as Float64Array)[7] - ((s.m.data as Float64Array)[7] + (s.b.data as Float64Array)[7]))).toBeLessThan(1e-12);
    const extra = mcmc.getExtraFields();
    expect(extra.diverging.shape).toEqual([4000]);
    expect(mcmc.numDivergences).toBe(0);
    const text = mcmc.summaryText();
    expect(text).toMatch(/m\s/);
    expect(text).toContain("n_eff");
    expect(text).toContain("Number of divergences: 0");
  });

  test("same key, same draws; constrained sites stay in their support", async () => {
    const pos = (x: Array) => {
      const s = sample("sigma", new HalfNormal(1));
      plate("d", x.shape[0], () => sample("obs", new Normal(0, s), { obs: x }));
    };
    const data = np.array([0.3, -0.2, 0.5, 0.1]);
    const run = async () => {
      const m = new MCMC(new NUTS(pos), { numWarmup: 200, numSamples: 200, progressBar: false });
      await m.run(random.key(3), data);
      return m.getSamples().sigma.data as Float64Array;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.every((v) => v > 0)).toBe(true);
  });

  test("warmup then run resumes from the adapted state; abort keeps the draws so far", async () => {
    const mcmc = new MCMC(new NUTS(model), { numWarmup: 300, numSamples: 300, progressBar: false });
    await mcmc.warmup(random.key(5), X, Yerr, Y);
    await mcmc.run(random.key(6), X, Yerr, Y);
    expect(mcmc.postWarmupState[0].stepSize).toBeGreaterThan(0);
    const controller = new AbortController();
    let seen = 0;
    const aborted = new MCMC(new NUTS(model), {
      numWarmup: 100,
      numSamples: 5000,
      progressBar: false,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === "sample" && ++seen === 50) controller.abort();
      },
    });
    await aborted.run(random.key(7), X, Yerr, Y);
    const m = aborted.getSamples().m;
    expect(m.shape[0]).toBe(50);
  });

  test("HMC also samples the regression; bad options are clear errors", async () => {
    const mcmc = new MCMC(new HMC(model, { numSteps: 15 }), { numWarmup: 300, numSamples: 500, progressBar: false });
    await mcmc.run(random.key(2), X, Yerr, Y);
    const m = mcmc.getSamples().m.data as Float64Array;
    const mean = m.reduce((a, v) => a + v, 0) / m.length;
    expect(Math.abs(mean - analytic().mean[0])).toBeLessThan(0.1);
    expect(() => new MCMC(new NUTS(model), { numWarmup: -1, numSamples: 10 })).toThrow(/numWarmup/);
    expect(() => new NUTS(model, { targetAcceptProb: 1.5 })).toThrow(/targetAcceptProb/);
    expect(() => new MCMC(new NUTS(model), { numWarmup: 1, numSamples: 1, chainMethod: "vectorized" })).not.toThrow();
  });

  test("adaptStepSize / adaptMassMatrix switch each part of the warmup off (as NumPyro's flags); warmup iterations still run", async () => {
    const opts = { numWarmup: 300, numSamples: 50, progressBar: false };
    const massOff = new MCMC(new NUTS(model, { adaptMassMatrix: false }), opts);
    await massOff.run(random.key(1), X, Yerr, Y);
    expect(globalThis.Array.from(massOff.postWarmupState[0].inverseMassMatrix)).toEqual([1, 1]);
    expect(massOff.postWarmupState[0].stepSize).not.toBe(1);
    const stepOff = new MCMC(new NUTS(model, { adaptStepSize: false, stepSize: 0.05 }), opts);
    await stepOff.run(random.key(1), X, Yerr, Y);
    expect(stepOff.postWarmupState[0].stepSize).toBe(0.05);
    expect(globalThis.Array.from(stepOff.postWarmupState[0].inverseMassMatrix)).not.toEqual([1, 1]);
    const events: string[] = [];
    const none = new MCMC(new NUTS(model, { adaptStepSize: false, adaptMassMatrix: false, stepSize: 0.05 }), { ...opts, onProgress: (e) => events.push(e.phase) });
    await none.run(random.key(1), X, Yerr, Y);
    expect(events.filter((p) => p === "warmup").length).toBe(300);
  });
});
