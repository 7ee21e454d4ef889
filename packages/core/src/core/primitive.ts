/**
 * Primitives: a name plus every rule the interpreters need, declared together.
 * A primitive that lacks a required rule does not type-check.
 */
import { type Array, type ConcreteArray } from "./array.js";
import { type ShapedArray } from "./aval.js";
import { type DType } from "./dtype.js";
import { type AxisIndex, type IndexMap } from "./index-map.js";

/** A symbolic zero tangent or cotangent: known to be zero, never materialised unless needed. */
export class Zero {
  constructor(readonly aval: ShapedArray) {}
}

/** A tangent or cotangent: an array or a symbolic zero. */
export type Tangent = Array | Zero;

/** In a transpose rule, the linear input whose cotangent is wanted (its value is unknown). */
export class UndefPrimal {
  constructor(readonly aval: ShapedArray) {}
}

/** The batch dimension of a value under `vmap`; `null` when the value is not batched. */
export type BDim = number | null;

/** Abstract evaluation: output avals from input avals. */
export type AbstractEvalRule<P> = (avals: ShapedArray[], params: P) => ShapedArray[];
/** The CPU implementation on concrete arrays. */
export type ImplRule<P> = (args: ConcreteArray[], params: P) => ConcreteArray[];
/** Forward-mode rule: output primals and tangents from input primals and tangents. */
export type JvpRule<P> = (primals: Array[], tangents: Tangent[], params: P) => [Array[], Tangent[]];
/** Batching rule: outputs and their batch dims from inputs and their batch dims. */
export type BatchRule<P> = (args: Array[], dims: BDim[], params: P) => [Array[], BDim[]];
/**
 * Transpose rule: cotangents of the linear inputs (`UndefPrimal` in `args`) from the output
 * cotangents; `null` for inputs that are not linear.
 */
export type TransposeRule<P> = (cts: Tangent[], args: (Array | UndefPrimal)[], params: P) => (Tangent | null)[];

/**
 * How the CPU compiler may fuse a primitive into a loop instead of calling its
 * implementation. Primitives without it run as opaque calls inside compiled code.
 */
export type FusionRule<P> =
  /** Elementwise: a JS expression of the operands' expressions (all same shape or rank 0). */
  | { readonly kind: "elementwise"; readonly expr: (args: string[], params: P, inDtypes: DType[]) => string }
  /**
   * A view: the index map of the input given the index map of the output; null when not
   * expressible, in which case `alias` says the output is the input's buffer reshaped.
   */
  | {
      readonly kind: "view";
      readonly inputIndex: (outIndex: IndexMap, params: P, inShape: readonly number[]) => IndexMap | null;
      readonly alias?: boolean;
    }
  /**
   * A view of input 0 where `guard` (a JS condition on the output index) holds, and the
   * scalar input 1 elsewhere (e.g. pad).
   */
  | {
      readonly kind: "guarded-view";
      readonly inputIndex: (outIndex: IndexMap, params: P, inShape: readonly number[]) => IndexMap | null;
      readonly guard: (outIndex: IndexMap, params: P, inShape: readonly number[]) => string;
    }
  /**
   * A gather: the index arrays (inputs 1…) are read at `indexMap`, and each operand axis is
   * either read at a map entry or at the (clamped) value of index input `input`; null when
   * not expressible (e.g. out-of-bounds fill).
   */
  | {
      readonly kind: "gather";
      readonly plan: (
        outIndex: IndexMap,
        params: P,
        operandShape: readonly number[],
        indexShape: readonly number[],
      ) => { indexMap: IndexMap; operand: (AxisIndex | { input: number })[] } | null;
    }
  /** Concatenation along `axis`: each output position reads the input whose range holds it. */
  | { readonly kind: "concatenate"; readonly axis: (params: P) => number }
  /** A reduction over `axes`: accumulator initial value and update, as JS expressions. */
  | {
      readonly kind: "reduce";
      readonly axes: (params: P) => readonly number[];
      readonly init: (dtype: DType) => string;
      readonly combine: (acc: string, value: string) => string;
    }
  /**
   * A whole-array step of its own (scatters, cumulative reductions): statements that fill the
   * buffer named `target` from the input buffers named `inputs` (every input a buffer, none a
   * literal), instead of a call that allocates the result. `id` makes its locals unique.
   */
  | {
      readonly kind: "loop";
      readonly emit: (target: string, inputs: string[], params: P, inShapes: (readonly number[])[], id: number) => string[];
    };

interface RulesBase<P> {
  /** The primitive's name as printed in jaxprs, e.g. `add`, `reduce_sum`. */
  readonly name: string;
  readonly abstractEval: AbstractEvalRule<P>;
  readonly impl: ImplRule<P>;
  readonly jvp: JvpRule<P>;
  readonly batch: BatchRule<P>;
  /** Printed params in jaxprs; defaults to JSON of the params. */
  readonly formatParams?: (params: P) => string;
  /** How compiled code fuses it (absent: an opaque call to `impl`). */
  readonly fusion?: FusionRule<P>;
  /**
   * Partial evaluation (linearisation for reverse mode) of an application with some
   * unknown inputs: `known[i]` is input i's value when known. Return the outputs, computing
   * what is known now (e.g. by evaluating a body inline), or null to stage the whole
   * equation as unknown (the default).
   */
  readonly partialEval?: (args: Array[], known: (Array | null)[], params: P) => Array[] | null;
  /** Evaluate the body inline when staging for jit too (call-like primitives). */
  readonly inlineWhenStaging?: boolean;
}

/** What `definePrimitive` takes: linear primitives must give a transpose rule. */
export type PrimitiveSpec<P> = RulesBase<P> &
  ({ readonly linear: true; readonly transpose: TransposeRule<P> } | { readonly linear?: false; readonly transpose?: TransposeRule<P> });

/** A registered primitive with all of its rules. */
export interface Primitive<P> extends RulesBase<P> {
  readonly linear: boolean;
  readonly transpose: TransposeRule<P> | undefined;
}

const registry = new Map<string, Primitive<any>>();

/**
 * Declare a primitive with its rules. Names are unique.
 *
 * @example
 * ```ts
 * const neg = definePrimitive<{}>({
 *   name: "neg", linear: true,
 *   abstractEval: ([x]) => [x],
 *   impl: ([x]) => [mapUnary(x, (v) => -v)],
 *   jvp: ([x], [t]) => [[neg1(x)], [negTangent(t)]],
 *   batch: ([x], [d]) => [[neg1(x)], [d]],
 *   transpose: ([ct]) => [negTangent(ct)],
 * });
 * ```
 */
export function definePrimitive<P>(spec: PrimitiveSpec<P>): Primitive<P> {
  if (registry.has(spec.name)) throw new Error(`internal: primitive ${spec.name} defined twice`);
  const prim: Primitive<P> = { ...spec, linear: spec.linear ?? false, transpose: spec.transpose };
  registry.set(spec.name, prim);
  return prim;
}

/** Every registered primitive, by name (for tests and tools). */
export function registeredPrimitives(): ReadonlyMap<string, Primitive<any>> {
  return registry;
}
