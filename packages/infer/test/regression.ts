/**
 * The shared test model: a linear regression with known noise and Normal(0, 10) priors, whose
 * posterior is Gaussian with precision A = XᵀWX + I/100 and mean A⁻¹XᵀWy (W = diag(1/σᵢ²)).
 */
import { type Array, np } from "@orrery/core";
import { Normal } from "@orrery/distributions";
import { deterministic, plate, sample } from "@orrery/ppl";

// Linear regression with known noise and Normal(0, 10) priors: the posterior is Gaussian
// with precision A = XᵀWX + I/100 and mean A⁻¹XᵀWy (W = diag(1/σᵢ²)).
const n = 20;
const xs = Array_from(n, (i) => i / (n - 1));
const yerr = Array_from(n, (i) => 0.1 + 0.05 * Math.sin(i));
const ys = xs.map((x, i) => 2 * x - 0.5 + yerr[i] * Math.cos(3 * i));
export const X = np.array(xs);
export const Yerr = np.array(yerr);
export const Y = np.array(ys);

export function model(x: Array, err: Array, y?: Array) {
  const m = sample("m", new Normal(0, 10));
  const b = sample("b", new Normal(0, 10));
  deterministic("m_plus_b", m.add(b));
  plate("data", x.shape[0], () => sample("y", new Normal(m.mul(x).add(b), err), { obs: y }));
}

export function analytic(): { mean: [number, number]; sd: [number, number] } {
  let a00 = 1 / 100;
  let a01 = 0;
  let a11 = 1 / 100;
  let r0 = 0;
  let r1 = 0;
  xs.forEach((x, i) => {
    const w = 1 / yerr[i] ** 2;
    a00 += w * x * x;
    a01 += w * x;
    a11 += w;
    r0 += w * x * ys[i];
    r1 += w * ys[i];
  });
  const det = a00 * a11 - a01 * a01;
  const c00 = a11 / det;
  const c01 = -a01 / det;
  const c11 = a00 / det;
  return { mean: [c00 * r0 + c01 * r1, c01 * r0 + c11 * r1], sd: [Math.sqrt(c00), Math.sqrt(c11)] };
}

export function Array_from<T>(k: number, f: (i: number) => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < k; i++) out.push(f(i));
  return out;
}

