/**
 * Device cases for the regularized incomplete beta function and its inverse (betainc, betaincinv) and polygamma (see device-cases.ts).
 */
import { type Array, ConcreteArray, grad, jit, np, special } from "../../src/index.js";
import { type DeviceCase, f32 } from "./device-cases.js";

/** A float32 CPU array from plain numbers (NaN and ±Infinity allowed). */
function f32v(values: number[]): Array {
  return new ConcreteArray(Float32Array.from(values), [values.length], "float32");
}

/** Every (a, b, x) of the three lists, as three flat operands. */
function triples(as: number[], bs: number[], xs: number[]): [Array, Array, Array] {
  const a: number[] = [];
  const b: number[] = [];
  const x: number[] = [];
  for (const p of as) for (const q of bs) for (const v of xs) (a.push(p), b.push(q), x.push(v));
  return [f32v(a), f32v(b), f32v(x)];
}

/** Every (n, x) of the two lists, as two flat operands. */
function pairs(ns: number[], xs: number[]): [Array, Array] {
  const n: number[] = [];
  const x: number[] = [];
  for (const p of ns) for (const v of xs) (n.push(p), x.push(v));
  return [f32v(n), f32v(x)];
}

const PARAMS = [0.01, 0.1, 0.5, 1, 2.5, 9.9, 10, 30, 200, 1000];
const POINTS = [1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999];
const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, -1, 1, 2, 0.5];

const betaincGrad = (a: Array, b: Array, x: Array): Array => grad((v: Array) => np.sum(special.betainc(a, b, v)))(x);

/** The cases. */
export const BETA_CASES: DeviceCase[] = [
  { name: "betainc and polygamma", f: (a, b, x) => [special.betainc(a, b, x), special.polygamma(1, a)], inputs: () => [f32([2, 5], 62, 0.2, 6), f32([2, 5], 63, 0.2, 6), f32([2, 5], 64, 0, 1)], tol: { rtol: 1e-4, atol: 1e-6 } },
  // a, b from 0.01 to 1000, x from 1e-6 to 0.999; the float32 kernel is within ~3e-5 of the CPU
  // here except where b < 0.15, a > 100, x > 0.99 (1 − I_{1−x}(b, a) cancels: ~3e-4)
  { name: "betainc over a wide domain", f: (a, b, x) => special.betainc(a, b, x), inputs: () => triples(PARAMS, PARAMS, POINTS), tol: { rtol: 1e-4, atol: 1e-7 } },
  { name: "betainc special values (NaN, infinities, zeros, the ends)", f: (a, b, x) => special.betainc(a, b, x), inputs: () => triples(SPECIAL, SPECIAL, [NaN, -0.5, 0, 0.3, 1, 1.5]), tol: { rtol: 1e-5, atol: 1e-7 } },
  {
    name: "betaincinv over a wide domain and its special values",
    f: (a, b, y) => special.betaincinv(a, b, y),
    inputs: () => triples([0.5, 1, 2.5, 10, 200], [0.5, 1, 3, 30, 1000], [0, 1e-6, 0.01, 0.2, 0.5, 0.8, 0.99, 1]),
    tol: { rtol: 2e-4, atol: 1e-7 },
  },
  { name: "betaincinv special values", f: (a, b, y) => special.betaincinv(a, b, y), inputs: () => triples(SPECIAL, SPECIAL, [NaN, -0.5, 0, 0.3, 1, 1.5]), tol: { rtol: 1e-5, atol: 1e-7 } },
  { name: "betaincinv inverts betainc", f: (a, b, x) => special.betaincinv(a, b, special.betainc(a, b, x)), inputs: () => triples([0.5, 2, 20], [0.7, 3, 50], [0.05, 0.3, 0.6, 0.9]), tol: { rtol: 2e-4, atol: 1e-6 } },
  { name: "grad of betainc in x, eager and jitted", f: (a, b, x) => [betaincGrad(a, b, x), jit(betaincGrad)(a, b, x)], inputs: () => [f32([8], 65, 0.5, 8), f32([8], 66, 0.5, 8), f32([8], 67, 0.05, 0.95)], tol: { rtol: 1e-4, atol: 1e-6 } },
  { name: "grad of betaincinv in y", f: (a, b, y) => grad((v: Array) => np.sum(special.betaincinv(a, b, v)))(y), inputs: () => [f32([8], 68, 1, 8), f32([8], 69, 1, 8), f32([8], 70, 0.1, 0.9)], tol: { rtol: 1e-3, atol: 1e-6 } },
  {
    name: "polygamma of orders 0..4 from −10 to 1e4 (reflection below 0, poles)",
    f: (n, x) => special.polygamma(n, x),
    inputs: () => pairs([0, 1, 2, 3, 4], [-9.7, -5.5, -2.25, -1, -0.5, -1e-3, 0, -0, 1e-6, 0.3, 1, 1.4616321, 2.5, 9.99, 10, 37, 1e3, 1e4, 1e30]),
    tol: { rtol: 1e-5, atol: 1e-30 },
  },
  { name: "polygamma special values and invalid orders", f: (n, x) => special.polygamma(n, x), inputs: () => pairs([NaN, -1, 0.5, 0, 1, 2, 7, 30], SPECIAL), tol: { rtol: 1e-4, atol: 1e-30 } },
  { name: "grad of polygamma and digamma (polygamma of the next order), jitted", f: (x) => [jit(grad((v: Array) => np.sum(special.polygamma(2, v))))(x), grad((v: Array) => np.sum(special.digamma(v)))(x)], inputs: () => [f32([6], 71, 0.2, 12)], tol: { rtol: 1e-5, atol: 1e-6 } },
];

/** The primitives these cases must run as tfjs ops on every tfjs device. */
export const BETA_ON_DEVICE: string[] = ["betainc", "betaincinv", "polygamma"];
