import { describe, expect, test } from "vitest";
import { type Array, ConcreteArray } from "../../src/core/array.js";
import { einsum } from "../../src/np/einsum.js";
import { matmul } from "../../src/np/linalg.js";
import { reduceSum } from "../../src/primitives/reduce.js";
import { sin } from "../../src/primitives/unary.js";
import { grad, hessian, jacrev } from "../../src/api/ad.js";
import { vmap } from "../../src/api/vmap.js";
import { type Enc, dec, expectClose, fixtures, numJac, rand, stack, take } from "./helpers.js";

describe("np.einsum values (NumPy)", () => {
  for (const c of fixtures.einsum as { subscripts: string; operands: Enc[]; out: Enc }[]) {
    test(`"${c.subscripts}" on ${c.operands.map((o) => `[${o.shape}]`).join(", ")}`, () => {
      expectClose(einsum(c.subscripts, ...c.operands.map(dec)), c.out, 1e-12);
    });
  }
  test("JS arrays, broadcasting of size-1 dims, and bool", () => {
    expect((einsum("i,j->ij", [1, 2], [3, 4]) as ConcreteArray).tolist()).toEqual([[3, 4], [6, 8]]);
    const got = einsum("...ij,...jk->...ik", rand([1, 2, 3], 1), rand([4, 3, 2], 2));
    expectClose(got, matmul(rand([1, 2, 3], 1), rand([4, 3, 2], 2)) as ConcreteArray, 1e-12);
    const b = einsum("i,i->", [true, false], [true, true]);
    expect(b.dtype).toBe("bool");
  });
  test("errors name the problem", () => {
    expect(() => einsum("ij,jk->ik", rand([2, 3]))).toThrow(/1 were given/);
    expect(() => einsum("ij,jk->ik", rand([2, 3]), rand([4, 2]))).toThrow(/'j' has sizes 3 and 4/);
    expect(() => einsum("ij->iz", rand([2, 3]))).toThrow(/'z' does not appear/);
    expect(() => einsum("ijk->i", rand([2, 3]))).toThrow(/3 subscripts/);
    expect(() => einsum("i#->i", rand([2, 3]))).toThrow(/invalid subscript/);
  });
});

describe("np.einsum derivatives and vmap", () => {
  test("gradients of a three-operand contraction, first and second order", () => {
    const a = rand([2, 3, 4], 3);
    const b = rand([2, 4, 5], 4);
    const c = rand([5, 3], 5);
    const f = (x: Array) => reduceSum(sin(einsum("ijk,ikl,lm->jm", x, b, c)), [0, 1]);
    expectClose(grad(f)(a), numJac(f as (x: ConcreteArray) => Array, a), 1e-7);
    const g = (y: Array) => reduceSum(sin(einsum("ijk,ikl,lm->jm", a, y, c)), [0, 1]);
    expectClose(hessian(g)(b), numJac((y) => grad(g)(y), b, 1e-5), 1e-5);
  });
  test("diagonal and trace gradients", () => {
    const a = rand([3, 3], 6);
    expectClose(jacrev((x: Array) => einsum("ii->i", x))(a), numJac((x) => einsum("ii->i", x), a), 1e-8);
    expectClose(grad((x: Array) => einsum("ii", x))(a), [1, 0, 0, 0, 1, 0, 0, 0, 1], 1e-12, [3, 3]);
  });
  test("vmap on several axes (vs slices)", () => {
    const b = rand([4, 5], 7);
    const f = (x: Array, y: Array) => einsum("ij,jk->ki", x, y);
    for (const ax of [0, 1, 2]) {
      const shape = [3, 4];
      shape.splice(ax, 0, 2);
      const xs = rand(shape, 8 + ax);
      const got = vmap(f, { inAxes: [ax, null] })(xs, b);
      expectClose(got, stack([0, 1].map((i) => f(take(xs, ax, i), b)), 0) as ConcreteArray, 1e-12);
    }
    const ys = rand([4, 2, 5], 12);
    const x0 = rand([3, 4], 13);
    expectClose(vmap(f, { inAxes: [null, 1] })(x0, ys), stack([0, 1].map((i) => f(x0, take(ys, 1, i))), 0) as ConcreteArray, 1e-12);
  });
});
