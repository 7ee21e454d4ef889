import { describe, expect, test } from "vitest";
import { type Array, type ConcreteArray, grad, makeJaxpr, nn, np, special, vmap } from "../../src/index.js";
import { expectClose } from "../helpers/check.js";

describe("special namespace", () => {
  test("logsumexp is stable and honours b, axis and keepdims", () => {
    expectClose(special.logsumexp(np.array([1000, 1000])), [1000 + Math.LN2], 1e-15);
    expectClose(special.logsumexp(np.array([-Infinity, -Infinity])), [-Infinity]);
    expectClose(special.logsumexp(np.array([0, 0]), { b: np.array([0.5, 0.5]) }), [0], 0, 1e-16);
    const a = np.array([
      [1, 2],
      [3, 4],
    ]);
    expectClose(special.logsumexp(a, { axis: 1 }), [Math.log(Math.E + Math.E ** 2), Math.log(Math.E ** 3 + Math.E ** 4)], 1e-15);
    expect(special.logsumexp(a, { axis: 0, keepdims: true }).shape).toEqual([1, 2]);
    // Its gradient is the softmax.
    expectClose(grad((x: Array) => special.logsumexp(x))(np.array([0, Math.log(3)])), [0.25, 0.75], 1e-15);
  });

  test("xlogy and xlog1py are 0 where x is 0, with finite gradients", () => {
    expectClose(special.xlogy(np.array([0, 2]), np.array([0, Math.E])), [0, 2]);
    expectClose(special.xlog1py(0, -1), [0]);
    expectClose(grad((y: Array) => special.xlogy(0, y))(0.0), [0]);
    expectClose(grad((y: Array) => special.xlogy(3, y))(2.0), [1.5]);
  });

  test("softplus, log1mexp, expit and logit at extremes", () => {
    expectClose(special.softplus(np.array([1000, -1000, 0])), [1000, 0, Math.LN2], 1e-15, 1e-300);
    expectClose(special.log1mexp(np.array([1e-20, 50])), [Math.log(1e-20), Math.log1p(-Math.exp(-50))], 1e-15);
    expectClose(special.logit(special.expit(np.array([-3, 0.5]))), [-3, 0.5], 1e-15);
  });

  test("nn.softmax and logSoftmax sum to one / normalise", () => {
    expectClose(nn.softmax(np.array([0, Math.log(3)])), [0.25, 0.75], 1e-15);
    expectClose(np.sum(np.exp(nn.logSoftmax(np.array([[1, 2, 3]]), { axis: 1 }))), [1], 1e-15);
    expectClose(nn.relu(np.array([-1, 2])), [0, 2]);
  });

  test("gammaln gradient is digamma; digamma's is trigamma; vmap works", () => {
    expectClose(grad((x: Array) => special.gammaln(x))(1.0), [-0.5772156649015329], 1e-14);
    expectClose(grad((x: Array) => special.digamma(x))(1.0), [Math.PI ** 2 / 6], 1e-14);
    expectClose(vmap(grad((x: Array) => special.erf(x)))(np.array([0, 1])), [2 / Math.sqrt(Math.PI), (2 / Math.sqrt(Math.PI)) * Math.exp(-1)], 1e-15);
    expectClose(grad((x: Array) => special.ndtri(x))(0.5), [Math.sqrt(2 * Math.PI)], 1e-14);
  });

  test("exp10 and exp2 (and np.power with base 10 or 2): within 3 ulp of Math.pow, exact at integers, edge values", () => {
    const ys = Float64Array.from({ length: 4001 }, (_, i) => -300 + i * 0.15 + Math.sin(i) * 0.07);
    for (const [f, base, lim] of [[special.exp10, 10, 300], [special.exp2, 2, 1000]] as const) {
      const y = np.array(Float64Array.from(ys, (v) => (v * lim) / 300));
      const got = (f(y) as ConcreteArray).toTypedArray();
      const yv = (y as ConcreteArray).toTypedArray();
      let worst = 0;
      for (let i = 0; i < got.length; i++) {
        const want = Math.pow(base, yv[i]);
        if (want > 1e-300) worst = Math.max(worst, Math.abs(got[i] - want) / (want * 2.220446049250313e-16));
      }
      expect(worst).toBeLessThan(3);
      const ints = np.arange(-20, 21).astype("float64");
      expect(globalThis.Array.from((f(ints) as ConcreteArray).toTypedArray())).toEqual(globalThis.Array.from({ length: 41 }, (_, k) => Math.pow(base, k - 20)));
      expect(globalThis.Array.from((f(np.array([Infinity, -Infinity, NaN, 1e6, -1e6])) as ConcreteArray).toTypedArray())).toEqual([Infinity, 0, NaN, Infinity, 0]);
    }
    // np.power with a constant base 10 or 2 and a float exponent is exp10/exp2; an integer exponent stays an integer power.
    expect(makeJaxpr((m: Array) => np.power(10, m.mul(-0.4)))(np.array([1.0, 2.0])).toString()).toContain("exp10");
    expect(np.power(10, np.array([1, 2], "int32")).dtype).toBe("int32");
    expectClose(grad((m: Array) => np.power(10, m))(np.array(0.5)), [Math.LN10 * Math.pow(10, 0.5)], 1e-15);
  });
});
