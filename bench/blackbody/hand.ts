/**
 * The hand-written float64 loops: the limit on the CPU and the reference values.
 *
 *   colour(β)   = log10(G / R),  G = Σ g·bb,  R = Σ r·bb,  bb = λ⁻² / (e^{x} − 1),  x = 1/(λβ)
 *   dColour/dβ  = (G′/G − R′/R) / ln 10,   bb′ = λ⁻² · e^{x} / (e^{x} − 1)² · 1/(λβ²)
 *
 * One pass over λ per β, one exp per (β, λ). λ⁻² and 1/λ are precomputed once per call and
 * x = (1/λ)·(1/β) is a multiplication (about 10 % faster than 1/(λβ) here; the two agree to
 * a few 1e-15 relative in the colour).
 */

/** Colours for every β, written into `out`. */
export function handColour(betas: Float64Array, lam: Float64Array, g: Float64Array, r: Float64Array, out: Float64Array): void {
  const L = lam.length;
  const lm2 = new Float64Array(L);
  const il = new Float64Array(L);
  for (let j = 0; j < L; j++) {
    lm2[j] = 1 / (lam[j] * lam[j]);
    il[j] = 1 / lam[j];
  }
  for (let i = 0; i < betas.length; i++) {
    const ib = 1 / betas[i];
    let G = 0;
    let R = 0;
    for (let j = 0; j < L; j++) {
      const bb = lm2[j] / (Math.exp(il[j] * ib) - 1);
      G += g[j] * bb;
      R += r[j] * bb;
    }
    out[i] = Math.log10(G / R);
  }
}

/** dColour/dβ for every β (analytic), written into `out`. */
export function handDColour(betas: Float64Array, lam: Float64Array, g: Float64Array, r: Float64Array, out: Float64Array): void {
  const L = lam.length;
  const lm2 = new Float64Array(L);
  const il = new Float64Array(L);
  for (let j = 0; j < L; j++) {
    lm2[j] = 1 / (lam[j] * lam[j]);
    il[j] = 1 / lam[j];
  }
  for (let i = 0; i < betas.length; i++) {
    const ib = 1 / betas[i];
    let G = 0;
    let R = 0;
    let Gp = 0;
    let Rp = 0;
    for (let j = 0; j < L; j++) {
      const x = il[j] * ib;
      const e = Math.exp(x);
      const inv = 1 / (e - 1);
      const bb = lm2[j] * inv;
      const dbb = bb * inv * e * (x * ib); // λ⁻² e^x/(e^x − 1)² · 1/(λβ²)
      G += g[j] * bb;
      R += r[j] * bb;
      Gp += g[j] * dbb;
      Rp += r[j] * dbb;
    }
    out[i] = (Gp / G - Rp / R) / Math.LN10;
  }
}
