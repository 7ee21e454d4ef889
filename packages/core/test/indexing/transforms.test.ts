/**
 * Indexing, updates and sorting through grad (first and second order, against finite
 * differences), vmap (against stacked slices; operand, indices or both batched), and their
 * compositions.
 */
import { describe, expect, test } from "vitest";
import { type Array, grad, hessian, jacrev, jvp, np, vmap } from "../../src/index.js";
import { at, index, s, take, takeAlongAxis } from "../../src/np/indexing.js";
import { argsort, sort } from "../../src/np/sorting.js";
import { axpy, expectClose, randArray, rng, uniform, values } from "../helpers/check.js";

const r = rng(77);
const rand = (shape: number[]) => randArray(shape, uniform(r, -2, 2));
const ints = (shape: number[], lo: number, hi: number) => randArray(shape, () => lo + Math.floor(r() * (hi - lo)), "int32");

/** Central differences of a scalar function along t. */
function fdScalar(f: (x: Array) => Array, x: Array, t: Array, eps = 1e-6): number {
  return (f(axpy(x, t, eps)).item() - f(axpy(x, t, -eps)).item()) / (2 * eps);
}

/** grad against finite differences, and the Hessian-vector product (jvp of grad) against differences of grad. */
function checkGrad(f: (x: Array) => Array, x: Array, what: string): void {
  const t = rand([...x.shape]);
  const g = grad(f)(x) as Array;
  const dir = values(g).reduce((s2, v, i) => s2 + v * values(t)[i], 0);
  expect(Math.abs(dir - fdScalar(f, x, t)), `${what}: grad`).toBeLessThan(1e-6 * (1 + Math.abs(dir)));
  const [, hv] = jvp(grad(f), [x], [t]) as [Array, Array];
  const eps = 1e-5;
  const gp = values(grad(f)(axpy(x, t, eps)) as Array);
  const gm = values(grad(f)(axpy(x, t, -eps)) as Array);
  expectClose(hv, gp.map((v, i) => (v - gm[i]) / (2 * eps)), 1e-5, 1e-6, `${what}: hessian-vector product`);
}

describe("gradients through indexing", () => {
  const w = rand([3, 3]);
  const cases: [string, (x: Array) => Array, number[]][] = [
    ["gather rows with duplicates and a reversed slice", (x) => np.sum(np.multiply(np.sin(index(x, np.array([2, 0, 2], "int32"), s(null, null, -1))), w)), [4, 3]],
    ["mixed advanced indices", (x) => np.sum(np.exp(index(x, s(), [0, 2], null, [1, 1]))), [2, 3, 4]],
    ["basic slices, ints, newaxis, ellipsis", (x) => np.sum(np.square(index(x, -1, "...", s(1, null, 2), null))), [2, 3, 5]],
    ["bool mask (concrete)", (x) => np.sum(np.sin(index(x, np.array([[true, false, true], [false, true, true]])))), [2, 3]],
    ["take", (x) => np.sum(np.cos(take(x, [3, -1, 0, 3], { axis: 1 }))), [2, 5]],
    ["takeAlongAxis with argsort", (x) => np.sum(np.multiply(takeAlongAxis(x, argsort(x, { axis: 0 }), 0), np.square(x))), [4, 3]],
    ["sort (NaN-free)", (x) => np.sum(np.multiply(np.power(sort(x, { axis: 0 }), 3), w)), [3, 3]],
    ["at.set: operand and updates", (x) => np.sum(np.sin(at(x, [0, 2, 0]).set(np.square(index(x, 1))))), [3, 4]],
    ["at.add with duplicates", (x) => np.sum(np.square(at(x, [1, 1, -1], s(1, 3)).add(np.exp(index(x, s(0, 3), s(0, 2)))))), [4, 3]],
    ["at.mul", (x) => np.sum(np.square(at(x, s(null, null, 2)).mul(index(x, s(1, null, 2))))), [6]],
    ["at.min / at.max", (x) => np.sum(np.sin(at(at(x, 0).min(index(x, 1)), 2).max(np.multiply(index(x, 3), 2)))), [4, 2]],
    ["at.set of a basic slice", (x) => np.sum(np.exp(at(x, "...", s(1, 3)).set(np.sin(index(x, "...", s(0, 2)))))), [2, 4]],
  ];
  for (const [name, f, shape] of cases) test(name, () => checkGrad(f, rand(shape), name));

  test("jacrev of a gather equals the selection matrix", () => {
    const J = jacrev((x: Array) => index(x, [2, 0, 2]))(rand([3])) as Array;
    expect(J.tolist()).toEqual([[0, 0, 1], [1, 0, 0], [0, 0, 1]]);
  });
  test("hessian through scatter of a product", () => {
    const f = (x: Array) => np.sum(np.square(at(x, [0, 1]).set(np.multiply(index(x, [1, 2]), index(x, [2, 0])))));
    const x = rand([3]);
    const H = hessian(f)(x) as Array;
    const eps = 1e-5;
    for (let i = 0; i < 3; i++) {
      const e = np.array([0, 1, 2].map((k) => (k === i ? 1 : 0)));
      const gp = values(grad(f)(axpy(x, e, eps)) as Array);
      const gm = values(grad(f)(axpy(x, e, -eps)) as Array);
      expectClose(index(H, s(), i), gp.map((v, k) => (v - gm[k]) / (2 * eps)), 1e-5, 1e-6, `hessian column ${i}`);
    }
  });
});

