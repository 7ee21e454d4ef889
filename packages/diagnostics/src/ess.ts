import { MeanAutocovariance } from "./autocorrelation.js";
import { toChainMatrix, type ChainMatrix, type ScalarDraws } from "./draws.js";
import { centerChains, chainMeans, shouldReturnNaN, mean } from "./moments.js";
import { quantileSorted, sortedCopy } from "./quantile.js";
import { zScaleValues } from "./rank-normalize.js";
import { splitView } from "./split-chains.js";

/**
 * Effective sample sizes of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021), computed
 * exactly as R's posterior package computes them (version 1.4.0 and later; see {@link essSd}
 * for the one formula that changed in 1.6.1).
 */

/**
 * The ESS of a chain-major matrix (posterior's internal `.ess`): Geyer's initial positive
 * sequence on the mean autocorrelation over chains, made monotone, with the improved
 * estimate for antithetic chains and the cap ESS <= S log10(S). NaN for fewer than 3 draws
 * per chain, any non-finite value, or constant input. The chains are used as given (no split).
 *
 * @example
 * ```ts
 * essOfChains(toChainMatrix([[1.2, 0.3, -0.8, 1.9], [0.1, -1.1, 0.5, 0.2]]));
 * ```
 */
export function essOfChains(x: ChainMatrix): number {
  const { data, chains, draws: n } = x;
  if (n < 3 || shouldReturnNaN(data)) return NaN;
  const cm = chainMeans(data, chains, n);
  const varOfMeans = cm.varOfMeans;
  const acov = new MeanAutocovariance(centerChains(data, chains, n, cm, new Float64Array(data.length)), chains, n);
  const meanVar = (acov.at(0) * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (chains > 1) varPlus += varOfMeans;

  // Geyer's initial positive sequence (rho[t] for t even/odd pairs)
  const rho = new Float64Array(n);
  let t = 0;
  let rhoEven = 1;
  rho[0] = rhoEven;
  let rhoOdd = 1 - (meanVar - acov.at(1)) / varPlus;
  rho[1] = rhoOdd;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = 1 - (meanVar - acov.at(t)) / varPlus;
    rhoOdd = 1 - (meanVar - acov.at(t + 1)) / varPlus;
    if (rhoEven + rhoOdd >= 0) {
      rho[t] = rhoEven;
      rho[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  // used in the improved estimate
  if (rhoEven > 0) rho[maxT] = rhoEven;

  // Geyer's initial monotone sequence
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
      rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
      rho[t + 1] = rho[t];
    }
  }
  const total = chains * n;
  // R's sum(rho[1:max_t]): with max_t = 0, 1:0 is c(1, 0), which sums rho[1] alone.
  let sum = 0;
  if (maxT === 0) sum = rho[0];
  else for (let k = 0; k < maxT; k++) sum += rho[k];
  let tau = -1 + 2 * sum + rho[maxT];
  const tauBound = 1 / Math.log10(total);
  if (tau < tauBound) tau = tauBound;
  return total / tau;
}

/**
 * Basic ESS (posterior's `ess_basic`): the ESS of the raw draws, with split chains by default.
 *
 * @param options.split - split each chain in halves first (default true)
 * @example
 * ```ts
 * essBasic([chain1, chain2, chain3, chain4]);
 * ```
 */
export function essBasic(x: ScalarDraws, options: { split?: boolean } = {}): number {
  const m = toChainMatrix(x);
  return essOfChains(options.split === false ? m : splitView(m));
}

/**
 * ESS for the mean (posterior's `ess_mean`): the ESS of the split chains. Equal to
 * {@link essBasic} with splitting.
 *
 * @example
 * ```ts
 * essMean({ data: draws, shape: [4, 1000] });
 * ```
 */
export function essMean(x: ScalarDraws): number {
  return essOfChains(splitView(toChainMatrix(x)));
}

/**
 * Bulk ESS (posterior's `ess_bulk`): the ESS of the rank-normalised split chains.
 *
 * @example
 * ```ts
 * essBulk([chain1, chain2, chain3, chain4]); // e.g. 3920.7 for 4 × 1000 iid normal draws
 * ```
 */
export function essBulk(x: ScalarDraws): number {
  const split = splitView(toChainMatrix(x));
  const z = zScaleValues(split.data);
  return essOfChains({ data: z, chains: split.chains, draws: split.draws });
}

/**
 * ESS of the indicator draws <= q with split chains (internal).
 *
 * @example
 * ```ts
 * essOfIndicator(toChainMatrix(chains), 0.3); // the ESS of P(x <= 0.3)
 * ```
 */
export function essOfIndicator(m: ChainMatrix, q: number): number {
  const ind = new Float64Array(m.data.length);
  for (let i = 0; i < ind.length; i++) ind[i] = m.data[i] <= q ? 1 : 0;
  return essOfChains(splitView({ data: ind, chains: m.chains, draws: m.draws }));
}

/**
 * The probability posterior uses for the indicator of quantile `prob` among `len` draws: prob
 * itself, except (len - 0.5) / len for prob = 1 (internal).
 *
 * @example
 * ```ts
 * indicatorProb(1, 100); // 0.995
 * ```
 */
export function indicatorProb(prob: number, len: number): number {
  return prob === 1 ? (len - 0.5) / len : prob;
}

/**
 * ESS of one quantile given a sorted copy of the draws (internal).
 *
 * @example
 * ```ts
 * const m = toChainMatrix(chains);
 * essQuantileSorted(m, sortedCopy(m.data), 0.05);
 * ```
 */
export function essQuantileSorted(m: ChainMatrix, sorted: Float64Array, prob: number): number {
  const len = m.data.length;
  if (shouldReturnNaN(m.data)) return NaN;
  const q = quantileSorted(sorted, indicatorProb(prob, len));
  return essOfIndicator(m, q);
}

/**
 * ESS of quantile estimates (posterior's `ess_quantile`): for each probability p, the ESS of the
 * indicator draws <= quantile(draws, p), split chains.
 *
 * @param probs - probabilities in [0, 1] (default [0.05, 0.95])
 * @example
 * ```ts
 * essQuantile(chains, [0.05, 0.95]); // [ess_q5, ess_q95]
 * ```
 */
export function essQuantile(x: ScalarDraws, probs: readonly number[] = [0.05, 0.95]): number[] {
  const m = toChainMatrix(x);
  for (const p of probs) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`essQuantile: probabilities must be in [0, 1], got ${p}`);
  }
  const sorted = sortedCopy(m.data);
  return probs.map((p) => essQuantileSorted(m, sorted, p));
}

