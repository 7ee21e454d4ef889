/**
 * Where a seed model's compiled gradient spends its time, loop nest by loop nest.
 *
 *   node --conditions=source --import tsx bench/vs-stan/gradient-groups.ts [model] [calls]
 *
 * Compiles `jit(valueAndGrad(logp))` of the model's potential (bench/vs-stan/seed-models.ts;
 * default hr_diagram) at its initial point, times the generated program (CPU time per call, best
 * of 5 rounds), then times it again with each loop nest ("{ // group N") run 5 times in a row:
 * the difference over 4 is that nest's cost. Nests are idempotent (they write their buffers from
 * their inputs), so repeating one changes no result. `--source` prints the generated program.
 */
import { jit, np, valueAndGrad } from "../../packages/core/src/index.js";
import { scalarLib } from "../../packages/core/src/backend/cpu/scalar-lib.js";
import { potentialFromModel } from "../../packages/ppl/src/index.js";
import { MODELS } from "./seed-models.js";

const [key = "hr_diagram", callsArg] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const spec = MODELS[key]();
const pot = potentialFromModel(spec.model, [spec.args]);
const theta = pot.init(0);
const desc = jit(valueAndGrad(pot.logp)).lower(np.array(theta)).describe();
if (desc === null) throw new Error(`${key}: the compiled program holds functions; it cannot be re-instantiated here`);
if (process.argv.includes("--source")) console.log(desc.source);
const calls = Number(callsArg ?? Math.max(200, Math.round(3e8 / (pot.dim * 1000))));

/** CPU nanoseconds per call of a variant of the program's source. */
function nsPerCall(source: string): number {
  const scratch = desc!.scratch.map(([dtype, size]) => (dtype === "float64" ? new Float64Array(size) : dtype === "int32" ? new Int32Array(size) : new Uint8Array(size)));
  const run = new Function("env", "lib", source)({ consts: desc!.consts, ops: [], lib: scalarLib, scratch }, scalarLib);
  const ins = [theta];
  const outs = [new Float64Array(1), new Float64Array(pot.dim)];
  for (let i = 0; i < calls / 5; i++) run(ins, outs);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < calls; i++) run(ins, outs);
    const c = process.cpuUsage(c0);
    best = Math.min(best, ((c.user + c.system) * 1000) / calls);
  }
  return best;
}

const lines = desc.source.split("\n");
const blocks: [number, number][] = [];
lines.forEach((l, s) => {
  if (!l.startsWith("{ // group")) return;
  let depth = 0;
  for (let e = s; e < lines.length; e++) {
    for (const ch of lines[e]) depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
    if (depth === 0) return void blocks.push([s, e]);
  }
});
const whole = nsPerCall(desc.source);
console.log(`${key} (dim ${pot.dim}): ${whole.toFixed(0)} ns of CPU per valueAndGrad, ${blocks.length} loop nests`);
for (const [s, e] of blocks) {
  const repeated = [...lines.slice(0, s), `for (let rep = 0; rep < 5; rep++) ${lines.slice(s, e + 1).join("\n")}`, ...lines.slice(e + 1)].join("\n");
  console.log(`  ${lines[s].slice(5).padEnd(32)} ~${((nsPerCall(repeated) - whole) / 4).toFixed(0)} ns`);
}
