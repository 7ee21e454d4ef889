import { describe, expect, test } from "vitest";
import { type Array, grad, jit, lax, np, special, valueAndGrad } from "../../src/index.js";
import { expectBitwise } from "../helpers/check.js";

const x = np.array([0.5, -0.0, -2.25, 3.0, Number.NaN, Infinity]);

describe("CPU compiler passes", () => {
  test("x − 0, x / 1, x · 1 and −(−x) vanish from the generated code; x + 0 and x − (−0) stay (they change −0)", () => {
    const f = (y: Array) => y.sub(0).div(1).mul(1).neg().neg().add(0).sub(-0);
    const lo = jit(f).lower(x);
    expect(lo.source).not.toMatch(/- \(0\)|\/ \(1\)|\* \(1\)|-\(-/);
    expect(lo.source).toMatch(/\+ \(0\)/);
    expectBitwise(jit(f)(x) as Array, f(x));
  });

  test("1/x and integer_pow(x, −1) are one division (log's derivative and a reciprocal share it)", () => {
    const f = (z: Array) => [np.reciprocal(z).mul(3), np.divide(1, z).add(np.log(z))];
    const y = np.array([0.5, -1, 3, 2.5]);
    const src = jit(f).lower(y).source;
    expect(src.match(/ \/ /g)?.length).toBe(1);
    const got = jit(f)(y) as Array[];
    f(y).forEach((want, i) => expectBitwise(got[i], want));
    // d/dz log z = 1/z: grad of log plus a reciprocal, one division in all.
    const g = (z: Array) => np.sum(np.log(z).add(np.reciprocal(z)));
    expect(jit(grad(g)).lower(y.abs()).source.match(/ \/ /g)?.length).toBe(1);
    expectBitwise(jit(grad(g))(y.abs()), grad(g)(y.abs()));
  });

  test("a·b and b·a are one value (commutative CSE)", () => {
    const f = (y: Array) => y.mul(np.sin(y)).add(np.sin(y).mul(y));
    const lo = jit(f).lower(x);
    expect(lo.source.match(/Math\.sin/g)?.length).toBe(1);
    expect(lo.source.match(/\) \* \(/g)?.length).toBe(1);
    expectBitwise(jit(f)(x) as Array, f(x));
  });

  test("a broadcast of one value is read as a scalar inside every loop that uses it, not filled into a buffer", () => {
    // `b` (elementwise of a broadcast) feeds an elementwise loop and a reduction loop: only the scalar sum gets a buffer.
    const f = (y: Array) => {
      const b = np.broadcastTo(np.sum(y), [6]).mul(2);
      return [y.mul(b), np.sum(np.exp(y).mul(b))];
    };
    const y = np.array([0.5, -0.25, 1, 2, -3, 0.125]);
    const lo = jit(f).lower(y);
    expect(lo.describe()!.scratch.map(([, size]) => size)).toEqual([1]);
    const [a, s] = jit(f)(y) as Array[];
    const [a0, s0] = f(y);
    expectBitwise(a, a0);
    expectBitwise(s, s0);
  });

  test("multiplying by a broadcast 1 vanishes too (gradients seed with ones)", () => {
    const c = np.array([1, 2, 3, 4, 5, 6]);
    const f = (y: Array) => np.sum(y.square().mul(c));
    const lo = jit(valueAndGrad(f)).lower(x);
    expect(lo.source).not.toMatch(/\(1\) \*/);
    const [v, g] = jit(valueAndGrad(f))(x) as [Array, Array];
    const [v0, g0] = valueAndGrad(f)(x) as [Array, Array];
    expectBitwise(v, v0);
    expectBitwise(g, g0);
  });

  test("a short inner loop is unrolled (its index a constant in each copy); a long one is not", () => {
    const f = (y: Array) => special.logsumexp(np.stack([y, y.mul(2)], -1), { axis: -1 });
    const y = np.array([0.5, -1, 3, Number.NEGATIVE_INFINITY, 7]);
    const lo = jit(f).lower(y);
    expect(lo.source).toContain("{ const i1 = 0;");
    expect(lo.source).toContain("{ const i1 = 1;");
    expect(lo.source).not.toMatch(/for \(let i1 /);
    expectBitwise(jit(f)(y) as Array, f(y));
    const wide = (z: Array) => np.sum(z.reshape([2, 8]).mul(3), { axis: 1 });
    expect(jit(wide).lower(np.arange(16).astype("float64")).source).toMatch(/for \(let i1 = 0; i1 < 8/);
  });

  test("padded and concatenated buffers are read only where the guard selects them (no out-of-range reads)", () => {
    const y = np.array([0.5, -1, 3, 2.5, -0.25, 4]);
    const f = (z: Array) => np.sum(np.sin(z.index(np.s(2, null))).mul(3));
    const src = jit(grad(f)).lower(y).source;
    expect(src).toMatch(/\) \? b\d+\[o\d+_\d+\] : 0;/);
    expectBitwise(jit(grad(f))(y) as Array, grad(f)(y) as Array);
    const h = (z: Array) => np.concatenate([np.sin(z), np.cos(z).mul(np.sum(z))]);
    expect(jit(h).lower(y).source).toMatch(/\? b\d+\[o\d+_\d+\] : b\d+\[o\d+_\d+\]\)/);
    expectBitwise(jit(h)(y) as Array, h(y));
  });

  test("an elementwise value and the reductions that read it share one loop", () => {
    const f = (z: Array) => {
      const r = z.mul(2).sub(1).div(3);
      return [r, np.sum(r.square()), np.sum(np.exp(r))];
    };
    const y = np.array([0.5, -1, 3, 2.5, -0.25, 4]);
    const src = jit(f).lower(y).source;
    expect(src.match(/for \(let i0/g)?.length).toBe(1);
    const got = jit(f)(y) as Array[];
    f(y).forEach((want, i) => expectBitwise(got[i], want));
  });

  test("a reduction with many accumulators keeps its elementwise producers in their own loop", () => {
    // Six sums read one elementwise value: fused, their live values would not fit in registers.
    const f = (z: Array) => {
      const r = np.exp(z.mul(2).sub(1));
      return [r, ...[1, 2, 3, 4, 5, 6].map((k) => np.sum(r.mul(k).sin()))];
    };
    const y = np.array([0.5, -1, 3, 2.5, -0.25, 4]);
    expect(jit(f).lower(y).source.match(/for \(let i0/g)?.length).toBe(2);
    const got = jit(f)(y) as Array[];
    f(y).forEach((want, i) => expectBitwise(got[i], want));
  });

  test("a cheap elementwise value read by loops over other axes is computed in each of them, not stored", () => {
    // r feeds a row sum (reduces axis 1) and a total (reduces both): two loop nests read it.
    const f = (z: Array) => {
      const r = z.mul(3).sub(1);
      return [np.sum(r, { axis: 1 }), np.sum(np.exp(r))];
    };
    const y = np.array([[0.5, -1, 3], [2.5, -0.25, 4]]);
    const src = jit(f).lower(y).source;
    expect(src.match(/\{ \/\/ group/g)?.length).toBe(2);
    expect(src).not.toMatch(/env\.scratch/);
    const got = jit(f)(y) as Array[];
    f(y).forEach((want, i) => expectBitwise(got[i], want));
  });

  test("a constant whose elements are all equal is a literal in the loops, not a buffer", () => {
    const c = np.full([1000], 2.5);
    const f = (z: Array) => np.sum(z.mul(c));
    const y = np.linspace(0, 1, 1000);
    const lowered = jit(f).lower(y);
    expect(lowered.source).toContain("* (2.5)");
    expect(lowered.describe()!.consts.every((k) => k.length < 1000)).toBe(true);
    expectBitwise(jit(f)(y), f(y));
    // NaN and −0 fills too (Object.is equality), and a constant that is not uniform stays a buffer.
    const n = np.full([8], NaN);
    const g = (z: Array) => z.add(n);
    expectBitwise(jit(g)(np.ones([8])), g(np.ones([8])));
    // A uniform constant an opaque call reads whole (the scatter's operand) keeps its buffer.
    const zeros = np.zeros([64]);
    const idx = np.array([0, 2, 0], "int32");
    const h = (u: Array) => lax.scatterAdd(zeros, u, [idx], [0]);
    expect(jit(h).lower(np.ones([3])).describe()!.consts.some((k) => k.length === 64)).toBe(true);
    expectBitwise(jit(h)(np.array([1, 2, 3])), h(np.array([1, 2, 3])));
    const varied = np.arange(8);
    expect(jit((z: Array) => z.add(varied)).lower(np.ones([8])).describe()!.consts.some((k) => k.length === 8)).toBe(true);
  });

  test("scatters are loops into a planned buffer (no call, no allocation), bitwise as eager", () => {
    const cases: [string, (u: Array) => Array, number[]][] = [];
    const op2 = np.arange(12).reshape([3, 4]).astype("float64");
    const i0 = np.array([2, 0, 2, -1, 7], "int32");
    const i1 = np.array([1, 3, 1, 0, 2], "int32");
    for (const mode of ["clip", "fill"] as const) {
      // one indexed axis and a window over the other; two indexed axes; duplicates; out of range
      cases.push([`add axis 0 ${mode}`, (u) => lax.scatterAdd(op2, u, [i0], [0], mode), [5, 4]]);
      cases.push([`add axis 1 ${mode}`, (u) => lax.scatterAdd(op2, u, [i1], [1], mode), [5, 3]]);
      cases.push([`add both ${mode}`, (u) => lax.scatterAdd(op2, u, [i0, i1], [0, 1], mode), [5]]);
      cases.push([`set both ${mode}`, (u) => lax.scatter(op2, u, [i0, i1], [0, 1], mode), [5]]);
      cases.push([`set axis 0 ${mode}`, (u) => lax.scatter(op2, u, [i0], [0], mode), [5, 4]]);
    }
    for (const [what, f, shape] of cases) {
      const u = np.linspace(-1, 1, shape.reduce((a, b) => a * b, 1)).reshape(shape);
      const src = jit(f).lower(u).source;
      expect(src, what).not.toMatch(/env\.ops/);
      expectBitwise(jit(f)(u), f(u), what);
    }
    // float32 and int32 operands round as the implementation's stores do
    const f32 = (u: Array) => lax.scatterAdd(np.zeros([4], "float32"), u, [np.array([1, 1, 3], "int32")], [0]);
    expectBitwise(jit(f32)(np.array([0.1, 0.2, 0.3], "float32")), f32(np.array([0.1, 0.2, 0.3], "float32")));
    const i32 = (u: Array) => lax.scatterAdd(np.ones([4], "int32"), u, [np.array([0, 0, 2], "int32")], [0]);
    expectBitwise(jit(i32)(np.array([5, 6, 7], "int32")), i32(np.array([5, 6, 7], "int32")));
    // the gradient of an indexed read is such a scatter: no call in a hierarchical model's gradient
    const group = np.array(Int32Array.from({ length: 40 }, (_, i) => i % 5), "int32");
    const g = (mu: Array) => np.sum(mu.index(group).square());
    expect(jit(grad(g)).lower(np.zeros([5])).source).not.toMatch(/env\.ops/);
    expectBitwise(jit(grad(g))(np.arange(5).astype("float64")), grad(g)(np.arange(5).astype("float64")));
  });

  test("cumulative reductions are loops into a planned buffer, bitwise as eager (NaN, reverse, both axes, int32 and float32)", () => {
    const x = np.array([[0.5, -1, 3, NaN, 2], [1.5, 2, -0.25, 4, -3], [2, 0.5, 0.5, 1, 1]]);
    const fs: [string, (z: Array) => Array][] = [];
    for (const axis of [0, 1]) {
      for (const reverse of [false, true]) {
        fs.push([`cumsum ${axis} ${reverse}`, (z) => lax.cumulative("cumsum", z, axis, reverse)]);
        fs.push([`cumprod ${axis} ${reverse}`, (z) => lax.cumulative("cumprod", z, axis, reverse)]);
        fs.push([`cummax ${axis} ${reverse}`, (z) => lax.cumulative("cummax", z, axis, reverse)]);
        fs.push([`cummin ${axis} ${reverse}`, (z) => lax.cumulative("cummin", z, axis, reverse)]);
      }
    }
    for (const [what, f] of fs) {
      expect(jit(f).lower(x).source, what).not.toMatch(/env\.ops/);
      expectBitwise(jit(f)(x), f(x), what);
    }
    const big = np.array(Int32Array.of(2147483647, 5, -7, 1 << 30), "int32");
    expectBitwise(jit((z: Array) => np.cumsum(z))(big), np.cumsum(big));
    const f32 = np.array([0.1, 0.2, 0.3, 1e-8], "float32");
    expectBitwise(jit((z: Array) => np.cumsum(z))(f32), np.cumsum(f32));
    // a simplex parameter's stick-breaking transform and its gradient compile without calls
    const sb = (z: Array) => np.sum(np.log(np.cumprod(np.subtract(1, z.mul(0.5)), { axis: -1 })));
    expect(jit(grad(sb)).lower(np.array([0.1, 0.4, 0.7])).source).not.toMatch(/env\.ops/);
    expectBitwise(jit(grad(sb))(np.array([0.1, 0.4, 0.7])), grad(sb)(np.array([0.1, 0.4, 0.7])));
  });
});
