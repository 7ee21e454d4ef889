import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { rasterize, toPng, type RasterImage } from "../src/index.js";

/** A seeded standard-normal generator (mulberry32 + Box–Muller). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u() + 1e-300)) * Math.cos(2 * Math.PI * u());
}

/** chains × draws of a correlated 2-D Gaussian (means mx, my; sds sx, sy; correlation rho). */
export function gaussian2d(chains: number, draws: number, rho: number, seed = 1, [mx, my, sx, sy] = [0, 0, 1, 1]) {
  const z = rng(seed);
  const x = new Float64Array(chains * draws);
  const y = new Float64Array(chains * draws);
  for (let i = 0; i < x.length; i++) {
    const a = z();
    const b = z();
    x[i] = mx + sx * a;
    y[i] = my + sy * (rho * a + Math.sqrt(1 - rho * rho) * b);
  }
  return { x: { data: x, shape: [chains, draws] }, y: { data: y, shape: [chains, draws] } };
}

/** A 4-parameter posterior-like example: m, b (correlated), log σ (skewed), and a vector theta[2]... */
export function fourParams(chains = 4, draws = 1000, seed = 7) {
  const z = rng(seed);
  const n = chains * draws;
  const m = new Float64Array(n);
  const b = new Float64Array(n);
  const s = new Float64Array(n);
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = z();
    const c = z();
    m[i] = 1.23 + 0.05 * a;
    b[i] = 4.2 + 0.3 * (-0.85 * a + Math.sqrt(1 - 0.85 ** 2) * c);
    s[i] = Math.exp(-1 + 0.25 * z());
    f[i] = 0.5 * m[i] + 0.1 * z() + 0.3 * s[i];
  }
  const sh = [chains, draws];
  return { m: { data: m, shape: sh }, b: { data: b, shape: sh }, sigma: { data: s, shape: sh }, f: { data: f, shape: sh } };
}

export const OUT = fileURLToPath(new URL("./out/", import.meta.url));

/** Write the SVG and a PNG of it under test/out/ (gitignored), for people to look at. */
export async function save(name: string, svg: string, scale = 1.5): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}${name}.svg`, svg);
  writeFileSync(`${OUT}${name}.png`, await toPng(svg, { scale }));
}

/** Text contents of every `<text>` element (tspans joined). */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, ""));
}

/** Elements (opening tags) with a class. */
export function byClass(svg: string, cls: string): string[] {
  return [...svg.matchAll(new RegExp(`<[a-zA-Z]+\\b[^>]*class="(?:[^"]*\\s)?${cls}(?:\\s[^"]*)?"[^>]*>`, "g"))].map((m) => m[0]);
}

/** Fraction of non-white pixels in a rectangle of an image (px of the image). */
export function inkFraction(img: RasterImage, x0: number, y0: number, w: number, h: number): number {
  let ink = 0;
  let total = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(img.height, y0 + h); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(img.width, x0 + w); x++) {
      const o = 4 * (y * img.width + x);
      total++;
      if (img.pixels[o] < 235 || img.pixels[o + 1] < 235 || img.pixels[o + 2] < 235) ink++;
    }
  }
  return total ? ink / total : 0;
}

export { rasterize };
