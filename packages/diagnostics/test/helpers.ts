import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import type { ChainMatrix } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));

/** JSON numbers as the fixture scripts write them: null for NA/NaN, "Inf"/"-Inf" for infinities. */
export type FixtureNumber = number | null | "Inf" | "-Inf";

export function decode(v: FixtureNumber): number {
  if (v === null) return NaN;
  if (v === "Inf") return Infinity;
  if (v === "-Inf") return -Infinity;
  return v;
}

export interface PosteriorCase {
  chains: number;
  draws: number;
  data: FixtureNumber[];
  results: Record<string, FixtureNumber | FixtureNumber[]>;
}

export interface PosteriorFixture {
  generator: string;
  probs: number[];
  cases: Record<string, PosteriorCase>;
  quantile_types: Record<string, { name: string; values: FixtureNumber[][] }>;
  summarise_draws: {
    variables: string[];
    chains: number;
    draws: number;
    data: Record<string, FixtureNumber[]>;
    columns: string[];
    rows: Record<string, FixtureNumber>[];
  };
  autocovariance: { x: number[]; autocovariance: number[]; autocorrelation: number[] };
  special: { qnorm_p: number[]; qnorm: number[]; qbeta: number[][] };
}

export interface NumpyCase {
  n_eff: FixtureNumber;
  split_r_hat: FixtureNumber;
  r_hat_nosplit: FixtureNumber;
  hdi: (FixtureNumber[] | null)[];
  hpdi: (FixtureNumber[] | null)[];
  eti: (FixtureNumber[] | null)[];
  median: FixtureNumber;
  std: FixtureNumber;
  bfmi: FixtureNumber[] | null;
}

export interface NumpyFixture {
  generator: string;
  exact: { large_scale: Record<string, number> };
  hdi_probs: number[];
  eti_probs: number[];
  cases: Record<string, NumpyCase>;
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(here, "fixtures", name), "utf8")) as T;
}

export const posterior = loadFixture<PosteriorFixture>("posterior.json");
export const numpy = loadFixture<NumpyFixture>("numpy.json");

export function caseMatrix(c: PosteriorCase): ChainMatrix {
  return { data: Float64Array.from(c.data, decode), chains: c.chains, draws: c.draws };
}

export const caseNames = Object.keys(posterior.cases);

/**
 * Expect `actual` to equal the reference to a relative tolerance (1e-10 by default), with NaN
 * matching NaN and infinities matching exactly.
 */
export function expectClose(actual: number, expected: FixtureNumber | number, what: string, rel = 1e-10): void {
  const e = typeof expected === "number" ? expected : decode(expected);
  if (Number.isNaN(e)) {
    expect.soft(actual, `${what}: expected NaN`).toBeNaN();
    return;
  }
  if (!Number.isFinite(e)) {
    expect.soft(actual, what).toBe(e);
    return;
  }
  const err = Math.abs(actual - e);
  const tol = rel * Math.max(Math.abs(e), 1e-300);
  const msg = `${what}: got ${actual}, expected ${e} (relative error ${(err / Math.abs(e)).toExponential(2)})`;
  expect.soft(err <= tol, msg).toBe(true);
}
