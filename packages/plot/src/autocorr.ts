import { autocorrelation } from "@orrery/diagnostics";
import { clipDef, clipped, drawAxes, linePath, panel } from "./axes.js";
import { chainOf, type PlotDraws } from "./draws-input.js";
import { chainLegend, paramsOf, type GridOptions } from "./figure.js";
import { gridRects } from "./grid.js";
import { cycle, TAB10 } from "./palette.js";
import { el, fmt, svgDocument, text } from "./svg.js";

/** Options of {@link autocorrPlot}. */
export interface AutocorrOptions extends GridOptions {
  /** largest lag shown (default min(100, draws − 1)) */
  maxLag?: number;
  /** panels per row (default up to 3) */
  cols?: number;
  panelWidth?: number;
  panelHeight?: number;
}

/**
 * Autocorrelation plots (as ArviZ's `plot_autocorr`): each chain's autocorrelation (from
 * `@orrery/diagnostics`, FFT-based, as R's posterior) against lag, one panel per component, as
 * stems for one chain and lines for several, with the ±2/√n band of white noise shaded.
 *
 * @example
 * ```ts
 * const svg = autocorrPlot({ mu: { data: mu, shape: [4, 1000] } }, { maxLag: 50 });
 * ```
 */
export function autocorrPlot(draws: PlotDraws, options: AutocorrOptions = {}): string {
  const { params, labels } = paramsOf(draws, options);
  const fs = options.fontSize ?? 10;
  const chains = params[0].matrix.chains;
  const n = params[0].matrix.draws;
  const maxLag = Math.max(1, Math.min(options.maxLag ?? 100, n - 1));
  const colors = Array.from({ length: chains }, (_, c) => options.colors?.[c] ?? cycle(TAB10, c));
  const { rects, width, height } = gridRects(params.length, { cols: options.cols, panelWidth: options.panelWidth, panelHeight: options.panelHeight, top: chains > 1 ? fs * 4.4 : fs * 3 });
  const defs: string[] = [];
  const body: string[] = [];
  params.forEach((p, k) => {
    const pnl = panel(rects[k], [-0.5, maxLag + 0.5], [-1, 1]);
    defs.push(clipDef(pnl));
    const band = 2 / Math.sqrt(n);
    const content: string[] = [
      el("rect", { x: pnl.x, y: pnl.sy(band), width: pnl.w, height: pnl.sy(-band) - pnl.sy(band), fill: "#dddddd", class: "noise-band" }),
      el("line", { x1: pnl.x, x2: pnl.x + pnl.w, y1: pnl.sy(0), y2: pnl.sy(0), stroke: "#555", "stroke-width": 0.8 }),
    ];
    for (let c = 0; c < chains; c++) {
      const rho = autocorrelation(chainOf(p, c)).subarray(0, maxLag + 1);
      if (chains === 1) {
        let d = "";
        for (let l = 0; l <= maxLag; l++) d += `M${fmt(pnl.sx(l))},${fmt(pnl.sy(0))}V${fmt(pnl.sy(rho[l]))}`;
        content.push(el("path", { d, stroke: colors[c], "stroke-width": Math.max(1, Math.min(4, (0.6 * pnl.w) / maxLag)), class: "acf" }));
      } else {
        const xs = Array.from(rho, (_, l) => pnl.sx(l));
        content.push(el("path", { d: linePath(xs, Array.from(rho, (v) => pnl.sy(v))), fill: "none", stroke: colors[c], "stroke-width": 1.2, class: "acf" }));
      }
    }
    body.push(el("g", { class: "panel acf-panel", "data-param": p.name }, [
      clipped(pnl, content),
      drawAxes(pnl, { xTicks: 5, yTicks: 5, fontSize: fs, xLabel: "lag", xLabelOffset: 28 }),
      text(pnl.x + pnl.w / 2, pnl.y - fs * 0.6, labels[k], { "font-size": fs * 1.2, "text-anchor": "middle", class: "title" }),
    ]));
  });
  if (chains > 1) body.push(chainLegend(colors, width - 14, fs * 1.1, fs));
  return svgDocument(width, height, [el("defs", {}, defs), ...body]);
}
