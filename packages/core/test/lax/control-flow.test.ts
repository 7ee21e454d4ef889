import { describe, expect, test } from "vitest";
import { type Array, grad, hessian, jacfwd, jit, jvp, lax, np, vmap } from "../../src/index.js";
import { expectClose, values } from "../helpers/check.js";

describe("lax.cond and lax.switch", () => {
  const f = (x: Array) => lax.cond(x.gt(0), (y: Array) => y.mul(y), (y: Array) => np.sin(y), x);
  test("values, eager and under jit", () => {
    expectClose(f(np.array(2.0)), [4]);
    expectClose(f(np.array(-1.0)), [Math.sin(-1)]);
    expectClose(jit(f)(np.array(2.0)), [4]);
    expectClose(jit(f)(np.array(-1.0)), [Math.sin(-1)], 1e-15);
    expectClose(lax.switch(np.array(7, "int32"), [(y: Array) => y, (y: Array) => y.mul(2)], np.array(3.0)), [6]);
  });
  test("gradients through the taken branch, forward and reverse, under jit", () => {
    expectClose(grad(f)(3.0), [6]);
    expectClose(grad(f)(-1.0), [Math.cos(-1)], 1e-15);
    expectClose(jit(grad(f))(np.array(3.0)), [6]);
    const [, t] = jvp(f, [np.array(-1.0)], [np.array(1.0)]);
    expectClose(t, [Math.cos(-1)], 1e-15);
    expectClose(grad(grad(f))(3.0), [2]);
  });
  test("vmap with a batched predicate selects per element", () => {
    const xs = np.array([2.0, -1.0, 3.0]);
    expectClose(vmap(f)(xs), [4, Math.sin(-1), 9], 1e-15);
    expectClose(vmap(grad(f))(xs), [4, Math.cos(-1), 6], 1e-15);
    expectClose(jit(vmap(f))(xs), [4, Math.sin(-1), 9], 1e-15);
  });
  test("branches closing over traced values", () => {
    const g = (s: Array) => lax.cond(np.array(true), (y: Array) => y.mul(s), (y: Array) => y, np.array(3.0));
    expectClose(grad(g)(2.0), [3]);
  });
  test("branches with different outputs are an error naming them", () => {
    expect(() => jit((x: Array) => lax.cond(x.gt(0), (y: Array) => y, (y: Array) => np.stack([y, y]), x))(np.array(1.0))).toThrow(/branch 1/);
  });
});

describe("lax.whileLoop", () => {
  const collatzSteps = (n: Array) =>
    lax.whileLoop(
      ([k]: Array[]) => k.gt(1),
      ([k, s]: Array[]) => [np.where(np.mod(k, 2).eq(0), np.floorDivide(k, 2), k.mul(3).add(1)), s.add(1)],
      [n, np.array(0, "int32")],
    )[1];
  test("values, under jit, and vmap with a batched predicate", () => {
    expect(values(collatzSteps(np.array(6, "int32")))).toEqual([8]);
    expect(values(jit(collatzSteps)(np.array(27, "int32")))).toEqual([111]);
    expect(values(vmap(collatzSteps)(np.array([6, 27, 1], "int32")))).toEqual([8, 111, 0]);
  });
  test("forward-mode derivative; reverse mode is a clear error", () => {
    const f = (x: Array) => lax.whileLoop((v: Array) => v.lt(100), (v: Array) => v.mul(x), np.array(1.0).mul(x));
    // x = 3: 3 → 9 → 27 → 81 → 243 = x^5, derivative 5x^4.
    const [, t] = jvp(f, [np.array(3.0)], [np.array(1.0)]);
    expectClose(t, [5 * 81]);
    expectClose(jacfwd(f)(np.array(3.0)), [405]);
    // The gradient with respect to one scalar is taken in forward mode, so it works too;
    // reverse mode (more than one input element) is a clear error.
    expectClose(grad(f)(3.0), [405]);
    expect(() => grad((v: Array) => f(np.sum(v)))(np.array([1.0, 2.0]))).toThrow(/whileLoop.*forILoop/);
  });
});

