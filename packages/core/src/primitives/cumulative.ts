/**
 * Cumulative reductions along one axis: cumsum, cumprod, cummax, cummin.
 */
import { type Array, ConcreteArray } from "../core/array.js";
import { allocate } from "../core/dtype.js";
import { type Primitive, type Tangent, Zero, definePrimitive } from "../core/primitive.js";
import { bind1 } from "../core/trace.js";
import { stridesOf } from "../core/shape.js";
import { instantiate, mapTangent } from "../core/tangent.js";
import { moveaxis } from "../interpreters/batching.js";
import { add, max, min, mul, select, gt, lt } from "./binary.js";
import { pad, slice } from "./slicing.js";
import { scalar } from "./constants.js";

/** The cumulative reductions. */
export type CumulativeKind = "cumsum" | "cumprod" | "cummax" | "cummin";

interface CumParams {
  axis: number;
  reverse: boolean;
}

const STEP: Record<CumulativeKind, (a: number, v: number) => number> = {
  cumsum: (a, v) => a + v,
  cumprod: (a, v) => a * v,
  cummax: (a, v) => (Number.isNaN(a) || v > a || Number.isNaN(v) ? (Number.isNaN(a) ? a : v) : a),
  cummin: (a, v) => (Number.isNaN(a) || v < a || Number.isNaN(v) ? (Number.isNaN(a) ? a : v) : a),
};

/** `STEP` as JS expressions of the running value and the next element, for compiled code. */
const STEP_EXPR: Record<CumulativeKind, (a: string, v: string) => string> = {
  cumsum: (a, v) => `${a} + ${v}`,
  cumprod: (a, v) => `${a} * ${v}`,
  cummax: (a, v) => `(${a} !== ${a} || ${v} > ${a} || ${v} !== ${v} ? (${a} !== ${a} ? ${a} : ${v}) : ${a})`,
  cummin: (a, v) => `(${a} !== ${a} || ${v} < ${a} || ${v} !== ${v} ? (${a} !== ${a} ? ${a} : ${v}) : ${a})`,
};

/**
 * Compiled code (a "loop" fusion rule): `cumImpl`'s loops as statements filling the planned
 * buffer `target`, step for step (the running value a JS number, each prefix stored into the
 * output's typed array), so compiled programs do not allocate a result per call.
 */
function cumulativeLoop(kind: CumulativeKind) {
  return (target: string, [src]: string[], { axis, reverse }: CumParams, [shape]: (readonly number[])[], id: number): string[] => {
    const n = shape[axis];
    const stride = stridesOf(shape)[axis];
    const outer = shape.reduce((a, b) => a * b, 1) / Math.max(1, n * stride);
    const acc = `a${id}`;
    return [
      `{ // ${kind}`,
      `for (let o = 0; o < ${outer}; o++) {`,
      `for (let inner = 0; inner < ${stride}; inner++) {`,
      `let i = o * ${n * stride} + inner${reverse ? ` + ${(n - 1) * stride}` : ""};`,
      `let ${acc} = ${src}[i];`,
      `${target}[i] = ${acc};`,
      `for (let k = 1; k < ${n}; k++) {`,
      `i += ${reverse ? -stride : stride};`,
      `const v = ${src}[i];`,
      `${acc} = ${STEP_EXPR[kind](acc, "v")};`,
      `${target}[i] = ${acc};`,
      "}",
      "}",
      "}",
      "}",
    ];
  };
}

function cumImpl(kind: CumulativeKind, x: ConcreteArray, { axis, reverse }: CumParams): ConcreteArray {
  const out = allocate(x.dtype, x.size);
  const n = x.shape[axis];
  const stride = stridesOf(x.shape)[axis];
  const outer = x.size / Math.max(1, n * stride);
  const step = STEP[kind];
  const src = x.data;
  for (let o = 0; o < outer; o++) {
    for (let inner = 0; inner < stride; inner++) {
      const base = o * n * stride + inner;
      let acc = 0;
      for (let k = 0; k < n; k++) {
        const i = base + (reverse ? n - 1 - k : k) * stride;
        acc = k === 0 ? src[i] : step(acc, src[i]);
        out[i] = acc;
      }
    }
  }
  return new ConcreteArray(out, x.shape, x.dtype, x.weakType);
}

// Shift along `axis` by `s` toward the end (or the start when reverse), filling with `fill`.
function shift(x: Array, axis: number, s: number, reverse: boolean, fill: number): Array {
  const n = x.shape[axis];
  const k = Math.min(s, n);
  const start = x.shape.map(() => 0);
  const limit = [...x.shape];
  if (reverse) start[axis] = k;
  else limit[axis] = n - k;
  const kept = slice(x, start, limit);
  const low = x.shape.map(() => 0);
  const high = x.shape.map(() => 0);
  if (reverse) high[axis] = k;
  else low[axis] = k;
  return pad(kept, scalar(fill, x.dtype), low, high);
}

