import { describe, expect, test } from "vitest";
import { type Array, customVjp, grad, jit, np, valueAndGrad, vjp, vmap } from "../../src/index.js";
import { expectBitwise, expectClose } from "../helpers/check.js";

// A function of one scalar with two sums over a shared exp: reverse mode needs a second pass.
const lam = np.linspace(0.5, 2, 7);
const f = (b: Array) => {
  const e = np.exp(lam.mul(b));
  return np.log(np.sum(e.mul(lam)).div(np.sum(e)));
};

describe("grad with respect to one scalar is forward mode", () => {
  test("the derivative matches reverse mode (vjp) to rounding, eager, jitted and vmapped", () => {
    const b = np.array(0.7);
    const [, pullback] = vjp(f, b);
    const [rev] = pullback(np.array(1.0)) as Array[];
    expectClose(grad(f)(b), rev, 1e-14);
    expectBitwise(jit(grad(f))(b) as Array, grad(f)(b) as Array);
    const bs = np.array([0.1, 0.7, 1.3]);
    expectBitwise(jit(vmap(grad(f)))(bs) as Array, vmap(grad(f))(bs) as Array);
    // Shape and dtype follow the argument: a [1] float32 input gets a [1] float32 gradient.
    const g32 = grad((x: Array) => np.sum(np.sin(x)))(np.array([0.5], "float32")) as Array;
    expect(g32.shape).toEqual([1]);
    expect(g32.dtype).toBe("float32");
  });

  test("one pass: the compiled gradient is one loop (value and tangent sums together)", () => {
    const src = jit(grad(f)).lower(np.array(0.7)).source;
    expect(src.match(/for \(let /g)?.length).toBe(1);
    expect(src.match(/lib_exp\(/g)?.length).toBe(1);
  });

  test("customVjp functions (no forward mode) fall back to reverse mode", () => {
    const clipGrad = customVjp((x: Array) => x.mul(3));
    clipGrad.defVjp(
      (x: Array) => [x.mul(3), null],
      (_res: unknown, ct: Array) => [ct.mul(100)],
    );
    expectClose(grad((x: Array) => clipGrad(x))(np.array(2.0)), [100]);
    expectClose(valueAndGrad((x: Array) => clipGrad(x))(np.array(2.0))[1], [100]);
  });

  test("non-scalar outputs still get reverse mode's error", () => {
    expect(() => grad((x: Array) => x.mul(np.ones([3])))(np.array(1.0))).toThrow(/must return a scalar/);
  });
});
