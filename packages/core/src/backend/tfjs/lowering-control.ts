/**
 * Lowering rules for control flow on tfjs devices: `cond`, `while` and `scan` run their loop
 * or branch choice in JS and their bodies as tfjs ops, freeing each step's intermediates as
 * they go.
 */
import type * as tfc from "@tensorflow/tfjs-core";
import { type ConcreteArray } from "../../core/array.js";
import { type Jaxpr } from "../../interpreters/jaxpr.js";
import { type LowerCtx, type LoweringRule } from "./lowering.js";

type Tensor = tfc.Tensor;

/** What the control-flow rules need of a body (`primitives/control/body.ts`). */
interface BodyLike {
  readonly jaxpr: Jaxpr;
  readonly closed: ConcreteArray[];
}

/** Run a body on the device. */
function runBody(ctx: LowerCtx, b: BodyLike, xs: Tensor[]): Tensor[] {
  return ctx.runJaxpr(b.jaxpr, [...ctx.constants(b.closed), ...xs]);
}

/** `cond`: read the index (one scalar download) and run that branch on the device. */
function cond([index, ...args]: Tensor[], { branches }: { branches: BodyLike[] }, ctx: LowerCtx): Tensor[] {
  const i = Math.min(Math.max(Math.trunc(index.dataSync()[0]), 0), branches.length - 1);
  return runBody(ctx, branches[i], args);
}

/** `while`: the loop runs in JS; each step's intermediates are freed as it goes. */
function whileLoop(xs: Tensor[], p: { cond: BodyLike; body: BodyLike; numCondConsts: number; numBodyConsts: number }, ctx: LowerCtx): Tensor[] {
  const { tf } = ctx;
  const cc = xs.slice(0, p.numCondConsts);
  const bc = xs.slice(p.numCondConsts, p.numCondConsts + p.numBodyConsts);
  let carry = xs.slice(p.numCondConsts + p.numBodyConsts);
  const owned = new Set<Tensor>();
  for (;;) {
    const go = tf.tidy(() => runBody(ctx, p.cond, [...cc, ...carry])[0]);
    const more = go.dataSync()[0] !== 0;
    go.dispose();
    if (!more) break;
    const next = tf.tidy(() => runBody(ctx, p.body, [...bc, ...carry]));
    for (const t of carry) if (owned.has(t)) t.dispose();
    carry = next;
    for (const t of next) owned.add(t);
  }
  return carry.map((t) => (owned.has(t) ? t : tf.clone(t)));
}

/** The parameters of `scan` that the rule reads (`primitives/control/scan.ts`). */
interface ScanLike {
  body: BodyLike;
  numConsts: number;
  numCarry: number;
  length: number;
  reverse: boolean;
}

/**
 * `scan`: the loop runs in JS over the leading axis of the `xs`, each step's body as tfjs ops
 * in its own tidy scope (so its intermediates are freed as it goes); the per-step outputs are
 * stacked at the end.
 */
function scan(xs: Tensor[], p: ScanLike, ctx: LowerCtx): Tensor[] | null {
  const { tf } = ctx;
  if (p.length === 0) return null;
  const consts = xs.slice(0, p.numConsts);
  let carry = xs.slice(p.numConsts, p.numConsts + p.numCarry);
  const seqs = xs.slice(p.numConsts + p.numCarry);
  const seqAvals = ctx.inAvals.slice(p.numConsts + p.numCarry);
  const numYs = ctx.outAvals.length - p.numCarry;
  const ys: Tensor[][] = Array.from({ length: numYs }, () => new Array<Tensor>(p.length));
  const owned = new Set<Tensor>();
  for (let k = 0; k < p.length; k++) {
    const i = p.reverse ? p.length - 1 - k : k;
    const outs = tf.tidy(() => {
      const slices = seqs.map((s, j) => {
        const shape = seqAvals[j].shape;
        return tf.reshape(tf.slice(s, [i, ...shape.slice(1).map(() => 0)], [1, ...shape.slice(1)]), shape.slice(1) as number[]);
      });
      return runBody(ctx, p.body, [...consts, ...carry, ...slices]);
    });
    for (const t of carry) if (owned.has(t)) t.dispose();
    carry = outs.slice(0, p.numCarry);
    for (const t of carry) owned.add(t);
    outs.slice(p.numCarry).forEach((y, j) => (ys[j][i] = y));
  }
  const stacked = ys.map((steps) => {
    const s = tf.stack(steps);
    for (const t of steps) t.dispose();
    return s;
  });
  return [...carry.map((t) => (owned.has(t) ? t : tf.clone(t))), ...stacked];
}

/**
 * The control-flow rules, keyed by primitive name (merged into `tfjsLowerings`).
 *
 * @example
 * ```ts
 * controlLowerings.scan(xs, scanParams, ctx); // [final carry…, stacked outputs…] as tensors
 * ```
 */
export const controlLowerings: Readonly<Record<string, LoweringRule>> = {
  cond,
  while: whileLoop,
  scan,
};
