/**
 * Sorting for ranks and order statistics: an LSD radix argsort on the IEEE-754 bit patterns of
 * float64 values (four passes of 16 bits, passes skipped when every key shares the digit). It
 * orders like `Float64Array.prototype.sort` (-0 before +0, NaN last) and is several times faster
 * on the tens of thousands of draws a summary sorts; small arrays use a comparison sort.
 */

const RADIX_MIN = 1024;

let hiA = new Uint32Array(0);
let hiB = new Uint32Array(0);
let loA = new Uint32Array(0);
let loB = new Uint32Array(0);
let idxB = new Uint32Array(0);
const counts = new Uint32Array(4 * 65536);

function ensureScratch(n: number): void {
  if (hiA.length < n) {
    hiA = new Uint32Array(n);
    hiB = new Uint32Array(n);
    loA = new Uint32Array(n);
    loB = new Uint32Array(n);
    idxB = new Uint32Array(n);
  }
}

/**
 * Indices that sort `x` ascending (stable; -0 before +0; NaN last).
 *
 * @example
 * ```ts
 * argsort(Float64Array.of(3, 1, 2)); // Uint32Array [1, 2, 0]
 * ```
 */
export function argsort(x: Float64Array): Uint32Array {
  const n = x.length;
  const order = new Uint32Array(n);
  if (n < RADIX_MIN) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => compare(x[a], x[b]) || a - b);
    order.set(idx);
    return order;
  }
  ensureScratch(n);
  const words = new Uint32Array(x.buffer, x.byteOffset, 2 * n);
  // Little-endian: word 2i is the low half, 2i + 1 the high half (sign, exponent, mantissa top).
  let m = 0;
  let nanCount = 0;
  const nanIdx: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v !== v) {
      nanIdx.push(i);
      nanCount++;
      continue;
    }
    let hi = words[2 * i + 1];
    let lo = words[2 * i];
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    hiA[m] = hi;
    loA[m] = lo;
    order[m] = i;
    m++;
  }
  counts.fill(0);
  for (let i = 0; i < m; i++) {
    const lo = loA[i];
    const hi = hiA[i];
    counts[lo & 0xffff]++;
    counts[65536 + (lo >>> 16)]++;
    counts[131072 + (hi & 0xffff)]++;
    counts[196608 + (hi >>> 16)]++;
  }
  let srcHi = hiA;
  let dstHi = hiB;
  let srcLo = loA;
  let dstLo = loB;
  let srcIdx = order;
  let dstIdx = idxB;
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    // Skip a pass whose digit is the same for every key.
    let skip = false;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d];
      if (c !== 0) {
        skip = c === m;
        break;
      }
    }
    if (skip) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d];
      counts[base + d] = sum;
      sum += c;
    }
    const useLo = pass < 2;
    const shift = pass % 2 === 0 ? 0 : 16;
    const keys = useLo ? srcLo : srcHi;
    for (let i = 0; i < m; i++) {
      const digit = (keys[i] >>> shift) & 0xffff;
      const pos = counts[base + digit]++;
      dstIdx[pos] = srcIdx[i];
      dstHi[pos] = srcHi[i];
      if (useLo) dstLo[pos] = srcLo[i];
    }
    [srcHi, dstHi] = [dstHi, srcHi];
    if (useLo) [srcLo, dstLo] = [dstLo, srcLo];
    [srcIdx, dstIdx] = [dstIdx, srcIdx];
  }
  if (srcIdx !== order) order.set(srcIdx.subarray(0, m));
  for (let k = 0; k < nanCount; k++) order[m + k] = nanIdx[k];
  return order;
}

function compare(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  if (a < b) return -1;
  if (a > b) return 1;
  // -0 before +0, as typed-array sort orders them
  if (a === 0 && b === 0) return Object.is(a, -0) ? (Object.is(b, -0) ? 0 : -1) : Object.is(b, -0) ? 1 : 0;
  return 0;
}

/**
 * `x` gathered in the order of `order`.
 *
 * @example
 * ```ts
 * gather(Float64Array.of(3, 1, 2), Uint32Array.of(1, 2, 0)); // Float64Array [1, 2, 3]
 * ```
 */
export function gather(x: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = x[order[k]];
  return out;
}
