/** Options of {@link toPng} and {@link rasterize}. */
export interface PngOptions {
  /** pixel scale factor (default 1: one pixel per SVG px); ignored when `width` is set */
  scale?: number;
  /** output width in pixels (height follows the aspect ratio) */
  width?: number;
  /** background colour (default: the SVG's own; figures paint white) */
  background?: string;
}

/** Raw RGBA pixels of a rendered SVG. */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, row-major, 4 bytes per pixel */
  readonly pixels: Uint8Array;
}

type ResvgModule = typeof import("@resvg/resvg-js");
let resvg: Promise<ResvgModule> | undefined;

async function loadResvg(): Promise<ResvgModule> {
  // Imported lazily, so that browser bundles of @orrery/plot never need the native module.
  resvg ??= import("@resvg/resvg-js").catch((e: unknown) => {
    resvg = undefined;
    throw new Error(`toPng needs @resvg/resvg-js (Node only): pnpm add @resvg/resvg-js (${String(e)})`);
  });
  return resvg;
}

function render(mod: ResvgModule, svg: string, options: PngOptions) {
  const fitTo = options.width !== undefined
    ? { mode: "width" as const, value: options.width }
    : { mode: "zoom" as const, value: options.scale ?? 1 };
  const r = new mod.Resvg(svg, {
    fitTo,
    background: options.background,
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return r.render();
}

/**
 * Render an SVG string to PNG bytes in Node, with resvg (`@resvg/resvg-js`, loaded on first use).
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * writeFileSync("corner.png", await toPng(cornerPlot(draws), { scale: 2 }));
 * ```
 */
export async function toPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const mod = await loadResvg();
  return new Uint8Array(render(mod, svg, options).asPng());
}

/**
 * Render an SVG string to raw RGBA pixels in Node (resvg), e.g. to check a figure's content.
 *
 * @example
 * ```ts
 * const { width, height, pixels } = await rasterize(tracePlot(draws));
 * ```
 */
export async function rasterize(svg: string, options: PngOptions = {}): Promise<RasterImage> {
  const mod = await loadResvg();
  const img = render(mod, svg, options);
  return { width: img.width, height: img.height, pixels: new Uint8Array(img.pixels) };
}
