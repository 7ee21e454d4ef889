/**
 * Fusion planning: which values live only inside loops, which are materialised, and which
 * loop nests ("groups") compute them. A group iterates over one index space (a shape, with
 * some axes reduced); every value it computes is evaluated once per iteration.
 */
import { shapeSize } from "../../../core/shape.js";
import { identityMap } from "../../../core/index-map.js";
import { type Atom, type Jaxpr, type JaxprEqn, Lit, Var } from "../../../interpreters/jaxpr.js";

/** What the compiler does with an equation. */
export type EqnKind = "elementwise" | "view" | "reduce" | "alias" | "opaque";

/** A fused loop nest. */
export interface Group {
  readonly id: number;
  /** The iteration space. */
  readonly shape: readonly number[];
  /** Axes of `shape` that are reduced (innermost loops); empty for elementwise groups. */
  reduceAxes: readonly number[];
  /** Equations whose outputs the group writes to buffers. */
  readonly sinks: JaxprEqn[];
}

/** One step of the compiled program, in execution order. */
export type Step = { kind: "group"; group: Group } | { kind: "opaque"; eqn: JaxprEqn } | { kind: "alias"; eqn: JaxprEqn };

/** The result of planning. */
export interface Plan {
  readonly steps: Step[];
  /** Equations computed inside loops without a buffer of their own, with their groups. */
  readonly inlined: Map<JaxprEqn, Set<Group>>;
  /** The kind of every equation. */
  readonly kinds: Map<JaxprEqn, EqnKind>;
}

/** How many loops may each compute the same elementwise value instead of sharing a buffer. */
const MAX_DUPLICATION = 3;
/** At most this many reductions share a loop nest with elementwise sinks. */
const MAX_MIXED_ACCUMULATORS = 4;
/** Below this many elements a shared buffer is cheap (it stays in cache): no recomputation. */
const DUPLICATE_FROM_SIZE = 1 << 16;
/**
 * Elementwise primitives cheap enough (a few machine instructions, no call or division) that computing one
 * again in each of a few loops costs less than its own loop and buffer, at any size: on the small
 * arrays of a log density (100 stars, 50 groups) a separate loop's setup, stores and reloads cost
 * more than the arithmetic.
 */
const CHEAP = new Set(["add", "add_any", "sub", "mul", "neg", "max", "min", "abs", "sign", "select_n", "convert_element_type", "stop_gradient", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "integer_pow"]);

/** Whether an equation is {@link CHEAP} (divisions are not: a reciprocal is `integer_pow(x, −1)`). */
function isCheap(e: JaxprEqn): boolean {
  return CHEAP.has(e.prim.name) && (e.prim.name !== "integer_pow" || e.params.y >= 0);
}

/** Whether `axes` are the last `axes.length` axes of a rank-`ndim` shape, in order. */
function trailing(axes: readonly number[], ndim: number): boolean {
  return axes.every((a, i) => a === ndim - axes.length + i);
}

/** Classify an equation for the compiler. */
export function eqnKind(e: JaxprEqn): EqnKind {
  const f = e.prim.fusion;
  if (f === undefined || e.outBinders.length !== 1) return "opaque";
  if (f.kind === "view" || f.kind === "guarded-view") {
    // A view whose index map cannot be expressed either reads the same row-major buffer
    // under a new shape (an alias: reshapes that regroup axes) or is an opaque call.
    const inShape = e.inputs[0].aval.shape;
    if (f.inputIndex(identityMap(e.outBinders[0].aval.ndim), e.params, inShape) !== null) return "view";
    return f.kind === "view" && f.alias ? "alias" : "opaque";
  }
  // A loop rule is a step of its own whose inputs are buffers, as a call's are: planned like one
  // (the code generator writes its statements instead of the call).
  if (f.kind === "loop") return "opaque";
  if (f.kind === "concatenate") return "view";
  if (f.kind === "gather") {
    const out = e.outBinders[0].aval;
    return f.plan(identityMap(out.ndim), e.params, e.inputs[0].aval.shape, e.inputs[1].aval.shape) === null ? "opaque" : "view";
  }
  return f.kind;
}

