/**
 * Code generation: a planned jaxpr becomes the source of one JavaScript function. Each
 * group is a loop nest (kept axes outside, reduced axes inside) that evaluates its inlined
 * equations as local expressions, reads materialised buffers at strided offsets computed
 * incrementally, and writes its sinks; opaque equations call their primitive's
 * implementation, except those with a "loop" fusion rule (scatters, cumulative reductions),
 * whose statements fill a planned buffer.
 */
import { type DType } from "../../../core/dtype.js";
import { stridesOf } from "../../../core/shape.js";
import { type AxisIndex, type IndexMap, affine, identityMap, indexExpr, indexKey, loopIndex } from "../../../core/index-map.js";
import { type Atom, type Jaxpr, type JaxprEqn, Lit, Var } from "../../../interpreters/jaxpr.js";
import { type Group, type Plan } from "./plan.js";

/** Innermost loops of at most this many iterations (inside another loop) are unrolled. */
const MAX_UNROLL = 4;

/** The generated source and the names it expects from its environment. */
export interface Generated {
  /** Body of `function run(ins, outs)`, using `env` for constants and helpers. */
  readonly source: string;
  /** Variables that need a preallocated scratch buffer: [name, dtype, size]. */
  readonly scratch: [string, DType, number][];
  /** Opaque equations, called as `env.ops[i](...)`. */
  readonly ops: JaxprEqn[];
}

function literal(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Object.is(x, -0)) return "-0";
  return String(x);
}

/** Round an expression's value the way storing it in an array of `dtype` would. */
function storeAs(dtype: DType, expr: string): string {
  switch (dtype) {
    case "float32":
      return `Math.fround(${expr})`;
    case "int32":
      return `((${expr}) | 0)`;
    case "uint32":
      return `((${expr}) >>> 0)`;
    default:
      return expr;
  }
}

/** Generate the program for a planned jaxpr whose first `numConsts` binders are constants. */
export function generate(jaxpr: Jaxpr, plan: Plan, numConsts: number): Generated {
  const names = new Map<Var, string>();
  const lines: string[] = [];
  const scratch: [string, DType, number][] = [];
  const ops: JaxprEqn[] = [];
  const producer = new Map<Var, JaxprEqn>();
  for (const e of jaxpr.eqns) e.outBinders.forEach((v) => producer.set(v, e));

  // Buffers are bound to locals once: constants in the closure, inputs and outputs per call.
  const prologue: string[] = [];
  jaxpr.inBinders.forEach((v, i) => {
    if (i < numConsts) names.set(v, `c${i}`);
    else {
      names.set(v, `in${i - numConsts}`);
      prologue.push(`const in${i - numConsts} = ins[${i - numConsts}];`);
    }
  });
  jaxpr.outs.forEach((_, i) => prologue.push(`const out${i} = outs[${i}];`));
  // Outputs computed by a group are written straight into the caller's output buffer.
  const outIndex = new Map<Var, number>();
  jaxpr.outs.forEach((a, i) => {
    if (a instanceof Var && !outIndex.has(a) && !names.has(a)) outIndex.set(a, i);
  });
  const bufferOf = (v: Var): string => {
    let s = names.get(v);
    if (s === undefined) throw new Error("internal: variable read before it is written");
    return s;
  };
  const declare = (v: Var, name: string) => names.set(v, name);
  // A value computed by this program: written straight into the caller's output buffer when it
  // is an output, else into a scratch buffer planned once.
  const planBuffer = (v: Var): void => {
    const o = outIndex.get(v);
    if (o !== undefined) declare(v, `out${o}`);
    else {
      declare(v, `b${v.id}`);
      scratch.push([`b${v.id}`, v.aval.dtype, v.aval.size]);
    }
  };

  for (const step of plan.steps) {
    const loop = step.kind === "opaque" ? step.eqn.prim.fusion : undefined;
    if (step.kind === "opaque" && loop?.kind === "loop" && step.eqn.inputs.every((a) => a instanceof Var)) {
      // The primitive's own statements fill a planned buffer (the output's, when it is one).
      const v = step.eqn.outBinders[0];
      planBuffer(v);
      const inputs = step.eqn.inputs as Var[];
      lines.push(...loop.emit(bufferOf(v), inputs.map(bufferOf), step.eqn.params, inputs.map((a) => a.aval.shape), v.id));
    } else if (step.kind === "opaque") {
      const e = step.eqn;
      const k = ops.length;
      ops.push(e);
      // Literal inputs are bound by the op wrapper; only variables are passed.
      const args = e.inputs.filter((a): a is Var => a instanceof Var).map(bufferOf);
      const outs = e.outBinders.map((v) => `b${v.id}`);
      lines.push(`const [${outs.join(", ")}] = env.ops[${k}](${args.join(", ")});`);
      e.outBinders.forEach((v) => declare(v, `b${v.id}`));
    } else if (step.kind === "alias") {
      const a = step.eqn.inputs[0];
      if (a instanceof Lit) throw new Error("internal: reshape of a literal");
      declare(step.eqn.outBinders[0], bufferOf(a));
    } else {
      for (const s of step.group.sinks) planBuffer(s.outBinders[0]);
      lines.push(...generateGroup(step.group, plan, producer, bufferOf));
    }
  }
  // Outputs not written in place by a group (inputs, constants, opaque results, repeats)
  // are copied.
  jaxpr.outs.forEach((a, i) => {
    if (a instanceof Lit) lines.push(`out${i}.fill(${literal(a.val.data[0])});`);
    else if (bufferOf(a) !== `out${i}`) lines.push(`out${i}.set(${bufferOf(a)});`);
  });
  return { source: [...prologue, ...lines].join("\n"), scratch, ops };
}

