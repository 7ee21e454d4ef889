/**
 * Statistical checks of every sampler against known moments (mean and sd within 4 batch-means
 * Monte-Carlo standard errors): standard normals of dimension 1–100, a correlated Gaussian with a
 * dense mass matrix, and Neal's funnel in its non-centred parameterisation.
 */
import { random } from "@orrery/core";
import { describe, expect, it } from "vitest";
import {
  type LogDensity,
  barker,
  buildEnsembleKernel,
  buildHmcKernel,
  buildNutsKernel,
  ellipticalSlice,
  ensembleInit,
  fromFunction,
  rngFromKey,
  rwm,
  sa,
  sampleChain,
  windowAdaptation,
  type WindowAdaptationOptions,
} from "../src/index.js";
import { checkMoments, funnelNonCentred, gaussian, stdNormal } from "./helpers.js";

interface Target {
  name: string;
  ld: LogDensity;
  /** [column, mean, sd] to check. */
  truth: [number, number, number][];
}

function corrCov(dim: number): Float64Array {
  // AR(1)-like correlation 0.9^|i-j| with sds 1..dim.
  const c = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) c[i * dim + j] = 0.9 ** Math.abs(i - j) * (i + 1) * (j + 1);
  return c;
}

const targets: Target[] = [
  ...[1, 2, 10, 50, 100].map((d) => ({ name: `std normal ${d}-D`, ld: stdNormal(d), truth: [[0, 0, 1], [d - 1, 0, 1]] as [number, number, number][] })),
  { name: "correlated 5-D Gaussian", ld: gaussian(5, corrCov(5)), truth: [[0, 0, 1], [4, 0, 5]] },
  { name: "non-centred funnel 10-D", ld: funnelNonCentred(10), truth: [[0, 0, 3], [1, 0, 1], [9, 0, 1]] },
];

function check(draws: Float64Array, dim: number, t: Target) {
  const errs = t.truth.map(([j, m, s]) => checkMoments(draws, dim, j, m, s)).filter((e) => e !== null);
  expect(errs, t.name).toEqual([]);
}

describe.each(targets)("$name", (t) => {
  const dim = t.ld.dim;
  const x0 = new Float64Array(dim).fill(0.3);

  it.each<[string, WindowAdaptationOptions]>([
    ["nuts, diagonal", { isMassMatrixDiagonal: true }],
    ["nuts, dense", { isMassMatrixDiagonal: false }],
    ["nuts, mclachlan", { integrator: "mclachlan" as const }],
  ])("%s", (_, opts) => {
    const warm = windowAdaptation(t.ld, opts).run(random.key(1), x0, 1000);
    const kernel = buildNutsKernel(t.ld, opts);
    const { draws } = sampleChain((rng, s, out) => kernel(rng, s, warm.parameters, out), random.key(2), warm.state, 4000);
    check(draws, dim, t);
  });

  it("hmc", () => {
    const L = 10;
    const warm = windowAdaptation(t.ld, { algorithm: "hmc", numIntegrationSteps: L }).run(random.key(3), x0, 1000);
    const kernel = buildHmcKernel(t.ld);
    // Jitter the trajectory length to avoid periodicity on Gaussians.
    const { draws } = sampleChain(
      (rng, s, out) => kernel(rng, s, { ...warm.parameters, numIntegrationSteps: 3 + rng.int(2 * L) }, out),
      random.key(4),
      warm.state,
      4000,
    );
    check(draws, dim, t);
  });

  it.runIf(dim <= 10)("barker", () => {
    const scale = t.name.startsWith("correlated") ? 0.3 : 1;
    const b = barker(t.ld, { stepSize: 1.2 * scale / Math.pow(dim, 1 / 6) });
    const { draws } = sampleChain((rng, s, out) => b.step(rng, s, out), random.key(5), b.init(x0), 200_000, { thin: 10 });
    check(draws.subarray(dim * 500), dim, t);
  });

  it.runIf(dim <= 10)("random-walk Metropolis", () => {
    const scale = (t.name.startsWith("correlated") ? 0.6 : 2.38) / Math.sqrt(dim);
    const algo = rwm(t.ld, { scale });
    const rng = rngFromKey(random.key(6));
    let s = algo.init(x0);
    const n = 400_000;
    const draws = new Float64Array((n / 10) * dim);
    for (let i = 0; i < n; i++) {
      s = algo.step(rng, s).state;
      if (i % 10 === 9) draws.set(s.position, ((i - 9) / 10) * dim);
    }
    check(draws.subarray(dim * 1000), dim, t);
  });

  it.runIf(dim <= 10).each([{ type: "stretch" as const }, { type: "de" as const }])("ensemble $type", (move) => {
    const rng = rngFromKey(random.key(7));
    const W = Math.max(8, 4 * dim);
    const st = ensembleInit(t.ld, Array.from({ length: W }, () => Array.from(x0, (v) => v + 0.1 * rng.normal())));
    const step = buildEnsembleKernel(t.ld);
    for (let i = 0; i < 3000; i++) step(rng, st, move);
    const n = 20_000;
    const draws = new Float64Array(n * dim);
    for (let i = 0; i < n; i++) {
      step(rng, st, move);
      draws.set(st.positions.subarray(0, dim), i * dim);
    }
    check(draws, dim, t);
  });

  it.runIf(dim <= 10)("sample adaptive", () => {
    const algo = sa(t.ld, { denseMass: true });
    const rng = rngFromKey(random.key(8));
    const s = algo.init(rng, x0);
    for (let i = 0; i < 20_000; i++) algo.step(rng, s);
    // SA's draws are strongly autocorrelated: a long run, thinned by 3.
    const n = 100_000;
    const draws = new Float64Array(n * dim);
    for (let i = 0; i < n; i++) {
      algo.step(rng, s);
      algo.step(rng, s);
      draws.set(algo.step(rng, s).state.position, i * dim);
    }
    check(draws, dim, t);
  });
});

