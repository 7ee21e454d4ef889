import { curveStepAfter } from "d3-shape";
import { quantileSorted, sortedCopy } from "@orrery/diagnostics";
import { clipDef, clipped, drawAxes, linePath, panel } from "./axes.js";
import { histogram, kde, padRange } from "./density.js";
import { chainOf, type PlotDraws } from "./draws-input.js";
import { chainLegend, decimate, paramsOf, type GridOptions } from "./figure.js";
import { cycle, TAB10 } from "./palette.js";
import { el, svgDocument, text } from "./svg.js";

/** Options of {@link tracePlot}. */
export interface TraceOptions extends GridOptions {
  /** the marginal: per-chain KDEs (default, as ArviZ) or histograms */
  marginal?: "kde" | "hist";
  /** figure width in px (default 860) */
  width?: number;
  /** height of each parameter's row in px (default 130) */
  rowHeight?: number;
  /** at most this many points per chain's trace line (min/max decimated; default 2000) */
  maxPoints?: number;
  /** divergent transitions, chain-major 0/1 of chains × draws, marked as ticks under the traces */
  divergences?: ArrayLike<number | boolean>;
  /** show a chain legend (default true when there are several chains) */
  legend?: boolean;
}

/**
 * A trace plot (as ArviZ's `plot_trace`): one row per scalar component, the marginal density of
 * each chain on the left and each chain's draws against iteration on the right.
 *
 * @param draws - a record of named draws, chains × draws × event shape (vector parameters expand)
 * @returns an SVG document as a string
 * @example
 * ```ts
 * const svg = tracePlot({ mu: { data: mu, shape: [4, 1000] } }, { labels: { mu: "μ" } });
 * ```
 */
export function tracePlot(draws: PlotDraws, options: TraceOptions = {}): string {
  const { params, labels } = paramsOf(draws, options);
  const fs = options.fontSize ?? 10;
  const W = options.width ?? 860;
  const rowH = options.rowHeight ?? 130;
  const chains = params[0].matrix.chains;
  const n = params[0].matrix.draws;
  const colors = Array.from({ length: chains }, (_, c) => options.colors?.[c] ?? cycle(TAB10, c));
  const showLegend = options.legend ?? chains > 1;
  const top = showLegend ? fs * 2.4 : 10;
  const gapY = fs * 4.2;
  const left = fs * 5;
  const mid = fs * 5.5;
  const leftW = (W - left - mid - 14) * 0.36;
  const rightW = W - left - mid - 14 - leftW;
  const H = top + params.length * (rowH + gapY);
  const defs: string[] = [];
  const body: string[] = [];
  params.forEach((p, k) => {
    const sorted = sortedCopy(p.matrix.data.filter(Number.isFinite));
    const range = sorted.length
      ? padRange([quantileSorted(sorted, 0), quantileSorted(sorted, 1)], 0.05)
      : ([0, 1] as [number, number]);
    const y0 = top + k * (rowH + gapY) + fs * 1.6;
    const h = rowH - fs * 1.6;
    // Marginals per chain.
    const curves = colors.map((_, c) => {
      const v = chainOf(p, c);
      if (options.marginal === "hist") {
        const hist = histogram(v, range[0], range[1], 30, true);
        const ys = Float64Array.from([...hist.counts, hist.counts[hist.counts.length - 1]]);
        return { x: hist.edges, y: ys };
      }
      return kde(v, range[0], range[1], { points: 160, bandwidth: undefined });
    });
    let ymax = 0;
    for (const c of curves) for (const v of c.y) if (Number.isFinite(v)) ymax = Math.max(ymax, v);
    const pm = panel({ x: left, y: y0, w: leftW, h }, range, [0, (ymax || 1) * 1.08]);
    defs.push(clipDef(pm));
    const dens = curves.map((cv, c) =>
      el("path", {
        d: linePath(Array.from(cv.x, (x) => pm.sx(x)), Array.from(cv.y, (y) => pm.sy(y)), options.marginal === "hist" ? curveStepAfter : undefined),
        fill: "none", stroke: colors[c], "stroke-width": 1.3, class: "marginal",
      }),
    );
    body.push(el("g", { class: "panel marginal-panel", "data-row": k }, [
      clipped(pm, dens),
      drawAxes(pm, { xTicks: 5, yTicks: 3, fontSize: fs, xLabel: undefined, yTickLabels: false }),
      text(pm.x + pm.w / 2, y0 - fs * 0.6, labels[k], { "font-size": fs * 1.2, "text-anchor": "middle", class: "title" }),
    ]));
    // Traces.
    const pt = panel({ x: left + leftW + mid, y: y0, w: rightW, h }, [0, Math.max(1, n - 1)], range);
    defs.push(clipDef(pt));
    const lines = colors.map((_, c) => {
      const { x, y } = decimate(chainOf(p, c), options.maxPoints ?? 2000);
      return el("path", {
        d: linePath(x.map((i) => pt.sx(i)), y.map((v) => pt.sy(v))),
        fill: "none", stroke: colors[c], "stroke-width": 0.7, "stroke-opacity": 0.8, class: "trace",
      });
    });
    if (options.divergences) {
      const ticks: string[] = [];
      for (let c = 0; c < chains; c++) {
        for (let i = 0; i < n; i++) {
          if (options.divergences[c * n + i]) {
            const x = pt.sx(i);
            ticks.push(`M${x.toFixed(1)},${(pt.y + pt.h).toFixed(1)}v-6`);
          }
        }
      }
      if (ticks.length) lines.push(el("path", { d: ticks.join(""), stroke: "black", "stroke-width": 1, class: "divergence" }));
    }
    body.push(el("g", { class: "panel trace-panel", "data-row": k }, [
      clipped(pt, lines),
      drawAxes(pt, { xTicks: 6, yTicks: 4, fontSize: fs }),
      text(pt.x + pt.w / 2, y0 - fs * 0.6, labels[k], { "font-size": fs * 1.2, "text-anchor": "middle", class: "title" }),
    ]));
  });
  if (showLegend) body.push(chainLegend(colors, W - 14, fs * 1.1, fs));
  return svgDocument(W, H, [el("defs", {}, defs), ...body]);
}
