import { describe, expect, test } from "vitest";
import { type Array } from "../../src/core/array.js";
import "../../src/core/methods.js";
import * as random from "../../src/random/index.js";
import * as np from "../../src/np/index.js";
import { grad, jvp } from "../../src/api/ad.js";
import { vmap } from "../../src/api/vmap.js";
import { lgamma } from "../../src/special/scalar/gamma.js";
import { randomGammaGrad as randomGammaGradP } from "../../src/primitives/random-ops.js";
import { f64, ref } from "./ks-suite.js";

/** Regularised lower incomplete gamma P(a, x) (series / Legendre continued fraction), for the checks. */
function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnPre = a * Math.log(x) - x - lgamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < 1e-17 * sum) break;
    }
    return Math.exp(lnPre) * sum;
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    c = b + an / c;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return 1 - Math.exp(lnPre) * h;
}

const gammaPdf = (a: number, x: number) => Math.exp((a - 1) * Math.log(x) - x - lgamma(a));

describe("the implicit gamma gradient", () => {
  test("randomGammaGrad matches mpmath's -(dP/da)/(dP/dx)", () => {
    for (const [a, x, g] of ref.gammaGrad) {
      expect(Math.abs(random.randomGammaGrad(a, x) - g) / Math.abs(g), `a=${a} x=${x}`).toBeLessThan(1e-10);
    }
    expect(random.randomGammaGrad(2, 0)).toBe(0);
    expect(random.randomGammaGrad(-1, 1)).toBeNaN();
    // the Wilson-Hilferty branch for huge shapes is continuous with the exact one
    const a = 1e7;
    const x = a + 2 * Math.sqrt(a);
    const exact = x < a + 1 ? NaN : random.randomGammaGrad(a * (1 - 1e-12), x);
    expect(Math.abs(random.randomGammaGrad(a * (1 + 1e-12), x) / exact - 1)).toBeLessThan(1e-6);
  });

  test("d gamma sample / d a at a fixed key equals -(dP/da)/pdf at the sample (finite differences of the CDF)", () => {
    const key = random.key(3);
    for (const a of [0.3, 1, 2.5, 12]) {
      const [xs, dxs] = jvp((av: Array) => random.gamma(key, av, [6]), [np.array(a)], [np.array(1)]) as [Array, Array];
      const x = f64(xs);
      const dx = f64(dxs);
      for (let i = 0; i < 6; i++) {
        const h = 1e-5 * a;
        const dPda = (gammaP(a + h, x[i]!) - gammaP(a - h, x[i]!)) / (2 * h);
        const expected = -dPda / gammaPdf(a, x[i]!);
        expect(Math.abs(dx[i]! - expected), `a=${a} x=${x[i]}`).toBeLessThan(2e-5 * Math.max(1, Math.abs(expected)));
      }
    }
  });

  test("grad of a sum of gamma samples, loggamma's gradient and float32", () => {
    const key = random.key(8);
    const a = 1.7;
    const x = f64(random.gamma(key, a, [4]));
    const g = grad((av: Array) => np.sum(random.gamma(key, av, [4])))(a) as Array;
    const expected = [...x].reduce((s, xi) => s + random.randomGammaGrad(a, xi), 0);
    expect(Math.abs(g.item() - expected)).toBeLessThan(1e-12 * Math.abs(expected));
    const [, dlog] = jvp((av: Array) => random.loggamma(key, av, [4]), [np.array(a)], [np.array(1)]) as [Array, Array];
    f64(dlog).forEach((v, i) => expect(Math.abs(v - random.randomGammaGrad(a, x[i]!) / x[i]!)).toBeLessThan(1e-10));
    const g32 = grad((av: Array) => np.sum(random.gamma(key, av, [4], { dtype: "float32" })))(np.array(a, "float32")) as Array;
    expect(g32.dtype).toBe("float32");
    expect(Math.abs(g32.item() - expected) / expected).toBeLessThan(1e-4);
  });

  test("gradients in expectation: d/da E[x] for gamma, beta, dirichlet, chisquare", () => {
    const n = 4000;
    const key = random.key(21);
    const meanGrad = (f: (p: Array) => Array, p: number) => (grad((pv: Array) => np.mean(f(pv)))(p) as Array).item();
    const se = (f: (p: Array) => Array, p: number) => {
      const [, t] = jvp(f, [np.array(p)], [np.array(1)]) as [Array, Array];
      const d = f64(t);
      const m = d.reduce((s, v) => s + v, 0) / n;
      return Math.sqrt(d.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1) / n);
    };
    const check = (f: (p: Array) => Array, p: number, expected: number) => {
      expect(Math.abs(meanGrad(f, p) - expected)).toBeLessThan(4 * se(f, p));
    };
    check((a) => random.gamma(key, a, [n]), 2.2, 1); // E[x] = a
    check((a) => random.gamma(key, a, [n]), 0.4, 1);
    check((a) => random.beta(key, a, 3, [n]), 2, 3 / 25); // E = a/(a+b)
    check((b) => random.beta(key, 2, b, [n]), 3, -2 / 25);
    check((df) => random.chisquare(key, df, [n]), 3, 1);
    check((a0) => np.reshape(np.split(random.dirichlet(key, np.stack([a0, np.array(2), np.array(3)]), [n]), 3, 1)[0]!, [n]), 1, 5 / 36);
  });

  test("second derivatives are refused with a clear message", () => {
    const key = random.key(0);
    expect(() => grad((a: Array) => grad((b: Array) => np.sum(random.gamma(key, b, [2])))(a))(2.0)).toThrow(/second derivatives/);
  });

  test("random_gamma_grad is differentiable in the sample (closed form) and refuses alpha", () => {
    for (const [a, x] of [[0.4, 0.3], [2.5, 1.7], [30, 33], [5, 12]] as const) {
      const [, t] = jvp((xv: Array) => randomGammaGradP(np.array(a), xv), [np.array(x)], [np.array(1)]) as [Array, Array];
      const h = 1e-6 * x;
      const fd = (random.randomGammaGrad(a, x + h) - random.randomGammaGrad(a, x - h)) / (2 * h);
      expect(Math.abs(t.item() - fd), `a=${a} x=${x}`).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
    }
    expect(() => jvp((av: Array) => randomGammaGradP(av, np.array(1.0)), [np.array(2.0)], [np.array(1)])).toThrow(/with respect to alpha/);
  });

  test("the gradient works under vmap over keys", () => {
    const keys = random.split(random.key(5), 3);
    const gs = vmap((k: Array) => grad((a: Array) => np.sum(random.gamma(k, a, [2])))(1.5))(keys) as Array;
    const direct = [0, 1, 2].map((i) => (grad((a: Array) => np.sum(random.gamma(np.split(keys, 3)[i]!.reshape([2]), a, [2])))(1.5) as Array).item());
    (gs.tolist() as number[]).forEach((v, i) => expect(v).toBeCloseTo(direct[i]!, 12));
  });
});

