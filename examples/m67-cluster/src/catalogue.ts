/**
 * Reading a Gaia-like catalogue: `loadGaiaCsv` reads this example's synthetic catalogue and
 * Gaia archive CSV exports alike (by column name), and `fitFieldProperMotions` fits the
 * fixed field proper-motion Gaussian the model uses.
 */
import { readFileSync } from "node:fs";

/** One row per star; angles in degrees, parallaxes in mas, proper motions in mas/yr. */
export interface Catalogue {
  n: number;
  ra: Float64Array;
  dec: Float64Array;
  parallax: Float64Array;
  parallaxError: Float64Array;
  pmra: Float64Array;
  pmraError: Float64Array;
  pmdec: Float64Array;
  pmdecError: Float64Array;
  /** G magnitude (NaN where the file has none). */
  gMag: Float64Array;
  /** Synthetic catalogues only: 1 for a cluster member, 0 for a field star. */
  isMember?: Uint8Array;
  /** Synthetic catalogues only: the true distance in pc. */
  rTrue?: Float64Array;
}

/** The Gaia archive's column names for each field (required ones first). */
const REQUIRED = {
  ra: "ra",
  dec: "dec",
  parallax: "parallax",
  parallaxError: "parallax_error",
  pmra: "pmra",
  pmraError: "pmra_error",
  pmdec: "pmdec",
  pmdecError: "pmdec_error",
} as const;

/** Split one CSV line (RFC 4180 quotes allowed). */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Parse CSV text with a header row into a catalogue. Columns are found by name
 * (case-insensitive, surrounding quotes and spaces ignored): `ra, dec, parallax,
 * parallax_error, pmra, pmra_error, pmdec, pmdec_error` are required, `phot_g_mean_mag`,
 * `is_member` and `r_true` optional; other columns (a Gaia export's `source_id`, `ruwe`, ...)
 * are ignored. Rows with an empty or non-numeric required value (a 2-parameter Gaia source
 * has no parallax or proper motion) are skipped. Lines starting with `#` are comments.
 *
 * @example
 * ```ts
 * const cat = parseGaiaCsv("ra,dec,parallax,parallax_error,pmra,pmra_error,pmdec,pmdec_error\n132.8,11.8,1.1,0.05,-11,0.06,-3,0.05\n");
 * cat.n; // 1
 * ```
 */
export function parseGaiaCsv(text: string): Catalogue {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.startsWith("#"));
  if (lines.length === 0) throw new Error("loadGaiaCsv: the file is empty");
  const header = splitCsvLine(lines[0]).map((h) => h.trim().replace(/^"|"$/g, "").toLowerCase());
  const col = (name: string, required: boolean): number => {
    const i = header.indexOf(name);
    if (i < 0 && required) {
      throw new Error(`loadGaiaCsv: column "${name}" is missing; the header has: ${header.join(", ")}`);
    }
    return i;
  };
  const req = Object.fromEntries(Object.entries(REQUIRED).map(([k, v]) => [k, col(v, true)])) as Record<keyof typeof REQUIRED, number>;
  const gCol = col("phot_g_mean_mag", false);
  const memCol = col("is_member", false);
  const rCol = col("r_true", false);
  const rows: number[][] = [];
  for (let li = 1; li < lines.length; li++) {
    const cells = splitCsvLine(lines[li]);
    const get = (i: number) => (i < 0 || cells[i] === undefined || cells[i].trim() === "" ? NaN : Number(cells[i]));
    const v = [req.ra, req.dec, req.parallax, req.parallaxError, req.pmra, req.pmraError, req.pmdec, req.pmdecError].map(get);
    if (v.some((x) => !Number.isFinite(x))) continue;
    if (!(v[3] > 0 && v[5] > 0 && v[7] > 0)) continue; // errors must be positive
    rows.push([...v, get(gCol), get(memCol), get(rCol)]);
  }
  const n = rows.length;
  const column = (j: number) => Float64Array.from(rows, (r) => r[j]);
  const cat: Catalogue = {
    n,
    ra: column(0),
    dec: column(1),
    parallax: column(2),
    parallaxError: column(3),
    pmra: column(4),
    pmraError: column(5),
    pmdec: column(6),
    pmdecError: column(7),
    gMag: column(8),
  };
  if (memCol >= 0) cat.isMember = Uint8Array.from(rows, (r) => (r[9] === 1 ? 1 : 0));
  if (rCol >= 0) cat.rTrue = column(10);
  return cat;
}

