import { describe, expect, test } from "vitest";
import { erf, erfc, erfcinv, erfcx, erfinv, logNdtr, ndtr, ndtri } from "../../src/special/scalar/index.js";
import { check, fivePointDiff, loadFixture, summary } from "./helpers.js";

function expectClean(name: string, fn: (...a: number[]) => number) {
  const r = check(fn, loadFixture(name));
  console.log(summary(r));
  expect(r.failures).toEqual([]);
  expect(r.scipyFailures).toEqual([]);
}

describe("error function family vs SciPy / mpmath (1e-13 relative)", () => {
  test("erf", () => expectClean("erf", erf));
  test("erfc", () => expectClean("erfc", erfc));
  test("erfcx", () => expectClean("erfcx", erfcx));
  test("erfinv", () => expectClean("erfinv", erfinv));
  test("erfcinv", () => expectClean("erfcinv", erfcinv));
});

describe("normal distribution functions vs SciPy / mpmath (1e-13 relative)", () => {
  test("ndtr", () => expectClean("ndtr", ndtr));
  test("logNdtr", () => expectClean("log_ndtr", logNdtr));
  test("ndtri", () => expectClean("ndtri", ndtri));
});

describe("derivatives", () => {
  test("d/dx erf = 2/sqrt(pi) exp(-x^2)", () => {
    for (const x of [-3, -1.2, -0.3, 0, 0.1, 0.74, 0.76, 1.5, 2.2, 4]) {
      const want = (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x);
      expect(Math.abs(fivePointDiff(erf, x, 1e-3) - want)).toBeLessThan(1e-10);
      expect(Math.abs(fivePointDiff(erfc, x, 1e-3) + want)).toBeLessThan(1e-10);
    }
  });
  test("d/dp ndtri = 1/phi(ndtri(p))", () => {
    for (const p of [1e-10, 1e-4, 0.02, 0.2, 0.5, 0.7, 0.97, 0.9999]) {
      const x = ndtri(p);
      const want = Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
      const h = 1e-3 * Math.min(p, 1 - p);
      expect(Math.abs(fivePointDiff(ndtri, p, h) - want) / want).toBeLessThan(1e-8);
    }
  });
  test("d/dx logNdtr = phi(x)/Phi(x)", () => {
    for (const x of [-30, -5, -1.1, -0.5, 0, 2, 6]) {
      const want = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) / ndtr(x);
      expect(Math.abs(fivePointDiff(logNdtr, x, 1e-3) - want) / want).toBeLessThan(1e-9);
    }
  });
  test("inverses round-trip", () => {
    for (const y of [-0.999999, -0.5, -1e-9, 0.1, 0.49, 0.51, 0.9, 1 - 1e-12]) {
      expect(Math.abs(erf(erfinv(y)) - y)).toBeLessThanOrEqual(2.3e-16 * Math.abs(y));
    }
    for (const p of [1e-300, 1e-20, 0.01, 0.3, 0.5, 0.8, 0.999]) {
      expect(Math.abs(ndtr(ndtri(p)) - p) / p).toBeLessThan(1e-13);
    }
  });
});