// Tangent of cumprod/cummax/cummin by a Hillis–Steele scan on (value, tangent) pairs:
// exact (no division), built of differentiable primitives, O(n log n).
function scanTangent(kind: CumulativeKind, x: Array, t: Array, { axis, reverse }: CumParams): Array {
  let y = x;
  let ty = t;
  const n = x.shape[axis];
  for (let s = 1; s < n; s *= 2) {
    if (kind === "cumprod") {
      const ys = shift(y, axis, s, reverse, 1);
      const ts = shift(ty, axis, s, reverse, 0);
      ty = add(mul(ty, ys), mul(y, ts));
      y = mul(y, ys);
    } else {
      const fill = kind === "cummax" ? -Infinity : Infinity;
      const ys = shift(y, axis, s, reverse, fill);
      const ts = shift(ty, axis, s, reverse, 0);
      const takeShifted = kind === "cummax" ? gt(ys, y) : lt(ys, y);
      ty = select(takeShifted, ts, ty);
      y = kind === "cummax" ? max(y, ys) : min(y, ys);
    }
  }
  return ty;
}

function defineCumulative(kind: CumulativeKind, self: () => Primitive<CumParams>): Primitive<CumParams> {
  const common = {
    name: kind,
    abstractEval: ([x]: any[], { axis }: CumParams) => {
      if (axis < 0 || axis >= x.ndim) throw new Error(`${kind}: axis ${axis} is out of bounds for ${x}`);
      if (x.dtype === "bool" && (kind === "cumsum" || kind === "cumprod")) throw new Error(`${kind}: convert bool to int32 first`);
      return [x];
    },
    impl: ([x]: ConcreteArray[], p: CumParams) => [cumImpl(kind, x, p)],
    fusion: { kind: "loop" as const, emit: cumulativeLoop(kind) },
    batch: ([x]: Array[], [d]: (number | null)[], p: CumParams): [Array[], (number | null)[]] => [
      [bind1(self(), [moveaxis(x, d!, 0)], { axis: p.axis + 1, reverse: p.reverse })],
      [0],
    ],
  };
  if (kind === "cumsum") {
    return definePrimitive<CumParams>({
      ...common,
      linear: true,
      jvp: ([x], [t], p) => {
        const y = bind1(self(), [x], p);
        return [[y], [mapTangent(t, (u) => bind1(self(), [u], p), y.aval)]];
      },
      transpose: ([ct], [x], p) => [mapTangent(ct, (c) => bind1(self(), [c], { axis: p.axis, reverse: !p.reverse }), x.aval)],
    });
  }
  return definePrimitive<CumParams>({
    ...common,
    jvp: ([x], [t], p): [Array[], Tangent[]] => {
      const y = bind1(self(), [x], p);
      if (t instanceof Zero) return [[y], [new Zero(y.aval)]];
      return [[y], [scanTangent(kind, x, instantiate(t), p)]];
    },
  });
}

export const cumsumP: Primitive<CumParams> = defineCumulative("cumsum", () => cumsumP);
export const cumprodP: Primitive<CumParams> = defineCumulative("cumprod", () => cumprodP);
export const cummaxP: Primitive<CumParams> = defineCumulative("cummax", () => cummaxP);
export const cumminP: Primitive<CumParams> = defineCumulative("cummin", () => cumminP);

const PRIMS: Record<CumulativeKind, () => Primitive<CumParams>> = {
  cumsum: () => cumsumP,
  cumprod: () => cumprodP,
  cummax: () => cummaxP,
  cummin: () => cumminP,
};

/**
 * A cumulative reduction along `axis`; `reverse` runs from the end; `exclusive` shifts the
 * result by one so that element i excludes x[i] (starting from the identity).
 *
 * @example
 * ```ts
 * lax.cumulative("cumsum", np.array([1, 2, 3]), 0); // [1, 3, 6]
 * ```
 */
export function cumulative(kind: CumulativeKind, x: Array, axis: number, reverse = false, exclusive = false): Array {
  const y = bind1(PRIMS[kind](), [x], { axis, reverse });
  if (!exclusive) return y;
  const identity = kind === "cumsum" ? 0 : kind === "cumprod" ? 1 : kind === "cummax" ? -Infinity : Infinity;
  return shift(y, axis, 1, reverse, identity);
}


