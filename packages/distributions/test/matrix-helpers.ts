/**
 * Shared parts of the matrix-distribution suites (LKJ, Wishart): fixture cases and builders.
 */
import { type Array, np } from "@orrery/core";
import * as D from "../src/index.js";
import { fixtures, num, toList } from "./helpers.js";

export const lkjCases = fixtures.matrix.filter((c) => c.name === "LKJCholesky");
export const wishartCases = fixtures.matrix.filter((c) => c.name === "Wishart");

export const closeAll = (got: number[], want: number[], rtol = 1e-12, what = ""): void =>
  got.forEach((v, i) => {
    const w = want[i];
    if (!(Math.abs(v - w) <= rtol * Math.max(1, Math.abs(w)))) throw new Error(`${what} index ${i}: ${v} vs ${w} (diff ${v - w})`);
  });

/** Entry (i, j) of each matrix in a `[n, p, p]` stack, as a JS array. */
export const entry = (m: Array, i: number, j: number): number[] => toList(m.index(np.s(), i, j));

/** Correlation matrices L Lᵀ of Cholesky factors. */
export const corr = (L: Array): Array => np.matmul(L, np.swapaxes(L, -1, -2));

export const wishartOf = (c: Record<string, any>, cls: typeof D.Wishart | typeof D.WishartCholesky = D.Wishart) =>
  new cls(c.df, { scaleMatrix: np.array(c.scaleMatrix) });

export { num };
