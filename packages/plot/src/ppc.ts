import { quantileSorted } from "@orrery/diagnostics";
import { area, curveLinear } from "d3-shape";
import { clipDef, clipped, drawAxes, linePath, panel } from "./axes.js";
import { padRange } from "./density.js";
import { el, fmt, svgDocument, text } from "./svg.js";

/** Observed data: points with optional symmetric error bars. */
export interface PpcData {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly yerr?: ArrayLike<number>;
}

/** Posterior(-predictive) draws of a curve on a grid `x`: `draws[s][i]` at `x[i]`, or `{ data, shape: [S, n] }` row-major. */
export interface PpcModel {
  readonly x: ArrayLike<number>;
  readonly draws: readonly ArrayLike<number>[] | { readonly data: ArrayLike<number>; readonly shape: readonly [number, number] | readonly number[] };
}

/** Options of {@link ppcPlot}. */
export interface PpcOptions {
  /** `"draws"`: thin lines of individual draws (default); `"band"`: credible bands and the median */
  kind?: "draws" | "band";
  /** how many draws to show as lines (evenly thinned; default 50) */
  maxDraws?: number;
  /** central credible probabilities of the bands (default [0.68, 0.95]) */
  probs?: readonly number[];
  color?: string;
  dataColor?: string;
  xLabel?: string;
  yLabel?: string;
  title?: string;
  /** legend labels (default "data", "model") */
  dataLabel?: string;
  modelLabel?: string;
  width?: number;
  height?: number;
  fontSize?: number;
}

function rowsOf(draws: PpcModel["draws"], n: number): ArrayLike<number>[] {
  if (Array.isArray(draws)) return draws as ArrayLike<number>[];
  const { data, shape } = draws as { data: ArrayLike<number>; shape: readonly number[] };
  if (shape.length !== 2 || shape[1] !== n || data.length !== shape[0] * shape[1]) {
    throw new RangeError(`ppcPlot: model draws of shape [${shape.join(", ")}] do not match ${n} grid points`);
  }
  return Array.from({ length: shape[0] }, (_, s) => Array.prototype.slice.call(data, s * n, (s + 1) * n) as number[]);
}

/**
 * A posterior-predictive plot: the observed data as points with error bars over draws of a model
 * curve (thin lines) or its pointwise credible bands and median.
 *
 * @example
 * ```ts
 * const svg = ppcPlot({ x, y, yerr }, { x: grid, draws: curves }, { kind: "band", xLabel: "t", yLabel: "flux" });
 * ```
 */
