/**
 * Leapfrog steps per second of NUTS on the linear regression of examples/linear-regression
 * (50 points, 2 parameters), with the potential and its gradient on each device: cpu (compiled
 * JS, float64), tfjs-cpu and wasm (tfjs kernels, float32, one upload and one download per
 * gradient). Also the bare gradient calls per second, and the batched form for 64 positions.
 * A measurement, not a test. cpu draws 25 × numSamples (its sampling is too quick to time
 * otherwise).
 *
 *   cd packages/infer && node --conditions=source --import tsx scripts/device-leapfrog.ts [numSamples] [devices]
 *   (defaults: 2000 and cpu,tfjs-cpu,wasm)
 */
import "@orrery/backend-tfjs-cpu";
import { ready } from "@orrery/backend-wasm";
import { random } from "@orrery/core";
import { potentialFromModel } from "@orrery/ppl";
import { MCMC, NUTS, batchedLogDensity, devicePotential, modelLogDensity } from "@orrery/infer";
import { linearModel, makeData } from "../../../examples/linear-regression/src/model.js";

await ready();
const numSamples = Number(process.argv[2] ?? 2000);
const data = makeData(50, 0);
const pot = potentialFromModel(linearModel, [data]);
const rows: string[] = [];
for (const device of (process.argv[3] ?? "cpu,tfjs-cpu,wasm").split(",")) {
  // Bare gradients.
  const ld = modelLogDensity(linearModel, [data], pot, device);
  const g = new Float64Array(pot.dim);
  const x = Float64Array.of(0.9, -0.2);
  const calls = device === "cpu" ? 200_000 : 5_000;
  for (let i = 0; i < calls / 10; i++) ld.valueAndGrad(x, g);
  let t = performance.now();
  for (let i = 0; i < calls; i++) ld.valueAndGrad(x, g);
  const gradPerSec = calls / ((performance.now() - t) / 1000);
  ld.dispose();
  // Batched, 64 positions per call.
  const n = 64;
  const dp = devicePotential(linearModel, [data], pot, device);
  const bld = batchedLogDensity(dp.logp, pot.dim, n, device);
  const xs = new Float64Array(n * pot.dim).map((_, i) => 0.01 * i);
  const gs = new Float64Array(n * pot.dim);
  const vs = new Float64Array(n);
  const bcalls = device === "cpu" ? 20_000 : 1_000;
  for (let i = 0; i < bcalls / 10; i++) bld.valueAndGrad(xs, gs, vs);
  t = performance.now();
  for (let i = 0; i < bcalls; i++) bld.valueAndGrad(xs, gs, vs);
  const batchedGradPerSec = (n * bcalls) / ((performance.now() - t) / 1000);
  bld.dispose();
  dp.dispose();
  // NUTS: leapfrog steps of the sampling phase over its wall time.
  const mcmc = new MCMC(new NUTS(linearModel), { numWarmup: 500, numSamples: device === "cpu" ? 25 * numSamples : numSamples, progressBar: false, device });
  await mcmc.run(random.key(0), data);
  const steps = (mcmc.getExtraFields().numSteps.data as Int32Array).reduce((a, v) => a + v, 0);
  const { warmupSeconds, samplingSeconds } = mcmc.chainTimings[0];
  rows.push(
    [device.padEnd(9), (steps / samplingSeconds).toFixed(0).padStart(10), gradPerSec.toFixed(0).padStart(10), batchedGradPerSec.toFixed(0).padStart(12), warmupSeconds.toFixed(2).padStart(8), samplingSeconds.toFixed(2).padStart(8), String(steps).padStart(8)].join(" "),
  );
}
console.log(`NUTS on the linear regression (50 points), 500 warmup + ${numSamples} draws (cpu: ${25 * numSamples}), one chain`);
console.log(["device   ", "leapfrog/s", "  grads/s", "batched g/s", " warmup", "sampling", "  steps"].join(" "));
for (const r of rows) console.log(r);
