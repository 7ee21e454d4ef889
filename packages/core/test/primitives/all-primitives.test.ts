/**
 * Every registered primitive, checked automatically: abstract evaluation against the
 * implementation, forward and reverse derivatives against finite differences (to second
 * order), and vmap against stacked slices on several axes.
 */
import { describe, expect, test } from "vitest";
import { type Array, ConcreteArray, jit, registeredPrimitives } from "../../src/index.js";
import { isFloat } from "../../src/core/dtype.js";
import { bind } from "../../src/core/trace.js";
import { jvpFlat } from "../../src/interpreters/jvp.js";
import { linearizeFlat } from "../../src/interpreters/linearize.js";
import { vmapFlat } from "../../src/interpreters/batching.js";
import { np } from "../../src/index.js";
import { type Primitive } from "../../src/core/primitive.js";
import { instantiate } from "../../src/core/tangent.js";
import { CHECKED_ELSEWHERE, PRIMITIVE_CASES, type PrimitiveCase } from "./cases.js";
import { dot, expectBitwise, expectClose, finiteDiff, randArray, rng, uniform } from "../helpers/check.js";
import "../../src/index.js";

const EPS = 1e-6;

function diffIndices(c: PrimitiveCase, xs: ConcreteArray[]): number[] {
  if (c.noDiff) return [];
  return c.diff ?? xs.map((x, i) => (x.dtype === "float64" ? i : -1)).filter((i) => i >= 0);
}

function tangentsFor(c: PrimitiveCase, xs: ConcreteArray[], idx: number[], r: () => number): (ConcreteArray | null)[] {
  const make = (x: ConcreteArray, i: number) => (c.tangent ? c.tangent(r, x, i) : randArray([...x.shape], uniform(r, -1, 1)));
  return xs.map((x, i) => (idx.includes(i) ? make(x, i) : null));
}

