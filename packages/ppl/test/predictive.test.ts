/**
 * Predictive's prior draws of every seed model against the prior's moments: analytic moments
 * where they are finite, otherwise probabilities compared with a large independent Monte-Carlo
 * sample drawn here with plain JS formulas (not with Orrery). Every check allows 4 Monte-Carlo
 * standard errors (estimated from the draws: for a mean sd/√n, for a variance
 * sqrt((m4 − s⁴)/n), for a probability the binomial errors of both samples).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Array, type ConcreteArray, np, random } from "@orrery/core";
import { Predictive } from "@orrery/ppl";
import { gaia, hrDiagram, linear, m67, outliers, reparamLinear, xErrors } from "./seed-models.js";

const fx = JSON.parse(readFileSync(new URL("./fixtures/seed-models.json", import.meta.url), "utf8")) as {
  data: Record<string, number & number[] & number[][]>;
};
const d = fx.data;

// ---- helpers ---------------------------------------------------------------------------------

/** All values of an array, as float64, in row-major order. */
const vals = (a: Array): Float64Array => Float64Array.from((a as ConcreteArray).toTypedArray() as ArrayLike<number>);
/** Column j of a [n, ...] array flattened to [n, k]. */
function column(a: Array, j: number): Float64Array {
  const v = vals(a);
  const n = a.shape[0];
  const k = v.length / n;
  return Float64Array.from({ length: n }, (_, i) => v[i * k + j]);
}
const mapv = (xs: Float64Array[], f: (...x: number[]) => number): Float64Array =>
  Float64Array.from({ length: xs[0].length }, (_, i) => f(...xs.map((x) => x[i])));
const mean = (xs: Float64Array): number => xs.reduce((s, v) => s + v, 0) / xs.length;

/** The sample mean is within 4 MCSE of mu. */
function expectMean(xs: Float64Array, mu: number, what: string): void {
  const m = mean(xs);
  const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
  const se = Math.sqrt(v / xs.length);
  expect(Math.abs(m - mu), `${what}: mean ${m} vs ${mu} (se ${se})`).toBeLessThanOrEqual(4 * se);
}
/** The sample variance is within 4 MCSE of v. */
function expectVar(xs: Float64Array, v: number, what: string): void {
  const n = xs.length;
  const m = mean(xs);
  const s2 = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
  const m4 = xs.reduce((s, x) => s + (x - m) ** 4, 0) / n;
  const se = Math.sqrt(Math.max(m4 - s2 * s2, 0) / n);
  expect(Math.abs(s2 - v), `${what}: variance ${s2} vs ${v} (se ${se})`).toBeLessThanOrEqual(4 * se);
}
/** The frequency of `event` in xs agrees with p, known (nRef = Infinity) or estimated from nRef draws. */
function expectProb(xs: Float64Array, event: (x: number) => boolean, p: number, nRef: number, what: string): void {
  const q = xs.reduce((s, x) => s + (event(x) ? 1 : 0), 0) / xs.length;
  const pp = Math.min(Math.max(p, 1 / xs.length), 1 - 1 / xs.length);
  const se = Math.sqrt(pp * (1 - pp) * (1 / xs.length + 1 / nRef));
  expect(Math.abs(q - p), `${what}: frequency ${q} vs ${p} (se ${se})`).toBeLessThanOrEqual(4 * se);
}

/** An independent generator (mulberry32 + Box-Muller): plain JS, no Orrery. */
function rng(seed: number) {
  let a = seed >>> 0;
  const unif = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(unif())) * Math.cos(2 * Math.PI * unif());
  return { unif, normal };
}
/** Frequency of `event` over nRef draws of `draw`. */
function refProb(nRef: number, seed: number, draw: (g: ReturnType<typeof rng>) => number, event: (x: number) => boolean): number {
  const g = rng(seed);
  let k = 0;
  for (let i = 0; i < nRef; i++) if (event(draw(g))) k++;
  return k / nRef;
}

const HN = Math.sqrt(2 / Math.PI); // E|Z|
const N = 4000;
const NREF = 400_000;

// ---- the models ------------------------------------------------------------------------------

