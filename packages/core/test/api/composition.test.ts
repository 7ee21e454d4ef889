import { describe, expect, test } from "vitest";
import { type Array, grad, hessian, jacfwd, jacrev, jvp, linearize, makeJaxpr, np, tree, valueAndGrad, vjp, vjpWithAux, vmap } from "../../src/index.js";
import { expectClose, values } from "../helpers/check.js";

const f = (x: Array) => np.sum(np.sin(x).mul(x.mul(x)));

describe("transformations compose", () => {
  const x = np.array([0.3, -1.2, 2.0]);

  test("grad∘grad of a scalar function is its second derivative", () => {
    const g2 = grad(grad((t: Array) => np.exp(np.sin(t))));
    const t = 0.7;
    // d²/dt² e^{sin t} = e^{sin t}(cos² t − sin t)
    expectClose(g2(t), Math.exp(Math.sin(t)) * (Math.cos(t) ** 2 - Math.sin(t)), 1e-14);
  });

  test("vmap(grad(f)) equals grad of each row", () => {
    const xs = np.array([
      [0.1, 0.2, 0.3],
      [1.0, -1.0, 0.5],
    ]);
    const got = vmap(grad(f))(xs);
    const rows = [0, 1].map((i) => grad(f)(np.array((xs as any).tolist()[i])));
    expectClose(got, np.stack(rows), 1e-15);
  });

  test("grad(vmap(f)) equals the sum of per-row gradients", () => {
    const xs = np.array([
      [0.1, 0.2, 0.3],
      [1.0, -1.0, 0.5],
    ]);
    const got = grad((a: Array) => np.sum(vmap(f)(a)))(xs);
    expectClose(got, vmap(grad(f))(xs), 1e-15);
  });

  test("jacfwd(jacrev(f)) equals jacrev(jacfwd(f)) and the analytic Hessian", () => {
    const h1 = jacfwd(jacrev(f))(x);
    const h2 = jacrev(jacfwd(f))(x);
    const h3 = hessian(f)(x);
    // f = Σ x² sin x → diagonal Hessian 2 sin x + 4x cos x − x² sin x
    const xv = values(x);
    const diag = xv.map((v) => 2 * Math.sin(v) + 4 * v * Math.cos(v) - v * v * Math.sin(v));
    const want = xv.flatMap((_, i) => xv.map((__, j) => (i === j ? diag[i] : 0)));
    expectClose(h1, want, 1e-13, 1e-15);
    expectClose(h2, want, 1e-13, 1e-15);
    expectClose(h3, want, 1e-13, 1e-15);
    expect(h1.shape).toEqual([3, 3]);
  });

  test("vmap nests, with inAxes and outAxes", () => {
    const a = np.reshape(np.arange(6, undefined, 1, "float64"), [2, 3]);
    const outer = vmap(vmap((u: Array, v: Array) => u.mul(v), { inAxes: [0, null] }), { inAxes: [0, null] });
    const got = outer(a, np.array(10));
    expectClose(got, values(a).map((v) => v * 10));
    const t = vmap((u: Array) => u.mul(2), { inAxes: 1, outAxes: 1 })(a);
    expectClose(t, values(a).map((v) => v * 2));
    expect(t.shape).toEqual([2, 3]);
  });

  test("pytrees: dict and list arguments and outputs", () => {
    const params = { w: np.array([1.0, 2.0]), b: np.array(0.5) };
    const loss = (p: { w: Array; b: Array }, xs: Array) => np.sum(np.square(xs.mul(p.w).add(p.b)));
    const g = grad(loss)(params, np.array([3.0, -1.0]));
    // d/dw = 2 (x w + b) x ; d/db = Σ 2 (x w + b)
    expectClose(g.w, [2 * (3 + 0.5) * 3, 2 * (-2 + 0.5) * -1]);
    expectClose(g.b, [2 * (3.5 + -1.5)]);
    const [gx, gy] = grad((a: Array, b: Array) => np.sum(a.mul(b)), { argnums: [0, 1] })(np.array([1.0, 2.0]), np.array([3.0, 4.0]));
    expectClose(gx, [3, 4]);
    expectClose(gy, [1, 2]);
    const out = vmap((p: { a: Array }) => ({ s: np.sum(p.a), d: [p.a.mul(2)] }))({ a: np.ones([4, 2]) });
    expect(out.s.shape).toEqual([4]);
    expect(out.d[0].shape).toEqual([4, 2]);
    expect(tree.leaves(out).length).toBe(2);
  });

  test("valueAndGrad, hasAux, jvp, vjp and linearize agree", () => {
    const [v, g] = valueAndGrad(f)(x);
    expectClose(v, f(x), 1e-15);
    const [[v2, aux], g2] = valueAndGrad((t: Array) => [f(t), t.shape[0]], { hasAux: true })(x);
    expect(aux).toBe(3);
    expectClose(v2, v);
    expectClose(g2, g);
    const t = np.array([1.0, 0.5, -2.0]);
    const [, dy] = jvp(f, [x], [t]);
    expectClose(dy, np.sum(g.mul(t)), 1e-14);
    const [y, fLin] = linearize(f, x);
    expectClose(y, v);
    expectClose(fLin(t), dy, 1e-14);
    const [, pullback] = vjp(f, x);
    expectClose(pullback(np.array(1.0))[0], g, 1e-15);
    const [, pb2, aux2] = vjpWithAux((u: Array) => [f(u), "tag"], x);
    expect(aux2).toBe("tag");
    expectClose(pb2(np.array(2.0))[0], g.mul(2), 1e-15);
  });

  test("jacrev and jacfwd give output-shape + input-shape Jacobians", () => {
    const g = (u: Array) => np.stack([np.sum(u), np.prod(u)]);
    const u = np.array([[1.0, 2.0], [3.0, 4.0]]);
    const jr = jacrev(g)(u);
    const jf = jacfwd(g)(u);
    expect(jr.shape).toEqual([2, 2, 2]);
    expectClose(jr, jf, 1e-15);
    expectClose(jr, [1, 1, 1, 1, 24, 12, 8, 6]);
  });

  test("makeJaxpr prints the staged program", () => {
    const s = String(makeJaxpr((u: Array) => np.sin(u).mul(2))(np.zeros([3])));
    expect(s).toContain("sin a");
    expect(s).toContain("mul b 2.0");
  });
});

describe("errors name the problem", () => {
  test("grad of a non-scalar function", () => {
    expect(() => grad((u: Array) => u.mul(2))(np.ones([3]))).toThrow(/scalar.*\(3,\)/);
  });
  test("grad with respect to an integer array", () => {
    expect(() => grad((u: Array) => np.sum(u))(np.arange(3))).toThrow(/int32/);
  });
  test("vmap with mismatched axis sizes names both", () => {
    expect(() => vmap((a: Array, b: Array) => a.add(b))(np.ones([3]), np.ones([4]))).toThrow(/different sizes.*3.*4/);
  });
  test("a leaked tracer is reported", () => {
    let leaked: Array | null = null;
    grad((u: Array) => {
      leaked = u.mul(2);
      return np.sum(u);
    })(np.ones([2]));
    expect(() => grad((v: Array) => np.sum(v.mul(leaked!)))(np.ones([2]))).toThrow(/tracer|escaped/i);
  });
  test("item() on a tracer explains concretisation", () => {
    expect(() => grad((u: Array) => (u.item() > 0 ? u : u.neg()))(1.0)).toThrow(/concrete value/);
  });
});
