import { expect, test } from "vitest";
import { lgamma, pbeta, qbeta, qnorm } from "../src/index.js";
import { expectClose, posterior } from "./helpers.js";

test("qnorm matches R's qnorm (AS 241)", () => {
  posterior.special.qnorm_p.forEach((p, i) => expectClose(qnorm(p), posterior.special.qnorm[i], `qnorm(${p})`, 1e-15));
  expect(qnorm(0)).toBe(-Infinity);
  expect(qnorm(1)).toBe(Infinity);
  expect(qnorm(-0.1)).toBeNaN();
  expect(qnorm(NaN)).toBeNaN();
});

test("qbeta matches R's qbeta", () => {
  for (const [p, a, b, q] of posterior.special.qbeta) expectClose(qbeta(p, a, b), q, `qbeta(${p}, ${a}, ${b})`, 1e-12);
  expect(qbeta(0, 2, 3)).toBe(0);
  expect(qbeta(1, 2, 3)).toBe(1);
  expect(qbeta(0.5, -1, 3)).toBeNaN();
});

test("pbeta and lgamma", () => {
  expectClose(pbeta(0.5, 2, 2), 0.5, "pbeta", 1e-14);
  expectClose(pbeta(0.3, 1, 1), 0.3, "uniform cdf", 1e-14);
  expectClose(pbeta(0.2, 2, 5), 0.34464, "pbeta(0.2, 2, 5)", 1e-12);
  expect(pbeta(0, 2, 2)).toBe(0);
  expect(pbeta(1, 2, 2)).toBe(1);
  expectClose(lgamma(5), Math.log(24), "lgamma(5)", 1e-14);
  expectClose(lgamma(0.5), Math.log(Math.sqrt(Math.PI)), "lgamma(0.5)", 1e-14);
  expectClose(lgamma(100.5), 361.4355404677776, "lgamma(100.5)", 1e-14);
  expectClose(lgamma(1000.25), 5906.947268271117, "lgamma(1000.25)", 1e-14);
  for (const [p, a, b] of [[0.1, 3, 7], [0.9, 50, 2], [0.5, 1000, 3000]]) {
    expectClose(pbeta(qbeta(p, a, b), a, b), p, `round trip ${p} ${a} ${b}`, 1e-12);
  }
});
