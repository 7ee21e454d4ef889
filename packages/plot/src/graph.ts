import { escapeXml, el, fmt, svgDocument, text, textWidth } from "./svg.js";

/** A site of a model graph (as NumPyro's `render_model` sees it). */
export interface GraphNode {
  readonly name: string;
  /** observed sites are shaded */
  readonly observed?: boolean;
  /** distribution name, shown under the site's name (e.g. "Normal") */
  readonly distribution?: string;
  /** plates the site sits in, outermost first */
  readonly plates?: readonly string[];
  /** `"deterministic"` sites are drawn as boxes, `"param"` as plain text (default `"sample"`) */
  readonly kind?: "sample" | "deterministic" | "param";
}

/** A model graph as plain data: sites, dependency edges (parent → child) and plates. */
export interface ModelGraph {
  readonly nodes: readonly GraphNode[] | Readonly<Record<string, Omit<GraphNode, "name">>>;
  readonly edges: readonly (readonly [string, string] | { readonly from: string; readonly to: string })[];
  /** plate sizes, by name (or a list of `{ name, size }`) */
  readonly plates?: Readonly<Record<string, number | undefined>> | readonly { readonly name: string; readonly size?: number }[];
}

interface Norm {
  nodes: GraphNode[];
  edges: [string, string][];
  plateSize: Map<string, number | undefined>;
}

function normalise(g: ModelGraph): Norm {
  const nodes = Array.isArray(g.nodes)
    ? [...(g.nodes as readonly GraphNode[])]
    : Object.entries(g.nodes as Record<string, Omit<GraphNode, "name">>).map(([name, n]) => ({ name, ...n }));
  const names = new Set(nodes.map((n) => n.name));
  const edges = g.edges.map((e) => (Array.isArray(e) ? [e[0], e[1]] : [(e as { from: string }).from, (e as { to: string }).to]) as [string, string]);
  for (const [a, b] of edges) {
    for (const s of [a, b]) if (!names.has(s)) throw new RangeError(`graph: edge ${a} → ${b} names an unknown site "${s}"`);
  }
  const plateSize = new Map<string, number | undefined>();
  if (Array.isArray(g.plates)) for (const p of g.plates as { name: string; size?: number }[]) plateSize.set(p.name, p.size);
  else if (g.plates) for (const [k, v] of Object.entries(g.plates)) plateSize.set(k, v as number | undefined);
  for (const n of nodes) for (const p of n.plates ?? []) if (!plateSize.has(p)) plateSize.set(p, undefined);
  return { nodes, edges, plateSize };
}

const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

function plateLabel(name: string, size: number | undefined): string {
  return size === undefined ? name : `${name} (${size})`;
}

function nodeLabel(n: GraphNode): string {
  return n.distribution ? `${n.name}\n${n.distribution}` : n.name;
}

/**
 * The Graphviz DOT text of a model graph, styled as NumPyro's `render_model`: sites as ellipses,
 * observed sites filled grey, deterministic sites as boxes, plates as labelled clusters.
 *
 * @example
 * ```ts
 * toDot({ nodes: [{ name: "mu" }, { name: "y", observed: true, plates: ["N"] }], edges: [["mu", "y"]], plates: { N: 100 } });
 * // 'digraph model { ... subgraph "cluster_N" { label="N (100)"; ... } ... }'
 * ```
 */
export function toDot(graph: ModelGraph): string {
  const { nodes, edges, plateSize } = normalise(graph);
  const lines: string[] = ["digraph model {", '  node [fontname="DejaVu Sans", fontsize=12];', '  graph [fontname="DejaVu Sans", fontsize=11, labeljust=r, labelloc=b];'];
  const decl = (n: GraphNode) => {
    const shape = n.kind === "deterministic" ? "box" : n.kind === "param" ? "plain" : "ellipse";
    const style = n.observed ? ', style=filled, fillcolor="#d3d3d3"' : "";
    return `${q(n.name)} [label=${q(nodeLabel(n))}, shape=${shape}${style}];`;
  };
  // Nested clusters by plate path.
  interface Tree { nodes: GraphNode[]; children: Map<string, Tree> }
  const root: Tree = { nodes: [], children: new Map() };
  for (const n of nodes) {
    let t = root;
    for (const p of n.plates ?? []) {
      if (!t.children.has(p)) t.children.set(p, { nodes: [], children: new Map() });
      t = t.children.get(p)!;
    }
    t.nodes.push(n);
  }
  const emit = (t: Tree, indent: string) => {
    for (const n of t.nodes) lines.push(indent + decl(n));
    for (const [p, c] of t.children) {
      lines.push(`${indent}subgraph ${q("cluster_" + p)} {`);
      lines.push(`${indent}  label=${q(plateLabel(p, plateSize.get(p)))};`);
      emit(c, indent + "  ");
      lines.push(`${indent}}`);
    }
  };
  emit(root, "  ");
  for (const [a, b] of edges) lines.push(`  ${q(a)} -> ${q(b)};`);
  lines.push("}");
  return lines.join("\n");
}

