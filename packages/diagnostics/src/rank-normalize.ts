import { toChainMatrix, type ChainMatrix, type ScalarDraws } from "./draws.js";
import { medianSorted, sortedCopy } from "./quantile.js";
import { qnorm } from "./special.js";

/**
 * Rank transforms of Vehtari et al. (2021), as posterior's `r_scale`, `u_scale` and `z_scale`.
 * Ranks are taken over all values pooled (every chain), with ties given their average rank;
 * NaN keeps NaN. The fractional offset is Blom's c = 3/8.
 *
 * Ranks come from one sort and a binary search per value (no index sort), and the normal
 * scores of integer ranks are cached per sample size, so `z_scale` of 40,000 draws costs one
 * sort and no `qnorm` calls after the first time.
 */

/** Blom's fractional offset. */
const BLOM = 3 / 8;

/** First index i with sorted[i] >= v (sorted ascending, NaN at the end). */
function lowerBound(sorted: Float64Array, v: number, end: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with sorted[i] > v. */
function upperBound(sorted: Float64Array, v: number, from: number, end: number): number {
  let lo = from;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Average ranks (1-based, ties averaged) of `values` among `sorted` (a sorted copy of the same
 * values). Writes into `out`; NaN values get NaN.
 */
export function averageRanks(values: ArrayLike<number>, sorted: Float64Array, out: Float64Array): Float64Array {
  let end = sorted.length;
  while (end > 0 && Number.isNaN(sorted[end - 1])) end--;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      out[i] = NaN;
      continue;
    }
    const lb = lowerBound(sorted, v, end);
    const ub = lb + 1 < end && sorted[lb + 1] === v ? upperBound(sorted, v, lb + 1, end) : lb + 1;
    out[i] = (lb + 1 + ub) / 2;
  }
  return out;
}

let zTableSize = -1;
let zTable = new Float64Array(0);

/** Normal score of rank r among S values: qnorm((r - 3/8) / (S - 2 * 3/8 + 1)). */
function zOfRank(r: number, S: number): number {
  if (Number.isNaN(r)) return NaN;
  if (Number.isInteger(r)) {
    if (zTableSize !== S) {
      zTableSize = S;
      zTable = new Float64Array(S).fill(NaN);
    }
    let z = zTable[r - 1];
    if (Number.isNaN(z)) {
      z = qnorm((r - BLOM) / (S - 2 * BLOM + 1));
      zTable[r - 1] = z;
    }
    return z;
  }
  return qnorm((r - BLOM) / (S - 2 * BLOM + 1));
}

/**
 * Rank normal scores of `values` into `out`, given a sorted copy of them (internal fast path).
 */
export function zScaleSorted(values: ArrayLike<number>, sorted: Float64Array, out: Float64Array): Float64Array {
  averageRanks(values, sorted, out);
  const S = values.length;
  for (let i = 0; i < S; i++) out[i] = zOfRank(out[i], S);
  return out;
}

function mapMatrix(x: ScalarDraws, f: (data: Float64Array) => Float64Array): ChainMatrix {
  const m = toChainMatrix(x);
  return { data: f(m.data), chains: m.chains, draws: m.draws };
}

/**
 * Ranks of all draws pooled, ties averaged (posterior's `r_scale`).
 *
 * @example
 * ```ts
 * rScale([[3, 1], [2, 2]]).data; // Float64Array [4, 1, 2.5, 2.5]
 * ```
 */
export function rScale(x: ScalarDraws): ChainMatrix {
  return mapMatrix(x, (d) => averageRanks(d, sortedCopy(d), new Float64Array(d.length)));
}

/**
 * Rank uniformisation (posterior's `u_scale`): (rank - 3/8) / (S - 3/4 + 1).
 *
 * @example
 * ```ts
 * uScale([[3, 1], [2, 2]]).data; // (ranks - 0.375) / 4.25
 * ```
 */
export function uScale(x: ScalarDraws): ChainMatrix {
  return mapMatrix(x, (d) => {
    const r = averageRanks(d, sortedCopy(d), new Float64Array(d.length));
    const S = d.length;
    for (let i = 0; i < S; i++) r[i] = (r[i] - BLOM) / (S - 2 * BLOM + 1);
    return r;
  });
}

/**
 * Rank normalisation (posterior's `z_scale`): the normal quantile of the rank uniformised draws.
 *
 * @example
 * ```ts
 * zScale([[0.3, 10], [-2, 5]]).data; // qnorm of (ranks - 3/8) / 4.25
 * ```
 */
export function zScale(x: ScalarDraws): ChainMatrix {
  return mapMatrix(x, (d) => zScaleSorted(d, sortedCopy(d), new Float64Array(d.length)));
}

/**
 * Fold draws around their median: |x - median(x)| (used by the tail R-hat).
 *
 * @example
 * ```ts
 * foldDraws([[1, 2, 3, 10]]).data; // Float64Array [1.5, 0.5, 0.5, 7.5]
 * ```
 */
export function foldDraws(x: ScalarDraws, median?: number): ChainMatrix {
  return mapMatrix(x, (d) => {
    const med = median ?? medianSorted(sortedCopy(d));
    const out = new Float64Array(d.length);
    for (let i = 0; i < d.length; i++) out[i] = Math.abs(d[i] - med);
    return out;
  });
}
