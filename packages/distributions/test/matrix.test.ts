/**
 * LKJCholesky, LKJ, WishartCholesky and Wishart against the fixtures (SciPy's wishart; the
 * direct LKJ formula), with the checks of the table-driven suite: shapes, support, marginals
 * (KS), moments, gradients against finite differences, jit/vmap parity, the pytree round trip,
 * and use through bijectTo as NUTS uses it.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, np, random, tree, vmap } from "@orrery/core";
import * as D from "../src/index.js";
import { cdfFromQuantiles, ksStatistic, toList } from "./helpers.js";
import { closeAll, corr, entry, lkjCases, num, wishartCases, wishartOf } from "./matrix-helpers.js";

const fdGrad = (f: (v: number) => number, v0: number): number => {
  const h = 1e-6 * Math.max(1, Math.abs(v0));
  return (f(v0 + h) - f(v0 - h)) / (2 * h);
};
const scalar = (a: unknown): number => toList(a as any)[0];

/** logProb of bijectTo(support).forward(u) plus the log-Jacobian, and its gradient: finite. */
function nutsStyle(d: D.Distribution, dimU: number) {
  const t = D.bijectTo(d.support);
  const pot = (u: any) => {
    const y = t.forward(u);
    return d.logProb(y).add(t.logAbsDetJacobian(u, y));
  };
  const u0 = random.normal(random.key(3), [dimU]).mul(0.7);
  const v = scalar(pot(u0));
  const g = toList(grad(pot)(u0));
  expect(Number.isFinite(v)).toBe(true);
  g.forEach((x) => expect(Number.isFinite(x)).toBe(true));
  // the gradient along the first coordinate against a finite difference
  const e0 = np.zeros([dimU]).at(0).set(1);
  const fd = fdGrad((h) => scalar(pot(u0.add(e0.mul(h)))), 0);
  expect(Math.abs(g[0] - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
  // and the round trip to unconstrained space
  closeAll(toList(t.inverse(t.forward(u0))), toList(u0), 1e-9, "bijectTo round trip");
}

describe.each(lkjCases.map((c) => [`LKJCholesky(${c.dimension}, ${c.concentration})`, c] as [string, Record<string, any>]))("%s", (_l, c) => {
  const Dm = c.dimension as number;
  const eta = c.concentration as number;
  const d = new D.LKJCholesky(Dm, eta);
  const xs = np.array(c.x);

  it("logProb (LKJCholesky and LKJ) matches the direct formula to 1e-12", () => {
    closeAll(toList(d.logProb(xs)), num(c.logProb), 1e-12, "LKJCholesky");
    closeAll(toList(new D.LKJ(Dm, eta).logProb(np.array(c.corrX))), num(c.corrLogProb), 1e-12, "LKJ");
    closeAll(toList(new D.LKJCholesky(Dm, eta, "cvine").logProb(xs)), num(c.logProb), 1e-12, "cvine");
  });

  it("draws (onion and C-vine): shapes, support, off-diagonal marginals (KS)", () => {
    for (const method of ["onion", "cvine"] as const) {
      const dd = new D.LKJCholesky(Dm, eta, method);
      const n = 1000;
      const L = dd.sample(random.key(method === "onion" ? 5 : 6), [n]);
      expect(L.shape).toEqual([n, Dm, Dm]);
      expect(scalar(np.all(dd.support.check(L)).astype("float64"))).toBe(1);
      const Cm = corr(L);
      const q = num(c.offDiagQuantiles) as number[];
      for (const [i, j] of [[1, 0], [Dm - 1, Dm - 2]]) {
        const D_ = ksStatistic(entry(Cm, i, j), (x) => cdfFromQuantiles(q, c.pGrid, x));
        expect(D_, `${method} C[${i},${j}]`).toBeLessThan(1.95 / Math.sqrt(n) + 0.006);
      }
      const lkj = new D.LKJ(Dm, eta, method);
      const Cs = lkj.sample(random.key(1), [3]);
      expect(scalar(np.all(lkj.support.check(Cs)).astype("float64"))).toBe(1);
    }
    const batched = new D.LKJCholesky(Dm, np.array([eta, eta + 1]));
    expect(batched.batchShape).toEqual([2]);
    expect(batched.sample(random.key(2), [3]).shape).toEqual([3, 2, Dm, Dm]);
    expect(batched.logProb(xs.index(np.s(null, 2))).shape).toEqual([2]);
    expect(d.expand([4]).sample(random.key(2), [2]).shape).toEqual([2, 4, Dm, Dm]);
    expect(toList(d.mean)).toEqual(toList(np.eye(Dm)));
  });

  it("jit and vmap give the eager log densities; pytree round trip", () => {
    const eager = toList(d.logProb(xs));
    closeAll(toList(jit((dd: D.LKJCholesky, x) => dd.logProb(x))(d, xs)), eager, 1e-13);
    closeAll(toList(vmap((x) => d.logProb(x))(xs)), eager, 1e-13);
    const [leaves, def] = tree.flatten(d);
    const back = tree.unflatten(def, leaves) as D.LKJCholesky;
    expect(back).toBeInstanceOf(D.LKJCholesky);
    expect(back.dimension).toBe(Dm);
    closeAll(toList(back.logProb(xs)), eager, 0);
    const two = tree.map((l: any) => np.stack([l, l]), d);
    toList(vmap((dd: D.LKJCholesky) => dd.logProb(xs.index(0)))(two)).forEach((v) => closeAll([v], [eager[0]], 1e-13));
    const lkj = new D.LKJ(Dm, eta);
    const cx = np.array(c.corrX);
    closeAll(toList(jit((dd: D.LKJ, x) => dd.logProb(x))(lkj, cx)), toList(lkj.logProb(cx)), 1e-13);
  });

  it("gradient in the concentration matches finite differences; logProb through bijectTo is finite with finite gradients", () => {
    const x0 = xs.index(0);
    const f = (e: any) => new D.LKJCholesky(Dm, e, "onion", { validateArgs: false }).logProb(x0);
    const g = scalar(grad(f)(np.array(eta)));
    const fd = fdGrad((e) => scalar(f(e)), eta);
    expect(Math.abs(g - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    nutsStyle(d, (Dm * (Dm - 1)) / 2);
    nutsStyle(new D.LKJ(Dm, eta), (Dm * (Dm - 1)) / 2);
  });
});

describe.each(wishartCases.map((c) => [`Wishart(${c.df}, ${c.scaleMatrix.length}×${c.scaleMatrix.length})`, c] as [string, Record<string, any>]))("%s", (_l, c) => {
  const S = np.array(c.scaleMatrix);
  const p = c.scaleMatrix.length as number;
  const d = wishartOf(c);
  const dc = wishartOf(c, D.WishartCholesky);
  const xs = np.array(c.x);
  const ls = np.array(c.cholX);

  it("logProb (Wishart, WishartCholesky) matches SciPy to 1e-12; the three parameterisations agree", () => {
    closeAll(toList(d.logProb(xs)), num(c.logProb), 1e-12, "Wishart");
    closeAll(toList(dc.logProb(ls)), num(c.cholLogProb), 1e-12, "WishartCholesky");
    const byRate = new D.Wishart(c.df, { rateMatrix: np.linalg.inv(S) });
    const byTril = new D.Wishart(c.df, { scaleTril: np.linalg.cholesky(S) });
    closeAll(toList(byRate.logProb(xs)), num(c.logProb), 1e-11, "rateMatrix");
    closeAll(toList(byTril.logProb(xs)), num(c.logProb), 1e-12, "scaleTril");
    closeAll(toList(d.mean), (c.mean as number[][]).flat(), 1e-12, "mean");
    closeAll(toList(d.variance), (c.variance as number[][]).flat(), 1e-12, "variance");
    closeAll(toList(d.scaleMatrix), (c.scaleMatrix as number[][]).flat(), 1e-12, "scaleMatrix");
  });

  it("draws: shapes, support, W₀₀/S₀₀ ~ χ²(n) (KS), sample mean within 5 standard errors", () => {
    const n = 2000;
    const W = d.sample(random.key(9), [n]);
    expect(W.shape).toEqual([n, p, p]);
    expect(scalar(np.all(d.support.check(W)).astype("float64"))).toBe(1);
    const Lc = dc.sample(random.key(9), [5]);
    expect(scalar(np.all(dc.support.check(Lc)).astype("float64"))).toBe(1);
    const D_ = ksStatistic(entry(W, 0, 0), (x) => cdfFromQuantiles(num(c.w00Quantiles), c.pGrid, x));
    expect(D_).toBeLessThan(1.95 / Math.sqrt(n) + 0.006);
    const m = toList(np.mean(W, { axis: 0 }));
    const want = (c.mean as number[][]).flat();
    const v = (c.variance as number[][]).flat();
    m.forEach((x, i) => expect(Math.abs(x - want[i])).toBeLessThan(5 * Math.sqrt(v[i] / n)));
    const batched = new D.Wishart(np.array([c.df, c.df + 1]), { scaleMatrix: S });
    expect(batched.batchShape).toEqual([2]);
    expect(batched.sample(random.key(1), [3]).shape).toEqual([3, 2, p, p]);
    expect(batched.logProb(xs.index(0)).shape).toEqual([2]);
  });

  it("jit and vmap give the eager log densities; pytree round trip", () => {
    for (const [dd, x] of [[d, xs], [dc, ls]] as const) {
      const eager = toList(dd.logProb(x));
      closeAll(toList(jit((e: D.WishartCholesky, y) => e.logProb(y))(dd, x)), eager, 1e-13);
      closeAll(toList(vmap((y) => dd.logProb(y))(x)), eager, 1e-13);
      const [leaves, def] = tree.flatten(dd);
      expect(leaves.length).toBe(2); // concentration and scaleTril
      const back = tree.unflatten(def, leaves) as D.WishartCholesky;
      expect(back.constructor).toBe(dd.constructor);
      closeAll(toList(back.logProb(x)), eager, 0);
      const two = tree.map((l: any) => np.stack([l, l]), dd);
      toList(vmap((e: D.WishartCholesky) => e.logProb(x.index(0)))(two)).forEach((v) => closeAll([v], [eager[0]], 1e-13));
    }
  });

  it("gradients in df and in the scale matrix match finite differences; logProb through bijectTo is finite with finite gradients", () => {
    const x0 = xs.index(0);
    const fdf = (n: any) => new D.Wishart(n, { scaleMatrix: S }, { validateArgs: false }).logProb(x0);
    const g = scalar(grad(fdf)(np.array(c.df)));
    const fd = fdGrad((n) => scalar(fdf(n)), c.df);
    expect(Math.abs(g - fd)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
    // d/dS₀₀ through the Cholesky factor
    const e00 = np.zeros([p, p]).at(0, 0).set(1);
    const fs = (s: any) => new D.Wishart(c.df, { scaleMatrix: S.add(e00.mul(s)) }, { validateArgs: false }).logProb(x0);
    const gs = scalar(grad(fs)(np.array(0.0)));
    const fds = fdGrad((s) => scalar(fs(s)), 0);
    expect(Math.abs(gs - fds)).toBeLessThan(1e-5 * Math.max(1, Math.abs(fds)));
    // reparameterised draws: the gradient of a draw's trace in df is finite
    const gt = scalar(grad((n: any) => np.sum(np.diagonal(new D.Wishart(n, { scaleMatrix: S }, { validateArgs: false }).sample(random.key(4)), 0, -2, -1)))(np.array(c.df)));
    expect(Number.isFinite(gt)).toBe(true);
    nutsStyle(d, (p * (p + 1)) / 2);
    nutsStyle(dc, (p * (p + 1)) / 2);
  });
});

describe("matrix distributions: errors and small cases", () => {
  it("validation names the distribution and the parameter", () => {
    expect(() => new D.LKJCholesky(1, 1)).toThrow(/LKJCholesky: dimension must be an integer >= 2/);
    expect(() => new D.LKJCholesky(3, -1)).toThrow(/LKJCholesky: parameter concentration must satisfy positive/);
    expect(() => new D.LKJ(3, 1, "vine" as any)).toThrow(/sampleMethod/);
    expect(() => new D.Wishart(1.5, { scaleMatrix: np.eye(3) })).toThrow(/Wishart: parameter concentration must satisfy greaterThan\(2\)/);
    expect(() => new D.Wishart(4, {})).toThrow(/Wishart: give exactly one of scaleMatrix, rateMatrix, scaleTril/);
    expect(() => new D.WishartCholesky(4, { scaleMatrix: np.eye(2), scaleTril: np.eye(2) })).toThrow(/WishartCholesky: give exactly one/);
  });
  it("LKJ(2, η): the correlation is 2·Beta(η, η) − 1; η = 1 is uniform", () => {
    const r = 0.37;
    const eta = 2.5;
    const want = scalar(new D.Beta(eta, eta).logProb((r + 1) / 2)) - Math.LN2;
    closeAll(toList(new D.LKJ(2, eta).logProb(np.array([[1, r], [r, 1]]))), [want]);
    const L = np.array([[1, 0], [r, Math.sqrt(1 - r * r)]]);
    closeAll(toList(new D.LKJCholesky(2, eta).logProb(L)), [want]);
    closeAll(toList(new D.LKJCholesky(2, 1).logNormalizer()), [Math.LN2]);
  });
});