/** Plan the fusion of a jaxpr's equations; `merge` allows sibling loops to share a nest. */
export function planFusion(jaxpr: Jaxpr, merge = true): Plan {
  const eqns = jaxpr.eqns;
  const kinds = new Map<JaxprEqn, EqnKind>();
  const producer = new Map<Var, JaxprEqn>();
  const index = new Map<JaxprEqn, number>();
  const users = new Map<Var, JaxprEqn[]>();
  eqns.forEach((e, i) => {
    kinds.set(e, eqnKind(e));
    index.set(e, i);
    e.outBinders.forEach((v) => producer.set(v, e));
    for (const a of e.inputs) {
      if (a instanceof Var) {
        const list = users.get(a) ?? [];
        list.push(e);
        users.set(a, list);
      }
    }
  });
  const outputs = new Set<Var>(jaxpr.outs.filter((a): a is Var => a instanceof Var));
  // Uniform values: arrays with the same value at every index (broadcasts of one-element values
  // and elementwise functions of those). Computing one inside a loop is loop-invariant work
  // that the code generator hoists, so they are inlined into every consumer instead of filling
  // a buffer.
  const uniform = new Set<Var>();
  for (const e of eqns) {
    const kind = kinds.get(e);
    if ((kind !== "elementwise" && kind !== "view") || e.prim.fusion?.kind === "gather" || e.prim.fusion?.kind === "concatenate") continue;
    const v = e.outBinders[0];
    if (v.aval.size > 1 && e.inputs.every((a) => a instanceof Lit || a.aval.size === 1 || uniform.has(a))) uniform.add(v);
  }

  // Is there a path of data dependence from equation a to equation b?
  const reaches = (a: JaxprEqn, b: JaxprEqn): boolean => {
    const ia = index.get(a)!;
    if (index.get(b)! <= ia) return false;
    const stack = [b];
    const seen = new Set<JaxprEqn>();
    while (stack.length > 0) {
      const e = stack.pop()!;
      for (const x of e.inputs) {
        if (!(x instanceof Var)) continue;
        const p = producer.get(x);
        if (p === undefined || seen.has(p) || index.get(p)! < ia) continue;
        if (p === a) return true;
        seen.add(p);
        stack.push(p);
      }
    }
    return false;
  };

  const groups: Group[] = [];
  const bySpace = new Map<string, Group[]>();
  const sinkGroup = new Map<JaxprEqn, Group>();
  const inlined = new Map<JaxprEqn, Set<Group>>();

  // Can the elementwise `e` be computed in `g`'s loop, ahead of the sinks that use it? Each use
  // must read it at the same index in the same iteration: a sink of `g`, or an elementwise value
  // inlined only into `g` whose own uses qualify. (A use elsewhere — another loop, a view that
  // shifts the index — needs all of `e` first.)
  const feedsOnly = (e: JaxprEqn, g: Group): boolean => {
    const stack = [e];
    const seen = new Set<JaxprEqn>();
    while (stack.length > 0) {
      const x = stack.pop()!;
      for (const u of users.get(x.outBinders[0]) ?? []) {
        if (seen.has(u)) continue;
        seen.add(u);
        const kind = kinds.get(u);
        if (sinkGroup.get(u) === g) {
          if (kind === "elementwise" || kind === "reduce") continue;
          return false;
        }
        const within = inlined.get(u);
        if (kind !== "elementwise" || within === undefined || within.size !== 1 || !within.has(g)) return false;
        stack.push(u);
      }
    }
    return true;
  };

  // A loop nest computes sinks over one shape: elementwise sinks of that shape, and reductions
  // of it over one set of axes (the reduced loops innermost). A sink joins a nest unless a value
  // flows between it and a sink already there — except an elementwise value that the nest's
  // own sinks read element by element in the same iteration (producer and consumers fused).
  const addSink = (e: JaxprEqn, shape: readonly number[], axes: readonly number[]): void => {
    const key = shape.join(",");
    const isReduce = axes.length > 0 || kinds.get(e) === "reduce";
    let g: Group | undefined;
    if (merge) {
      g = (bySpace.get(key) ?? []).find((cand) => {
        if (isReduce && cand.reduceAxes.length > 0 && cand.reduceAxes.join(",") !== axes.join(",")) return false;
        // Elementwise and reduction sinks share a nest only when the reduced axes are the
        // trailing ones (the loops then run in row-major order; a reduction over a leading axis
        // would turn the elementwise work's loops inside out) and the nest has few
        // accumulators: with many, the fused body's live values no longer fit in registers and
        // V8 spills them (slower than separate loops that pass a buffer).
        const reductions = cand.sinks.filter((s) => kinds.get(s) === "reduce").length;
        const accumulators = reductions + (isReduce ? 1 : 0);
        const elementwise = cand.sinks.length - reductions + (isReduce ? 0 : 1);
        if (accumulators > 0 && elementwise > 0) {
          if (!trailing(isReduce ? axes : cand.reduceAxes, shape.length)) return false;
          if (accumulators > MAX_MIXED_ACCUMULATORS) return false;
        }
        let feeds: boolean | null = null;
        return cand.sinks.every((s) => {
          if (reaches(s, e)) return false;
          if (!reaches(e, s)) return true;
          if (isReduce) return false;
          feeds ??= feedsOnly(e, cand);
          return feeds;
        });
      });
    }
    if (g === undefined) {
      g = { id: groups.length, shape, reduceAxes: axes, sinks: [] };
      groups.push(g);
      bySpace.set(key, [...(bySpace.get(key) ?? []), g]);
    } else if (isReduce && g.reduceAxes.length === 0) {
      g.reduceAxes = axes;
    }
    g.sinks.push(e);
    sinkGroup.set(e, g);
  };

  // The groups a consumer computes in (null: the consumer needs a buffer: opaque, alias).
  const groupsOf = (u: JaxprEqn): Set<Group> | null => {
    const g = sinkGroup.get(u);
    if (g !== undefined) return new Set([g]);
    return inlined.get(u) ?? null;
  };

  for (let i = eqns.length - 1; i >= 0; i--) {
    const e = eqns[i];
    const kind = kinds.get(e)!;
    if (kind === "opaque" || kind === "alias") continue;
    const v = e.outBinders[0];
    if (kind === "reduce") {
      const axes = e.prim.fusion!.kind === "reduce" ? [...e.prim.fusion!.axes(e.params)] : [];
      addSink(e, e.inputs[0].aval.shape, axes);
      continue;
    }
    const consumers = users.get(v) ?? [];
    const consumerGroups = consumers.map(groupsOf);
    const needsBuffer = outputs.has(v) || consumerGroups.some((g) => g === null) || consumers.length === 0;
    if (!needsBuffer) {
      const all = new Set<Group>();
      for (const gs of consumerGroups) for (const g of gs!) all.add(g);
      if (kind === "view") {
        inlined.set(e, all);
        continue;
      }
      // An elementwise value is computed inside its consumers' loops when each runs once per
      // element (no recomputation across a broadcast): in its one loop, or — for values too
      // large to keep in cache, where a buffer costs memory traffic — in each of a few loops.
      if (uniform.has(v)) {
        inlined.set(e, all);
        continue;
      }
      const sameSize = [...all].every((g) => shapeSize(g.shape) === v.aval.size);
      if (sameSize && (all.size === 1 || (all.size <= MAX_DUPLICATION && (v.aval.size >= DUPLICATE_FROM_SIZE || isCheap(e))))) {
        inlined.set(e, all);
        continue;
      }
    }
    addSink(e, v.aval.shape, []);
  }

  // Within a nest, sinks are computed in program order (a fused producer before its consumers).
  for (const g of groups) g.sinks.sort((a, b) => index.get(a)! - index.get(b)!);

  // Schedule groups and opaque calls topologically, in original order where free.
  type Node = { step: Step; first: number; deps: Set<Node> };
  const nodes: Node[] = [];
  const nodeOfVar = new Map<Var, Node>();
  for (const g of groups) {
    const n: Node = { step: { kind: "group", group: g }, first: Math.min(...g.sinks.map((s) => index.get(s)!)), deps: new Set() };
    nodes.push(n);
    for (const s of g.sinks) nodeOfVar.set(s.outBinders[0], n);
  }
  for (const e of eqns) {
    const k = kinds.get(e)!;
    if (k === "opaque" || k === "alias") {
      const n: Node = { step: k === "opaque" ? { kind: "opaque", eqn: e } : { kind: "alias", eqn: e }, first: index.get(e)!, deps: new Set() };
      nodes.push(n);
      for (const v of e.outBinders) nodeOfVar.set(v, n);
    }
  }
  // Dependencies: the buffers each step reads (through its inlined equations).
  const readsOf = (n: Node): Atom[] => {
    if (n.step.kind !== "group") return n.step.eqn.inputs;
    const g = n.step.group;
    const out: Atom[] = [];
    const visit = (e: JaxprEqn): void => {
      for (const a of e.inputs) {
        if (!(a instanceof Var)) continue;
        const p = producer.get(a);
        if (p !== undefined && inlined.get(p)?.has(g)) visit(p);
        else out.push(a);
      }
    };
    g.sinks.forEach(visit);
    return out;
  };
  for (const n of nodes) {
    for (const a of readsOf(n)) {
      if (a instanceof Lit) continue;
      const d = nodeOfVar.get(a);
      if (d !== undefined && d !== n) n.deps.add(d);
    }
  }
  const done = new Set<Node>();
  const steps: Step[] = [];
  const pending = [...nodes].sort((a, b) => a.first - b.first);
  while (pending.length > 0) {
    const k = pending.findIndex((n) => [...n.deps].every((d) => done.has(d)));
    if (k < 0) {
      if (!merge) throw new Error("internal: cyclic fusion plan");
      return planFusion(jaxpr, false);
    }
    const [n] = pending.splice(k, 1);
    done.add(n);
    steps.push(n.step);
  }
  return { steps, inlined, kinds };
}
