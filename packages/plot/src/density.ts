import { bin, blur, blur2, extent } from "d3-array";
import { contours } from "d3-contour";
import { quantileSorted, sortedCopy } from "@orrery/diagnostics";

/** The 2-D credible levels corner.py calls 1σ, 2σ, 3σ: 1 − exp(−k²/2), k = 1, 2, 3. */
export const SIGMA_LEVELS_2D = [1 - Math.exp(-0.5), 1 - Math.exp(-2), 1 - Math.exp(-4.5)] as const;

/** A histogram: `edges.length === counts.length + 1`. */
export interface Histogram {
  readonly edges: Float64Array;
  readonly counts: Float64Array;
}

/**
 * Histogram of `values` over `[lo, hi]` with `bins` equal bins (values outside are dropped),
 * optionally normalised to a density.
 *
 * @example
 * ```ts
 * histogram([0.1, 0.2, 0.9], 0, 1, 2).counts; // Float64Array [2, 1]
 * ```
 */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number, density = false): Histogram {
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = lo + ((hi - lo) * i) / bins;
  const thresholds = Array.from(edges.subarray(1, bins));
  const inRange = Array.from(values).filter((v) => v >= lo && v <= hi);
  const b = bin().domain([lo, hi]).thresholds(thresholds)(inRange);
  const counts = new Float64Array(bins);
  for (let i = 0; i < bins && i < b.length; i++) counts[i] = b[i].length;
  if (density) {
    const total = values.length * ((hi - lo) / bins);
    if (total > 0) for (let i = 0; i < bins; i++) counts[i] /= total;
  }
  return { edges, counts };
}

/** Optionally smooth a histogram's counts by a blur of `radius` bins (d3-array's `blur`). */
export function smoothCounts(counts: Float64Array, radius: number): Float64Array {
  if (!(radius > 0)) return counts;
  return blur(Float64Array.from(counts), radius) as Float64Array;
}

/** Scott's rule bandwidth: 1.06 σ̂ n^(−1/5), with σ̂ = min(sd, IQR/1.34). */
export function scottBandwidth(values: ArrayLike<number>): number {
  const n = values.length;
  const s = sortedCopy(values);
  let m = 0;
  for (let i = 0; i < n; i++) m += s[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (s[i] - m) ** 2;
  const sd = Math.sqrt(v / Math.max(1, n - 1));
  const iqr = (quantileSorted(s, 0.75) - quantileSorted(s, 0.25)) / 1.34;
  const sigma = iqr > 0 ? Math.min(sd, iqr) : sd;
  return 1.06 * (sigma > 0 ? sigma : 1) * Math.pow(n, -0.2);
}

/**
 * Gaussian kernel density estimate on `points` equally spaced values over `[lo, hi]`.
 * The draws are first binned (linear binning onto a fine grid), then convolved with the kernel,
 * so the cost is O(n + points · kernel width).
 *
 * @example
 * ```ts
 * const { x, y } = kde(draws, -4, 4); // y integrates to ≈ 1 over the draws' support
 * ```
 */
export function kde(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  options: { points?: number; bandwidth?: number } = {},
): { x: Float64Array; y: Float64Array } {
  const points = options.points ?? 200;
  const bw = options.bandwidth ?? scottBandwidth(values);
  const x = new Float64Array(points);
  const y = new Float64Array(points);
  const dx = (hi - lo) / (points - 1);
  for (let i = 0; i < points; i++) x[i] = lo + i * dx;
  // Linear binning onto a grid that extends 4 bandwidths past [lo, hi].
  const pad = Math.ceil((4 * bw) / dx);
  const m = points + 2 * pad;
  const grid = new Float64Array(m);
  let n = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) continue;
    n++;
    const g = (v - lo) / dx + pad;
    const i = Math.floor(g);
    const f = g - i;
    if (i >= 0 && i < m) grid[i] += 1 - f;
    if (i + 1 >= 0 && i + 1 < m) grid[i + 1] += f;
  }
  const half = Math.ceil((4 * bw) / dx);
  const kernel = new Float64Array(2 * half + 1);
  const norm = 1 / (n * bw * Math.sqrt(2 * Math.PI));
  for (let j = -half; j <= half; j++) kernel[j + half] = Math.exp(-0.5 * ((j * dx) / bw) ** 2) * norm;
  for (let i = 0; i < points; i++) {
    let s = 0;
    const c = i + pad;
    for (let j = -half; j <= half; j++) {
      const g = c + j;
      if (g >= 0 && g < m) s += grid[g] * kernel[j + half];
    }
    y[i] = s;
  }
  return { x, y };
}

