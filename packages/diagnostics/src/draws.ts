/**
 * Input types. Draws are always laid out chains × draws × event-shape, row-major (C order):
 * the draws of chain 0 come first, and within a draw the event elements are contiguous.
 *
 * - One scalar quantity ({@link ScalarDraws}) is any of
 *   - `{ data, shape: [chains, draws] }` ({@link DrawsArray}), `data` a `Float64Array`,
 *     `Float32Array` or `number[]` of length chains × draws, chain-major;
 *   - an array of chains, each an array of draws (`number[][]` or `Float64Array[]`);
 *   - `{ data, chains, draws }` ({@link ChainMatrix}, `data` a chain-major `Float64Array`);
 *   - a flat array of draws, read as a single chain (as R's posterior reads a vector).
 * - Several named quantities ({@link DrawsRecord}) map names to a `DrawsArray` of shape
 *   `[chains, draws, ...event]`, a `ChainMatrix`, or nested arrays chain × draw × ... (the
 *   layout of ArviZ's `from_dict`).
 */

/** A numeric buffer: a typed array or a plain array of numbers. */
export type NumberArray = ArrayLike<number>;

/** Draws as a flat row-major buffer with a shape `[chains, draws, ...event]`. */
export interface DrawsArray {
  readonly data: NumberArray;
  readonly shape: readonly number[];
}

/** Nested arrays of numbers, e.g. `number[][][]` laid out chain × draw × event. */
export type NestedNumbers = number | readonly NestedNumbers[] | Float64Array | Float32Array;

/** Draws of one scalar quantity: chains × draws. */
export type ScalarDraws = DrawsArray | ChainMatrix | readonly NumberArray[] | NumberArray;

/** Named draws, each of shape `[chains, draws, ...event]`. */
export type DrawsRecord = Readonly<Record<string, DrawsArray | ChainMatrix | NestedNumbers>>;

/** The canonical internal form of one scalar quantity: a chain-major matrix. */
export interface ChainMatrix {
  /** chains × draws values, chain-major (`data[c * draws + i]`). */
  readonly data: Float64Array;
  readonly chains: number;
  readonly draws: number;
}

/**
 * Wrap a flat buffer and a shape as a {@link DrawsArray}, checking that they agree.
 *
 * @param data - row-major values
 * @param shape - `[chains, draws, ...event]`
 * @example
 * ```ts
 * const x = drawsArray(new Float64Array(4 * 1000), [4, 1000]);
 * ```
 */
export function drawsArray(data: NumberArray, shape: readonly number[]): DrawsArray {
  const size = shape.reduce((a, b) => a * b, 1);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`drawsArray: bad shape [${shape.join(", ")}]`);
  }
  if (shape.length < 2) throw new RangeError(`drawsArray: shape must be [chains, draws, ...event], got [${shape.join(", ")}]`);
  if (size !== data.length) {
    throw new RangeError(`drawsArray: shape [${shape.join(", ")}] needs ${size} values, data has ${data.length}`);
  }
  return { data, shape };
}

function isDrawsArray(x: unknown): x is DrawsArray {
  return typeof x === "object" && x !== null && "data" in x && "shape" in x && Array.isArray((x as DrawsArray).shape);
}

function isChainMatrix(x: unknown): x is ChainMatrix {
  return (
    typeof x === "object" && x !== null && "data" in x && "chains" in x && "draws" in x &&
    (x as ChainMatrix).data instanceof Float64Array
  );
}

function isNumberArray(x: unknown): x is NumberArray {
  if (ArrayBuffer.isView(x)) return true;
  return Array.isArray(x) && (x.length === 0 || typeof x[0] === "number");
}

/**
 * Convert any {@link ScalarDraws} to a chain-major {@link ChainMatrix} (copying only when needed).
 *
 * @example
 * ```ts
 * toChainMatrix([[1, 2, 3], [4, 5, 6]]); // { chains: 2, draws: 3, data: Float64Array [1..6] }
 * ```
 */
