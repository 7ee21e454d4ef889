import { toDrawsArray, type DrawsArray, type DrawsRecord } from "../draws.js";

/**
 * CmdStan's CSV output, one file per chain: '#' comment lines (the configuration, then the
 * adaptation results and timings), a header line, and one line per draw. Sampler columns end in
 * `__` (lp__, accept_stat__, stepsize__, treedepth__, n_leapfrog__, divergent__, energy__);
 * container parameters are flattened to `name.i.j` (1-based, column-major as Stan writes them).
 */

/**
 * CmdStan sampler column → ArviZ `sample_stats` name (as `az.from_cmdstan` renames them).
 *
 * @example
 * ```ts
 * CMDSTAN_TO_ARVIZ_STATS["n_leapfrog__"]; // "n_steps"
 * ```
 */
export const CMDSTAN_TO_ARVIZ_STATS: Readonly<Record<string, string>> = {
  lp__: "lp",
  accept_stat__: "acceptance_rate",
  stepsize__: "step_size",
  treedepth__: "tree_depth",
  n_leapfrog__: "n_steps",
  divergent__: "diverging",
  energy__: "energy",
};

const ARVIZ_TO_CMDSTAN_STATS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CMDSTAN_TO_ARVIZ_STATS).map(([k, v]) => [v, k]),
);

/** Draws of one group (`posterior`, `sampleStats`), each `[chains, draws, ...event]`. */
export type DrawsGroup = Record<string, DrawsArray>;

/** Everything read from a set of CmdStan CSV files (one per chain). */
export interface CmdStanCsv {
  /** parameters, transformed parameters and generated quantities */
  posterior: DrawsGroup;
  /** sampler columns (`__`), named as ArviZ names them unless `statNames: "cmdstan"` */
  sampleStats: DrawsGroup;
  /** warmup draws, when the files hold them (`save_warmup = 1`) */
  warmup?: { posterior: DrawsGroup; sampleStats: DrawsGroup };
  /** the header's column names */
  columns: string[];
  /** `key = value` pairs of the first file's configuration comments ("(Default)" removed) */
  config: Record<string, string>;
  /** per chain: the adapted step size and the inverse metric, where the files report them */
  adaptation: Array<{ stepSize?: number; inverseMetric?: number[] | number[][] }>;
  /** per chain: elapsed seconds, where the files report them */
  timing: Array<{ warmup?: number; sampling?: number; total?: number }>;
}

export interface ReadCmdStanOptions {
  /** Name sample stats as ArviZ does (`lp`, `diverging`, ...; default) or keep CmdStan's (`lp__`). */
  statNames?: "arviz" | "cmdstan";
}

interface ParsedFile {
  columns: string[];
  warmup: number[][];
  draws: number[][];
  config: Record<string, string>;
  stepSize?: number;
  inverseMetric?: number[] | number[][];
  timing: { warmup?: number; sampling?: number; total?: number };
}

function parseValue(s: string): number {
  const t = s.trim();
  const lower = t.toLowerCase();
  if (lower === "nan" || lower === "-nan") return NaN;
  if (lower === "inf" || lower === "+inf" || lower === "infinity") return Infinity;
  if (lower === "-inf" || lower === "-infinity") return -Infinity;
  const v = Number(t);
  if (t === "" || Number.isNaN(v)) throw new SyntaxError(`not a number: "${s}"`);
  return v;
}

