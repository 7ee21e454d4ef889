/**
 * The blackbody colour model: photon-count spectrum λ⁻² / (exp(1/(λβ)) − 1), with β a
 * dimensionless temperature, integrated through two Gaussian bandpasses ("g" and "r").
 * The colour is log10(f_g / f_r).
 */
import { type Array, grad, np, vmap } from "@orrery/core";

/** Wavelength grid (in units where hc/k = 1) and the two filter curves. */
export interface Passbands {
  lam: Array;
  gFilter: Array;
  rFilter: Array;
}

/** Gaussian g and r passbands sampled at `n` wavelengths in [0.3, 1.0]. */
export function passbands(n = 1000): Passbands {
  const lam = np.linspace(0.3, 1.0, n);
  const gauss = (centre: number, width: number) => np.exp(lam.sub(centre).div(width).square().mul(-0.5));
  return { lam, gFilter: gauss(0.47, 0.05), rFilter: gauss(0.62, 0.06) };
}

/** The colour log10(f_g / f_r) as a function of β, for fixed passbands. */
export function colourFn({ lam, gFilter, rFilter }: Passbands): (beta: Array) => Array {
  return (beta: Array) => {
    const bb = lam.pow(-2).mul(np.exp(lam.mul(beta).reciprocal()).sub(1).reciprocal());
    return np.log10(np.sum(gFilter.mul(bb)).div(np.sum(rFilter.mul(bb))));
  };
}

/** Colours and d colour / dβ for every β, in chunks so memory stays bounded. */
export function colourAndGradient(bands: Passbands, betas: Array, chunk = 2000): { colour: Float64Array; dColour: Float64Array } {
  const colour = colourFn(bands);
  const f = vmap(colour);
  const df = vmap(grad(colour));
  const n = betas.shape[0];
  const out = { colour: new Float64Array(n), dColour: new Float64Array(n) };
  const all = betas.tolist() as number[];
  for (let start = 0; start < n; start += chunk) {
    const b = np.array(all.slice(start, Math.min(n, start + chunk)));
    out.colour.set((f(b) as any).data, start);
    out.dColour.set((df(b) as any).data, start);
  }
  return out;
}
