/**
 * Sampling with the potential and its gradient on a tfjs device (`tfjs-cpu`, `wasm`; both run
 * in Node), in float32, against the same run on cpu (float64) and the analytic posterior; the
 * device log densities, the batched form, the errors, and tfjs tensors across a run.
 */
import { describe, expect, test } from "vitest";
import "@orrery/backend-tfjs-cpu";
import { ready } from "@orrery/backend-wasm";
import { type Array, ConcreteArray, TfjsArray, devicePut, np, random } from "@orrery/core";
import { mcseMean, mcseSd } from "@orrery/diagnostics";
import { fromOrrery } from "@orrery/mcmc";
import { Normal } from "@orrery/distributions";
import { factor, plate, potentialFromModel, sample } from "@orrery/ppl";
import { AIES, BarkerMH, type ChainState, HMC, type HMCField, MCMC, NUTS, SA, batchedLogDensity, deviceLogDensity, devicePotential, modelLogDensity } from "../src/index.js";
import { X, Y, Yerr, analytic, model } from "./regression.js";

await ready();

const tf = (devicePut(np.zeros([1], "float32"), "tfjs-cpu") as TfjsArray).tfjsDevice.tf;
const numTensors = () => tf.memory().numTensors;

interface Fit {
  mean: number[];
  sd: number[];
  mcse: number[];
  mcseSd: number[];
}

async function fit(device: string | undefined, onEvent?: () => void): Promise<Fit & { mcmc: MCMC<ChainState, HMCField> }> {
  const mcmc = new MCMC(new NUTS(model), { numWarmup: 300, numSamples: 800, numChains: 2, progressBar: false, device, onProgress: onEvent });
  await mcmc.run(random.key(3), X, Yerr, Y);
  const s = mcmc.getSamples({ groupByChain: true });
  const out: Fit = { mean: [], sd: [], mcse: [], mcseSd: [] };
  for (const name of ["m", "b"]) {
    const d = s[name].data as Float64Array;
    const mean = d.reduce((a, v) => a + v, 0) / d.length;
    out.mean.push(mean);
    out.sd.push(Math.sqrt(d.reduce((a, v) => a + (v - mean) ** 2, 0) / (d.length - 1)));
    out.mcse.push(mcseMean({ data: d, shape: s[name].shape }));
    out.mcseSd.push(mcseSd({ data: d, shape: s[name].shape }));
  }
  return { ...out, mcmc };
}

