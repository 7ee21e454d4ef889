/**
 * Linearisation and reverse mode on flat functions: JVP, partially evaluated with known
 * primals and unknown tangents, gives a linear jaxpr; transposing it gives the VJP.
 */
import { type Array } from "../core/array.js";
import { isFloat } from "../core/dtype.js";
import { type Tangent, UndefPrimal, Zero } from "../core/primitive.js";
import { instantiate } from "../core/tangent.js";
import { fmtShape } from "../core/shape.js";
import { convertElementType } from "../primitives/binary.js";
import { evalJaxpr } from "./jaxpr.js";
import { jvpFlat } from "./jvp.js";
import { PartialVal, partialEvalFlat } from "./partial-eval.js";
import { backwardPass } from "./transpose.js";
import { followDevice } from "../backend/tfjs/api.js";

/** The outputs of a linearised function and its linear map on tangents / cotangents. */
export interface Linearized {
  readonly primalsOut: Array[];
  /** Apply the linear map (the JVP at the primal point) to input tangents. */
  jvp(tangents: Array[]): Array[];
  /** Apply the transposed map (the VJP) to output cotangents. */
  vjp(cts: Array[]): Array[];
}

/** Linearise `f` at `primals` (flat lists). Non-float inputs get zero tangents. */
export function linearizeFlat(f: (...xs: Array[]) => Array[], primals: Array[]): Linearized {
  const n = primals.length;
  const diffable = primals.map((p) => isFloat(p.dtype));
  let zeroOut: boolean[] = [];
  let nOut = 0;
  const fJvp = (...args: Array[]): Array[] => {
    const tangents: Tangent[] = args.slice(n).map((t, i) => (diffable[i] ? t : new Zero(primals[i].aval)));
    const [outs, touts] = jvpFlat(f, args.slice(0, n), tangents);
    nOut = outs.length;
    zeroOut = touts.map((t) => t instanceof Zero);
    return [...outs, ...touts.filter((t): t is Array => !(t instanceof Zero))];
  };
  const pvalsIn = [...primals.map((p) => PartialVal.known(p)), ...primals.map((p) => PartialVal.unknown(p.aval.strengthen()))];
  const { jaxpr, consts, pvalsOut } = partialEvalFlat(fJvp, pvalsIn);
  const primalsOut = pvalsOut.slice(0, nOut).map((pv) => {
    if (pv.known === null) throw new Error("internal: a primal output of linearize is unknown");
    return pv.known;
  });
  // Map each output to its place among the jaxpr's outputs (null: its tangent is zero/constant).
  const jaxprOutIndex: (number | null)[] = [];
  {
    let k = 0;
    let j = 0;
    for (let i = 0; i < nOut; i++) {
      if (zeroOut[i]) {
        jaxprOutIndex.push(null);
        continue;
      }
      const pv = pvalsOut[nOut + k++];
      jaxprOutIndex.push(pv.isKnown ? null : j++);
    }
  }
  const outAvals = primalsOut.map((p) => p.aval);

  return {
    primalsOut,
    jvp(tangents: Array[]): Array[] {
      const outs = evalJaxpr(jaxpr, [...consts, ...tangents]);
      return jaxprOutIndex.map((j, i) => followDevice(j === null ? instantiate(new Zero(outAvals[i])) : outs[j], primalsOut[i]));
    },
    vjp(cts: Array[]): Array[] {
      if (cts.length !== nOut) throw new Error(`vjp: expected ${nOut} cotangents, got ${cts.length}`);
      const jaxprCts: Tangent[] = new globalThis.Array(jaxpr.outs.length);
      cts.forEach((ct, i) => {
        const want = outAvals[i];
        if (ct.shape.length !== want.shape.length || ct.shape.some((d, k) => d !== want.shape[k])) {
          throw new Error(`vjp: cotangent ${i} has shape ${fmtShape(ct.shape)} but the output has shape ${fmtShape(want.shape)}`);
        }
        const j = jaxprOutIndex[i];
        if (j !== null) jaxprCts[j] = ct.dtype === want.dtype ? ct : convertElementType(ct, want.dtype);
      });
      const args = [...consts, ...primals.map((p) => new UndefPrimal(p.aval.strengthen()))];
      const ctsIn = backwardPass(jaxpr, args, jaxprCts).slice(consts.length);
      // Each cotangent lives where its primal does, also when only CPU constants made it.
      return ctsIn.map((c, i) => followDevice(diffable[i] ? instantiate(c) : instantiate(new Zero(primals[i].aval)), primals[i]));
    },
  };
}
