/**
 * Device-parametrised cases, free of any test runner (the browser test bundles them): each runs
 * a function on float32 CPU arrays and on the same arrays moved to a tfjs device, and compares
 * with float32 tolerances. `cases.ts` turns them into a vitest suite.
 */
import { type Array, ConcreteArray, devicePut, grad, hessian, jit, lax, nn, np, random, special, tree, valueAndGrad, vmap } from "../../src/index.js";
import { bind1 } from "../../src/core/trace.js";
import { cummaxP, cumminP } from "../../src/primitives/cumulative.js";
import { IGAMMA_CASES, IGAMMA_ON_DEVICE } from "./device-cases-igamma.js";
import { BETA_CASES, BETA_ON_DEVICE } from "./device-cases-beta.js";
import { LINALG_CASES, LINALG_ON_DEVICE } from "./device-cases-linalg.js";

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Fn = (...xs: any[]) => unknown;

/** A float32 CPU array of uniform values in [lo, hi), deterministic. */
export function f32(shape: number[], seed: number, lo = -2, hi = 2): Array {
  const r = rng(seed);
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < data.length; i++) data[i] = lo + (hi - lo) * r();
  return new ConcreteArray(data, shape, "float32");
}

function flatNumbers(x: unknown): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (globalThis.Array.isArray(v)) v.forEach(walk);
    else out.push(typeof v === "boolean" ? Number(v) : (v as number));
  };
  walk(x);
  return out;
}

/** Compare a pytree of device arrays with a pytree of CPU arrays. */
export function expectTreeClose(actual: unknown, expected: unknown, device: string, rtol = 2e-5, atol = 2e-5): void {
  const [al] = tree.flatten(actual);
  const [el] = tree.flatten(expected);
  check(al.length === el.length, `${al.length} leaves on ${device}, ${el.length} on cpu`);
  al.forEach((a, i) => {
    const e = el[i] as Array;
    const x = a as Array;
    check(x.device === device, `leaf ${i} is on ${x.device}, not ${device}`);
    check(x.shape.join(",") === e.shape.join(","), `leaf ${i} has shape [${x.shape}], cpu gives [${e.shape}]`);
    check(x.dtype === e.dtype, `leaf ${i} has dtype ${x.dtype}, cpu gives ${e.dtype}`);
    const av = flatNumbers(x.tolist());
    const ev = flatNumbers(e.tolist());
    for (let k = 0; k < ev.length; k++) {
      if (Number.isNaN(ev[k])) {
        check(Number.isNaN(av[k]), `leaf ${i}[${k}]: ${av[k]} on ${device}, NaN on cpu`);
        continue;
      }
      if (av[k] === ev[k]) continue;
      const err = Math.abs(av[k] - ev[k]);
      if (!(err <= atol + rtol * Math.abs(ev[k]))) {
        throw new Error(`leaf ${i}[${k}]: ${av[k]} on ${device} vs ${ev[k]} on cpu (|diff| ${err})`);
      }
    }
  });
}

/** Run `f` on CPU inputs and on the same inputs put on `device`; compare. */
export function checkOnDevice(device: string, f: Fn, inputs: unknown[], tol?: { rtol?: number; atol?: number }): void {
  const expected = f(...inputs);
  const moved = inputs.map((x) => (x instanceof Object && "aval" in (x as object) ? devicePut(x, device) : x));
  const actual = f(...moved);
  expectTreeClose(actual, expected, device, tol?.rtol, tol?.atol);
}

/**
 * The primitives these cases exercise that must run as tfjs ops on every tfjs device (not the
 * CPU fallback): the suites check that `tfjsFallbackCounts()` does not grow for them.
 */
export const ON_DEVICE = [
  ...["gather", "scatter_add", "scatter", "sort", "cummax", "cummin", "scan", "erfc", "ndtr", "log_ndtr", "ndtri", "erf_inv", "lgamma", "digamma", "bessel_i0e", "bessel_i1e", "cbrt", "exp10", "rem"],
  ...IGAMMA_ON_DEVICE,
  ...BETA_ON_DEVICE,
  ...LINALG_ON_DEVICE,
];

