/**
 * Differentiation: jvp, linearize, vjp, grad, valueAndGrad, jacfwd, jacrev, hessian.
 */
import { type Array, Array as OArray } from "../core/array.js";
import { isFloat } from "../core/dtype.js";
import { type Tangent, Zero } from "../core/primitive.js";
import { fmtShape, shapeSize } from "../core/shape.js";
import { instantiate } from "../core/tangent.js";
import { type TreeDef, flatten, unflatten } from "../tree/tree.js";
import { jvpFlat } from "../interpreters/jvp.js";
import { linearizeFlat } from "../interpreters/linearize.js";
import { vmapFlat } from "../interpreters/batching.js";
import { full } from "../primitives/constants.js";
import { reshape, transpose } from "../primitives/shape-ops.js";
import { slice } from "../primitives/slicing.js";
import { convertElementType } from "../primitives/binary.js";
import { NoForwardModeError } from "../primitives/custom-lin.js";
import { flattenArgs, flattenFun, leavesAsArrays } from "./flatten-args.js";

type Fn = (...args: any[]) => any;

/** Options of `grad`, `valueAndGrad`, `jacfwd`, `jacrev`, `hessian`. */
export interface GradOptions {
  /** Which positional argument(s) to differentiate with respect to (default 0). */
  argnums?: number | number[];
  /** `f` returns `[output, aux]`; aux is returned alongside, not differentiated. */
  hasAux?: boolean;
}

/**
 * Forward mode: the outputs of `f` at `primals` and their directional derivative along
 * `tangents` (pytrees matching `primals`).
 *
 * @example
 * ```ts
 * const [y, dy] = jvp((x) => np.sin(x), [np.array(0.5)], [np.array(1)]);
 * // dy = cos(0.5)
 * ```
 */
export function jvp<T = any>(f: Fn, primals: unknown[], tangents: unknown[]): [T, T] {
  const [flatP, inDef] = flattenArgs(primals, "jvp primals", true);
  const [flatT, tDef] = flattenArgs(tangents, "jvp tangents", true);
  if (flatT.length !== flatP.length) throw new Error(`jvp: tangents have ${flatT.length} leaves but primals have ${flatP.length}`);
  void tDef;
  const tans = flatT.map((t, i) => {
    const p = flatP[i];
    if (t.shape.length !== p.shape.length || t.shape.some((d, k) => d !== p.shape[k])) {
      throw new Error(`jvp: tangent ${i} has shape ${fmtShape(t.shape)} but its primal has shape ${fmtShape(p.shape)}`);
    }
    return isFloat(p.dtype) ? (t.dtype === p.dtype ? t : convertElementType(t, p.dtype)) : new Zero(p.aval);
  });
  const store: { outDef?: TreeDef } = {};
  const [outs, touts] = jvpFlat(flattenFun(f, inDef, "jvp", store), flatP, tans);
  return [unflatten<T>(store.outDef!, outs), unflatten<T>(store.outDef!, touts.map(instantiate))];
}

/**
 * The outputs of `f` at `primals` and a function that applies its linearisation (the JVP
 * at that point) to tangents, reusing the work done once.
 *
 * @example
 * ```ts
 * const [y, fLin] = linearize((x) => np.exp(x), np.array(1));
 * fLin(np.array(2)); // 2e
 * ```
 */
export function linearize<T = any>(f: Fn, ...primals: unknown[]): [T, (...tangents: unknown[]) => T] {
  const [flatP, inDef] = flattenArgs(primals, "linearize", true);
  const store: { outDef?: TreeDef } = {};
  const lin = linearizeFlat(flattenFun(f, inDef, "linearize", store), flatP);
  const outDef = store.outDef!;
  const fLin = (...tangents: unknown[]): T => {
    const [flatT] = flattenArgs(tangents, "linearize tangents", true);
    return unflatten<T>(outDef, lin.jvp(flatT));
  };
  return [unflatten<T>(outDef, lin.primalsOut), fLin];
}

