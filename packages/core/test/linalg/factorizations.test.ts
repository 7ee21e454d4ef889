import { describe, expect, test } from "vitest";
import { type Array, ConcreteArray } from "../../src/core/array.js";
import { cholesky } from "../../src/primitives/linalg/cholesky.js";
import { lu } from "../../src/primitives/linalg/lu.js";
import { triangularSolve, type TriangularSolveParams } from "../../src/primitives/linalg/triangular-solve.js";
import { reduceSum } from "../../src/primitives/reduce.js";
import { sin } from "../../src/primitives/unary.js";
import { grad, hessian, jacfwd, jacrev, vjp } from "../../src/api/ad.js";
import { vmap } from "../../src/api/vmap.js";
import { type Enc, dec, expectClose, fixtures, numJac, rand, spd, stack, take } from "./helpers.js";

const sumAll = (x: Array) => reduceSum(x, x.shape.map((_, i) => i));

describe("float32", () => {
  test("cholesky, triangular_solve and lu keep float32 and agree with float64", () => {
    const a = spd([2], 3, 60);
    const f32 = (x: ConcreteArray) => new ConcreteArray(Float32Array.from(x.data), x.shape, "float32");
    const l32 = cholesky(f32(a));
    expect(l32.dtype).toBe("float32");
    expectClose(l32, cholesky(a) as ConcreteArray, 1e-6);
    const b = rand([2, 3, 2], 61);
    const x32 = triangularSolve(l32, f32(b), { leftSide: true, lower: true });
    expect(x32.dtype).toBe("float32");
    expectClose(x32, triangularSolve(cholesky(a), b, { leftSide: true, lower: true }) as ConcreteArray, 1e-5);
    const [lu32, piv] = lu(f32(a));
    expect(lu32.dtype).toBe("float32");
    expect(piv.dtype).toBe("int32");
    expectClose(lu32, lu(a)[0] as ConcreteArray, 1e-5);
  });
});

describe("cholesky", () => {
  for (const c of fixtures.cholesky as { a: Enc; out: Enc }[]) {
    test(`values [${c.a.shape}] (NumPy)`, () => expectClose(cholesky(dec(c.a)), c.out, 1e-12));
  }
  test("a matrix that is not positive definite gives NaN (that matrix only)", () => {
    const a = new ConcreteArray(Float64Array.of(1, 2, 2, 1, 4, 2, 2, 5), [2, 2, 2], "float64");
    const l = cholesky(a) as ConcreteArray;
    expect(globalThis.Array.from(l.data.slice(0, 4)).every(Number.isNaN)).toBe(true);
    expectClose(new ConcreteArray(l.data.slice(4), [2, 2], "float64"), [2, 0, 1, 2], 1e-15);
  });
  test("first and second derivatives (vs differences)", () => {
    const a = spd([], 4, 5);
    const f = (x: Array) => cholesky(x);
    const nj = numJac(f as (x: ConcreteArray) => Array, a);
    expectClose(jacfwd(f)(a), nj, 1e-6);
    expectClose(jacrev(f)(a), nj, 1e-6);
    const g = (x: Array) => sumAll(sin(cholesky(x)));
    expectClose(hessian(g)(a), numJac((x) => grad(g)(x), a, 1e-5), 1e-5);
  });
  test("vmap on several axes (vs slices), and batched gradients", () => {
    const base = spd([3], 3, 7);
    for (const ax of [0, 1, 2]) {
      const perm = [1, 2];
      perm.splice(ax, 0, 0);
      const xs = vmap((x: Array) => x, { outAxes: ax })(base);
      const got = vmap((x: Array) => cholesky(x), { inAxes: ax })(xs);
      const want = stack([0, 1, 2].map((i) => cholesky(take(base, 0, i))), 0);
      expectClose(got, want as ConcreteArray, 1e-12);
    }
    const g = (x: Array) => sumAll(sin(cholesky(x)));
    const got = vmap(grad(g))(base);
    expectClose(got, stack([0, 1, 2].map((i) => grad(g)(take(base, 0, i))), 0) as ConcreteArray, 1e-12);
  });
});

