/**
 * Fit a straight line with NUTS (4 chains), print the summary table, and write the corner
 * plot of (m, b) with the truth marked to out/corner.svg and out/corner.png.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { cornerPlot, toPng } from "@orrery/plot";
import { TRUTH, linearModel, makeData } from "./model.js";

const t0 = performance.now();
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "out");

const data = makeData(50, 0);
const mcmc = new MCMC(new NUTS(linearModel), { numWarmup: 1000, numSamples: 1000, numChains: 4 });
await mcmc.run(random.key(1), data);
console.log("Linear regression (θ, b⊥ parameterisation), NUTS, 4 chains × (1000 warmup + 1000 draws)\n");
mcmc.printSummary();
const fitSeconds = (performance.now() - t0) / 1000;

const samples = mcmc.getSamples({ groupByChain: true });
const svg = cornerPlot(
  { m: samples.m, b: samples.b },
  { truths: TRUTH, labels: { m: "m (slope)", b: "b (intercept)" } },
);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "corner.svg"), svg);
writeFileSync(join(outDir, "corner.png"), await toPng(svg, { scale: 2 }));
console.log(`From a cold start to the printed summary: ${fitSeconds.toFixed(2)} s`);
console.log("Wrote examples/linear-regression/out/corner.svg and corner.png");
