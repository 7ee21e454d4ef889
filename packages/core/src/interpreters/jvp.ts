/**
 * Forward-mode differentiation: the JVP interpreter, with symbolic zero tangents.
 */
import { type Array } from "../core/array.js";
import { type Primitive, type Tangent, Zero } from "../core/primitive.js";
import {
  type FlatBwd,
  type FlatFn,
  type FlatFwd,
  type FlatJvp,
  MainTrace,
  Trace,
  Tracer,
  bind,
  bindCustomJvp,
  bindCustomVjp,
  fullLower,
  fullRaise,
  newMain,
} from "../core/trace.js";
import { instantiate, tangentAval } from "../core/tangent.js";
import { customLinP } from "../primitives/custom-lin.js";

/** A value under `jvp`: a primal and its tangent. */
export class JVPTracer extends Tracer {
  constructor(
    readonly _trace: Trace,
    readonly primal: Array,
    readonly tangent: Tangent,
  ) {
    super();
  }

  get aval() {
    return this.primal.aval;
  }

  override fullLower(): Array {
    return this.tangent instanceof Zero ? fullLower(this.primal) : this;
  }
}

/** The JVP interpreter. */
export class JVPTrace extends Trace {
  pure(x: Array): Tracer {
    return new JVPTracer(this, x, new Zero(tangentAval(x.aval)));
  }

  processPrimitive(prim: Primitive<any>, tracers: Tracer[], params: any): Array[] {
    const primals = tracers.map((t) => (t as JVPTracer).primal);
    const tangents = tracers.map((t) => (t as JVPTracer).tangent);
    if (tangents.every((t): boolean => t instanceof Zero)) {
      return bind(prim, primals, params).map((p) => new JVPTracer(this, p, new Zero(tangentAval(p.aval))));
    }
    const [primalsOut, tangentsOut] = prim.jvp(primals, tangents, params);
    return primalsOut.map((p, i) => new JVPTracer(this, p, tangentsOut[i]));
  }

  override processCustomJvpCall(fun: FlatFn, jvp: FlatJvp, tracers: Tracer[]): Array[] {
    const primals = tracers.map((t) => (t as JVPTracer).primal);
    const tangents = tracers.map((t) => (t as JVPTracer).tangent);
    if (tangents.every((t): boolean => t instanceof Zero)) {
      return bindCustomJvp(fun, jvp, primals).map((p) => new JVPTracer(this, p, new Zero(tangentAval(p.aval))));
    }
    const [outs, touts] = jvp(primals, tangents.map(instantiate));
    if (outs.length !== touts.length) {
      throw new Error(`customJvp: the rule returned ${outs.length} outputs but ${touts.length} tangents`);
    }
    return outs.map((p, i) => {
      if (!p.aval.equals(touts[i].aval)) {
        throw new Error(`customJvp: output ${i} is ${p.aval} but its tangent is ${touts[i].aval}`);
      }
      return new JVPTracer(this, p, touts[i]);
    });
  }

  override processCustomVjpCall(fun: FlatFn, fwd: FlatFwd, bwd: FlatBwd, tracers: Tracer[]): Array[] {
    const primals = tracers.map((t) => (t as JVPTracer).primal);
    const tangents = tracers.map((t) => (t as JVPTracer).tangent);
    if (tangents.every((t): boolean => t instanceof Zero)) {
      return bindCustomVjp(fun, fwd, bwd, primals).map((p) => new JVPTracer(this, p, new Zero(tangentAval(p.aval))));
    }
    const [outs, res] = fwd(...primals);
    const touts = bind(customLinP, [...res, ...tangents.map(instantiate)], {
      numRes: res.length,
      bwd,
      outAvals: outs.map((o) => o.aval.strengthen()),
    });
    return outs.map((p, i) => new JVPTracer(this, p, touts[i]));
  }
}

/**
 * Evaluate `f` and its directional derivative at `primals` along `tangents` (flat lists).
 * Output tangents may be symbolic zeros.
 */
export function jvpFlat(f: (...xs: Array[]) => Array[], primals: Array[], tangents: Tangent[]): [Array[], Tangent[]] {
  return newMain(JVPTrace, null, (main: MainTrace) => {
    const trace = new JVPTrace(main);
    const tracersIn = primals.map((p, i) => new JVPTracer(trace, p, tangents[i]));
    const outs = f(...tracersIn);
    const primalsOut: Array[] = [];
    const tangentsOut: Tangent[] = [];
    for (const o of outs) {
      const t = fullRaise(trace, o) as JVPTracer;
      primalsOut.push(t.primal);
      tangentsOut.push(t.tangent);
    }
    return [primalsOut, tangentsOut];
  });
}
