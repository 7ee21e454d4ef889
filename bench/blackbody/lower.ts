/**
 * Print what Orrery compiles for the blackbody benchmark: the staged jaxpr and the generated
 * JavaScript of jit(vmap(colour)) and jit(vmap(grad(colour))) for the full batch.
 *
 *   node --conditions=source --import tsx bench/blackbody/lower.ts [f|df] [--jaxpr]
 */
import { grad, jit, np, vmap } from "@orrery/core";
import { colourFn, passbands } from "../../examples/blackbody/src/blackbody.js";
import { N_BETA, N_LAM } from "./common.js";

const colour = colourFn(passbands(N_LAM));
const betas = np.logspace(-2, 0, N_BETA);
const which = process.argv.slice(2).filter((a) => !a.startsWith("--"));
for (const fn of which.length ? which : ["f", "df"]) {
  const lowered = (fn === "f" ? jit(vmap(colour)) : jit(vmap(grad(colour)))).lower(betas);
  console.log(`// ===== ${fn}: jit(vmap(${fn === "f" ? "colour" : "grad(colour)"})).lower(betas)`);
  if (process.argv.includes("--jaxpr")) console.log(lowered.jaxpr);
  console.log(lowered.source);
}