describe("MCMC on a tfjs device", () => {
  let cpu: Fit;
  test("cpu reference", async () => {
    cpu = await fit(undefined);
  });

  for (const device of ["tfjs-cpu", "wasm"]) {
    test(`NUTS on ${device} (float32) recovers the regression posterior as cpu does; numTensors is stable`, async () => {
      const before = numTensors();
      const during: number[] = [];
      const r = await fit(device, () => during.push(numTensors()));
      const truth = analytic();
      for (let k = 0; k < 2; k++) {
        // Against the analytic posterior: within 4 MCSE (mean, sd).
        expect(Math.abs(r.mean[k] - truth.mean[k])).toBeLessThan(4 * r.mcse[k]);
        expect(Math.abs(r.sd[k] - truth.sd[k])).toBeLessThan(4 * r.mcseSd[k]);
        // Against the cpu run: the two estimates differ by less than 4 joint MCSE.
        expect(Math.abs(r.mean[k] - cpu.mean[k])).toBeLessThan(4 * Math.hypot(r.mcse[k], cpu.mcse[k]));
        expect(Math.abs(r.sd[k] / cpu.sd[k] - 1)).toBeLessThan(0.15);
      }
      expect(r.mcmc.numDivergences).toBe(0);
      const steps = r.mcmc.postWarmupState.map((s) => s.stepSize);
      for (const s of steps) expect(s).toBeGreaterThan(0.05);
      // While it runs: the model's data on the device, nothing per leapfrog step.
      expect(during.length).toBe(2 * 1100);
      expect(Math.max(...during)).toBe(Math.min(...during));
      expect(during[0] - before).toBeLessThanOrEqual(3);
      // After it: the data freed too.
      expect(numTensors()).toBe(before);
    });
  }

  test("warmup, then run, on a device: the second call uploads the data again and frees it", async () => {
    const before = numTensors();
    const m = new MCMC(new HMC(model, { numSteps: 5 }), { numWarmup: 100, numSamples: 50, progressBar: false, device: "wasm" });
    await m.warmup(random.key(0), X, Yerr, Y);
    expect(numTensors()).toBe(before);
    await m.run(random.key(1), X, Yerr, Y);
    expect(numTensors()).toBe(before);
    expect(m.getSamples().m.shape).toEqual([50]);
    expect(Number.isFinite(m.postWarmupState[0].stepSize)).toBe(true);
  });

  test('chainMethod "vectorized" on a device: one device call for all chains, the posterior recovered, nothing leaked', async () => {
    const before = numTensors();
    const m = new MCMC(new NUTS(model), { numWarmup: 300, numSamples: 600, numChains: 4, chainMethod: "vectorized", progressBar: false, device: "wasm" });
    await m.run(random.key(5), X, Yerr, Y);
    expect(numTensors()).toBe(before);
    const s = m.getSamples({ groupByChain: true });
    expect(s.m.shape).toEqual([4, 600]);
    const truth = analytic();
    for (const [k, name] of ["m", "b"].entries()) {
      const d = s[name].data as Float64Array;
      const mean = d.reduce((a, v) => a + v, 0) / d.length;
      expect(Math.abs(mean - truth.mean[k])).toBeLessThan(4 * mcseMean({ data: d, shape: s[name].shape }));
    }
    expect(m.numDivergences).toBe(0);
  });

  test("a constant the model makes itself is freed with the run (jit's device copy of it too)", async () => {
    function withGrid(x: Array, err: Array, y: Array) {
      const grid = np.linspace(1, 2, 20).astype("float32"); // non-scalar: a jit constant on the device
      const m = sample("m", new Normal(0, 10));
      const b = sample("b", new Normal(0, 10));
      factor("grid", np.sum(grid.mul(m)).mul(1e-3));
      plate("data", x.shape[0], () => sample("y", new Normal(m.mul(x).add(b), err), { obs: y }));
    }
    const before = numTensors();
    for (const method of ["sequential", "vectorized"] as const) {
      const m = new MCMC(new NUTS(withGrid), { numWarmup: 30, numSamples: 20, numChains: 2, chainMethod: method, progressBar: false, device: "tfjs-cpu" });
      await m.run(random.key(0), X, Yerr, Y);
      expect(numTensors()).toBe(before);
    }
  });

  test("BarkerMH (a gradient kernel) runs on a device, sequential and vectorized; nothing leaked", async () => {
    const before = numTensors();
    for (const chainMethod of ["sequential", "vectorized"] as const) {
      const m = new MCMC(new BarkerMH(model), { numWarmup: 200, numSamples: 200, numChains: 3, chainMethod, progressBar: false, device: "tfjs-cpu" });
      await m.run(random.key(0), X, Yerr, Y);
      expect(numTensors()).toBe(before);
      expect(m.getSamples({ groupByChain: true }).m.shape).toEqual([3, 200]);
      expect(Math.abs((np.mean(m.getSamples().m).item() as number) - analytic().mean[0])).toBeLessThan(0.5);
    }
  });
});

describe("device errors are clear", () => {
  test("an unknown device, and one whose backend package is not imported", () => {
    expect(() => new MCMC(new NUTS(model), { numWarmup: 1, numSamples: 1, device: "gpu" })).toThrow(/MCMC: unknown device "gpu"; the registered devices are cpu, .*tfjs-cpu/);
    expect(() => new MCMC(new NUTS(model), { numWarmup: 1, numSamples: 1, device: "webgl" })).toThrow(/unknown device "webgl".*Import "@orrery\/backend-webgl"/);
  });

  test("gradient-free kernels, and chain methods other than sequential", () => {
    expect(() => new MCMC(new SA(model), { numWarmup: 1, numSamples: 1, device: "wasm" })).toThrow(/device "wasm" .* SA is gradient-free/);
    expect(() => new MCMC(new AIES(model), { numWarmup: 1, numSamples: 1, numChains: 4, device: "tfjs-cpu" })).toThrow(/AIES is gradient-free/);
    expect(() => new MCMC(new NUTS(model), { numWarmup: 1, numSamples: 1, numChains: 2, chainMethod: "parallel", device: "wasm" })).toThrow(
      /device "wasm" runs chains in this thread: use chainMethod "sequential", or "vectorized"/,
    );
    // cpu is always fine.
    expect(() => new MCMC(new SA(model), { numWarmup: 1, numSamples: 1, device: "cpu" })).not.toThrow();
  });

  test("a log density that computes in float64 on a device names the fix", () => {
    const data = np.array([1, 2, 3]); // float64, closed over
    const ld = deviceLogDensity((x: Array) => np.sum(x.mul(data).square()).mul(-0.5), 3, "tfjs-cpu");
    expect(() => ld.valueAndGrad(new Float64Array(3), new Float64Array(3))).toThrow(/must compute in float32 on the tfjs-cpu device.*astype\("float32"\)/);
    ld.dispose();
    expect(() => ld.valueAndGrad(new Float64Array(3), new Float64Array(3))).toThrow(/after dispose/);
  });
});

