import { expect, test } from "vitest";
import { AffineTransform, Chi2, TransformedDistribution, bijectTo, positive } from "../src/index.js";
test("AffineTransform with a positive domain maps onto a half-line; the Bailer-Jones prior's support is positive", () => {
  const L = 1350;
  const d = new TransformedDistribution(new Chi2(6), new AffineTransform(0, L / 2, { domain: positive }));
  expect(d.support.name).toMatch(/greaterThan/);
  const t = bijectTo(d.support);
  const r = (t.forward(-3) as any).data[0];
  expect(r).toBeGreaterThan(0);
  expect(new AffineTransform(1, -2, { domain: positive }).codomain.name).toMatch(/lessThan/);
});
