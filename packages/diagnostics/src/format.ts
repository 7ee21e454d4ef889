import type { Summary } from "./summary.js";

/**
 * Plain-text tables of summaries, aligned for a terminal.
 */

export interface FormatOptions {
  /** Digits after the decimal point for statistics (default 2, as NumPyro and ArviZ print). */
  digits?: number;
  /**
   * Columns printed as whole numbers (default: ESS columns, `n_eff`, `ess_*`), as ArviZ rounds
   * ESS to integers.
   */
  integerColumns?: (column: string) => boolean;
  /** Text for NaN (R's NA); default "NaN". */
  nan?: string;
}

function defaultIntegerColumn(column: string): boolean {
  return column === "n_eff" || column.startsWith("ess_");
}

/**
 * Format a {@link Summary} as an aligned text table: a header line, then one right-aligned line
 * per row, the row names left-aligned.
 *
 * @example
 * ```ts
 * console.log(formatSummary(summary(draws)));
 * //          mean    sd  hdi_3%  hdi_97%  mcse_mean  mcse_sd  ess_bulk  ess_tail  r_hat
 * // mu       0.02  0.99   -1.81     1.88       0.02     0.01      3921      3809   1.00
 * ```
 */
export function formatSummary(s: Summary, options: FormatOptions = {}): string {
  const digits = options.digits ?? 2;
  const isInt = options.integerColumns ?? defaultIntegerColumn;
  const nan = options.nan ?? "NaN";
  const cell = (v: number, column: string): string => {
    if (Number.isNaN(v)) return nan;
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    return isInt(column) ? Math.round(v).toString() : v.toFixed(digits);
  };
  const header = ["", ...s.columns];
  const body = s.rows.map((r) => [r.variable, ...s.columns.map((c) => cell(r.values[c], c))]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((row) => row[j].length)));
  const line = (cells: string[]): string =>
    cells.map((c, j) => (j === 0 ? c.padEnd(widths[0]) : c.padStart(widths[j]))).join("  ").trimEnd();
  return [line(header), ...body.map(line)].join("\n");
}