describe("lax.scan, forILoop and map", () => {
  test("cumulative sums and stacked outputs, forwards and reversed", () => {
    const xs = np.array([1.0, 2.0, 3.0, 4.0]);
    const [total, partial] = lax.scan((c: Array, x: Array) => [c.add(x), c.add(x)], np.array(0.0), xs);
    expectClose(total, [10]);
    expectClose(partial, [1, 3, 6, 10]);
    const [, rev] = lax.scan((c: Array, x: Array) => [c.add(x), c.add(x)], np.array(0.0), xs, { reverse: true });
    expectClose(rev, [10, 9, 7, 4]);
    expectClose(jit((a: Array) => lax.scan((c: Array, x: Array) => [c.mul(x), c], np.array(1.0), a)[1])(xs), [1, 1, 2, 6]);
  });

  // A damped oscillator integrated with a fixed number of steps: scan's reverse mode.
  const simulate = (k: Array) => {
    const [[x], traj] = lax.scan(
      ([pos, vel]: Array[], _: unknown) => {
        const acc = pos.mul(k).neg().sub(vel.mul(0.1));
        const v2 = vel.add(acc.mul(0.01));
        const p2 = pos.add(v2.mul(0.01));
        return [[p2, v2], p2.square()];
      },
      [np.array(1.0), np.array(0.0)],
      null,
      { length: 50 },
    );
    return x.add(np.sum(traj));
  };
  const fd = (f: (x: Array) => Array, x: number, h = 1e-6) => ((f(np.array(x + h)) as any).data[0] - (f(np.array(x - h)) as any).data[0]) / (2 * h);

  test("grad through scan matches finite differences, eager and under jit", () => {
    const want = fd(simulate, 2.0);
    expectClose(grad(simulate)(2.0), [want], 1e-7);
    expectClose(jit(grad(simulate))(np.array(2.0)), [want], 1e-7);
    const [, t] = jvp(simulate, [np.array(2.0)], [np.array(1.0)]);
    expectClose(t, [want], 1e-7);
    const h = hessian(simulate)(np.array(2.0));
    expectClose(h, [fd((k: Array) => grad(simulate)(k), 2.0, 1e-5)], 1e-5);
  });

  test("grad of scan with xs and consts; vmap of scan and of its gradient", () => {
    const f = (w: Array, xs: Array) => np.sum(lax.scan((c: Array, x: Array) => [np.tanh(c.mul(w).add(x)), c], np.array(0.5), xs)[1]);
    const xs = np.array([0.1, -0.3, 0.7, 0.2]);
    const g = grad(f, { argnums: [0, 1] })(np.array(0.8), xs);
    expectClose(g[0], [fd((w: Array) => f(w, xs), 0.8)], 1e-7);
    const ws = np.array([0.8, -0.4]);
    expectClose(vmap((w: Array) => f(w, xs))(ws), np.stack([f(np.array(0.8), xs), f(np.array(-0.4), xs)]), 1e-15);
    expectClose(vmap(grad((w: Array) => f(w, xs)))(ws), [fd((w: Array) => f(w, xs), 0.8), fd((w: Array) => f(w, xs), -0.4)], 1e-7);
    const xss = np.stack([xs, xs.mul(2)]);
    expectClose(vmap((a: Array) => f(np.array(0.8), a))(xss), np.stack([f(np.array(0.8), xs), f(np.array(0.8), xs.mul(2))]), 1e-15);
  });

  test("forILoop with static bounds is reverse-differentiable; map stacks", () => {
    const pow = (x: Array) => lax.forILoop(0, 5, (_i: Array, acc: Array) => acc.mul(x), np.array(1.0));
    expectClose(pow(np.array(2.0)), [32]);
    expectClose(grad(pow)(2.0), [80]);
    expectClose(lax.forILoop(0, 5, (i: Array, acc: Array) => acc.add(i), np.array(0, "int32")), [10]);
    expectClose(lax.map((r: Array) => np.sum(r), np.ones([3, 4])), [4, 4, 4]);
  });
});