describe("triangular_solve", () => {
  type Case = TriangularSolveParams & { a: Enc; b: Enc; out: Enc };
  const cases = fixtures.triangular_solve as Case[];
  const name = (c: Case) => `left=${c.leftSide} lower=${c.lower} trans=${c.transposeA} unit=${c.unitDiagonal} a[${c.a.shape}]`;
  for (const c of cases) {
    test(`values ${name(c)} (NumPy)`, () => expectClose(triangularSolve(dec(c.a), dec(c.b), c), c.out, 1e-11));
  }
  for (const c of cases.filter((k) => k.a.shape.length === 2)) {
    test(`derivatives in a and b ${name(c)}`, () => {
      const a = dec(c.a);
      const b = dec(c.b);
      const fa = (x: Array) => triangularSolve(x, b, c);
      const fb = (x: Array) => triangularSolve(a, x, c);
      const na = numJac(fa as (x: ConcreteArray) => Array, a);
      const nb = numJac(fb as (x: ConcreteArray) => Array, b);
      expectClose(jacfwd(fa)(a), na, 1e-6);
      expectClose(jacrev(fa)(a), na, 1e-6);
      expectClose(jacfwd(fb)(b), nb, 1e-6);
      expectClose(jacrev(fb)(b), nb, 1e-6);
    });
  }
  test("second order in a and b", () => {
    const c = cases[3];
    const a = dec(c.a);
    const b = dec(c.b);
    const g = (x: Array, y: Array) => sumAll(sin(triangularSolve(x, y, c)));
    expectClose(hessian(g)(a, b), numJac((x) => grad(g)(x, b), a, 1e-5), 1e-5);
    const gb = (y: Array) => g(a, y);
    expectClose(hessian(gb)(b), numJac((y) => grad(gb)(y), b, 1e-5), 1e-5);
  });
  test("vjp in b is the solve with the transposed op", () => {
    const c = cases[5];
    const a = dec(c.a);
    const [, pull] = vjp((y: Array) => triangularSolve(a, y, c), dec(c.b));
    const ct = rand(c.out.shape, 3);
    expectClose(pull(ct)[0], triangularSolve(a, ct, { ...c, transposeA: !c.transposeA }) as ConcreteArray, 1e-14);
  });
  test("vmap: a only, b only, both, on several axes (vs slices)", () => {
    const a = rand([3, 3, 3], 4);
    const b = rand([3, 3, 2], 5);
    const opts = { leftSide: true, lower: true };
    const f = (x: Array, y: Array) => triangularSolve(x, y, opts);
    const diagBoost = (x: ConcreteArray) => new ConcreteArray(x.data.map((v, i) => (Math.floor(i / 3) % 3 === i % 3 ? v + 3 : v)), x.shape, "float64");
    const A = diagBoost(a);
    const want = (ia: boolean, ib: boolean) =>
      stack([0, 1, 2].map((i) => f(ia ? take(A, 0, i) : take(A, 0, 0), ib ? take(b, 0, i) : take(b, 0, 0))), 0) as ConcreteArray;
    expectClose(vmap(f, { inAxes: [0, null] })(A, take(b, 0, 0)), want(true, false), 1e-12);
    expectClose(vmap(f, { inAxes: [null, 0] })(take(A, 0, 0), b), want(false, true), 1e-12);
    expectClose(vmap(f)(A, b), want(true, true), 1e-12);
    // b mapped over its last axis (its columns), a over its middle axis.
    const bT = vmap((y: Array) => y, { outAxes: 2 })(b);
    const aM = vmap((x: Array) => x, { outAxes: 1 })(A);
    expectClose(vmap(f, { inAxes: [1, 2] })(aM, bT), want(true, true), 1e-12);
  });
  test("vmap over b only (folded into one solve), both sides, several axes and batch dims", () => {
    for (const leftSide of [true, false]) {
      for (const lead of [[], [2]]) {
        const a = rand([...lead, 3, 3], 40);
        const A = new ConcreteArray(a.data.map((v, i) => (Math.floor(i / 3) % 3 === i % 3 ? v + 3 : v)), a.shape, "float64");
        const opts = { leftSide, lower: !leftSide, transposeA: leftSide };
        const f = (y: Array) => triangularSolve(A, y, opts);
        const bShape = [...lead, ...(leftSide ? [3, 2] : [2, 3])];
        for (let ax = 0; ax <= bShape.length; ax++) {
          const shape = [...bShape];
          shape.splice(ax, 0, 4);
          const bs = rand(shape, 41 + ax);
          const want = stack([0, 1, 2, 3].map((i) => f(take(bs, ax, i))), 0) as ConcreteArray;
          expectClose(vmap(f, { inAxes: ax })(bs), want, 1e-12);
        }
      }
    }
  });
});

describe("lu", () => {
  for (const c of fixtures.lu as { a: Enc; lu: Enc; pivots: Enc; permutation: Enc }[]) {
    test(`values [${c.a.shape}] (SciPy lu_factor)`, () => {
      const [f, piv, perm] = lu(dec(c.a));
      expectClose(f, c.lu, 1e-12);
      expect(piv.dtype).toBe("int32");
      expect(perm.dtype).toBe("int32");
      expectClose(piv, c.pivots, 0);
      expectClose(perm, c.permutation, 0);
    });
  }
  for (const shape of [[4, 4], [4, 3], [3, 5], [2, 3, 3]]) {
    test(`derivatives [${shape}] (vs differences)`, () => {
      const a = rand(shape, 11);
      const f = (x: Array) => lu(x)[0];
      const nj = numJac(f as (x: ConcreteArray) => Array, a);
      expectClose(jacfwd(f)(a), nj, 1e-6);
      expectClose(jacrev(f)(a), nj, 1e-6);
    });
  }
  test("second order", () => {
    const a = rand([3, 3], 12);
    const g = (x: Array) => sumAll(sin(lu(x)[0]));
    expectClose(hessian(g)(a), numJac((x) => grad(g)(x), a, 1e-5), 1e-5);
  });
  test("vmap on several axes (vs slices)", () => {
    const base = rand([3, 4, 3], 13);
    for (const ax of [0, 1, 2]) {
      const xs = vmap((x: Array) => x, { outAxes: ax })(base);
      const outs = vmap((x: Array) => lu(x), { inAxes: ax })(xs) as Array[];
      const slices = [0, 1, 2].map((i) => lu(take(base, 0, i)));
      outs.forEach((o, k) => expectClose(o, stack(slices.map((s) => s[k]), 0) as ConcreteArray, 1e-12));
    }
  });
});
