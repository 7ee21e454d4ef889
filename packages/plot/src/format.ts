/** Number formatting for titles and labels. */

const MINUS = "\u2212";

/** Format with a real minus sign. */
export function fixed(v: number, digits: number): string {
  const s = v.toFixed(Math.max(0, Math.min(20, digits)));
  return s.startsWith("-") ? MINUS + s.slice(1) : s;
}

/** Decimal places that show 2 significant digits of `err` (at least 0). */
export function digitsFor(err: number): number {
  if (!(err > 0) || !Number.isFinite(err)) return 2;
  return Math.max(0, 1 - Math.floor(Math.log10(err)));
}

/**
 * A quantile title `median +up −down`, e.g. `1.23 +0.04 −0.05`, rounded to two significant
 * digits of the smaller error (or `digits` places).
 */
export function quantileTitle(lo: number, mid: number, hi: number, digits?: number): { mid: string; plus: string; minus: string } {
  const up = hi - mid;
  const down = mid - lo;
  const d = digits ?? digitsFor(Math.min(up, down));
  return { mid: fixed(mid, d), plus: "+" + fixed(up, d), minus: MINUS + fixed(down, d) };
}
