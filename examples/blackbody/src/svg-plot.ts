/**
 * A minimal two-panel line plot as SVG (log x axis), until @orrery/plot exists.
 */

export interface Panel {
  title: string;
  ylabel: string;
  y: Float64Array;
}

function ticks(lo: number, hi: number, n = 5): number[] {
  const step = (hi - lo) / (n - 1);
  return Array.from({ length: n }, (_, i) => lo + i * step);
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-2 || a >= 1e4) ? v.toExponential(1) : v.toPrecision(3);
}

/** Render panels sharing a log-scaled x axis; at most `maxPoints` points per line. */
export function twoPanelSvg(x: Float64Array, panels: Panel[], xlabel: string, maxPoints = 2000): string {
  const W = 720;
  const H = 300;
  const m = { l: 80, r: 20, t: 30, b: 50 };
  const lx = Array.from(x, Math.log10);
  const [x0, x1] = [Math.min(...lx), Math.max(...lx)];
  const stride = Math.max(1, Math.floor(x.length / maxPoints));
  const parts: string[] = [];
  panels.forEach((p, k) => {
    const oy = k * H;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const v of p.y) {
      if (v < y0) y0 = v;
      if (v > y1) y1 = v;
    }
    if (y0 === y1) y1 = y0 + 1;
    const sx = (v: number) => m.l + ((v - x0) / (x1 - x0)) * (W - m.l - m.r);
    const sy = (v: number) => oy + H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
    const pts: string[] = [];
    for (let i = 0; i < x.length; i += stride) pts.push(`${sx(lx[i]).toFixed(2)},${sy(p.y[i]).toFixed(2)}`);
    parts.push(`<g>`);
    parts.push(`<text x="${W / 2}" y="${oy + 20}" text-anchor="middle" font-size="15">${p.title}</text>`);
    parts.push(`<rect x="${m.l}" y="${oy + m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#333"/>`);
    for (const t of ticks(y0, y1)) {
      parts.push(`<line x1="${m.l - 5}" x2="${m.l}" y1="${sy(t)}" y2="${sy(t)}" stroke="#333"/>`);
      parts.push(`<text x="${m.l - 8}" y="${sy(t) + 4}" text-anchor="end" font-size="11">${fmt(t)}</text>`);
    }
    for (let d = Math.ceil(x0); d <= Math.floor(x1); d++) {
      parts.push(`<line x1="${sx(d)}" x2="${sx(d)}" y1="${oy + H - m.b}" y2="${oy + H - m.b + 5}" stroke="#333"/>`);
      parts.push(`<text x="${sx(d)}" y="${oy + H - m.b + 18}" text-anchor="middle" font-size="11">1e${d}</text>`);
    }
    parts.push(`<text x="${W / 2}" y="${oy + H - 10}" text-anchor="middle" font-size="12">${xlabel}</text>`);
    parts.push(`<text transform="translate(18,${oy + H / 2}) rotate(-90)" text-anchor="middle" font-size="12">${p.ylabel}</text>`);
    parts.push(`<polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="${pts.join(" ")}"/>`);
    parts.push(`</g>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H * panels.length}" viewBox="0 0 ${W} ${H * panels.length}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${parts.join("\n")}\n</svg>\n`;
}
