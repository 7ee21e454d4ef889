/**
 * Stan references for the examples' stats tests (examples/<name>/test/stan*.stats.test.ts):
 * long rstan chains on each seed model's data, summarised by R's posterior package (mean, sd,
 * their Monte Carlo standard errors, R-hat, bulk and tail ESS of every quantity), written with
 * the data and how they were made to examples/<name>/test/fixtures/stan-<key>.json.
 *
 *   node --conditions=source --import tsx bench/vs-stan/make_reference.ts [key ...]
 *
 * Keys: seed-models.ts' REFERENCE_KEYS (linreg_theta, linreg_xerr, outliers, gaia_single_star,
 * hr_diagram); all of them without arguments. M67 has no reference: its 4,304 parameters make
 * a 4-chain Orrery run far longer than a stats test may take (bench/vs-stan compares it instead).
 *
 * Before sampling, the Stan program's log density is checked against the Orrery model's at the
 * same unconstrained points (two uniform(−2, 2) points and two posterior points from a short
 * Orrery run); a relative difference above 1e-10 stops the script, since a reference of another
 * density would be worthless. Stan: 4 chains × (2,000 warmup + 50,000 or 100,000 draws),
 * target acceptance 0.9 (fewer divergences in the references' tails), fixed seed; one to four
 * minutes per model on one core once the programs are compiled (REF_SAMPLES overrides the
 * number of draws per chain of every model, for a quick trial).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { np, random } from "@orrery/core";
import { MCMC, NUTS } from "../../packages/infer/src/index.js";
import { potentialFromModel } from "../../packages/ppl/src/index.js";
import { MODELS, REFERENCE_KEYS, REPO_ROOT, referencePath } from "./seed-models.js";
import { maxRelDiff, runStan, stanAvailable } from "./stan-runner.js";

const CHAINS = 4;
const WARMUP = 2000;
/**
 * Draws per chain: enough that Stan's MCSEs are at most about half the stats tests' (each test
 * draws a quarter as many or fewer), so that the tests' tolerance is mostly Orrery's own error.
 */
const SAMPLES: Record<string, number> = { linreg_theta: 100_000, gaia_single_star: 100_000, outliers: 100_000, linreg_xerr: 50_000, hr_diagram: 50_000 };
const ADAPT_DELTA = 0.9;
const SEED = 7_2024;
const LOGP_TOL = 1e-10;

/** Two posterior points (unconstrained), the last positions of a short 2-chain Orrery run. */
async function posteriorPoints(key: string): Promise<number[][]> {
  const spec = MODELS[key]();
  const mcmc = new MCMC(new NUTS(spec.model), { numWarmup: 300, numSamples: 1, numChains: 2, progressBar: false });
  await mcmc.run(random.key(3), spec.args);
  return mcmc.lastState.map((s) => Array.from(s.state.position));
}

async function main(): Promise<void> {
  const keys = process.argv.slice(2).length > 0 ? process.argv.slice(2) : REFERENCE_KEYS;
  const unknown = keys.filter((k) => !REFERENCE_KEYS.includes(k));
  if (unknown.length > 0) throw new Error(`no reference for ${unknown.join(", ")}; the keys are ${REFERENCE_KEYS.join(", ")}`);
  const stan = stanAvailable();
  if (!stan.ok) throw new Error(`Stan is needed to make the references: ${stan.why} (see /work/shared/PEERS.md)`);
  for (const key of keys) {
    const spec = MODELS[key]();
    const t0 = performance.now();
    const pot = potentialFromModel(spec.model, [spec.args]);
    const points = [0, 1].map((k) => Array.from(pot.init(random.key(100 + k))));
    points.push(...(await posteriorPoints(key)));
    const orreryLp = points.map((p) => Number((pot.logp(np.array(p)) as unknown as { item(): number }).item()));
    const samples = Number(process.env.REF_SAMPLES ?? SAMPLES[key]);
    const s = await runStan(spec, { seed: SEED, chains: CHAINS, warmup: WARMUP, samples, adaptDelta: ADAPT_DELTA, points, draws: false, summary: true, tag: `${key}.reference` });
    const rel = maxRelDiff(orreryLp, s.logProb);
    if (!(rel <= LOGP_TOL)) throw new Error(`${key}: log densities differ (max relative difference ${rel}); Orrery ${orreryLp.join(", ")}; Stan ${s.logProb.join(", ")}`);
    const summary = s.summary!;
    const rows = Object.values(summary);
    const stanFile = join(REPO_ROOT, "bench", "vs-stan", "stan", spec.stan);
    const fixture = {
      description:
        `Stan reference for examples/${spec.example}'s stats test (${spec.title}): rstan long chains on the example's data, ` +
        "summarised by R's posterior package. Made by bench/vs-stan/make_reference.ts; do not edit by hand.",
      model: key,
      example: spec.example,
      stan_program: relative(REPO_ROOT, stanFile),
      stan_program_sha256: createHash("sha256").update(readFileSync(stanFile)).digest("hex"),
      data_source: spec.dataSource,
      data: spec.stanData,
      settings: { chains: CHAINS, warmup: WARMUP, samples, adapt_delta: ADAPT_DELTA, max_treedepth: 10, seed: SEED, init: "random, init_r = 2" },
      versions: { rstan: s.rstan, posterior: s.posteriorVersion },
      date: new Date().toISOString().slice(0, 10),
      log_density_check: { points: points.length, max_rel_diff: rel, orrery: orreryLp, stan: s.logProb },
      sampler: {
        divergences: s.divergences,
        step_size: s.stepSize,
        mean_tree_depth: s.meanTreeDepth,
        max_rhat: Math.max(...rows.map((r) => r.rhat).filter(Number.isFinite)),
        min_ess_bulk: Math.min(...rows.map((r) => r.ess_bulk).filter(Number.isFinite)),
        min_ess_tail: Math.min(...rows.map((r) => r.ess_tail).filter(Number.isFinite)),
      },
      parameters: summary,
    };
    const out = referencePath(key);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(fixture, null, 1) + "\n");
    console.log(
      `${key}: ${rows.length} quantities, log densities agree to ${rel.toExponential(1)}, ${s.divergences} divergences, ` +
        `max R-hat ${fixture.sampler.max_rhat.toFixed(4)}, min bulk ESS ${Math.round(fixture.sampler.min_ess_bulk)}, ` +
        `${((performance.now() - t0) / 1000).toFixed(0)} s → ${relative(REPO_ROOT, out)}`,
    );
  }
}

await main();