/** The numbers of a comment line such as "# 0.48, 1.2", or undefined if it holds anything else. */
function numberRow(line: string | undefined): number[] | undefined {
  if (line === undefined || !line.trim().startsWith("#")) return undefined;
  const body = line.trim().replace(/^#\s*/, "");
  if (body === "") return undefined;
  try {
    return body.split(",").map(parseValue);
  } catch {
    return undefined;
  }
}

function parseFile(text: string, chain: number): ParsedFile {
  const lines = text.split(/\r?\n/);
  const config: Record<string, string> = {};
  const timing: ParsedFile["timing"] = {};
  let columns: string[] | undefined;
  const rows: number[][] = [];
  let adaptationAt = -1;
  let stepSize: number | undefined;
  let inverseMetric: number[] | number[][] | undefined;
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li];
    const line = raw.trim();
    if (line === "") continue;
    if (line.startsWith("#")) {
      const c = line.replace(/^#\s*/, "").replace(/\s*\(Default\)\s*$/, "").trim();
      if (columns === undefined) {
        const m = /^([^=\s]+)\s*=\s*(.*)$/.exec(c);
        if (m) config[m[1]] = m[2].trim();
        continue;
      }
      if (/^Adaptation terminated/i.test(c)) adaptationAt = rows.length;
      else if (/^Step size\s*=/i.test(c)) stepSize = parseValue(c.split("=")[1]);
      else if (/inverse mass matrix|inverse metric/i.test(c)) {
        const dense = !/diagonal/i.test(c);
        const matrix: number[][] = [];
        for (let row = numberRow(lines[li + 1]); row !== undefined; row = numberRow(lines[li + 1])) {
          li++;
          matrix.push(row);
          if (!dense) break;
        }
        inverseMetric = dense ? matrix : matrix[0];
      } else {
        const t = /Elapsed Time:\s*([0-9.eE+-]+)\s*seconds\s*\(Warm-up\)/i.exec(c) ?? /^([0-9.eE+-]+)\s*seconds\s*\((Sampling|Total)\)/i.exec(c);
        if (t) {
          const v = Number(t[1]);
          if (/Warm-up/i.test(c)) timing.warmup = v;
          else if (/Sampling/i.test(c)) timing.sampling = v;
          else timing.total = v;
        }
      }
      continue;
    }
    if (columns === undefined) {
      columns = line.split(",").map((s) => s.trim());
      continue;
    }
    const cells = line.split(",");
    if (cells.length !== columns.length) {
      throw new SyntaxError(`CmdStan CSV chain ${chain}, line ${li + 1}: ${cells.length} values for ${columns.length} columns`);
    }
    try {
      rows.push(cells.map(parseValue));
    } catch (e) {
      throw new SyntaxError(`CmdStan CSV chain ${chain}, line ${li + 1}: ${(e as Error).message}`);
    }
  }
  if (columns === undefined) throw new SyntaxError(`CmdStan CSV chain ${chain}: no header line`);
  const split = adaptationAt > 0 ? adaptationAt : 0;
  return {
    columns,
    warmup: rows.slice(0, split),
    draws: rows.slice(split),
    config,
    stepSize,
    inverseMetric,
    timing,
  };
}

/** `theta.2.3` → ["theta", [2, 3]] (1-based); names without numeric suffixes are scalars. */
function parseColumnName(col: string): [string, number[]] {
  const parts = col.split(".");
  const idx: number[] = [];
  while (parts.length > 1 && /^[0-9]+$/.test(parts[parts.length - 1])) idx.unshift(Number(parts.pop()));
  return [parts.join("."), idx];
}

function buildGroup(
  columns: string[],
  pick: (col: string) => string | undefined,
  chains: number[][][],
): DrawsGroup {
  const nChains = chains.length;
  const nDraws = chains[0].length;
  const vars = new Map<string, { shape: number[]; cols: Array<{ j: number; idx: number[] }> }>();
  columns.forEach((col, j) => {
    const name = pick(col);
    if (name === undefined) return;
    const [base, idx] = col.endsWith("__") ? [name, []] : parseColumnName(name);
    let v = vars.get(base);
    if (v === undefined) {
      v = { shape: idx.map(() => 0), cols: [] };
      vars.set(base, v);
    }
    if (v.shape.length !== idx.length) throw new SyntaxError(`column "${col}" has ${idx.length} indices, others of "${base}" ${v.shape.length}`);
    idx.forEach((k, d) => (v.shape[d] = Math.max(v.shape[d], k)));
    v.cols.push({ j, idx });
  });
  const out: DrawsGroup = {};
  for (const [name, v] of vars) {
    const event = v.shape.reduce((a, b) => a * b, 1);
    const data = new Float64Array(nChains * nDraws * event).fill(NaN);
    for (const { j, idx } of v.cols) {
      let e = 0;
      for (let d = 0; d < idx.length; d++) e = e * v.shape[d] + (idx[d] - 1);
      for (let c = 0; c < nChains; c++) {
        const rows = chains[c];
        for (let i = 0; i < nDraws; i++) data[(c * nDraws + i) * event + e] = rows[i][j];
      }
    }
    out[name] = { data, shape: [nChains, nDraws, ...v.shape] };
  }
  return out;
}

