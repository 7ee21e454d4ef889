/**
 * np.pad beyond the NumPy fixtures (shape.test.ts): derivatives, jit, vmap and errors.
 */
import { describe, expect, test } from "vitest";
import { type Array, grad, jit, np, vmap } from "../../src/index.js";
import { expectClose } from "../helpers/check.js";

const MODES = ["constant", "edge", "reflect", "symmetric", "wrap"] as const;
const x = np.array([[0.5, -1.25, 2], [3, 0.75, -0.5]]);
const weights = (shape: readonly number[]) => np.arange(shape.reduce((a, b) => a * b, 1)).reshape([...shape]).add(1);

describe("np.pad", () => {
  test("the gradient of each mode counts how often each element is copied, weighted", () => {
    for (const mode of MODES) {
      const f = (v: Array) => {
        const p = np.pad(v, [[1, 2], [3, 1]], { mode });
        return np.sum(p.mul(weights(p.shape)));
      };
      // Reference: central differences (the function is linear, so they are exact up to rounding).
      const g = grad(f)(x);
      const fd: number[] = [];
      const base = x.tolist() as number[][];
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 3; j++) {
          const up = base.map((r) => [...r]);
          const dn = base.map((r) => [...r]);
          up[i][j] += 0.5;
          dn[i][j] -= 0.5;
          fd.push(f(np.array(up)).item() - f(np.array(dn)).item());
        }
      }
      expectClose(g, fd, 1e-12, 1e-12, mode);
    }
  });

  test("jit and vmap give the eager values bit for bit", () => {
    for (const mode of MODES) {
      const f = (v: Array) => np.pad(v, 2, { mode });
      expect(jit(f)(x).tolist()).toEqual(f(x).tolist());
      const stacked = vmap(f)(x);
      expect(stacked.tolist()).toEqual([f(x.index(0)).tolist(), f(x.index(1)).tolist()]);
    }
  });

  test("bad arguments name what to fix", () => {
    expect(() => np.pad(x, 1, { mode: "mean" as never })).toThrow(/pad: mode "mean" is not supported; use one of constant, edge, reflect, symmetric, wrap/);
    expect(() => np.pad(x, [[1, 2], [3, 4], [5, 6]])).toThrow(/pad: padWidth must be n, \[n\], \[before, after\], or one \[before, after\] \(or \[n\]\) per axis \(2 axes\)/);
    expect(() => np.pad(x, -1)).toThrow(/pad: pad widths must be non-negative integers/);
    expect(() => np.pad(np.zeros([0, 2]), 1, { mode: "edge" })).toThrow(/pad: cannot extend the empty axis 0 with mode "edge"/);
    expect(() => np.pad(x, 1, { mode: "wrap", constantValues: 1 })).toThrow(/constantValues applies to mode "constant" only/);
    expect(() => np.pad(x, 1, { constantValues: [1, 2] })).toThrow(/constantValues must be a scalar/);
  });
});
