import { curveStepAfter } from "d3-shape";
import { quantileSorted, sortedCopy } from "@orrery/diagnostics";
import { clipDef, clipped, drawAxes, linePath, panel, type Panel } from "./axes.js";
import {
  contoursOfGrid,
  densityGrid,
  gridInterpolate,
  histogram,
  levelThresholds,
  sampleLevelThresholds,
  kde,
  padRange,
  SIGMA_LEVELS_2D,
  smoothCounts,
  type Polygon,
} from "./density.js";
import { chainOf, scalarParams, toFits, type PlotDraws, type ScalarParam } from "./draws-input.js";
import { quantileTitle } from "./format.js";
import { labelOf, perParam, type PerParam } from "./options.js";
import { cycle, FIT_COLORS, TRUTH_COLOR } from "./palette.js";
import { dotsPath, el, escapeXml, fmt, svgDocument, text, textWidth } from "./svg.js";

/** Options of {@link cornerPlot}. */
export interface CornerOptions {
  /** parameters (or components `theta[1]`) to show, in order; default all of the first fit's */
  params?: readonly string[];
  /** axis labels, by name or in order (default the component names) */
  labels?: PerParam<string>;
  /** 2-D credible levels (mass fractions); default corner.py's 1σ, 2σ, 3σ: 0.393, 0.865, 0.989 */
  levels?: readonly number[];
  /**
   * how the contour densities are chosen: `"samples"` (default: each region holds its fraction of
   * the draws) or `"grid"` (corner.py's: fractions of the smoothed histogram's mass)
   */
  levelMethod?: "samples" | "grid";
  /** bins of the 1-D histograms (default 20, corner.py's) */
  bins?: number;
  /** bins per axis of the 2-D histograms the contours are drawn from (default 20) */
  bins2d?: number;
  /** blur of the 2-D histogram, in bins (default 1; 0 is corner.py's unsmoothed look) */
  smooth?: number;
  /** blur of the 1-D histograms, in bins (default 0) */
  smooth1d?: number;
  /** what the diagonal shows: step histograms (default, as corner.py) or KDEs */
  diagonal?: "hist" | "kde";
  /** fill the contours (default true) */
  fill?: boolean;
  /** draw contour lines (default true) */
  contourLines?: boolean;
  /** show the draws outside the outermost contour as points (default: true for one fit) */
  dataPoints?: boolean;
  /** at most this many points per 2-D panel (thinned evenly; default 5000) */
  maxPoints?: number;
  /** true values, marked by lines and points */
  truths?: PerParam<number | null>;
  truthColor?: string;
  /** quantiles marked by dashed lines on the diagonal (default none; corner.py's common [0.16, 0.5, 0.84]) */
  quantiles?: readonly number[];
  /** titles `name = median +up −down` over the diagonal (default true for one fit) */
  titles?: boolean;
  /** quantiles of the titles (default [0.16, 0.5, 0.84]) */
  titleQuantiles?: readonly [number, number, number];
  /** decimal places of the titles (default: two significant digits of the error) */
  titleDigits?: number;
  /** axis ranges: `[lo, hi]`, or a fraction (as corner.py: 0.99 spans the central 99% of the draws) */
  ranges?: PerParam<readonly [number, number] | number>;
  /** overlay each chain as its own fit (default false: chains pooled) */
  splitChains?: boolean;
  /** colours of the fits; default black for one fit, a palette for several */
  colors?: readonly string[];
  /** show a legend (default: when there are several fits) */
  legend?: boolean;
  /** panel size in px (default: 900 / parameters, clamped to [110, 220]) */
  panelSize?: number;
  /** tick-label font size in px (default 10) */
  fontSize?: number;
  /** maximum number of ticks per axis (default 4) */
  ticks?: number;
}

interface FitData {
  label: string;
  color: string;
  params: ScalarParam[];
  /** draws of each parameter, pooled (or one chain) */
  values: Float64Array[];
}