export function ppcPlot(data: PpcData, model: PpcModel, options: PpcOptions = {}): string {
  const fs = options.fontSize ?? 10;
  const W = options.width ?? 640;
  const Hh = options.height ?? 400;
  const color = options.color ?? "#1f77b4";
  const dataColor = options.dataColor ?? "black";
  const n = model.x.length;
  const rows = rowsOf(model.draws, n);
  const kind = options.kind ?? "draws";
  // Ranges: data with error bars and the model draws.
  let xlo = Infinity, xhi = -Infinity, ylo = Infinity, yhi = -Infinity;
  for (let i = 0; i < data.x.length; i++) {
    const e = data.yerr?.[i] ?? 0;
    xlo = Math.min(xlo, data.x[i]); xhi = Math.max(xhi, data.x[i]);
    ylo = Math.min(ylo, data.y[i] - e); yhi = Math.max(yhi, data.y[i] + e);
  }
  for (let i = 0; i < n; i++) { xlo = Math.min(xlo, model.x[i]); xhi = Math.max(xhi, model.x[i]); }
  // Pointwise quantiles of the model.
  const probs = options.probs ?? [0.68, 0.95];
  const cols = Array.from({ length: n }, (_, i) => Float64Array.from(rows, (r) => r[i]).sort());
  const band = (p: number) => cols.map((c) => [quantileSorted(c, (1 - p) / 2), quantileSorted(c, (1 + p) / 2)] as const);
  const bands = probs.map(band);
  const med = cols.map((c) => quantileSorted(c, 0.5));
  const step = Math.max(1, Math.ceil(rows.length / (options.maxDraws ?? 50)));
  const shown = kind === "draws" ? rows.filter((_, s) => s % step === 0) : [];
  for (const b of bands) for (const [a, c] of b) { ylo = Math.min(ylo, a); yhi = Math.max(yhi, c); }
  for (const r of shown) for (let i = 0; i < n; i++) { ylo = Math.min(ylo, r[i]); yhi = Math.max(yhi, r[i]); }
  const left = fs * 6, top = options.title ? fs * 3 : fs * 1.5, bottom = fs * 5;
  const pnl = panel({ x: left, y: top, w: W - left - 16, h: Hh - top - bottom }, padRange([xlo, xhi], 0.03), padRange([ylo, yhi], 0.06));
  const content: string[] = [];
  const xs = Array.from(model.x, (v) => pnl.sx(v));
  if (kind === "band") {
    const order = probs.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0]);
    for (const [p, i] of order) {
      const b = bands[i];
      const d = area<number>().x((k) => xs[k]).y0((k) => pnl.sy(b[k][0])).y1((k) => pnl.sy(b[k][1])).curve(curveLinear).digits(2)(b.map((_, k) => k)) ?? "";
      content.push(el("path", { d, fill: color, "fill-opacity": 0.25, stroke: "none", class: "band", "data-prob": String(p) }));
    }
    content.push(el("path", { d: linePath(xs, med.map((v) => pnl.sy(v))), fill: "none", stroke: color, "stroke-width": 1.8, class: "median" }));
  } else {
    const opacity = Math.max(0.05, Math.min(0.5, 6 / shown.length));
    for (const r of shown) {
      content.push(el("path", { d: linePath(xs, Array.from(r, (v) => pnl.sy(v))), fill: "none", stroke: color, "stroke-width": 1, "stroke-opacity": fmt(opacity), class: "draw" }));
    }
  }
  // Data with error bars.
  let bars = "";
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < data.x.length; i++) {
    const x = pnl.sx(data.x[i]);
    const y = pnl.sy(data.y[i]);
    px.push(x); py.push(y);
    const e = data.yerr?.[i];
    if (e !== undefined && e > 0) bars += `M${fmt(x)},${fmt(pnl.sy(data.y[i] - e))}V${fmt(pnl.sy(data.y[i] + e))}M${fmt(x - 2.5)},${fmt(pnl.sy(data.y[i] - e))}h5M${fmt(x - 2.5)},${fmt(pnl.sy(data.y[i] + e))}h5`;
  }
  if (bars) content.push(el("path", { d: bars, stroke: dataColor, "stroke-width": 1, fill: "none", class: "errorbars" }));
  content.push(...px.map((x, i) => el("circle", { cx: x, cy: py[i], r: 2.8, fill: dataColor, class: "datum" })));
  const body = [
    el("defs", {}, clipDef(pnl)),
    clipped(pnl, content),
    drawAxes(pnl, { xTicks: 7, yTicks: 6, fontSize: fs, xLabel: options.xLabel, yLabel: options.yLabel, yLabelOffset: fs * 4.6 }),
  ];
  if (options.title) body.push(text(pnl.x + pnl.w / 2, fs * 1.8, options.title, { "font-size": fs * 1.3, "text-anchor": "middle", class: "title" }));
  // Legend, top-left inside the panel.
  const lx = pnl.x + 10, ly = pnl.y + 14;
  body.push(el("g", { class: "legend" }, [
    el("rect", { x: lx - 4, y: ly - 10, width: 110, height: 38, fill: "white", "fill-opacity": 0.8, stroke: "#ccc" }),
    el("circle", { cx: lx + 10, cy: ly, r: 2.8, fill: dataColor }),
    text(lx + 26, ly + fs * 0.35, options.dataLabel ?? "data", { "font-size": fs, class: "legend-label" }),
    el("line", { x1: lx, x2: lx + 20, y1: ly + 17, y2: ly + 17, stroke: color, "stroke-width": kind === "band" ? 6 : 1.5, "stroke-opacity": kind === "band" ? 0.4 : 1 }),
    text(lx + 26, ly + 17 + fs * 0.35, options.modelLabel ?? "model", { "font-size": fs, class: "legend-label" }),
  ]));
  return svgDocument(W, Hh, body);
}
