/**
 * Fit the hierarchical HR-diagram model (4 clusters × 25 stars, Poisson photon counts) with
 * NUTS, print the summary table (deterministic sites left out), and write to out/: the model
 * graph (ppl's modelGraph → toDot → plot's graphPlot), the corner plot of the population and
 * cluster parameters with the truth, and the colour–absolute-magnitude diagram.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { np, random } from "@orrery/core";
import { MCMC, NUTS } from "@orrery/infer";
import { cornerPlot, graphPlot, ppcPlot, toPng } from "@orrery/plot";
import { toDot } from "@orrery/ppl";
import { hrGraph } from "./graph.js";
import { TRUTH, hrModel, mainSequence, makeData } from "./model.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, "..", "out");
mkdirSync(outDir, { recursive: true });
const write = async (name: string, svg: string): Promise<void> => {
  writeFileSync(join(outDir, `${name}.svg`), svg);
  writeFileSync(join(outDir, `${name}.png`), await toPng(svg, { scale: 2 }));
};

const C = 4, S = 25;
const data = makeData(C, S, 0);
const muTrue = data.mu.tolist() as number[];

// The model graph: two plates, the observed counts shaded.
const dot = toDot(hrGraph(data));
writeFileSync(join(outDir, "model.dot"), dot);
await write("model", await graphPlot(dot));

const chains = 4, draws = 1000;
const mcmc = new MCMC(new NUTS(hrModel), { numWarmup: 1000, numSamples: draws, numChains: chains });
await mcmc.run(random.key(1), data);
console.log(`HR diagram: ${C} clusters × ${S} stars, Poisson photon counts; NUTS, ${chains} chains × (1000 warmup + ${draws} draws)\n`);
mcmc.printSummary({ excludeDeterministic: true });
console.log(`\nTrue cluster distance moduli: ${muTrue.map((v) => v.toFixed(2)).join(", ")}; σ_ms = ${TRUTH.sigma_ms}`);

// Corner plot: the population (μ₀, σ₀), the main-sequence scatter and the clusters' μ_c.
const s = mcmc.getSamples({ groupByChain: true });
const mu = { data: s.mu.data as Float64Array, shape: [chains, draws, C] };
await write(
  "corner",
  cornerPlot(
    { mu0: s.mu0, sigma0: s.sigma0, sigma_ms: s.sigma_ms, mu },
    {
      truths: { mu0: TRUTH.mu0, sigma0: TRUTH.sigma0, sigma_ms: TRUTH.sigma_ms, mu: muTrue },
      labels: { mu0: "μ₀", sigma0: "σ₀", sigma_ms: "σ_ms", ...Object.fromEntries(muTrue.map((_, c) => [`mu[${c}]`, `μ_${c}`])) },
    },
  ),
);

// The HR diagram: each star's absolute magnitude (posterior mean ± sd) against its colour, over
// the main sequence's predictive band M_ms(colour) + σ_ms z.
const flat = mcmc.getSamples();
const M = flat.M; // [n, C, S]
const Mmean = (np.mean(M, { axis: 0 }).reshape([C * S]).tolist() as number[]);
const Msd = (np.std(M, { axis: 0 }).reshape([C * S]).tolist() as number[]);
const colour = data.colour.reshape([C * S]).tolist() as number[];
const grid = np.linspace(0.25, 1.25, 41);
const n = flat.sigma_ms.shape[0];
const z = random.normal(random.key(7), [n, 1]);
const band = mainSequence(grid).reshape([1, 41]).add(flat.sigma_ms.reshape([n, 1]).mul(z));
await write(
  "hr-diagram",
  ppcPlot(
    { x: colour, y: Mmean, yerr: Msd },
    { x: grid.tolist() as number[], draws: { data: band.reshape([n * 41]).tolist() as number[], shape: [n, 41] } },
    {
      kind: "band",
      xLabel: "B − V",
      yLabel: "M_V (absolute magnitude; fainter up)",
      title: "Stars' absolute magnitudes (posterior mean ± sd) over the main sequence ± σ_ms (68%, 95%)",
      dataLabel: "stars",
      modelLabel: "main sequence",
      width: 700,
      height: 460,
    },
  ),
);
console.log("\nWrote examples/hr-diagram/out/model.png (and model.svg, model.dot), corner.png and hr-diagram.png (and .svg)");
