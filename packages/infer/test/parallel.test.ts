import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { AIES, BarkerMH, MCMC, type ModelKernel, NUTS } from "../src/index.js";
import { X, Y, Yerr, model } from "./regression.js";

describe('chainMethod "parallel"', () => {
  test("worker threads give exactly the sequential draws and extra fields (NUTS, BarkerMH)", async () => {
    const makers: (() => ModelKernel<unknown, string>)[] = [() => new NUTS(model) as ModelKernel<unknown, string>, () => new BarkerMH(model) as ModelKernel<unknown, string>];
    for (const make of makers) {
      const run = async (chainMethod: "sequential" | "parallel") => {
        const m = new MCMC(make(), { numWarmup: 200, numSamples: 200, numChains: 2, chainMethod, progressBar: false });
        await m.run(random.key(11), X, Yerr, Y);
        return m;
      };
      const seq = await run("sequential");
      const par = await run("parallel");
      expect(par.getSamples().m.data).toEqual(seq.getSamples().m.data);
      expect(par.getSamples({ groupByChain: true }).b.shape).toEqual([2, 200]);
      expect(par.getExtraFields().acceptProb.data).toEqual(seq.getExtraFields().acceptProb.data);
    }
  }, 60_000);

  test("warmup then run in parallel resumes like sequential; progress events arrive", async () => {
    const events: string[] = [];
    const run = async (chainMethod: "sequential" | "parallel") => {
      const m = new MCMC(new NUTS(model), {
        numWarmup: 150,
        numSamples: 100,
        numChains: 2,
        chainMethod,
        progressBar: false,
        onProgress: (e) => events.push(`${chainMethod}:${e.chain}:${e.phase}`),
      });
      await m.warmup(random.key(3), X, Yerr, Y);
      await m.run(random.key(4), X, Yerr, Y);
      return m.getSamples().b.data;
    };
    expect(await run("parallel")).toEqual(await run("sequential"));
    expect(events.some((e) => e.startsWith("parallel:1:sample"))).toBe(true);
  }, 60_000);

  test("ensemble kernels are refused with a clear error", () => {
    expect(() => new MCMC(new AIES(model), { numWarmup: 10, numSamples: 10, numChains: 4, chainMethod: "parallel" })).toThrow(/sequential/);
  });
});

test("chain timings are reported for warmup and sampling", async () => {
  const m = new MCMC(new NUTS(model), { numWarmup: 50, numSamples: 50, numChains: 2, progressBar: false });
  await m.run(random.key(1), X, Yerr, Y);
  expect(m.chainTimings).toHaveLength(2);
  expect(m.chainTimings[0].warmupSeconds).toBeGreaterThan(0);
  expect(m.chainTimings[1].samplingSeconds).toBeGreaterThan(0);
});
