import { describe, expect, it } from "vitest";
import { grad, jit, nn, np, random, tree, vmap } from "@orrery/core";
import * as D from "../src/index.js";
import { fixtures, num, toList } from "./helpers.js";

const closeAll = (a: number[], b: number[], rtol = 1e-12) =>
  a.forEach((v, i) => {
    if (Math.abs(v - b[i]) > rtol * Math.max(1, Math.abs(b[i]))) throw new Error(`index ${i}: ${v} vs ${b[i]}`);
  });

describe("multivariate fixtures (SciPy)", () => {
  for (const c of fixtures.multivariate) {
    it(`${c.name} logProb to 1e-12`, () => {
      let d: D.Distribution;
      if (c.name === "MultivariateNormal") d = new D.MultivariateNormal(np.array(c.loc), { covarianceMatrix: np.array(c.cov) });
      else if (c.name === "MultivariateStudentT") d = new D.MultivariateStudentT(c.df, np.array(c.loc), np.array(c.scaleTril));
      else if (c.name === "Dirichlet") d = new D.Dirichlet(np.array(c.concentration));
      else d = new D.Multinomial(c.totalCount, np.array(c.probs));
      closeAll(toList(d.logProb(np.array(c.x))), num(c.logProb));
      if (c.mean) closeAll(toList(d.mean), c.mean, 1e-12);
      if (c.variance) closeAll(toList(d.variance), c.variance, 1e-12);
      const s = d.sample(random.key(0), [5]);
      expect(s.shape).toEqual([5, ...d.eventShape]);
      expect(toList(np.all(d.support.check(s)).astype("float64"))[0]).toBe(1);
      // jit and vmap parity, pytree round trip
      const xs = np.array(c.x);
      closeAll(toList(jit((dd: D.Distribution, x) => dd.logProb(x))(d, xs)), toList(d.logProb(xs)), 1e-13);
      closeAll(toList(vmap((x) => d.logProb(x))(xs)), toList(d.logProb(xs)), 1e-13);
      const [l, def] = tree.flatten(d);
      closeAll(toList((tree.unflatten(def, l) as D.Distribution).logProb(xs)), toList(d.logProb(xs)), 0);
    });
  }
  it("MultivariateNormal: covariance, precision and scaleTril agree; sample moments", () => {
    const cov = np.array([[2, 0.6], [0.6, 1]]);
    const x = np.array([0.3, -1.2]);
    const a = new D.MultivariateNormal(np.array([1, 0]), { covarianceMatrix: cov });
    const b = new D.MultivariateNormal(np.array([1, 0]), { precisionMatrix: np.linalg.inv(cov) });
    const c = new D.MultivariateNormal(np.array([1, 0]), { scaleTril: np.linalg.cholesky(cov) });
    closeAll(toList(b.logProb(x)), toList(a.logProb(x)), 1e-12);
    closeAll(toList(c.logProb(x)), toList(a.logProb(x)), 1e-12);
    const s = a.sample(random.key(1), [20000]);
    const m = toList(np.mean(s, { axis: 0 }));
    expect(Math.abs(m[0] - 1)).toBeLessThan(0.05);
    expect(Math.abs(m[1])).toBeLessThan(0.04);
    const g = grad((loc: any) => new D.MultivariateNormal(loc, { covarianceMatrix: cov }).logProb(x))(np.array([1, 0]));
    closeAll(toList(g), toList(np.linalg.solve(cov, x.sub(np.array([1, 0])))), 1e-12);
  });
  it("LowRankMultivariateNormal equals the full-covariance normal", () => {
    const W = np.array([[1, 0.2], [0.5, -1], [0.1, 0.3]]);
    const Dg = np.array([0.5, 1, 2]);
    const lr = new D.LowRankMultivariateNormal(np.zeros([3]), W, Dg);
    const full = new D.MultivariateNormal(np.zeros([3]), { covarianceMatrix: lr.covarianceMatrix });
    const x = np.array([0.2, -0.4, 1.1]);
    closeAll(toList(lr.logProb(x)), toList(full.logProb(x)), 1e-12);
    expect(lr.sample(random.key(0), [4]).shape).toEqual([4, 3]);
  });
  it("GaussianRandomWalk logProb is the sum of normal increments", () => {
    const d = new D.GaussianRandomWalk(0.5, 4);
    const x = np.array([0.1, 0.3, -0.2, 0.0]);
    const inc = np.array([0.1, 0.2, -0.5, 0.2]);
    closeAll(toList(d.logProb(x)), toList(np.sum(new D.Normal(0, 0.5).logProb(inc))), 1e-12);
    expect(d.sample(random.key(0), [3]).shape).toEqual([3, 4]);
  });
});