/**
 * ESS of the median (posterior's `ess_median`).
 *
 * @example
 * ```ts
 * essMedian(chains);
 * ```
 */
export function essMedian(x: ScalarDraws): number {
  return essQuantile(x, [0.5])[0];
}

/**
 * Tail ESS (posterior's `ess_tail`): the smaller of the ESS of the 5% and 95% quantiles.
 *
 * @example
 * ```ts
 * essTail([chain1, chain2, chain3, chain4]);
 * ```
 */
export function essTail(x: ScalarDraws): number {
  const [q5, q95] = essQuantile(x, [0.05, 0.95]);
  return Math.min(q5, q95);
}

/**
 * ESS of the standard deviation (posterior's `ess_sd`).
 *
 * The default (`"squared"`) is the ESS of (x - mean)², as in posterior ≥ 1.6.1 and ArviZ ≥ 0.21
 * (the quantity that enters the variance). `"abs"` is the ESS of |x - mean| that posterior 1.4
 * to 1.6.0 computed.
 *
 * @example
 * ```ts
 * essSd(chains);                      // posterior >= 1.6.1, ArviZ
 * essSd(chains, { method: "abs" });   // posterior 1.4.x - 1.6.0
 * ```
 */
export function essSd(x: ScalarDraws, options: { method?: "squared" | "abs" } = {}): number {
  const m = toChainMatrix(x);
  const mu = mean(m.data);
  const dev = new Float64Array(m.data.length);
  if (options.method === "abs") for (let i = 0; i < dev.length; i++) dev[i] = Math.abs(m.data[i] - mu);
  else
    for (let i = 0; i < dev.length; i++) {
      const d = m.data[i] - mu;
      dev[i] = d * d;
    }
  return essOfChains(splitView({ data: dev, chains: m.chains, draws: m.draws }));
}
