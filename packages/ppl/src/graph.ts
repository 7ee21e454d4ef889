/**
 * The model graph, as NumPyro's `get_model_relations`/`render_model`: sites, their
 * distributions, plates and dependencies (found by staging the model with `makeJaxpr` and
 * following the data flow from each site's value), as plain data; `toDot` renders it.
 */
import { type Array, makeJaxpr, random, tree } from "@orrery/core";
import { type ModelFn } from "./handler-form.js";
import { seed, substitute, trace } from "./handlers.js";
import { initToUniform } from "./initialization.js";
import { type Message, Messenger } from "./runtime.js";

/** One site of a model graph. */
export interface GraphSite {
  /** The site's name. */
  name: string;
  /** "sample", "deterministic" or "param". */
  type: "sample" | "deterministic" | "param";
  /** The distribution's class name (sample sites), e.g. "Normal"; null otherwise. */
  distribution: string | null;
  /** The distribution's support, e.g. "positive" (sample sites); or the param's constraint. */
  support: string | null;
  /** Whether the value is observed. */
  isObserved: boolean;
  /** The value's shape. */
  shape: number[];
  /** The plates the site is in, outermost first. */
  plates: string[];
  /** The sites this one depends on (its distribution's parameters, or a deterministic value). */
  parents: string[];
}

/** A plate of a model graph. */
export interface GraphPlate {
  /** The plate's name. */
  name: string;
  /** Its full size. */
  size: number;
  /** Its subsample size (equal to `size` without subsampling). */
  subsampleSize: number;
  /** Its batch axis. */
  dim: number;
  /** The sites inside it. */
  sites: string[];
}

/** A model's graph, as plain data (JSON-serialisable). */
export interface ModelGraph {
  /** The sites, in execution order. */
  sites: GraphSite[];
  /** The plates (they may overlap: a site can be in several that do not nest). */
  plates: GraphPlate[];
  /** Dependency edges `[parent, child]`. */
  edges: [string, string][];
  /** Whether dependencies were found (false when the model could not be staged; see `note`). */
  dependenciesFound: boolean;
  /** Why dependencies are missing, if they are. */
  note?: string;
}

/** Substitutes site values with staged inputs and collects what each site's distribution/value is made of. */
class ProvenanceMessenger extends Messenger {
  readonly outputs: Record<string, Array[]> = {};
  constructor(private readonly inputs: Record<string, Array>) {
    super();
  }
  private add(name: string, xs: Array[]): void {
    (this.outputs[name] ??= []).push(...xs);
  }
  override processMessage(msg: Message): void {
    if (msg.type === "sample") {
      this.add(msg.name, tree.leaves(msg.fn).filter((l): l is Array => l !== null && typeof l === "object" && "aval" in (l as object)));
      if (!msg.isObserved && msg.name in this.inputs) msg.value = this.inputs[msg.name];
    } else if (msg.type === "deterministic") {
      if (msg.value !== null && typeof msg.value === "object" && "aval" in msg.value) this.add(msg.name, [msg.value as Array]);
      if (msg.name in this.inputs) msg.value = this.inputs[msg.name];
    } else if (msg.type === "param") {
      if (msg.name in this.inputs) msg.value = this.inputs[msg.name];
    }
  }
}

function findDependencies(model: ModelFn, args: readonly unknown[], names: string[], values: Array[]): Record<string, Set<string>> {
  let outNames: string[] = [];
  const f = (...vals: Array[]): Array[] => {
    const inputs: Record<string, Array> = {};
    names.forEach((n, i) => (inputs[n] = vals[i]));
    const m = new ProvenanceMessenger(inputs);
    m.run(() => model(...args));
    const outs: Array[] = [];
    outNames = [];
    for (const [name, xs] of Object.entries(m.outputs)) {
      for (const x of xs) {
        outs.push(x);
        outNames.push(name);
      }
    }
    return outs;
  };
  const closed = makeJaxpr(f)(...values);
  const { jaxpr, consts } = closed;
  const sets = new Map<unknown, Set<number>>();
  jaxpr.inBinders.slice(consts.length).forEach((v, i) => sets.set(v, new Set([i])));
  for (const eqn of jaxpr.eqns) {
    const s = new Set<number>();
    for (const a of eqn.inputs) for (const i of sets.get(a) ?? []) s.add(i);
    for (const o of eqn.outBinders) sets.set(o, s);
  }
  const deps: Record<string, Set<string>> = {};
  jaxpr.outs.forEach((atom, j) => {
    const site = outNames[j];
    const d = (deps[site] ??= new Set());
    for (const i of sets.get(atom) ?? []) if (names[i] !== site) d.add(names[i]);
  });
  return deps;
}

/**
 * The graph of a model (NumPyro's `get_model_relations`): every sample, deterministic and
 * param site with its distribution, observed flag, shape and plates; the plates (overlapping
 * ones included); and the dependency edges, found by staging the model and following the data
 * flow from each site's value to the parameters of the distributions downstream.
 *
 * @example
 * ```ts
 * const g = modelGraph(model, x, y);
 * g.edges;             // [["m", "y"], ["b", "y"], ...]
 * console.log(toDot(g));
 * ```
 */