describe("elliptical slice", () => {
  it("samples the non-centred funnel as a Gaussian prior with a flat likelihood, and a Gaussian posterior", () => {
    const flat = fromFunction(10, (_, g) => (g.fill(0), 0));
    const prior = new Float64Array(10).fill(1);
    prior[0] = 9;
    const t = targets.find((x) => x.name.startsWith("non-centred"))!;
    const algo = ellipticalSlice(flat, { cov: prior });
    const rng = rngFromKey(random.key(9));
    let s = algo.init(new Float64Array(10));
    const n = 20_000;
    const draws = new Float64Array(n * 10);
    for (let i = 0; i < n; i++) draws.set((s = algo.step(rng, s).state).position, i * 10);
    check(draws, 10, t);

    // Correlated prior times a Gaussian likelihood: posterior covariance (Σ⁻¹ + I)⁻¹, mean (Σ⁻¹ + I)⁻¹ y.
    const cov = corrCov(2);
    const like = fromFunction(2, (x, g) => {
      g[0] = 1 - x[0];
      g[1] = -1 - x[1];
      return -0.5 * ((x[0] - 1) ** 2 + (x[1] + 1) ** 2);
    });
    // Σ = [[1, 1.8], [1.8, 4]]; P = Σ⁻¹ + I.
    const det = 4 - 1.8 * 1.8;
    const P = [4 / det + 1, -1.8 / det, -1.8 / det, 1 / det + 1];
    const dp = P[0] * P[3] - P[1] * P[2];
    const C = [P[3] / dp, -P[1] / dp, -P[2] / dp, P[0] / dp];
    const mean = [C[0] * 1 + C[1] * -1, C[2] * 1 + C[3] * -1];
    const a2 = ellipticalSlice(like, { cov });
    let s2 = a2.init([0, 0]);
    const d2 = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) d2.set((s2 = a2.step(rng, s2).state).position, i * 2);
    expect(checkMoments(d2, 2, 0, mean[0], Math.sqrt(C[0]))).toBeNull();
    expect(checkMoments(d2, 2, 1, mean[1], Math.sqrt(C[3]))).toBeNull();
  });
});