type GraphvizModule = typeof import("@hpcc-js/wasm-graphviz");
let graphviz: Promise<Awaited<ReturnType<GraphvizModule["Graphviz"]["load"]>>> | undefined;

/** Options of {@link graphPlot}. */
export interface GraphOptions {
  /**
   * layout engine: `"graphviz"` (default: Graphviz's `dot`, compiled to WebAssembly, from
   * `@hpcc-js/wasm-graphviz`, loaded on first use) or `"layered"` (a small built-in layered layout,
   * no WebAssembly; used automatically when Graphviz cannot be loaded)
   */
  engine?: "graphviz" | "layered";
}

/**
 * Draw a model graph as SVG: sites layered top to bottom by dependency, observed sites shaded,
 * plates as boxes. Takes plain graph data ({@link ModelGraph}) or DOT text (DOT needs Graphviz).
 *
 * @example
 * ```ts
 * const svg = await graphPlot({
 *   nodes: [{ name: "mu", distribution: "Normal" }, { name: "sigma", distribution: "HalfNormal" },
 *           { name: "y", observed: true, distribution: "Normal", plates: ["N"] }],
 *   edges: [["mu", "y"], ["sigma", "y"]],
 *   plates: { N: 50 },
 * });
 * ```
 */
export async function graphPlot(dotOrGraph: string | ModelGraph, options: GraphOptions = {}): Promise<string> {
  if (options.engine !== "layered") {
    try {
      graphviz ??= import("@hpcc-js/wasm-graphviz").then((m) => m.Graphviz.load());
      const gv = await graphviz;
      const dot = typeof dotOrGraph === "string" ? dotOrGraph : toDot(dotOrGraph);
      const svg = gv.dot(dot, "svg");
      return svg.slice(svg.indexOf("<svg"));
    } catch (e) {
      graphviz = undefined;
      if (typeof dotOrGraph === "string") throw new Error(`graphPlot: DOT input needs Graphviz (@hpcc-js/wasm-graphviz): ${String(e)}`);
      if (options.engine === "graphviz") throw e;
    }
  } else if (typeof dotOrGraph === "string") {
    throw new RangeError("graphPlot: the layered engine takes graph data, not DOT text");
  }
  return layeredGraphPlot(dotOrGraph as ModelGraph);
}

/**
 * Draw a model graph with a small built-in layered layout (synchronous, no WebAssembly): layers by
 * longest path from the roots, nodes ordered by plate then by their parents' positions, plates
 * drawn as labelled boxes around their sites, observed sites shaded.
 *
 * @example
 * ```ts
 * const svg = layeredGraphPlot({ nodes: { mu: {}, y: { observed: true, plates: ["N"] } }, edges: [["mu", "y"]] });
 * ```
 */