/** A smoothed 2-D histogram on a grid, row-major (`values[iy * nx + ix]`). */
export interface DensityGrid {
  readonly values: Float64Array;
  readonly nx: number;
  readonly ny: number;
  /** data x of grid coordinate 0 and the bin width (grid coordinate g ↦ x0 + g · dx) */
  readonly x0: number;
  readonly dx: number;
  readonly y0: number;
  readonly dy: number;
}

/**
 * Smoothed 2-D histogram of (x, y) over a range, as corner.py's `hist2d`: `bins` bins per axis
 * over the range, padded by `pad` bins each side so contours close, blurred by `smooth` bins
 * (d3-array's `blur2`; 0 for none).
 */
export function densityGrid(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  xRange: readonly [number, number],
  yRange: readonly [number, number],
  options: { bins?: number; smooth?: number; pad?: number } = {},
): DensityGrid {
  const bins = options.bins ?? 20;
  const smooth = options.smooth ?? 1;
  const pad = options.pad ?? Math.max(2, Math.ceil(3 * smooth));
  const dx = (xRange[1] - xRange[0]) / bins;
  const dy = (yRange[1] - yRange[0]) / bins;
  const nx = bins + 2 * pad;
  const ny = bins + 2 * pad;
  const x0 = xRange[0] - pad * dx;
  const y0 = yRange[0] - pad * dy;
  const values = new Float64Array(nx * ny);
  for (let k = 0; k < xs.length; k++) {
    const ix = Math.floor((xs[k] - x0) / dx);
    const iy = Math.floor((ys[k] - y0) / dy);
    if (ix >= 0 && ix < nx && iy >= 0 && iy < ny) values[iy * nx + ix] += 1;
  }
  if (smooth > 0) blur2({ data: values, width: nx, height: ny }, smooth);
  return { values, nx, ny, x0, dx, y0, dy };
}

/**
 * Density thresholds whose super-level sets hold the fractions `levels` of the grid's mass
 * (corner.py's rule: sort the cells by density, accumulate, read off the density where the
 * cumulative mass reaches each level; here interpolated between cells).
 */
export function levelThresholds(grid: DensityGrid, levels: readonly number[]): number[] {
  const sorted = Float64Array.from(grid.values).sort().reverse();
  let total = 0;
  for (const v of sorted) total += v;
  const cum = new Float64Array(sorted.length);
  let acc = 0;
  for (let i = 0; i < sorted.length; i++) cum[i] = acc += sorted[i] / total;
  return levels.map((p) => {
    let i = 0;
    while (i < cum.length - 1 && cum[i] < p) i++;
    if (i === 0) return sorted[0];
    const f = (p - cum[i - 1]) / (cum[i] - cum[i - 1] || 1);
    return sorted[i - 1] + f * (sorted[i] - sorted[i - 1]);
  });
}

/** Bilinear interpolation of the grid at (x, y), cell values sitting at the cell centres (0 outside). */
export function gridInterpolate(grid: DensityGrid, x: number, y: number): number {
  const gx = (x - grid.x0) / grid.dx - 0.5;
  const gy = (y - grid.y0) / grid.dy - 0.5;
  const ix = Math.floor(gx);
  const iy = Math.floor(gy);
  const fx = gx - ix;
  const fy = gy - iy;
  const at = (i: number, j: number) => (i < 0 || j < 0 || i >= grid.nx || j >= grid.ny ? 0 : grid.values[j * grid.nx + i]);
  return (
    (1 - fy) * ((1 - fx) * at(ix, iy) + fx * at(ix + 1, iy)) + fy * ((1 - fx) * at(ix, iy + 1) + fx * at(ix + 1, iy + 1))
  );
}

/**
 * Density thresholds from the draws themselves: the density (interpolated on the smoothed grid)
 * at each draw, and for each level p its (1 − p) quantile, so that the region above the
 * threshold holds the fraction p of the draws whatever the smoothing. Draws outside the grid
 * count as density 0.
 */
