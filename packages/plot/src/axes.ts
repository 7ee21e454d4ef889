import { scaleLinear, type ScaleLinear } from "d3-scale";
import { curveLinear, line, type CurveFactory } from "d3-shape";
import { el, fmt, text, uid } from "./svg.js";

/** A rectangle of the figure, in px. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A panel: its rectangle and the linear scales from data to px. */
export interface Panel extends Rect {
  readonly sx: ScaleLinear<number, number>;
  readonly sy: ScaleLinear<number, number>;
  /** id of a clip path holding the panel's rectangle */
  readonly clipId: string;
}

/** A panel over `rect` with data ranges `xDomain`, `yDomain`. */
export function panel(rect: Rect, xDomain: readonly [number, number], yDomain: readonly [number, number]): Panel {
  return {
    ...rect,
    sx: scaleLinear().domain(xDomain).range([rect.x, rect.x + rect.w]),
    sy: scaleLinear().domain(yDomain).range([rect.y + rect.h, rect.y]),
    clipId: uid("clip"),
  };
}

/** The `<clipPath>` of a panel. */
export function clipDef(p: Panel): string {
  return el("clipPath", { id: p.clipId }, el("rect", { x: p.x, y: p.y, width: p.w, height: p.h }));
}

/** Wrap content in a group clipped to the panel. */
export function clipped(p: Panel, content: readonly string[]): string {
  return el("g", { "clip-path": `url(#${p.clipId})` }, content);
}

/** Tick values and their labels for a linear scale (d3-scale's nice ticks). */
export function ticksOf(scale: ScaleLinear<number, number>, count: number): { values: number[]; labels: string[] } {
  const values = scale.ticks(count);
  const f = scale.tickFormat(count);
  return { values, labels: values.map(f) };
}

/** Options for {@link drawAxes}. */
export interface AxesStyle {
  xTicks?: number;
  yTicks?: number;
  /** show tick labels on the bottom / left edges */
  xTickLabels?: boolean;
  yTickLabels?: boolean;
  /** draw tick marks at all on that axis */
  showXTicks?: boolean;
  showYTicks?: boolean;
  /** rotate tick labels by 45° (corner.py's style) */
  rotate?: boolean;
  xLabel?: string;
  yLabel?: string;
  fontSize?: number;
  /** distance of the axis labels from the frame */
  xLabelOffset?: number;
  yLabelOffset?: number;
  /** draw light grid lines at the ticks */
  grid?: boolean;
}

/** Frame, ticks, tick labels and axis labels of a panel (matplotlib-like: ticks outside). */
export function drawAxes(p: Panel, style: AxesStyle = {}): string {
  const fs = style.fontSize ?? 10;
  const out: string[] = [];
  const tick = 4;
  const bottom = p.y + p.h;
  if (style.showXTicks ?? true) {
    const { values, labels } = ticksOf(p.sx, style.xTicks ?? 5);
    values.forEach((v, i) => {
      const x = p.sx(v);
      if (style.grid) out.push(el("line", { x1: x, x2: x, y1: p.y, y2: bottom, stroke: "#e5e5e5", "stroke-width": 0.8 }));
      out.push(el("line", { x1: x, x2: x, y1: bottom, y2: bottom + tick, stroke: "black", "stroke-width": 0.8 }));
      if (style.xTickLabels ?? true) {
        if (style.rotate) {
          out.push(text(x + 3, bottom + tick + 4, labels[i], {
            "font-size": fs, "text-anchor": "end", "dominant-baseline": "hanging",
            transform: `rotate(-45 ${fmt(x + 3)} ${fmt(bottom + tick + 4)})`, class: "tick-label",
          }));
        } else {
          out.push(text(x, bottom + tick + 2 + fs * 0.8, labels[i], { "font-size": fs, "text-anchor": "middle", class: "tick-label" }));
        }
      }
    });
  }
  if (style.showYTicks ?? true) {
    const { values, labels } = ticksOf(p.sy, style.yTicks ?? 5);
    values.forEach((v, i) => {
      const y = p.sy(v);
      if (style.grid) out.push(el("line", { x1: p.x, x2: p.x + p.w, y1: y, y2: y, stroke: "#e5e5e5", "stroke-width": 0.8 }));
      out.push(el("line", { x1: p.x - tick, x2: p.x, y1: y, y2: y, stroke: "black", "stroke-width": 0.8 }));
      if (style.yTickLabels ?? true) {
        if (style.rotate) {
          out.push(text(p.x - tick - 2, y + 2, labels[i], {
            "font-size": fs, "text-anchor": "end", transform: `rotate(-45 ${fmt(p.x - tick - 2)} ${fmt(y + 2)})`, class: "tick-label",
          }));
        } else {
          out.push(text(p.x - tick - 2, y + fs * 0.35, labels[i], { "font-size": fs, "text-anchor": "end", class: "tick-label" }));
        }
      }
    });
  }
  out.push(el("rect", { x: p.x, y: p.y, width: p.w, height: p.h, fill: "none", stroke: "black", "stroke-width": 0.8 }));
  if (style.xLabel) {
    const y = bottom + (style.xLabelOffset ?? (style.rotate ? 40 : 28));
    out.push(text(p.x + p.w / 2, y, style.xLabel, { "font-size": fs * 1.2, "text-anchor": "middle", class: "axis-label" }));
  }
  if (style.yLabel) {
    const x = p.x - (style.yLabelOffset ?? (style.rotate ? 44 : 36));
    const y = p.y + p.h / 2;
    out.push(text(x, y, style.yLabel, {
      "font-size": fs * 1.2, "text-anchor": "middle", transform: `rotate(-90 ${fmt(x)} ${fmt(y)})`, class: "axis-label",
    }));
  }
  return el("g", { class: "axes" }, out);
}

/** A polyline path `M x,y L ...` through points (px). */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number>, curve: CurveFactory = curveLinear): string {
  const idx = Array.from({ length: xs.length }, (_, i) => i);
  return line<number>().x((i) => xs[i]).y((i) => ys[i]).curve(curve).digits(2)(idx) ?? "";
}