export function layeredGraphPlot(graph: ModelGraph): string {
  const { nodes, edges, plateSize } = normalise(graph);
  const fs = 12;
  const parents = new Map<string, string[]>(nodes.map((n) => [n.name, []]));
  for (const [a, b] of edges) parents.get(b)!.push(a);
  // Layer = longest path from a root (cycles are broken by a visiting guard).
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (s: string): number => {
    if (layer.has(s)) return layer.get(s)!;
    if (visiting.has(s)) return 0;
    visiting.add(s);
    const d = Math.max(-1, ...parents.get(s)!.map(depth)) + 1;
    visiting.delete(s);
    layer.set(s, d);
    return d;
  };
  nodes.forEach((n) => depth(n.name));
  const nLayers = Math.max(...layer.values()) + 1;
  const layers: GraphNode[][] = Array.from({ length: nLayers }, () => []);
  for (const n of nodes) layers[layer.get(n.name)!].push(n);
  const sizeOf = (n: GraphNode) => {
    const w = Math.max(textWidth(n.name, fs), n.distribution ? textWidth(n.distribution, fs * 0.85) : 0) + 30;
    return { w: Math.max(56, w), h: n.distribution ? 44 : 34 };
  };
  const pos = new Map<string, { x: number; y: number; w: number; h: number }>();
  const gapX = 36;
  const gapY = 70;
  const platePad = 14;
  const plateKey = (n: GraphNode) => (n.plates ?? []).join("\u0000");
  let y = 30;
  let maxW = 0;
  for (let l = 0; l < nLayers; l++) {
    // Order: by plate signature (so plate boxes stay contiguous), then by mean parent x.
    const row = layers[l];
    const px = (n: GraphNode) => {
      const ps = parents.get(n.name)!.map((p) => pos.get(p)?.x).filter((v): v is number => v !== undefined);
      return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : 0;
    };
    row.sort((a, b) => (plateKey(a) < plateKey(b) ? -1 : plateKey(a) > plateKey(b) ? 1 : px(a) - px(b)));
    let x = 30;
    let prevKey: string | undefined;
    let rowH = 0;
    for (const n of row) {
      const s = sizeOf(n);
      const key = plateKey(n);
      if (prevKey !== undefined && key !== prevKey) x += 2 * platePad * Math.max(1, (n.plates ?? []).length);
      x += platePad * (prevKey === undefined ? (n.plates ?? []).length : 0);
      pos.set(n.name, { x: x + s.w / 2, y: y + s.h / 2, ...s });
      x += s.w + gapX;
      rowH = Math.max(rowH, s.h);
      prevKey = key;
    }
    maxW = Math.max(maxW, x);
    y += rowH + gapY;
  }
  // Centre each layer.
  const totalW = maxW + 40;
  for (let l = 0; l < nLayers; l++) {
    const row = layers[l];
    if (!row.length) continue;
    const first = pos.get(row[0].name)!;
    const last = pos.get(row[row.length - 1].name)!;
    const shift = (totalW - (last.x + last.w / 2 + first.x - first.w / 2)) / 2;
    for (const n of row) pos.get(n.name)!.x += shift;
  }
  const body: string[] = [
    el("defs", {}, el("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, orient: "auto-start-reverse" },
      el("path", { d: "M0,0L10,5L0,10z", fill: "black" }))),
  ];
  // Plates: boxes around their sites, nested plates padded further.
  let maxY = y;
  for (const [p, size] of plateSize) {
    const members = nodes.filter((n) => (n.plates ?? []).includes(p));
    if (!members.length) continue;
    const depthIn = Math.max(...members.map((n) => (n.plates ?? []).length - (n.plates ?? []).indexOf(p)));
    const pad = platePad * depthIn;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of members) {
      const b = pos.get(n.name)!;
      x0 = Math.min(x0, b.x - b.w / 2); x1 = Math.max(x1, b.x + b.w / 2);
      y0 = Math.min(y0, b.y - b.h / 2); y1 = Math.max(y1, b.y + b.h / 2);
    }
    body.push(el("g", { class: "plate", "data-plate": p }, [
      el("rect", { x: x0 - pad, y: y0 - pad, width: x1 - x0 + 2 * pad, height: y1 - y0 + 2 * pad + fs, fill: "none", stroke: "black", "stroke-width": 1 }),
      text(x1 + pad - 4, y1 + pad + fs * 0.7, plateLabel(p, size), { "font-size": fs * 0.9, "text-anchor": "end", class: "plate-label" }),
    ]));
    maxY = Math.max(maxY, y1 + pad + fs + 10);
  }
  for (const [a, b] of edges) {
    const pa = pos.get(a)!;
    const pb = pos.get(b)!;
    const [x1, y1] = ellipseExit(pa, pb.x, pb.y);
    const [x2, y2] = ellipseExit(pb, pa.x, pa.y);
    body.push(el("line", { x1, y1, x2, y2, stroke: "black", "stroke-width": 1.1, "marker-end": "url(#arrow)", class: "edge", "data-from": a, "data-to": b }));
  }
  for (const n of nodes) {
    const b = pos.get(n.name)!;
    const fill = n.observed ? "#d3d3d3" : "white";
    const shape = n.kind === "deterministic"
      ? el("rect", { x: b.x - b.w / 2, y: b.y - b.h / 2, width: b.w, height: b.h, fill, stroke: "black" })
      : n.kind === "param" ? "" : el("ellipse", { cx: b.x, cy: b.y, rx: b.w / 2, ry: b.h / 2, fill, stroke: "black" });
    const label = n.distribution
      ? text(b.x, b.y - 2, n.name, { "font-size": fs, "text-anchor": "middle" }) +
        text(b.x, b.y + fs, n.distribution, { "font-size": fs * 0.85, "text-anchor": "middle", fill: "#333" })
      : text(b.x, b.y + fs * 0.35, n.name, { "font-size": fs, "text-anchor": "middle" });
    body.push(el("g", { class: n.observed ? "node observed" : "node", "data-name": escapeXml(n.name), "data-layer": layer.get(n.name)! }, [shape, label]));
  }
  return svgDocument(totalW, maxY, body);
}

function ellipseExit(b: { x: number; y: number; w: number; h: number }, tx: number, ty: number): [number, number] {
  const dx = tx - b.x;
  const dy = ty - b.y;
  const a = b.w / 2;
  const c = b.h / 2;
  const t = 1 / Math.sqrt((dx * dx) / (a * a) + (dy * dy) / (c * c) || 1);
  return [Number(fmt(b.x + dx * t)), Number(fmt(b.y + dy * t))];
}
