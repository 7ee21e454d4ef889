import { describe, expect, test } from "vitest";
import { type Array, customJvp, customVjp, grad, jacfwd, jacrev, np, vmap, stopGradient } from "../../src/index.js";
import { expectClose } from "../helpers/check.js";

describe("customJvp", () => {
  const log1pexp = customJvp((x: Array) => np.log1p(np.exp(x)));
  log1pexp.defJvp(([x]: Array[], [t]: Array[]) => [log1pexp(x), t.mul(np.exp(x.neg()).add(1).reciprocal())]);

  test("the rule is used where the plain formula overflows", () => {
    expectClose(grad(log1pexp)(1000.0), [1]);
    expectClose(grad(log1pexp)(0.0), [0.5]);
  });
  test("second derivative differentiates the rule", () => {
    const s = 1 / (1 + Math.exp(-0.3));
    expectClose(grad(grad(log1pexp))(0.3), [s * (1 - s)], 1e-14);
  });
  test("under vmap, both orders", () => {
    const xs = np.array([-1.0, 0.0, 2.0]);
    const want = [-1, 0, 2].map((v) => 1 / (1 + Math.exp(-v)));
    expectClose(vmap(grad(log1pexp))(xs), want, 1e-15);
    expectClose(grad((u: Array) => np.sum(vmap(log1pexp)(u)))(xs), want, 1e-15);
    expectClose(jacfwd((u: Array) => vmap(log1pexp)(u))(xs), [want[0], 0, 0, 0, want[1], 0, 0, 0, want[2]], 1e-15);
  });
});

describe("customVjp", () => {
  const clipGradient = customVjp((x: Array) => x);
  clipGradient.defVjp(
    (x: Array) => [x, null],
    (_res: unknown, g: Array) => [np.clip(g, -1, 1)],
  );

  test("the backward pass replaces the derivative", () => {
    expectClose(grad((x: Array) => np.sum(clipGradient(x).mul(5)))(np.array([1.0, 2.0])), [1, 1]);
    expectClose(grad((x: Array) => np.sum(clipGradient(x).mul(0.5)))(np.array([1.0])), [0.5]);
  });
  test("residuals reach the backward pass, also under vmap", () => {
    const sq = customVjp((x: Array) => x.mul(x));
    sq.defVjp(
      (x: Array) => [x.mul(x), x],
      (x: Array, g: Array) => [g.mul(x).mul(2)],
    );
    expectClose(grad((x: Array) => np.sum(sq(x)))(np.array([1.0, 3.0])), [2, 6]);
    expectClose(vmap(grad((x: Array) => sq(x)))(np.array([1.0, 3.0])), [2, 6]);
    expectClose(jacrev((x: Array) => sq(x))(np.array([1.0, 3.0])), [2, 0, 0, 6]);
  });
  test("forward mode is a clear error", () => {
    const sq = customVjp((x: Array) => x.mul(x));
    sq.defVjp((x: Array) => [x.mul(x), x], (x: Array, g: Array) => [g.mul(x).mul(2)]);
    expect(() => jacfwd((x: Array) => sq(x))(np.array([1.0]))).toThrow(/Forward-mode/);
  });
});

test("stopGradient blocks the derivative", () => {
  expectClose(grad((x: Array) => x.mul(stopGradient(x)))(3.0), [3]);
});
