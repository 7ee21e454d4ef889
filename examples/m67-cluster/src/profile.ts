/**
 * Where the time goes: compile the model's potential once, as MCMC does
 * (`jit(valueAndGrad(pot.logp)).lower(theta)`), and time `runInto` calls of the value and
 * gradient over the whole catalogue. Prints the compile time and ns per gradient call.
 *
 *   node --conditions=source --import tsx src/profile.ts [numStars]
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ConcreteArray, jit, np, random, valueAndGrad } from "@orrery/core";
import { initToValue, potentialFromModel } from "@orrery/ppl";
import { headOf, loadGaiaCsv } from "./catalogue.js";
import { clusterModel, initialValues, toModelData } from "./model.js";

const here = dirname(fileURLToPath(import.meta.url));
const full = loadGaiaCsv(join(here, "..", "data", "catalogue.csv"));
const cat = process.argv[2] ? headOf(full, Number(process.argv[2])) : full;
const data = toModelData(cat);

let t = performance.now();
const pot = potentialFromModel(clusterModel, [data]);
const theta = pot.init(random.key(0), initToValue({ values: initialValues(cat, data) }));
const tInit = performance.now() - t;
t = performance.now();
const compiled = jit(valueAndGrad(pot.logp)).lower(np.array(theta) as ConcreteArray);
const tCompile = performance.now() - t;

const ins = [Float64Array.from(theta)];
const outs = [new Float64Array(1), new Float64Array(pot.dim)];
for (let i = 0; i < 200; i++) compiled.runInto(ins, outs); // warm up V8
const calls = 2000;
t = performance.now();
for (let i = 0; i < calls; i++) {
  ins[0][i % pot.dim] += 1e-9; // keep the input changing
  compiled.runInto(ins, outs);
}
const ns = ((performance.now() - t) * 1e6) / calls;
console.log(`stars: ${cat.n}, dimension: ${pot.dim}`);
console.log(`potentialFromModel + init: ${tInit.toFixed(0)} ms; jit(valueAndGrad).lower: ${tCompile.toFixed(0)} ms`);
console.log(`value and gradient: ${(ns / 1000).toFixed(1)} µs per call (${(ns / cat.n).toFixed(1)} ns per star); logp = ${outs[0][0].toFixed(3)}`);