/**
 * Read CmdStan CSV output: one text per chain (all with the same columns and number of draws).
 *
 * @param files - the CSV texts (e.g. `readFileSync("output_1.csv", "utf8")` for each chain)
 * @example
 * ```ts
 * const fit = readCmdStanCsv([1, 2, 3, 4].map((c) => readFileSync(`out_${c}.csv`, "utf8")));
 * summary(fit.posterior);
 * bfmi(fit.sampleStats.energy);
 * ```
 */
export function readCmdStanCsv(files: string | readonly string[], options: ReadCmdStanOptions = {}): CmdStanCsv {
  const texts = typeof files === "string" ? [files] : files;
  if (texts.length === 0) throw new RangeError("readCmdStanCsv: no files");
  const parsed = texts.map((t, c) => parseFile(t, c));
  const columns = parsed[0].columns;
  parsed.forEach((p, c) => {
    if (p.columns.join(",") !== columns.join(",")) throw new SyntaxError(`CmdStan CSV chain ${c} has different columns from chain 0`);
    if (p.draws.length !== parsed[0].draws.length) {
      throw new SyntaxError(`CmdStan CSV chain ${c} has ${p.draws.length} draws, chain 0 has ${parsed[0].draws.length}`);
    }
    if (p.warmup.length !== parsed[0].warmup.length) {
      throw new SyntaxError(`CmdStan CSV chain ${c} has ${p.warmup.length} warmup draws, chain 0 has ${parsed[0].warmup.length}`);
    }
  });
  const arviz = (options.statNames ?? "arviz") === "arviz";
  const statName = (col: string): string | undefined =>
    col.endsWith("__") ? (arviz ? (CMDSTAN_TO_ARVIZ_STATS[col] ?? col.replace(/__$/, "")) : col) : undefined;
  const paramName = (col: string): string | undefined => (col.endsWith("__") ? undefined : col);
  const groups = (rows: number[][][]) => ({
    posterior: buildGroup(columns, paramName, rows),
    sampleStats: buildGroup(columns, statName, rows),
  });
  const main = groups(parsed.map((p) => p.draws));
  return {
    ...main,
    ...(parsed[0].warmup.length > 0 ? { warmup: groups(parsed.map((p) => p.warmup)) } : {}),
    columns,
    config: parsed[0].config,
    adaptation: parsed.map((p) => ({
      ...(p.stepSize !== undefined ? { stepSize: p.stepSize } : {}),
      ...(p.inverseMetric !== undefined ? { inverseMetric: p.inverseMetric } : {}),
    })),
    timing: parsed.map((p) => p.timing),
  };
}

export interface WriteCmdStanOptions {
  /** Extra comment lines for the top of every file (without the leading '#'). */
  comments?: readonly string[];
  /** Warmup draws to write before "# Adaptation terminated" (sets save_warmup = 1). */
  warmup?: { posterior: DrawsRecord; sampleStats?: DrawsRecord };
  /** Per chain adaptation results to write after "# Adaptation terminated". */
  adaptation?: ReadonlyArray<{ stepSize?: number; inverseMetric?: readonly number[] }>;
}