export function sampleLevelThresholds(grid: DensityGrid, xs: ArrayLike<number>, ys: ArrayLike<number>, levels: readonly number[]): number[] {
  const dens = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) dens[i] = gridInterpolate(grid, xs[i], ys[i]);
  dens.sort();
  return levels.map((p) => quantileSorted(dens, Math.min(1, Math.max(0, 1 - p))));
}

/** A polygon with holes, as rings of [x, y] points in data coordinates (first ring exterior). */
export type Polygon = [number, number][][];

/** Credible-region contours of one level: the region's polygons, in data coordinates. */
export interface CredibleContour {
  readonly level: number;
  readonly threshold: number;
  readonly polygons: Polygon[];
}

/**
 * Contours of the 2-D credible regions of (x, y) draws at `levels` (fractions of mass; default
 * corner.py's 1σ, 2σ, 3σ 2-D levels 0.393, 0.865, 0.989), computed with d3-contour on a smoothed
 * 2-D histogram; each region holds its fraction of the draws. Levels come back in the order given.
 *
 * @example
 * ```ts
 * const [inner] = credibleContours(xDraws, yDraws, { levels: [0.393] });
 * inner.polygons[0][0]; // exterior ring [[x, y], ...] of the 39.3% region
 * ```
 */
export function credibleContours(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: {
    levels?: readonly number[];
    xRange?: readonly [number, number];
    yRange?: readonly [number, number];
    bins?: number;
    smooth?: number;
    /**
     * how thresholds are set: `"samples"` (default) so each region holds its fraction of the
     * draws; `"grid"` as corner.py (fractions of the smoothed histogram's mass, which smoothing
     * inflates)
     */
    method?: "samples" | "grid";
  } = {},
): CredibleContour[] {
  const levels = options.levels ?? SIGMA_LEVELS_2D;
  const xRange = options.xRange ?? padRange(extent(Array.from(xs)) as [number, number], 0.1);
  const yRange = options.yRange ?? padRange(extent(Array.from(ys)) as [number, number], 0.1);
  const grid = densityGrid(xs, ys, xRange, yRange, { bins: options.bins, smooth: options.smooth });
  const thresholds = options.method === "grid" ? levelThresholds(grid, levels) : sampleLevelThresholds(grid, xs, ys, levels);
  return contoursOfGrid(grid, levels, thresholds);
}

/** Contours of a density grid at credible `levels` (with their density `thresholds`), in data coordinates. */
export function contoursOfGrid(grid: DensityGrid, levels: readonly number[], thresholds: readonly number[]): CredibleContour[] {
  const gen = contours().size([grid.nx, grid.ny]).smooth(true);
  const values = Array.from(grid.values);
  return levels.map((level, i) => {
    const mp = gen.contour(values, thresholds[i]);
    const polygons: Polygon[] = mp.coordinates.map((poly) =>
      poly.map((ring) => ring.map(([gx, gy]) => [grid.x0 + gx * grid.dx, grid.y0 + gy * grid.dy] as [number, number])),
    );
    return { level, threshold: thresholds[i], polygons };
  });
}

/** Density of the grid at (x, y) (0 outside). */
export function gridValueAt(grid: DensityGrid, x: number, y: number): number {
  const ix = Math.floor((x - grid.x0) / grid.dx);
  const iy = Math.floor((y - grid.y0) / grid.dy);
  if (ix < 0 || iy < 0 || ix >= grid.nx || iy >= grid.ny) return 0;
  return grid.values[iy * grid.nx + ix];
}

/** Widen a range by `frac` of its width each side (a zero-width range by ±0.5). */
export function padRange([lo, hi]: readonly [number, number], frac: number): [number, number] {
  if (!(hi > lo)) return [lo - 0.5, hi + 0.5];
  const w = hi - lo;
  return [lo - frac * w, hi + frac * w];
}

/**
 * Even-odd point-in-polygon test for one polygon with holes (e.g. a credible region's polygon).
 *
 * @example
 * ```ts
 * pointInPolygon(0.5, 0.5, [[[0, 0], [1, 0], [1, 1], [0, 1]]]); // true
 * ```
 */
export function pointInPolygon(x: number, y: number, polygon: Polygon): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
