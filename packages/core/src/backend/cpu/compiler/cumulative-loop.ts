/**
 * `cumsum`, `cumprod`, `cummax` and `cummin` compiled as loops into a planned buffer, instead of
 * a call to the primitive's implementation that allocates its result on every run (the
 * stick-breaking and correlation-Cholesky transforms of simplex and correlation parameters use
 * them, so such models' gradients ran an allocation per leapfrog step). The arithmetic is the
 * implementation's, step for step: the running value is a JS number and each prefix is stored
 * into the output's typed array.
 */
import { stridesOf } from "../../../core/shape.js";
import { type JaxprEqn, Var } from "../../../interpreters/jaxpr.js";

/** The running step `acc ∘ v` of each reduction, as the implementation computes it. */
const STEP: Record<string, (acc: string, v: string) => string> = {
  cumsum: (a, v) => `${a} + ${v}`,
  cumprod: (a, v) => `${a} * ${v}`,
  cummax: (a, v) => `(${a} !== ${a} || ${v} > ${a} || ${v} !== ${v} ? (${a} !== ${a} ? ${a} : ${v}) : ${a})`,
  cummin: (a, v) => `(${a} !== ${a} || ${v} < ${a} || ${v} !== ${v} ? (${a} !== ${a} ? ${a} : ${v}) : ${a})`,
};

/** Whether `e` is a cumulative reduction this module compiles (its operand a buffer). */
export function isLoopCumulative(e: JaxprEqn): boolean {
  return Object.hasOwn(STEP, e.prim.name) && e.inputs[0] instanceof Var;
}

/**
 * The statements of cumulative reduction `e` writing into `target`; `buf` names its operand's
 * buffer and `id` makes its locals unique.
 *
 * @example
 * ```ts
 * // cumsum(x f64[2, 3]) along axis 1:
 * cumulativeLoop(e, bufferOf, "b7", 7);
 * // ["{ // cumsum", "for (let o = 0; o < 2; o++) {", …, "}"]
 * ```
 */
export function cumulativeLoop(e: JaxprEqn, buf: (v: Var) => string, target: string, id: number): string[] {
  const x = e.inputs[0] as Var;
  const { axis, reverse } = e.params as { axis: number; reverse: boolean };
  const shape = x.aval.shape;
  const n = shape[axis];
  const stride = stridesOf(shape)[axis];
  const outer = n * stride === 0 ? 0 : x.aval.size / (n * stride);
  const src = buf(x);
  const acc = `a${id}`;
  const first = reverse ? `(${n - 1}) * ${stride}` : "0";
  const step = reverse ? `-${stride}` : `${stride}`;
  return [
    `{ // ${e.prim.name}`,
    `for (let o = 0; o < ${outer}; o++) {`,
    `for (let inner = 0; inner < ${stride}; inner++) {`,
    `let i = o * ${n * stride} + inner + ${first};`,
    `let ${acc} = ${src}[i];`,
    `${target}[i] = ${acc};`,
    `for (let k = 1; k < ${n}; k++) {`,
    `i += ${step};`,
    `const v = ${src}[i];`,
    `${acc} = ${STEP[e.prim.name](acc, "v")};`,
    `${target}[i] = ${acc};`,
    "}",
    "}",
    "}",
    "}",
  ];
}
