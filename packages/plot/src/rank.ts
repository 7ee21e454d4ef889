import { rScale } from "@orrery/diagnostics";
import { clipDef, clipped, drawAxes, panel } from "./axes.js";
import { type PlotDraws } from "./draws-input.js";
import { chainLegend, paramsOf, type GridOptions } from "./figure.js";
import { gridRects } from "./grid.js";
import { cycle, TAB10 } from "./palette.js";
import { el, fmt, svgDocument, text } from "./svg.js";

/** Options of {@link rankPlot}. */
export interface RankOptions extends GridOptions {
  /** rank bins (default ArviZ's: 2 × Sturges' count, ceil(log2 N) + 1, N all draws) */
  bins?: number;
  /** panels per row (default up to 3) */
  cols?: number;
  panelWidth?: number;
  panelHeight?: number;
}

/**
 * Rank plots (as ArviZ's `plot_rank`, Vehtari et al. 2021): the draws of all chains are ranked
 * together and each chain's rank histogram is drawn as bars, one chain above the other, with the
 * uniform expectation as a dashed line. Well-mixed chains give flat histograms.
 *
 * @example
 * ```ts
 * const svg = rankPlot({ mu: { data: mu, shape: [4, 1000] } });
 * ```
 */
export function rankPlot(draws: PlotDraws, options: RankOptions = {}): string {
  const { params, labels } = paramsOf(draws, options);
  const fs = options.fontSize ?? 10;
  const chains = params[0].matrix.chains;
  const n = params[0].matrix.draws;
  const N = chains * n;
  const bins = options.bins ?? 2 * (Math.ceil(Math.log2(N)) + 1);
  const colors = Array.from({ length: chains }, (_, c) => options.colors?.[c] ?? cycle(TAB10, c));
  const { rects, width, height } = gridRects(params.length, { cols: options.cols, panelWidth: options.panelWidth, panelHeight: options.panelHeight ?? 40 * chains + 30, top: chains > 1 ? fs * 4.4 : fs * 3 });
  const defs: string[] = [];
  const body: string[] = [];
  const expected = n / bins;
  params.forEach((p, k) => {
    const ranks = rScale(p.matrix).data; // 1..N, ties averaged
    const counts = Array.from({ length: chains }, () => new Float64Array(bins));
    for (let c = 0; c < chains; c++) {
      for (let i = 0; i < n; i++) {
        const b = Math.min(bins - 1, Math.floor(((ranks[c * n + i] - 1) / N) * bins));
        counts[c][b]++;
      }
    }
    let maxCount = expected;
    for (const cc of counts) for (const v of cc) maxCount = Math.max(maxCount, v);
    // Each chain occupies a band of height 1 (in units of maxCount · 1.05), chain 0 at the bottom.
    const unit = maxCount * 1.05;
    const pnl = panel(rects[k], [0, N], [0, chains]);
    defs.push(clipDef(pnl));
    const content: string[] = [];
    for (let c = 0; c < chains; c++) {
      let d = "";
      for (let b = 0; b < bins; b++) {
        const x0 = pnl.sx((b / bins) * N);
        const x1 = pnl.sx(((b + 1) / bins) * N);
        const y0 = pnl.sy(c);
        const y1 = pnl.sy(c + counts[c][b] / unit);
        d += `M${fmt(x0 + 0.5)},${fmt(y0)}V${fmt(y1)}H${fmt(x1 - 0.5)}V${fmt(y0)}Z`;
      }
      content.push(el("path", { d, fill: colors[c], "fill-opacity": 0.85, class: "rank-bars", "data-chain": c }));
      const ye = pnl.sy(c + expected / unit);
      content.push(el("line", { x1: pnl.x, x2: pnl.x + pnl.w, y1: ye, y2: ye, stroke: "black", "stroke-dasharray": "4,3", "stroke-width": 0.8, class: "uniform" }));
    }
    const axes = drawAxes(pnl, { xTicks: 4, showYTicks: false, fontSize: fs, xLabel: "rank (all chains)", xLabelOffset: 28 });
    const chainLabels = colors.map((_, c) => text(pnl.x - 4, pnl.sy(c + 0.4), String(c), { "font-size": fs, "text-anchor": "end", class: "tick-label" }));
    body.push(el("g", { class: "panel rank-panel", "data-param": p.name }, [
      clipped(pnl, content), axes, ...chainLabels,
      text(pnl.x + pnl.w / 2, pnl.y - fs * 0.6, labels[k], { "font-size": fs * 1.2, "text-anchor": "middle", class: "title" }),
    ]));
  });
  if (chains > 1) body.push(chainLegend(colors, width - 14, fs * 1.1, fs));
  return svgDocument(width, height, [el("defs", {}, defs), ...body]);
}
