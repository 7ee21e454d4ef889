import { toChainMatrix, type ChainMatrix, type ScalarDraws } from "./draws.js";
import { essOfChains, essQuantileSorted } from "./ess.js";
import { mean, variance } from "./moments.js";
import { sortedCopy } from "./quantile.js";
import { qbeta } from "./special.js";
import { splitView } from "./split-chains.js";

/**
 * Monte Carlo standard errors, as R's posterior computes them.
 */

/**
 * MCSE of the mean (posterior's `mcse_mean`): sd(x) / sqrt(ess_mean(x)).
 *
 * @example
 * ```ts
 * mcseMean([chain1, chain2, chain3, chain4]);
 * ```
 */
export function mcseMean(x: ScalarDraws): number {
  const m = toChainMatrix(x);
  return Math.sqrt(variance(m.data)) / Math.sqrt(essOfChains(splitView(m)));
}

/**
 * MCSE of the sd from a matrix and its mean (internal).
 *
 * @example
 * ```ts
 * const m = toChainMatrix(chains);
 * mcseSdOf(m, mean(m.data)); // === mcseSd(chains)
 * ```
 */
export function mcseSdOf(m: ChainMatrix, mu: number): number {
  const n = m.data.length;
  const sq = new Float64Array(n);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = m.data[i] - mu;
    const d2 = d * d;
    sq[i] = d2;
  }
  // posterior: Evar <- mean(sims_c^2); varvar <- (mean(sims_c^4) - Evar^2) / ess
  m2 = mean(sq);
  for (let i = 0; i < n; i++) m4 += sq[i] * sq[i];
  m4 /= n;
  const ess = essOfChains(splitView({ data: sq, chains: m.chains, draws: m.draws }));
  const varvar = (m4 - m2 * m2) / ess;
  const varsd = varvar / m2 / 4;
  return Math.sqrt(varsd);
}

/**
 * MCSE of the standard deviation (posterior's `mcse_sd`, ArviZ's `mcse(method="sd")`), without
 * assuming normality: the variance of the variance estimate from the second and fourth central
 * moments (Kenney and Keeping 1951), with the ESS of the squared deviations, then a first-order
 * Taylor step from variance to sd.
 *
 * @example
 * ```ts
 * mcseSd([chain1, chain2, chain3, chain4]);
 * ```
 */
export function mcseSd(x: ScalarDraws): number {
  const m = toChainMatrix(x);
  return mcseSdOf(m, mean(m.data));
}

/** The two normal-tail probabilities posterior uses: pnorm(-1) and pnorm(1), to 7 digits. */
const MCSE_Q_P = [0.1586553, 0.8413447] as const;

/**
 * MCSE of one quantile given a sorted copy (internal).
 *
 * @example
 * ```ts
 * const m = toChainMatrix(chains);
 * mcseQuantileSorted(m, sortedCopy(m.data), 0.95);
 * ```
 */
export function mcseQuantileSorted(m: ChainMatrix, sorted: Float64Array, prob: number): number {
  const ess = essQuantileSorted(m, sorted, prob);
  if (Number.isNaN(ess)) return NaN;
  const a1 = qbeta(MCSE_Q_P[0], ess * prob + 1, ess * (1 - prob) + 1);
  const a2 = qbeta(MCSE_Q_P[1], ess * prob + 1, ess * (1 - prob) + 1);
  // R's sort() drops NaN; there are none here (the ESS would be NaN).
  const S = sorted.length;
  const th1 = sorted[Math.max(Math.floor(a1 * S), 1) - 1];
  const th2 = sorted[Math.min(Math.ceil(a2 * S), S) - 1];
  return (th2 - th1) / 2;
}

/**
 * MCSE of quantile estimates (posterior's `mcse_quantile`): half the distance between the
 * order statistics at the Beta(ess p + 1, ess (1 - p) + 1) quantiles pnorm(∓1), with the ESS of
 * the quantile's indicator.
 *
 * @param probs - probabilities in [0, 1] (default [0.05, 0.95])
 * @example
 * ```ts
 * mcseQuantile(chains, [0.05, 0.95]); // [mcse_q5, mcse_q95]
 * ```
 */
export function mcseQuantile(x: ScalarDraws, probs: readonly number[] = [0.05, 0.95]): number[] {
  const m = toChainMatrix(x);
  for (const p of probs) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`mcseQuantile: probabilities must be in [0, 1], got ${p}`);
  }
  const sorted = sortedCopy(m.data);
  return probs.map((p) => mcseQuantileSorted(m, sorted, p));
}

/**
 * MCSE of the median (posterior's `mcse_median`).
 *
 * @example
 * ```ts
 * mcseMedian(chains);
 * ```
 */
export function mcseMedian(x: ScalarDraws): number {
  return mcseQuantile(x, [0.5])[0];
}