describe("vmap through indexing", () => {
  const stackOf = (n: number, f: (b: number) => Array) => np.stack(globalThis.Array.from({ length: n }, (_, b) => f(b)));
  const X = rand([3, 4, 5]);
  const Idx = ints([3, 2], -4, 4);
  const x0 = index(X, 0);
  test("operand batched (axis 0 and 2)", () => {
    const f = (x: Array) => index(x, [1, -1], s(4, 0, -2));
    expectClose(vmap(f)(X), stackOf(3, (b) => f(index(X, b))));
    expectClose(vmap(f, { inAxes: 2, outAxes: 1 })(X), np.stack(globalThis.Array.from({ length: 5 }, (_, b) => f(index(X, "...", b))), 1));
  });
  test("indices batched", () => {
    const f = (i: Array) => index(x0, s(), i);
    expectClose(vmap(f)(Idx), stackOf(3, (b) => f(index(Idx, b))));
  });
  test("both batched, indices on another axis", () => {
    const f = (x: Array, i: Array) => index(x, i, null, s(1, 3));
    const got = vmap(f, { inAxes: [0, 1] })(X, np.transpose(Idx));
    expectClose(got, stackOf(3, (b) => f(index(X, b), index(Idx, b))));
  });
  test("at.set / at.add with batched operand, indices and updates", () => {
    const V = rand([3, 2, 5]);
    const set = (x: Array, i: Array, v: Array) => at(x, i).set(v);
    const add = (x: Array, i: Array, v: Array) => at(x, i).add(v);
    for (const f of [set, add]) {
      expectClose(vmap(f)(X, Idx, V), stackOf(3, (b) => f(index(X, b), index(Idx, b), index(V, b))));
      expectClose(vmap(f, { inAxes: [null, 0, 2] })(x0, Idx, np.moveaxis(V, 0, 2)), stackOf(3, (b) => f(x0, index(Idx, b), index(V, b))));
      expectClose(vmap(f, { inAxes: [0, null, 0] })(X, index(Idx, 0), V), stackOf(3, (b) => f(index(X, b), index(Idx, 0), index(V, b))));
    }
  });
  test("sort, argsort and takeAlongAxis under vmap", () => {
    const f = (x: Array) => [sort(x, { axis: 0 }), argsort(x, { axis: -1 }), takeAlongAxis(x, argsort(x, { axis: 1 }), 1)];
    const got = vmap(f, { inAxes: 1 })(X) as Array[];
    got.forEach((g, k) => expectClose(g, stackOf(4, (b) => f(index(X, s(), b))[k])));
  });
  test("vmap of grad and grad of vmap", () => {
    const f = (x: Array) => np.sum(np.sin(at(x, [0, 0, 2]).add(np.square(index(x, s(1, 4))))));
    const xs = rand([3, 4]);
    expectClose(vmap(grad(f))(xs), stackOf(3, (b) => grad(f)(index(xs, b)) as Array), 1e-12, 1e-14);
    const g = grad((m: Array) => np.sum(vmap(f)(m)));
    expectClose(g(xs), stackOf(3, (b) => grad(f)(index(xs, b)) as Array), 1e-12, 1e-14);
    const h = vmap(grad((v: Array, i: Array) => np.sum(np.square(index(v, i))), { argnums: 0 }), { inAxes: [0, 0] });
    const hi = ints([3, 5], 0, 4);
    expectClose(h(xs, hi), stackOf(3, (b) => grad((v: Array) => np.sum(np.square(index(v, index(hi, b)))))(index(xs, b)) as Array));
  });
});
