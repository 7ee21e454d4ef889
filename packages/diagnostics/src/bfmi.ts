import { toChainMatrix, type ScalarDraws } from "./draws.js";
import { mean } from "./moments.js";

/**
 * Estimated Bayesian fraction of missing information (E-BFMI) of each chain's energy trace,
 * as ArviZ's `bfmi` and Stan compute it: mean of squared successive differences divided by the
 * (population, ddof = 0) variance of the energy. Values below 0.3 suggest the momentum
 * resampling explores the energy distribution poorly (Betancourt 2016).
 *
 * @param energy - the sampler's `energy` (`energy__` in CmdStan), chains × draws
 * @returns one E-BFMI per chain
 * @example
 * ```ts
 * bfmi([energyChain1, energyChain2]); // e.g. [0.98, 1.04]
 * ```
 */
export function bfmi(energy: ScalarDraws): number[] {
  const { data, chains, draws: n } = toChainMatrix(energy);
  const out: number[] = [];
  for (let c = 0; c < chains; c++) {
    const off = c * n;
    let num = 0;
    for (let i = 1; i < n; i++) {
      const d = data[off + i] - data[off + i - 1];
      num += d * d;
    }
    num /= n - 1;
    const m = mean(data, off, n);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = data[off + i] - m;
      ss += d * d;
    }
    out.push(num / (ss / n));
  }
  return out;
}
