import { describe, expect, test } from "vitest";
import { type Array } from "../../src/core/array.js";
import "../../src/core/methods.js";
import * as random from "../../src/random/index.js";
import * as np from "../../src/np/index.js";
import { vmap } from "../../src/api/vmap.js";
import { defineKsTests, f64 } from "./ks-suite.js";

describe("every sampler against SciPy (small KS)", () => {
  defineKsTests(2000, 1e-3);
});

const key = random.key(1234);
const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
const variance = (x: Float64Array) => {
  const m = mean(x);
  return x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
};

describe("shapes and dtypes", () => {
  const cases: [string, () => Array, number[], string][] = [
    ["uniform", () => random.uniform(key, [2, 3]), [2, 3], "float64"],
    ["uniform f32", () => random.uniform(key, [4], { dtype: "float32" }), [4], "float32"],
    ["uniform scalar", () => random.uniform(key), [], "float64"],
    ["uniform broadcast bounds", () => random.uniform(key, [2, 3], { minval: np.zeros([3]), maxval: 2 }), [2, 3], "float64"],
    ["normal", () => random.normal(key, [5]), [5], "float64"],
    ["normal f32", () => random.normal(key, [5], { dtype: "float32" }), [5], "float32"],
    ["truncatedNormal default shape", () => random.truncatedNormal(key, np.zeros([3]), 1), [3], "float64"],
    ["exponential", () => random.exponential(key, [2]), [2], "float64"],
    ["cauchy", () => random.cauchy(key, [2]), [2], "float64"],
    ["laplace", () => random.laplace(key, [2]), [2], "float64"],
    ["logistic", () => random.logistic(key, [2]), [2], "float64"],
    ["gumbel", () => random.gumbel(key, [2]), [2], "float64"],
    ["gamma default shape", () => random.gamma(key, np.array([1, 2, 3])), [3], "float64"],
    ["gamma f32", () => random.gamma(key, 2, [2, 2], { dtype: "float32" }), [2, 2], "float32"],
    ["loggamma", () => random.loggamma(key, 0.5, [3]), [3], "float64"],
    ["beta", () => random.beta(key, np.array([1, 2]), 3), [2], "float64"],
    ["dirichlet", () => random.dirichlet(key, [1, 1, 1, 1], [2, 3]), [2, 3, 4], "float64"],
    ["dirichlet default", () => random.dirichlet(key, np.ones([5, 3])), [5, 3], "float64"],
    ["chisquare", () => random.chisquare(key, 2, [3]), [3], "float64"],
    ["t", () => random.t(key, np.array([3, 4]), [5, 2]), [5, 2], "float64"],
    ["multivariateNormal", () => random.multivariateNormal(key, np.zeros([3]), np.eye(3), [4, 2]), [4, 2, 3], "float64"],
    ["multivariateNormal batch", () => random.multivariateNormal(key, np.zeros([5, 3]), np.eye(3)), [5, 3], "float64"],
    ["bernoulli", () => random.bernoulli(key, np.array([0.1, 0.9])), [2], "bool"],
    ["randint", () => random.randint(key, [3, 2], 0, 5), [3, 2], "int32"],
    ["categorical", () => random.categorical(key, np.zeros([4, 3])), [4], "int32"],
    ["categorical shape", () => random.categorical(key, np.zeros([4, 3]), { shape: [7, 4] }), [7, 4], "int32"],
    ["choice scalar", () => random.choice(key, 5), [], "int32"],
    ["choice array axis 1", () => random.choice(key, np.ones([2, 6]), [3], { axis: 1 }), [2, 3], "float64"],
    ["permutation", () => random.permutation(key, 6), [6], "int32"],
    ["permutation independent", () => random.permutation(key, np.ones([3, 4]), { axis: 1, independent: true }), [3, 4], "float64"],
    ["poisson", () => random.poisson(key, np.array([1, 20]), [3, 2]), [3, 2], "int32"],
    ["binomial", () => random.binomial(key, 10, np.array([0.1, 0.5, 0.9])), [3], "float64"],
    // float32 parameters (as every float on a tfjs device is) give float32 draws unless dtype says otherwise
    ["gamma of float32 a", () => random.gamma(key, np.array([1, 2], "float32")), [2], "float32"],
    ["loggamma of float32 a", () => random.loggamma(key, np.array([0.5], "float32"), [3]), [3], "float32"],
    ["beta of float32 a, weak b", () => random.beta(key, np.array([1, 2], "float32"), 3), [2], "float32"],
    ["beta of float32 and float64", () => random.beta(key, np.array([1, 2], "float32"), np.array([3, 4])), [2], "float64"],
    ["dirichlet of float32 alpha", () => random.dirichlet(key, np.ones([2, 3], "float32")), [2, 3], "float32"],
    ["binomial of float32 p", () => random.binomial(key, 10, np.array([0.1, 0.9], "float32")), [2], "float32"],
    ["truncatedNormal of float32 bounds", () => random.truncatedNormal(key, np.zeros([3], "float32"), 1), [3], "float32"],
    ["multivariateNormal of float32 mean", () => random.multivariateNormal(key, np.zeros([3], "float32"), np.eye(3, undefined, undefined, "float32")), [3], "float32"],
    ["uniform of float32 bounds", () => random.uniform(key, [2], { minval: np.zeros([2], "float32") }), [2], "float32"],
    ["gamma of float32 a, dtype given", () => random.gamma(key, np.array([1, 2], "float32"), undefined, { dtype: "float64" }), [2], "float64"],
  ];
  for (const [name, f, shape, dtype] of cases) {
    test(name, () => {
      const x = f();
      expect(x.shape).toEqual(shape);
      expect(x.dtype).toBe(dtype);
    });
  }
});