describe("TransformedDistribution", () => {
  it("Chi2(6) scaled by L/2 is the Bailer-Jones prior r² e^(−r/L) / (2L³)", () => {
    const L = 1.35;
    const d = new D.TransformedDistribution(new D.Chi2(6), new D.AffineTransform(0, L / 2));
    const r = np.array([0.01, 0.5, 2, 7.5, 30]);
    const want = toList(r).map((x) => Math.log((x * x * Math.exp(-x / L)) / (2 * L ** 3)));
    closeAll(toList(d.logProb(r)), want, 1e-12);
    const s = d.sample(random.key(0), [20000]);
    expect(Math.abs(toList(np.mean(s))[0] - 3 * L) / (3 * L)).toBeLessThan(0.02);
  });
  it("Normal through ExpTransform is LogNormal", () => {
    const d = new D.TransformedDistribution(new D.Normal(0.3, 0.7), [new D.ExpTransform()]);
    const x = np.array([0.1, 1, 4]);
    closeAll(toList(d.logProb(x)), toList(new D.LogNormal(0.3, 0.7).logProb(x)), 1e-12);
    closeAll(toList(d.cdf(x)), toList(new D.LogNormal(0.3, 0.7).cdf(x)), 1e-12);
  });
  it("a Dirichlet pushed through the inverse stick-breaking map has the right event shape", () => {
    const d = new D.TransformedDistribution(new D.Dirichlet(np.ones([3])), new D.StickBreakingTransform().inv);
    expect(d.eventShape).toEqual([2]);
    expect(d.sample(random.key(0), [2]).shape).toEqual([2, 2]);
    expect(Number.isFinite(toList(d.logProb(np.array([0.1, -0.3])))[0])).toBe(true);
  });
});

describe("mixtures", () => {
  it("MixtureGeneral of a Normal and a LogNormal: membership probabilities sum to one", () => {
    const mix = new D.MixtureGeneral(new D.Categorical(np.array([0.4, 0.6])), [new D.Normal(0, 1), new D.LogNormal(0, 0.5)]);
    const x = np.array([-0.5, 0.5, 1.5, 3]);
    const lp = mix.componentLogProbs(x);
    expect(lp.shape).toEqual([4, 2]);
    const member = nn.softmax(lp, { axis: -1 });
    toList(np.sum(member, { axis: -1 })).forEach((v) => expect(v).toBeCloseTo(1, 14));
    // x < 0 belongs to the normal for sure
    expect(toList(member)[1]).toBe(0);
    const direct = toList(x).map((v) => {
      const n = 0.4 * Math.exp(toList(new D.Normal(0, 1).logProb(v))[0]);
      const ln = v > 0 ? 0.6 * Math.exp(toList(new D.LogNormal(0, 0.5).logProb(v))[0]) : 0;
      return Math.log(n + ln);
    });
    closeAll(toList(mix.logProb(x)), direct, 1e-12);
    const s = mix.sample(random.key(0), [5000]);
    expect(s.shape).toEqual([5000]);
    const mean = 0.6 * Math.exp(0.125);
    expect(Math.abs(toList(np.mean(s))[0] - mean)).toBeLessThan(0.05);
    expect(toList(mix.mean)[0]).toBeCloseTo(mean, 12);
  });
  it("MixtureSameFamily matches the explicit mixture; samples have the mixture mean", () => {
    const mix = new D.MixtureSameFamily(new D.Categorical(np.array([0.3, 0.7])), new D.Normal(np.array([-1, 2]), np.array([0.5, 1])));
    const x = np.array([-1, 0.5, 3]);
    const want = toList(x).map((v) => Math.log(0.3 * Math.exp(toList(new D.Normal(-1, 0.5).logProb(v))[0]) + 0.7 * Math.exp(toList(new D.Normal(2, 1).logProb(v))[0])));
    closeAll(toList(mix.logProb(x)), want, 1e-12);
    const s = mix.sample(random.key(4), [10000]);
    expect(Math.abs(toList(np.mean(s))[0] - 1.1)).toBeLessThan(0.06);
    closeAll(toList(jit((m: D.MixtureSameFamily, v) => m.logProb(v))(mix, x)), toList(mix.logProb(x)), 1e-13);
  });
});

