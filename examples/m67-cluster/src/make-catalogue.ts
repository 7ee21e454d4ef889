/**
 * A synthetic Gaia-like catalogue of a cone around M67 from a fixed key: cluster members at
 * d ~ Normal(d_c, σ_c) with proper motions ~ Normal(μ_c, σ_μ), field stars from the
 * exponentially decreasing space density (L = 1.35 kpc) with a broad 2-D Gaussian of proper
 * motions; Gaia DR3-like errors growing with G magnitude. Run as a script, it writes
 * data/catalogue.csv (4,298 stars: with the 6 cluster parameters, 4,304 unknowns).
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ConcreteArray, random } from "@orrery/core";
import { type Catalogue } from "./catalogue.js";
import { FIELD_LENGTH_PC, fieldDistancePrior } from "./model.js";

/** The values the synthetic catalogue is drawn with. */
export const TRUTH = {
  d_c: 870, // pc (parallax 1.149 mas)
  sigma_c: 10, // pc
  mu_c: [-10.97, -2.94] as [number, number], // mas/yr
  sigma_mu: 0.2, // mas/yr (≈ 0.8 km/s at 870 pc)
  f: 0.15,
};

/** The field's proper motions the catalogue is drawn with (mas/yr). */
export const FIELD_PM = { mean: [-2.2, -3.8], sd: [5.5, 4.5], corr: 0.15 };

/** M67's position (deg) and the cone radius (deg). */
export const CONE = { ra: 132.846, dec: 11.814, radius: 0.5 };

/** Gaia DR3-like parallax error (mas) at magnitude G. */
export function parallaxErrorAt(g: number): number {
  return Math.sqrt(0.015 ** 2 + (0.13 * 10 ** (0.2 * (g - 18))) ** 2);
}

const arr = (x: unknown) => (x as ConcreteArray).data as Float64Array;

/**
 * Draw a catalogue of `n` stars (each a member with probability `TRUTH.f`).
 *
 * @example
 * ```ts
 * const cat = makeCatalogue(200, 1);
 * cat.isMember; // the truth, for tests
 * ```
 */
export function makeCatalogue(n: number, seed = 0): Catalogue {
  const k = (i: number) => random.foldIn(random.key(seed), i);
  const u = arr(random.uniform(k(0), [n, 8]));
  const z = arr(random.normal(k(1), [n, 8]));
  const rField = arr(fieldDistancePrior(FIELD_LENGTH_PC).sample(k(2), [n]));
  const cat: Catalogue = {
    n,
    ra: new Float64Array(n),
    dec: new Float64Array(n),
    parallax: new Float64Array(n),
    parallaxError: new Float64Array(n),
    pmra: new Float64Array(n),
    pmraError: new Float64Array(n),
    pmdec: new Float64Array(n),
    pmdecError: new Float64Array(n),
    gMag: new Float64Array(n),
    isMember: new Uint8Array(n),
    rTrue: new Float64Array(n),
  };
  const cosDec = Math.cos((CONE.dec * Math.PI) / 180);
  for (let i = 0; i < n; i++) {
    const U = (j: number) => u[8 * i + j];
    const Z = (j: number) => z[8 * i + j];
    const member = U(0) < TRUTH.f;
    let r: number, pmra: number, pmdec: number, rho: number, g: number;
    if (member) {
      r = TRUTH.d_c + TRUTH.sigma_c * Z(0);
      pmra = TRUTH.mu_c[0] + TRUTH.sigma_mu * Z(1);
      pmdec = TRUTH.mu_c[1] + TRUTH.sigma_mu * Z(2);
      // Projected Plummer profile with a 0.12° scale, cut at the cone's edge.
      const q = Math.min(U(1), 0.96);
      rho = Math.min(CONE.radius, 0.12 * Math.sqrt(q / (1 - q)));
      g = 10 + 8 * Math.pow(U(2), 0.5);
    } else {
      r = rField[i];
      const zx = Z(1), zy = FIELD_PM.corr * Z(1) + Math.sqrt(1 - FIELD_PM.corr ** 2) * Z(2);
      pmra = FIELD_PM.mean[0] + FIELD_PM.sd[0] * zx;
      pmdec = FIELD_PM.mean[1] + FIELD_PM.sd[1] * zy;
      rho = CONE.radius * Math.sqrt(U(1));
      g = 18 - 7 * U(2) * U(2);
    }
    const phi = 2 * Math.PI * U(3);
    const sPlx = parallaxErrorAt(g);
    const sRa = 1.1 * sPlx * (0.8 + 0.4 * U(4));
    const sDec = 1.0 * sPlx * (0.8 + 0.4 * U(5));
    cat.ra[i] = CONE.ra + (rho * Math.cos(phi)) / cosDec;
    cat.dec[i] = CONE.dec + rho * Math.sin(phi);
    cat.parallax[i] = 1000 / r + sPlx * Z(3);
    cat.parallaxError[i] = sPlx;
    cat.pmra[i] = pmra + sRa * Z(4);
    cat.pmraError[i] = sRa;
    cat.pmdec[i] = pmdec + sDec * Z(5);
    cat.pmdecError[i] = sDec;
    cat.gMag[i] = g;
    cat.isMember![i] = member ? 1 : 0;
    cat.rTrue![i] = r;
  }
  return cat;
}

/** The catalogue as CSV text, with the Gaia archive's column names (plus is_member, r_true). */
export function toCsv(cat: Catalogue): string {
  const lines = ["source_id,ra,dec,parallax,parallax_error,pmra,pmra_error,pmdec,pmdec_error,phot_g_mean_mag,is_member,r_true"];
  for (let i = 0; i < cat.n; i++) {
    lines.push(
      [
        i + 1,
        cat.ra[i].toFixed(5),
        cat.dec[i].toFixed(5),
        cat.parallax[i].toFixed(4),
        cat.parallaxError[i].toFixed(4),
        cat.pmra[i].toFixed(3),
        cat.pmraError[i].toFixed(4),
        cat.pmdec[i].toFixed(3),
        cat.pmdecError[i].toFixed(4),
        cat.gMag[i].toFixed(3),
        cat.isMember ? cat.isMember[i] : "",
        cat.rTrue ? cat.rTrue[i].toFixed(1) : "",
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** Number of stars in the committed catalogue. */
export const CATALOGUE_SIZE = 4298;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const here = dirname(fileURLToPath(import.meta.url));
  const path = join(here, "..", "data", "catalogue.csv");
  const cat = makeCatalogue(CATALOGUE_SIZE, 67);
  writeFileSync(path, toCsv(cat));
  const members = cat.isMember!.reduce((a, b) => a + b, 0);
  console.log(`Wrote ${path}: ${cat.n} stars, ${members} members`);
}
