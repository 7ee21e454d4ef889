/**
 * Kolmogorov-Smirnov tests of every `random` sampler against SciPy (fixture written by
 * make_reference.py), shared by the fast suite (small n) and the *.stats suite (large n).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { type Array, type ConcreteArray } from "../../src/core/array.js";
import "../../src/core/methods.js";
import * as random from "../../src/random/index.js";
import * as np from "../../src/np/index.js";
import { vmap } from "../../src/api/vmap.js";
import { ksDiscrete, ksGrid, ksPValue } from "../random/ks.js";

interface Reference {
  continuous: Record<string, number[]>;
  discrete: Record<string, { kmin: number; cdf: number[] }>;
  gammaGrad: [number, number, number][];
}

export const ref: Reference = JSON.parse(
  readFileSync(new URL("../fixtures/random-api/reference.json", import.meta.url), "utf8"),
);

/** The data of a concrete array as float64. */
export const f64 = (x: Array): Float64Array => Float64Array.from((x as ConcreteArray).data as ArrayLike<number>);

interface Case {
  name: string;
  ref: string;
  discrete?: boolean;
  draw: (key: Array, n: number) => Float64Array;
}

const col = (x: Array, j: number, k: number): Float64Array => {
  const d = f64(x);
  const out = new Float64Array(d.length / k);
  for (let i = 0; i < out.length; i++) out[i] = d[i * k + j]!;
  return out;
};