function vjpImpl(f: Fn, primals: unknown[], hasAux: boolean): [unknown, (ct: unknown) => unknown[], unknown] {
  const [flatP, inDef] = flattenArgs(primals, "vjp", true);
  let outDef: TreeDef | undefined;
  let auxDef: TreeDef | undefined;
  // Aux leaves that are arrays travel through the trace (so they come out concrete);
  // anything else (numbers, strings) is returned as it was.
  let auxLeaves: unknown[] = [];
  let nMain = 0;
  const flatF = (...xs: Array[]): Array[] => {
    const result = f(...unflatten<unknown[]>(inDef, xs));
    let main = result;
    let aux: unknown = undefined;
    if (hasAux) {
      if (!globalThis.Array.isArray(result) || result.length !== 2) throw new Error("hasAux: the function must return [output, aux]");
      [main, aux] = result;
    }
    const [ml, md] = flatten(main);
    [auxLeaves, auxDef] = flatten(aux);
    outDef = md;
    nMain = ml.length;
    return [...leavesAsArrays(ml, "vjp (output)", false), ...(auxLeaves.filter((l) => l instanceof OArray) as Array[])];
  };
  const lin = linearizeFlat(flatF, flatP);
  const outs = lin.primalsOut.slice(0, nMain);
  const auxArrays = lin.primalsOut.slice(nMain);
  let k = 0;
  const aux = hasAux ? unflatten(auxDef!, auxLeaves.map((l) => (l instanceof OArray ? auxArrays[k++] : l))) : undefined;
  const pullback = (ct: unknown): unknown[] => {
    const [ctl] = flatten(ct);
    if (ctl.length !== nMain) {
      throw new Error(`vjp: the cotangent has ${ctl.length} leaves but the output has ${nMain} (structure must match the output)`);
    }
    const cts = [...leavesAsArrays(ctl, "vjp cotangent", true), ...auxArrays.map((a) => instantiate(new Zero(a.aval)))];
    return unflatten<unknown[]>(inDef, lin.vjp(cts));
  };
  return [unflatten(outDef!, outs), pullback, aux];
}

/**
 * Reverse mode: the outputs of `f` at `primals` and a function mapping an output cotangent
 * to a list of cotangents, one per primal.
 *
 * @example
 * ```ts
 * const [y, pullback] = vjp((x, w) => np.sum(x.mul(w)), np.array([1, 2]), np.array([3, 4]));
 * const [dx, dw] = pullback(np.array(1)); // dx = [3, 4], dw = [1, 2]
 * ```
 */
export function vjp<T = any>(f: Fn, ...primals: unknown[]): [T, (ct: unknown) => any[]] {
  const [out, pullback] = vjpImpl(f, primals, false);
  return [out as T, pullback];
}

/**
 * `vjp` for a function returning `[output, aux]` (JAX's `has_aux=True`): returns
 * `[output, pullback, aux]`.
 *
 * @example
 * ```ts
 * const [y, pullback, aux] = vjpWithAux((x) => [np.sum(x), x.shape[0]], np.ones([3]));
 * ```
 */
export function vjpWithAux<T = any, A = any>(f: Fn, ...primals: unknown[]): [T, (ct: unknown) => any[], A] {
  const [out, pullback, aux] = vjpImpl(f, primals, true);
  return [out as T, pullback, aux as A];
}

function argnumList(argnums: number | number[] | undefined, nArgs: number, where: string): number[] {
  const list = argnums === undefined ? [0] : typeof argnums === "number" ? [argnums] : argnums;
  for (const a of list) {
    if (!Number.isInteger(a) || a < 0 || a >= nArgs) {
      throw new Error(`${where}: argnums ${JSON.stringify(argnums)} is out of range for a call with ${nArgs} positional argument(s)`);
    }
  }
  return list;
}

/** Differentiating with respect to integers is a mistake worth naming (as JAX does). */
function checkFloatInputs(xs: unknown[], nums: number[], where: string): void {
  xs.forEach((x, k) => {
    const [leaves] = flatten(x);
    leaves.forEach((l) => {
      if (typeof l === "object" && l !== null && "aval" in l && !isFloat((l as Array).dtype)) {
        throw new TypeError(
          `${where}: argument ${nums[k]} contains an array of dtype ${(l as Array).dtype}; differentiate with respect to ` +
            `float arrays (np.array(data) is float64; cast with .astype("float64"))`,
        );
      }
    });
  });
}

function partialFn(f: Fn, args: unknown[], nums: number[]): Fn {
  return (...diff: unknown[]) => {
    const full = [...args];
    nums.forEach((a, i) => (full[a] = diff[i]));
    return f(...full);
  };
}

/**
 * The value and gradient of `fp` at `diffArgs` by forward mode, when what is differentiated is
 * one float element (a scalar parameter): one JVP with tangent 1 gives the derivative in a
 * single pass, where reverse mode needs a forward and a backward pass (and recomputes or stores
 * every intermediate). Null when it does not apply — more than one element, a non-scalar or
 * non-float output, or a `customVjp` function, which has no forward mode — and reverse mode is
 * used instead.
 */