describe("pathwise gradients vs finite differences with a fixed key", () => {
  const key = random.key(99);
  const fd = (f: (p: number) => Float64Array, p: number, h = 1e-6) => {
    const up = f(p + h);
    const dn = f(p - h);
    return up.map((u, i) => (u - dn[i]!) / (2 * h));
  };
  const close = (a: Float64Array, b: Float64Array, tol: number) => a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(tol * Math.max(1, Math.abs(b[i]!))));

  test("uniform in minval and maxval", () => {
    for (const which of ["minval", "maxval"] as const) {
      const f = (p: Array | number) => random.uniform(key, [5], which === "minval" ? { minval: p as any, maxval: 3 } : { minval: -1, maxval: p as any });
      const [, t] = jvp(f, [np.array(0.5)], [np.array(1)]) as [Array, Array];
      close(f64(t), fd((p) => f64(f(p)), 0.5), 1e-6);
    }
  });

  test("truncatedNormal in lower and upper", () => {
    for (const which of ["lower", "upper"] as const) {
      const f = (p: Array | number) => (which === "lower" ? random.truncatedNormal(key, p, 2, [5]) : random.truncatedNormal(key, -0.5, p, [5]));
      const p0 = which === "lower" ? -0.5 : 2;
      const [, t] = jvp(f, [np.array(p0)], [np.array(1)]) as [Array, Array];
      close(f64(t), fd((p) => f64(f(p)), p0), 1e-5);
    }
  });

  test("normal through a location-scale transform", () => {
    const z = f64(random.normal(key, [4]));
    const g = grad((s: Array) => np.sum(np.add(1, np.multiply(s, random.normal(key, [4])))))(2.0) as Array;
    expect(g.item()).toBeCloseTo([...z].reduce((a, b) => a + b, 0), 12);
  });

  test("multivariateNormal in the mean and the covariance", () => {
    const m0 = [0.5, -1];
    const f = (c01: Array | number, m1: Array | number) =>
      random.multivariateNormal(key, np.stack([np.array(m0[0]!), np.asarray(m1)]), np.stack([np.stack([np.array(2), np.asarray(c01)]), np.stack([np.asarray(c01), np.array(1)])]), [4]);
    const [, tc] = jvp((c: Array) => f(c, m0[1]!), [np.array(0.3)], [np.array(1)]) as [Array, Array];
    close(f64(tc), fd((c) => f64(f(c, m0[1]!)), 0.3), 1e-5);
    const [, tm] = jvp((m: Array) => f(0.3, m), [np.array(m0[1]!)], [np.array(1)]) as [Array, Array];
    expect(f64(tm)).toEqual(new Float64Array([0, 1, 0, 1, 0, 1, 0, 1]));
  });
});

describe("shuffles and choices are differentiable in the array (sort and gather)", () => {
  const key = random.key(17);
  const x = np.array([0.5, -1, 2, 3.5, 7]);
  const w = np.array([1, 2, 3, 4, 5]);

  test("permutation: the gradient is the weights permuted back", () => {
    const p = random.permutation(key, 5).tolist() as number[];
    const g = f64(grad((xv: Array) => np.sum(np.multiply(w, random.permutation(key, xv))))(x) as Array);
    p.forEach((src, j) => expect(g[src]).toBe(j + 1));
  });

  test("choice with replacement: the gradient counts how often each entry was drawn", () => {
    for (const p of [undefined, [0.1, 0.2, 0.3, 0.2, 0.2]]) {
      const idx = random.choice(key, 5, [12], { p }).tolist() as number[];
      const g = f64(grad((xv: Array) => np.sum(random.choice(key, xv, [12], { p })))(x) as Array);
      const counts = [0, 1, 2, 3, 4].map((i) => idx.filter((j) => j === i).length);
      expect([...g]).toEqual(counts);
    }
  });

  test("choice along an axis keeps the other axes, for any dtype", () => {
    const m = np.arange(12).reshape([3, 4]);
    const idx = random.choice(key, 4, [2, 2]).tolist() as number[][];
    const got = random.choice(key, m, [2, 2], { axis: 1 }).tolist() as number[][][];
    const rows = m.tolist() as number[][];
    expect(got).toEqual(rows.map((r) => idx.map((ij) => ij.map((j) => r[j]!))));
    const b = random.choice(key, np.array([true, false, true, false]), [6]);
    expect(b.dtype).toBe("bool");
  });
});