/**
 * Read a catalogue from a CSV file: this example's `data/catalogue.csv` or a Gaia archive
 * export (e.g. the result of an ADQL cone search on `gaiadr3.gaia_source` saved as CSV).
 *
 * @example
 * ```ts
 * const cat = loadGaiaCsv("data/catalogue.csv");
 * ```
 */
export function loadGaiaCsv(path: string): Catalogue {
  return parseGaiaCsv(readFileSync(path, "utf8"));
}

/** The first `n` stars of a catalogue. */
export function headOf(cat: Catalogue, n: number): Catalogue {
  const cut = <T extends Float64Array | Uint8Array>(a: T) => a.subarray(0, n) as T;
  return {
    n: Math.min(n, cat.n),
    ra: cut(cat.ra),
    dec: cut(cat.dec),
    parallax: cut(cat.parallax),
    parallaxError: cut(cat.parallaxError),
    pmra: cut(cat.pmra),
    pmraError: cut(cat.pmraError),
    pmdec: cut(cat.pmdec),
    pmdecError: cut(cat.pmdecError),
    gMag: cut(cat.gMag),
    isMember: cat.isMember && cut(cat.isMember),
    rTrue: cat.rTrue && cut(cat.rTrue),
  };
}

/** A 2-D Gaussian in proper-motion space (mas/yr). */
export interface Gaussian2 {
  mean: [number, number];
  /** Covariance [[sxx, sxy], [sxy, syy]] as [sxx, sxy, syy]. */
  cov: [number, number, number];
}

/**
 * A first look at the proper motions: a two-component 2-D Gaussian mixture fitted by EM
 * (measurement errors ignored), started from the moments of all stars (broad) and from the
 * densest 2 × 2 mas/yr cell (narrow). The broad component is the field model the sampler
 * keeps fixed; the narrow one only gives the sampler a starting point for the cluster.
 *
 * @example
 * ```ts
 * const { field, cluster, clusterWeight } = fitFieldProperMotions(cat);
 * ```
 */
export function fitFieldProperMotions(cat: Catalogue, iterations = 200): { field: Gaussian2; cluster: Gaussian2; clusterWeight: number } {
  const { n, pmra: x, pmdec: y } = cat;
  const moments = (w: Float64Array): Gaussian2 & { sum: number } => {
    let s = 0, mx = 0, my = 0;
    for (let i = 0; i < n; i++) {
      s += w[i];
      mx += w[i] * x[i];
      my += w[i] * y[i];
    }
    mx /= s;
    my /= s;
    let sxx = 0, sxy = 0, syy = 0;
    for (let i = 0; i < n; i++) {
      const dx = x[i] - mx, dy = y[i] - my;
      sxx += w[i] * dx * dx;
      sxy += w[i] * dx * dy;
      syy += w[i] * dy * dy;
    }
    return { mean: [mx, my], cov: [sxx / s + 1e-6, sxy / s, syy / s + 1e-6], sum: s };
  };
  let field: Gaussian2 = moments(new Float64Array(n).fill(1));
  // The densest cell of a 2 mas/yr grid over the central 98% of the stars.
  const counts = new Map<string, number>();
  let best = "", bestCount = 0;
  for (let i = 0; i < n; i++) {
    const k = `${Math.floor(x[i] / 2)},${Math.floor(y[i] / 2)}`;
    const c = (counts.get(k) ?? 0) + 1;
    counts.set(k, c);
    if (c > bestCount) [best, bestCount] = [k, c];
  }
  const [bx, by] = best.split(",").map(Number);
  let cluster: Gaussian2 = { mean: [2 * bx + 1, 2 * by + 1], cov: [1, 0, 1] };
  let weight = 0.1;
  const logN2 = (g: Gaussian2, i: number) => {
    const [a, b, c] = g.cov;
    const det = a * c - b * b;
    const dx = x[i] - g.mean[0], dy = y[i] - g.mean[1];
    return -0.5 * ((c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det) - Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  };
  const wc = new Float64Array(n), wf = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      const lc = Math.log(weight) + logN2(cluster, i);
      const lf = Math.log(1 - weight) + logN2(field, i);
      const p = 1 / (1 + Math.exp(lf - lc));
      wc[i] = p;
      wf[i] = 1 - p;
    }
    const c = moments(wc), f = moments(wf);
    cluster = c;
    field = f;
    weight = Math.min(0.99, Math.max(0.01, c.sum / n));
  }
  return { field: { mean: field.mean, cov: field.cov }, cluster: { mean: cluster.mean, cov: cluster.cov }, clusterWeight: weight };
}