function forwardValueAndGrad(fp: Fn, diffArgs: unknown[]): [Array, unknown[]] | null {
  const [flatP, inDef] = flattenArgs(diffArgs, "grad", true);
  if (flatP.length !== 1 || flatP[0].size !== 1 || !isFloat(flatP[0].dtype)) return null;
  const p = flatP[0];
  const store: { outDef?: TreeDef } = {};
  let outs: Array[];
  let touts: Tangent[];
  try {
    [outs, touts] = jvpFlat(flattenFun(fp, inDef, "grad", store), flatP, [full(p.shape, 1, p.dtype)]);
  } catch (e) {
    if (e instanceof NoForwardModeError) return null;
    throw e;
  }
  if (outs.length !== 1 || outs[0].ndim !== 0 || !isFloat(outs[0].dtype)) return null;
  let g = instantiate(touts[0]);
  if (g.dtype !== p.dtype) g = convertElementType(g, p.dtype);
  return [outs[0], unflatten<unknown[]>(inDef, [reshape(g, p.shape)])];
}

/**
 * The value of a scalar function and its gradient with respect to `argnums`. With respect to a
 * single scalar the derivative is taken in forward mode (one pass); otherwise in reverse mode.
 *
 * @example
 * ```ts
 * const [v, g] = valueAndGrad((x) => np.sum(x.mul(x)))(np.array([1, 2]));
 * // v = 5, g = [2, 4]
 * ```
 */
export function valueAndGrad(f: Fn, options: GradOptions = {}): (...args: any[]) => any {
  return (...args: unknown[]) => {
    const nums = argnumList(options.argnums, args.length, "grad");
    const hasAux = options.hasAux ?? false;
    checkFloatInputs(nums.map((a) => args[a]), nums, "grad");
    const fwd = hasAux ? null : forwardValueAndGrad(partialFn(f, args, nums), nums.map((a) => args[a]));
    if (fwd !== null) return [fwd[0], typeof options.argnums === "object" ? fwd[1] : fwd[1][0]];
    const [out, pullback, aux] = vjpImpl(partialFn(f, args, nums), nums.map((a) => args[a]), hasAux);
    const y = out as Array;
    if (!(typeof y === "object" && y !== null && "aval" in y) || y.ndim !== 0) {
      const shape = typeof y === "object" && y !== null && "shape" in y ? fmtShape((y as Array).shape) : typeof y;
      throw new Error(`grad: the function must return a scalar (shape ()), but returned ${shape}; use vjp or jacrev for non-scalar outputs`);
    }
    if (!isFloat(y.dtype)) throw new Error(`grad: the function must return a float scalar, got ${y.dtype}`);
    const g = pullback(full([], 1, y.dtype));
    const grads = typeof options.argnums === "object" ? g : g[0];
    return hasAux ? [[y, aux], grads] : [y, grads];
  };
}

/**
 * The gradient of a scalar function with respect to argument `argnums` (default 0), as a
 * pytree shaped like that argument.
 *
 * @example
 * ```ts
 * const df = grad((x) => np.sin(x).mul(x));
 * df(np.array(1)); // cos(1) + sin(1)
 * grad(grad(np.sin))(0.5); // -sin(0.5)
 * ```
 */
export function grad(f: Fn, options: GradOptions = {}): (...args: any[]) => any {
  const vg = valueAndGrad(f, options);
  return (...args: unknown[]) => {
    const [v, g] = vg(...args);
    return options.hasAux ? [g, v[1]] : g;
  };
}

function stdBasis(leaves: Array[]): [Array[], number] {
  const sizes = leaves.map((l) => l.size);
  const n = sizes.reduce((a, b) => a + b, 0);
  let offset = 0;
  const basis = leaves.map((l, k) => {
    const data = full([n, sizes[k]], 0, l.dtype);
    for (let i = 0; i < sizes[k]; i++) data.data[(offset + i) * sizes[k] + i] = 1;
    offset += sizes[k];
    return reshape(data, [n, ...l.shape]);
  });
  return [basis, n];
}

// Rows [start, start+len) of a [n, ...rest] array, reshaped to [...rowShape, ...rest] and
// then ordered so that `rowShape` comes last when `rowsLast`.
function block(x: Array, start: number, rowShape: readonly number[], rowsLast: boolean): Array {
  const len = shapeSize(rowShape);
  const rest = x.shape.slice(1);
  const s = slice(x, [start, ...rest.map(() => 0)], [start + len, ...rest]);
  const r = reshape(s, [...rowShape, ...rest]);
  if (!rowsLast) return r;
  const k = rowShape.length;
  const perm = [...rest.map((_, i) => k + i), ...rowShape.map((_, i) => i)];
  return transpose(r, perm);
}

