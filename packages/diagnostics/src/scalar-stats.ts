import type { ChainMatrix } from "./draws.js";
import { essOfChains, essOfIndicator, indicatorProb } from "./ess.js";
import { hdiSorted } from "./hdi.js";
import { mcseQuantileSorted, mcseSdOf } from "./mcse.js";
import { mean, shouldReturnNaN, variance } from "./moments.js";
import { essNumpyro, splitRhatNumpyro } from "./numpyro.js";
import { etiSorted, madSorted, medianSorted, quantileSorted } from "./quantile.js";
import { foldedOrder, zScaleFromOrder, zScaleValues } from "./rank-normalize.js";
import { argsort, gather } from "./sort.js";
import { rhatOfChains } from "./rhat.js";
import { splitView } from "./split-chains.js";

/**
 * Every statistic of one scalar quantity, computed lazily and cached so that a summary sorts the
 * draws once, rank-normalises them once, and shares intermediate results between columns.
 * The numbers are identical to those of the standalone functions (`rhat`, `essBulk`, ...).
 *
 * @example
 * ```ts
 * const s = new ScalarStats(toChainMatrix(chains));
 * [s.rhat(), s.essBulk(), s.essTail(), s.mcseMean()];
 * ```
 */
export class ScalarStats {
  private cache = new Map<string, number>();
  private sortedAll?: Float64Array;
  private orderAll?: Uint32Array;
  private zBulk?: ChainMatrix;

  constructor(readonly draws: ChainMatrix) {}

  private memo(key: string, f: () => number): number {
    let v = this.cache.get(key);
    if (v === undefined) {
      v = f();
      this.cache.set(key, v);
    }
    return v;
  }

  /** All draws, sorted ascending (NaN last). */
  get sorted(): Float64Array {
    this.sortedAll ??= gather(this.draws.data, this.order);
    return this.sortedAll;
  }

  /** The order that sorts all draws. */
  get order(): Uint32Array {
    this.orderAll ??= argsort(this.draws.data);
    return this.orderAll;
  }

  get size(): number {
    return this.draws.data.length;
  }

  mean(): number {
    return this.memo("mean", () => mean(this.draws.data));
  }

  sd(): number {
    return this.memo("sd", () => Math.sqrt(variance(this.draws.data, 0, this.size, this.mean())));
  }

  median(): number {
    return this.memo("median", () => medianSorted(this.sorted));
  }

  mad(): number {
    return this.memo("mad", () => madSorted(this.sorted));
  }

  quantile(p: number): number {
    return this.memo(`q${p}`, () => quantileSorted(this.sorted, p));
  }

  hdi(prob: number): [number, number] {
    const lo = this.memo(`hdiL${prob}`, () => {
      const [a, b] = hdiSorted(this.sorted, prob);
      this.cache.set(`hdiU${prob}`, b);
      return a;
    });
    return [lo, this.cache.get(`hdiU${prob}`) as number];
  }

  eti(prob: number): [number, number] {
    return etiSorted(this.sorted, prob);
  }

  private get bulkZ(): ChainMatrix {
    if (this.zBulk === undefined) {
      const split = splitView(this.draws);
      // With an even number of draws the split matrix is the same buffer: reuse the sort.
      const z =
        split.data === this.draws.data
          ? zScaleFromOrder(split.data, this.order, new Float64Array(split.data.length))
          : zScaleValues(split.data);
      this.zBulk = { data: z, chains: split.chains, draws: split.draws };
    }
    return this.zBulk;
  }

  rhatBulk(): number {
    return this.memo("rhatBulk", () => rhatOfChains(this.bulkZ));
  }

  rhatTail(): number {
    return this.memo("rhatTail", () => {
      const med = this.median();
      const { data, chains, draws } = this.draws;
      const folded = new Float64Array(data.length);
      for (let i = 0; i < folded.length; i++) folded[i] = Math.abs(data[i] - med);
      const split = splitView({ data: folded, chains, draws });
      const z =
        split.data === folded && !Number.isNaN(med)
          ? zScaleFromOrder(folded, foldedOrder(this.order, this.sorted, med, folded), new Float64Array(folded.length))
          : zScaleValues(split.data);
      return rhatOfChains({ data: z, chains: split.chains, draws: split.draws });
    });
  }

  /** posterior's `rhat`: max of bulk and tail, NaN if either is. */
  rhat(): number {
    const b = this.rhatBulk();
    const t = this.rhatTail();
    return Number.isNaN(b) || Number.isNaN(t) ? NaN : Math.max(b, t);
  }

  rhatBasic(): number {
    return this.memo("rhatBasic", () => rhatOfChains(splitView(this.draws)));
  }

  essBulk(): number {
    return this.memo("essBulk", () => essOfChains(this.bulkZ));
  }

  private get rawInvalid(): boolean {
    return this.memo("invalid", () => (shouldReturnNaN(this.draws.data) ? 1 : 0)) === 1;
  }

  essQuantile(p: number): number {
    return this.memo(`essq${p}`, () => {
      if (this.rawInvalid) return NaN;
      return essOfIndicator(this.draws, quantileSorted(this.sorted, indicatorProb(p, this.size)));
    });
  }

  essTail(): number {
    return Math.min(this.essQuantile(0.05), this.essQuantile(0.95));
  }

  essMedian(): number {
    return this.essQuantile(0.5);
  }

  essMean(): number {
    return this.memo("essMean", () => essOfChains(splitView(this.draws)));
  }

  essSd(): number {
    return this.memo("essSd", () => {
      const mu = this.mean();
      const { data, chains, draws } = this.draws;
      const sq = new Float64Array(data.length);
      for (let i = 0; i < sq.length; i++) sq[i] = (data[i] - mu) * (data[i] - mu);
      return essOfChains(splitView({ data: sq, chains, draws }));
    });
  }

  mcseMean(): number {
    return this.memo("mcseMean", () => this.sd() / Math.sqrt(this.essMean()));
  }

  mcseSd(): number {
    return this.memo("mcseSd", () => mcseSdOf(this.draws, this.mean()));
  }

  mcseQuantile(p: number): number {
    return this.memo(`mcseq${p}`, () => mcseQuantileSorted(this.draws, this.sorted, p));
  }

  /** NumPyro's `effective_sample_size` (n_eff); NaN where NumPyro would assert. */
  nEff(): number {
    return this.memo("nEff", () => (this.draws.draws < 2 ? NaN : essNumpyro(this.draws)));
  }

  /** NumPyro's `split_gelman_rubin`; NaN where NumPyro would assert. */
  splitRhatNumpyro(): number {
    return this.memo("splitRhatNumpyro", () => (this.draws.draws < 4 ? NaN : splitRhatNumpyro(this.draws)));
  }
}