export function toChainMatrix(x: ScalarDraws): ChainMatrix {
  if (isChainMatrix(x)) {
    if (x.data.length !== x.chains * x.draws) {
      throw new RangeError(`${x.chains} chains × ${x.draws} draws need ${x.chains * x.draws} values, data has ${x.data.length}`);
    }
    return x;
  }
  if (isDrawsArray(x)) {
    const { shape, data } = x;
    const event = shape.slice(2).reduce((a, b) => a * b, 1);
    if (shape.length < 2 || event !== 1) {
      throw new RangeError(
        `expected the draws of one scalar quantity with shape [chains, draws], got [${shape.join(", ")}]; ` +
          `use summary() or flattenDraws() for parameters with an event shape`,
      );
    }
    if (data.length !== shape[0] * shape[1]) {
      throw new RangeError(`shape [${shape.join(", ")}] needs ${shape[0] * shape[1]} values, data has ${data.length}`);
    }
    return { data: asFloat64(data), chains: shape[0], draws: shape[1] };
  }
  if (isNumberArray(x)) return { data: asFloat64(x), chains: 1, draws: x.length };
  const chains = x as readonly NumberArray[];
  if (chains.length === 0) return { data: new Float64Array(0), chains: 0, draws: 0 };
  const draws = chains[0].length;
  const data = new Float64Array(chains.length * draws);
  chains.forEach((chain, c) => {
    if (chain.length !== draws) {
      throw new RangeError(`chain ${c} has ${chain.length} draws but chain 0 has ${draws}; chains must have equal lengths`);
    }
    for (let i = 0; i < draws; i++) data[c * draws + i] = chain[i];
  });
  return { data, chains: chains.length, draws };
}

function asFloat64(x: NumberArray): Float64Array {
  return x instanceof Float64Array ? x : Float64Array.from(x as ArrayLike<number>);
}

/** Infer the shape of nested arrays and flatten them row-major. */
function flattenNested(x: NestedNumbers, name: string): DrawsArray {
  const shape: number[] = [];
  let probe: NestedNumbers = x;
  while (typeof probe !== "number") {
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = (probe as readonly NestedNumbers[])[0];
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  let k = 0;
  const walk = (node: NestedNumbers, depth: number): void => {
    if (depth === shape.length) {
      if (typeof node !== "number") throw new RangeError(`draws for "${name}" are ragged at depth ${depth}`);
      data[k++] = node;
      return;
    }
    if (typeof node === "number" || node.length !== shape[depth]) {
      throw new RangeError(`draws for "${name}" are ragged: expected length ${shape[depth]} at depth ${depth}`);
    }
    for (let i = 0; i < node.length; i++) walk((node as readonly NestedNumbers[])[i], depth + 1);
  };
  walk(x, 0);
  if (shape.length === 0) throw new RangeError(`draws for "${name}" are a single number, not chains × draws`);
  // A flat array is one chain.
  if (shape.length === 1) return { data, shape: [1, shape[0]] };
  return { data, shape };
}

/**
 * Normalise one named entry of a {@link DrawsRecord} to a {@link DrawsArray}.
 *
 * @example
 * ```ts
 * toDrawsArray([[[1, 2], [3, 4]]], "theta").shape; // [1, 2, 2]
 * ```
 */
export function toDrawsArray(x: DrawsArray | ChainMatrix | NestedNumbers, name = "draws"): DrawsArray {
  if (isDrawsArray(x)) return drawsArray(x.data, x.shape);
  if (isChainMatrix(x)) return drawsArray(x.data, [x.chains, x.draws]);
  return flattenNested(x, name);
}

/** One scalar component of a named quantity, e.g. `theta[1, 0]`. */
export interface ScalarComponent {
  /** the quantity's name, e.g. `theta` */
  readonly name: string;
  /** the index into the event shape (empty for a scalar quantity) */
  readonly index: readonly number[];
  readonly matrix: ChainMatrix;
}

/**
 * Split named draws into their scalar components (row-major over each event shape).
 *
 * @example
 * ```ts
 * flattenDraws({ mu: [[0, 1], [2, 3]], theta: drawsArray(new Float64Array(2 * 2 * 3), [2, 2, 3]) })
 *   .map((c) => [c.name, c.index]); // [["mu", []], ["theta", [0]], ["theta", [1]], ["theta", [2]]]
 * ```
 */
export function flattenDraws(record: DrawsRecord): ScalarComponent[] {
  const out: ScalarComponent[] = [];
  for (const [name, value] of Object.entries(record)) {
    const arr = toDrawsArray(value, name);
    const [chains, draws] = arr.shape;
    const eventShape = arr.shape.slice(2);
    const event = eventShape.reduce((a, b) => a * b, 1);
    if (event === 1 && eventShape.length === 0) {
      out.push({ name, index: [], matrix: { data: asFloat64(arr.data), chains, draws } });
      continue;
    }
    const index = new Array<number>(eventShape.length).fill(0);
    for (let e = 0; e < event; e++) {
      const data = new Float64Array(chains * draws);
      const src = arr.data;
      for (let j = 0, s = e; j < chains * draws; j++, s += event) data[j] = src[s];
      out.push({ name, index: index.slice(), matrix: { data, chains, draws } });
      for (let d = eventShape.length - 1; d >= 0; d--) {
        if (++index[d] < eventShape[d]) break;
        index[d] = 0;
      }
    }
  }
  return out;
}
