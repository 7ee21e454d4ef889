/**
 * The draws of both sides under one naming, Stan's (`mu`, `eta[3]`, `m[2,14]`, 1-based). No
 * imports, so that the examples' stats tests can use it through reference-check.ts.
 */

/** name → chains × draws, one entry per scalar quantity, named as Stan names them. */
export type Draws = Record<string, number[][]>;

/** A site's draws grouped by chain: shape [chains, draws, ...event], row-major data. */
export interface ChainDraws {
  shape: readonly number[];
  data: ArrayLike<number>;
}

/**
 * Split Orrery's draws (`mcmc.getSamples({ groupByChain: true })`) into scalar quantities named as
 * Stan names them: size-1 axes are dropped (a plate at dim −2 gives `mu` shape [C, 1], Stan's
 * `vector[C] mu`), the others indexed 1-based (`m[c,s]`).
 *
 * @example
 * ```ts
 * const draws = orreryDraws(mcmc.getSamples({ groupByChain: true })); // { theta: [[…], …], "eta[1]": … }
 * ```
 */
export function orreryDraws(samples: Record<string, ChainDraws>): Draws {
  const draws: Draws = {};
  for (const [name, v] of Object.entries(samples)) {
    const [c, n, ...rest] = v.shape;
    const dims = rest.filter((d) => d !== 1);
    const size = rest.reduce((a, b) => a * b, 1);
    for (let j = 0; j < size; j++) {
      const idx: number[] = [];
      let r = j;
      for (let k = dims.length - 1; k >= 0; k--) {
        idx.unshift((r % dims[k]) + 1);
        r = Math.floor(r / dims[k]);
      }
      const key = dims.length === 0 ? name : `${name}[${idx.join(",")}]`;
      draws[key] = Array.from({ length: c }, (_, ci) => Array.from({ length: n }, (_, i) => Number(v.data[(ci * n + i) * size + j])));
    }
  }
  return draws;
}

