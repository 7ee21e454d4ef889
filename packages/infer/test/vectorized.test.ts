import { describe, expect, test } from "vitest";
import { np, random } from "@orrery/core";
import { AIES, BarkerMH, HMC, MCMC, type ModelKernel, NUTS, SA } from "../src/index.js";
import { batchedLogDensity } from "../src/device-density.js";
import { X, Y, Yerr, model } from "./regression.js";

function draws(m: MCMC) {
  const s = m.getSamples({ groupByChain: true });
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.from(v.data as Float64Array)]));
}

describe('chainMethod "vectorized"', () => {
  test.each([
    ["NUTS", () => new NUTS(model)],
    ["HMC", () => new HMC(model, { numSteps: 7 })],
  ])("%s: the same draws, extra fields and adapted tunables as a sequential run", async (_, make) => {
    const opts = { numWarmup: 150, numSamples: 120, numChains: 3, thinning: 2, progressBar: false };
    const seq = new MCMC(make(), opts);
    await seq.run(random.key(4), X, Yerr, Y);
    const vec = new MCMC(make(), { ...opts, chainMethod: "vectorized" });
    const events: string[] = [];
    const vecWithProgress = new MCMC(make(), { ...opts, chainMethod: "vectorized", onProgress: (e) => events.push(`${e.chain}:${e.phase}`) });
    await vec.run(random.key(4), X, Yerr, Y);
    await vecWithProgress.run(random.key(4), X, Yerr, Y);
    expect(draws(vec)).toEqual(draws(seq));
    expect(draws(vecWithProgress)).toEqual(draws(seq));
    const [fs, fv] = [seq.getExtraFields(), vec.getExtraFields()];
    for (const k of Object.keys(fs) as (keyof typeof fs)[]) expect(Array.from(fv[k].data as ArrayLike<number>), k).toEqual(Array.from(fs[k].data as ArrayLike<number>));
    expect(vec.postWarmupState.map((s) => s.stepSize)).toEqual(seq.postWarmupState.map((s) => s.stepSize));
    // Every chain reports both phases.
    for (const c of [0, 1, 2]) for (const p of ["warmup", "sample"]) expect(events).toContain(`${c}:${p}`);
  });

  test("warmup, then run, resumes from the adapted states as a sequential run does", async () => {
    const opts = { numWarmup: 100, numSamples: 60, numChains: 2, progressBar: false };
    const seq = new MCMC(new NUTS(model), opts);
    await seq.warmup(random.key(1), X, Yerr, Y);
    await seq.run(random.key(2), X, Yerr, Y);
    const vec = new MCMC(new NUTS(model), { ...opts, chainMethod: "vectorized" });
    await vec.warmup(random.key(1), X, Yerr, Y);
    await vec.run(random.key(2), X, Yerr, Y);
    expect(draws(vec)).toEqual(draws(seq));
  });

  test.each([
    ["NUTS", () => new NUTS(model) as ModelKernel, 100_000],
    ["SA", () => new SA(model) as ModelKernel, 1_000_000],
  ])("%s: an abort during sampling keeps the draws made so far", async (_, make, numSamples) => {
    const ctrl = new AbortController();
    let seen = 0;
    const m = new MCMC(make(), {
      numWarmup: 50,
      numSamples,
      numChains: 2,
      chainMethod: "vectorized",
      progressBar: false,
      signal: ctrl.signal,
      onProgress: (e) => {
        if (e.phase === "sample" && ++seen === 400) ctrl.abort();
      },
    });
    await m.run(random.key(3), X, Yerr, Y);
    const n = m.getSamples({ groupByChain: true }).m.shape[1];
    expect(n).toBeGreaterThan(100);
    expect(n).toBeLessThan(numSamples);
  });

  test.each([
    ["SA", () => new SA(model) as ModelKernel, 400],
    ["SA, diagonal, adaptStateSize 7", () => new SA(model, { denseMass: false, adaptStateSize: 7 }) as ModelKernel, 300],
    ["BarkerMH", () => new BarkerMH(model) as ModelKernel, 200],
    ["BarkerMH, fixed step size", () => new BarkerMH(model, { adaptStepSize: false, stepSize: 0.3 }) as ModelKernel, 0],
  ])("%s (chains in lockstep, one batched evaluation per round): the same draws, extra fields and states as a sequential run", async (_, make, numWarmup) => {
    const opts = { numWarmup, numSamples: 150, numChains: 3, thinning: 2, progressBar: false };
    const seq = new MCMC(make(), opts);
    await seq.run(random.key(6), X, Yerr, Y);
    const events: string[] = [];
    const vec = new MCMC(make(), { ...opts, chainMethod: "vectorized", onProgress: (e) => events.push(`${e.chain}:${e.phase}`) });
    await vec.run(random.key(6), X, Yerr, Y);
    expect(draws(vec)).toEqual(draws(seq));
    const [fs, fv] = [seq.getExtraFields(), vec.getExtraFields()];
    for (const k of Object.keys(fs)) expect(Array.from(fv[k].data as ArrayLike<number>), k).toEqual(Array.from(fs[k].data as ArrayLike<number>));
    expect(vec.postWarmupState).toEqual(seq.postWarmupState);
    expect(vec.lastState).toEqual(seq.lastState);
    for (const c of [0, 1, 2]) expect(events).toContain(`${c}:sample`);
    if (numWarmup > 0) for (const c of [0, 1, 2]) expect(events).toContain(`${c}:warmup`);
  });

  test.each([
    ["SA", () => new SA(model) as ModelKernel],
    ["BarkerMH", () => new BarkerMH(model) as ModelKernel],
  ])("%s: warmup, then run, resumes from the adapted states as a sequential run does", async (_, make) => {
    const opts = { numWarmup: 120, numSamples: 80, numChains: 2, progressBar: false };
    const run = async (chainMethod: "sequential" | "vectorized") => {
      const m = new MCMC(make(), { ...opts, chainMethod });
      await m.warmup(random.key(1), X, Yerr, Y);
      await m.run(random.key(2), X, Yerr, Y);
      return draws(m);
    };
    expect(await run("vectorized")).toEqual(await run("sequential"));
  });

  test("the ensembles are refused by name (their walkers already move together)", () => {
    expect(() => new MCMC(new AIES(model), { numWarmup: 10, numSamples: 10, numChains: 4, chainMethod: "vectorized" })).toThrow(/vectorized.*AIES cannot.*already move together/);
  });

  test("the batched density is the single density row by row, bit for bit", () => {
    const logp = (x: ReturnType<typeof np.zeros>) => np.sum(np.sin(x).mul(x)).sub(np.log1p(x.square().sum()));
    const b = batchedLogDensity(logp, 4, 3);
    const pos = Float64Array.from({ length: 12 }, (_, i) => Math.cos(i) * 2);
    const grads = new Float64Array(12), values = new Float64Array(3);
    b.valueAndGrad(pos, grads, values);
    const single = batchedLogDensity(logp, 4, 1);
    for (let r = 0; r < 3; r++) {
      const g = new Float64Array(4), v = new Float64Array(1);
      single.valueAndGrad(pos.slice(r * 4, r * 4 + 4), g, v);
      expect(values[r]).toBe(v[0]);
      expect(Array.from(grads.subarray(r * 4, r * 4 + 4))).toEqual(Array.from(g));
    }
  });
});
