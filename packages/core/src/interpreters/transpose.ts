/**
 * Transposition: run a linear jaxpr backwards, turning output cotangents into input
 * cotangents. Together with linearisation this is reverse-mode differentiation.
 */
import { type Array } from "../core/array.js";
import { type Tangent, UndefPrimal, Zero } from "../core/primitive.js";
import { bind } from "../core/trace.js";
import { addTangents } from "../core/tangent.js";
import { type Atom, type Jaxpr, type JaxprEqn, Lit, Var } from "./jaxpr.js";

/**
 * Cotangents of the jaxpr's undefined (linear) inputs, given its other inputs and the
 * cotangents of its outputs.
 */
export function backwardPass(jaxpr: Jaxpr, args: (Array | UndefPrimal)[], cts: Tangent[]): Tangent[] {
  const primalEnv = new Map<Var, Array>();
  jaxpr.inBinders.forEach((v, i) => {
    const a = args[i];
    if (!(a instanceof UndefPrimal)) primalEnv.set(v, a);
  });
  const isKnown = (a: Atom): boolean => a instanceof Lit || primalEnv.has(a);
  const readPrimal = (a: Atom): Array | UndefPrimal => {
    if (a instanceof Lit) return a.val;
    return primalEnv.get(a) ?? new UndefPrimal(a.aval);
  };

  // Non-linear equations (all inputs known) are evaluated forwards first.
  const linear: JaxprEqn[] = [];
  for (const eqn of jaxpr.eqns) {
    if (eqn.inputs.every(isKnown)) {
      const outs = bind(eqn.prim, eqn.inputs.map((a) => readPrimal(a) as Array), eqn.params);
      eqn.outBinders.forEach((v, i) => primalEnv.set(v, outs[i]));
    } else {
      linear.push(eqn);
    }
  }

  const ctEnv = new Map<Var, Tangent>();
  const writeCt = (a: Atom, ct: Tangent | null): void => {
    if (ct === null || a instanceof Lit || primalEnv.has(a)) return;
    const prev = ctEnv.get(a);
    ctEnv.set(a, prev === undefined ? ct : addTangents(prev, ct));
  };
  jaxpr.outs.forEach((a, i) => writeCt(a, cts[i]));

  for (let k = linear.length - 1; k >= 0; k--) {
    const eqn = linear[k];
    const ctsOut = eqn.outBinders.map((v) => {
      const ct = ctEnv.get(v);
      ctEnv.delete(v);
      return ct ?? new Zero(v.aval);
    });
    if (ctsOut.every((c) => c instanceof Zero)) continue;
    const transpose = eqn.prim.transpose;
    if (transpose === undefined) {
      throw new Error(
        `Reverse-mode differentiation through '${eqn.prim.name}' is not supported: it has no transpose rule ` +
          `and was applied to a value being differentiated in a linear position.`,
      );
    }
    const ctsIn = transpose(ctsOut, eqn.inputs.map(readPrimal), eqn.params);
    eqn.inputs.forEach((a, i) => {
      if (!isKnown(a)) writeCt(a, ctsIn[i]);
    });
  }
  return jaxpr.inBinders.map((v) => (primalEnv.has(v) ? new Zero(v.aval) : (ctEnv.get(v) ?? new Zero(v.aval))));
}
