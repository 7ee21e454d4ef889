import { flattenDraws, type ChainMatrix, type DrawsRecord } from "@orrery/diagnostics";

/**
 * Plot inputs. Draws are what `@orrery/diagnostics` accepts: a record of named parameters, each
 * `{ data, shape: [chains, draws, ...event] }`, a `{ data, chains, draws }` matrix, or nested
 * arrays chain × draw × ... (a flat array is one chain). Vector parameters expand to `name[i]`.
 */

/** One fit (a run, a sampler, a model) to overlay on others. */
export interface Fit {
  /** the draws, as a record of named parameters */
  readonly draws: DrawsRecord;
  /** legend label */
  readonly label?: string;
  /** colour of this fit (CSS colour) */
  readonly color?: string;
}

/** Draws of one fit, or several fits to overlay. */
export type PlotDraws = DrawsRecord | readonly Fit[];

/** One scalar component of a parameter, e.g. `theta[1]`. */
export interface ScalarParam {
  /** the component name, `theta[1]` or `mu` */
  readonly name: string;
  /** the parameter it comes from, `theta` */
  readonly base: string;
  readonly matrix: ChainMatrix;
}

/** True when `x` is a list of fits rather than one record of draws. */
export function isFitList(x: PlotDraws): x is readonly Fit[] {
  return Array.isArray(x) && (x.length === 0 || (typeof x[0] === "object" && x[0] !== null && "draws" in x[0]));
}

/** Normalise to a list of fits. */
export function toFits(x: PlotDraws): Fit[] {
  return isFitList(x) ? [...x] : [{ draws: x as DrawsRecord }];
}

/** The name of a scalar component: `theta[0, 1]`. */
export function componentName(name: string, index: readonly number[]): string {
  return index.length === 0 ? name : `${name}[${index.join(", ")}]`;
}

/**
 * Expand named draws into scalar components, optionally keeping only `params` (names of
 * parameters, `theta`, or of components, `theta[1]`), in the order given.
 */
export function scalarParams(draws: DrawsRecord, params?: readonly string[]): ScalarParam[] {
  const record = params ? pickRecord(draws, params) : draws;
  const all = flattenDraws(record).map((c) => ({ name: componentName(c.name, c.index), base: c.name, matrix: c.matrix }));
  if (!params) return all;
  const out: ScalarParam[] = [];
  for (const p of params) {
    const hits = all.filter((c) => c.name === p || c.base === p);
    if (hits.length === 0) {
      throw new RangeError(`no parameter "${p}" in the draws (have: ${[...new Set(all.map((c) => c.name))].join(", ")})`);
    }
    for (const h of hits) if (!out.includes(h)) out.push(h);
  }
  return out;
}

function pickRecord(draws: DrawsRecord, params: readonly string[]): DrawsRecord {
  const keep: Record<string, DrawsRecord[string]> = {};
  for (const p of params) {
    const base = p.replace(/\[.*$/, "");
    if (!(base in draws)) {
      throw new RangeError(`no parameter "${p}" in the draws (have: ${Object.keys(draws).join(", ")})`);
    }
    keep[base] = draws[base];
  }
  return keep;
}

/** Every draw of a component, all chains pooled. */
export function pooled(p: ScalarParam): Float64Array {
  return p.matrix.data;
}

/** The draws of chain `c`. */
export function chainOf(p: ScalarParam, c: number): Float64Array {
  const { data, draws } = p.matrix;
  return data.subarray(c * draws, (c + 1) * draws);
}
