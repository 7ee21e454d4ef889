/**
 * The model graph of `hrModel` as ppl's `modelGraph` finds it, with one fix-up: a site whose
 * distribution a plate broadcast (here μ_c, a scalar Normal inside the clusters plate) is
 * reported as "ExpandedDistribution"; NumPyro's `render_model` shows the distribution that was
 * written, so the example unwraps it.
 */
import { ExpandedDistribution } from "@orrery/distributions";
import { type ModelGraph, modelGraph, seed, trace } from "@orrery/ppl";
import { type Data, hrModel } from "./model.js";

/**
 * The graph of `hrModel` on `data`, with plate-expanded distributions named by their base.
 *
 * @example
 * ```ts
 * console.log(toDot(hrGraph(makeData())));
 * ```
 */
export function hrGraph(data: Data): ModelGraph {
  const g = modelGraph(hrModel, data);
  const tr = trace(seed(hrModel, 0)).getTrace(data);
  for (const s of g.sites) {
    let fn = tr[s.name]?.fn;
    while (fn instanceof ExpandedDistribution) fn = fn.baseDist;
    if (s.type === "sample" && fn) s.distribution = fn.name;
  }
  return g;
}
