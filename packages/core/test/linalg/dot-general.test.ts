import { describe, expect, test } from "vitest";
import { type Array, ConcreteArray } from "../../src/core/array.js";
import { dotGeneral, type DotGeneralParams } from "../../src/primitives/dot-general.js";
import { reduceSum } from "../../src/primitives/reduce.js";
import { sin } from "../../src/primitives/unary.js";
import { grad, hessian, jacfwd, jacrev, jvp, vjp } from "../../src/api/ad.js";
import { vmap } from "../../src/api/vmap.js";
import { type Enc, dec, expectClose, fixtures, numJac, rand, stack, take } from "./helpers.js";

interface DgCase {
  lhs: Enc;
  rhs: Enc;
  contracting: [number[], number[]];
  batch: [number[], number[]];
  out: Enc;
}
const cases = fixtures.dot_general as DgCase[];
const label = (c: DgCase) => `${c.lhs.dtype} [${c.lhs.shape}]·[${c.rhs.shape}] c=${JSON.stringify(c.contracting)} b=${JSON.stringify(c.batch)}`;

describe("dot_general values (NumPy)", () => {
  for (const c of cases) {
    test(label(c), () => {
      const out = dotGeneral(dec(c.lhs), dec(c.rhs), { contracting: c.contracting, batch: c.batch });
      expect(out.dtype).toBe(c.out.dtype);
      expectClose(out, c.out, 1e-12);
    });
  }

  test("errors name the shapes", () => {
    expect(() => dotGeneral(rand([2, 3]), rand([4, 2]), { contracting: [[1], [0]], batch: [[], []] })).toThrow(/contracting dims differ/);
    expect(() => dotGeneral(rand([2, 3]), new ConcreteArray(new Int32Array(3), [3], "int32"), { contracting: [[1], [0]] })).toThrow(/dtypes differ/);
  });
});

describe("dot_general derivatives (float64, vs central differences)", () => {
  const floats = cases.filter((c) => c.lhs.dtype === "float64" && c.lhs.data.length > 0 && c.rhs.data.length > 0);
  for (const c of floats) {
    const p: DotGeneralParams = { contracting: c.contracting, batch: c.batch };
    test(`jacfwd/jacrev/jvp/vjp ${label(c)}`, () => {
      const x = dec(c.lhs);
      const y = dec(c.rhs);
      const fl = (u: Array) => dotGeneral(u, y, p);
      const fr = (u: Array) => dotGeneral(x, u, p);
      const nl = numJac(fl as (u: ConcreteArray) => Array, x);
      const nr = numJac(fr as (u: ConcreteArray) => Array, y);
      expectClose(jacfwd(fl)(x), nl, 1e-7);
      expectClose(jacrev(fl)(x), nl, 1e-7);
      expectClose(jacfwd(fr)(y), nr, 1e-7);
      expectClose(jacrev(fr)(y), nr, 1e-7);
      // Both operands at once: jvp is bilinear.
      const tx = rand(c.lhs.shape, 5);
      const ty = rand(c.rhs.shape, 6);
      const [, dz] = jvp((u: Array, v: Array) => dotGeneral(u, v, p), [x, y], [tx, ty]);
      const want = numJac((s) => dotGeneral(addScaled(x, tx, s), addScaled(y, ty, s), p), new ConcreteArray(Float64Array.of(0), [], "float64"));
      expectClose(dz as Array, want, 1e-7);
      const [z, pull] = vjp((u: Array, v: Array) => dotGeneral(u, v, p), x, y);
      const ct = rand((z as Array).shape as number[], 9);
      const [gx, gy] = pull(ct);
      // <ct, J [tx; ty]> = <gx, tx> + <gy, ty>
      const lhs = sumProd(ct, dz as Array);
      expect(sumProd(gx, tx) + sumProd(gy, ty)).toBeCloseTo(lhs, 10);
    });
  }

  test("second order: hessian of sum(sin(X·Xᵀ·W)) vs differences of grad", () => {
    const w = rand([3, 3], 4);
    const f = (x: Array) => {
      const xx = dotGeneral(x, x, { contracting: [[1], [1]], batch: [[], []] });
      return reduceSum(sin(dotGeneral(xx, w, { contracting: [[1], [0]], batch: [[], []] })), [0, 1]);
    };
    const x = rand([3, 2], 2);
    const h = hessian(f)(x);
    const nh = numJac((u) => grad(f)(u), x, 1e-5);
    expectClose(h, nh, 1e-6);
    expectClose(jacfwd(jacrev(f))(x), nh, 1e-6);
    expectClose(jacrev(jacfwd(f))(x), nh, 1e-6);
  });
});