describe("wrappers", () => {
  it("Independent, expand, mask", () => {
    const base = new D.Normal(np.zeros([2, 3]), 1);
    const ind = base.toEvent(1);
    expect(ind.batchShape).toEqual([2]);
    expect(ind.eventShape).toEqual([3]);
    closeAll(toList(ind.logProb(np.zeros([2, 3]))), [3 * -0.9189385332046727, 3 * -0.9189385332046727], 1e-12);
    const e = new D.Normal(np.array([0, 10]), 1).expand([4, 2]);
    const s = e.sample(random.key(0), [100]);
    expect(s.shape).toEqual([100, 4, 2]);
    expect(Math.abs(toList(np.mean(s.index("...", 1)))[0] - 10)).toBeLessThan(0.2);
    // rows of an expanded axis are independent draws
    expect(toList(s.index(0, 0, 0))[0]).not.toBe(toList(s.index(0, 1, 0))[0]);
    const m = new D.Normal(np.zeros([2]), 1).mask(np.array([true, false]));
    closeAll(toList(m.logProb(np.zeros([2]))), [-0.9189385332046727, 0], 1e-15);
  });
  it("Delta, Unit, ImproperUniform", () => {
    expect(toList(new D.Delta(2).logProb(np.array([2, 3])))).toEqual([0, -Infinity]);
    expect(toList(new D.Unit(-1.5).logProb(np.zeros([0])))).toEqual([-1.5]);
    expect(toList(new D.ImproperUniform(D.constraints.positive, [2], []).logProb(np.array([1, 2])))).toEqual([0, 0]);
    expect(() => new D.ImproperUniform(D.constraints.positive, [], []).sample(random.key(0))).toThrow(/improper/);
  });
  it("OrderedLogistic probabilities sum to one", () => {
    const d = new D.OrderedLogistic(np.array([0.5, -1]), np.array([-1, 0, 1.5]));
    toList(np.sum(d.probs, { axis: -1 })).forEach((v) => expect(v).toBeCloseTo(1, 14));
    expect(d.sample(random.key(0), [3]).shape).toEqual([3, 2]);
  });
  it("TruncatedDistribution of a Cauchy", () => {
    const d = new D.TruncatedDistribution(new D.Cauchy(0, 1), { low: 0 });
    closeAll(toList(d.logProb(1)), [Math.log(2 / (2 * Math.PI))], 1e-12);
    expect(toList(np.min(d.sample(random.key(0), [1000])))[0]).toBeGreaterThanOrEqual(0);
  });
});

describe("validation", () => {
  it("names the distribution, the parameter, the constraint and the index", () => {
    expect(() => new D.Normal(0, np.array([1, 2, 3, -1]))).toThrow("Normal: parameter scale must satisfy positive, got -1 (at index 3)");
    expect(() => new D.Beta(0, 1)).toThrow("Beta: parameter concentration1 must satisfy positive, got 0");
    expect(() => new D.Bernoulli(1.5)).toThrow(/Bernoulli: parameter probs must satisfy unitInterval/);
    expect(() => new D.Categorical(np.array([0.5, 0.6]))).toThrow(/Categorical: parameter probs must satisfy simplex/);
    expect(() => new D.Uniform(2, 1)).toThrow(/Uniform: parameter high must satisfy greaterThan\(2\)/);
    expect(() => new D.NegativeBinomial2(-1, 1)).toThrow(/NegativeBinomial2: parameter mean must satisfy positive/);
    expect(() => new D.MultivariateNormal(np.zeros([2]), { scaleTril: np.array([[1, 0], [0, -1]]) })).toThrow(/scaleTril must satisfy lowerCholesky/);
  });
  it("is off per instance or globally", () => {
    expect(() => new D.Normal(0, -1, { validateArgs: false })).not.toThrow();
    D.setValidation(false);
    try {
      expect(() => new D.Normal(0, -1)).not.toThrow();
    } finally {
      D.setValidation(true);
    }
    expect(() => new D.Normal(0, -1)).toThrow();
  });
  it("is skipped for traced parameters (inside grad/vmap)", () => {
    expect(() => vmap((s: any) => new D.Normal(0, s).logProb(0))(np.array([1, 2]))).not.toThrow();
  });
});

describe("kl", () => {
  it("closed forms agree with Monte Carlo estimates", () => {
    const pairs: [D.Distribution, D.Distribution][] = [
      [new D.Normal(0.3, 1.2), new D.Normal(-0.5, 0.8)],
      [new D.Gamma(2, 1.5), new D.Gamma(3, 1)],
      [new D.Beta(2, 3), new D.Beta(1.5, 1.5)],
      [new D.Exponential(2), new D.Exponential(0.5)],
      [new D.Poisson(3), new D.Poisson(4)],
      [new D.Dirichlet(np.array([1, 2, 3])), new D.Dirichlet(np.array([2, 2, 2]))],
    ];
    for (const [p, q] of pairs) {
      const s = p.sample(random.key(11), [40000]);
      const mc = toList(np.mean(p.logProb(s).sub(q.logProb(s))))[0];
      const exact = toList(D.kl(p, q))[0];
      expect(Math.abs(mc - exact)).toBeLessThan(0.03 + 0.03 * Math.abs(exact));
    }
    expect(toList(D.kl(new D.Normal(0, 1), new D.Normal(1, 2)))[0]).toBeCloseTo(Math.log(2) + 2 / 8 - 0.5, 14);
    const a = new D.MultivariateNormal(np.zeros([2]), { covarianceMatrix: np.eye(2) });
    const b = new D.MultivariateNormal(np.ones([2]), { covarianceMatrix: np.eye(2).mul(2) });
    expect(toList(D.kl(a, b))[0]).toBeCloseTo(0.5 * (1 + 1 - 2 + 2 * Math.log(2)), 12);
  });
});