/** Stan's column order for a container: column-major, 1-based (`a.1.1, a.2.1, a.1.2, ...`). */
function columnMajorIndices(shape: readonly number[]): number[][] {
  const total = shape.reduce((a, b) => a * b, 1);
  const out: number[][] = [];
  const idx = shape.map(() => 0);
  for (let k = 0; k < total; k++) {
    out.push(idx.slice());
    for (let d = 0; d < shape.length; d++) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return String(v);
}

const STAT_ORDER = ["lp__", "accept_stat__", "stepsize__", "treedepth__", "n_leapfrog__", "divergent__", "energy__"];

interface Column {
  name: string;
  arr: DrawsArray;
  offset: number;
  event: number;
}

function collectColumns(posterior: DrawsRecord, sampleStats: DrawsRecord | undefined): Column[] {
  const stats: Column[] = [];
  for (const [name, value] of Object.entries(sampleStats ?? {})) {
    const arr = toDrawsArray(value, name);
    if (arr.shape.length > 2) throw new RangeError(`sample stat "${name}" must be scalar per draw`);
    const col = ARVIZ_TO_CMDSTAN_STATS[name] ?? (name.endsWith("__") ? name : `${name}__`);
    stats.push({ name: col, arr, offset: 0, event: 1 });
  }
  const rank = (n: string): number => (STAT_ORDER.includes(n) ? STAT_ORDER.indexOf(n) : STAT_ORDER.length);
  stats.sort((a, b) => rank(a.name) - rank(b.name));
  const params: Column[] = [];
  for (const [name, value] of Object.entries(posterior)) {
    if (name.includes(".") || name.endsWith("__")) throw new RangeError(`parameter name "${name}" cannot be written to CmdStan CSV`);
    const arr = toDrawsArray(value, name);
    const eventShape = arr.shape.slice(2);
    const event = eventShape.reduce((a, b) => a * b, 1);
    if (eventShape.length === 0) {
      params.push({ name, arr, offset: 0, event: 1 });
      continue;
    }
    for (const idx of columnMajorIndices(eventShape)) {
      let offset = 0;
      for (let d = 0; d < idx.length; d++) offset = offset * eventShape[d] + idx[d];
      params.push({ name: `${name}.${idx.map((i) => i + 1).join(".")}`, arr, offset, event });
    }
  }
  return [...stats, ...params];
}

function shapeOf(cols: Column[]): [number, number] {
  if (cols.length === 0) throw new RangeError("writeCmdStanCsv: no draws to write");
  const [chains, draws] = cols[0].arr.shape;
  for (const c of cols) {
    if (c.arr.shape[0] !== chains || c.arr.shape[1] !== draws) {
      throw new RangeError(`column "${c.name}" has ${c.arr.shape[0]} chains × ${c.arr.shape[1]} draws, expected ${chains} × ${draws}`);
    }
  }
  return [chains, draws];
}

function rowsOf(cols: Column[], chain: number, draws: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < draws; i++) {
    out.push(cols.map((c) => formatValue(Number(c.arr.data[(chain * draws + i) * c.event + c.offset]))).join(","));
  }
  return out;
}

/**
 * Write draws as CmdStan CSV text, one string per chain, readable by CmdStan's tools, cmdstanr,
 * cmdstanpy, `posterior::read_cmdstan_csv` and `arviz.from_cmdstan`. Sample stats may be named
 * the ArviZ way (`lp`, `diverging`, ...) or the CmdStan way (`lp__`); numbers are written with
 * full precision (round-trip exact), NaN and infinities as `nan`, `inf`, `-inf`.
 *
 * @example
 * ```ts
 * const [chain1, chain2] = writeCmdStanCsv({ posterior: { mu, theta }, sampleStats: { lp, energy } });
 * writeFileSync("orrery_1.csv", chain1);
 * ```
 */
export function writeCmdStanCsv(
  draws: { posterior: DrawsRecord; sampleStats?: DrawsRecord },
  options: WriteCmdStanOptions = {},
): string[] {
  const cols = collectColumns(draws.posterior, draws.sampleStats);
  const [chains, n] = shapeOf(cols);
  const warmCols = options.warmup ? collectColumns(options.warmup.posterior, options.warmup.sampleStats) : undefined;
  const nWarm = warmCols ? shapeOf(warmCols)[1] : 0;
  if (warmCols && warmCols.map((c) => c.name).join(",") !== cols.map((c) => c.name).join(",")) {
    throw new RangeError("writeCmdStanCsv: warmup draws must have the same columns as the draws");
  }
  const files: string[] = [];
  for (let c = 0; c < chains; c++) {
    const lines = [
      "# Written by @orrery/diagnostics",
      ...(options.comments ?? []).map((s) => `# ${s}`),
      "# method = sample",
      `#   num_samples = ${n}`,
      `#   num_warmup = ${nWarm}`,
      `#   save_warmup = ${nWarm > 0 ? 1 : 0}`,
      "#   thin = 1",
      `# id = ${c + 1}`,
      cols.map((col) => col.name).join(","),
    ];
    if (warmCols) lines.push(...rowsOf(warmCols, c, nWarm));
    const adapt = options.adaptation?.[c];
    if (warmCols || adapt) lines.push("# Adaptation terminated");
    if (adapt?.stepSize !== undefined) lines.push(`# Step size = ${formatValue(adapt.stepSize)}`);
    if (adapt?.inverseMetric !== undefined) {
      lines.push("# Diagonal elements of inverse mass matrix:", `# ${adapt.inverseMetric.map(formatValue).join(", ")}`);
    }
    lines.push(...rowsOf(cols, c, n));
    files.push(lines.join("\n") + "\n");
  }
  return files;
}
