/**
 * Index maps: how each axis of an array is read inside a compiled loop nest. Axis k is read
 * at `offset + scale · i_loop` (or at the constant `offset` when `loop` is -1). View-like
 * primitives (broadcast, transpose, slice, reverse, pad) transform index maps instead of
 * copying data.
 */

/** How one axis is indexed by the loop variables. */
export interface AxisIndex {
  /** The loop variable, or -1 for a constant index. */
  readonly loop: number;
  readonly scale: number;
  readonly offset: number;
  /**
   * An index computed in the loop (e.g. read from a gather's index array): a JS expression
   * added to the affine part, and the loop level from which it is available.
   */
  readonly dyn?: { readonly expr: string; readonly level: number };
}

/** One AxisIndex per axis of the array being read. */
export type IndexMap = readonly AxisIndex[];

/** Axis read directly at loop variable `loop`. */
export function loopIndex(loop: number): AxisIndex {
  return { loop, scale: 1, offset: 0 };
}

/** A constant index. */
export function constIndex(offset: number): AxisIndex {
  return { loop: -1, scale: 0, offset };
}

/** The identity map of a rank-`rank` loop nest. */
export function identityMap(rank: number): AxisIndex[] {
  return Array.from({ length: rank }, (_, i) => loopIndex(i));
}

/** `start + step · ix`. */
export function affine(ix: AxisIndex, step: number, start: number): AxisIndex {
  const dyn = ix.dyn === undefined ? undefined : { expr: step === 1 ? ix.dyn.expr : `(${step} * ${ix.dyn.expr})`, level: ix.dyn.level };
  const base = ix.loop < 0 ? constIndex(start + step * ix.offset) : { loop: ix.loop, scale: ix.scale * step, offset: start + step * ix.offset };
  return dyn === undefined ? base : { ...base, dyn };
}

/** A stable string for an index map (cache keys). */
export function indexKey(m: IndexMap): string {
  return m.map((a) => `${a.loop}:${a.scale}:${a.offset}${a.dyn ? `+${a.dyn.expr}` : ""}`).join(",");
}

/** The JS expression of an axis index, with loop variables named `i<k>`. */
export function indexExpr(ix: AxisIndex): string {
  let e: string;
  if (ix.loop < 0) e = String(ix.offset);
  else {
    const v = ix.scale === 1 ? `i${ix.loop}` : `${ix.scale} * i${ix.loop}`;
    e = ix.offset === 0 ? v : `(${v} + ${ix.offset})`;
  }
  return ix.dyn === undefined ? e : `(${e} + ${ix.dyn.expr})`;
}
