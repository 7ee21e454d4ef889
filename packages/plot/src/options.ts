import type { ScalarParam } from "./draws-input.js";

/** Per-parameter values, keyed by component (`theta[1]`) or parameter (`theta`: a number or one per component), or listed in plot order. */
export type PerParam<T> = Readonly<Record<string, T | readonly T[]>> | readonly (T | null | undefined)[];

/** Resolve a {@link PerParam} value for component `k` of `params`. */
export function perParam<T>(values: PerParam<T> | undefined, params: readonly ScalarParam[], k: number): T | undefined {
  if (values === undefined) return undefined;
  if (Array.isArray(values)) return (values as readonly (T | null | undefined)[])[k] ?? undefined;
  const rec = values as Readonly<Record<string, T | readonly T[]>>;
  const p = params[k];
  if (p.name in rec) return rec[p.name] as T;
  if (p.base in rec) {
    const v = rec[p.base];
    if (Array.isArray(v)) {
      const pos = params.filter((q) => q.base === p.base).indexOf(p);
      return (v as readonly T[])[pos];
    }
    return v as T;
  }
  return undefined;
}

/** A display label: `labels` (by name or position) or the component name. */
export function labelOf(labels: PerParam<string> | undefined, params: readonly ScalarParam[], k: number): string {
  const l = perParam(labels, params, k);
  return l ?? params[k].name;
}
