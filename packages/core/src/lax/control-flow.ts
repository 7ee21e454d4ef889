/**
 * Structured control flow (as jax.lax): cond, switch, whileLoop, forILoop, scan, map. Each
 * traces its functions once into bodies, so they work under jit, grad and vmap.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { ShapedArray } from "../core/aval.js";
import { bind } from "../core/trace.js";
import { fmtShape } from "../core/shape.js";
import { type TreeDef, flatten, treedefKey, unflatten } from "../tree/tree.js";
import { leavesAsArrays } from "../api/flatten-args.js";
import { asArray } from "../np/core.js";
import { convertElementType, add } from "../primitives/binary.js";
import { scalar } from "../primitives/constants.js";
import { condP } from "../primitives/control/cond.js";
import { whileP } from "../primitives/control/while-loop.js";
import { scanP } from "../primitives/control/scan.js";
import { type Body, traceBody, traceDerived } from "../primitives/control/body.js";

type Fn = (...args: any[]) => any;

function describeAvals(avals: ShapedArray[]): string {
  return avals.map((a) => a.toString()).join(", ");
}

// Trace a pytree function of pytree arguments (given as flat leaves with a structure).
function traceTree(fn: Fn, inDef: TreeDef, avals: ShapedArray[], where: string, wrapArgs: (args: unknown[]) => unknown[] = (a) => a) {
  let outDef: TreeDef | undefined;
  const [body, consts] = traceBody((...xs) => {
    const out = fn(...wrapArgs(unflatten<unknown[]>(inDef, xs)));
    const [l, d] = flatten(out);
    outDef = d;
    return leavesAsArrays(l, where, false);
  }, avals);
  return { body, consts, outDef: outDef! };
}

function sameAvals(a: ShapedArray[], b: ShapedArray[]): boolean {
  return a.length === b.length && a.every((x, i) => x.equals(b[i]));
}

/**
 * Run `branches[index]` on the operands (index clamped to the valid range). All branches
 * must return the same structure, shapes and dtypes.
 *
 * @example
 * ```ts
 * lax.switch(1, [(x) => x.mul(2), (x) => x.neg(), (x) => x], np.array(3)); // -3
 * ```
 */
export function switchCase(index: Array | number, branches: Fn[], ...operands: unknown[]): any {
  if (branches.length === 0) throw new Error("lax.switch: needs at least one branch");
  const idx = asArray(index);
  if (idx.ndim !== 0) throw new Error(`lax.switch: the index must be a scalar, got shape ${fmtShape(idx.shape)}`);
  if (idx instanceof ConcreteArray) {
    const i = Math.min(Math.max(Math.trunc(idx.data[0]), 0), branches.length - 1);
    return branches[i](...operands);
  }
  const [raw, inDef] = flatten(operands);
  const leaves = leavesAsArrays(raw, "lax.switch operands", false);
  const avals = leaves.map((l) => l.aval);
  const traced = branches.map((b, k) => traceTree(b, inDef, avals, `lax.switch branch ${k}`));
  traced.forEach((t, k) => {
    if (treedefKey(t.outDef) !== treedefKey(traced[0].outDef) || !sameAvals(t.body.outAvals, traced[0].body.outAvals)) {
      throw new Error(
        `lax.switch/cond: branch ${k} returns (${describeAvals(t.body.outAvals)}) but branch 0 returns ` +
          `(${describeAvals(traced[0].body.outAvals)}); every branch must return the same structure, shapes and dtypes`,
      );
    }
  });
  // Every branch takes every branch's traced captures, then the operands.
  const allConsts = traced.flatMap((t) => t.consts);
  const constAvals = allConsts.map((c) => c.aval);
  let offset = 0;
  const unified: Body[] = traced.map((t) => {
    const start = offset;
    offset += t.consts.length;
    return traceDerived((...xs) => t.body.eval([...xs.slice(start, start + t.consts.length), ...xs.slice(allConsts.length)]), [...constAvals, ...avals]);
  });
  const outs = bind(condP, [convertElementType(idx, "int32"), ...allConsts, ...leaves], { branches: unified });
  return unflatten(traced[0].outDef, outs);
}