function jacobianTree(outLeaves: Array[][], outDef: TreeDef, outAvals: Array[], inLeaves: Array[], inDef: TreeDef, forward: boolean): unknown {
  // forward: outLeaves[j] is [n_in, ...outShape_j]; reverse: per input leaf i, [n_out, ...inShape_i].
  const perOut = outAvals.map((o, j) => {
    let offset = 0;
    const blocks = inLeaves.map((l, i) => {
      const start = offset;
      offset += l.size;
      if (forward) return block(outLeaves[j][0], start, l.shape, true);
      let outOffset = 0;
      for (let q = 0; q < j; q++) outOffset += outAvals[q].size;
      return block(outLeaves[0][i], outOffset, o.shape, false);
    });
    return unflatten(inDef, blocks);
  });
  return unflatten(outDef, perOut);
}

function diffArgTree(args: unknown[], options: GradOptions): [number[], unknown] {
  const nums = argnumList(options.argnums, args.length, "jacobian");
  const target = typeof options.argnums === "object" ? nums.map((a) => args[a]) : args[nums[0]];
  return [nums, target];
}

/**
 * The Jacobian by forward mode (one JVP per input element, vectorised with vmap). For
 * input shape I and output shape O the result has shape O + I.
 *
 * @example
 * ```ts
 * jacfwd((x) => np.sin(x))(np.array([0, 1])); // diag(cos(x))
 * ```
 */
export function jacfwd(f: Fn, options: GradOptions = {}): (...args: any[]) => any {
  return (...args: unknown[]) => {
    const [nums, target] = diffArgTree(args, options);
    checkFloatInputs(nums.map((a) => args[a]), nums, "jacfwd");
    const single = typeof options.argnums !== "object";
    const [inLeavesRaw, inDef] = flatten(target);
    const inLeaves = leavesAsArrays(inLeavesRaw, "jacfwd", true);
    const g: Fn = (t: unknown) => {
      const list = single ? [t] : (t as unknown[]);
      return partialFn(f, args, nums)(...list);
    };
    const [basis, n] = stdBasis(inLeaves);
    const store: { outDef?: TreeDef } = {};
    let outAvals: Array[] = [];
    const pushfwd = (...ts: Array[]): Array[] => {
      const [outs, touts] = jvpFlat(
        (...xs: Array[]) => {
          const res = g(unflatten(inDef, xs));
          const [l, d] = flatten(res);
          store.outDef = d;
          return leavesAsArrays(l, "jacfwd (output)", false);
        },
        inLeaves,
        ts.map((t, i): Tangent => (isFloat(inLeaves[i].dtype) ? t : new Zero(inLeaves[i].aval))),
      );
      outAvals = outs;
      return touts.map(instantiate);
    };
    void n;
    const touts = vmapFlat(pushfwd, n, basis.map(() => 0), () => 0, basis);
    return jacobianTree(touts.map((t) => [t]), store.outDef!, outAvals, inLeaves, inDef, true);
  };
}

/**
 * The Jacobian by reverse mode (one VJP per output element, vectorised with vmap). For
 * input shape I and output shape O the result has shape O + I.
 *
 * @example
 * ```ts
 * jacrev((x) => x.mul(x))(np.array([1, 2])); // [[2, 0], [0, 4]]
 * ```
 */
export function jacrev(f: Fn, options: GradOptions = {}): (...args: any[]) => any {
  return (...args: unknown[]) => {
    const [nums, target] = diffArgTree(args, options);
    checkFloatInputs(nums.map((a) => args[a]), nums, "jacrev");
    const single = typeof options.argnums !== "object";
    const [inLeavesRaw, inDef] = flatten(target);
    const inLeaves = leavesAsArrays(inLeavesRaw, "jacrev", true);
    const store: { outDef?: TreeDef } = {};
    const lin = linearizeFlat((...xs: Array[]) => {
      const t = unflatten(inDef, xs);
      const res = partialFn(f, args, nums)(...(single ? [t] : (t as unknown[])));
      const [l, d] = flatten(res);
      store.outDef = d;
      return leavesAsArrays(l, "jacrev (output)", false);
    }, inLeaves);
    const outs = lin.primalsOut;
    const [basis, m] = stdBasis(outs);
    const cts = vmapFlat((...c: Array[]) => lin.vjp(c), m, basis.map(() => 0), () => 0, basis);
    return jacobianTree([cts], store.outDef!, outs, inLeaves, inDef, false);
  };
}

/**
 * The Hessian, as `jacfwd(jacrev(f))`.
 *
 * @example
 * ```ts
 * hessian((x) => np.sum(x.mul(x).mul(x)))(np.array([1, 2])); // diag(6x)
 * ```
 */
export function hessian(f: Fn, options: GradOptions = {}): (...args: any[]) => any {
  return jacfwd(jacrev(f, options), options);
}
