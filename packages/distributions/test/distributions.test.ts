/**
 * The table-driven suite: every fixture case (SciPy reference values) through the same checks.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, np, random, tree, vmap } from "@orrery/core";
import { bijectTo, withoutValidation } from "../src/index.js";
import { type Case, build, caseLabel, cdfFromQuantiles, fixtures, ksStatistic, maxFreqZ, num, numericPaths, toList, withArg } from "./helpers.js";

const close = (a: number, b: number, rtol: number, atol = 0): boolean => {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= rtol * Math.max(1, Math.abs(b)) + atol;
};

describe.each(fixtures.cases.map((c) => [caseLabel(c), c] as [string, Case]))("%s", (_label, c) => {
  const args = num(c.args) as unknown[];
  const d = build(c.name, args);
  const xs = np.array(num(c.x) as number[]);

  it("logProb matches SciPy to 1e-12 (relative, floor 1)", () => {
    const got = toList(d.logProb(xs));
    const want = num(c.logProb) as number[];
    got.forEach((g, i) => {
      if (!close(g, want[i], 1e-12)) throw new Error(`x=${num(c.x)[i]}: got ${g}, SciPy ${want[i]} (diff ${g - want[i]})`);
    });
  });

  it("shapes: sample, expand, logProb of draws", () => {
    const s = d.sample(random.key(1), [3, 2]);
    expect(s.shape).toEqual([3, 2]);
    expect(d.logProb(s).shape).toEqual([3, 2]);
    const e = d.expand([4]);
    expect(e.batchShape).toEqual([4]);
    expect(e.sample(random.key(2), [2]).shape).toEqual([2, 4]);
    expect(d.toEvent(0)).toBe(d);
  });

  it("draws lie in the support and match the reference distribution (KS / frequencies)", () => {
    const n = 1000;
    const draws = d.sample(random.key(7), [n]);
    expect(toList(np.all(d.support.check(draws)).astype("float64"))[0]).toBe(1);
    const v = toList(draws.astype("float64"));
    if (c.quantiles) {
      const q = num(c.quantiles) as number[];
      const p = c.pGrid as number[];
      const D = ksStatistic(v, (x) => cdfFromQuantiles(q, p, x));
      // critical value at α = 0.001 is 1.95/√n; the interpolated reference CDF adds ≤ 0.005.
      expect(D).toBeLessThan(1.95 / Math.sqrt(n) + 0.006);
    } else if (c.pmf) {
      expect(maxFreqZ(v, c.pmfSupport!, c.pmf)).toBeLessThan(5);
    }
  });

  if (c.mean !== undefined) {
    it("mean and variance match SciPy", () => {
      const m = num(c.mean);
      const vv = num(c.variance);
      // SciPy reports +inf where NumPyro (and this package) report NaN (e.g. Student t, df <= 1)
      if (Number.isFinite(m)) expect(close(toList(d.mean)[0], m, 1e-9)).toBe(true);
      if (Number.isFinite(vv)) expect(close(toList(d.variance)[0], vv, 1e-8)).toBe(true);
    });
  }

  it("jit and vmap give the eager log densities; pytree round trip", () => {
    const eager = toList(d.logProb(xs));
    const jitted = toList(jit((dd: typeof d, x) => dd.logProb(x))(d, xs));
    jitted.forEach((g, i) => expect(close(g, eager[i], 1e-13)).toBe(true));
    const vm = toList(vmap((x) => d.logProb(x))(xs));
    vm.forEach((g, i) => expect(close(g, eager[i], 1e-13)).toBe(true));
    const [leaves, def] = tree.flatten(d);
    const back = tree.unflatten(def, leaves) as typeof d;
    expect(back.constructor).toBe(d.constructor);
    toList(back.logProb(xs)).forEach((g, i) => expect(close(g, eager[i], 0)).toBe(true));
    // vmap over a batch of two copies of the distribution itself.
    const two = tree.map((l: unknown) => np.stack([l as any, l as any]), d);
    const x0 = (num(c.x) as number[]).find((x) => Number.isFinite(eager[(num(c.x) as number[]).indexOf(x)])) ?? 0;
    const per = toList(vmap((dd: typeof d) => dd.logProb(x0))(two));
    const single = toList(d.logProb(x0))[0];
    per.forEach((g) => expect(close(g, single, 1e-13)).toBe(true));
  });

  if (c.kind === "continuous") {
    it("logProb of bijectTo(support).forward(u) plus the log-Jacobian is finite with finite gradients (as NUTS uses it)", () => {
      const t = bijectTo(d.support);
      const pot = (u: any) => {
        const y = t.forward(u);
        return d.logProb(y).add(t.logAbsDetJacobian(u, y));
      };
      // unconstrained points of the fixture's values with finite density, away from the ends
      const xv = num(c.x) as number[];
      const lp = toList(d.logProb(xs));
      const inner = xv.filter((_x, k) => k > 0 && k < xv.length - 1 && Number.isFinite(lp[k]));
      for (const u of toList(t.inverse(np.array(inner)))) {
        const v = toList(pot(np.array(u)))[0];
        const g = toList(grad(pot)(np.array(u)))[0];
        if (!Number.isFinite(v) || !Number.isFinite(g)) throw new Error(`u=${u}: potential ${v}, gradient ${g}`);
      }
    });
  }

  if (c.cdf) {
    it("cdf matches SciPy (1e-11 relative, 1e-15 absolute)", () => {
      const got = toList(d.cdf(xs));
      const want = num(c.cdf) as number[];
      got.forEach((g, i) => {
        if (!(Math.abs(g - want[i]) <= 1e-11 * Math.abs(want[i]) + 1e-15)) throw new Error(`x=${num(c.x)[i]}: cdf ${g}, SciPy ${want[i]} (diff ${g - want[i]})`);
      });
    });
  }

  if (c.circularMean !== undefined) {
    it("circular mean and variance; draws have the mean resultant length 1 − variance", () => {
      expect(close(toList(d.mean)[0], c.circularMean!, 1e-15)).toBe(true);
      expect(close(toList(d.variance)[0], c.circularVariance!, 1e-13)).toBe(true);
      const n = 4000;
      const s = d.sample(random.key(11), [n]);
      const C = toList(np.mean(np.cos(s.sub(c.circularMean!))))[0];
      const S = toList(np.mean(np.sin(s.sub(c.circularMean!))))[0];
      // E cos(x − μ) = 1 − V, E sin(x − μ) = 0; each average has standard error <= 1/√n
      expect(Math.abs(C - (1 - c.circularVariance!))).toBeLessThan(5 / Math.sqrt(n));
      expect(Math.abs(S)).toBeLessThan(5 / Math.sqrt(n));
    });
  }

  if (c.grad) {
    it("gradients of logProb match central finite differences", () => {
      const xv = num(c.x) as number[];
      const lp = toList(d.logProb(xs));
      // a point of finite log density in the middle of the grid
      const mid = Math.floor(xv.length / 2);
      const i = Number.isFinite(lp[mid]) ? mid : xv.findIndex((_x, k) => Number.isFinite(lp[k]));
      const x0 = xv[Math.max(i, 0)];
      const paths = numericPaths(c);
      for (const path of paths) {
        const p0 = (path[1] === null ? args[path[0]] : (args[path[0]] as Record<string, number>)[path[1]]) as number;
        const f = (p: any) => withoutValidation(() => build(c.name, withArg(args, path, p))).logProb(x0);
        const g = toList(grad(f)(np.array(p0)))[0];
        const h = 1e-6 * (p0 === 0 ? 1 : Math.abs(p0));
        const fd = (toList(f(p0 + h))[0] - toList(f(p0 - h))[0]) / (2 * h);
        if (!Number.isFinite(fd)) continue;
        if (!close(g, fd, 1e-4, 1e-4 * Math.abs(lp[Math.max(i, 0)]))) throw new Error(`d/d arg ${JSON.stringify(path)} at x=${x0}: grad ${g}, finite difference ${fd}`);
      }
      if (c.kind === "continuous") {
        const gx = toList(grad((x: any) => d.logProb(x))(np.array(x0)))[0];
        const h = 1e-6 * Math.max(Math.abs(x0), 1e-8);
        const fd = (toList(d.logProb(x0 + h))[0] - toList(d.logProb(x0 - h))[0]) / (2 * h);
        if (Number.isFinite(fd) && !close(gx, fd, 1e-4, 1e-4 * Math.abs(lp[Math.max(i, 0)]))) throw new Error(`d/dx at ${x0}: grad ${gx}, finite difference ${fd}`);
      }
    });
  }
});
