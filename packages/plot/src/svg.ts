/**
 * A tiny SVG string builder: no DOM, so figures render the same in Node, a worker or a browser.
 */

/** Escape text for use inside an SVG element or attribute. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Attribute values; `undefined`/`null`/`false` attributes are dropped. */
export type Attrs = Record<string, string | number | boolean | undefined | null>;

function attrs(a: Attrs): string {
  let s = "";
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === null || v === false) continue;
    s += ` ${k}="${typeof v === "number" ? fmt(v) : escapeXml(String(v))}"`;
  }
  return s;
}

/** Round a coordinate to 2 decimals (keeps files small; sub-pixel accuracy is plenty). */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return "0";
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

/** An element with attributes and (already serialised) children. */
export function el(tag: string, a: Attrs = {}, children: string | readonly string[] = ""): string {
  const inner = typeof children === "string" ? children : children.join("");
  return inner === "" ? `<${tag}${attrs(a)}/>` : `<${tag}${attrs(a)}>${inner}</${tag}>`;
}

/** A `<text>` element; `text` is escaped. */
export function text(x: number, y: number, s: string, a: Attrs = {}): string {
  return el("text", { x, y, ...a }, escapeXml(s));
}

/** The default font stack (DejaVu Sans is what resvg finds on most Linux systems). */
export const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

/** Approximate width of `s` in px at `size` px (no DOM to measure text). */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[il.,:;|!'\[\]()\s]/.test(ch) ? 0.32 : /[mwMW]/.test(ch) ? 0.85 : /[A-Z]/.test(ch) ? 0.68 : 0.56;
  return w * size;
}

/** Wrap content in a root `<svg>` element with a white background. */
export function svgDocument(width: number, height: number, body: readonly string[], background = "white"): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" ` +
    `viewBox="0 0 ${fmt(width)} ${fmt(height)}" font-family="${FONT}">` +
    (background === "none" ? "" : `<rect width="100%" height="100%" fill="${background}"/>`) +
    body.join("") +
    `</svg>`
  );
}

/** A path of many small discs (one element, so tens of thousands of points stay cheap). */
export function dotsPath(xs: ArrayLike<number>, ys: ArrayLike<number>, r: number): string {
  const parts: string[] = [];
  const d = fmt(2 * r);
  for (let i = 0; i < xs.length; i++) {
    parts.push(`M${fmt(xs[i] - r)},${fmt(ys[i])}a${fmt(r)},${fmt(r)} 0 1,0 ${d},0a${fmt(r)},${fmt(r)} 0 1,0 -${d},0`);
  }
  return parts.join("");
}

let idCounter = 0;
/** A document-unique id (for clip paths). */
export function uid(prefix: string): string {
  idCounter = (idCounter + 1) % 1e9;
  return `${prefix}${idCounter.toString(36)}`;
}
