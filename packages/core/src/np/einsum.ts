/**
 * `np.einsum`: Einstein summation, lowered to diagonal masks, `reduce_sum`, pairwise
 * `dot_general` contractions (left to right) and a final transpose.
 */
import { type Array } from "../core/array.js";
import { fmtShape, range } from "../core/shape.js";
import { convertElementType, mul } from "../primitives/binary.js";
import { dotGeneral } from "../primitives/dot-general.js";
import { reduceSum } from "../primitives/reduce.js";
import { broadcastInDim, transpose } from "../primitives/shape-ops.js";
import { matrixConst } from "../primitives/linalg/util.js";
import { type ArrayLike, promoteArgs } from "./core.js";

/** Labels of the broadcast (`...`) dims: characters no user subscript can contain. */
const ELLIPSIS_BASE = 0x100;
const ellipsisLabel = (i: number) => String.fromCharCode(ELLIPSIS_BASE + i);

interface Parsed {
  terms: string[][];
  output: string[];
}

function parseTerm(term: string, where: string): { letters: string[]; ellipsisAt: number } {
  const letters: string[] = [];
  let ellipsisAt = -1;
  for (let i = 0; i < term.length; i++) {
    const ch = term[i];
    if (ch === ".") {
      if (term.slice(i, i + 3) !== "..." || ellipsisAt >= 0) throw new Error(`${where}: invalid '.' in subscripts "${term}" (use one '...')`);
      ellipsisAt = letters.length;
      i += 2;
    } else if (/^[a-zA-Z]$/.test(ch)) {
      letters.push(ch);
    } else {
      throw new Error(`${where}: invalid subscript character '${ch}' in "${term}" (letters a-z, A-Z and '...' only)`);
    }
  }
  return { letters, ellipsisAt };
}

function parse(subscripts: string, ndims: number[]): Parsed {
  const where = "einsum";
  const s = subscripts.replace(/\s+/g, "");
  const arrow = s.indexOf("->");
  const lhs = arrow >= 0 ? s.slice(0, arrow) : s;
  const rhs = arrow >= 0 ? s.slice(arrow + 2) : null;
  const rawTerms = lhs.split(",");
  if (rawTerms.length !== ndims.length) {
    throw new Error(`${where}: subscripts "${subscripts}" name ${rawTerms.length} operand(s) but ${ndims.length} were given`);
  }
  const parsed = rawTerms.map((t) => parseTerm(t, where));
  const nEll = parsed.map((p, i) => {
    const e = ndims[i] - p.letters.length;
    if (p.ellipsisAt < 0 ? e !== 0 : e < 0) {
      throw new Error(`${where}: term "${rawTerms[i]}" has ${p.letters.length} subscripts but operand ${i} has ${ndims[i]} dims`);
    }
    return p.ellipsisAt < 0 ? 0 : e;
  });
  const maxEll = Math.max(0, ...nEll);
  // Broadcast dims are aligned from the right, as in NumPy broadcasting.
  const terms = parsed.map((p, i) => {
    if (p.ellipsisAt < 0) return p.letters;
    const ell = range(nEll[i], maxEll - nEll[i]).map(ellipsisLabel);
    return [...p.letters.slice(0, p.ellipsisAt), ...ell, ...p.letters.slice(p.ellipsisAt)];
  });
  const allEll = range(maxEll).map(ellipsisLabel);
  let output: string[];
  if (rhs === null) {
    const counts = new Map<string, number>();
    for (const p of parsed) for (const l of p.letters) counts.set(l, (counts.get(l) ?? 0) + 1);
    const once = [...counts].filter(([, n]) => n === 1).map(([l]) => l).sort();
    output = [...allEll, ...once];
  } else {
    const o = parseTerm(rhs, where);
    output = o.ellipsisAt < 0 ? o.letters : [...o.letters.slice(0, o.ellipsisAt), ...allEll, ...o.letters.slice(o.ellipsisAt)];
    if (o.ellipsisAt < 0 && maxEll > 0) {
      throw new Error(`${where}: the inputs of "${subscripts}" use '...' so the output must too`);
    }
    const seen = new Set<string>();
    for (const l of o.letters) {
      if (seen.has(l)) throw new Error(`${where}: output subscript '${l}' appears more than once in "${subscripts}"`);
      seen.add(l);
      if (!terms.some((t) => t.includes(l))) throw new Error(`${where}: output subscript '${l}' does not appear in the inputs of "${subscripts}"`);
    }
  }
  return { terms, output };
}

