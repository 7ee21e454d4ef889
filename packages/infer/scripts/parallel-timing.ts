/**
 * Wall time of chainMethod "parallel" (worker threads) against "sequential" in Node, NUTS on
 * the linear regression of examples/linear-regression (50 points, 2 parameters), with each
 * chain's own seconds (warmup + sampling, timed where it ran). A measurement, not a test.
 *
 *   cd packages/infer && node --conditions=source --import tsx scripts/parallel-timing.ts [numSamples] [numChains] [numWarmup]
 *   (defaults: 100000, 4 and 1000)
 */
import { availableParallelism } from "node:os";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { linearModel, makeData } from "../../../examples/linear-regression/src/model.js";

const numSamples = Number(process.argv[2] ?? 100_000);
const numChains = Number(process.argv[3] ?? 4);
const numWarmup = Number(process.argv[4] ?? 1000);
const data = makeData(50, 0);
console.log(`NUTS, ${numChains} chains × (${numWarmup} warmup + ${numSamples} draws), ${availableParallelism()} cores`);
for (const chainMethod of ["sequential", "parallel", "sequential", "parallel"] as const) {
  const mcmc = new MCMC(new NUTS(linearModel), { numWarmup, numSamples, numChains, chainMethod, progressBar: false });
  const t0 = performance.now();
  await mcmc.run(random.key(0), data);
  const wall = (performance.now() - t0) / 1000;
  const own = mcmc.chainTimings.map((t) => (t.warmupSeconds + t.samplingSeconds).toFixed(3)).join(", ");
  console.log(`${chainMethod.padEnd(10)} wall ${wall.toFixed(3)} s; each chain's own seconds: ${own}`);
}
