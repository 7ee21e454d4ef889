import { MeanAutocovariance } from "./autocorrelation.js";
import { toChainMatrix, type ChainMatrix, type ScalarDraws } from "./draws.js";
import { centerChains, chainMeans, mean } from "./moments.js";

/**
 * The older diagnostics that NumPyro's `print_summary` reports (`numpyro.diagnostics`):
 * `gelman_rubin`, `split_gelman_rubin` (the `r_hat` column) and `effective_sample_size` (the
 * `n_eff` column). They are not rank-normalised and the ESS does not split chains; prefer
 * {@link rhat}, {@link essBulk} and {@link essTail}. Kept to reproduce NumPyro's tables.
 */

/** NumPyro's `_compute_chain_variance_stats`: [var_within, var_estimator]. */
function chainVarianceStats(m: ChainMatrix): [number, number] {
  const { data, chains: C, draws: N } = m;
  const means = new Float64Array(C);
  let within = 0;
  for (let c = 0; c < C; c++) {
    const mu = mean(data, c * N, N);
    means[c] = mu;
    let ss = 0;
    for (let i = c * N; i < (c + 1) * N; i++) {
      const d = data[i] - mu;
      ss += d * d;
    }
    within += ss / (N - 1);
  }
  let varWithin = within / C;
  let varEstimator = (varWithin * (N - 1)) / N;
  if (C > 1) {
    const mm = mean(means);
    let ss = 0;
    for (let c = 0; c < C; c++) ss += (means[c] - mm) ** 2;
    varEstimator += ss / (C - 1);
  } else {
    varWithin = varEstimator;
  }
  return [varWithin, varEstimator];
}

/**
 * NumPyro's `gelman_rubin`: sqrt(var_estimator / var_within) over the chains as given (no split).
 * Needs at least 2 chains and 2 draws.
 *
 * @example
 * ```ts
 * rhatNumpyro([chain1, chain2]);
 * ```
 */
export function rhatNumpyro(x: ScalarDraws): number {
  const m = toChainMatrix(x);
  if (m.chains < 2 || m.draws < 2) throw new RangeError("rhatNumpyro: needs at least 2 chains and 2 draws");
  const [w, v] = chainVarianceStats(m);
  return Math.sqrt(v / w);
}

/**
 * NumPyro's `split_gelman_rubin` (the `r_hat` of `print_summary`): {@link rhatNumpyro} of the
 * first and last floor(N/2) draws of every chain. Needs at least 4 draws.
 *
 * @example
 * ```ts
 * splitRhatNumpyro([chain1, chain2, chain3, chain4]);
 * ```
 */
export function splitRhatNumpyro(x: ScalarDraws): number {
  const m = toChainMatrix(x);
  if (m.draws < 4) throw new RangeError("splitRhatNumpyro: needs at least 4 draws per chain");
  const h = Math.floor(m.draws / 2);
  const data = new Float64Array(2 * m.chains * h);
  for (let c = 0; c < m.chains; c++) {
    data.set(m.data.subarray(c * m.draws, c * m.draws + h), c * h);
    data.set(m.data.subarray((c + 1) * m.draws - h, (c + 1) * m.draws), (m.chains + c) * h);
  }
  const [w, v] = chainVarianceStats({ data, chains: 2 * m.chains, draws: h });
  return Math.sqrt(v / w);
}

/**
 * NumPyro's `effective_sample_size` (the `n_eff` of `print_summary`): chains are not split; the
 * autocorrelations are combined as rho_k = 1 - (W - mean_c acov_c[k]) / var_estimator, summed in
 * pairs, clipped at zero and made monotone (with no early truncation), and
 * n_eff = C N / (-1 + 2 sum). NaN for constant draws. Needs at least 2 draws.
 *
 * @example
 * ```ts
 * essNumpyro([chain1, chain2, chain3, chain4]);
 * ```
 */
export function essNumpyro(x: ScalarDraws): number {
  const m = toChainMatrix(x);
  const { data, chains: C, draws: N } = m;
  if (N < 2) throw new RangeError("essNumpyro: needs at least 2 draws per chain");
  const [varWithin, varEstimator] = chainVarianceStats(m);
  const cm = chainMeans(data, C, N);
  const centered = centerChains(data, C, N, cm, new Float64Array(data.length));
  // NumPy's autocorrelation divides by the lag-0 term: 0/0 (NaN) for a constant chain.
  for (let c = 0; c < C; c++) {
    let allZero = true;
    for (let i = c * N; i < (c + 1) * N && allZero; i++) allZero = centered[i] === 0;
    if (allZero) return NaN;
  }
  // mean over chains of the biased autocovariance sum_i y_i y_{i+k} / N
  const acov = new MeanAutocovariance(centered, C, N);
  const rho = (k: number): number => (k === 0 ? 1 : 1 - (varWithin - acov.at(k)) / varEstimator);
  const pairs = Math.floor(N / 2);
  let total = rho(0) + rho(1);
  let running = Infinity;
  for (let p = 1; p < pairs; p++) {
    // clip at zero, then the running minimum (np.minimum.accumulate): once a pair sum is
    // <= 0 every later term is 0, so the autocovariances beyond it are never needed.
    const v = Math.max(rho(2 * p) + rho(2 * p + 1), 0);
    running = Math.min(running, v);
    total += running;
    if (running === 0 || Number.isNaN(running)) break;
  }
  const tau = -1 + 2 * total;
  return (C * N) / tau;
}
