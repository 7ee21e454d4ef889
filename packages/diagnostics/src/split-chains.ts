import { toChainMatrix, type ChainMatrix, type ScalarDraws } from "./draws.js";

/**
 * Split every chain into its first and second half, as posterior's `.split_chains`: with an odd
 * number of draws the middle draw is dropped; with a single draw nothing is split. The result
 * (a fresh copy) has the first halves of all chains, then the second halves.
 *
 * @example
 * ```ts
 * splitChains([[1, 2, 3, 4, 5]]); // { chains: 2, draws: 2, data: [1, 2, 4, 5] }
 * ```
 */
export function splitChains(x: ScalarDraws): ChainMatrix {
  const m = toChainMatrix(x);
  const { chains, draws, data } = m;
  if (draws <= 1) return { data: Float64Array.from(data), chains, draws };
  const h = Math.floor(draws / 2);
  const out = new Float64Array(2 * chains * h);
  for (let c = 0; c < chains; c++) {
    out.set(data.subarray(c * draws, c * draws + h), c * h);
    out.set(data.subarray(c * draws + draws - h, c * draws + draws), (chains + c) * h);
  }
  return { data: out, chains: 2 * chains, draws: h };
}

/**
 * Split chains without copying when possible (internal): with an even number of draws a
 * chain-major buffer already *is* the split matrix, read as 2 × chains chains of draws / 2
 * (chain order differs from {@link splitChains}, which no diagnostic depends on).
 *
 * @example
 * ```ts
 * splitView(toChainMatrix([[1, 2, 3, 4]])); // { chains: 2, draws: 2 }, same buffer
 * ```
 */
export function splitView(m: ChainMatrix): ChainMatrix {
  const { chains, draws, data } = m;
  if (draws <= 1) return m;
  if (draws % 2 === 0) return { data, chains: 2 * chains, draws: draws / 2 };
  return splitChains(m);
}
