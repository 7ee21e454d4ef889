/**
 * The distance of one star from its Gaia parallax: NUTS posterior of r under the EDSD prior
 * (4 chains), the summary table, a check against the exact posterior (quadrature), the prior
 * predictive (`Predictive` with numSamples), and three figures in out/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { cornerPlot, ppcPlot, toPng } from "@orrery/plot";
import { Predictive } from "@orrery/ppl";
import { L, TRUTH, exactPosterior, gaiaModel, makeStar } from "./model.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "out");
mkdirSync(outDir, { recursive: true });
const write = async (name: string, svg: string): Promise<void> => {
  writeFileSync(join(outDir, `${name}.svg`), svg);
  writeFileSync(join(outDir, `${name}.png`), await toPng(svg, { scale: 2 }));
};

const star = makeStar(0);
console.log(`Observed parallax ${star.parallax.toFixed(3)} ± ${star.parallaxErr} mas (true distance ${TRUTH.r} pc; fractional error ${(star.parallaxErr / star.parallax).toFixed(2)}); EDSD prior, L = ${L} pc\n`);

const mcmc = new MCMC(new NUTS(gaiaModel, { targetAcceptProb: 0.9 }), { numWarmup: 1000, numSamples: 1000, numChains: 4 });
await mcmc.run(random.key(1), star);
console.log("NUTS, 4 chains × (1000 warmup + 1000 draws)\n");
mcmc.printSummary();

const byChain = mcmc.getSamples({ groupByChain: true });
const r = Float64Array.from(mcmc.getSamples().r.data as Float64Array);
const exact = exactPosterior(star);
const mean = r.reduce((a, v) => a + v, 0) / r.length;
const sorted = Float64Array.from(r).sort();
const q = (p: number) => sorted[Math.floor(p * (sorted.length - 1))];
console.log(`\nPosterior of r: mean ${mean.toFixed(0)} pc, median ${q(0.5).toFixed(0)} pc, 16–84% [${q(0.16).toFixed(0)}, ${q(0.84).toFixed(0)}] pc`);
console.log(`Exact posterior (quadrature): mean ${exact.mean.toFixed(0)} pc, sd ${exact.sd.toFixed(0)} pc; 1 / parallax = ${(1000 / star.parallax).toFixed(0)} pc`);

// The prior predictive: r from the EDSD prior and a parallax for each.
const prior = Predictive(gaiaModel, { numSamples: 4000 })(random.key(2), { parallaxErr: star.parallaxErr });
const priorR = Float64Array.from(prior.r.tolist() as number[]);
const priorPlx = Float64Array.from(prior.parallax.tolist() as number[]);
const above = priorPlx.reduce((a, v) => a + (v >= star.parallax ? 1 : 0), 0) / priorPlx.length;
const priorMean = priorR.reduce((a, v) => a + v, 0) / priorR.length;
console.log(`Prior predictive (4000 draws): mean r ${priorMean.toFixed(0)} pc (EDSD mean 3L = ${3 * L} pc); P(parallax ≥ observed) = ${above.toFixed(3)}`);

// 1. Prior vs posterior of r (1-D corner panels overlaid).
await write(
  "prior-posterior",
  cornerPlot(
    [
      { draws: { r: { data: priorR, shape: [1, priorR.length] } }, label: `prior (EDSD, L = ${L / 1000} kpc)`, color: "#999999" },
      { draws: { r: byChain.r }, label: "posterior (NUTS)", color: "#1f77b4" },
    ],
    { truths: { r: TRUTH.r }, labels: { r: "r [pc]" }, ranges: { r: [0, 10000] }, bins: 100, panelSize: 420 },
  ),
);

// 2. The NUTS draws as a density histogram (Poisson error bars) against the exact posterior
//    density, and the prior density for reference, per kpc.
const hi = 4000, nb = 40, w = hi / nb;
const counts = new Float64Array(nb);
for (const v of r) if (v < hi) counts[Math.floor(v / w)]++;
const perKpc = 1000 / (r.length * w);
const grid = Array.from({ length: 201 }, (_, i) => (hi * i) / 200);
const step = exact.r[1] - exact.r[0];
const exactOnGrid = grid.map((g) => exact.density[Math.round(g / step)] * 1000);
await write(
  "posterior-check",
  ppcPlot(
    { x: Array.from({ length: nb }, (_, i) => (i + 0.5) * w), y: Array.from(counts, (c) => c * perKpc), yerr: Array.from(counts, (c) => Math.sqrt(c) * perKpc) },
    { x: grid, draws: [exactOnGrid] },
    { xLabel: "r [pc]", yLabel: "density [1/kpc]", title: "NUTS draws (histogram, Poisson errors) vs the exact posterior", dataLabel: "NUTS", modelLabel: "exact", width: 680 },
  ),
);

// 3. The prior predictive: (r, parallax) draws, with the true distance and the observed parallax.
await write(
  "prior-predictive",
  cornerPlot(
    { r: { data: priorR, shape: [1, priorR.length] }, parallax: { data: priorPlx, shape: [1, priorPlx.length] } },
    { truths: { r: TRUTH.r, parallax: star.parallax }, labels: { r: "r [pc]", parallax: "parallax [mas]" }, ranges: { r: [0, 12000], parallax: [-0.6, 2.4] }, titles: false, ticks: 3 },
  ),
);
console.log("\nWrote examples/gaia-single-star/out/prior-posterior.png, posterior-check.png and prior-predictive.png (and .svg)");
