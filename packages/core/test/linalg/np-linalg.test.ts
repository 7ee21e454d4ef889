import { describe, expect, test } from "vitest";
import { type Array, ConcreteArray } from "../../src/core/array.js";
import { cholesky, det, inv, linalg, slogdet, solve, solveTriangular } from "../../src/np/linalg.js";
import { reduceSum } from "../../src/primitives/reduce.js";
import { sin } from "../../src/primitives/unary.js";
import { grad, hessian, jacfwd, jacrev } from "../../src/api/ad.js";
import { vmap } from "../../src/api/vmap.js";
import { type Enc, dec, expectClose, fixtures, numJac, rand, spd, stack, take } from "./helpers.js";

const sumAll = (x: Array) => reduceSum(x, x.shape.map((_, i) => i));
const wellConditioned = (shape: number[], seed: number) => {
  const a = rand(shape, seed);
  const n = shape[shape.length - 1];
  return new ConcreteArray(a.data.map((v, i) => (Math.floor(i / n) % n === i % n ? v + 2 : v)), a.shape, "float64");
};

describe("np.linalg values (NumPy)", () => {
  for (const c of fixtures.solve as { a: Enc; b: Enc; out: Enc }[]) {
    test(`solve [${c.a.shape}] [${c.b.shape}]`, () => expectClose(solve(dec(c.a), dec(c.b)), c.out, 1e-11));
  }
  for (const c of fixtures.inv as { a: Enc; out: Enc }[]) {
    test(`inv [${c.a.shape}]`, () => expectClose(inv(dec(c.a)), c.out, 1e-10));
  }
  for (const c of fixtures.slogdet as { a: Enc; sign: Enc; logabsdet: Enc; det: Enc }[]) {
    test(`slogdet/det [${c.a.shape}]`, () => {
      const [s, l] = slogdet(dec(c.a));
      expectClose(s, c.sign, 0);
      expectClose(l, c.logabsdet, 1e-12);
      expectClose(det(dec(c.a)), c.det, 1e-11);
    });
  }
  for (const c of fixtures.cholesky as { a: Enc; out: Enc }[]) {
    test(`cholesky [${c.a.shape}]`, () => expectClose(cholesky(dec(c.a)), c.out, 1e-12));
  }
  test("solveTriangular as SciPy (vector and matrix b, trans)", () => {
    for (const c of (fixtures.triangular_solve as any[]).filter((k) => k.leftSide)) {
      const out = solveTriangular(dec(c.a), dec(c.b), { lower: c.lower, trans: c.transposeA ? "T" : 0, unitDiagonal: c.unitDiagonal });
      expectClose(out, c.out, 1e-11);
      if (c.a.shape.length > 2) continue;
      const col = solveTriangular(dec(c.a), take(dec(c.b), 1, 0), { lower: c.lower, trans: c.transposeA ? 1 : "N", unitDiagonal: c.unitDiagonal });
      expectClose(col, take(dec(c.out), 1, 0) as ConcreteArray, 1e-11);
    }
    expect(linalg.triangularSolve).toBe(solveTriangular);
  });
  test("solve with one matrix for a batch of right-hand sides (vs slices), and its gradient", () => {
    const a = wellConditioned([3, 3], 50);
    const bs = rand([2, 4, 3, 2], 51);
    const got = solve(a, bs);
    expect(got.shape).toEqual([2, 4, 3, 2]);
    for (const i of [0, 1]) for (const j of [0, 2, 3]) expectClose(take(take(got, 0, i), 0, j), solve(a, take(take(bs, 0, i), 0, j)) as ConcreteArray, 1e-12);
    const f = (x: Array) => reduceSum(sin(solve(x, bs)), [0, 1, 2, 3]);
    expectClose(grad(f)(a), numJac(f as (x: ConcreteArray) => Array, a), 1e-7);
  });
  test("cholesky upper", () => {
    const c = (fixtures.cholesky as { a: Enc; out: Enc }[])[1];
    const u = cholesky(dec(c.a), { upper: true });
    expectClose(vmap((x: Array) => x, { inAxes: 1 })(u), c.out, 1e-12);
  });
  test("singular matrix: slogdet gives sign 0 and -inf", () => {
    const [s, l] = slogdet([[1, 2], [2, 4]]);
    expect(Math.abs((s as ConcreteArray).item())).toBe(0);
    expect((l as ConcreteArray).item()).toBe(-Infinity);
  });
  test("integer input is converted to float", () => {
    const x = solve([[2, 0], [0, 4]], [2, 4]);
    expect(x.dtype).toBe("float64");
    expect((x as ConcreteArray).tolist()).toEqual([1, 1]);
  });
  test("errors name the shapes", () => {
    expect(() => solve(rand([3, 3]), rand([2]))).toThrow(/\(2,\).*\(3, 3\)/);
    expect(() => inv(rand([2, 3]))).toThrow(/square/);
  });
});