export const CASES: Case[] = [
  { name: "uniform(-2, 3)", ref: "uniform(-2,3)", draw: (k, n) => f64(random.uniform(k, [n], { minval: -2, maxval: 3 })) },
  { name: "uniform float32", ref: "uniform(-2,3)", draw: (k, n) => f64(random.uniform(k, [n], { minval: -2, maxval: 3, dtype: "float32" })) },
  { name: "normal", ref: "normal", draw: (k, n) => f64(random.normal(k, [n])) },
  { name: "normal float32", ref: "normal", draw: (k, n) => f64(random.normal(k, [n], { dtype: "float32" })) },
  { name: "truncatedNormal(-1, 2)", ref: "truncnorm(-1,2)", draw: (k, n) => f64(random.truncatedNormal(k, -1, 2, [n])) },
  { name: "truncatedNormal(1, 3)", ref: "truncnorm(1,3)", draw: (k, n) => f64(random.truncatedNormal(k, 1, 3, [n])) },
  { name: "exponential", ref: "expon", draw: (k, n) => f64(random.exponential(k, [n])) },
  { name: "cauchy", ref: "cauchy", draw: (k, n) => f64(random.cauchy(k, [n])) },
  { name: "laplace", ref: "laplace", draw: (k, n) => f64(random.laplace(k, [n])) },
  { name: "logistic", ref: "logistic", draw: (k, n) => f64(random.logistic(k, [n])) },
  { name: "gumbel", ref: "gumbel", draw: (k, n) => f64(random.gumbel(k, [n])) },
  { name: "gamma(0.3)", ref: "gamma(0.3)", draw: (k, n) => f64(random.gamma(k, 0.3, [n])) },
  { name: "gamma(2.5)", ref: "gamma(2.5)", draw: (k, n) => f64(random.gamma(k, 2.5, [n])) },
  { name: "gamma(30) float32", ref: "gamma(30)", draw: (k, n) => f64(random.gamma(k, 30, [n], { dtype: "float32" })) },
  { name: "loggamma(0.01)", ref: "loggamma(0.01)", draw: (k, n) => f64(random.loggamma(k, 0.01, [n])) },
  { name: "beta(2, 5)", ref: "beta(2,5)", draw: (k, n) => f64(random.beta(k, 2, 5, [n])) },
  { name: "beta(0.5, 0.5)", ref: "beta(0.5,0.5)", draw: (k, n) => f64(random.beta(k, 0.5, 0.5, [n])) },
  { name: "dirichlet([1, 2, 3])[0]", ref: "beta(1,5)", draw: (k, n) => col(random.dirichlet(k, [1, 2, 3], [n]), 0, 3) },
  { name: "t(4)", ref: "t(4)", draw: (k, n) => f64(random.t(k, 4, [n])) },
  { name: "chisquare(3)", ref: "chi2(3)", draw: (k, n) => f64(random.chisquare(k, 3, [n])) },
  {
    name: "multivariateNormal, standardised projections",
    ref: "normal",
    draw: (k, n) => {
      // x ~ N(m, S); (x1 - m1)/sqrt(S11) and (x0 + x1 - m0 - m1)/sqrt(S00 + 2 S01 + S11) are N(0, 1)
      const x = random.multivariateNormal(k, [1, -2], [[2, 0.6], [0.6, 1]], [n]);
      const a = col(x, 0, 2);
      const b = col(x, 1, 2);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = i % 2 === 0 ? (b[i]! + 2) / 1 : (a[i]! + b[i]! + 1) / Math.sqrt(2 + 1.2 + 1);
      return out;
    },
  },
  { name: "poisson(3.5)", ref: "poisson(3.5)", discrete: true, draw: (k, n) => f64(random.poisson(k, 3.5, [n])) },
  { name: "poisson(40)", ref: "poisson(40)", discrete: true, draw: (k, n) => f64(random.poisson(k, 40, [n])) },
  { name: "binomial(10, 0.3)", ref: "binom(10,0.3)", discrete: true, draw: (k, n) => f64(random.binomial(k, 10, 0.3, [n])) },
  { name: "binomial(100, 0.6)", ref: "binom(100,0.6)", discrete: true, draw: (k, n) => f64(random.binomial(k, 100, 0.6, [n])) },
  { name: "bernoulli(0.3)", ref: "bernoulli(0.3)", discrete: true, draw: (k, n) => f64(random.bernoulli(k, 0.3, [n]).astype("int32")) },
  { name: "randint(-3, 4)", ref: "randint(-3,4)", discrete: true, draw: (k, n) => f64(random.randint(k, [n], -3, 4)) },
  {
    name: "categorical([0.2, 0.3, 0.5])",
    ref: "categorical(0.2,0.3,0.5)",
    discrete: true,
    draw: (k, n) => f64(random.categorical(k, np.log(np.array([0.2, 0.3, 0.5])), { shape: [n] })),
  },
  {
    name: "categorical with batch logits (axis 0)",
    ref: "categorical(0.2,0.3,0.5)",
    discrete: true,
    draw: (k, n) => col(random.categorical(k, np.log(np.array([[0.2, 0.2], [0.3, 0.3], [0.5, 0.5]])), { axis: 0, shape: [n, 2] }), 1, 2),
  },
  {
    name: "choice(a, p)",
    ref: "categorical(0.2,0.3,0.5)",
    discrete: true,
    draw: (k, n) => f64(random.choice(k, np.array([0, 1, 2]), [n], { p: [0.2, 0.3, 0.5] })),
  },
  { name: "choice(10)", ref: "randint(0,10)", discrete: true, draw: (k, n) => f64(random.choice(k, 10, [n])) },
  {
    name: "choice(10, replace=false)[0]",
    ref: "randint(0,10)",
    discrete: true,
    draw: (k, n) => col(vmap((kk: Array) => random.choice(kk, 10, [3], { replace: false }))(random.split(k, n)) as Array, 0, 3),
  },
  {
    name: "position of 0 in permutation(10)",
    ref: "randint(0,10)",
    discrete: true,
    draw: (k, n) => {
      const perms = f64(vmap((kk: Array) => random.permutation(kk, 10))(random.split(k, n)) as Array);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < 10; j++) if (perms[i * 10 + j] === 0) out[i] = j;
      return out;
    },
  },
];

function seedOf(name: string): number {
  let h = 17;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return h;
}

/** Defines one KS test per case with `n` draws; fails below p = `pMin`. */
export function defineKsTests(n: number, pMin: number): void {
  for (const c of CASES) {
    test(`${c.name} matches SciPy (KS, n = ${n})`, () => {
      const x = c.draw(random.key(seedOf(c.name)), n);
      expect(x.length).toBe(n);
      let d: number;
      if (c.discrete) {
        const r = ref.discrete[c.ref]!;
        d = ksDiscrete(x, r.kmin, r.cdf);
      } else {
        d = ksGrid(x, ref.continuous[c.ref]!).d;
      }
      const p = ksPValue(d, n);
      expect(p, `D = ${d}`).toBeGreaterThan(pMin);
    });
  }
}
