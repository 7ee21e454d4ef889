/**
 * `scatter_add` and `scatter` compiled as loops into a planned buffer, instead of a call to the
 * primitive's implementation that allocates its result on every run: the operand is copied into
 * the output, then each index tuple's window of updates is added (or stored, the last duplicate
 * winning) at its base offset, with the implementation's clip and fill rules. The transpose of an
 * indexed read (`mu.index(group)` in a hierarchical model) is such a scatter, so gradients of
 * models with index arrays run without allocation.
 */
import { stridesOf } from "../../../core/shape.js";
import { type JaxprEqn, Var } from "../../../interpreters/jaxpr.js";

/** Whether `e` is a scatter this module compiles (every input a buffer, not a literal). */
export function isLoopScatter(e: JaxprEqn): boolean {
  return (e.prim.name === "scatter_add" || e.prim.name === "scatter") && e.inputs.every((a) => a instanceof Var);
}

/** Offsets of the row-major grid over `axes` of `shape` (the window each index tuple addresses). */
function windowOffsets(shape: readonly number[], axes: readonly number[]): number[] {
  const strides = stridesOf(shape);
  let offsets = [0];
  for (const a of axes) offsets = offsets.flatMap((o) => Array.from({ length: shape[a] }, (_, i) => o + i * strides[a]));
  return offsets;
}

/**
 * The statements of scatter `e` writing into `target`; `buf` names the buffers of its inputs and
 * `id` makes its locals unique.
 *
 * @example
 * ```ts
 * // scatter_add(operand f64[3], updates f64[4], idx i32[4]) on axis 0, mode clip:
 * scatterLoop(e, bufferOf, "b9", 9);
 * // ["{ // scatter_add", "b9.set(c0);", "for (let n = 0; n < 4; n++) {", …, "}"]
 * ```
 */
export function scatterLoop(e: JaxprEqn, buf: (v: Var) => string, target: string, id: number): string[] {
  const [op, upd, ...idx] = e.inputs as Var[];
  const { axes, mode } = e.params as { axes: readonly number[]; mode: "clip" | "fill" };
  const shape = op.aval.shape;
  const strides = stridesOf(shape);
  const count = idx[0].aval.size;
  const rest = windowOffsets(
    shape,
    shape.map((_, i) => i).filter((i) => !axes.includes(i)),
  );
  const lines = [`{ // ${e.prim.name}`, `${target}.set(${buf(op)});`];
  if (rest.length > 1) lines.push(`const w${id} = [${rest.join(", ")}];`);
  lines.push(`for (let n = 0; n < ${count}; n++) {`);
  const terms: string[] = [];
  axes.forEach((a, k) => {
    const hi = shape[a] - 1;
    const x = `x${id}_${k}`;
    lines.push(`let ${x} = ${buf(idx[k])}[n];`);
    if (mode === "fill") lines.push(`if (${x} < 0 || ${x} > ${hi}) continue;`);
    else lines.push(`${x} = ${x} < 0 ? 0 : ${x} > ${hi} ? ${hi} : ${x};`);
    terms.push(strides[a] === 1 ? x : `${x} * ${strides[a]}`);
  });
  const base = terms.length > 0 ? terms.join(" + ") : "0";
  const op_ = e.prim.name === "scatter_add" ? "+=" : "=";
  if (rest.length === 1) lines.push(`${target}[${base}] ${op_} ${buf(upd)}[n];`);
  else {
    lines.push(`const b${id} = ${base};`, `for (let r = 0; r < ${rest.length}; r++) ${target}[b${id} + w${id}[r]] ${op_} ${buf(upd)}[n * ${rest.length} + r];`);
  }
  lines.push("}", "}");
  return lines;
}