export function modelGraph(model: ModelFn, ...args: unknown[]): ModelGraph {
  const tr = trace(substitute(seed(model, random.key(0)), initToUniform())).getTrace(...args);
  const sites: GraphSite[] = [];
  const plateInfo = new Map<string, GraphPlate>();
  for (const site of Object.values(tr)) {
    if (site.type === "plate") {
      const [size] = site.args as [number];
      const value = site.value as Array;
      plateInfo.set(site.name, { name: site.name, size, subsampleSize: value.shape[0], dim: 0, sites: [] });
    }
  }
  for (const site of Object.values(tr)) {
    if (site.type !== "sample" && site.type !== "deterministic" && site.type !== "param") continue;
    const frames = [...site.condIndepStack].reverse();
    for (const f of frames) {
      const p = plateInfo.get(f.name) ?? { name: f.name, size: f.size, subsampleSize: f.size, dim: f.dim, sites: [] };
      p.dim = f.dim;
      p.sites.push(site.name);
      plateInfo.set(f.name, p);
    }
    const value = site.value as Array | null;
    sites.push({
      name: site.name,
      type: site.type,
      distribution: site.type === "sample" ? baseName(site.fn!) : null,
      support: site.type === "sample" ? site.fn!.support.name : site.type === "param" ? (site.kwargs.constraint?.name ?? "real") : null,
      isObserved: site.isObserved,
      shape: value && typeof value === "object" && "shape" in value ? [...value.shape] : [],
      plates: frames.map((f) => f.name),
      parents: [],
    });
  }
  const inputs = sites.filter((s) => (s.type === "sample" && !s.isObserved) || s.type === "deterministic" || s.type === "param");
  let dependenciesFound = true;
  let note: string | undefined;
  try {
    const deps = findDependencies(model, args, inputs.map((s) => s.name), inputs.map((s) => tr[s.name].value as Array));
    const order = new Map(sites.map((s, i) => [s.name, i]));
    for (const s of sites) s.parents = [...(deps[s.name] ?? [])].sort((a, b) => order.get(a)! - order.get(b)!);
  } catch (e) {
    dependenciesFound = false;
    note = `the model could not be staged to find dependencies: ${(e as Error).message}`;
  }
  const edges: [string, string][] = [];
  for (const s of sites) for (const p of s.parents) edges.push([p, s.name]);
  const graph: ModelGraph = { sites, plates: [...plateInfo.values()].filter((p) => p.sites.length > 0), edges, dependenciesFound };
  if (note) graph.note = note;
  return graph;
}

const q = (s: string): string => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

/** Options of {@link toDot}. */
export interface ToDotOptions {
  /** Show distribution names under site names (default true). */
  showDistributions?: boolean;
  /** Include deterministic sites (default true). */
  showDeterministic?: boolean;
  /** Include param sites (default true). */
  showParams?: boolean;
}

/**
 * Render a model graph as Graphviz DOT (as NumPyro's `render_model`): latent sites as white
 * ellipses, observed sites filled grey, deterministic sites dashed, params as plain text,
 * plates as labelled boxes (nested when the plates nest; a site in overlapping plates sits in
 * a box for that combination).
 *
 * @example
 * ```ts
 * fs.writeFileSync("model.dot", toDot(modelGraph(model, x, y)));  // dot -Tsvg model.dot
 * ```
 */
export function toDot(graph: ModelGraph, options: ToDotOptions = {}): string {
  const showDist = options.showDistributions ?? true;
  const keep = (s: GraphSite): boolean => (s.type !== "deterministic" || (options.showDeterministic ?? true)) && (s.type !== "param" || (options.showParams ?? true));
  const sites = graph.sites.filter(keep);
  const kept = new Set(sites.map((s) => s.name));
  const plateSize = new Map(graph.plates.map((p) => [p.name, p]));
  const node = (s: GraphSite, indent: string): string => {
    const label = showDist && s.distribution ? `${s.name}\n${s.distribution}` : s.name;
    const attrs = [`label=${q(label)}`];
    if (s.type === "param") attrs.push("shape=plain");
    else {
      attrs.push("shape=ellipse");
      if (s.isObserved) attrs.push('style=filled', 'fillcolor=gray');
      if (s.type === "deterministic") attrs.push("style=dashed");
    }
    return `${indent}${q(s.name)} [${attrs.join(", ")}];`;
  };
  interface Cluster {
    children: Map<string, Cluster>;
    sites: GraphSite[];
  }
  const root: Cluster = { children: new Map(), sites: [] };
  for (const s of sites) {
    let c = root;
    for (const p of s.plates) {
      if (!c.children.has(p)) c.children.set(p, { children: new Map(), sites: [] });
      c = c.children.get(p)!;
    }
    c.sites.push(s);
  }
  let counter = 0;
  const lines: string[] = ["digraph {"];
  const emit = (c: Cluster, indent: string): void => {
    for (const s of c.sites) lines.push(node(s, indent));
    for (const [name, child] of c.children) {
      const p = plateSize.get(name);
      const size = p ? (p.subsampleSize !== p.size ? `${p.subsampleSize}/${p.size}` : `${p.size}`) : "";
      lines.push(`${indent}subgraph cluster_${counter++} {`);
      lines.push(`${indent}  label=${q(`${name} (${size})`)}; labeljust=r; labelloc=b; style=rounded;`);
      emit(child, indent + "  ");
      lines.push(`${indent}}`);
    }
  };
  emit(root, "  ");
  for (const [a, b] of graph.edges) if (kept.has(a) && kept.has(b)) lines.push(`  ${q(a)} -> ${q(b)};`);
  lines.push("}");
  return lines.join("\n");
}

// The distribution a user wrote: plates and masks wrap it (ExpandedDistribution,
// MaskedDistribution, Independent), so name the innermost one.
function baseName(d: { name: string }): string {
  let cur: unknown = d;
  for (let i = 0; i < 8; i++) {
    const inner = (cur as { baseDist?: unknown }).baseDist;
    const name = (cur as { name: string }).name;
    if (inner === undefined || !/^(ExpandedDistribution|MaskedDistribution|Independent)$/.test(name)) return name;
    cur = inner;
  }
  return (cur as { name: string }).name;
}