describe("Predictive reproduces the prior moments of every seed model (4 MCSE)", () => {
  const x = np.array([-1, 0, 1, 2]);
  const yerr = np.array([0.5, 0.5, 1, 1]);
  const xs = [-1, 0, 1, 2];
  const es = [0.5, 0.5, 1, 1];

  it("linear regression: y_i has mean 0 and variance 100 x_i² + 100 + yerr_i²; E[y_0 y_3] = 100 (x_0 x_3 + 1)", () => {
    const s = Predictive(linear, { numSamples: N, chunkSize: 1000 })(random.key(10), x, yerr);
    expect(s.y.shape).toEqual([N, 4]);
    for (let i = 0; i < 4; i++) {
      expectMean(column(s.y, i), 0, `y[${i}]`);
      expectVar(column(s.y, i), 100 * xs[i] ** 2 + 100 + es[i] ** 2, `y[${i}]`);
    }
    expectMean(mapv([column(s.y, 0), column(s.y, 3)], (a, b) => a * b), 100 * (xs[0] * xs[3] + 1), "y0 y3");
  });

  it("reparameterised regression: θ uniform, m = tan θ Cauchy, b and y against an independent sample", () => {
    const s = Predictive(reparamLinear, { numSamples: N, chunkSize: 1000 })(random.key(11), x, yerr);
    expect(Object.keys(s).sort()).toEqual(["b", "b_perp", "m", "theta", "y"]);
    const th = vals(s.theta);
    expectMean(th, 0, "theta");
    expectVar(th, Math.PI ** 2 / 12, "theta");
    expectMean(vals(s.b_perp), 0, "b_perp");
    expectVar(vals(s.b_perp), 1, "b_perp");
    // m = tan θ is standard Cauchy: P(m ≤ t) = 1/2 + atan(t)/π.
    for (const t of [-2, 1, 5]) expectProb(vals(s.m), (v) => v <= t, 0.5 + Math.atan(t) / Math.PI, Infinity, `P(m <= ${t})`);
    const m = vals(s.m);
    th.forEach((t, i) => expect(m[i]).toBeCloseTo(Math.tan(t), 9));
    // b = b_perp / cos θ and y_i = m x_i + b + yerr_i ε: no closed form; an independent sample.
    const drawMB = (g: ReturnType<typeof rng>) => {
      const t = -Math.PI / 2 + Math.PI * g.unif();
      return [Math.tan(t), g.normal() / Math.cos(t)];
    };
    for (const t of [-1, 0.5, 3]) {
      const p = refProb(NREF, 1 + t, (g) => drawMB(g)[1], (v) => v <= t);
      expectProb(vals(s.b), (v) => v <= t, p, NREF, `P(b <= ${t})`);
    }
    for (let i = 0; i < 4; i++) {
      const p = refProb(NREF, 20 + i, (g) => { const [mm, bb] = drawMB(g); return mm * xs[i] + bb + es[i] * g.normal(); }, (v) => v <= 1);
      expectProb(column(s.y, i), (v) => v <= 1, p, NREF, `P(y[${i}] <= 1)`);
    }
  });

  it("x-errors regression: x_obs, x_true, y, sigma and their cross-moments", () => {
    const xerr = np.array([0.2, 0.1, 0.3, 0.25]);
    const xe = [0.2, 0.1, 0.3, 0.25];
    const s = Predictive(xErrors, { numSamples: N, chunkSize: 1000 })(random.key(12), undefined, xerr, yerr);
    expect(s.x_obs.shape).toEqual([N, 4]);
    expectMean(vals(s.sigma), HN, "sigma");
    expectMean(vals(s.sigma).map((v) => v * v), 1, "sigma^2");
    for (let i = 0; i < 4; i++) {
      const xt = column(s.x_true, i);
      const xo = column(s.x_obs, i);
      const yy = column(s.y, i);
      expectMean(xt, 0, `x_true[${i}]`);
      expectVar(xt, 100, `x_true[${i}]`);
      expectMean(xo, 0, `x_obs[${i}]`);
      expectVar(xo, 100 + xe[i] ** 2, `x_obs[${i}]`);
      expectVar(mapv([xo, xt], (a, b) => a - b), xe[i] ** 2, `x_obs[${i}] - x_true[${i}]`);
      expectMean(yy, 0, `y[${i}]`);
      expectVar(yy, 100 * 100 + 100 + es[i] ** 2 + 1, `y[${i}]`);
      // y depends on x_true through m: E[m x_true y] = E[m² x_true²] = 100 · 100.
      expectMean(mapv([vals(s.m), xt, yy], (a, b, c) => a * b * c), 1e4, `m x_true[${i}] y[${i}]`);
    }
    // Shared intercept and slope: E[y_0 y_1] = E[b²] = 100 (the x_true are independent).
    expectMean(mapv([column(s.y, 0), column(s.y, 1)], (a, b) => a * b), 100, "y0 y1");
  });

  it("outlier mixture: the prior of every parameter (the likelihood is a factor, not a site)", () => {
    const s = Predictive(outliers, { numSamples: N, chunkSize: 1000 })(random.key(13), x, yerr, np.array([0, 1, 2, 3]));
    expect(s.y).toBeUndefined();
    for (const k of ["m", "b", "mu_bg"]) {
      expectMean(vals(s[k]), 0, k);
      expectVar(vals(s[k]), 100, k);
    }
    expectMean(vals(s.q), 0.5, "q");
    expectVar(vals(s.q), 1 / 12, "q");
    expectMean(vals(s.sigma_bg), 10 * HN, "sigma_bg");
    expectVar(vals(s.sigma_bg), 100 * (1 - 2 / Math.PI), "sigma_bg");
  });

  it("Gaia single star: r ~ Gamma(3, L), parallax mean 1000 / (2L), parallax | r ~ Normal(1000 / r, σ)", () => {
    const L = d.L;
    const err = d.plx_err;
    const s = Predictive(gaia, { numSamples: N, chunkSize: 1000 })(random.key(14), L, err);
    const r = vals(s.r);
    expectMean(r, 3 * L, "r");
    expectVar(r, 3 * L * L, "r");
    expectMean(vals(s.plx), 1000 / (2 * L), "plx"); // E[1/r] = 1/(2L); E[1/r^4] is infinite, so no variance check
    const z = mapv([vals(s.plx), r], (p, rr) => (p - 1000 / rr) / err);
    expectMean(z, 0, "plx residual");
    expectVar(z, 1, "plx residual");
  });

  it("HR diagram: population, cluster and star moments (with the within/between-cluster covariances); counts | m Poisson", () => {
    const colour = np.array(d.hr_colour);
    const col = (d.hr_colour as number[][]).flat();
    const s = Predictive(hrDiagram, { numSamples: N, chunkSize: 1000 })(random.key(15), colour);
    expect(s.mu.shape).toEqual([N, 3, 1]);
    expect(s.m.shape).toEqual([N, 3, 5]);
    expect(s.M.shape).toEqual([N, 3, 5]);
    expect(s.counts.shape).toEqual([N, 3, 5]);
    expectMean(vals(s.mu0), 10, "mu0");
    expectVar(vals(s.mu0), 9, "mu0");
    expectMean(vals(s.sigma0), 2 * HN, "sigma0");
    expectMean(vals(s.sigma0).map((v) => v * v), 4, "sigma0^2");
    expectMean(vals(s.sigma_ms), 0.5 * HN, "sigma_ms");
    for (let c = 0; c < 3; c++) {
      expectMean(column(s.mu, c), 10, `mu[${c}]`);
      expectVar(column(s.mu, c), 9 + 4, `mu[${c}]`); // Var μ₀ + E σ₀²
    }
    // Clusters share μ₀: Cov(μ_0, μ_1) = 9.
    expectMean(mapv([column(s.mu, 0), column(s.mu, 1)], (a, b) => (a - 10) * (b - 10)), 9, "cov(mu0, mu1)");
    for (let k = 0; k < 15; k++) {
      expectMean(column(s.m, k), 11 + 5 * col[k], `m[${k}]`);
      expectVar(column(s.m, k), 13 + 0.25, `m[${k}]`);
      expectMean(column(s.M, k), 1 + 5 * col[k], `M[${k}]`);
      expectVar(column(s.M, k), 0.25, `M[${k}]`);
    }
    // Stars of one cluster share μ_c (covariance 13), stars of different clusters only μ₀ (9).
    const dev = (k: number) => column(s.m, k).map((v) => v - 11 - 5 * col[k]);
    expectMean(mapv([dev(0), dev(4)], (a, b) => a * b), 13, "cov(m[0,0], m[0,4])");
    expectMean(mapv([dev(0), dev(7)], (a, b) => a * b), 9, "cov(m[0,0], m[1,2])");
    // E[counts] is infinite (σ₀'s half-normal tail); counts | m ~ Poisson(λ), λ = 10^(−0.4 (m − 25)).
    // Draws whose rate exceeds the int32 range are left out (see the skipped test below); selecting
    // on m leaves counts | m unchanged.
    const m = vals(s.m);
    const nc = vals(s.counts);
    const keep = [...nc.keys()].filter((i) => 10 ** (-0.4 * (m[i] - 25)) < 2 ** 31 - 1);
    expect(keep.length).toBeGreaterThan(0.99 * nc.length);
    const z = Float64Array.from(keep, (i) => { const lam = 10 ** (-0.4 * (m[i] - 25)); return (nc[i] - lam) / Math.sqrt(lam); });
    keep.forEach((i) => expect(Number.isInteger(nc[i]) && nc[i] >= 0).toBe(true));
    expectMean(z, 0, "counts residual");
    expectVar(z, 1, "counts residual");
  });

  // BUG (@orrery/distributions Poisson.sample): a rate above 2^31 − 1 gives a negative int32 count
  // (wrap-around), e.g. new Poisson(3e9).sample(random.key(1), [3]) → [-1294898878, ...], expected
  // non-negative counts near 3e9. The HR model's prior draws such rates for m < 1.7 (about 0.06 % of
  // the star draws with 3 × 5 stars and 4000 draws: 36 of 60000).
  it.skip("HR diagram: every prior count is a non-negative integer (skipped: Poisson.sample int32 wrap-around)", () => {
    const s = Predictive(hrDiagram, { numSamples: N, chunkSize: 1000 })(random.key(15), np.array(d.hr_colour));
    vals(s.counts).forEach((k) => expect(Number.isInteger(k) && k >= 0).toBe(true));
  });

  it("M67-style membership: cluster parameters, the r mixture, proper motions by component, parallaxes", () => {
    const L = d.m67_L;
    const data = {
      parallaxError: np.array(d.m67_plx_err),
      pmError: np.array(d.m67_pm_err),
      fieldMean: np.array(d.m67_field_mean),
      fieldCov: np.array(d.m67_field_cov),
      L,
    };
    const [mf, Sf, pe, plxErr] = [d.m67_field_mean as number[], d.m67_field_cov as number[][], d.m67_pm_err as number[][], d.m67_plx_err as number[]];
    const s = Predictive(m67, { numSamples: N, chunkSize: 1000 })(random.key(16), data);
    expect(s.r.shape).toEqual([N, 6]);
    expect(s.pm.shape).toEqual([N, 6, 2]);
    expect(s.parallax.shape).toEqual([N, 6]);
    expectMean(vals(s.d_c), 900, "d_c");
    expectVar(vals(s.d_c), 1e4, "d_c");
    expectMean(vals(s.sigma_c), 30 * HN, "sigma_c");
    for (const j of [0, 1]) {
      expectMean(column(s.mu_c, j), 0, `mu_c[${j}]`);
      expectVar(column(s.mu_c, j), 400, `mu_c[${j}]`);
    }
    expectMean(vals(s.sigma_mu), HN, "sigma_mu");
    expectMean(vals(s.f), 0.5, "f");
    expectVar(vals(s.f), 1 / 12, "f");
    const f = vals(s.f);
    for (let i = 0; i < 6; i++) {
      const r = column(s.r, i);
      // r ~ f Normal(d_c, σ_c) + (1 − f) Gamma(3, L): E r = ½ 900 + ½ 3L, E r² = ½ (900² + 100² + 30²) + ½ 12 L²;
      // E[f r] = E f² 900 + E f(1 − f) 3L.
      expectMean(r, 450 + 1.5 * L, `r[${i}]`);
      expectMean(r.map((v) => v * v), 0.5 * (900 ** 2 + 100 ** 2 + 30 ** 2) + 6 * L * L, `r[${i}]^2`);
      expectMean(mapv([f, r], (a, b) => a * b), 900 / 3 + (3 * L) / 6, `f r[${i}]`);
      const pm = [column(s.pm, 2 * i), column(s.pm, 2 * i + 1)];
      for (const a of [0, 1]) {
        // pm_a: ½ member Normal(μ_c,a, σ_μ² + e²) (μ_c,a ~ Normal(0, 20), E σ_μ² = 1) + ½ field Normal(μ_f,a, Σ_f,aa + e²).
        expectMean(pm[a], 0.5 * mf[a], `pm[${i}][${a}]`);
        expectMean(pm[a].map((v) => v * v), 0.5 * (400 + 1 + pe[i][a] ** 2) + 0.5 * (mf[a] ** 2 + Sf[a][a] + pe[i][a] ** 2), `pm[${i}][${a}]^2`);
        // The component that gives r also gives pm: E[r pm_a] = E(1 − f) 3L μ_f,a (member: E d_c μ_c,a = 0).
        expectMean(mapv([r, pm[a]], (u, v) => u * v), 1.5 * L * mf[a], `r pm[${i}][${a}]`);
      }
      expectMean(mapv(pm, (u, v) => u * v), 0.5 * (mf[0] * mf[1] + Sf[0][1]), `pm[${i}][0] pm[${i}][1]`);
      const plx = column(s.parallax, i);
      const z = mapv([plx, r], (p, rr) => (p - 1000 / rr) / plxErr[i]);
      expectMean(z, 0, `parallax residual ${i}`);
      expectVar(z, 1, `parallax residual ${i}`);
    }
    // Parallaxes against an independent sample of the whole generative process.
    const drawPlx = (i: number) => (g: ReturnType<typeof rng>) => {
      const ff = g.unif();
      let r: number;
      if (g.unif() < ff) r = 900 + 100 * g.normal() + 30 * Math.abs(g.normal()) * g.normal();
      else r = -L * Math.log(g.unif() * g.unif() * g.unif());
      return 1000 / r + plxErr[i] * g.normal();
    };
    // The component that gives r_i also gives pm_i: P(r_i < 1200 and |pm_i,0 − μ_c,0| < 1), against an
    // independent sample (members sit at r ≈ d_c with pm near μ_c; the field rarely does both).
    const drawJoint = (i: number) => (g: ReturnType<typeof rng>) => {
      const ff = g.unif();
      const dc = 900 + 100 * g.normal();
      const sc = 30 * Math.abs(g.normal());
      const muc0 = 20 * g.normal();
      const smu = Math.abs(g.normal());
      let r: number;
      let pm0: number;
      if (g.unif() < ff) {
        r = dc + sc * g.normal();
        pm0 = muc0 + Math.sqrt(smu * smu + pe[i][0] ** 2) * g.normal();
      } else {
        r = -L * Math.log(g.unif() * g.unif() * g.unif());
        pm0 = mf[0] + Math.sqrt(Sf[0][0] + pe[i][0] ** 2) * g.normal(); // the first coordinate of the field N2
      }
      return r < 1200 && Math.abs(pm0 - muc0) < 1 ? 1 : 0;
    };
    for (const i of [0, 3, 5]) {
      const hit = mapv([column(s.r, i), column(s.pm, 2 * i), column(s.mu_c, 0)], (r, p0, m0) => (r < 1200 && Math.abs(p0 - m0) < 1 ? 1 : 0));
      const p = refProb(NREF, 300 + i, drawJoint(i), (v) => v === 1);
      expectProb(hit, (v) => v === 1, p, NREF, `P(r[${i}] < 1200, |pm[${i}][0] - mu_c[0]| < 1)`);
    }
    for (const i of [0, 5]) {
      for (const t of [0.5, 1.0]) {
        const p = refProb(NREF, 100 + i + 10 * t, drawPlx(i), (v) => v <= t);
        expectProb(column(s.parallax, i), (v) => v <= t, p, NREF, `P(parallax[${i}] <= ${t})`);
      }
    }
  });
});
