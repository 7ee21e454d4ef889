import { flattenDraws, toChainMatrix, toDrawsArray, type DrawsArray, type DrawsRecord, type ScalarComponent, type ScalarDraws } from "./draws.js";
import { checkProb } from "./quantile.js";
import { ScalarStats } from "./scalar-stats.js";

/**
 * Summary tables of draws: one row per scalar component, with ArviZ's, NumPyro's or posterior's
 * columns, or columns of your choosing.
 */

/**
 * A statistic a summary column can show. Names follow ArviZ/posterior (snake_case), since they are
 * also the default column labels:
 *
 * | stat | function | ArviZ / posterior / NumPyro column |
 * | --- | --- | --- |
 * | `mean`, `sd`, `median`, `mad` | {@link mean}, {@link sd}, {@link median}, {@link mad} | `mean`, `sd` (NumPyro `std`), `median`, `mad` |
 * | `mcse_mean`, `mcse_sd`, `mcse_median` | {@link mcseMean}, {@link mcseSd}, {@link mcseMedian} | same |
 * | `ess_bulk`, `ess_tail`, `ess_mean`, `ess_sd`, `ess_median` | {@link essBulk}, {@link essTail}, {@link essMean}, {@link essSd}, {@link essMedian} | same |
 * | `r_hat` | {@link rhat} | ArviZ `r_hat`, posterior `rhat` |
 * | `rhat_basic` | {@link rhatBasic} | posterior `rhat_basic` |
 * | `n_eff`, `r_hat_numpyro` | {@link essNumpyro}, {@link splitRhatNumpyro} | NumPyro `n_eff`, `r_hat` |
 */
export type SummaryStat =
  | "mean"
  | "sd"
  | "median"
  | "mad"
  | "mcse_mean"
  | "mcse_sd"
  | "mcse_median"
  | "ess_bulk"
  | "ess_tail"
  | "ess_mean"
  | "ess_sd"
  | "ess_median"
  | "r_hat"
  | "rhat_basic"
  | "n_eff"
  | "r_hat_numpyro";

/** A column: a statistic (or a quantile / interval bound) and the label it is printed under. */
export type SummaryColumn =
  | SummaryStat
  | { readonly stat: SummaryStat; readonly label: string }
  | { readonly quantile: number; readonly label?: string }
  | { readonly hdi: number; readonly bound: "lower" | "upper"; readonly label?: string }
  | { readonly eti: number; readonly bound: "lower" | "upper"; readonly label?: string }
  | { readonly essQuantile: number; readonly label?: string }
  | { readonly mcseQuantile: number; readonly label?: string };

/** Which library's table to reproduce. */
export type SummaryPreset = "arviz" | "numpyro" | "posterior";

export interface SummaryOptions {
  /**
   * - `"arviz"` (default): `mean sd hdi_3% hdi_97% mcse_mean mcse_sd ess_bulk ess_tail r_hat`
   *   (ArviZ's `az.summary`), rows named `theta[0, 1]`;
   * - `"numpyro"`: `mean std median 5.0% 95.0% n_eff r_hat` (NumPyro's `print_summary`: the
   *   interval is the 90% HPDI, `n_eff` and `r_hat` the legacy estimators), rows `theta[0,1]`;
   * - `"posterior"`: `mean median sd mad q5 q95 rhat ess_bulk ess_tail` (R's
   *   `summarise_draws`), rows `theta[1,2]`.
   */
  preset?: SummaryPreset;
  /** Interval probability: ArviZ 0.94, NumPyro 0.9, posterior 0.9 (q5 and q95). */
  prob?: number;
  /** For the ArviZ preset: highest density (default) or equal-tailed interval. */
  interval?: "hdi" | "eti";
  /** Replace the preset's columns. */
  columns?: readonly SummaryColumn[];
  /** Only these quantities, in this order. */
  varNames?: readonly string[];
  /** Row name of component `index` of quantity `name` (default: the preset's style). */
  rowName?: (name: string, index: readonly number[]) => string;
}

