import { describe, expect, test } from "vitest";
import { digamma, gammaSign, lgamma, polygamma } from "../../src/special/scalar/index.js";
import { check, fivePointDiff, loadFixture, summary } from "./helpers.js";

describe("lgamma", () => {
  test("agrees with SciPy gammaln / mpmath to 1e-13", () => {
    const r = check(lgamma, loadFixture("lgamma"));
    console.log(summary(r));
    expect(r.failures).toEqual([]);
    expect(r.scipyFailures).toEqual([]);
  });
  test("special values", () => {
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-0)).toBe(Infinity);
    expect(lgamma(-3)).toBe(Infinity);
    expect(lgamma(Infinity)).toBe(Infinity);
    expect(lgamma(-Infinity)).toBe(-Infinity); // as scipy.special.gammaln
    expect(lgamma(1)).toBe(0);
    expect(lgamma(2)).toBe(0);
  });
});

describe("gammaSign", () => {
  test("agrees with SciPy gammasgn", () => {
    const r = check(gammaSign, loadFixture("gammasgn"), { rtol: 0, atol: 0 }, { skip: ([x]) => x === 0 });
    expect(r.failures).toEqual([]);
    expect(gammaSign(0)).toBe(1);
    expect(gammaSign(-0)).toBe(-1);
  });
});

describe("digamma", () => {
  test("agrees with SciPy psi / mpmath to 1e-13", () => {
    // Near the zeros of psi on the negative axis (one in each (-n-1, -n)) psi(x) has no relative
    // accuracy bound: the reflection adds pi cot(pi x) to psi(1-x) with cancellation. There the
    // check is absolute, 1e-13 * (1 + |pi cot(pi x)|), the size of the cancelled terms.
    const r = check(digamma, loadFixture("digamma"), { rtol: 1e-13, atol: 1e-300 }, {
      tolFor: ([x]) => (x < 0 ? { rtol: 1e-13, atol: 1e-13 * (1 + Math.abs(Math.PI / Math.tan(Math.PI * x))) } : undefined),
    });
    console.log(summary(r));
    expect(r.failures).toEqual([]);
    expect(r.scipyFailures).toEqual([]);
  });
  test("special values match SciPy", () => {
    expect(digamma(0)).toBe(-Infinity);
    expect(digamma(-0)).toBe(Infinity);
    expect(digamma(-1)).toBeNaN();
    expect(digamma(-Infinity)).toBeNaN();
    expect(digamma(Infinity)).toBe(Infinity);
  });
  test("is the derivative of lgamma", () => {
    for (const x of [0.3, 1.2, 2.5, 7.1, 33.3, -0.4, -2.7]) {
      const h = 1e-3 * Math.max(1, Math.abs(x)) * (x < 0 ? 0.1 : 1);
      const fd = fivePointDiff(lgamma, x, h);
      expect(Math.abs(fd - digamma(x))).toBeLessThan(1e-8 * Math.max(1, Math.abs(digamma(x))));
    }
  });
});

describe("polygamma", () => {
  test("agrees with SciPy polygamma / mpmath to 1e-13", () => {
    // x < 0: psi^(n) = (-1)^(n+1) n! sum_k 1/(x+k)^(n+1) sums terms of both signs for even n;
    // the error is bounded relative to the largest term, |x - round(x)|^-(n+1) n!.
    const r = check(polygamma, loadFixture("polygamma"), { rtol: 1e-13, atol: 1e-300 }, {
      tolFor: ([n, x]) => {
        if (x >= 0) return undefined;
        let f = 1;
        for (let k = 2; k <= n; k++) f *= k;
        return { rtol: 1e-13, atol: 1e-13 * f * Math.pow(Math.abs(x - Math.round(x)) || 1, -(n + 1)) };
      },
    });
    console.log(summary(r));
    expect(r.failures).toEqual([]);
    expect(r.scipyFailures).toEqual([]);
  });
  test("n = 0 is digamma, non-integer n is NaN", () => {
    expect(polygamma(0, 3.3)).toBe(digamma(3.3));
    expect(polygamma(1.5, 2)).toBeNaN();
    expect(polygamma(-1, 2)).toBeNaN();
  });
  test("past n = 170 (n! overflows) agrees with mpmath; n = Infinity is NaN", () => {
    // mpmath.polygamma(n, x) at 30 digits (SciPy's gamma(n+1)·zeta gives inf or nan here)
    const ref: [number, number, number][] = [
      [200, 10, -7.8865787114015540738343744003e173],
      [171, 2, 2.07309331416531314988014039441e257],
      [300, 50, -1.25012465641559220552049763019e103],
      [172, 1.5, -7.337003656221511007094677925e280],
      [171, -0.5, Infinity],
      [200, 1e4, -0],
      [1e6, 0.5, -Infinity],
    ];
    for (const [n, x, want] of ref) {
      const got = polygamma(n, x);
      if (Number.isFinite(want) && want !== 0) expect(Math.abs(got - want) / Math.abs(want), `polygamma(${n}, ${x})`).toBeLessThan(1e-12);
      else expect(got, `polygamma(${n}, ${x})`).toBe(want);
    }
    expect(polygamma(Infinity, 2)).toBeNaN();
    expect(polygamma(Infinity, 0.5)).toBeNaN();
  });
  test("polygamma(1) is the derivative of digamma, polygamma(2) of polygamma(1)", () => {
    for (const x of [0.3, 1.2, 2.5, 7.1, 33.3, -0.4, -2.7]) {
      const h = 1e-3 * (x < 0 ? 0.1 : Math.max(1, x));
      const p1 = polygamma(1, x);
      expect(Math.abs(fivePointDiff(digamma, x, h) - p1)).toBeLessThan(1e-8 * Math.max(1, Math.abs(p1)));
      const p2 = polygamma(2, x);
      expect(Math.abs(fivePointDiff((t) => polygamma(1, t), x, h) - p2)).toBeLessThan(1e-7 * Math.max(1, Math.abs(p2)));
    }
  });
});
