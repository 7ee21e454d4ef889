/**
 * `jit_call`: a call of a staged, compiled function. Transformations of a jitted function
 * stage a transformed jaxpr and call that (so `vmap(jit(f))` and `jvp(jit(f))` stay
 * compiled); partial evaluation (reverse mode) evaluates the body in place.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { type ShapedArray } from "../core/aval.js";
import { type BDim, type Primitive, type Tangent, Zero, definePrimitive } from "../core/primitive.js";
import { bind } from "../core/trace.js";
import { instantiate } from "../core/tangent.js";
import { type Jaxpr, evalJaxpr, printJaxpr } from "../interpreters/jaxpr.js";
import { jvpFlat } from "../interpreters/jvp.js";
import { matchAxis, vmapFlat } from "../interpreters/batching.js";
import { stageFlat } from "../interpreters/staging.js";
import { type CompiledProgram, compileJaxpr } from "../backend/cpu/compiler/index.js";

/** A staged function called by `jit_call`, with its derived programs cached on it. */
export class StagedCall {
  private program: CompiledProgram | null = null;
  readonly derived = new Map<string, { call: StagedCall; consts: Array[] }>();

  constructor(
    readonly jaxpr: Jaxpr,
    readonly name: string,
  ) {}

  /** The compiled program (compiled on first use). */
  compiled(): CompiledProgram {
    if (this.program === null) this.program = compileJaxpr(this.jaxpr, []);
    return this.program;
  }

  get outAvals(): ShapedArray[] {
    return this.jaxpr.outs.map((a) => a.aval);
  }
}

interface JitCallParams {
  call: StagedCall;
}

function deriveCall(params: JitCallParams, key: string, avals: ShapedArray[], f: (...xs: Array[]) => Array[]): { call: StagedCall; consts: Array[] } {
  let d = params.call.derived.get(key);
  if (d === undefined) {
    const staged = stageFlat(f, avals);
    // Constants of the derived program become leading arguments.
    d = { call: new StagedCall(staged.jaxpr, params.call.name), consts: staged.consts };
    params.call.derived.set(key, d);
  }
  return d;
}

export const jitCallP: Primitive<JitCallParams> = definePrimitive<JitCallParams>({
  name: "jit_call",
  abstractEval: (_avals, { call }) => call.outAvals,
  impl: (args, { call }) => {
    const prog = call.compiled();
    const outs = prog.run(args.map((a) => a.data));
    return outs.map((o, i) => new ConcreteArray(o, prog.outAvals[i].shape, prog.outAvals[i].dtype, prog.outAvals[i].weakType));
  },
  jvp: (primals, tangents, params) => {
    const nz = tangents.map((t) => !(t instanceof Zero));
    const key = `jvp:${nz.map(Number).join("")}`;
    const avals = [...primals.map((p) => p.aval), ...tangents.filter((_, i) => nz[i]).map((t) => (t as Array).aval)];
    const n = primals.length;
    const d = deriveCall(params, key, avals, (...xs) => {
      const ps = xs.slice(0, n);
      let k = n;
      const ts: Tangent[] = primals.map((p, i) => (nz[i] ? xs[k++] : new Zero(p.aval.strengthen())));
      const [outs, touts] = jvpFlat((...ys) => evalJaxpr(params.call.jaxpr, ys), ps, ts);
      return [...outs, ...touts.map(instantiate)];
    });
    const nOut = params.call.outAvals.length;
    const res = bind(jitCallP, [...d.consts, ...primals, ...(tangents.filter((_, i) => nz[i]) as Array[])], { call: d.call });
    return [res.slice(0, nOut), res.slice(nOut)];
  },
  batch: (args, dims, params) => {
    const size = args[dims.findIndex((d) => d !== null)].shape[dims.find((d) => d !== null)!];
    // Batched inputs are moved to axis 0 so one derived program serves every layout.
    const moved = args.map((a, i) => (dims[i] === null ? a : matchAxis(a, dims[i], size, 0)));
    const inDims: BDim[] = dims.map((d) => (d === null ? null : 0));
    const key = `vmap:${size}:${inDims.map((d) => (d === null ? "n" : "0")).join("")}`;
    const d = deriveCall(params, key, moved.map((a) => a.aval), (...xs) =>
      vmapFlat((...ys) => evalJaxpr(params.call.jaxpr, ys), size, inDims, () => 0, xs),
    );
    const outs = bind(jitCallP, [...d.consts, ...moved], { call: d.call });
    return [outs, outs.map(() => 0)];
  },
  partialEval: (args, _known, { call }) => evalJaxpr(call.jaxpr, args),
  inlineWhenStaging: true,
  formatParams: ({ call }) => `[name=${call.name}]\n      ${printJaxpr(call.jaxpr).replace(/\n/g, "\n      ")}`,
});