/** One case: a name, a function and its (CPU, float32/int32) inputs. */
export interface DeviceCase {
  name: string;
  f: Fn;
  inputs: () => unknown[];
  tol?: { rtol?: number; atol?: number };
}

/** A float32 CPU array from plain numbers (NaN and ±Infinity allowed). */
function f32v(values: number[], shape: number[] = [values.length]): Array {
  return new ConcreteArray(Float32Array.from(values), shape, "float32");
}

/** `n` float32 points spread over [lo, hi] (deterministic, both ends included). */
function spread(lo: number, hi: number, n: number): number[] {
  return globalThis.Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

const SPECIALS = [NaN, Infinity, -Infinity, 0, -0];
const cumulative = (x: Array, axis: number, reverse: boolean, max: boolean): Array => bind1(max ? cummaxP : cumminP, [x], { axis, reverse });

/** Every pair of special and ordinary values (NaN, ±∞, ±0, ±1, odd and even integers, fractions, tiny, huge), as two flat operands. */
function specialPairs(): [Array, Array] {
  const v = [...SPECIALS, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 2.5, 1e-30, -1e30, 1e30];
  const x: number[] = [];
  const y: number[] = [];
  for (const a of v) for (const b of v) (x.push(a), y.push(b));
  return [f32v(x), f32v(y)];
}

const x23 = () => f32([2, 3], 1);
const y23 = () => f32([2, 3], 2);
const pos23 = () => f32([2, 3], 3, 0.1, 3);

/** The representative subset of core's suite that every tfjs device runs. */
export const CASES: Record<string, DeviceCase[]> = {
  elementwise: [
    { name: "add sub mul div", f: (x, y) => x.add(y).mul(x.sub(y)).div(y.abs().add(1)), inputs: () => [x23(), y23()] },
    { name: "JS numbers are weak", f: (x) => x.mul(2).add(0.5).sub(1), inputs: () => [x23()] },
    { name: "exp log sqrt", f: (x) => np.exp(x).add(np.log(x)).add(np.sqrt(x)), inputs: () => [pos23()] },
    { name: "trig and hyperbolic", f: (x) => [np.sin(x), np.cos(x), np.tanh(x), np.arctan2(x, 1.5), np.arcsinh(x)], inputs: () => [x23()] },
    { name: "log1p expm1 logistic", f: (x) => [np.log1p(x), np.expm1(x), nn.sigmoid(x), nn.softplus(x)], inputs: () => [pos23()] },
    { name: "pow and integer powers", f: (x, y) => [np.power(x, y), x.pow(2), x.pow(3), np.square(y), np.reciprocal(x)], inputs: () => [pos23(), y23()] },
    { name: "max min where comparisons", f: (x, y) => [np.maximum(x, y), np.minimum(x, y), np.where(x.gt(y), x, y), x.le(y), np.logicalAnd(x.gt(0), y.gt(0))], inputs: () => [x23(), y23()] },
    { name: "floor ceil round sign abs clip", f: (x) => [np.floor(x), np.ceil(x), np.round(x.mul(3)), np.sign(x), np.abs(x), np.clip(x, -1, 1)], inputs: () => [x23()] },
    {
      name: "binary ops on every pair of special values (IEEE and C99 rules, as on the cpu)",
      f: (x, y) => [x.add(y), x.sub(y), x.mul(y), x.div(y), np.power(x, y), np.arctan2(x, y), np.maximum(x, y), np.minimum(x, y), x.lt(y), x.eq(y)],
      inputs: specialPairs,
    },
    {
      name: "unary ops on special values",
      f: (x) => [np.exp(x), np.expm1(x), np.log(x), np.log1p(x), np.sqrt(x), np.sinh(x), np.cosh(x), np.tanh(x), np.arcsinh(x), np.arctan(x), np.abs(x), np.sign(x), np.floor(x), nn.sigmoid(x), x.astype("int32")],
      inputs: () => [specialPairs()[0]],
    },
    { name: "int32 arithmetic", f: (a, b) => [a.add(b), a.mul(b), a.sub(3), np.maximum(a, b), a.astype("float32").mul(0.5)], inputs: () => [np.array([[1, -2, 3], [4, 5, -6]], "int32"), np.array([[2, 2, 2], [-1, 0, 1]], "int32")] },
    { name: "int32 floor division (CPU fallback)", f: (a, b) => np.floorDivide(a, b), inputs: () => [np.array([7, -7, 9], "int32"), np.array([2, 2, -4], "int32")] },
    { name: "special functions", f: (x) => [special.erf(x), special.gammaln(x), special.digamma(x), special.logsumexp(x)], inputs: () => [pos23()], tol: { rtol: 1e-4, atol: 1e-5 } },
  ],
  "special functions (float32 kernels vs the CPU's float64)": [
    { name: "erfc ndtr (tails to underflow)", f: (x) => [special.erfc(x), special.ndtr(x)], inputs: () => [f32v([...spread(-12, 12, 97), ...SPECIALS, 1e-30, -1e-30, 0.75, 1.06, -14, 38.4])], tol: { rtol: 2e-6, atol: 1e-44 } },
    { name: "logNdtr", f: (x) => special.logNdtr(x), inputs: () => [f32v([...spread(-40, 12, 105), ...SPECIALS, -1e5, -1e19, 1e-30, 40])], tol: { rtol: 2e-6, atol: 1e-44 } },
    { name: "ndtri erfinv", f: (p, y) => [special.ndtri(p), special.erfinv(y)], inputs: () => [f32v([...spread(0, 1, 81), 2e-38, 1e-30, 1e-10, 0.2499, 0.7501, 1 - 1e-7, -0.1, 1.1, NaN]), f32v([...spread(-1, 1, 81), 1e-30, -2e-38, 0.5, 0.9999999, -0.9999999, 1.5, -2, NaN])], tol: { rtol: 2e-6, atol: 1e-30 } },
    { name: "gammaln digamma (poles, reflection, large)", f: (x) => [special.gammaln(x), special.digamma(x)], inputs: () => [f32v([...spread(-9.9, 20, 120), ...SPECIALS, -1, -2, -30, 1, 2, 1.4616321, 1e-30, 1e20, 3e38, -1e10, -2.5])], tol: { rtol: 2e-6, atol: 1e-6 } },
    { name: "i0e i1e", f: (x) => [special.i0e(x), special.i1e(x)], inputs: () => [f32v([...spread(-50, 50, 101), ...SPECIALS, 7.99, 8.01, 1e-30, 1e30])], tol: { rtol: 2e-6, atol: 1e-30 } },
    { name: "cbrt exp10", f: (x, e) => [np.cbrt(x), special.exp10(e)], inputs: () => [f32v([...spread(-100, 100, 41), ...SPECIALS, 1e-45, -1e-40, 3e38, 7e-8]), f32v([...spread(-46, 39, 69), ...SPECIALS, 1, 2, 3, 10, 38, -38])], tol: { rtol: 2e-6, atol: 1e-44 } },
    {
      name: "fmod (C-style remainder): float32 and int32 (ints below 2^24: webgl keeps int32 as float32)",
      f: (x, y, a, b) => [np.fmod(x, y), np.fmod(a, b)],
      inputs: () => [
        f32v([5.5, -5.5, 5.5, -5.5, 1e5, -1e5, 1e-10, 7, Infinity, 3, -0, 0, NaN, 2, 16777215, 3e38, -4, 12345.678, -0.3]),
        f32v([2, 2, -2, -2, 3, 3.3, 1, 0, 2, Infinity, 1, -Infinity, 1, NaN, 16, 1e36, 2, 0.1, 0.7]),
        np.array([7, -7, 7, -7, 0, 5, -16777215, 16777215, 9, 1234567], "int32"),
        np.array([2, 2, -2, -2, 3, 0, 10, -1000, 9, -7], "int32"),
      ],
      tol: { rtol: 2e-6, atol: 1e-6 },
    },
  ],
  reductions: [
    { name: "sum mean max min prod", f: (x) => [np.sum(x), np.mean(x, { axis: 0 }), np.max(x, { axis: 1 }), np.min(x), np.prod(x, { axis: 1, keepdims: true })], inputs: () => [x23()] },
    { name: "var std argmax argmin", f: (x) => [np.var(x, { axis: 1 }), np.std(x), np.argmax(x, { axis: 1 }), np.argmin(x)], inputs: () => [f32([4, 5], 9)] },
    { name: "cumsum cumprod any all", f: (x) => [np.cumsum(x, { axis: 1 }), np.cumprod(x, { axis: 0 }), np.any(x.gt(1)), np.all(x.gt(-3), { axis: 0 })], inputs: () => [x23()] },
    { name: "logsumexp softmax", f: (x) => [nn.logsumexp(x, { axis: -1 }), nn.softmax(x), nn.logSoftmax(x, { axis: 0 })], inputs: () => [f32([3, 4], 5)] },
  ],
  shapes: [
    { name: "reshape transpose swapaxes", f: (x, z) => [x.reshape([3, 2]), np.transpose(x), np.swapaxes(z, 0, 2).add(0), np.ravel(x)], inputs: () => [x23(), f32([2, 3, 4], 4)] },
    { name: "concatenate stack expandDims squeeze", f: (x, y) => [np.concatenate([x, y], 1), np.stack([x, y]), np.expandDims(x, 1), np.squeeze(np.expandDims(y, 0))], inputs: () => [x23(), y23()] },
    { name: "broadcasting", f: (x, r) => [x.add(r), np.broadcastTo(r, [4, 2, 3]).mul(2)], inputs: () => [x23(), f32([3], 7)] },
    { name: "flip tile repeat", f: (x) => [np.flip(x, 1), np.tile(x, [2, 1]), np.repeat(x, 2, 0)], inputs: () => [x23()] },
  ],
  indexing: [
    { name: "ints, slices, steps", f: (x) => [x.index(1), x.index(np.s(null, null, -1), np.s(1)), x.index(np.s(0, 4, 2)), x.index(null, 2)], inputs: () => [f32([5, 4], 11)] },
    { name: "integer arrays and boolean where (gather)", f: (x, i) => [np.take(x, i, { axis: 0 }), x.index(i), np.takeAlongAxis(x, np.argsort(x, { axis: 1 }), 1)], inputs: () => [f32([5, 4], 12), np.array([4, 0, 2], "int32")] },
    { name: "at[].set / add (scatter)", f: (x) => [x.at(1).set(0), x.at(np.s(null), 0).add(5)], inputs: () => [f32([3, 4], 13)] },
    {
      name: "gather: several axes, scalar and 2-d indices, clip and fill modes, int32 and bool",
      f: (x, i, j, k) => [
        lax.gather(x, [i, j], [0, 2]),
        lax.gather(x, [i.add(3), j.sub(2)], [2, 0], "fill"),
        lax.gather(x, [i], [1]),
        lax.gather(x, [np.array(1, "int32")], [1]),
        lax.gather(x, [k], [0]),
        lax.gather(x.astype("int32"), [i], [2], "fill"),
        lax.gather(x.gt(0), [j], [1]),
      ],
      inputs: () => [f32([4, 3, 5], 40), np.array([3, 0, 7, -2, 1, 1], "int32"), np.array([0, 2, 2, 5, -1, 1], "int32"), np.array([[0, 3], [3, 1]], "int32")],
    },
    {
      name: "scatter_add and scatter: duplicates (add accumulates, set keeps the last), clip and fill, int32 and bool",
      f: (x, u, i, j) => [
        lax.scatterAdd(x, u, [i], [0]),
        lax.scatterAdd(x, u, [i], [0], "fill"),
        lax.scatter(x, u, [i], [0]),
        lax.scatter(x, u, [i], [0], "fill"),
        lax.scatter(x, u.index(np.s(null), 0), [i, j], [0, 1]),
        lax.scatterAdd(x.astype("int32"), u.astype("int32"), [i], [0]),
        lax.scatter(x.gt(0), u.gt(0), [i], [0]),
        lax.scatter(np.zeros([4], "int32"), np.arange(1, 7).astype("int32"), [i], [0]),
      ],
      inputs: () => [f32([4, 3], 41), f32([6, 3], 42, -3, 3), np.array([2, 0, 2, 5, -1, 2], "int32"), np.array([1, 1, 1, 0, 2, 2], "int32")],
    },
    {
      name: "sort: stable, NaN last, several keys, int32 keys; argsort",
      f: (x, k) => [...lax.sort([x, np.broadcastTo(np.arange(6).astype("float32"), [3, 6])]), ...lax.sort([k, x], 2), ...lax.sort([k]), np.sort(x, { axis: 0 }), np.argsort(x, { axis: 1 })],
      inputs: () => [f32v([1, NaN, -Infinity, Infinity, 1, 0, NaN, 2, 2, 1, NaN, -1, 0, -0, 0, 3, 3, 3], [3, 6]), np.array([[1, 1, 0, 0, 1, 0], [2, 2, 2, 2, 2, 2], [3, -1, 3, -1, 3, -1]], "int32")],
    },
    {
      name: "cummax and cummin: both directions, NaN propagates, int32",
      f: (x, k) => [np.cummax(x, { axis: 1 }), np.cummin(x, { axis: 0 }), cumulative(x, 1, true, true), cumulative(x, 0, true, false), np.cummax(k, { axis: 1 }), cumulative(k, 1, true, false)],
      inputs: () => [f32v([1, NaN, -Infinity, Infinity, 1, 0, 3, 2, 2, 1, 5, -1, 0, 0, -7, 0, 9, 0], [3, 6]), np.array([[1, 5, 0, 7, 1, 0], [2, 2, 2, 2, 2, 2], [3, -1, 3, -1, 4, -9]], "int32")],
    },
  ],
  linalg: [
    { name: "matmul dot outer", f: (a, b, v, p, q) => [a.matmul(b), np.dot(a, v), np.outer(v, v), np.matmul(p, q)], inputs: () => [f32([3, 4], 18), f32([4, 2], 19), f32([4], 20), f32([2, 3, 4], 21), f32([2, 4, 5], 22)] },
    { name: "einsum", f: (a, b, p, q) => [np.einsum("ij,jk->ik", a, b), np.einsum("ij->j", a), np.einsum("bij,bjk->bik", p, q)], inputs: () => [f32([3, 4], 25), f32([4, 2], 26), f32([2, 3, 3], 23), f32([2, 3, 3], 24)] },
  ],
  transformations: [
    { name: "grad", f: (x) => grad((v: Array) => np.sum(np.sin(v).mul(v)))(x), inputs: () => [x23()], tol: { rtol: 1e-4, atol: 1e-5 } },
    { name: "valueAndGrad of a regression loss", f: (w, xs, ys) => valueAndGrad((p: Array) => np.mean(np.square(xs.matmul(p).sub(ys))))(w), inputs: () => [f32([3], 30), f32([8, 3], 31), f32([8], 32)], tol: { rtol: 1e-4, atol: 1e-5 } },
    { name: "vmap", f: (x, w) => vmap((r: Array) => np.tanh(r.matmul(w)))(x), inputs: () => [f32([5, 3], 33), f32([3, 2], 34)] },
    { name: "vmap(grad)", f: (x) => vmap(grad((r: Array) => np.sum(np.exp(r.mul(0.5)).mul(r))))(x), inputs: () => [f32([4, 3], 35)], tol: { rtol: 1e-4, atol: 1e-5 } },
    { name: "jit", f: (x, y) => jit((a: Array, b: Array) => ({ s: np.sum(a.mul(b)), m: np.maximum(a, b).add(1) }))(x, y), inputs: () => [x23(), y23()] },
    { name: "jit(grad)", f: (x) => jit(grad((v: Array) => np.sum(np.log1p(np.exp(v)))))(x), inputs: () => [x23()], tol: { rtol: 1e-4, atol: 1e-5 } },
    { name: "jit(vmap(grad)) with a closed-over constant", f: (x) => { const c = np.array([1, 2, 3], "float32"); return jit(vmap(grad((r: Array) => np.sum(np.sin(r).mul(c)))))(x); }, inputs: () => [f32([4, 3], 36)], tol: { rtol: 1e-4, atol: 1e-5 } },
    { name: "grad(jit) and vmap(jit)", f: (x) => { const g = jit((v: Array) => np.sum(np.square(v))); return [grad(g)(x), vmap(g)(x)]; }, inputs: () => [x23()], tol: { rtol: 1e-4, atol: 1e-5 } },
    {
      name: "lax.scan on the device: reverse, pytree carry, int32 carry, jitted, under grad",
      f: (x) => [
        lax.scan((c: Array, v: Array) => [c.mul(0.5).add(v), [c, np.sum(v)]], x.index(1), x, { reverse: true }),
        jit((v: Array) => lax.scan((c: Array[], r: Array) => [[c[0].add(1), c[1].add(r)], c[0]], [np.array(0, "int32"), np.zeros([3], "float32")], v))(x),
        grad((v: Array) => np.sum(lax.scan((c: Array, r: Array) => [c.mul(r).add(c.mul(c).mul(0.1)), c], v.index(0), v)[1]))(x),
      ],
      inputs: () => [f32([4, 3], 43)],
      tol: { rtol: 1e-4, atol: 1e-5 },
    },
    { name: "lax.cond, lax.scan, under grad", f: (x) => [lax.cond(np.sum(x).gt(0), (v: Array) => v.mul(2), (v: Array) => v.sub(1), x), lax.scan((c: Array, v: Array) => [c.add(v), c.mul(v)], np.zeros([3], "float32").add(x.index(0)), x), grad((v: Array) => np.sum(lax.cond(np.sum(v).gt(0), (u: Array) => u.mul(u), (u: Array) => u, v)))(x)], inputs: () => [f32([4, 3], 38)], tol: { rtol: 1e-4, atol: 1e-5 } },
    { name: "lax.whileLoop, eager and jitted", f: (x) => { const loop = (v: Array) => lax.whileLoop((c: Array[]) => c[0].lt(5), (c: Array[]) => [c[0].add(1), c[1].mul(1.5).add(np.sum(c[1]))], [np.array(0, "int32"), v]); return [loop(x), jit(loop)(x)]; }, inputs: () => [f32([3], 39)], tol: { rtol: 1e-4, atol: 1e-5 } },
    { name: "random: a key on the device gives the CPU's numbers", f: (k) => [random.normal(k, [5], { dtype: "float32" }), random.uniform(random.split(k, 2).index(1), [2, 2], { dtype: "float32" })], inputs: () => [random.key(0)] },
    { name: "grad of strided slices (interior padding) and of a padded array", f: (x) => [grad((v: Array) => np.sum(np.sin(v.index(np.s(null, null, 2), np.s(1, null, 3)))))(x), grad((v: Array) => np.sum(lax.pad(v, np.array(0.5, "float32"), [1, 0], [2, 1], [1, 2]).mul(np.arange(112, undefined, undefined, "float32").reshape([8, 14]))))(x)], inputs: () => [f32([3, 5], 46)], tol: { rtol: 1e-5, atol: 1e-6 } },
    { name: "hessian", f: (x) => hessian((v: Array) => np.sum(np.exp(v).mul(v)))(x), inputs: () => [f32([3], 37)], tol: { rtol: 1e-4, atol: 1e-5 } },
  ],
  "incomplete gamma": IGAMMA_CASES,
  "incomplete beta and polygamma": BETA_CASES,
  "linear algebra on the device": LINALG_CASES,
};

