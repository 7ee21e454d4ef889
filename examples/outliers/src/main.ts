/**
 * Fit Hogg, Bovy & Lang's outlier mixture with NUTS (4 chains), print the summary table and
 * each point's outlier probability, and write to out/: the corner plot of (m, b, Q) with the
 * truth marked, and the posterior-predictive plot (line draws over the data, points coloured
 * by their outlier probability).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { np, random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { cornerPlot, ppcPlot, toPng } from "@orrery/plot";
import { colourPoints } from "./colour-points.js";
import { TRUTH, makeData, outlierModel, outlierProbabilities } from "./model.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "out");

const data = makeData(50, 0);
const mcmc = new MCMC(new NUTS(outlierModel), { numWarmup: 1000, numSamples: 1000, numChains: 4 });
await mcmc.run(random.key(1), data);
console.log("Outlier mixture (Hogg, Bovy & Lang 2010), NUTS, 4 chains × (1000 warmup + 1000 draws)\n");
mcmc.printSummary();

const samples = mcmc.getSamples();
const pOut = outlierProbabilities(samples, data);
const x = data.x.tolist() as number[];
const y = data.y.tolist() as number[];
const yerr = data.yerr.tolist() as number[];
const flagged = [...pOut.keys()].filter((i) => pOut[i] > 0.5);
console.log(`\nPoints with P(outlier) > 0.5 (${flagged.length} of ${x.length}; ${data.isOutlier.filter(Boolean).length} were drawn as outliers):`);
console.log("    i      x       y  P(outlier)  drawn as outlier");
for (const i of flagged) {
  console.log(`${String(i).padStart(5)} ${x[i].toFixed(2).padStart(6)} ${y[i].toFixed(2).padStart(7)} ${pOut[i].toFixed(3).padStart(11)}  ${data.isOutlier[i]}`);
}
const missed = data.isOutlier.map((o, i) => (o && pOut[i] <= 0.5 ? i : -1)).filter((i) => i >= 0);
if (missed.length) console.log(`Drawn as outliers but within the line's reach (P ≤ 0.5): ${missed.map((i) => `${i} (P = ${pOut[i].toFixed(2)})`).join(", ")}`);

mkdirSync(outDir, { recursive: true });
const byChain = mcmc.getSamples({ groupByChain: true });
const corner = cornerPlot(
  { m: byChain.m, b: byChain.b, Q: byChain.Q },
  { truths: { m: TRUTH.m, b: TRUTH.b, Q: TRUTH.Q }, labels: { m: "m (slope)", b: "b (intercept)", Q: "Q (outlier fraction)" } },
);
writeFileSync(join(outDir, "corner.svg"), corner);
writeFileSync(join(outDir, "corner.png"), await toPng(corner, { scale: 2 }));

// Line draws on a grid: m x + b for 200 posterior draws.
const grid = np.linspace(-0.1, 5.1, 60);
const idx = np.arange(0, samples.m.shape[0], Math.floor(samples.m.shape[0] / 200));
const lines = np.outer(samples.m.index(idx), grid).add(np.expandDims(samples.b.index(idx), 1));
const width = 720;
const ppc = colourPoints(
  ppcPlot(
    { x, y, yerr },
    { x: grid.tolist() as number[], draws: lines.tolist() as number[][] },
    { xLabel: "x", yLabel: "y", title: "Posterior predictive: line draws; points coloured by P(outlier)", modelLabel: "line draws", width, height: 460, maxDraws: 100 },
  ),
  pOut,
  "P(outlier), mean over draws",
  { x: 70, y: 350 }, // bottom left of the panel, where no data fall
);
writeFileSync(join(outDir, "ppc.svg"), ppc);
writeFileSync(join(outDir, "ppc.png"), await toPng(ppc, { scale: 2 }));
console.log("\nWrote examples/outliers/out/corner.svg, corner.png, ppc.svg and ppc.png");