/**
 * `trueFn(...operands)` if `pred` else `falseFn(...operands)`, as one differentiable,
 * vectorisable operation (under vmap with a batched predicate both run and one is selected).
 *
 * @example
 * ```ts
 * const relu = (x) => lax.cond(x.gt(0), (y) => y, (y) => y.mul(0), x);
 * ```
 */
export function cond(pred: Array | boolean, trueFn: Fn, falseFn: Fn, ...operands: unknown[]): any {
  const p = asArray(pred);
  if (p.ndim !== 0) throw new Error(`lax.cond: the predicate must be a scalar, got shape ${fmtShape(p.shape)}; use np.where for elementwise choice`);
  return switchCase(p instanceof ConcreteArray ? p : convertElementType(p, "int32"), [falseFn, trueFn], ...operands);
}

/**
 * Repeat `bodyFn` on a carried value while `condFn` holds. Differentiable in forward mode
 * (jvp, jacfwd) and vectorisable; for reverse mode use forILoop with static bounds or scan.
 *
 * @example
 * ```ts
 * lax.whileLoop((x) => x.lt(100), (x) => x.mul(2), np.array(1)); // 128
 * ```
 */
export function whileLoop(condFn: Fn, bodyFn: Fn, initVal: unknown): any {
  const [raw, inDef] = flatten(initVal);
  const init = leavesAsArrays(raw, "lax.whileLoop initial value", false);
  const avals = init.map((l) => l.aval);
  const c = traceTree(condFn, inDef, avals, "lax.whileLoop cond", (a) => [a]);
  const cAvals = c.body.outAvals;
  if (cAvals.length !== 1 || cAvals[0].ndim !== 0 || cAvals[0].dtype !== "bool") {
    throw new Error(`lax.whileLoop: condFn must return a scalar bool, got (${describeAvals(cAvals)})`);
  }
  const b = traceTree(bodyFn, inDef, avals, "lax.whileLoop body", (a) => [a]);
  if (treedefKey(b.outDef) !== treedefKey(inDef) || !sameAvals(b.body.outAvals, avals)) {
    throw new Error(
      `lax.whileLoop: bodyFn must return the carry's structure, shapes and dtypes: got (${describeAvals(b.body.outAvals)}), ` +
        `expected (${describeAvals(avals)})`,
    );
  }
  const outs = bind(whileP, [...c.consts, ...b.consts, ...init], {
    cond: c.body,
    body: b.body,
    numCondConsts: c.consts.length,
    numBodyConsts: b.consts.length,
  });
  return unflatten(inDef, outs);
}

/** Options of `scan`. */
export interface ScanOptions {
  /** Number of steps (required when there are no xs). */
  length?: number;
  /** Scan from the end. */
  reverse?: boolean;
}

/**
 * Loop `f(carry, x) → [carry, y]` over the leading axis of `xs`, returning the final carry
 * and the stacked ys. Differentiable in both modes (reverse mode stores one set of
 * residuals per step), vectorisable, compiled to a loop under jit.
 *
 * @example
 * ```ts
 * const [total, partial] = lax.scan((c, x) => [c.add(x), c.add(x)], np.array(0), np.arange(5, undefined, 1, "float64"));
 * // total = 10, partial = [0, 1, 3, 6, 10]
 * ```
 */