interface Local {
  name: string;
  level: number;
}

function generateGroup(g: Group, plan: Plan, producer: Map<Var, JaxprEqn>, bufferOf: (v: Var) => string): string[] {
  const rank = g.shape.length;
  const kept = g.shape.map((_, i) => i).filter((i) => !g.reduceAxes.includes(i));
  const order = [...kept, ...g.reduceAxes];
  const depth = order.length;
  const pre: string[][] = Array.from({ length: depth + 1 }, () => []);
  const post: string[][] = Array.from({ length: depth + 1 }, () => []);
  const at = (level: number) => pre[level + 1];
  const after = (level: number) => post[level + 1];
  let counter = 0;
  const fresh = (p: string) => `${p}${g.id}_${counter++}`;
  const locals = new Map<string, Local>();
  const offsets = new Map<string, Local>();

  // An offset into a row-major buffer of `shape` read at `index`.
  const offsetOf = (shape: readonly number[], index: IndexMap): Local => {
    const st = stridesOf(shape);
    const perDim = new Array<number>(rank).fill(0);
    let base = 0;
    const dyn: string[] = [];
    let dynLevel = -1;
    index.forEach((ix, k) => {
      if (shape[k] === 1) return;
      base += ix.offset * st[k];
      if (ix.loop >= 0) perDim[ix.loop] += ix.scale * st[k];
      if (ix.dyn !== undefined) {
        dyn.push(st[k] === 1 ? ix.dyn.expr : `${ix.dyn.expr} * ${st[k]}`);
        dynLevel = Math.max(dynLevel, ix.dyn.level);
      }
    });
    if (dyn.length > 0) {
      // The affine part incrementally, then the computed indices on top.
      const affinePart = offsetOf(shape, index.map((ix) => ({ loop: ix.loop, scale: ix.scale, offset: ix.offset })));
      const name = fresh("o");
      const level = Math.max(affinePart.level, dynLevel);
      at(level).push(`const ${name} = ${affinePart.name} + ${dyn.join(" + ")};`);
      return { name, level };
    }
    const key = `${base}|${perDim.join(",")}`;
    const hit = offsets.get(key);
    if (hit) return hit;
    let prev = String(base);
    let level = -1;
    for (let p = 0; p < depth; p++) {
      const d = order[p];
      if (perDim[d] === 0) continue;
      const name = fresh("o");
      const term = perDim[d] === 1 ? `i${d}` : `i${d} * ${perDim[d]}`;
      at(p).push(`const ${name} = ${prev === "0" ? term : `${prev} + ${term}`};`);
      prev = name;
      level = p;
    }
    const res = { name: prev, level };
    offsets.set(key, res);
    return res;
  };

  const valueAt = (a: Atom, index: IndexMap): Local => {
    if (a instanceof Lit) return { name: literal(a.val.data[0]), level: -1 };
    const key = `${a.id}@${indexKey(index)}`;
    const hit = locals.get(key);
    if (hit) return hit;
    const e = producer.get(a);
    let res: Local;
    if (e !== undefined && plan.inlined.get(e)?.has(g)) {
      res = computeAt(e, index);
    } else {
      // A materialised buffer (input, constant, earlier step).
      const off = offsetOf(a.aval.shape, index);
      const name = fresh("v");
      at(off.level).push(`const ${name} = ${bufferOf(a)}[${off.name}];`);
      res = { name, level: off.level };
    }
    locals.set(key, res);
    return res;
  };

  const loopLevel = (index: IndexMap): number => Math.max(-1, ...index.map((ix) => (ix.loop >= 0 ? order.indexOf(ix.loop) : -1)));

  // The value of an elementwise or view equation's output at `index`, from its inputs.
  function computeAt(e: JaxprEqn, index: IndexMap): Local {
    const f = e.prim.fusion!;
    if (f.kind === "view" || f.kind === "guarded-view") {
      const inShape = e.inputs[0].aval.shape;
      const inIndex = f.inputIndex(index, e.params, inShape);
      if (inIndex === null) throw new Error(`internal: ${e.prim.name} cannot be fused`);
      const x = e.inputs[0];
      const px = x instanceof Var ? producer.get(x) : undefined;
      if (f.kind === "guarded-view" && x instanceof Var && !(px !== undefined && plan.inlined.get(px)?.has(g))) {
        // A padded buffer is read only inside the guard: an out-of-range typed-array read
        // would yield undefined and knock the loop off its fast path.
        const outside = valueAt(e.inputs[1], []);
        const off = offsetOf(x.aval.shape, inIndex);
        const level = Math.max(off.level, outside.level, loopLevel(index));
        const name = fresh("t");
        at(level).push(`const ${name} = (${f.guard(index, e.params, inShape)}) ? ${bufferOf(x)}[${off.name}] : ${outside.name};`);
        return { name, level };
      }
      const inner = valueAt(x, inIndex);
      if (f.kind === "view") return inner;
      const outside = valueAt(e.inputs[1], []);
      const level = Math.max(inner.level, outside.level, loopLevel(index));
      const name = fresh("t");
      at(level).push(`const ${name} = (${f.guard(index, e.params, inShape)}) ? ${inner.name} : ${outside.name};`);
      return { name, level };
    }
    if (f.kind === "concatenate") {
      // Each input read at the position shifted into its range; the output index picks one.
      const axis = f.axis(e.params);
      const at0 = index[axis];
      let start = 0;
      const parts = e.inputs.map((x) => {
        const n = x.aval.shape[axis];
        const shifted = index.map((ix, k) => (k === axis ? affine(ix, 1, -start) : ix));
        start += n;
        const px = x instanceof Var ? producer.get(x) : undefined;
        if (x instanceof Var && !(px !== undefined && plan.inlined.get(px)?.has(g))) {
          // A materialised part is read only where it is selected (no out-of-range reads).
          const off = offsetOf(x.aval.shape, shifted);
          return { v: { name: `${bufferOf(x)}[${off.name}]`, level: off.level }, end: start };
        }
        return { v: valueAt(x, shifted), end: start };
      });
      const j = indexExpr(at0);
      let expr = parts[parts.length - 1].v.name;
      for (let k = parts.length - 2; k >= 0; k--) expr = `(${j} < ${parts[k].end} ? ${parts[k].v.name} : ${expr})`;
      const level = Math.max(loopLevel(index), ...parts.map((p) => p.v.level));
      const name = fresh("t");
      at(level).push(`const ${name} = ${expr};`);
      return { name, level };
    }
    if (f.kind === "gather") {
      const opShape = e.inputs[0].aval.shape;
      const plan = f.plan(index, e.params, opShape, e.inputs[1].aval.shape);
      if (plan === null) throw new Error("internal: gather cannot be fused");
      const opIndex = plan.operand.map((p, axis): AxisIndex => {
        if (!("input" in p)) return p;
        const v = valueAt(e.inputs[p.input], plan.indexMap);
        const name = fresh("g");
        at(v.level).push(`const ${name} = ${v.name} < 0 ? 0 : ${v.name} > ${opShape[axis] - 1} ? ${opShape[axis] - 1} : ${v.name};`);
        return { loop: -1, scale: 0, offset: 0, dyn: { expr: name, level: v.level } };
      });
      return valueAt(e.inputs[0], opIndex);
    }
    if (f.kind !== "elementwise") throw new Error("internal: a reduction cannot be inlined");
    const args = e.inputs.map((x) => valueAt(x, x.aval.ndim === 0 ? [] : index));
    const level = Math.max(-1, ...args.map((l) => l.level));
    const expr = f.expr(
      args.map((l) => l.name),
      e.params,
      e.inputs.map((x) => x.aval.dtype),
    );
    const name = fresh("t");
    at(level).push(`const ${name} = ${storeAs(e.outBinders[0].aval.dtype, expr)};`);
    return { name, level };
  }

  const identity = identityMap(g.shape.length);
  const innermost = depth - 1;
  const keptLevel = kept.length - 1;
  for (const s of g.sinks) {
    const v = s.outBinders[0];
    const f = s.prim.fusion!;
    if (f.kind === "reduce") {
      const x = valueAt(s.inputs[0], identity);
      const acc = fresh("acc");
      at(keptLevel).push(`let ${acc} = ${f.init(v.aval.dtype)};`);
      at(innermost).push(`${acc} = ${f.combine(acc, x.name)};`);
      const outShape = v.aval.shape;
      // Output offset over the kept loops: row-major in the output shape.
      const off = offsetOf(outShape, kept.map((d) => loopIndex(d)));
      after(keptLevel).push(`${bufferOf(v)}[${off.name}] = ${acc};`);
    } else {
      const x = computeAt(s, identity);
      locals.set(`${v.id}@${indexKey(identity)}`, x);
      const off = offsetOf(g.shape, identity);
      at(innermost).push(`${bufferOf(v)}[${off.name}] = ${x.name};`);
    }
  }

  // Emit the loop nest.
  const out: string[] = [`{ // group ${g.id}: [${g.shape.join(", ")}]${g.reduceAxes.length ? ` reduce [${g.reduceAxes.join(", ")}]` : ""}`];
  out.push(...at(-1));
  // A short innermost loop under another (a stack of a few components, a small reduced axis)
  // is unrolled: each copy sees its index as a constant, so the JIT folds index selects.
  const unroll = depth >= 2 && g.shape[order[depth - 1]] <= MAX_UNROLL;
  for (let p = 0; p < depth; p++) {
    const d = order[p];
    if (unroll && p === depth - 1) {
      for (let k = 0; k < g.shape[d]; k++) out.push(`{ const i${d} = ${k};`, ...at(p), "}");
      continue;
    }
    out.push(`for (let i${d} = 0; i${d} < ${g.shape[d]}; i${d}++) {`);
    out.push(...at(p));
  }
  for (let p = depth - 1; p >= 0; p--) {
    if (!(unroll && p === depth - 1)) out.push("}");
    out.push(...after(p - 1));
  }
  if (depth === 0) out.push(...after(-1));
  out.push("}");
  return out;
}