describe("moments (n = 20 000)", () => {
  const n = 20_000;
  // [name, draw, mean, variance]
  const cases: [string, () => Array, number, number][] = [
    ["uniform(-1, 3)", () => random.uniform(key, [n], { minval: -1, maxval: 3 }), 1, 16 / 12],
    ["normal", () => random.normal(key, [n]), 0, 1],
    ["exponential", () => random.exponential(key, [n]), 1, 1],
    ["laplace", () => random.laplace(key, [n]), 0, 2],
    ["logistic", () => random.logistic(key, [n]), 0, Math.PI ** 2 / 3],
    ["gumbel", () => random.gumbel(key, [n]), 0.5772156649015329, Math.PI ** 2 / 6],
    ["gamma(3.5)", () => random.gamma(key, 3.5, [n]), 3.5, 3.5],
    ["gamma(0.2)", () => random.gamma(key, 0.2, [n]), 0.2, 0.2],
    ["beta(2, 3)", () => random.beta(key, 2, 3, [n]), 0.4, 6 / (25 * 6)],
    ["t(6)", () => random.t(key, 6, [n]), 0, 1.5],
    ["chisquare(4)", () => random.chisquare(key, 4, [n]), 4, 8],
    ["poisson(7)", () => random.poisson(key, 7, [n]).astype("float64"), 7, 7],
    ["binomial(30, 0.2)", () => random.binomial(key, 30, 0.2, [n]), 6, 4.8],
    ["randint(0, 10)", () => random.randint(key, [n], 0, 10).astype("float64"), 4.5, 99 / 12],
    ["bernoulli(0.3)", () => random.bernoulli(key, 0.3, [n]).astype("float64"), 0.3, 0.21],
  ];
  for (const [name, f, m, v] of cases) {
    test(name, () => {
      const x = f64(f());
      const se = Math.sqrt(v / n);
      expect(Math.abs(mean(x) - m)).toBeLessThan(5 * se);
      expect(Math.abs(variance(x) / v - 1)).toBeLessThan(0.1);
    });
  }

  test("multivariateNormal mean and covariance", () => {
    const cov = [[2, 0.6, 0], [0.6, 1, -0.3], [0, -0.3, 0.5]];
    const x = random.multivariateNormal(key, [1, 2, 3], cov, [n]);
    const m = np.mean(x, { axis: 0 }).tolist() as number[];
    const xc = np.subtract(x, np.array(m));
    const c = np.divide(np.matmul(np.transpose(xc), xc), n - 1).tolist() as number[][];
    m.forEach((v, i) => expect(Math.abs(v - [1, 2, 3][i]!)).toBeLessThan(0.05));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(c[i]![j]! - cov[i]![j]!)).toBeLessThan(0.06);
  });

  test("dirichlet rows sum to one and have the right means", () => {
    const x = random.dirichlet(key, [0.5, 1.5, 3], [n]);
    const sums = f64(np.sum(x, { axis: -1 }));
    for (const s of sums) expect(Math.abs(s - 1)).toBeLessThan(1e-12);
    const m = np.mean(x, { axis: 0 }).tolist() as number[];
    m.forEach((v, i) => expect(Math.abs(v - [0.1, 0.3, 0.6][i]!)).toBeLessThan(0.01));
  });
});

