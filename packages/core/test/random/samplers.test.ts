import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  binomialOne,
  gammaOne,
  keyFromSeed,
  logFactorial,
  logGammaOne,
  ndtri,
  normalAt,
  poissonOne,
  split,
  uniformOpenAt,
} from "../../src/random/kernels/index.js";
import { ksDiscrete, ksGrid, ksPValue } from "./ks.js";

interface Reference {
  gridSize: number;
  continuous: { name: string; family: "gamma" | "loggamma" | "normal"; param: number; quantiles: number[] }[];
  discrete: { name: string; family: "poisson" | "binomial"; params: number[]; kmin: number; cdf: number[] }[];
  ndtri: [number, number][];
  logFactorial: [number, number][];
  kolmogorov: [number, number][];
}

const ref: Reference = JSON.parse(
  readFileSync(new URL("../fixtures/random/sampler-reference.json", import.meta.url), "utf8"),
);

const N = 20_000;
const P_MIN = 1e-4;

/** Draws `n` values, one fresh key of `split(keyFromSeed(seed), n)` per draw. */
function draw(seed: number, n: number, f: (k0: number, k1: number) => number): Float64Array {
  const keys = split(keyFromSeed(seed), n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(keys[2 * i]!, keys[2 * i + 1]!);
  return out;
}

function seedOf(name: string): number {
  let h = 17;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return h;
}

describe("helpers against SciPy", () => {
  test("ndtri matches scipy.special.ndtri", () => {
    for (const [p, x] of ref.ndtri) {
      expect(Math.abs(ndtri(p) - x)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(x)));
    }
    expect(ndtri(0)).toBe(-Infinity);
    expect(ndtri(1)).toBe(Infinity);
    expect(ndtri(1.5)).toBeNaN();
  });

  test("logFactorial matches scipy.special.gammaln(k + 1)", () => {
    for (const [k, v] of ref.logFactorial) {
      expect(Math.abs(logFactorial(k) - v)).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(v)));
    }
  });

  test("the KS p-value matches scipy.special.kolmogorov", () => {
    for (const [lambda, q] of ref.kolmogorov) {
      // ksPValue applies Stephens' finite-n correction; invert it for a huge n.
      const n = 1e12;
      expect(Math.abs(ksPValue(lambda / (Math.sqrt(n) + 0.12), n) - q)).toBeLessThan(1e-6);
    }
  });

  test("stream uniforms are open, deterministic and distinct per key", () => {
    for (let i = 0; i < 1000; i++) {
      const u = uniformOpenAt(7, 9, i);
      expect(u > 0 && u < 1).toBe(true);
    }
    expect(uniformOpenAt(7, 9, 3)).toBe(uniformOpenAt(7, 9, 3));
    expect(uniformOpenAt(7, 9, 3)).not.toBe(uniformOpenAt(7, 10, 3));
  });
});

const results: string[] = [];

describe("continuous samplers: Kolmogorov-Smirnov against SciPy (20k draws, p > 1e-4)", () => {
  for (const c of ref.continuous) {
    const variants: { label: string; f: (k0: number, k1: number) => number }[] = [];
    if (c.family === "gamma") {
      variants.push({ label: "gammaOne f64", f: (k0, k1) => gammaOne(k0, k1, c.param, false) });
      if (c.param >= 0.5) variants.push({ label: "gammaOne f32", f: (k0, k1) => gammaOne(k0, k1, c.param, true) });
      variants.push({ label: "exp(logGammaOne)", f: (k0, k1) => Math.exp(logGammaOne(k0, k1, c.param, false)) });
    } else if (c.family === "loggamma") {
      variants.push({ label: "logGammaOne f64", f: (k0, k1) => logGammaOne(k0, k1, c.param, false) });
      if (c.param >= 0.01) variants.push({ label: "logGammaOne f32", f: (k0, k1) => logGammaOne(k0, k1, c.param, true) });
    } else {
      variants.push({ label: "normalAt", f: (k0, k1) => normalAt(k0, k1, 0) });
    }
    for (const v of variants) {
      test(`${v.label} ~ ${c.name}`, () => {
        const xs = draw(seedOf(c.name + v.label), N, v.f);
        const { d, dUpper } = ksGrid(xs, c.quantiles);
        const p = ksPValue(d, N);
        const pLower = ksPValue(dUpper, N);
        results.push(`${v.label} ~ ${c.name}: D=${d.toFixed(5)} p=${p.toPrecision(3)} (p>=${pLower.toPrecision(3)})`);
        // Sound: the exact KS statistic is at most dUpper, so its p-value is at least pLower.
        expect(pLower).toBeGreaterThan(P_MIN);
      });
    }
  }
});

