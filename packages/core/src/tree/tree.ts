/**
 * Pytrees: nested plain objects, JS arrays and registered classes whose leaves are arrays
 * (or numbers). Transformations flatten their arguments and results with these.
 */
import { Array as OArray } from "../core/array.js";

interface NodeType {
  flatten(x: object): [unknown[], unknown];
  unflatten(aux: unknown, children: unknown[]): unknown;
}

const registry = new Map<Function, NodeType>();

// A class registered as a node covers its subclasses too (the nearest registered ancestor's
// functions are used, so they should rebuild through `aux`/the constructor).
function nodeTypeOf(cls: Function): NodeType | undefined {
  for (let c: Function | null = cls; c !== null && c !== Object && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const n = registry.get(c);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** The structure of a pytree, without its leaves. */
export type TreeDef =
  | { readonly kind: "leaf" }
  | { readonly kind: "none"; readonly value: null | undefined }
  | { readonly kind: "list"; readonly children: readonly TreeDef[] }
  | { readonly kind: "dict"; readonly keys: readonly string[]; readonly children: readonly TreeDef[] }
  | { readonly kind: "custom"; readonly cls: Function; readonly aux: unknown; readonly children: readonly TreeDef[] };

const LEAF: TreeDef = { kind: "leaf" };

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== "object") return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * Register a class as a pytree node, so transformations look inside its instances.
 *
 * @example
 * ```ts
 * class Point { constructor(public x: Array, public y: Array) {} }
 * tree.registerNode(Point, (p) => [[p.x, p.y], null], (_aux, [x, y]) => new Point(x, y));
 * ```
 */
export function registerNode<T extends object>(
  cls: abstract new (...args: any[]) => T,
  flatten: (x: T) => [unknown[], unknown],
  unflatten: (aux: unknown, children: unknown[]) => T,
): void {
  registry.set(cls, { flatten: flatten as (x: object) => [unknown[], unknown], unflatten });
}

/**
 * Split a pytree into its leaves (depth-first, object keys sorted) and its structure.
 *
 * @example
 * ```ts
 * const [leaves, def] = tree.flatten({ b: [1, 2], a: np.zeros([2]) });
 * leaves.length; // 3 (a, then b's two leaves)
 * ```
 */
export function flatten(x: unknown): [unknown[], TreeDef] {
  const leaves: unknown[] = [];
  const def = flattenInto(x, leaves);
  return [leaves, def];
}

function flattenInto(x: unknown, leaves: unknown[]): TreeDef {
  if (x === null || x === undefined) return { kind: "none", value: x };
  if (x instanceof OArray) {
    leaves.push(x);
    return LEAF;
  }
  if (globalThis.Array.isArray(x)) return { kind: "list", children: x.map((c) => flattenInto(c, leaves)) };
  if (isPlainObject(x)) {
    const keys = Object.keys(x).sort();
    return { kind: "dict", keys, children: keys.map((k) => flattenInto(x[k], leaves)) };
  }
  if (typeof x === "object") {
    const node = nodeTypeOf((x as object).constructor);
    if (node) {
      const [children, aux] = node.flatten(x as object);
      return { kind: "custom", cls: (x as object).constructor, aux, children: children.map((c) => flattenInto(c, leaves)) };
    }
  }
  leaves.push(x);
  return LEAF;
}

/**
 * Rebuild a pytree from a structure and leaves.
 *
 * @example
 * ```ts
 * const [leaves, def] = tree.flatten({ a: 1, b: [2, 3] });
 * tree.unflatten(def, leaves.map((v) => v * 10)); // { a: 10, b: [20, 30] }
 * ```
 */
export function unflatten<T = unknown>(def: TreeDef, leaves: readonly unknown[]): T {
  let i = 0;
  const build = (d: TreeDef): unknown => {
    switch (d.kind) {
      case "leaf":
        return leaves[i++];
      case "none":
        return d.value;
      case "list":
        return d.children.map(build);
      case "dict": {
        const out: Record<string, unknown> = {};
        d.keys.forEach((k, j) => (out[k] = build(d.children[j])));
        return out;
      }
      case "custom":
        return nodeTypeOf(d.cls)!.unflatten(d.aux, d.children.map(build));
    }
  };
  const out = build(def);
  if (i !== leaves.length) throw new Error(`tree.unflatten: structure has ${i} leaves, got ${leaves.length}`);
  return out as T;
}

/** The leaves of a pytree. */
export function leaves(x: unknown): unknown[] {
  return flatten(x)[0];
}

/** The structure of a pytree. */
export function structure(x: unknown): TreeDef {
  return flatten(x)[1];
}

/** Number of leaves in a structure. */
export function numLeaves(def: TreeDef): number {
  switch (def.kind) {
    case "leaf":
      return 1;
    case "none":
      return 0;
    default:
      return def.children.reduce((n, c) => n + numLeaves(c), 0);
  }
}

/** True when two structures are the same. */
export function treedefEqual(a: TreeDef, b: TreeDef): boolean {
  return treedefKey(a) === treedefKey(b);
}

/** A string that identifies a structure (for caches and error messages). */
export function treedefKey(d: TreeDef): string {
  switch (d.kind) {
    case "leaf":
      return "*";
    case "none":
      return d.value === null ? "null" : "undefined";
    case "list":
      return `[${d.children.map(treedefKey).join(",")}]`;
    case "dict":
      return `{${d.keys.map((k, i) => `${JSON.stringify(k)}:${treedefKey(d.children[i])}`).join(",")}}`;
    case "custom":
      return `${d.cls.name}(${JSON.stringify(d.aux) ?? ""})[${d.children.map(treedefKey).join(",")}]`;
  }
}

/**
 * Apply `f` to every leaf (and the matching leaves of `rest`, which must share the structure).
 *
 * @example
 * ```ts
 * tree.map((x) => x.mul(2), { a: np.ones([2]), b: [np.zeros([3])] });
 * ```
 */
export function map<R = unknown>(f: (...leaves: any[]) => unknown, x: unknown, ...rest: unknown[]): R {
  const [xl, def] = flatten(x);
  const others = rest.map((r, k) => {
    const [l, d] = flatten(r);
    if (!treedefEqual(d, def)) {
      throw new Error(`tree.map: argument ${k + 1} has structure ${treedefKey(d)}, expected ${treedefKey(def)}`);
    }
    return l;
  });
  return unflatten<R>(def, xl.map((v, i) => f(v, ...others.map((o) => o[i]))));
}

/**
 * Broadcast a prefix tree (e.g. `inAxes`) against a full tree: one value per leaf of `full`.
 * A leaf of the prefix applies to the whole subtree below it.
 */
export function broadcastPrefix<T>(prefix: unknown, full: unknown, where: string): T[] {
  const out: T[] = [];
  const walk = (p: unknown, f: unknown, path: string): void => {
    const [, fd] = flatten(f);
    const isPrefixLeaf = p === null || p === undefined || typeof p === "number" || typeof p === "string" || typeof p === "boolean";
    if (isPrefixLeaf) {
      for (let i = 0; i < numLeaves(fd); i++) out.push(p as T);
      return;
    }
    if (globalThis.Array.isArray(p) && globalThis.Array.isArray(f) && p.length === f.length) {
      p.forEach((c, i) => walk(c, f[i], `${path}[${i}]`));
      return;
    }
    if (isPlainObject(p) && isPlainObject(f)) {
      const keys = Object.keys(f).sort();
      const pk = Object.keys(p).sort();
      if (keys.join("\u0000") === pk.join("\u0000")) {
        keys.forEach((k) => walk(p[k], f[k], `${path}.${k}`));
        return;
      }
    }
    throw new Error(`${where}: ${path || "the argument"} has structure ${treedefKey(fd)} which does not match the given axes ${JSON.stringify(p)}`);
  };
  walk(prefix, full, "");
  return out;
}