describe("same key, same numbers, regardless of vmap", () => {
  const keys = random.split(random.key(77), 4);
  const rows = (x: Array) => np.split(x, 4).map((r) => r.reshape(r.shape.slice(1)).tolist());
  const one = (i: number) => np.split(keys, 4)[i]!.reshape([2]);
  const cases: [string, (k: Array) => Array][] = [
    ["uniform", (k) => random.uniform(k, [3], { minval: 1, maxval: 2 })],
    ["normal", (k) => random.normal(k, [3])],
    ["normal f32", (k) => random.normal(k, [2, 2], { dtype: "float32" })],
    ["truncatedNormal", (k) => random.truncatedNormal(k, -1, 1, [3])],
    ["gamma", (k) => random.gamma(k, np.array([0.5, 2, 9]))],
    ["loggamma", (k) => random.loggamma(k, 0.1, [3])],
    ["beta", (k) => random.beta(k, 2, 3, [3])],
    ["dirichlet", (k) => random.dirichlet(k, [1, 2], [2])],
    ["t", (k) => random.t(k, 3, [3])],
    ["multivariateNormal", (k) => random.multivariateNormal(k, [0, 1], [[1, 0.3], [0.3, 1]], [2])],
    ["poisson", (k) => random.poisson(k, np.array([1, 30]), [2, 2])],
    ["binomial", (k) => random.binomial(k, 20, 0.4, [3])],
    ["bernoulli", (k) => random.bernoulli(k, 0.5, [4])],
    ["randint", (k) => random.randint(k, [4], -5, 5)],
    ["categorical", (k) => random.categorical(k, np.array([0.1, 0.2, 0.7]), { shape: [4] })],
    ["choice", (k) => random.choice(k, 7, [3], { replace: false })],
    ["choice p", (k) => random.choice(k, np.array([5, 6, 7]), [4], { p: [0.2, 0.3, 0.5] })],
    ["permutation", (k) => random.permutation(k, 6)],
    ["permutation of rows", (k) => random.permutation(k, np.arange(12).reshape([4, 3]))],
    ["bits", (k) => random.bits(k, [3])],
  ];
  for (const [name, f] of cases) {
    test(name, () => {
      const batched = vmap(f)(keys) as Array;
      expect(rows(batched)).toEqual([0, 1, 2, 3].map((i) => f(one(i)).tolist()));
    });
  }

  test("vmap over parameters with a shared key", () => {
    const a = np.array([0.5, 1, 4]);
    const batched = vmap((ai: Array) => random.gamma(key, ai, [2]))(a) as Array;
    // element j of each row uses split(key, 2)[j] regardless of the row
    const direct = [0.5, 1, 4].map((ai) => random.gamma(key, ai, [2]).tolist());
    expect(batched.tolist()).toEqual(direct);
  });
});

