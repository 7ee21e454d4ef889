import { describe, expect, test } from "vitest";
import { type Array, grad, hessian, jacfwd, jit, jvp, np, random, valueAndGrad, vmap } from "../../src/index.js";
import { expectBitwise, expectClose } from "../helpers/check.js";

const f = (x: Array) => np.sum(np.sin(x).mul(x.mul(x)));
const x = np.array([0.3, -1.2, 2.0]);

describe("jit", () => {
  test("gives the eager result bit for bit, and caches by signature", () => {
    const jf = jit(f);
    expectBitwise(jf(x), f(x));
    jf(np.array([1.0, 2.0, 3.0]));
    expect(jf.cacheInfo()).toMatchObject({ hits: 1, misses: 1, size: 1 });
    jf(np.array([1.0, 2.0])); // new shape: re-trace
    jf(np.array([1.0, 2.0], "float32")); // new dtype: re-trace
    expect(jf.cacheInfo()).toMatchObject({ hits: 1, misses: 3, size: 3 });
  });

  test("the cache is bounded (least recently used dropped)", () => {
    const jf = jit(f, { cacheSize: 2 });
    for (const n of [1, 2, 3, 1]) jf(np.ones([n]));
    expect(jf.cacheInfo()).toMatchObject({ size: 2, misses: 4 });
  });

  test("static arguments are part of the key and stay JS values", () => {
    const pow = jit((y: Array, n: number) => y.pow(n), { staticArgnums: 1 });
    expectClose(pow(np.array([2.0]), 3), [8]);
    expectClose(pow(np.array([2.0]), 4), [16]);
    expect(pow.cacheInfo().misses).toBe(2);
    const scaled = jit((y: Array, opts: { scale: number; shift: Array }) => y.mul(opts.scale).add(opts.shift), { staticArgnames: ["scale"] });
    expectClose(scaled(np.array([1.0]), { scale: 3, shift: np.array(1.0) }), [4]);
  });

  test("composes with grad, vmap and jvp in both orders", () => {
    const g = grad(f)(x);
    expectBitwise((jit(grad(f))(x) as Array), g);
    expectClose(grad(jit(f))(x), g, 1e-15);
    const xs = np.stack([x, x.mul(2)]);
    const rows = np.stack([f(x), f(x.mul(2))]);
    expectClose(vmap(jit(f))(xs), rows, 1e-15);
    expectBitwise(jit(vmap(f))(xs) as Array, vmap(f)(xs));
    expectClose(jit(vmap(grad(f)))(xs), vmap(grad(f))(xs), 1e-15);
    const [, t] = jvp(jit(f), [x], [np.ones([3])]);
    expectClose(t, np.sum(g), 1e-14);
    expectClose(jacfwd(jit(f))(x), g, 1e-15);
    expectClose(hessian(jit(f))(x), hessian(f)(x), 1e-14);
    expectClose(jit(hessian(f))(x), hessian(f)(x), 1e-14);
  });

  test("valueAndGrad under jit, with pytrees in and out", () => {
    const loss = (p: { w: Array; b: Array }, xs: Array, ys: Array) => np.mean(np.square(xs.mul(p.w).add(p.b).sub(ys)));
    const p = { w: np.array(0.5), b: np.array(-0.2) };
    const xs = np.linspace(0, 1, 7);
    const ys = xs.mul(2).add(1);
    const [v, g] = jit(valueAndGrad(loss))(p, xs, ys) as [Array, { w: Array; b: Array }];
    const [v0, g0] = valueAndGrad(loss)(p, xs, ys) as [Array, { w: Array; b: Array }];
    expectBitwise(v, v0);
    expectBitwise(g.w, g0.w);
    expectBitwise(g.b, g0.b);
  });

  test("closing over a traced value works (not cached)", () => {
    const outer = grad((s: Array) => jit((y: Array) => np.sum(y.mul(s)))(x));
    expectClose(outer(2.0), np.sum(x), 1e-15);
  });

  test("lower() exposes the jaxpr and the generated loops", () => {
    const lo = jit(f).lower(x);
    expect(lo.jaxpr).toContain("reduce_sum");
    expect(lo.source).toContain("for (let i0 = 0; i0 < 3; i0++)");
    const out = [new Float64Array(1)];
    lo.runInto([(x as any).data], out);
    expect(out[0][0]).toBe((f(x) as any).data[0]);
  });

  test("float32 programs round like eager float32", () => {
    const g32 = (y: Array) => np.sum(np.exp(y).mul(1.1).sub(np.tanh(y)));
    const y = np.array([0.1, 0.7, -2.5, 3.3], "float32");
    expectBitwise(jit(g32)(y) as Array, g32(y));
  });

  test("random keys trace through jit", () => {
    const k = random.key(0);
    expectBitwise(jit((key: Array) => random.normal(key, [4]))(k) as Array, random.normal(k, [4]));
  });

  test("outputs are fresh arrays (no aliasing of internal buffers)", () => {
    const jf = jit((y: Array) => y.mul(2));
    const a = jf(np.array([1.0]));
    const b = jf(np.array([5.0]));
    expectClose(a, [2]);
    expectClose(b, [10]);
  });
});

describe("compiled programs as data", () => {
  test("describe() and loadProgram() round-trip, including opaque calls", async () => {
    const { loadProgram } = await import("../../src/index.js");
    const g = (y: Array) => np.sum(np.cumsum(np.sin(y)).mul(y.take(np.array([2, 0, 1], "int32"))));
    const y = np.array([0.3, -0.2, 1.1]);
    const lowered = jit(valueAndGrad(g)).lower(y);
    const desc = lowered.describe();
    expect(desc).not.toBeNull();
    const copy = structuredClone(desc!);
    const prog = loadProgram(copy);
    const outs = [new Float64Array(1), new Float64Array(3)];
    prog.runInto([(y as any).data], outs);
    const [v, gr] = valueAndGrad(g)(y) as [Array, Array];
    expect(outs[0][0]).toBe((v as any).data[0]);
    expect([...outs[1]]).toEqual([...(gr as any).data]);
  });
});
