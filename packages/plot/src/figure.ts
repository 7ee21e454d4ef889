import { scalarParams, toFits, type PlotDraws, type ScalarParam } from "./draws-input.js";
import { labelOf, type PerParam } from "./options.js";
import { el, text, textWidth } from "./svg.js";

/** Options shared by the per-parameter figures (trace, rank, autocorrelation). */
export interface GridOptions {
  /** parameters (or components `theta[1]`) to show, in order; default all */
  params?: readonly string[];
  /** display labels, by name or in order */
  labels?: PerParam<string>;
  /** chain colours (default matplotlib's tab10, as ArviZ) */
  colors?: readonly string[];
  /** font size in px (default 10) */
  fontSize?: number;
}

/** The components to plot from one record of draws (a fit list takes its first fit). */
export function paramsOf(draws: PlotDraws, options: GridOptions): { params: ScalarParam[]; labels: string[] } {
  const fits = toFits(draws);
  if (fits.length === 0) throw new RangeError("no draws to plot");
  const params = scalarParams(fits[0].draws, options.params);
  if (params.length === 0) throw new RangeError("no parameters to plot");
  return { params, labels: params.map((_, k) => labelOf(options.labels, params, k)) };
}

/** A small legend of chains, right-aligned at (x, y). */
export function chainLegend(colors: readonly string[], x: number, y: number, fs: number, prefix = "chain "): string {
  const items: string[] = [];
  let cx = x;
  for (let c = colors.length - 1; c >= 0; c--) {
    const label = `${prefix}${c}`;
    const w = textWidth(label, fs);
    cx -= w;
    items.push(text(cx, y + fs * 0.35, label, { "font-size": fs, class: "legend-label" }));
    cx -= fs * 1.8;
    items.push(el("line", { x1: cx, x2: cx + fs * 1.4, y1: y, y2: y, stroke: colors[c], "stroke-width": 2.5 }));
    cx -= fs * 0.9;
  }
  return el("g", { class: "legend" }, items);
}

/** Min/max decimation of a series to about `max` points, keeping its envelope. */
export function decimate(ys: ArrayLike<number>, max: number): { x: number[]; y: number[] } {
  const n = ys.length;
  if (n <= max) return { x: Array.from({ length: n }, (_, i) => i), y: Array.from(ys) };
  const buckets = Math.max(1, Math.floor(max / 2));
  const x: number[] = [];
  const y: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const a = Math.floor((b * n) / buckets);
    const e = Math.floor(((b + 1) * n) / buckets);
    let lo = a;
    let hi = a;
    for (let i = a; i < e; i++) {
      if (ys[i] < ys[lo]) lo = i;
      if (ys[i] > ys[hi]) hi = i;
    }
    const [f, s] = lo < hi ? [lo, hi] : [hi, lo];
    x.push(f, s);
    y.push(ys[f], ys[s]);
  }
  return { x, y };
}
