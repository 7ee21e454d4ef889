/**
 * The cases of `bench/device-rules`: the primitives whose tfjs rules compose many tfjs ops, each
 * as a function of float32 CPU inputs (elementwise at a given size, factorisations of a batch of
 * matrices). Shared by the Node runner (main.ts) and the webgl page (webgl-entry.ts).
 */
import { type Array, ConcreteArray, grad, lax, np, random, special } from "@orrery/core";

/** Deterministic float32 values in [lo, hi) (log-spaced when `log`). */
function values(n: number, lo: number, hi: number, seed: number, log = false): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    out[i] = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
  }
  return out;
}

const f32 = (data: Float32Array, shape: number[]): Array => new ConcreteArray(data, shape, "float32");

/** A batch of `b` well-conditioned symmetric positive definite n×n matrices (float32). */
function spd(b: number, n: number): Array {
  const out = new Float32Array(b * n * n);
  const r = values(b * n * n, -1, 1, 7);
  for (let k = 0; k < b; k++) {
    const o = k * n * n;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let m = 0; m < n; m++) s += r[o + i * n + m] * r[o + j * n + m];
        out[o + i * n + j] = out[o + j * n + i] = s / n + (i === j ? 1 : 0);
      }
    }
  }
  return f32(out, [b, n, n]);
}

/** One benchmark case: the primitive measured, a label, the function and its inputs. */
export interface Case {
  /** The primitive whose rule is measured. */
  prim: string;
  label: string;
  f: (...xs: Array[]) => Array;
  inputs: () => Array[];
}

/** The elementwise special functions on `n` float32 elements. */
export function elementwise(n: number): Case[] {
  const x = (lo: number, hi: number, seed: number, log = false) => f32(values(n, lo, hi, seed, log), [n]);
  const size = n.toLocaleString("en-US");
  return [
    { prim: "lgamma", label: `gammaln, ${size}`, f: (a) => special.gammaln(a), inputs: () => [x(0.01, 50, 1)] },
    { prim: "digamma", label: `digamma, ${size}`, f: (a) => special.digamma(a), inputs: () => [x(0.01, 50, 1)] },
    { prim: "erfc", label: `erfc, ${size}`, f: (a) => special.erfc(a), inputs: () => [x(-5, 5, 2)] },
    { prim: "ndtr", label: `ndtr, ${size}`, f: (a) => special.ndtr(a), inputs: () => [x(-8, 8, 2)] },
    { prim: "log_ndtr", label: `logNdtr, ${size}`, f: (a) => special.logNdtr(a), inputs: () => [x(-30, 5, 2)] },
    { prim: "ndtri", label: `ndtri, ${size}`, f: (a) => special.ndtri(a), inputs: () => [x(1e-6, 1, 3)] },
    { prim: "erf_inv", label: `erfinv, ${size}`, f: (a) => special.erfinv(a), inputs: () => [x(-0.999, 0.999, 3)] },
    { prim: "bessel_i0e", label: `i0e, ${size}`, f: (a) => special.i0e(a), inputs: () => [x(-50, 50, 4)] },
    { prim: "bessel_i1e", label: `i1e, ${size}`, f: (a) => special.i1e(a), inputs: () => [x(-50, 50, 4)] },
    { prim: "igamma", label: `gammainc, ${size}`, f: (a, b) => special.gammainc(a, b), inputs: () => [x(0.01, 100, 5, true), x(0.01, 100, 6, true)] },
    { prim: "igammac", label: `gammaincc, ${size}`, f: (a, b) => special.gammaincc(a, b), inputs: () => [x(0.01, 100, 5, true), x(0.01, 100, 6, true)] },
    {
      prim: "igamma_grad_a",
      label: `∂gammainc/∂a, ${size}`,
      f: (a, b) => grad((u: Array) => np.sum(special.gammainc(u, b)))(a),
      inputs: () => [x(0.01, 100, 5, true), x(0.01, 100, 6, true)],
    },
    {
      prim: "random_gamma_grad",
      label: `∂gamma draw/∂α, ${size}`,
      f: (a) => grad((u: Array) => np.sum(random.gamma(random.key(1), u)))(a),
      inputs: () => [x(0.01, 100, 5, true)],
    },
    { prim: "betainc", label: `betainc, ${size}`, f: (a, b, c) => special.betainc(a, b, c), inputs: () => [x(0.1, 50, 7, true), x(0.1, 50, 8, true), x(0, 1, 9)] },
    { prim: "betaincinv", label: `betaincinv, ${size}`, f: (a, b, c) => special.betaincinv(a, b, c), inputs: () => [x(0.5, 50, 7, true), x(0.5, 50, 8, true), x(0.001, 0.999, 9)] },
    { prim: "polygamma", label: `polygamma(1, x), ${size}`, f: (a) => special.polygamma(1, a), inputs: () => [x(0.01, 50, 1)] },
  ];
}

/** cholesky, triangular_solve and lu of `b` symmetric positive definite n×n matrices. */
export function linalg(b: number, n: number): Case[] {
  const size = `${b}×${n}×${n}`;
  return [
    { prim: "cholesky", label: `cholesky, ${size}`, f: (a) => lax.cholesky(a, { symmetrizeInput: false }), inputs: () => [spd(b, n)] },
    {
      prim: "triangular_solve",
      label: `triangular_solve, ${size}`,
      f: (a, y) => lax.triangularSolve(a, y, { leftSide: true, lower: true }),
      inputs: () => [spd(b, n), f32(values(b * n * 4, -1, 1, 11), [b, n, 4])],
    },
    { prim: "lu", label: `lu, ${size}`, f: (a) => lax.lu(a)[0], inputs: () => [spd(b, n)] },
  ];
}

