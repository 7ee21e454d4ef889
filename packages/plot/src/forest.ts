import { eti, hdi, mean, median, rhat } from "@orrery/diagnostics";
import { drawAxes, panel } from "./axes.js";
import { chainOf, scalarParams, toFits, type PlotDraws } from "./draws-input.js";
import { labelOf, type PerParam } from "./options.js";
import { cycle, FIT_COLORS, TAB10 } from "./palette.js";
import { el, svgDocument, text, textWidth } from "./svg.js";

/** Options of {@link forestPlot}. */
export interface ForestOptions {
  /** parameters (or components) to show, in order; default all of the first fit's */
  params?: readonly string[];
  labels?: PerParam<string>;
  /** interval kind: highest density (default, as ArviZ) or equal-tailed */
  interval?: "hdi" | "eti";
  /** probability of the thin outer interval (default 0.94, ArviZ's) */
  prob?: number;
  /** probability of the thick inner interval (default 0.5) */
  innerProb?: number;
  /** the point estimate (default median) */
  point?: "median" | "mean";
  /** pool the chains (default false: one line per chain, as ArviZ) */
  combined?: boolean;
  /** print each component's R-hat at the right (default true when chains > 1) */
  rhat?: boolean;
  /** a reference value drawn as a vertical dashed line (e.g. 0) */
  refValue?: number;
  colors?: readonly string[];
  /** plot area width in px (default 420) */
  width?: number;
  fontSize?: number;
}

interface Row {
  label: string;
  group: number;
  color: string;
  outer: [number, number];
  inner: [number, number];
  point: number;
}

/**
 * A forest plot (as ArviZ's `plot_forest`): for each component, each chain's (or the pooled)
 * point estimate, a thick inner and a thin outer interval — HDI or equal-tailed, computed with
 * `@orrery/diagnostics` — with several fits overlaid in colour and R-hat printed alongside.
 *
 * @example
 * ```ts
 * const svg = forestPlot({ theta: { data, shape: [4, 1000, 8] } }, { interval: "eti", combined: true });
 * ```
 */