export function scan(f: Fn, init: unknown, xs: unknown, options: ScanOptions = {}): [any, any] {
  const [rawInit, carryDef] = flatten(init);
  const carry = leavesAsArrays(rawInit, "lax.scan init", false);
  const [rawXs, xsDef] = flatten(xs);
  const xsLeaves = leavesAsArrays(rawXs, "lax.scan xs", false);
  let length = options.length;
  for (const x of xsLeaves) {
    if (x.ndim === 0) throw new Error("lax.scan: every xs leaf needs a leading axis to scan over");
    if (length === undefined) length = x.shape[0];
    else if (x.shape[0] !== length) throw new Error(`lax.scan: xs leaves have leading axes of different lengths (${x.shape[0]} vs ${length})`);
  }
  if (length === undefined) throw new Error("lax.scan: pass options.length when there are no xs");
  const carryAvals = carry.map((c) => c.aval);
  let carryOutDef: TreeDef | undefined;
  let yDef: TreeDef | undefined;
  let nCarryOut = 0;
  const [body, consts] = traceBody(
    (...v) => {
      const c = unflatten(carryDef, v.slice(0, carry.length));
      const x = unflatten(xsDef, v.slice(carry.length));
      const res = f(c, x);
      if (!globalThis.Array.isArray(res) || res.length !== 2) throw new Error("lax.scan: f must return [carry, y]");
      const [cl, cd] = flatten(res[0]);
      const [yl, yd] = flatten(res[1]);
      carryOutDef = cd;
      yDef = yd;
      nCarryOut = cl.length;
      return [...leavesAsArrays(cl, "lax.scan carry", false), ...leavesAsArrays(yl, "lax.scan y", false)];
    },
    [...carryAvals, ...xsLeaves.map((x) => sliceAval(x.aval))],
  );
  const outCarryAvals = body.outAvals.slice(0, nCarryOut);
  if (treedefKey(carryOutDef!) !== treedefKey(carryDef) || !sameAvals(outCarryAvals, carryAvals)) {
    throw new Error(
      `lax.scan: the carry returned by f (${describeAvals(outCarryAvals)}) must have the structure, shapes and dtypes of init (${describeAvals(carryAvals)})`,
    );
  }
  const outs = bind(scanP, [...consts, ...carry, ...xsLeaves], {
    body,
    numConsts: consts.length,
    numCarry: carry.length,
    length,
    reverse: options.reverse ?? false,
    split: true,
  });
  return [unflatten(carryDef, outs.slice(0, carry.length)), unflatten(yDef!, outs.slice(carry.length))];
}

function sliceAval(a: ShapedArray): ShapedArray {
  return new ShapedArray(a.shape.slice(1), a.dtype, a.weakType);
}

/**
 * `f(lower, …)` applied `upper − lower` times to a carried value, passing the iteration
 * index. With JS-number bounds it is a scan (reverse-mode differentiable); with traced
 * bounds a while loop.
 *
 * @example
 * ```ts
 * lax.forILoop(0, 5, (i, acc) => acc.add(i), np.array(0)); // 10
 * ```
 */
export function forILoop(lower: number | Array, upper: number | Array, bodyFn: (i: Array, val: any) => any, initVal: unknown): any {
  if (typeof lower === "number" && typeof upper === "number") {
    const n = Math.max(0, upper - lower);
    const [final] = scan((c: [Array, unknown]) => [[add(c[0], scalar(1, "int32", true)), bodyFn(c[0], c[1])], null], [scalar(lower, "int32"), initVal], null, { length: n });
    return (final as [Array, unknown])[1];
  }
  const lo = convertElementType(asArray(lower), "int32");
  const hi = convertElementType(asArray(upper), "int32");
  const [, , out] = whileLoop(
    ([i, h]: [Array, Array, unknown]) => i.lt(h),
    ([i, h, v]: [Array, Array, unknown]) => [add(i, scalar(1, "int32", true)), h, bodyFn(i, v)],
    [lo, hi, initVal],
  );
  return out;
}

/**
 * `f` applied to each slice along the leading axis of `xs`, stacked (a scan without carry).
 *
 * @example
 * ```ts
 * lax.map((row) => np.sum(row), np.ones([3, 4])); // [4, 4, 4]
 * ```
 */
export function map(f: Fn, xs: unknown): any {
  return scan((_c: null, x: unknown) => [null, f(x)], null, xs)[1];
}
