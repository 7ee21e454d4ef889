import { describe, expect, test } from "vitest";
import { type Array, ConcreteArray } from "../../src/core/array.js";
import { diagonal, dot, inner, matmul, outer, tensordot, trace, vdot } from "../../src/np/linalg.js";
import { einsum } from "../../src/np/einsum.js";
import { reduceSum } from "../../src/primitives/reduce.js";
import { sin } from "../../src/primitives/unary.js";
import { grad, hessian, jacrev } from "../../src/api/ad.js";
import { vmap } from "../../src/api/vmap.js";
import { type Enc, dec, expectClose, fixtures, numJac, rand, stack, take } from "./helpers.js";

describe("np.matmul (NumPy)", () => {
  for (const c of fixtures.matmul as { a: Enc; b: Enc; out: Enc }[]) {
    test(`[${c.a.shape}] @ [${c.b.shape}]`, () => expectClose(matmul(dec(c.a), dec(c.b)), c.out, 1e-12));
  }
  test("ints stay int32; JS arrays accepted", () => {
    const z = matmul(new ConcreteArray(Int32Array.of(1, 2, 3, 4), [2, 2], "int32"), new ConcreteArray(Int32Array.of(1, 1), [2, 1], "int32"));
    expect(z.dtype).toBe("int32");
    expect((matmul([[1, 2], [3, 4]], [[1], [1]]) as ConcreteArray).tolist()).toEqual([[3], [7]]);
    expect((z as ConcreteArray).tolist()).toEqual([[3], [7]]);
  });
  test("mismatched inner dims name both shapes", () => {
    expect(() => matmul(rand([2, 3]), rand([4, 2]))).toThrow(/\(2, 3\).*\(4, 2\)/);
    expect(() => matmul(rand([]), rand([2]))).toThrow(/at least 1-D/);
  });
  test("gradient through broadcasting batch dims (vs differences)", () => {
    const b = rand([5, 4, 2], 3);
    const f = (a: Array) => reduceSum(sin(matmul(a, b)), [0, 1, 2, 3]);
    const a = rand([2, 1, 3, 4], 4);
    expectClose(grad(f)(a), numJac(f as (x: ConcreteArray) => Array, a), 1e-7);
    const fb = (v: Array) => reduceSum(sin(matmul(a, v)), [0, 1, 2, 3]);
    expectClose(grad(fb)(b), numJac(fb as (x: ConcreteArray) => Array, b), 1e-7);
  });
  test("second order through 1-D operands", () => {
    const m = rand([3, 3], 2);
    const f = (v: Array) => sin(matmul(v, matmul(m, v)));
    const v = rand([3], 5);
    expectClose(hessian(f)(v), numJac((u) => grad(f)(u), v, 1e-5), 1e-6);
  });
  test("vmap over either operand and several axes", () => {
    const b = rand([4, 5], 7);
    for (const ax of [0, 1, 2]) {
      const shape = [3, 4];
      shape.splice(ax, 0, 2);
      const a = rand(shape, 6 + ax);
      const got = vmap(matmul, { inAxes: [ax, null] })(a, b);
      const want = stack([0, 1].map((i) => matmul(take(a, ax, i), b)), 0);
      expectClose(got, want as ConcreteArray, 1e-12);
    }
    const vs = rand([3, 4], 8);
    const got = vmap((v: Array) => matmul(v, b))(vs);
    expectClose(got, matmul(vs, b) as ConcreteArray, 1e-12);
    const got2 = vmap((v: Array) => matmul(b, v), { inAxes: 1 })(rand([5, 6], 9));
    expectClose(got2, stack([0, 1, 2, 3, 4, 5].map((i) => matmul(b, take(rand([5, 6], 9), 1, i))), 0) as ConcreteArray, 1e-12);
  });
});

describe("np.dot, vdot, inner, outer, trace, diagonal", () => {
  for (const c of fixtures.dot as { a: Enc; b: Enc; out: Enc }[]) {
    test(`dot [${c.a.shape}]·[${c.b.shape}]`, () => expectClose(dot(dec(c.a), dec(c.b)), c.out, 1e-12));
  }
  test("vdot, inner, outer", () => {
    const a = rand([2, 3], 1);
    const b = rand([2, 3], 2);
    let s = 0;
    for (let i = 0; i < 6; i++) s += a.data[i] * b.data[i];
    expectClose(vdot(a, b), [s], 1e-12, []);
    const inn = inner(a, b) as ConcreteArray;
    expect(inn.shape).toEqual([2, 2]);
    expectClose(reduceSum(inn, [0, 1]), [[0, 1].flatMap((i) => [0, 1].map((j) => [0, 1, 2].reduce((t, k) => t + a.data[i * 3 + k] * b.data[j * 3 + k], 0))).reduce((x, y) => x + y)], 1e-12);
    const o = outer([1, 2], [1, 10, 100]) as ConcreteArray;
    expect(o.tolist()).toEqual([[1, 10, 100], [2, 20, 200]]);
  });
  test("tensordot (vs einsum)", () => {
    const a = rand([2, 3, 4], 1);
    const b = rand([3, 4, 5], 2);
    expectClose(tensordot(a, b), einsum("ijk,jkl->il", a, b) as ConcreteArray, 1e-12);
    const c = rand([4, 2, 2], 3);
    expectClose(tensordot(a, c, 1), einsum("ijk,klm->ijlm", a, c) as ConcreteArray, 1e-12);
    expectClose(tensordot(a, b, [[1], [0]]), einsum("ijk,jlm->iklm", a, b) as ConcreteArray, 1e-12);
    expectClose(tensordot(a, b, [[2, 1], [1, 0]]), einsum("ijk,jkl->il", a, b) as ConcreteArray, 1e-12);
    expect(() => tensordot(a, b, [[0], [0]])).toThrow(/not aligned/);
  });
  for (const c of fixtures.trace as { a: Enc; offset: number; trace: Enc; diagonal: Enc }[]) {
    test(`trace/diagonal [${c.a.shape}] offset ${c.offset}`, () => {
      expectClose(trace(dec(c.a), c.offset, -2, -1), c.trace, 1e-12);
      expectClose(diagonal(dec(c.a), c.offset, -2, -1), c.diagonal, 1e-12);
    });
  }
  test("trace default axes and its gradient is the identity", () => {
    expect((trace([[1, 2], [3, 4]]) as ConcreteArray).item()).toBe(5);
    expectClose(grad((x: Array) => trace(x))(rand([3, 3])), [1, 0, 0, 0, 1, 0, 0, 0, 1], 0, [3, 3]);
    expectClose(jacrev((x: Array) => diagonal(x, 1))(rand([2, 3])), numJac((x) => diagonal(x, 1), rand([2, 3])), 1e-8);
  });
});
