/**
 * Fit the M67 membership model with NUTS (2 chains × (500 warmup + 500 draws)) over every star
 * of data/catalogue.csv (or a Gaia CSV export given as the first argument), print the timing,
 * sampler numbers and the summary of the cluster parameters, and write to out/: the corner plot
 * of the cluster parameters, the proper-motion scatter coloured by membership probability and
 * the histogram of membership probabilities (SVG and PNG).
 *
 *   node --conditions=source --import tsx src/main.ts [catalogue.csv] [--stars N]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ConcreteArray, random } from "@orrery/core";
import { formatSummary, summary } from "@orrery/diagnostics";
import { MCMC, NUTS } from "@orrery/infer";
import { cornerPlot, toPng } from "@orrery/plot";
import { initToValue } from "@orrery/ppl";
import { headOf, loadGaiaCsv } from "./catalogue.js";
import { auc, histogramSvg, scatterSvg } from "./figures.js";
import { TRUTH } from "./make-catalogue.js";
import { CLUSTER_PARAMS, clusterModel, initialValues, membershipProbabilities, toModelData } from "./model.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "out");
const args = process.argv.slice(2);
const starsFlag = args.indexOf("--stars");
const maxStars = starsFlag >= 0 ? Number(args[starsFlag + 1]) : Infinity;
const csvPath = args.find((a, i) => !a.startsWith("--") && (starsFlag < 0 || i !== starsFlag + 1)) ?? join(here, "..", "data", "catalogue.csv");

const tStart = performance.now();
let cat = loadGaiaCsv(csvPath);
if (cat.n > maxStars) cat = headOf(cat, maxStars);
const synthetic = cat.isMember !== undefined;
const data = toModelData(cat);
console.log(`${cat.n} stars from ${csvPath}; ${cat.n + 6} unknowns (one distance per star + 6 cluster parameters)`);
console.log(
  `field proper motions (fixed, EM fit): mean (${data.fieldPm.mean.map((v) => v.toFixed(2)).join(", ")}) mas/yr, ` +
    `sd (${Math.sqrt(data.fieldPm.cov[0]).toFixed(2)}, ${Math.sqrt(data.fieldPm.cov[2]).toFixed(2)}); ` +
    `cluster guess for the start: (${data.pmGuess.cluster.mean.map((v) => v.toFixed(2)).join(", ")}), weight ${data.pmGuess.clusterWeight.toFixed(3)}`,
);

const numChains = 2, numWarmup = 500, numSamples = 500;
const phaseStart: number[][] = Array.from({ length: numChains }, () => [NaN, NaN, NaN]); // warmup start, sample start, sample end
const mcmc = new MCMC(new NUTS(clusterModel, { initStrategy: initToValue({ values: initialValues(cat, data) }) }), {
  numWarmup,
  numSamples,
  numChains,
  onProgress: (e) => {
    const t = performance.now();
    const p = phaseStart[e.chain];
    if (e.phase === "warmup" && Number.isNaN(p[0])) p[0] = t;
    if (e.phase === "sample" && Number.isNaN(p[1])) p[1] = t;
    if (e.phase === "sample" && e.iteration === e.total) p[2] = t;
    // Without a terminal (no progress bar), a line every 100 iterations.
    if (!process.stderr.isTTY && e.iteration % 100 === 0) {
      console.log(`  chain ${e.chain} ${e.phase} ${e.iteration}/${e.total}: step size ${e.stepSize.toPrecision(3)}, ${((t - tFit0) / 1000).toFixed(0)} s`);
    }
  },
});
const tFit0 = performance.now();
await mcmc.run(random.key(2), data);
const fitSeconds = (performance.now() - tFit0) / 1000;

// Sampler numbers.
const extra = mcmc.getExtraFields({ groupByChain: true });
const steps = extra.numSteps.data as Int32Array;
const depth = extra.treeDepth.data as Int32Array;
console.log(`\nNUTS, ${numChains} chains × (${numWarmup} warmup + ${numSamples} draws): ${fitSeconds.toFixed(1)} s in all (compilation, warmup and sampling)`);
for (let c = 0; c < numChains; c++) {
  const s = steps.subarray(c * numSamples, (c + 1) * numSamples);
  const d = depth.subarray(c * numSamples, (c + 1) * numSamples);
  const total = s.reduce((a, b) => a + b, 0);
  const [w0, s0, s1] = phaseStart[c];
  const sampleSec = (s1 - s0) / 1000;
  console.log(
    `  chain ${c}: warmup ${((s0 - w0) / 1000).toFixed(1)} s, sampling ${sampleSec.toFixed(1)} s; step size ${mcmc.lastState[c].stepSize.toPrecision(3)}, ` +
      `mean tree depth ${(d.reduce((a, b) => a + b, 0) / d.length).toFixed(2)}, ${(total / numSamples).toFixed(1)} leapfrog steps per draw, ` +
      `${Math.round(total / sampleSec).toLocaleString("en-US")} leapfrog steps/s while sampling (${((1e6 * sampleSec) / total).toFixed(0)} µs each)`,
  );
}

// Summary of the cluster parameters only (the per-star r_i are left out).
const byChain = mcmc.getSamples({ groupByChain: true });
const clusterDraws: Record<string, ConcreteArray> = {};
for (const name of CLUSTER_PARAMS) clusterDraws[name] = byChain[name];
console.log("\nCluster parameters (distances in pc, proper motions in mas/yr):\n");
console.log(formatSummary(summary(clusterDraws, { preset: "numpyro" })));
console.log(`\nNumber of divergences: ${mcmc.numDivergences}`);
if (synthetic) {
  console.log(`truth: d_c ${TRUTH.d_c}, sigma_c ${TRUTH.sigma_c}, mu_c [${TRUTH.mu_c.join(", ")}], sigma_mu ${TRUTH.sigma_mu}, f ${TRUTH.f}`);
}

// Membership probabilities, averaged over draws.
const flat = mcmc.getSamples();
const prob = membershipProbabilities(flat, data);
const nLikely = prob.reduce((a, p) => a + (p > 0.5 ? 1 : 0), 0);
console.log(`\n${nLikely} stars with membership probability > 0.5 (expected number of members Σp = ${prob.reduce((a, b) => a + b, 0).toFixed(1)})`);
if (synthetic) {
  const m = cat.isMember!;
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < cat.n; i++) {
    if (prob[i] > 0.5 && m[i]) tp++;
    else if (prob[i] > 0.5) fp++;
    else if (m[i]) fn++;
  }
  console.log(`against the truth: ${tp} true members found, ${fp} field stars taken for members, ${fn} members missed; ROC AUC ${auc(prob, m).toFixed(4)}`);
}

// Figures.
mkdirSync(outDir, { recursive: true });
const write = async (name: string, svg: string) => {
  writeFileSync(join(outDir, `${name}.svg`), svg);
  writeFileSync(join(outDir, `${name}.png`), await toPng(svg, { scale: 2 }));
};
await write(
  "corner",
  cornerPlot(clusterDraws, {
    truths: synthetic ? { d_c: TRUTH.d_c, sigma_c: TRUTH.sigma_c, mu_c: TRUTH.mu_c, sigma_mu: TRUTH.sigma_mu, f: TRUTH.f } : undefined,
    // Short labels (units in the README): @orrery/plot's titles collide with long ones.
    labels: { d_c: "d_c", sigma_c: "σ_c", "mu_c[0]": "μ_α*", "mu_c[1]": "μ_δ", sigma_mu: "σ_μ", f: "f" },
  }),
);
const mu = flat.mu_c.data as Float64Array;
const muMean = [0, 1].map((k) => mu.filter((_, i) => i % 2 === k).reduce((a, b) => a + b, 0) / (mu.length / 2));
await write(
  "proper-motions",
  scatterSvg(cat.pmra, cat.pmdec, prob, {
    xRange: [-25, 15],
    yRange: [-22, 14],
    xLabel: "μ_α* (pmra) [mas/yr]",
    yLabel: "μ_δ (pmdec) [mas/yr]",
    title: `Proper motions of ${cat.n} stars, coloured by membership probability`,
    colourLabel: "P(member)",
    marks: [{ x: muMean[0], y: muMean[1], label: "μ_c" }],
  }),
);
await write("membership", histogramSvg(prob, { title: "Membership probabilities (posterior mean)", xLabel: "P(member)" }));
writeFileSync(
  join(outDir, "membership.csv"),
  "index,ra,dec,parallax,pmra,pmdec,p_member\n" +
    Array.from(prob, (p, i) => `${i},${cat.ra[i]},${cat.dec[i]},${cat.parallax[i]},${cat.pmra[i]},${cat.pmdec[i]},${p.toFixed(4)}`).join("\n") +
    "\n",
);
console.log(`\nFrom a cold start to the figures: ${((performance.now() - tStart) / 1000).toFixed(1)} s`);
console.log("Wrote examples/m67-cluster/out/{corner,proper-motions,membership}.{svg,png} and out/membership.csv");