describe("discrete samplers: Kolmogorov-Smirnov against SciPy (20k draws, p > 1e-4)", () => {
  for (const c of ref.discrete) {
    const f =
      c.family === "poisson"
        ? (k0: number, k1: number) => poissonOne(k0, k1, c.params[0]!)
        : (k0: number, k1: number) => binomialOne(k0, k1, c.params[0]!, c.params[1]!);
    test(`${c.family}One ~ ${c.name}`, () => {
      const xs = draw(seedOf(c.name), N, f);
      for (const x of xs) expect(Number.isInteger(x) && x >= 0).toBe(true);
      const d = ksDiscrete(xs, c.kmin, c.cdf);
      const p = ksPValue(d, N);
      results.push(`${c.family}One ~ ${c.name}: D=${d.toFixed(5)} p=${p.toPrecision(3)} (conservative)`);
      expect(p).toBeGreaterThan(P_MIN);
    });
  }

  test("summary", () => {
    // eslint-disable-next-line no-console
    if (process.env.ORRERY_KS_REPORT) console.log(results.join("\n"));
    expect(results.length).toBeGreaterThan(0);
  });
});

describe("sampler edge cases and determinism", () => {
  test("gamma", () => {
    const [k0, k1] = keyFromSeed(3);
    expect(gammaOne(k0!, k1!, 2.5, false)).toBe(gammaOne(k0!, k1!, 2.5, false));
    expect(Math.abs(Math.log(gammaOne(k0!, k1!, 0.3, false)) - logGammaOne(k0!, k1!, 0.3, false))).toBeLessThan(1e-12);
    expect(gammaOne(k0!, k1!, 0, false)).toBe(0);
    expect(logGammaOne(k0!, k1!, 0, false)).toBe(-Infinity);
    expect(gammaOne(k0!, k1!, -1, false)).toBeNaN();
    expect(gammaOne(k0!, k1!, NaN, true)).toBeNaN();
    expect(gammaOne(k0!, k1!, Infinity, false)).toBe(Infinity);
    const f = gammaOne(k0!, k1!, 3.7, true);
    expect(Math.fround(f)).toBe(f);
    // Tiny shapes: the log-space sampler stays finite where the draw underflows.
    const lg = logGammaOne(k0!, k1!, 1e-6, false);
    expect(Number.isFinite(lg)).toBe(true);
  });

  test("poisson", () => {
    const [k0, k1] = keyFromSeed(4);
    expect(poissonOne(k0!, k1!, 0)).toBe(0);
    expect(poissonOne(k0!, k1!, -1)).toBeNaN();
    expect(poissonOne(k0!, k1!, NaN)).toBeNaN();
    expect(poissonOne(k0!, k1!, Infinity)).toBe(Infinity);
    expect(poissonOne(k0!, k1!, 1e9)).toBe(poissonOne(k0!, k1!, 1e9));
    expect(Math.abs(poissonOne(k0!, k1!, 1e12) - 1e12)).toBeLessThan(1e7);
  });

  test("binomial", () => {
    const [k0, k1] = keyFromSeed(5);
    expect(binomialOne(k0!, k1!, 10, 0)).toBe(0);
    expect(binomialOne(k0!, k1!, 10, 1)).toBe(10);
    expect(binomialOne(k0!, k1!, 0, 0.5)).toBe(0);
    expect(binomialOne(k0!, k1!, 10.7, 1)).toBe(10);
    expect(binomialOne(k0!, k1!, -1, 0.5)).toBeNaN();
    expect(binomialOne(k0!, k1!, 10, 1.5)).toBeNaN();
    expect(binomialOne(k0!, k1!, 10, NaN)).toBeNaN();
    expect(binomialOne(k0!, k1!, Infinity, 0.5)).toBe(Infinity);
    const x = binomialOne(k0!, k1!, 1e9, 0.5);
    expect(Math.abs(x - 5e8)).toBeLessThan(1e6);
  });
});