function addScaled(x: ConcreteArray, t: ConcreteArray, s: ConcreteArray): ConcreteArray {
  const e = s.data[0];
  return new ConcreteArray(Float64Array.from(x.data, (v, i) => v + e * t.data[i]), x.shape, "float64");
}
function sumProd(a: Array, b: Array): number {
  const x = (a as ConcreteArray).data;
  const y = (b as ConcreteArray).data;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

describe("dot_general under vmap (vs stacked slices)", () => {
  const p: DotGeneralParams = { contracting: [[2], [0]], batch: [[0], [2]] }; // [b, m, k] · [k, n, b]
  const x = rand([2, 3, 4], 1);
  const y = rand([4, 5, 2], 2);
  const f = (u: Array, v: Array) => dotGeneral(u, v, p);
  const n = 3;
  for (const ax of [0, 1, 2, 3]) {
    test(`lhs batched on axis ${ax}`, () => {
      const shape = [2, 3, 4];
      shape.splice(ax, 0, n);
      const xs = rand(shape, 7 + ax);
      const got = vmap(f, { inAxes: [ax, null] })(xs, y);
      const want = stack([0, 1, 2].map((i) => f(take(xs, ax, i), y)), 0);
      expectClose(got, want as ConcreteArray, 1e-12);
    });
    test(`rhs batched on axis ${ax}`, () => {
      const shape = [4, 5, 2];
      shape.splice(ax, 0, n);
      const ys = rand(shape, 8 + ax);
      const got = vmap(f, { inAxes: [null, ax] })(x, ys);
      const want = stack([0, 1, 2].map((i) => f(x, take(ys, ax, i))), 0);
      expectClose(got, want as ConcreteArray, 1e-12);
    });
    test(`both batched (lhs axis ${ax}, rhs axis ${3 - ax}), outAxes 1`, () => {
      const sx = [2, 3, 4];
      sx.splice(ax, 0, n);
      const sy = [4, 5, 2];
      sy.splice(3 - ax, 0, n);
      const xs = rand(sx, 9 + ax);
      const ys = rand(sy, 10 + ax);
      const got = vmap(f, { inAxes: [ax, 3 - ax], outAxes: 1 })(xs, ys);
      const want = stack([0, 1, 2].map((i) => f(take(xs, ax, i), take(ys, 3 - ax, i))), 1);
      expectClose(got, want as ConcreteArray, 1e-12);
    });
  }

  test("vmap of grad and grad of vmap agree with slices", () => {
    const g = (u: Array, v: Array) => reduceSum(sin(f(u, v)), [0, 1, 2]);
    const xs = rand([3, 2, 3, 4], 11);
    const got = vmap(grad(g), { inAxes: [0, null] })(xs, y);
    const want = stack([0, 1, 2].map((i) => grad(g)(take(xs, 0, i), y)), 0);
    expectClose(got, want as ConcreteArray, 1e-12);
    const h = (v: Array) => reduceSum(vmap(g, { inAxes: [0, null] })(xs, v), [0]);
    const num = numJac(h as (u: ConcreteArray) => Array, y);
    expectClose(grad(h)(y), num, 1e-7);
  });
});
