import { toChainMatrix, type ChainMatrix, type ScalarDraws } from "./draws.js";
import { medianSorted, sortedCopy } from "./quantile.js";
import { argsort } from "./sort.js";
import { qnorm } from "./special.js";

/**
 * Rank transforms of Vehtari et al. (2021), as posterior's `r_scale`, `u_scale` and `z_scale`.
 * Ranks are taken over all values pooled (every chain), with ties given their average rank;
 * NaN keeps NaN. The fractional offset is Blom's c = 3/8.
 *
 * Ranks come from one radix argsort, and the normal
 * scores of integer ranks are cached per sample size, so `z_scale` of 40,000 draws costs one
 * sort and no `qnorm` calls after the first time.
 */

/** Blom's fractional offset. */
const BLOM = 3 / 8;

/**
 * Average ranks (1-based, ties averaged) of `values`, given the order that sorts them
 * ({@link argsort}). Writes into `out`; NaN values get NaN.
 *
 * @example
 * ```ts
 * const x = Float64Array.of(3, 1, 2, 2);
 * averageRanksFromOrder(x, argsort(x), new Float64Array(4)); // [4, 1, 2.5, 2.5]
 * ```
 */
export function averageRanksFromOrder(values: ArrayLike<number>, order: Uint32Array, out: Float64Array): Float64Array {
  const n = order.length;
  let k = 0;
  while (k < n) {
    const v = values[order[k]];
    if (v !== v) {
      for (; k < n; k++) out[order[k]] = NaN;
      break;
    }
    let e = k + 1;
    while (e < n && values[order[e]] === v) e++;
    const r = (k + 1 + e) / 2;
    for (let j = k; j < e; j++) out[order[j]] = r;
    k = e;
  }
  return out;
}

let zTableSize = -1;
let zTable = new Float64Array(0);

/** Normal score of rank r among S values: qnorm((r - 3/8) / (S - 2 * 3/8 + 1)). */
function zOfRank(r: number, S: number): number {
  return qnorm((r - BLOM) / (S - 2 * BLOM + 1));
}

/** The normal scores of integer ranks 1..S, cached for the last S (filled lazily, NaN = unset). */
function zTableFor(S: number): Float64Array {
  if (zTableSize !== S) {
    zTableSize = S;
    zTable = new Float64Array(S).fill(NaN);
  }
  return zTable;
}

/**
 * Rank normal scores of `values` into `out`, given the order that sorts them (internal fast path).
 *
 * @example
 * ```ts
 * const x = Float64Array.of(3, 1, 2, 2);
 * zScaleFromOrder(x, argsort(x), new Float64Array(4)); // qnorm of (ranks - 3/8) / 4.25
 * ```
 */
export function zScaleFromOrder(values: ArrayLike<number>, order: Uint32Array, out: Float64Array): Float64Array {
  const S = order.length;
  const table = zTableFor(S);
  let k = 0;
  while (k < S) {
    const idx = order[k];
    const v = values[idx];
    if (v !== v) {
      for (; k < S; k++) out[order[k]] = NaN;
      break;
    }
    if (k + 1 === S || values[order[k + 1]] !== v) {
      // no tie: integer rank k + 1
      let z = table[k];
      if (z !== z) {
        z = zOfRank(k + 1, S);
        table[k] = z;
      }
      out[idx] = z;
      k++;
      continue;
    }
    let e = k + 1;
    while (e < S && values[order[e]] === v) e++;
    const r = (k + 1 + e) / 2;
    let z: number;
    if (Number.isInteger(r)) {
      z = table[r - 1];
      if (z !== z) {
        z = zOfRank(r, S);
        table[r - 1] = z;
      }
    } else {
      z = zOfRank(r, S);
    }
    for (let j = k; j < e; j++) out[order[j]] = z;
    k = e;
  }
  return out;
}

/**
 * Rank normal scores of a chain-major buffer (internal): one argsort, then the scores.
 *
 * @example
 * ```ts
 * zScaleValues(Float64Array.of(0.3, 10, -2, 5)); // same values as zScale(...).data
 * ```
 */
export function zScaleValues(values: Float64Array): Float64Array {
  return zScaleFromOrder(values, argsort(values), new Float64Array(values.length));
}

/**
 * The order that sorts folded = |x - med|, merged in O(n) from the order that sorts x (no
 * second sort): draws below the median taken in reverse, and draws from the median up taken in
 * order, are each already sorted by |x - med|. `x` must hold no NaN.
 *
 * @example
 * ```ts
 * const x = Float64Array.of(5, 1, 3, 2), order = argsort(x), sorted = Float64Array.of(1, 2, 3, 5);
 * const folded = x.map((v) => Math.abs(v - 2.5));
 * foldedOrder(order, sorted, 2.5, folded); // indices of x by |x - 2.5|: [3, 2, 1, 0]
 * ```
 */
export function foldedOrder(order: Uint32Array, sorted: ArrayLike<number>, med: number, folded: ArrayLike<number>): Uint32Array {
  const n = order.length;
  let p = 0;
  while (p < n && sorted[p] < med) p++;
  const out = new Uint32Array(n);
  let i = p - 1;
  let j = p;
  for (let k = 0; k < n; k++) {
    if (j >= n || (i >= 0 && folded[order[i]] <= folded[order[j]])) out[k] = order[i--];
    else out[k] = order[j++];
  }
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
  return mapMatrix(x, (d) => averageRanksFromOrder(d, argsort(d), new Float64Array(d.length)));
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
    const r = averageRanksFromOrder(d, argsort(d), new Float64Array(d.length));
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
  return mapMatrix(x, zScaleValues);
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
