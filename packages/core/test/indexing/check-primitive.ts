/**
 * A primitive checked the way test/primitives/all-primitives.test.ts checks every primitive:
 * abstract evaluation, JVP and VJP against finite differences (to second order), and vmap
 * against stacked slices with each argument batched at its first and last axis.
 */
import { expect } from "vitest";
import { type Array, ConcreteArray, np } from "../../src/index.js";
import { isFloat } from "../../src/core/dtype.js";
import { type Primitive } from "../../src/core/primitive.js";
import { instantiate } from "../../src/core/tangent.js";
import { bind } from "../../src/core/trace.js";
import { vmapFlat } from "../../src/interpreters/batching.js";
import { jvpFlat } from "../../src/interpreters/jvp.js";
import { linearizeFlat } from "../../src/interpreters/linearize.js";
import { dot, expectClose, finiteDiff, randArray, rng, uniform } from "../helpers/check.js";

/** Run every check on one example invocation. */
export function checkPrimitive(
  prim: Primitive<any>,
  c: { args: (r: () => number) => ConcreteArray[]; params: unknown; firstOrderOnly?: boolean },
  seed: number,
): void {
  const r = rng(seed);
  const xs = c.args(r);
  const f = (...a: Array[]) => bind(prim, a, c.params);
  const avals = prim.abstractEval(xs.map((x) => x.aval), c.params);
  const outs = f(...xs);
  outs.forEach((o, k) => {
    expect(o.shape).toEqual(avals[k].shape);
    expect(o.dtype).toBe(avals[k].dtype);
  });
  const idx = xs.map((x, i) => (x.dtype === "float64" ? i : -1)).filter((i) => i >= 0);
  const fOnDiff = (...d: Array[]) => f(...xs.map((x, i) => (idx.includes(i) ? d[idx.indexOf(i)] : x)));
  const dxs = idx.map((i) => xs[i]);
  const dts = dxs.map((x) => randArray([...x.shape], uniform(r, -1, 1)));
  const fd = finiteDiff(fOnDiff, dxs, dts, 1e-6);
  const [, touts] = jvpFlat(fOnDiff, dxs, dts);
  touts.forEach((t, k) => {
    if (isFloat(outs[k].dtype)) expectClose(instantiate(t), fd[k], 1e-6, 1e-8, `${prim.name} jvp ${k}`);
  });
  const cts = outs.map((o) => randArray([...o.shape], uniform(r, -1, 1), o.dtype));
  const ctIn = linearizeFlat(fOnDiff, dxs).vjp(cts);
  const lhs = cts.reduce((s, ct, k) => (isFloat(outs[k].dtype) ? s + dot([ct], [new ConcreteArray(Float64Array.from(fd[k]), ct.shape, "float64")]) : s), 0);
  expect(Math.abs(lhs - dot(ctIn, dts))).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(lhs)));
  if (!c.firstOrderOnly) {
    const t2 = dxs.map((x) => randArray([...x.shape], uniform(r, -1, 1)));
    const h = (...d: Array[]) => jvpFlat(fOnDiff, d, dts)[1].map(instantiate);
    const fd2 = finiteDiff(h, dxs, t2, 1e-5);
    jvpFlat(h, dxs, t2)[1].forEach((t, k) => {
      if (isFloat(outs[k].dtype)) expectClose(instantiate(t), fd2[k], 1e-5, 1e-6, `${prim.name} jvp of jvp ${k}`);
    });
    const g = (...d: Array[]) => linearizeFlat(fOnDiff, d).vjp(cts);
    const fdg = finiteDiff(g, dxs, t2, 1e-5);
    jvpFlat(g, dxs, t2)[1].forEach((t, k) => expectClose(instantiate(t), fdg[k], 1e-5, 1e-6, `${prim.name} jvp of vjp ${k}`));
  }
  // vmap against stacked slices.
  const B = 3;
  const variants = (k: number) => {
    const rr = rng(seed * 31 + k);
    return globalThis.Array.from({ length: B }, (_, b) => (b === 0 ? xs[k] : c.args(rr)[k]));
  };
  const configs: { batched: number[]; axis: (x: ConcreteArray) => number }[] = [];
  xs.forEach((_, i) => {
    configs.push({ batched: [i], axis: () => 0 });
    configs.push({ batched: [i], axis: (x) => x.ndim });
  });
  if (xs.length > 1) {
    configs.push({ batched: xs.map((_, i) => i), axis: () => 0 });
    configs.push({ batched: xs.map((_, i) => i), axis: (x) => x.ndim });
  }
  for (const cfg of configs) {
    const slices = xs.map((_, i) => (cfg.batched.includes(i) ? variants(i) : null));
    const perSlice = globalThis.Array.from({ length: B }, (_, b) => xs.map((x, i) => (slices[i] ? slices[i]![b] : x)));
    const batchedArgs = xs.map((x, i) => (slices[i] ? np.stack(slices[i]!, cfg.axis(x)) : x));
    const dims = xs.map((x, i) => (slices[i] ? cfg.axis(x) : null));
    const got = vmapFlat(f, B, dims, () => 0, batchedArgs);
    got.forEach((gk, k) => expectClose(gk, np.stack(perSlice.map((a) => f(...a)[k])), 1e-14, 1e-300, `${prim.name} vmap ${cfg.batched} out ${k}`));
  }
}
