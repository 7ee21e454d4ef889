/**
 * The check the examples' stats tests (examples/<name>/test/stan*.stats.test.ts) make against
 * the Stan references that make_reference.ts writes: for every quantity both have, Orrery's
 * posterior mean and sd within `k` (4) combined Monte Carlo standard errors of Stan's,
 * |Δ| ≤ k·sqrt(MCSE_Orrery² + MCSE_Stan²), and Orrery's R-hat below 1.01.
 *
 * Plain data in, plain data out (no @orrery/core), so that any example's test can import it;
 * the statistics are @orrery/diagnostics' (mcseMean, mcseSd, rhat: R's posterior's definitions).
 */
import { readFileSync } from "node:fs";
import { mcseMean, mcseSd, rhat } from "../../packages/diagnostics/src/index.js";
import { type ChainDraws, orreryDraws } from "./draws.js";
import type { StanSummaryRow } from "./stan-runner.js";

/** One quantity of a Stan reference: posterior::summarise_draws' numbers. */
export type ReferenceRow = StanSummaryRow;

/** A fixture written by make_reference.ts (the fields the tests read). */
export interface StanReference {
  model: string;
  example: string;
  data_source: { generator: string; args: unknown[] };
  data: Record<string, unknown>;
  settings: { chains: number; warmup: number; samples: number; seed: number };
  sampler: { divergences: number; max_rhat: number; min_ess_bulk: number };
  parameters: Record<string, ReferenceRow>;
}

/**
 * Read a fixture written by make_reference.ts.
 *
 * @example
 * ```ts
 * const ref = loadStanReference(new URL("./fixtures/stan-hr_diagram.json", import.meta.url));
 * ```
 */
export function loadStanReference(path: string | URL): StanReference {
  return JSON.parse(readFileSync(path, "utf8")) as StanReference;
}

/** One quantity compared: both sides' numbers and the differences in combined MCSEs. */
export interface QuantityCheck {
  name: string;
  orrery: { mean: number; sd: number; mcseMean: number; mcseSd: number; rhat: number };
  stan: ReferenceRow;
  /** |mean_O − mean_S| / sqrt(mcse_mean_O² + mcse_mean_S²). */
  zMean: number;
  /** |sd_O − sd_S| / sqrt(mcse_sd_O² + mcse_sd_S²). */
  zSd: number;
}

/** The outcome of `checkAgainstStan`: every row, and a line for each failed check (empty when all pass). */
export interface ReferenceCheck {
  rows: QuantityCheck[];
  failures: string[];
  maxZMean: number;
  maxZSd: number;
  maxRhat: number;
}

/**
 * Compare Orrery's draws (`mcmc.getSamples({ groupByChain: true })`, ≥ 2 chains) with a Stan
 * reference, quantity by quantity (Stan's names: `mu[2]`, `m[1,3]`, size-1 axes dropped). Every
 * reference quantity must be among the draws (a missing one is a failure), unless `skip` names it.
 *
 * @example
 * ```ts
 * const check = checkAgainstStan(mcmc.getSamples({ groupByChain: true }), ref);
 * expect(check.failures).toEqual([]);
 * ```
 */
export function checkAgainstStan(samples: Record<string, ChainDraws>, ref: StanReference, options: { k?: number; maxRhat?: number; skip?: (name: string) => boolean } = {}): ReferenceCheck {
  const k = options.k ?? 4;
  const maxR = options.maxRhat ?? 1.01;
  const draws = orreryDraws(samples);
  const rows: QuantityCheck[] = [];
  const failures: string[] = [];
  for (const [name, stan] of Object.entries(ref.parameters)) {
    if (options.skip?.(name)) continue;
    const chains = draws[name];
    if (!chains) {
      failures.push(`${name}: in the Stan reference but not among Orrery's draws`);
      continue;
    }
    const all = chains.flat();
    const mean = all.reduce((s, v) => s + v, 0) / all.length;
    const sd = Math.sqrt(all.reduce((s, v) => s + (v - mean) ** 2, 0) / (all.length - 1));
    const o = { mean, sd, mcseMean: mcseMean(chains), mcseSd: mcseSd(chains), rhat: rhat(chains) };
    const zMean = Math.abs(o.mean - stan.mean) / Math.hypot(o.mcseMean, stan.mcse_mean);
    const zSd = Math.abs(o.sd - stan.sd) / Math.hypot(o.mcseSd, stan.mcse_sd);
    rows.push({ name, orrery: o, stan, zMean, zSd });
    const g = (v: number) => v.toPrecision(5);
    if (!(zMean <= k)) failures.push(`${name}: mean ${g(o.mean)} ± ${g(o.mcseMean)} vs Stan ${g(stan.mean)} ± ${g(stan.mcse_mean)} (${zMean.toFixed(2)} combined MCSE > ${k})`);
    if (!(zSd <= k)) failures.push(`${name}: sd ${g(o.sd)} ± ${g(o.mcseSd)} vs Stan ${g(stan.sd)} ± ${g(stan.mcse_sd)} (${zSd.toFixed(2)} combined MCSE > ${k})`);
    if (!(o.rhat < maxR)) failures.push(`${name}: R-hat ${o.rhat.toFixed(4)} ≥ ${maxR}`);
  }
  const max = (f: (r: QuantityCheck) => number) => rows.reduce((m, r) => Math.max(m, f(r)), 0);
  return { rows, failures, maxZMean: max((r) => r.zMean), maxZSd: max((r) => r.zSd), maxRhat: max((r) => r.orrery.rhat) };
}

/**
 * One line for a test's log: how many quantities, the largest differences in MCSEs, the largest R-hat.
 *
 * @example
 * ```ts
 * console.log(describeCheck("hr-diagram", check)); // "hr-diagram vs Stan: 207 quantities, largest |Δmean| 2.71 MCSE (mu[3]), …"
 * ```
 */
export function describeCheck(label: string, check: ReferenceCheck): string {
  const arg = (f: (r: QuantityCheck) => number) => check.rows.reduce((best, r) => (f(r) > f(best) ? r : best), check.rows[0])?.name ?? "—";
  return (
    `${label} vs Stan: ${check.rows.length} quantities, largest |Δmean| ${check.maxZMean.toFixed(2)} MCSE (${arg((r) => r.zMean)}), ` +
    `largest |Δsd| ${check.maxZSd.toFixed(2)} MCSE (${arg((r) => r.zSd)}), max R-hat ${check.maxRhat.toFixed(4)}; ${check.failures.length} failed checks`
  );
}

/**
 * Whether two data values (numbers or nested lists of them) are equal to `rtol` relative, for
 * checking that an example's generator still makes the reference's data.
 *
 * @example
 * ```ts
 * sameData([1, 2], [1, 2 + 1e-17]); // true
 * ```
 */
export function sameData(a: unknown, b: unknown, rtol = 1e-14): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= rtol * Math.max(1, Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameData(v, b[i], rtol));
  return false;
}
