/**
 * Wall time of the chain methods in Node, on the linear regression of
 * examples/linear-regression (50 points, 2 parameters), each method run twice, with each chain's
 * own seconds (warmup + sampling, timed where it ran: for "parallel", in its worker thread).
 * A measurement, not a test.
 *
 *   cd packages/infer && node --conditions=source --import tsx scripts/chain-timing.ts [numSamples] [numChains] [numWarmup] [kernel] [methods]
 *   (defaults: 100000, 4, 1000, NUTS and sequential,parallel; kernel NUTS, HMC, SA or BarkerMH;
 *   methods a comma-separated list of sequential, parallel, vectorized)
 */
import { availableParallelism } from "node:os";
import { random } from "@orrery/core";
import { BarkerMH, HMC, MCMC, type ModelKernel, NUTS, SA } from "@orrery/infer";
import { linearModel, makeData } from "../../../examples/linear-regression/src/model.js";

const numSamples = Number(process.argv[2] ?? 100_000);
const numChains = Number(process.argv[3] ?? 4);
const numWarmup = Number(process.argv[4] ?? 1000);
const kernelName = process.argv[5] ?? "NUTS";
const methods = (process.argv[6] ?? "sequential,parallel").split(",") as ("sequential" | "parallel" | "vectorized")[];
const KERNELS: Record<string, () => ModelKernel> = {
  NUTS: () => new NUTS(linearModel) as ModelKernel,
  HMC: () => new HMC(linearModel) as ModelKernel,
  SA: () => new SA(linearModel) as ModelKernel,
  BarkerMH: () => new BarkerMH(linearModel) as ModelKernel,
};
const make = KERNELS[kernelName];
if (make === undefined) throw new Error(`unknown kernel ${kernelName}: use ${Object.keys(KERNELS).join(", ")}`);
const data = makeData(50, 0);
console.log(`${kernelName}, ${numChains} chains × (${numWarmup} warmup + ${numSamples} draws), ${availableParallelism()} cores`);
for (const chainMethod of [...methods, ...methods]) {
  const mcmc = new MCMC(make(), { numWarmup, numSamples, numChains, chainMethod, progressBar: false });
  const t0 = performance.now();
  await mcmc.run(random.key(0), data);
  const wall = (performance.now() - t0) / 1000;
  const own = mcmc.chainTimings.map((t) => (t.warmupSeconds + t.samplingSeconds).toFixed(3)).join(", ");
  console.log(`${chainMethod.padEnd(10)} wall ${wall.toFixed(3)} s; each chain's own seconds: ${own}`);
}
