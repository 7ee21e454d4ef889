/**
 * The seed tutorial's line fit with errors in x as well as y: each point has a latent true
 * abscissa x_true (broad prior), observed as x_obs ~ Normal(x_true, xerr), and
 * y ~ Normal(m x_true + b, yerr). The line keeps the angle / perpendicular-offset
 * parameterisation of `linearModel` (m = tan θ, b = b⊥ / cos θ as deterministic sites).
 *
 * Run it: `node --conditions=source --import tsx src/x-errors.ts` (from this folder).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Array, np, random } from "@orrery/core";
import { Normal, Uniform } from "@orrery/distributions";
import { deterministic, plate, sample } from "@orrery/ppl";

/** Observations: both coordinates with their uncertainties. */
export interface XErrorsData {
  xObs: Array;
  xerr: Array;
  yerr: Array;
  y?: Array;
}

/** Scale of the broad Normal(0, X_PRIOR_SCALE) prior on each latent x_true. */
export const X_PRIOR_SCALE = 10;

/**
 * The model with a latent true x per point.
 *
 * @example
 * ```ts
 * const mcmc = new MCMC(new NUTS(xErrorsModel), { numWarmup: 1000, numSamples: 1000 });
 * await mcmc.run(random.key(0), makeXErrorsData());
 * ```
 */
export function xErrorsModel({ xObs, xerr, yerr, y }: XErrorsData): void {
  const theta = sample("theta", new Uniform(-0.5 * Math.PI, 0.5 * Math.PI));
  const bPerp = sample("b_perp", new Normal(0, 1));
  const m = deterministic("m", np.tan(theta));
  const b = deterministic("b", bPerp.div(np.cos(theta)));
  plate("data", xObs.shape[0], () => {
    const xTrue = sample("x_true", new Normal(0, X_PRIOR_SCALE));
    sample("x_obs", new Normal(xTrue, xerr), { obs: xObs });
    sample("y", new Normal(m.mul(xTrue).add(b), yerr), { obs: y });
  });
}

/** The true line (the same as `linearModel`'s). */
export const X_ERRORS_TRUTH = { m: 1.7, b: -0.3 };

/**
 * Synthetic data from a fixed key: `n` true abscissae in [−2, 2], observed with errors in
 * [0.05, 0.25] in x and [0.1, 0.5] in y. Returns the true abscissae too.
 *
 * @example
 * ```ts
 * const { xObs, xerr, yerr, y, xTrue } = makeXErrorsData(50, 0);
 * ```
 */
export function makeXErrorsData(n = 50, seed = 0): Required<XErrorsData> & { xTrue: Array } {
  const [kx, kxe, kye, knx, kny] = [0, 1, 2, 3, 4].map((i) => random.foldIn(random.key(seed), i));
  const xTrue = np.sort(random.uniform(kx, [n], { minval: -2, maxval: 2 }));
  const xerr = random.uniform(kxe, [n], { minval: 0.05, maxval: 0.25 });
  const yerr = random.uniform(kye, [n], { minval: 0.1, maxval: 0.5 });
  const xObs = xTrue.add(random.normal(knx, [n]).mul(xerr));
  const y = xTrue.mul(X_ERRORS_TRUTH.m).add(X_ERRORS_TRUTH.b).add(random.normal(kny, [n]).mul(yerr));
  return { xObs, xerr, yerr, y, xTrue };
}

async function main(): Promise<void> {
  const { MCMC, NUTS } = await import("@orrery/infer");
  const { cornerPlot, toPng } = await import("@orrery/plot");
  const here = dirname(fileURLToPath(import.meta.url));
  const outDir = join(here, "..", "out");
  const data = makeXErrorsData(50, 0);
  const mcmc = new MCMC(new NUTS(xErrorsModel), { numWarmup: 1000, numSamples: 1000, numChains: 4 });
  await mcmc.run(random.key(1), data);
  console.log("Linear regression with errors in x (latent x_true per point), NUTS, 4 chains × (1000 warmup + 1000 draws)\n");
  mcmc.printSummary();
  const s = mcmc.getSamples({ groupByChain: true });
  const svg = cornerPlot({ m: s.m, b: s.b }, { truths: X_ERRORS_TRUTH, labels: { m: "m (slope)", b: "b (intercept)" } });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "x-errors-corner.svg"), svg);
  writeFileSync(join(outDir, "x-errors-corner.png"), await toPng(svg, { scale: 2 }));
  console.log("Wrote examples/linear-regression/out/x-errors-corner.svg and x-errors-corner.png");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
