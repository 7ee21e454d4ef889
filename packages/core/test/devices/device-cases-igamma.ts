/**
 * Device cases for the regularized incomplete gamma functions (igamma, igammac), their derivative in a (igamma_grad_a) and the implicit gamma-sampler gradient (random_gamma_grad) (see device-cases.ts).
 * The grids cover each region of the float32 kernels (lowering-igamma.ts): the series, the
 * continued fraction, the small-a series for Q, Temme's expansion up to a = 1e4, tails down to
 * underflow, and the special values.
 */
import { type Array, ConcreteArray, grad, jit, random, special } from "../../src/index.js";
import { bind1 } from "../../src/core/trace.js";
import { igammaGradAP } from "../../src/primitives/special.js";
import { randomGammaGradP } from "../../src/primitives/random-ops.js";
import { type DeviceCase, f32 } from "./device-cases.js";

/** A float32 CPU array from plain numbers. */
function f32v(values: number[]): Array {
  return new ConcreteArray(Float32Array.from(values), [values.length], "float32");
}

const logGrid = (lo: number, hi: number, n: number): number[] => globalThis.Array.from({ length: n }, (_, i) => 10 ** (Math.log10(lo) + ((Math.log10(hi) - Math.log10(lo)) * i) / (n - 1)));

/** (a, x) pairs: a log-grid of a against a log-grid of x, and x = a(1 + δ) about the transition (Temme's band and its edges). */
function grid(): [Array, Array] {
  const a: number[] = [];
  const x: number[] = [];
  for (const av of logGrid(1e-3, 1e4, 29)) {
    for (const xv of logGrid(1e-6, 1e4, 21)) (a.push(av), x.push(xv));
    for (const d of [-0.7, -0.5, -0.49, -0.2, -0.01, 0, 0.01, 0.2, 0.49, 0.5, 0.7, 2]) (a.push(av), x.push(av * (1 + d)));
  }
  // The region boundaries themselves: x = 1.1, a = 3, a = 10, x = a.
  for (const [av, xv] of [[0.3, 1.1], [1.21, 1.1], [3, 2], [3, 4], [10, 5], [10, 15], [9.99, 9.99], [10, 10], [1.1, 1.1], [0.5, 0.5], [0.12, 0.01]]) (a.push(av), x.push(xv));
  return [f32v(a), f32v(x)];
}

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, -1, 1e-30, 0.5, 1, 3, 1e4, 1e30, 3e38];

/** Every pair of special and ordinary values. */
function specialPairs(): [Array, Array] {
  const a: number[] = [];
  const x: number[] = [];
  for (const u of SPECIAL) for (const v of SPECIAL) (a.push(u), x.push(v));
  return [f32v(a), f32v(x)];
}

const gradA = (a: Array, x: Array): Array => bind1(igammaGradAP, [a, x], null);
const sampleGrad = (a: Array, x: Array): Array => bind1(randomGammaGradP, [a, x], null);
const sumP = (a: Array, x: Array): Array => special.gammainc(a, x).sum();
const sumQ = (a: Array, x: Array): Array => special.gammaincc(a, x).mul(a).sum();

/** The cases. */
export const IGAMMA_CASES: DeviceCase[] = [
  { name: "gammainc and gammaincc", f: (a, x) => [special.gammainc(a, x), special.gammaincc(a, x)], inputs: () => [f32([2, 5], 60, 0.1, 8), f32([2, 5], 61, 0, 10)], tol: { rtol: 1e-4, atol: 1e-6 } },
  {
    name: "gammainc and gammaincc from a = 1e-3 to 1e4 and x = 1e-6 to 1e4 (every region, tails to underflow)",
    f: (a, x) => [special.gammainc(a, x), special.gammaincc(a, x)],
    inputs: grid,
    tol: { rtol: 2e-5, atol: 1e-30 },
  },
  {
    name: "igamma_grad_a and random_gamma_grad on the same grid",
    f: (a, x) => [gradA(a, x), sampleGrad(a, x)],
    inputs: grid,
    tol: { rtol: 5e-5, atol: 1e-30 },
  },
  {
    name: "special values (NaN, ±∞, ±0, negative, tiny, huge) as on the cpu",
    f: (a, x) => [special.gammainc(a, x), special.gammaincc(a, x), gradA(a, x), sampleGrad(a, x)],
    inputs: specialPairs,
    tol: { rtol: 2e-5, atol: 1e-30 },
  },
  {
    // (∂/∂x is exp((a − 1)log x − x − lgamma(a)) in float32 ops, which loses digits for large a
    // on the CPU too: a stays below 50 here.)
    name: "grad of gammainc and gammaincc in a and x, eager and jitted",
    f: (a, x) => [grad(sumP, { argnums: [0, 1] })(a, x), jit(grad(sumQ, { argnums: [0, 1] }))(a, x)],
    inputs: () => [f32v([0.01, 0.5, 1, 2.5, 7, 12, 20, 35, 48]), f32v([0.3, 0.2, 1.5, 2, 9, 11, 24, 30, 60])],
    tol: { rtol: 1e-4, atol: 1e-10 },
  },
  {
    name: "random.gamma's gradient in alpha (implicit reparameterisation), jitted",
    f: (alpha) => jit(grad((a: Array) => random.gamma(random.key(3), a, [4, 6], { dtype: "float32" }).sum()))(alpha),
    inputs: () => [f32v([0.05, 0.7, 3, 25, 300, 5000])],
    tol: { rtol: 1e-4, atol: 1e-6 },
  },
  {
    // No dtype: draws follow the float32 parameters (a float64 default would not fit the device).
    name: "gradients of random.gamma, beta and dirichlet draws in their float32 parameters, eager and jitted",
    f: (alpha) => {
      const draws = (a: Array) => random.gamma(random.key(4), a).sum().add(random.beta(random.key(5), a, 2).sum()).add(random.dirichlet(random.key(6), a).max());
      return [grad(draws)(alpha), jit(grad(draws))(alpha)];
    },
    inputs: () => [f32v([0.7, 3, 25])],
    tol: { rtol: 2e-4, atol: 1e-6 },
  },
];

/** The primitives these cases must run as tfjs ops on every tfjs device. */
export const IGAMMA_ON_DEVICE: string[] = ["igamma", "igammac", "igamma_grad_a", "random_gamma_grad"];
