import { grad, np } from "@orrery/core";
import { describe, expect, it } from "vitest";
import { Poisson, PoissonLogRate } from "../src/index.js";
import { toList } from "./helpers.js";

describe("PoissonLogRate", () => {
  it("is Poisson(exp(logRate)) in log p, to rounding", () => {
    const lr = np.array([-3, -0.5, 0, 1.2, 4]);
    const k = np.array([0, 1, 2, 3, 60]);
    const got: number[] = toList(new PoissonLogRate(lr).logProb(k));
    const want: number[] = toList(new Poisson(np.exp(lr)).logProb(k));
    got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(1e-13 * Math.max(1, Math.abs(want[i]))));
  });

  it("a log rate of −∞ is the point mass at zero, as Stan's poisson_log", () => {
    const d = new PoissonLogRate(-Infinity);
    expect(d.logProb(0).item()).toBe(0);
    expect(d.logProb(2).item()).toBe(-Infinity);
  });

  it("d log p / d logRate = k − exp(logRate), with no log(exp(·)) in between", () => {
    const g = grad((lr) => new PoissonLogRate(lr).logProb(7))(np.array(1.5)).item();
    expect(g).toBeCloseTo(7 - Math.exp(1.5), 13);
  });

  it("keeps its log rate through tree flattening (vmap, jit arguments)", () => {
    const d = new PoissonLogRate(np.array([0.5, 1]));
    expect(d.treeArgs[0]).toBe(d.logRate);
    expect(d.batchShape).toEqual([2]);
  });
});