describe("np.linalg derivatives (float64, vs central differences)", () => {
  const a = wellConditioned([3, 3], 21);
  const b = rand([3, 2], 22);
  test("solve: jacobians in a and b, first order both modes", () => {
    const fa = (x: Array) => solve(x, b);
    const fb = (y: Array) => solve(a, y);
    const na = numJac(fa as (x: ConcreteArray) => Array, a);
    const nb = numJac(fb as (x: ConcreteArray) => Array, b);
    expectClose(jacfwd(fa)(a), na, 1e-6);
    expectClose(jacrev(fa)(a), na, 1e-6);
    expectClose(jacfwd(fb)(b), nb, 1e-7);
    expectClose(jacrev(fb)(b), nb, 1e-7);
  });
  test("solve: second order", () => {
    const g = (x: Array) => sumAll(sin(solve(x, b)));
    expectClose(hessian(g)(a), numJac((x) => grad(g)(x), a, 1e-5), 1e-5);
  });
  test("inv: jacobian and second order", () => {
    const nj = numJac(inv as (x: ConcreteArray) => Array, a);
    expectClose(jacrev((x: Array) => inv(x))(a), nj, 1e-6);
    const g = (x: Array) => sumAll(sin(inv(x)));
    expectClose(jacfwd(grad(g))(a), numJac((x) => grad(g)(x), a, 1e-5), 1e-5);
  });
  test("slogdet: gradient is inv(A)ᵀ; det: gradient and hessian", () => {
    const logdet = (x: Array) => slogdet(x)[1];
    expectClose(grad(logdet)(a), numJac(logdet as (x: ConcreteArray) => Array, a), 1e-7);
    const invT = vmap((x: Array) => x, { inAxes: 1 })(inv(a)) as ConcreteArray;
    expectClose(grad(logdet)(a), invT, 1e-10);
    const d = (x: Array) => det(x);
    expectClose(grad(d)(a), numJac(d as (x: ConcreteArray) => Array, a), 1e-7);
    expectClose(hessian(logdet)(a), numJac((x) => grad(logdet)(x), a, 1e-5), 1e-5);
  });
  test("cholesky (symmetrised): gradient of a log-density-like function, both orders", () => {
    const s = spd([], 3, 23);
    const v = rand([3, 1], 24);
    const f = (x: Array) => {
      const l = cholesky(x);
      const z = solveTriangular(l, v, { lower: true });
      return reduceSum(sin(z), [0, 1]);
    };
    expectClose(grad(f)(s), numJac(f as (x: ConcreteArray) => Array, s), 1e-7);
    expectClose(hessian(f)(s), numJac((x) => grad(f)(x), s, 1e-5), 1e-5);
  });
  test("solveTriangular: gradient in both arguments", () => {
    const l = wellConditioned([3, 3], 25);
    const f = (x: Array, y: Array) => sumAll(sin(solveTriangular(x, y, { lower: true, trans: 1 })));
    expectClose(grad(f)(l, b), numJac((x) => f(x, b), l), 1e-7);
    expectClose(grad(f, { argnums: 1 })(l, b), numJac((y) => f(l, y), b), 1e-7);
  });
});

describe("np.linalg under vmap (vs slices)", () => {
  test("solve with a batched on axis 0/1/2, b batched or not; inv; slogdet", () => {
    const base = wellConditioned([3, 3], 31).data;
    const as = new ConcreteArray(Float64Array.from({ length: 27 }, (_, i) => base[i % 9] + 0.1 * Math.sin(i)), [3, 3, 3], "float64");
    const b = rand([3], 32);
    for (const ax of [0, 1, 2]) {
      const moved = vmap((x: Array) => x, { outAxes: ax })(as);
      const got = vmap((x: Array) => solve(x, b), { inAxes: ax })(moved);
      expectClose(got, stack([0, 1, 2].map((i) => solve(take(as, 0, i), b)), 0) as ConcreteArray, 1e-11);
    }
    const bs = rand([4, 3], 33);
    const a0 = take(as, 0, 0);
    expectClose(vmap((y: Array) => solve(a0, y))(bs), stack([0, 1, 2, 3].map((i) => solve(a0, take(bs, 0, i))), 0) as ConcreteArray, 1e-11);
    expectClose(vmap((x: Array) => inv(x))(as), inv(as) as ConcreteArray, 1e-11);
    const [s, l] = vmap((x: Array) => slogdet(x), { inAxes: 2 })(as) as Array[];
    const [s2, l2] = slogdet(vmap((x: Array) => x, { inAxes: 2 })(as));
    expectClose(s, s2 as ConcreteArray, 0);
    expectClose(l, l2 as ConcreteArray, 1e-12);
  });
  test("per-example gradients of logdet", () => {
    const as = new ConcreteArray(Float64Array.from({ length: 18 }, (_, i) => (i % 4 === 0 ? 2 : 0) + 0.3 * Math.cos(i)), [2, 3, 3], "float64");
    const logdet = (x: Array) => slogdet(x)[1];
    const got = vmap(grad(logdet))(as);
    expectClose(got, stack([0, 1].map((i) => grad(logdet)(take(as, 0, i))), 0) as ConcreteArray, 1e-12);
  });
});
