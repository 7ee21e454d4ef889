/**
 * The blackbody colour model: photon-count spectrum λ⁻² / (exp(1/(λβ)) − 1), with β a
 * dimensionless temperature, integrated through two Gaussian bandpasses ("g" and "r").
 * The colour is log10(f_g / f_r).
 */
import { type Array, type ConcreteArray, grad, jit, np, vmap } from "@orrery/core";

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

/**
 * Colours and d colour / dβ for every β, each as one compiled call: `jit(vmap(colour))` and
 * `jit(vmap(grad(colour)))` fuse the [β, λ] work into loops without materialising it.
 */
export function colourAndGradient(bands: Passbands, betas: Array): { colour: Float64Array; dColour: Float64Array; compileMs: number } {
  const colour = colourFn(bands);
  const f = jit(vmap(colour));
  const df = jit(vmap(grad(colour)));
  const c = f(betas) as ConcreteArray;
  const d = df(betas) as ConcreteArray;
  return { colour: c.data as Float64Array, dColour: d.data as Float64Array, compileMs: f.cacheInfo().compileMs + df.cacheInfo().compileMs };
}