describe("behaviour", () => {
  test("exp(loggamma) equals gamma for the same key (up to rounding)", () => {
    const g = f64(random.gamma(key, 0.7, [50]));
    const lg = f64(random.loggamma(key, 0.7, [50]));
    g.forEach((v, i) => expect(Math.abs(Math.exp(lg[i]!) - v)).toBeLessThan(1e-12 * Math.max(1, v)));
  });

  test("permutation of an array equals indexing by the permutation of its length", () => {
    const x = np.arange(30).reshape([10, 3]);
    const p = random.permutation(key, 10).tolist() as number[];
    const px = random.permutation(key, x).tolist() as number[][];
    const rowsOfX = x.tolist() as number[][];
    expect(px).toEqual(p.map((i) => rowsOfX[i]));
    expect([...p].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("independent permutation shuffles each row separately", () => {
    const x = np.tile(np.arange(8), [3, 1]);
    const px = random.permutation(key, x, { axis: 1, independent: true }).tolist() as number[][];
    for (const r of px) expect([...r].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(px[0]).not.toEqual(px[1]);
  });

  test("choice without replacement gives distinct entries; with p respects zeros", () => {
    for (let s = 0; s < 20; s++) {
      const c = random.choice(random.key(s), 6, [6], { replace: false }).tolist() as number[];
      expect(new Set(c).size).toBe(6);
      const cp = random.choice(random.key(s), 5, [3], { replace: false, p: [0.3, 0, 0.3, 0.4, 0] }).tolist() as number[];
      expect(new Set(cp).size).toBe(3);
      expect(cp.every((v) => v !== 1 && v !== 4)).toBe(true);
      const cr = random.choice(random.key(s), 4, [10], { p: [0, 0.5, 0.5, 0] }).tolist() as number[];
      expect(cr.every((v) => v === 1 || v === 2)).toBe(true);
    }
    expect(() => random.choice(key, 3, [4], { replace: false })).toThrow(/random\.choice: cannot take a larger sample/);
  });

  test("options given where the shape goes are an error that says where they go", () => {
    const call = () => random.gamma(key, 2.5, { dtype: "float32" } as unknown as number[]);
    expect(call).toThrow(/random\.gamma: shape must be a number or a list of non-negative integers; got an object with keys \{dtype\} \(options go after the shape/);
  });

  test("bounds: truncatedNormal in the open interval, randint in range, uniform below maxval", () => {
    const x = f64(random.truncatedNormal(key, 2, 2.001, [1000]));
    for (const v of x) expect(v > 2 && v < 2.001).toBe(true);
    const ri = f64(random.randint(key, [3, 300], np.array([[0], [10], [-3]], "int32"), 12).reshape([900]));
    for (let i = 0; i < 900; i++) {
      const lo = [0, 10, -3][Math.floor(i / 300)]!;
      expect(ri[i]! >= lo && ri[i]! < 12).toBe(true);
    }
    expect(f64(random.randint(key, [5], 4, 4))).toEqual(new Float64Array([4, 4, 4, 4, 4]));
    const u = f64(random.uniform(key, [1000], { minval: 5, maxval: 5.5 }));
    for (const v of u) expect(v >= 5 && v < 5.5).toBe(true);
  });

  test("poisson and binomial edge cases", () => {
    expect(random.poisson(key, 0, [3]).tolist()).toEqual([0, 0, 0]);
    expect(random.poisson(key, -1, [2]).tolist()).toEqual([-1, -1]);
    expect(random.binomial(key, 5, 1, [2]).tolist()).toEqual([5, 5]);
    expect(random.binomial(key, 5, 0, [2]).tolist()).toEqual([0, 0]);
  });
});