/**
 * A corner plot (as corner.py and ChainConsumer draw them): 1-D marginal histograms or KDEs on the
 * diagonal, 2-D credible-region contours (filled and/or lines) at `levels` below it, the draws
 * outside the outermost contour as points, truths as lines and points, quantile titles, and
 * several fits (or chains) overlaid with a legend. Vector parameters expand to `name[i]`.
 *
 * @param draws - one record of named draws (`{ name: { data, shape: [chains, draws, ...event] } }`
 *   or nested arrays chain × draw × ...), or a list of fits `{ draws, label, color }` to overlay
 * @returns an SVG document as a string
 * @example
 * ```ts
 * import { cornerPlot, toPng } from "@orrery/plot";
 * const svg = cornerPlot({ mu: { data: muDraws, shape: [4, 1000] }, tau: tauDraws },
 *   { truths: { mu: 0, tau: 1 }, labels: { mu: "μ", tau: "τ" } });
 * writeFileSync("corner.png", await toPng(svg, { scale: 2 }));
 * ```
 */
export function cornerPlot(draws: PlotDraws, options: CornerOptions = {}): string {
  const fitsIn = toFits(draws);
  if (fitsIn.length === 0) throw new RangeError("cornerPlot: no draws");
  const names = options.params ?? scalarParams(fitsIn[0].draws).map((p) => p.name);
  const fits: FitData[] = [];
  const colors = options.colors;
  fitsIn.forEach((f, fi) => {
    const params = scalarParams(f.draws, names);
    if (options.splitChains) {
      const chains = params[0].matrix.chains;
      for (let c = 0; c < chains; c++) {
        const i = fits.length;
        fits.push({
          label: `${f.label ?? (fitsIn.length > 1 ? `fit ${fi}` : "")}${fitsIn.length > 1 ? " " : ""}chain ${c}`.trim(),
          color: colors?.[i] ?? cycle(FIT_COLORS, i),
          params,
          values: params.map((p) => chainOf(p, c)),
        });
      }
    } else {
      const i = fits.length;
      fits.push({
        label: f.label ?? `fit ${fi}`,
        color: colors?.[i] ?? f.color ?? (fitsIn.length === 1 ? "#000000" : cycle(FIT_COLORS, i)),
        params,
        values: params.map((p) => p.matrix.data),
      });
    }
  });
  const params = fits[0].params;
  const K = params.length;
  if (K === 0) throw new RangeError("cornerPlot: no parameters to plot");
  for (const f of fits) {
    if (f.params.length !== K) throw new RangeError(`cornerPlot: fit "${f.label}" has ${f.params.length} components, the first fit ${K}`);
  }

  const levels = options.levels ?? SIGMA_LEVELS_2D;
  const bins = options.bins ?? 20;
  const bins2d = options.bins2d ?? bins;
  const smooth = options.smooth ?? 1;
  const fs = options.fontSize ?? 10;
  const nTicks = options.ticks ?? 4;
  const single = fits.length === 1;
  const showPoints = options.dataPoints ?? single;
  const showTitles = options.titles ?? single;
  const showLegend = options.legend ?? !single;
  const fill = options.fill ?? true;
  const lines = options.contourLines ?? true;
  const truthColor = options.truthColor ?? TRUTH_COLOR;
  const titleQ = options.titleQuantiles ?? [0.16, 0.5, 0.84];

  // Sorted draws per fit and parameter, for ranges, quantiles and titles.
  const sorted = fits.map((f) => f.values.map((v) => sortedCopy(v.filter(Number.isFinite))));
  const labels = params.map((_, k) => labelOf(options.labels, params, k));
  const truths = params.map((_, k) => perParam(options.truths, params, k) ?? undefined);
  const ranges: [number, number][] = params.map((_, k) => {
    const r = perParam(options.ranges, params, k);
    if (Array.isArray(r)) return [r[0], r[1]] as [number, number];
    const frac = typeof r === "number" ? r : undefined;
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of sorted) {
      if (s[k].length === 0) continue;
      const qlo = frac === undefined ? 0.001 : (1 - frac) / 2;
      lo = Math.min(lo, quantileSorted(s[k], qlo));
      hi = Math.max(hi, quantileSorted(s[k], 1 - qlo));
    }
    const t = truths[k];
    if (typeof t === "number" && Number.isFinite(t)) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    if (!Number.isFinite(lo)) return [0, 1];
    return padRange([lo, hi], frac === undefined ? 0.1 : 0);
  });

  // Layout.
  const s = options.panelSize ?? Math.max(110, Math.min(220, 900 / K));
  const gap = Math.round(0.05 * s);
  const titleH = showTitles ? fs * 2.6 : 8;
  const left = 20 + fs * 1.2 + fs * 4.2;
  const bottom = 20 + fs * 1.2 + fs * 4.2;
  const right = 14;
  const width = left + K * s + (K - 1) * gap + right;
  const height = titleH + K * s + (K - 1) * gap + bottom;
  const rect = (i: number, j: number) => ({ x: left + j * (s + gap), y: titleH + i * (s + gap), w: s, h: s });

  const defs: string[] = [];
  const body: string[] = [];

  // Diagonal: marginals.
  for (let k = 0; k < K; k++) {
    const [lo, hi] = ranges[k];
    const curves = fits.map((f) => {
      if (options.diagonal === "kde") {
        const { x, y } = kde(f.values[k], lo, hi, { points: 200 });
        return { x, y };
      }
      const h = histogram(f.values[k], lo, hi, bins, true);
      const counts = smoothCounts(h.counts, options.smooth1d ?? 0);
      // Step path: one point per edge, the last repeating the last count.
      const x = h.edges;
      const y = new Float64Array(bins + 1);
      y.set(counts);
      y[bins] = counts[bins - 1];
      return { x, y };
    });
    let ymax = 0;
    for (const c of curves) for (const v of c.y) ymax = Math.max(ymax, v);
    const p = panel(rect(k, k), ranges[k], [0, (ymax || 1) * 1.1]);
    defs.push(clipDef(p));
    const content: string[] = [];
    curves.forEach((c, fi) => {
      const xs = Array.from(c.x, (v) => p.sx(v));
      const ys = Array.from(c.y, (v) => p.sy(v));
      const d = options.diagonal === "kde" ? linePath(xs, ys) : linePath(xs, ys, curveStepAfter);
      content.push(el("path", { d, fill: "none", stroke: fits[fi].color, "stroke-width": 1.3, class: "marginal" }));
    });
    for (const q of options.quantiles ?? []) {
      for (let fi = 0; fi < fits.length; fi++) {
        const v = quantileSorted(sorted[fi][k], q);
        content.push(el("line", {
          x1: p.sx(v), x2: p.sx(v), y1: p.y, y2: p.y + p.h, stroke: fits[fi].color, "stroke-dasharray": "4,3", "stroke-width": 1, class: "quantile",
        }));
      }
    }
    const t = truths[k];
    if (typeof t === "number") {
      content.push(el("line", { x1: p.sx(t), x2: p.sx(t), y1: p.y, y2: p.y + p.h, stroke: truthColor, "stroke-width": 1.5, class: "truth" }));
    }
    body.push(el("g", { class: "panel diag", "data-row": k, "data-col": k }, [
      clipped(p, content),
      drawAxes(p, {
        xTicks: nTicks, showYTicks: false, xTickLabels: k === K - 1, rotate: true, fontSize: fs,
        xLabel: k === K - 1 ? labels[k] : undefined,
      }),
    ]));
    if (showTitles) {
      const s0 = sorted[0][k];
      const [a, b, c] = titleQ.map((q) => quantileSorted(s0, q));
      const tt = quantileTitle(a, b, c, options.titleDigits);
      const cx = p.x + p.w / 2;
      const y = p.y - fs * 0.9;
      const sub = fs * 0.8;
      body.push(el("text", { x: cx, y, "font-size": fs * 1.15, "text-anchor": "middle", class: "title" }, [
        escapeXml(`${labels[k]} = ${tt.mid}`),
        el("tspan", { dy: -fs * 0.45, "font-size": sub }, escapeXml(tt.plus)),
        el("tspan", { dx: -textWidth(tt.plus, sub), dy: fs * 0.9, "font-size": sub }, escapeXml(tt.minus)),
      ]));
    }
  }

  // Below the diagonal: 2-D contours.
  for (let i = 1; i < K; i++) {
    for (let j = 0; j < i; j++) {
      const p = panel(rect(i, j), ranges[j], ranges[i]);
      defs.push(clipDef(p));
      const content: string[] = [];
      fits.forEach((f, fi) => {
        const xs = f.values[j];
        const ys = f.values[i];
        const grid = densityGrid(xs, ys, ranges[j], ranges[i], { bins: bins2d, smooth });
        const thresholds = options.levelMethod === "grid"
          ? levelThresholds(grid, levels)
          : sampleLevelThresholds(grid, xs, ys, levels);
        const cs = contoursOfGrid(grid, levels, thresholds);
        if (showPoints) {
          const outer = Math.min(...cs.map((c) => c.threshold));
          const px: number[] = [];
          const py: number[] = [];
          const step = Math.max(1, Math.ceil(xs.length / (options.maxPoints ?? 5000)));
          for (let n = 0; n < xs.length; n += step) {
            if (gridInterpolate(grid, xs[n], ys[n]) < outer) {
              px.push(p.sx(xs[n]));
              py.push(p.sy(ys[n]));
            }
          }
          if (px.length) content.push(el("path", { d: dotsPath(px, py, 0.9), fill: f.color, "fill-opacity": 0.55, class: "points" }));
        }
        // Outermost region first, so inner (stacked) fills darken toward the mode.
        const order = cs.map((_, n) => n).sort((a, b) => cs[b].level - cs[a].level);
        for (const n of order) {
          const d = polygonsPath(cs[n].polygons, p);
          if (!d) continue;
          content.push(el("path", {
            d, fill: fill ? f.color : "none", "fill-opacity": fill ? 0.22 : undefined, "fill-rule": "evenodd",
            stroke: lines ? f.color : "none", "stroke-width": lines ? 1 : undefined,
            class: "contour", "data-level": String(Number(cs[n].level.toFixed(4))), "data-fit": fi,
          }));
        }
      });
      const tx = truths[j];
      const ty = truths[i];
      if (typeof tx === "number") content.push(el("line", { x1: p.sx(tx), x2: p.sx(tx), y1: p.y, y2: p.y + p.h, stroke: truthColor, "stroke-width": 1.5, class: "truth" }));
      if (typeof ty === "number") content.push(el("line", { x1: p.x, x2: p.x + p.w, y1: p.sy(ty), y2: p.sy(ty), stroke: truthColor, "stroke-width": 1.5, class: "truth" }));
      if (typeof tx === "number" && typeof ty === "number") {
        content.push(el("rect", { x: p.sx(tx) - 3, y: p.sy(ty) - 3, width: 6, height: 6, fill: truthColor, class: "truth-point" }));
      }
      body.push(el("g", { class: "panel pair", "data-row": i, "data-col": j }, [
        clipped(p, content),
        drawAxes(p, {
          xTicks: nTicks, yTicks: nTicks, xTickLabels: i === K - 1, yTickLabels: j === 0, rotate: true, fontSize: fs,
          xLabel: i === K - 1 ? labels[j] : undefined, yLabel: j === 0 ? labels[i] : undefined,
        }),
      ]));
    }
  }

  if (showLegend) body.push(legend(fits, left + K * (s + gap) - gap, titleH, K, fs, s));
  return svgDocument(width, height, [el("defs", {}, defs), ...body]);
}

function polygonsPath(polygons: readonly Polygon[], p: Panel): string {
  let d = "";
  for (const poly of polygons) {
    for (const ring of poly) {
      ring.forEach(([x, y], n) => (d += `${n === 0 ? "M" : "L"}${fmt(p.sx(x))},${fmt(p.sy(y))}`));
      d += "Z";
    }
  }
  return d;
}

function legend(fits: readonly FitData[], rightEdge: number, top: number, K: number, fs: number, s: number): string {
  const size = K > 1 ? fs * 1.3 : fs;
  const rowH = size * 1.6;
  const w = Math.max(...fits.map((f) => textWidth(f.label, size))) + size * 3;
  const x = rightEdge - w - (K > 1 ? s * 0.1 : 6);
  const y = top + (K > 1 ? s * 0.1 : 6);
  const items = fits.map((f, n) => {
    const cy = y + rowH * (n + 0.5);
    return (
      el("line", { x1: x, x2: x + size * 2, y1: cy, y2: cy, stroke: f.color, "stroke-width": 3 }) +
      text(x + size * 2.5, cy + size * 0.35, f.label, { "font-size": size, class: "legend-label" })
    );
  });
  return el("g", { class: "legend" }, items);
}
