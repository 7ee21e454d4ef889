import { describe, expect, test } from "vitest";
import { mad, mean, median, quantile, sd, variance } from "../src/index.js";
import { posterior } from "./helpers.js";
import { forEachPosteriorCase as forEachCase } from "./posterior-cases.js";

describe("mean, sd, median, mad and quantile2 against R", () => {
  forEachCase((x, r, rv, expectClose) => {
    expectClose(mean(x.data), r.mean, "mean");
    expectClose(sd(x.data), r.sd, "sd");
    expectClose(median(x), r.median, "median");
    expectClose(mad(x), r.mad, "mad");
    const q = quantile(x, posterior.probs);
    posterior.probs.forEach((p, i) => expectClose(q[i], rv.quantile2[i], `quantile2(${p})`));
  });
});

test("compensated mean returns a constant exactly and handles infinities", () => {
  expect(mean(new Float64Array(1000).fill(0.1))).toBe(0.1);
  expect(variance(new Float64Array(1000).fill(0.1))).toBe(0);
  expect(mean([1, Infinity])).toBe(Infinity);
  expect(mean([-Infinity, Infinity])).toBeNaN();
  expect(variance([1])).toBeNaN();
  expect(mean([1e8 + 0.125, 1e8 + 0.25, 1e8 + 0.375])).toBe(1e8 + 0.25);
});