function checkCase(prim: Primitive<any>, c: PrimitiveCase, seed: number): void {
  const r = rng(seed);
  const xs = c.args(r);
  const f = (...a: Array[]) => bind(prim, a, c.params);

  // Abstract evaluation agrees with the implementation.
  const avals = prim.abstractEval(xs.map((x) => x.aval), c.params);
  const outs = f(...xs);
  expect(outs.length).toBe(avals.length);
  outs.forEach((o, k) => {
    expect(o.shape, `output ${k} shape`).toEqual(avals[k].shape);
    expect(o.dtype, `output ${k} dtype`).toBe(avals[k].dtype);
  });

  // jit gives the same bits as eager evaluation.
  const jitted = jit((...a: Array[]) => f(...a))(...xs) as Array[];
  jitted.forEach((o, k) => expectBitwise(o, outs[k], `${prim.name} jit output ${k}`));

  const idx = diffIndices(c, xs);
  if (idx.length > 0) {
    const ts = tangentsFor(c, xs, idx, r);
    const fd = finiteDiff(f, xs, ts, EPS);
    // Forward mode: JVP against central differences.
    const fOnDiff = (...d: Array[]) => f(...xs.map((x, i) => (idx.includes(i) ? d[idx.indexOf(i)] : x)));
    const dxs = idx.map((i) => xs[i]);
    const dts = idx.map((i) => ts[i]!);
    const [, touts] = jvpFlat(fOnDiff, dxs, dts);
    touts.forEach((t, k) => {
      if (isFloat(outs[k].dtype)) expectClose(instantiate(t), fd[k], 1e-6, 1e-8, `${prim.name} jvp output ${k}`);
    });
    // Reverse mode: <ct, J t> = <J^T ct, t>.
    const lin = linearizeFlat(fOnDiff, dxs);
    const cts = outs.map((o) => randArray([...o.shape], uniform(r, -1, 1), o.dtype));
    const ctIn = lin.vjp(cts);
    const lhs = cts.reduce((s, ct, k) => (isFloat(outs[k].dtype) ? s + dot([ct], [new ConcreteArray(Float64Array.from(fd[k]), ct.shape, "float64")]) : s), 0);
    const rhs = dot(ctIn, dts);
    expect(Math.abs(lhs - rhs), `${prim.name} vjp dot-product test (${lhs} vs ${rhs})`).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(lhs)));

    if (!c.firstOrderOnly) {
      const t2 = idx.map((i) => tangentsFor(c, xs, [i], r)[i]!);
      // Forward over forward.
      const h = (...d: Array[]) => jvpFlat(fOnDiff, d, dts)[1].map(instantiate);
      const fd2 = finiteDiff(h, dxs, t2, 1e-5);
      const [, t2outs] = jvpFlat(h, dxs, t2);
      t2outs.forEach((t, k) => {
        if (isFloat(outs[k].dtype)) expectClose(instantiate(t), fd2[k], 1e-5, 1e-6, `${prim.name} second-order jvp output ${k}`);
      });
      // Forward over reverse (differentiating the transpose rules).
      const g = (...d: Array[]) => linearizeFlat(fOnDiff, d).vjp(cts);
      const fdg = finiteDiff(g, dxs, t2, 1e-5);
      const [, gouts] = jvpFlat(g, dxs, t2);
      gouts.forEach((t, k) => expectClose(instantiate(t), fdg[k], 1e-5, 1e-6, `${prim.name} jvp of vjp, input ${k}`));
    }
  }

  // vmap against stacked slices: each argument batched alone at axis 0 and at its last axis,
  // then all arguments batched at axis 0.
  const B = 3;
  const variants = (x: ConcreteArray, k: number) => {
    const rr = rng(seed * 31 + k);
    return globalThis.Array.from({ length: B }, (_, b) => {
      if (b === 0) return x;
      const again = c.args(rr)[k];
      return again;
    });
  };
  const stackedExpect = (perSlice: ConcreteArray[][]) =>
    outs.map((_, k) => np.stack(perSlice.map((xsb) => f(...xsb)[k])));
  const configs: { batched: number[]; axis: (x: ConcreteArray) => number }[] = [];
  xs.forEach((_, i) => {
    configs.push({ batched: [i], axis: () => 0 });
    configs.push({ batched: [i], axis: (x) => x.ndim });
  });
  if (xs.length > 1) configs.push({ batched: xs.map((_, i) => i), axis: () => 0 });
  for (const cfg of configs) {
    const slices = xs.map((x, i) => (cfg.batched.includes(i) ? variants(x, i) : null));
    const perSlice = globalThis.Array.from({ length: B }, (_, b) => xs.map((x, i) => (slices[i] ? slices[i]![b] : x)));
    const batchedArgs = xs.map((x, i) => (slices[i] ? np.stack(slices[i]!, cfg.axis(x)) : x));
    const dims = xs.map((x, i) => (slices[i] ? cfg.axis(x) : null));
    const got = vmapFlat(f, B, dims, () => 0, batchedArgs);
    const want = stackedExpect(perSlice);
    got.forEach((g, k) => expectClose(g, want[k], 1e-14, 1e-300, `${prim.name} vmap (batched ${cfg.batched}) output ${k}`));
    const jitVmap = jit((...a: Array[]) => vmapFlat(f, B, dims, () => 0, a))(...batchedArgs) as Array[];
    jitVmap.forEach((g, k) => expectBitwise(g, got[k], `${prim.name} jit(vmap) (batched ${cfg.batched}) output ${k}`));
  }
}

describe("every primitive", () => {
  test("has example cases (or a reason it is checked elsewhere)", () => {
    const missing = [...registeredPrimitives().keys()].filter((n) => !(n in PRIMITIVE_CASES) && !(n in CHECKED_ELSEWHERE));
    expect(missing, "primitives without cases in test/primitives/cases.ts").toEqual([]);
  });

  for (const [name, cases] of Object.entries(PRIMITIVE_CASES)) {
    cases.forEach((c, i) => {
      test(`${name} #${i}`, () => {
        const prim = registeredPrimitives().get(name);
        expect(prim, `primitive ${name} is registered`).toBeDefined();
        checkCase(prim!, c, 1000 + i * 7 + name.length);
      });
    });
  }
});
