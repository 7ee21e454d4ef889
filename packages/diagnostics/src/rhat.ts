import { toChainMatrix, type ChainMatrix, type ScalarDraws } from "./draws.js";
import { centerChains, chainMeans, shouldReturnNaN } from "./moments.js";
import { medianSorted } from "./quantile.js";
import { foldedOrder, zScaleFromOrder, zScaleValues } from "./rank-normalize.js";
import { argsort, gather } from "./sort.js";
import { splitView } from "./split-chains.js";

/**
 * R-hat of Vehtari et al. (2021) and Gelman et al. (2013), computed as R's posterior computes it.
 */

/**
 * The potential scale reduction of a chain-major matrix (posterior's internal `.rhat`):
 * sqrt((B/W + n - 1) / n) with B = n var(chain means) and W the mean within-chain variance.
 * The chains are used as given (no split). NaN for non-finite or constant input, or a single
 * chain; Infinity when every chain is constant but the chains differ.
 *
 * @example
 * ```ts
 * rhatOfChains(toChainMatrix([[1, 2, 3, 4], [2, 3, 4, 5]]));
 * ```
 */
export function rhatOfChains(x: ChainMatrix): number {
  const { data, chains, draws: n } = x;
  if (shouldReturnNaN(data)) return NaN;
  const cm = chainMeans(data, chains, n);
  const centered = centerChains(data, chains, n, cm, new Float64Array(data.length));
  let withinSum = 0;
  for (let c = 0; c < chains; c++) {
    // matrixStats::colVars(x, center = chain_mean): mean of squared deviations * n / (n - 1)
    let ss = 0;
    for (let i = c * n, end = c * n + n; i < end; i++) ss += centered[i] * centered[i];
    withinSum += n > 1 ? (ss / n) * (n / (n - 1)) : NaN;
  }
  const varBetween = n * cm.varOfMeans;
  const varWithin = withinSum / chains;
  return Math.sqrt((varBetween / varWithin + n - 1) / n);
}

/**
 * Basic R-hat (posterior's `rhat_basic`): the potential scale reduction of the raw draws,
 * with split chains by default. For practical use prefer {@link rhat}.
 *
 * @param options.split - split each chain in halves first (default true)
 * @example
 * ```ts
 * rhatBasic([chain1, chain2, chain3, chain4]);
 * ```
 */
export function rhatBasic(x: ScalarDraws, options: { split?: boolean } = {}): number {
  const m = toChainMatrix(x);
  return rhatOfChains(options.split === false ? m : splitView(m));
}

/** Rank-normalised split R-hat of the draws: bulk and folded, from a matrix (one sort). */
function rhatParts(m: ChainMatrix): { bulk: number; tail: number } {
  const { data, chains, draws } = m;
  const split = splitView(m);
  const order = argsort(data);
  const sorted = gather(data, order);
  // With an even number of draws the split matrix is the same buffer, so the order is reusable.
  const sameBuffer = split.data === data;
  const zb = sameBuffer ? zScaleFromOrder(data, order, new Float64Array(data.length)) : zScaleValues(split.data);
  const bulk = rhatOfChains({ data: zb, chains: split.chains, draws: split.draws });
  const med = medianSorted(sorted);
  const folded = new Float64Array(data.length);
  for (let i = 0; i < folded.length; i++) folded[i] = Math.abs(data[i] - med);
  const fsplit = splitView({ data: folded, chains, draws });
  const zt =
    sameBuffer && !Number.isNaN(med)
      ? zScaleFromOrder(folded, foldedOrder(order, sorted, med, folded), zb)
      : zScaleValues(fsplit.data);
  const tail = rhatOfChains({ data: zt, chains: fsplit.chains, draws: fsplit.draws });
  return { bulk, tail };
}

/**
 * Rank-normalised split R-hat (posterior's `rhat`, ArviZ's `rhat(method="rank")`): the larger of
 * the split R-hat of the rank-normalised draws (bulk) and of the rank-normalised draws folded
 * around the median (tail). Values above 1.01 suggest the chains have not mixed.
 *
 * @example
 * ```ts
 * rhat([chain1, chain2, chain3, chain4]); // e.g. 1.0007
 * rhat({ data: new Float64Array(4 * 1000), shape: [4, 1000] });
 * ```
 */
export function rhat(x: ScalarDraws): number {
  const { bulk, tail } = rhatParts(toChainMatrix(x));
  // R's max() propagates NA.
  if (Number.isNaN(bulk) || Number.isNaN(tail)) return NaN;
  return Math.max(bulk, tail);
}

/**
 * Bulk R-hat: the split R-hat of the rank-normalised draws alone.
 *
 * @example
 * ```ts
 * rhatBulk([chain1, chain2]);
 * ```
 */
export function rhatBulk(x: ScalarDraws): number {
  return rhatParts(toChainMatrix(x)).bulk;
}

/**
 * Tail (folded) R-hat: the split R-hat of the rank-normalised |x - median(x)|.
 *
 * @example
 * ```ts
 * rhatTail([chain1, chain2]);
 * ```
 */
export function rhatTail(x: ScalarDraws): number {
  return rhatParts(toChainMatrix(x)).tail;
}
