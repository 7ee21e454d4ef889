import { availableParallelism } from "node:os";
import { Worker as NodeWorker } from "node:worker_threads";
import { describe, expect, test } from "vitest";
import { random } from "@orrery/core";
import { AIES, BarkerMH, type ChainWorker, MCMC, type ModelKernel, NUTS, SA } from "../src/index.js";
import { type WorkerRequest, chainWorkerHandler } from "../src/worker-protocol.js";
import { X, Y, Yerr, model } from "./regression.js";

/**
 * A browser-style worker (addEventListener, postMessage, MessageEvent) that runs the worker's
 * message handler in this thread, messages structured-cloned both ways: the Web Worker side of
 * the host, tested in Node. `tamper` may change a request before the handler sees it.
 */
function inThreadWorker(tamper: (m: WorkerRequest) => WorkerRequest = (m) => m): ChainWorker {
  const listeners = new Map<string, ((e: Event) => void)[]>();
  let terminated = false;
  const emit = (type: string, data: unknown) =>
    setTimeout(() => {
      if (!terminated) for (const f of listeners.get(type) ?? []) f(new MessageEvent(type, { data }));
    }, 0);
  const handle = chainWorkerHandler((reply, transfer) => emit("message", structuredClone(reply, { transfer })));
  return {
    postMessage: (m: unknown) => setTimeout(() => !terminated && handle(tamper(structuredClone(m) as WorkerRequest)), 0),
    terminate: () => (terminated = true),
    addEventListener: (type: string, f: (e: Event) => void) => listeners.set(type, [...(listeners.get(type) ?? []), f]),
  };
}

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

  test("more chains than cores: each worker runs several chains; same draws (SA); timings from every chain", async () => {
    const run = async (chainMethod: "sequential" | "parallel") => {
      const m = new MCMC(new SA(model), { numWarmup: 300, numSamples: 100, numChains: 5, chainMethod, progressBar: false });
      await m.run(random.key(5), X, Yerr, Y);
      return m;
    };
    const seq = await run("sequential");
    const par = await run("parallel");
    expect(par.getSamples().b.data).toEqual(seq.getSamples().b.data);
    expect(par.chainTimings).toHaveLength(5);
    expect(par.chainTimings.every((t) => t.samplingSeconds > 0)).toBe(true);
  }, 60_000);

  test("a browser-style worker (addEventListener, MessageEvent) gives the same draws; createWorker is called once per pool worker", async () => {
    let made = 0;
    const run = async (chainMethod: "sequential" | "parallel") => {
      const events: number[] = [];
      const m = new MCMC(new NUTS(model), {
        numWarmup: 100,
        numSamples: 100,
        numChains: 3,
        chainMethod,
        progressBar: false,
        createWorker: () => (made++, inThreadWorker()),
        onProgress: (e) => events.push(e.chain),
      });
      await m.run(random.key(8), X, Yerr, Y);
      return { draws: m.getSamples().m.data, events };
    };
    const seq = await run("sequential");
    expect(made).toBe(0);
    const par = await run("parallel");
    expect(par.draws).toEqual(seq.draws);
    expect(made).toBeGreaterThanOrEqual(1);
    expect(made).toBeLessThanOrEqual(3);
    expect(new Set(par.events)).toEqual(new Set([0, 1, 2]));
  }, 60_000);

  test("an abort during sampling keeps the draws made so far (equal to a sequential run's first draws); chains not started are left out", async () => {
    const ctrl = new AbortController();
    // The pool runs min(cores, 4) chains at once: abort once all of them are sampling (an abort
    // while a chain is still in warmup fails the run, as with the other chain methods).
    const running = Math.min(4, availableParallelism());
    const sampling = new Set<number>();
    const par = new MCMC(new NUTS(model), {
      numWarmup: 100,
      numSamples: 500_000,
      numChains: 4,
      chainMethod: "parallel",
      progressBar: false,
      signal: ctrl.signal,
      onProgress: (e) => {
        if (e.phase === "sample" && e.iteration >= 200) sampling.add(e.chain);
        if (sampling.size === running) ctrl.abort();
      },
    });
    await par.run(random.key(9), X, Yerr, Y);
    const kept = par.getSamples({ groupByChain: true }).m;
    const [chains, k] = kept.shape;
    expect(chains).toBe(running);
    expect(k).toBeGreaterThanOrEqual(1);
    expect(k).toBeLessThan(500_000);
    const seq = new MCMC(new NUTS(model), { numWarmup: 100, numSamples: k, numChains: 4, progressBar: false });
    await seq.run(random.key(9), X, Yerr, Y);
    const ref = seq.getSamples({ groupByChain: true }).m.data.subarray(0, chains * k);
    expect(kept.data).toEqual(ref);
  }, 60_000);

  test("an abort during warmup fails the run as a sequential one does", async () => {
    const ctrl = new AbortController();
    const m = new MCMC(new NUTS(model), {
      numWarmup: 1_000_000,
      numSamples: 10,
      numChains: 2,
      chainMethod: "parallel",
      progressBar: false,
      signal: ctrl.signal,
      onProgress: () => ctrl.abort(),
    });
    await expect(m.run(random.key(1), X, Yerr, Y)).rejects.toThrow(/^MCMC: aborted during warmup$/);
  }, 60_000);

  test("errors reach the caller: a failing chain, a worker that does not start, an uncaught error in a worker", async () => {
    const opts = { numWarmup: 20, numSamples: 20, numChains: 2, chainMethod: "parallel" as const, progressBar: false };
    const bad = new MCMC(new NUTS(model), {
      ...opts,
      createWorker: () => inThreadWorker((m) => (m.type === "run" ? { ...m, task: { ...m.task, kernel: { ...m.task.kernel, name: "Nope" } } } : m)),
    });
    await expect(bad.run(random.key(0), X, Yerr, Y)).rejects.toThrow(/^MCMC: chain \d failed in its worker: the Nope kernel cannot run in a worker$/);
    const missing = new MCMC(new NUTS(model), { ...opts, workerUrl: new URL("./no-such-worker.js", import.meta.url) });
    await expect(missing.run(random.key(0), X, Yerr, Y)).rejects.toThrow(/could not start: .*no-such-worker.*workerUrl/s);
    const code = 'const { parentPort } = require("node:worker_threads"); parentPort.postMessage({ type: "ready" }); setTimeout(() => { throw new Error("boom"); }, 10);';
    const crashing = new MCMC(new NUTS(model), { ...opts, createWorker: () => new NodeWorker(code, { eval: true }) });
    await expect(crashing.run(random.key(0), X, Yerr, Y)).rejects.toThrow(/^MCMC: chain \d failed: uncaught in its worker: boom$/);
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