export function forestPlot(draws: PlotDraws, options: ForestOptions = {}): string {
  const fits = toFits(draws);
  if (fits.length === 0) throw new RangeError("forestPlot: no draws");
  const fs = options.fontSize ?? 10;
  const prob = options.prob ?? 0.94;
  const innerProb = options.innerProb ?? 0.5;
  const interval = options.interval === "eti" ? eti : hdi;
  const pointOf = options.point === "mean" ? mean : median;
  const names = options.params ?? scalarParams(fits[0].draws).map((p) => p.name);
  const fitParams = fits.map((f) => scalarParams(f.draws, names));
  const params = fitParams[0];
  const chains = params[0].matrix.chains;
  const combined = options.combined ?? false;
  const showRhat = options.rhat ?? chains > 1;
  const multi = fits.length > 1;
  const rows: Row[] = [];
  const rhats: number[] = [];
  params.forEach((p, k) => {
    rhats.push(chains > 1 ? rhat(p.matrix) : NaN);
    fitParams.forEach((fp, fi) => {
      const q = fp[k];
      const fitColor = options.colors?.[fi] ?? fits[fi].color ?? cycle(FIT_COLORS, fi);
      const sets = combined || q.matrix.chains === 1
        ? [{ v: q.matrix.data, color: multi ? fitColor : "#1f77b4" }]
        : Array.from({ length: q.matrix.chains }, (_, c) => ({ v: chainOf(q, c), color: multi ? fitColor : cycle(TAB10, c) }));
      for (const s of sets) {
        rows.push({ label: labelOf(options.labels, params, k), group: k, color: s.color, outer: interval(s.v, prob), inner: interval(s.v, innerProb), point: pointOf(s.v) });
      }
    });
  });
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    lo = Math.min(lo, r.outer[0]);
    hi = Math.max(hi, r.outer[1]);
  }
  if (options.refValue !== undefined) {
    lo = Math.min(lo, options.refValue);
    hi = Math.max(hi, options.refValue);
  }
  const pad = (hi - lo) * 0.05 || 0.5;
  const rowH = fs * 1.3;
  const groupGap = fs * 1.1;
  const labelW = Math.max(...params.map((_, k) => textWidth(labelOf(options.labels, params, k), fs * 1.1))) + 16;
  const plotW = options.width ?? 420;
  const top = fs * 3;
  const groups = params.length;
  const plotH = rows.length * rowH + groups * groupGap;
  const rhatW = showRhat ? fs * 6 : 0;
  const W = labelW + plotW + rhatW + 20;
  const H = top + plotH + fs * (multi ? 6 : 3.5);
  const pnl = panel({ x: labelW, y: top, w: plotW, h: plotH }, [lo - pad, hi + pad], [0, 1]);
  const body: string[] = [];
  // Alternate shading of parameter groups.
  let y = top + groupGap / 2;
  const rowY: number[] = [];
  let prev = -1;
  for (const r of rows) {
    if (r.group !== prev && prev !== -1) y += groupGap;
    prev = r.group;
    rowY.push(y + rowH / 2);
    y += rowH;
  }
  const groupSpan = (g: number): [number, number] => {
    const ys = rowY.filter((_, i) => rows[i].group === g);
    return [ys[0] - rowH / 2 - groupGap / 2, ys[ys.length - 1] + rowH / 2 + groupGap / 2];
  };
  for (let g = 0; g < groups; g++) {
    const [a, b] = groupSpan(g);
    if (g % 2 === 1) body.push(el("rect", { x: pnl.x, y: a, width: pnl.w, height: b - a, fill: "#f2f2f2" }));
    body.push(text(labelW - 8, (a + b) / 2 + fs * 0.4, labelOf(options.labels, params, g), { "font-size": fs * 1.1, "text-anchor": "end", class: "param-label" }));
    if (showRhat) {
      const r = rhats[g];
      body.push(text(pnl.x + pnl.w + 10, (a + b) / 2 + fs * 0.4, Number.isFinite(r) ? r.toFixed(3) : "–", { "font-size": fs, class: "rhat", fill: r > 1.01 ? "#d62728" : "black" }));
    }
  }
  body.push(drawAxes(pnl, { xTicks: 6, showYTicks: false, fontSize: fs, grid: true }));
  if (options.refValue !== undefined) {
    const x = pnl.sx(options.refValue);
    body.push(el("line", { x1: x, x2: x, y1: pnl.y, y2: pnl.y + pnl.h, stroke: "#444", "stroke-dasharray": "4,3", class: "ref" }));
  }
  rows.forEach((r, i) => {
    const yy = rowY[i];
    body.push(el("g", { class: "interval", "data-group": r.group }, [
      el("line", { x1: pnl.sx(r.outer[0]), x2: pnl.sx(r.outer[1]), y1: yy, y2: yy, stroke: r.color, "stroke-width": 1.3, class: "outer" }),
      el("line", { x1: pnl.sx(r.inner[0]), x2: pnl.sx(r.inner[1]), y1: yy, y2: yy, stroke: r.color, "stroke-width": 4, class: "inner" }),
      el("circle", { cx: pnl.sx(r.point), cy: yy, r: 3.2, fill: "white", stroke: r.color, "stroke-width": 1.3, class: "point" }),
    ]));
  });
  const kind = options.interval === "eti" ? "ETI" : "HDI";
  body.push(text(pnl.x + pnl.w / 2, top - fs * 1.2, `${Math.round(prob * 100)}% ${kind} (thick: ${Math.round(innerProb * 100)}%)`, { "font-size": fs * 1.1, "text-anchor": "middle", class: "title" }));
  if (showRhat) body.push(text(pnl.x + pnl.w + 10, top - fs * 0.4, "r_hat", { "font-size": fs, class: "rhat-header" }));
  if (multi) {
    fits.forEach((f, fi) => {
      const color = options.colors?.[fi] ?? f.color ?? cycle(FIT_COLORS, fi);
      const x = labelW + fi * 110;
      const yy = H - fs * 1.2;
      body.push(el("line", { x1: x, x2: x + 20, y1: yy, y2: yy, stroke: color, "stroke-width": 3 }));
      body.push(text(x + 26, yy + fs * 0.35, f.label ?? `fit ${fi}`, { "font-size": fs, class: "legend-label" }));
    });
  }
  return svgDocument(W, H, body);
}