/** Take the diagonal over repeated labels of one operand. */
function diagonalize(x: Array, labels: string[]): [Array, string[]] {
  let y = x;
  let ls = [...labels];
  for (;;) {
    const q = ls.findIndex((l, i) => ls.indexOf(l) !== i);
    if (q < 0) return [y, ls];
    const p = ls.indexOf(ls[q]);
    const n = y.shape[p];
    const eye = matrixConst(y, n, n, (i, j) => (i === j ? 1 : 0));
    y = reduceSum(mul(y, broadcastInDim(eye, y.shape, [p, q])), [q]);
    ls = ls.filter((_, i) => i !== q);
  }
}

/**
 * Einstein summation over the operands as NumPy's `einsum`: `"ij,jk->ik"` is a matrix
 * product, repeated subscripts in one term take a diagonal (`"ii->i"`), subscripts missing
 * from the output are summed, `...` stands for broadcast dims, and without `->` the output
 * is the broadcast dims then the subscripts used once, in alphabetical order.
 *
 * @example
 * ```ts
 * np.einsum("ij,jk->ik", a, b);          // matmul
 * np.einsum("ii", np.eye(3));            // trace: 3
 * np.einsum("...ij,...jk", xs, ys);      // batched matmul
 * np.einsum("i,j->ij", [1, 2], [3, 4]);  // outer: [[3, 4], [6, 8]]
 * ```
 */
export function einsum(subscripts: string, ...operands: ArrayLike[]): Array {
  if (operands.length === 0) throw new Error("einsum: needs at least one operand");
  let xs = promoteArgs("einsum", ...operands);
  const wasBool = xs[0].dtype === "bool";
  if (wasBool) xs = xs.map((x) => convertElementType(x, "int32"));
  const { terms, output } = parse(subscripts, xs.map((x) => x.ndim));

  // Every label's size (size-1 dims broadcast against the others).
  const sizes = new Map<string, number>();
  terms.forEach((t, i) =>
    t.forEach((l, k) => {
      const d = xs[i].shape[k];
      const prev = sizes.get(l);
      if (prev === undefined || prev === 1) sizes.set(l, d);
      else if (d !== 1 && d !== prev) {
        throw new Error(`einsum: subscript '${l.charCodeAt(0) >= ELLIPSIS_BASE ? "..." : l}' has sizes ${prev} and ${d} in "${subscripts}" (operand ${i} of shape ${fmtShape(xs[i].shape)})`);
      }
    }),
  );

  // Per operand: diagonals, broadcasting of size-1 dims, and sums over private labels.
  const ops: { x: Array; labels: string[] }[] = xs.map((x0, i) => {
    let [x, labels] = diagonalize(x0, terms[i]);
    const full = labels.map((l) => sizes.get(l)!);
    if (full.some((d, k) => d !== x.shape[k])) x = broadcastInDim(x, full, range(x.ndim));
    const elsewhere = (l: string) => output.includes(l) || terms.some((t, j) => j !== i && t.includes(l));
    const priv = labels.map((l, k) => (elsewhere(l) ? -1 : k)).filter((k) => k >= 0);
    if (priv.length > 0) {
      x = reduceSum(x, priv);
      labels = labels.filter((_, k) => !priv.includes(k));
    }
    return { x, labels };
  });

  // Pairwise contractions, left to right.
  let acc = ops[0];
  for (let i = 1; i < ops.length; i++) {
    const b = ops[i];
    const needed = (l: string) => output.includes(l) || ops.slice(i + 1).some((o) => o.labels.includes(l));
    const shared = acc.labels.filter((l) => b.labels.includes(l));
    const batch = shared.filter(needed);
    const contract = shared.filter((l) => !needed(l));
    const ax = (o: { labels: string[] }, ls: string[]) => ls.map((l) => o.labels.indexOf(l));
    const x = dotGeneral(acc.x, b.x, { contracting: [ax(acc, contract), ax(b, contract)], batch: [ax(acc, batch), ax(b, batch)] });
    const labels = [...batch, ...acc.labels.filter((l) => !shared.includes(l)), ...b.labels.filter((l) => !shared.includes(l))];
    acc = { x, labels };
  }

  // Sum what the output does not keep (single operand with repeated use), then order.
  const drop = acc.labels.map((l, k) => (output.includes(l) ? -1 : k)).filter((k) => k >= 0);
  let x = reduceSum(acc.x, drop);
  const labels = acc.labels.filter((l) => output.includes(l));
  x = transpose(x, output.map((l) => labels.indexOf(l)));
  return wasBool ? convertElementType(x, "bool") : x;
}
