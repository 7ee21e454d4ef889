import type { Rect } from "./axes.js";

/** Panels laid out in a grid, row-major. */
export function gridRects(
  count: number,
  options: { cols?: number; panelWidth?: number; panelHeight?: number; left?: number; top?: number; gapX?: number; gapY?: number },
): { rects: Rect[]; width: number; height: number } {
  const cols = Math.max(1, Math.min(count, options.cols ?? Math.min(count, 3)));
  const rows = Math.ceil(count / cols);
  const pw = options.panelWidth ?? 260;
  const ph = options.panelHeight ?? 170;
  const left = options.left ?? 56;
  const top = options.top ?? 34;
  const gx = options.gapX ?? 50;
  const gy = options.gapY ?? 60;
  const rects: Rect[] = [];
  for (let k = 0; k < count; k++) {
    const r = Math.floor(k / cols);
    const c = k % cols;
    rects.push({ x: left + c * (pw + gx), y: top + r * (ph + gy), w: pw, h: ph });
  }
  return { rects, width: left + cols * pw + (cols - 1) * gx + 16, height: top + rows * ph + (rows - 1) * gy + 44 };
}
