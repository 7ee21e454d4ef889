/**
 * `ppcPlot` draws every datum in one colour; this colours its points by a value in [0, 1]
 * (here: the posterior outlier probability) and adds a colour bar, by rewriting the SVG's
 * `class="datum"` circles, which it writes in data order.
 */

/** Black (0) → orange → red (1). */
export function probabilityColour(p: number): string {
  const t = Math.min(1, Math.max(0, p));
  const stops = [[0, 0, 0], [230, 120, 0], [215, 25, 28]];
  const s = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(s));
  const f = s - i;
  const c = stops[i].map((a, k) => Math.round(a + f * (stops[i + 1][k] - a)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/**
 * Recolour (and resize) the data points of a `ppcPlot` SVG by `values` in [0, 1], and draw a
 * colour bar labelled `label` whose box has its top-left corner at `at` (SVG pixels).
 *
 * @example
 * ```ts
 * const svg = colourPoints(ppcPlot(data, model), pOutlier, "P(outlier)", { x: 70, y: 340 });
 * ```
 */
export function colourPoints(svg: string, values: ArrayLike<number>, label: string, at: { x: number; y: number }): string {
  let i = 0;
  const out = svg.replace(/<circle([^>]*?)r="[^"]*"([^>]*?)fill="[^"]*"([^>]*?)class="datum"\/>/g, (_m, a: string, b: string, c: string) => {
    const p = values[i++];
    return `<circle${a}r="${(2.8 + 2.2 * p).toFixed(2)}"${b}fill="${probabilityColour(p)}" stroke="white" stroke-width="0.6"${c}class="datum" data-p="${p.toFixed(4)}"/>`;
  });
  if (i !== values.length) throw new Error(`colourPoints: found ${i} data points, expected ${values.length}`);
  const w = 150, h = 10, x0 = at.x + 8, y0 = at.y + 20;
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `<stop offset="${t}" stop-color="${probabilityColour(t)}"/>`).join("");
  const bar =
    `<g class="colour-bar"><defs><linearGradient id="pbar">${stops}</linearGradient></defs>` +
    `<rect x="${x0 - 8}" y="${y0 - 20}" width="${w + 16}" height="${h + 40}" fill="white" fill-opacity="0.85" stroke="#ccc"/>` +
    `<text x="${x0 + w / 2}" y="${y0 - 6}" font-size="10" text-anchor="middle">${label}</text>` +
    `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="url(#pbar)"/>` +
    [0, 0.5, 1].map((t) => `<text x="${x0 + t * w}" y="${y0 + h + 12}" font-size="9" text-anchor="middle">${t}</text>`).join("") +
    `</g>`;
  return out.replace(/<\/svg>\s*$/, `${bar}</svg>`);
}