describe("device log densities", () => {
  const pot = potentialFromModel(model, [X, Yerr, Y]);
  const cpu = fromOrrery(pot.logp, pot.dim);
  const points = [Float64Array.of(0.5, -0.2), Float64Array.of(2, -0.5), Float64Array.of(-1.3, 3.1)];

  for (const device of ["cpu", "tfjs-cpu", "wasm"]) {
    test(`${device}: the model's value and gradient match cpu's float64 (float32 tolerance)`, () => {
      const before = numTensors();
      const ld = modelLogDensity(model, [X, Yerr, Y], pot, device);
      const g = new Float64Array(2);
      const gRef = new Float64Array(2);
      for (const p of points) {
        const v = ld.valueAndGrad(p, g);
        const vRef = cpu.valueAndGrad(p, gRef);
        const tol = device === "cpu" ? 1e-12 : 1e-5;
        expect(Math.abs(v - vRef)).toBeLessThan(tol * Math.abs(vRef) + tol);
        for (let i = 0; i < 2; i++) expect(Math.abs(g[i] - gRef[i])).toBeLessThan(tol * Math.abs(gRef[i]) + tol);
        expect(ld.value!(p)).toBe(v);
      }
      ld.dispose();
      expect(numTensors()).toBe(before);
    });

    test(`${device}: the batched form gives every position's value and gradient in one call`, () => {
      const before = numTensors();
      const dp = devicePotential(model, [X, Yerr, Y], pot, device);
      const n = points.length;
      const bld = batchedLogDensity(dp.logp, pot.dim, n, device);
      expect([bld.dim, bld.batch, bld.device]).toEqual([2, 3, device]);
      const positions = new Float64Array(n * 2);
      points.forEach((p, c) => positions.set(p, 2 * c));
      const values = new Float64Array(n);
      const grads = new Float64Array(2 * n);
      for (let rep = 0; rep < 3; rep++) bld.valueAndGrad(positions, grads, values);
      const gRef = new Float64Array(2);
      const tol = device === "cpu" ? 1e-12 : 1e-5;
      points.forEach((p, c) => {
        const vRef = cpu.valueAndGrad(p, gRef);
        expect(Math.abs(values[c] - vRef)).toBeLessThan(tol * Math.abs(vRef) + tol);
        for (let i = 0; i < 2; i++) expect(Math.abs(grads[2 * c + i] - gRef[i])).toBeLessThan(tol * Math.abs(gRef[i]) + tol);
      });
      expect(() => bld.valueAndGrad(positions.subarray(2), grads, values)).toThrow(/expected positions and gradsOut of length 3·2 = 6/);
      bld.dispose();
      dp.dispose();
      expect(numTensors()).toBe(before);
    });
  }

  test("a hand-written float32 log density on wasm, and its batched form", () => {
    const w = devicePut(np.array([1, 2, 0.5], "float32"), "wasm");
    const logp = (x: Array) => np.sum(x.square().mul(w)).mul(-0.5);
    const ld = deviceLogDensity(logp, 3, "wasm");
    const g = new Float64Array(3);
    expect(ld.valueAndGrad(Float64Array.of(1, 1, 2), g)).toBeCloseTo(-(1 + 2 + 2) / 2, 6);
    expect(globalThis.Array.from(g)).toEqual([-1, -2, -1]);
    const bld = batchedLogDensity(logp, Float64Array.of(0, 0, 0), 2, "wasm");
    const values = new Float64Array(2);
    const grads = new Float64Array(6);
    bld.valueAndGrad(Float64Array.of(1, 1, 2, 0, 1, 0), grads, values);
    expect(globalThis.Array.from(values)).toEqual([-2.5, -1]);
    expect(globalThis.Array.from(grads)).toEqual([-1, -2, -1, -0, -2, -0]);
    (w as TfjsArray).dispose();
    expect(w instanceof ConcreteArray).toBe(false);
  });
});
