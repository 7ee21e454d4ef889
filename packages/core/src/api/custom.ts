/**
 * Custom derivatives: `customJvp` and `customVjp`, for numerically delicate functions.
 */
import { type FlatBwd, type FlatFn, type FlatFwd, type FlatJvp, bindCustomJvp, bindCustomVjp } from "../core/trace.js";
import { type TreeDef, flatten, unflatten } from "../tree/tree.js";
import { flattenFun, leavesAsArrays } from "./flatten-args.js";

type Fn = (...args: any[]) => any;

/** A function with a custom JVP rule: call it like `f`; set the rule with `defJvp`. */
export interface CustomJvpFunction<F extends Fn> {
  (...args: Parameters<F>): ReturnType<F>;
  /**
   * Set the rule: `rule(primals, tangents)` returns `[primalOut, tangentOut]`, with
   * `primals` and `tangents` the lists of positional arguments.
   */
  defJvp(rule: (primals: any[], tangents: any[]) => [any, any]): CustomJvpFunction<F>;
}

/**
 * Give `f` a hand-written JVP rule, used by every differentiation (forward and reverse,
 * at any order) instead of differentiating `f`'s own operations.
 *
 * @example
 * ```ts
 * const log1pexp = customJvp((x) => np.log1p(np.exp(x)));
 * log1pexp.defJvp(([x], [t]) => [log1pexp(x), t.mul(nn.sigmoid(x))]);
 * grad(log1pexp)(100); // 1, where the plain formula gives NaN
 * ```
 */
export function customJvp<F extends Fn>(f: F): CustomJvpFunction<F> {
  let rule: ((primals: any[], tangents: any[]) => [any, any]) | null = null;
  const wrapped = ((...args: unknown[]) => {
    if (rule === null) throw new Error("customJvp: call defJvp(rule) before calling the function");
    const r = rule;
    const [leaves, inDef] = flatten(args);
    const xs = leavesAsArrays(leaves, "customJvp", false);
    const store: { outDef?: TreeDef } = {};
    const fun: FlatFn = flattenFun(f, inDef, "customJvp", store);
    const jvp: FlatJvp = (ps, ts) => {
      const [out, tout] = r(unflatten<unknown[]>(inDef, ps), unflatten<unknown[]>(inDef, ts));
      const [ol, od] = flatten(out);
      store.outDef = od;
      return [leavesAsArrays(ol, "customJvp rule (output)", false), leavesAsArrays(flatten(tout)[0], "customJvp rule (tangent)", true)];
    };
    const outs = bindCustomJvp(fun, jvp, xs);
    return unflatten(store.outDef!, outs);
  }) as unknown as CustomJvpFunction<F>;
  wrapped.defJvp = (r) => {
    rule = r;
    return wrapped;
  };
  return wrapped;
}

/** A function with a custom VJP: call it like `f`; set the rule with `defVjp`. */
export interface CustomVjpFunction<F extends Fn> {
  (...args: Parameters<F>): ReturnType<F>;
  /**
   * `fwd(...args)` returns `[output, residuals]`; `bwd(residuals, outputCotangent)` returns
   * the list of cotangents, one per positional argument.
   */
  defVjp(fwd: (...args: any[]) => [any, any], bwd: (residuals: any, ct: any) => any[]): CustomVjpFunction<F>;
}

/**
 * Give `f` a hand-written VJP for reverse-mode differentiation (`grad`, `vjp`, `jacrev`).
 *
 * @example
 * ```ts
 * const clipGrad = customVjp((x) => x);
 * clipGrad.defVjp((x) => [x, null], (_res, g) => [np.clip(g, -1, 1)]);
 * ```
 */
export function customVjp<F extends Fn>(f: F): CustomVjpFunction<F> {
  let rules: { fwd: (...args: any[]) => [any, any]; bwd: (res: any, ct: any) => any[] } | null = null;
  const wrapped = ((...args: unknown[]) => {
    if (rules === null) throw new Error("customVjp: call defVjp(fwd, bwd) before calling the function");
    const r = rules;
    const [leaves, inDef] = flatten(args);
    const xs = leavesAsArrays(leaves, "customVjp", false);
    const store: { outDef?: TreeDef } = {};
    let resDef: TreeDef | undefined;
    const fun: FlatFn = flattenFun(f, inDef, "customVjp", store);
    const fwd: FlatFwd = (...ys) => {
      const [out, res] = r.fwd(...unflatten<unknown[]>(inDef, ys));
      const [ol, od] = flatten(out);
      const [rl, rd] = flatten(res);
      store.outDef = od;
      resDef = rd;
      return [leavesAsArrays(ol, "customVjp fwd (output)", false), leavesAsArrays(rl, "customVjp fwd (residuals)", false)];
    };
    const bwd: FlatBwd = (res, cts) => {
      const ctsIn = r.bwd(unflatten(resDef!, res), unflatten(store.outDef!, cts));
      const [cl] = flatten(ctsIn);
      if (cl.length !== xs.length) {
        throw new Error(`customVjp: bwd returned ${cl.length} cotangent leaves, but the function has ${xs.length} input leaves`);
      }
      return leavesAsArrays(cl, "customVjp bwd", true);
    };
    const outs = bindCustomVjp(fun, fwd, bwd, xs);
    return unflatten(store.outDef!, outs);
  }) as unknown as CustomVjpFunction<F>;
  wrapped.defVjp = (fwd, bwd) => {
    rules = { fwd, bwd };
    return wrapped;
  };
  return wrapped;
}


