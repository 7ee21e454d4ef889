/**
 * Two small hand-made SVG figures @orrery/plot does not draw (yet): a scatter plot coloured
 * by a value in [0, 1] with a colour bar, and a histogram with a log count axis. Plus the
 * ROC AUC used to score membership probabilities against the truth.
 */

const FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"';

/** Viridis-like colour for t in [0, 1] (5 anchor colours, linear in between). */
export function colourAt(t: number): string {
  const stops = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
  ];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const u = x - i;
  const c = stops[i].map((a, k) => Math.round(a + u * (stops[i + 1][k] - a)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function ticks(lo: number, hi: number, target = 6): number[] {
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/**
 * Scatter of (x, y) points coloured by `c` in [0, 1], drawn in order of increasing `c` so that
 * high values sit on top; points outside the ranges are not drawn.
 */
export function scatterSvg(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  c: ArrayLike<number>,
  options: { xRange: [number, number]; yRange: [number, number]; xLabel: string; yLabel: string; title: string; colourLabel: string; marks?: { x: number; y: number; label: string }[] },
): string {
  const W = 640, H = 560, L = 70, R = 110, T = 40, B = 60;
  const pw = W - L - R, ph = H - T - B;
  const [x0, x1] = options.xRange, [y0, y1] = options.yRange;
  const sx = (v: number) => L + ((v - x0) / (x1 - x0)) * pw;
  const sy = (v: number) => T + ph - ((v - y0) / (y1 - y0)) * ph;
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => c[a] - c[b]);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(`<clipPath id="plot"><rect x="${L}" y="${T}" width="${pw}" height="${ph}"/></clipPath>`);
  parts.push(`<g clip-path="url(#plot)">`);
  for (const i of order) {
    if (!(x[i] >= x0 && x[i] <= x1 && y[i] >= y0 && y[i] <= y1)) continue;
    parts.push(`<circle cx="${sx(x[i]).toFixed(1)}" cy="${sy(y[i]).toFixed(1)}" r="2" fill="${colourAt(c[i])}" fill-opacity="0.85"/>`);
  }
  for (const m of options.marks ?? []) {
    parts.push(`<path d="M${sx(m.x) - 8},${sy(m.y)}h16M${sx(m.x)},${sy(m.y) - 8}v16" stroke="#d62728" stroke-width="2"/>`);
    parts.push(`<text x="${sx(m.x) + 14}" y="${sy(m.y) - 14}" font-size="14" fill="#d62728" stroke="white" stroke-width="3" paint-order="stroke" ${FONT}>${m.label}</text>`);
  }
  parts.push(`</g>`);
  parts.push(`<rect x="${L}" y="${T}" width="${pw}" height="${ph}" fill="none" stroke="black"/>`);
  for (const t of ticks(x0, x1)) {
    parts.push(`<path d="M${sx(t)},${T + ph}v5" stroke="black"/><text x="${sx(t)}" y="${T + ph + 20}" font-size="12" text-anchor="middle" ${FONT}>${t}</text>`);
  }
  for (const t of ticks(y0, y1)) {
    parts.push(`<path d="M${L},${sy(t)}h-5" stroke="black"/><text x="${L - 8}" y="${sy(t) + 4}" font-size="12" text-anchor="end" ${FONT}>${t}</text>`);
  }
  parts.push(`<text x="${L + pw / 2}" y="${H - 15}" font-size="14" text-anchor="middle" ${FONT}>${options.xLabel}</text>`);
  parts.push(`<text transform="translate(20,${T + ph / 2}) rotate(-90)" font-size="14" text-anchor="middle" ${FONT}>${options.yLabel}</text>`);
  parts.push(`<text x="${L + pw / 2}" y="25" font-size="15" text-anchor="middle" ${FONT}>${options.title}</text>`);
  // Colour bar.
  const cbx = L + pw + 25, cbw = 16;
  for (let k = 0; k < 50; k++) {
    const t0 = k / 50;
    parts.push(`<rect x="${cbx}" y="${(T + ph - ((k + 1) / 50) * ph).toFixed(2)}" width="${cbw}" height="${(ph / 50 + 0.5).toFixed(2)}" fill="${colourAt(t0 + 0.01)}"/>`);
  }
  parts.push(`<rect x="${cbx}" y="${T}" width="${cbw}" height="${ph}" fill="none" stroke="black"/>`);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const yy = T + ph - t * ph;
    parts.push(`<path d="M${cbx + cbw},${yy}h4" stroke="black"/><text x="${cbx + cbw + 7}" y="${yy + 4}" font-size="11" ${FONT}>${t}</text>`);
  }
  parts.push(`<text transform="translate(${cbx + cbw + 45},${T + ph / 2}) rotate(-90)" font-size="13" text-anchor="middle" ${FONT}>${options.colourLabel}</text>`);
  parts.push(`</svg>`);
  return parts.join("\n");
}

/** Histogram of values in [0, 1] with a log₁₀ count axis (empty bins drawn at zero height). */
export function histogramSvg(values: ArrayLike<number>, options: { bins?: number; title: string; xLabel: string }): string {
  const bins = options.bins ?? 20;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) counts[Math.min(bins - 1, Math.max(0, Math.floor(values[i] * bins)))]++;
  const W = 600, H = 400, L = 70, R = 20, T = 40, B = 60;
  const pw = W - L - R, ph = H - T - B;
  const top = Math.ceil(Math.log10(Math.max(...counts, 1)) + 0.2);
  const sy = (c: number) => T + ph - (c <= 0 ? 0 : ((Math.log10(c) + 0.3) / (top + 0.3)) * ph);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  counts.forEach((c, k) => {
    const x = L + (k / bins) * pw, w = pw / bins;
    const y = sy(c);
    parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(w - 1).toFixed(1)}" height="${(T + ph - y).toFixed(1)}" fill="${colourAt((k + 0.5) / bins)}" stroke="#333" stroke-width="0.5"/>`);
    if (c > 0) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" font-size="10" text-anchor="middle" ${FONT}>${c}</text>`);
  });
  parts.push(`<rect x="${L}" y="${T}" width="${pw}" height="${ph}" fill="none" stroke="black"/>`);
  for (let k = 0; k <= 10; k += 2) {
    const x = L + (k / 10) * pw;
    parts.push(`<path d="M${x},${T + ph}v5" stroke="black"/><text x="${x}" y="${T + ph + 20}" font-size="12" text-anchor="middle" ${FONT}>${k / 10}</text>`);
  }
  for (let e = 0; e <= top; e++) {
    const y = sy(10 ** e);
    parts.push(`<path d="M${L},${y}h-5" stroke="black"/><text x="${L - 8}" y="${y + 4}" font-size="12" text-anchor="end" ${FONT}>${10 ** e}</text>`);
  }
  parts.push(`<text x="${L + pw / 2}" y="${H - 15}" font-size="14" text-anchor="middle" ${FONT}>${options.xLabel}</text>`);
  parts.push(`<text transform="translate(20,${T + ph / 2}) rotate(-90)" font-size="14" text-anchor="middle" ${FONT}>stars (log scale)</text>`);
  parts.push(`<text x="${L + pw / 2}" y="25" font-size="15" text-anchor="middle" ${FONT}>${options.title}</text>`);
  parts.push(`</svg>`);
  return parts.join("\n");
}

/** Area under the ROC curve of `scores` for binary `labels` (ties count one half). */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0, neg = 0, rankSum = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]]) rankSum += midRank;
    i = j + 1;
  }
  for (let k = 0; k < labels.length; k++) (labels[k] ? pos++ : neg++);
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