export interface SummaryRow {
  /** row label, e.g. `theta[0, 1]` */
  readonly variable: string;
  /** the quantity's name and the component's index into its event shape */
  readonly name: string;
  readonly index: readonly number[];
  /** column label → value (NaN where a statistic is undefined, as NA in R) */
  readonly values: Readonly<Record<string, number>>;
}

export interface Summary {
  readonly columns: readonly string[];
  readonly rows: readonly SummaryRow[];
}

/** Python's `format(x, "g")` for the percentages in ArviZ's labels. */
function formatG(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function presetColumns(preset: SummaryPreset, prob: number, interval: "hdi" | "eti"): SummaryColumn[] {
  switch (preset) {
    case "arviz": {
      const alpha = 1 - prob;
      const lo = `${interval}_${formatG((100 * alpha) / 2)}%`;
      const hi = `${interval}_${formatG(100 * (1 - alpha / 2))}%`;
      const bound = (b: "lower" | "upper", label: string): SummaryColumn =>
        interval === "hdi" ? { hdi: prob, bound: b, label } : { eti: prob, bound: b, label };
      return ["mean", "sd", bound("lower", lo), bound("upper", hi), "mcse_mean", "mcse_sd", "ess_bulk", "ess_tail", "r_hat"];
    }
    case "numpyro":
      return [
        "mean",
        { stat: "sd", label: "std" },
        "median",
        { hdi: prob, bound: "lower", label: `${(50 * (1 - prob)).toFixed(1)}%` },
        { hdi: prob, bound: "upper", label: `${(50 * (1 + prob)).toFixed(1)}%` },
        "n_eff",
        { stat: "r_hat_numpyro", label: "r_hat" },
      ];
    case "posterior": {
      const lo = (1 - prob) / 2;
      const hi = (1 + prob) / 2;
      return ["mean", "median", "sd", "mad", { quantile: lo }, { quantile: hi }, { stat: "r_hat", label: "rhat" }, "ess_bulk", "ess_tail"];
    }
  }
}

/** R's `paste0("q", p * 100)`: up to 15 significant digits. */
function quantileLabel(p: number, prefix: string): string {
  return `${prefix}${Number((p * 100).toPrecision(15))}`;
}

function columnLabel(c: SummaryColumn): string {
  if (typeof c === "string") return c;
  if ("stat" in c) return c.label;
  if (c.label !== undefined) return c.label;
  if ("quantile" in c) return quantileLabel(c.quantile, "q");
  if ("essQuantile" in c) return quantileLabel(c.essQuantile, "ess_q");
  if ("mcseQuantile" in c) return quantileLabel(c.mcseQuantile, "mcse_q");
  if ("hdi" in c) return `hdi_${formatG((100 * (c.bound === "lower" ? 1 - c.hdi : 1 + c.hdi)) / 2)}%`;
  return `eti_${formatG((100 * (c.bound === "lower" ? 1 - c.eti : 1 + c.eti)) / 2)}%`;
}

function statValue(s: ScalarStats, stat: SummaryStat): number {
  switch (stat) {
    case "mean":
      return s.mean();
    case "sd":
      return s.sd();
    case "median":
      return s.median();
    case "mad":
      return s.mad();
    case "mcse_mean":
      return s.mcseMean();
    case "mcse_sd":
      return s.mcseSd();
    case "mcse_median":
      return s.mcseQuantile(0.5);
    case "ess_bulk":
      return s.essBulk();
    case "ess_tail":
      return s.essTail();
    case "ess_mean":
      return s.essMean();
    case "ess_sd":
      return s.essSd();
    case "ess_median":
      return s.essMedian();
    case "r_hat":
      return s.rhat();
    case "rhat_basic":
      return s.rhatBasic();
    case "n_eff":
      return s.nEff();
    case "r_hat_numpyro":
      return s.splitRhatNumpyro();
  }
}

function columnValue(s: ScalarStats, c: SummaryColumn): number {
  if (typeof c === "string") return statValue(s, c);
  if ("stat" in c) return statValue(s, c.stat);
  if ("quantile" in c) return s.quantile(c.quantile);
  if ("essQuantile" in c) return s.essQuantile(c.essQuantile);
  if ("mcseQuantile" in c) return s.mcseQuantile(c.mcseQuantile);
  if ("hdi" in c) return s.hdi(c.hdi)[c.bound === "lower" ? 0 : 1];
  return s.eti(c.eti)[c.bound === "lower" ? 0 : 1];
}

function defaultRowName(preset: SummaryPreset): (name: string, index: readonly number[]) => string {
  switch (preset) {
    case "arviz":
      return (name, index) => (index.length === 0 ? name : `${name}[${index.join(", ")}]`);
    case "numpyro":
      return (name, index) => (index.length === 0 ? name : `${name}[${index.join(",")}]`);
    case "posterior":
      return (name, index) => (index.length === 0 ? name : `${name}[${index.map((i) => i + 1).join(",")}]`);
  }
}

function isScalarInput(x: unknown): x is ScalarDraws | DrawsArray {
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return true;
  if (typeof x !== "object" || x === null) return false;
  const o = x as Record<string, unknown>;
  const data = o.data as { length?: unknown } | undefined;
  if (data === undefined || typeof data.length !== "number") return false;
  if (Array.isArray(o.shape)) return o.shape.every((d) => typeof d === "number");
  return typeof o.chains === "number" && typeof o.draws === "number";
}

/**
 * Summarise draws: one row per scalar component of every quantity.
 *
 * @param draws - named draws (`{ mu: ..., theta: ... }`, each chains × draws × event), or the
 *   draws of a single quantity (then named `x`)
 * @example
 * ```ts
 * const s = summary({ mu: { data: muDraws, shape: [4, 1000] }, theta: { data: th, shape: [4, 1000, 8] } });
 * s.rows[0].values["ess_bulk"];
 * console.log(formatSummary(s));
 * summary(draws, { preset: "numpyro" }); // mean std median 5.0% 95.0% n_eff r_hat
 * ```
 */
export function summary(draws: DrawsRecord | ScalarDraws | DrawsArray, options: SummaryOptions = {}): Summary {
  const preset = options.preset ?? "arviz";
  const prob = options.prob ?? (preset === "arviz" ? 0.94 : 0.9);
  checkProb(prob, "summary");
  const specs = options.columns ?? presetColumns(preset, prob, options.interval ?? "hdi");
  const columns = specs.map(columnLabel);
  const rowName = options.rowName ?? defaultRowName(preset);
  const record = asRecord(draws);
  let selected: DrawsRecord = record;
  if (options.varNames !== undefined) {
    const picked: Record<string, DrawsRecord[string]> = {};
    for (const name of options.varNames) {
      if (!(name in record)) {
        throw new RangeError(`summary: no quantity named "${name}"; have ${Object.keys(record).join(", ")}`);
      }
      picked[name] = record[name];
    }
    selected = picked;
  }
  const rows: SummaryRow[] = flattenDraws(selected).map((component: ScalarComponent) => {
    const stats = new ScalarStats(component.matrix);
    const values: Record<string, number> = {};
    specs.forEach((spec, i) => {
      values[columns[i]] = columnValue(stats, spec);
    });
    return { variable: rowName(component.name, component.index), name: component.name, index: component.index, values };
  });
  return { columns, rows };
}

function asRecord(draws: DrawsRecord | ScalarDraws | DrawsArray): DrawsRecord {
  if (!isScalarInput(draws)) return draws as DrawsRecord;
  if (!Array.isArray(draws) && !ArrayBuffer.isView(draws) && "shape" in draws) return { x: toDrawsArray(draws as DrawsArray) };
  const m = toChainMatrix(draws as ScalarDraws);
  return { x: { data: m.data, shape: [m.chains, m.draws] } };
}

/**
 * The rows of a summary as flat records `{ variable, ...columns }`, e.g. for `console.table`,
 * JSON or a data frame.
 *
 * @example
 * ```ts
 * console.table(summaryRecords(summary(draws)));
 * ```
 */
export function summaryRecords(s: Summary): Array<Record<string, string | number>> {
  return s.rows.map((r) => ({ variable: r.variable, ...r.values }));
}
