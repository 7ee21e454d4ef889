/**
 * Fast Fourier transforms over split real/imaginary Float64Arrays: an iterative radix-2
 * transform for power-of-two lengths and Bluestein's chirp-z algorithm for every other length.
 * Twiddle factors and bit-reversal tables are cached per length.
 */

interface Radix2Plan {
  readonly n: number;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly rev: Uint32Array;
}

const plans = new Map<number, Radix2Plan>();

function radix2Plan(n: number): Radix2Plan {
  let plan = plans.get(n);
  if (plan !== undefined) return plan;
  const half = n >>> 1;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    const angle = (-2 * Math.PI * k) / n;
    cos[k] = Math.cos(angle);
    sin[k] = Math.sin(angle);
  }
  const rev = new Uint32Array(n);
  let bits = 0;
  while (1 << bits < n) bits++;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0, v = i; b < bits; b++, v >>>= 1) r = (r << 1) | (v & 1);
    rev[i] = r;
  }
  plan = { n, cos, sin, rev };
  if (plans.size > 64) plans.clear();
  plans.set(n, plan);
  return plan;
}

/** True when n is a positive power of two. */
function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * The smallest power of two that is at least n.
 *
 * @example
 * ```ts
 * nextPowerOfTwo(1000); // 1024
 * ```
 */
export function nextPowerOfTwo(n: number): number {
  let m = 1;
  while (m < n) m *= 2;
  return m;
}

/** In-place radix-2 transform; sign -1 forward, +1 inverse (unscaled). */
function radix2(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (n <= 1) return;
  const { cos, sin: sinTable, rev } = radix2Plan(n);
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (j > i) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  const sign = inverse ? -1 : 1;
  // First stage (twiddle 1) on its own.
  for (let a = 0; a < n; a += 2) {
    const b = a + 1;
    const br = re[b];
    const bi = im[b];
    re[b] = re[a] - br;
    im[b] = im[a] - bi;
    re[a] += br;
    im[a] += bi;
  }
  for (let size = 4; size <= n; size <<= 1) {
    const half = size >>> 1;
    const step = n / size;
    if (half >= 32) {
      // Long butterfly runs: twiddle per k, walk the blocks (contiguous inner loop over k).
      for (let start = 0; start < n; start += size) {
        for (let k = 0, t = 0; k < half; k++, t += step) {
          const wr = cos[t];
          const wi = sign * sinTable[t];
          const a = start + k;
          const b = a + half;
          const br = re[b];
          const bi = im[b];
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    } else {
      // Short runs: load each twiddle once and sweep all blocks.
      for (let k = 0, t = 0; k < half; k++, t += step) {
        const wr = cos[t];
        const wi = sign * sinTable[t];
        for (let a = k; a < n; a += size) {
          const b = a + half;
          const br = re[b];
          const bi = im[b];
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}

/** Bluestein's algorithm: a length-n DFT as a power-of-two circular convolution. */
function bluestein(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  const m = nextPowerOfTwo(2 * n - 1);
  const sign = inverse ? 1 : -1;
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k^2 mod 2n keeps the angle small and exact for large k.
    const k2 = (k * k) % (2 * n);
    const angle = (sign * Math.PI * k2) / n;
    wr[k] = Math.cos(angle);
    wi[k] = Math.sin(angle);
  }
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = re[k] * wr[k] - im[k] * wi[k];
    ai[k] = re[k] * wi[k] + im[k] * wr[k];
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = wr[0];
  bi[0] = -wi[0];
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = wr[k];
    bi[k] = bi[m - k] = -wi[k];
  }
  radix2(ar, ai, false);
  radix2(br, bi, false);
  for (let k = 0; k < m; k++) {
    const r = ar[k] * br[k] - ai[k] * bi[k];
    ai[k] = ar[k] * bi[k] + ai[k] * br[k];
    ar[k] = r;
  }
  radix2(ar, ai, true);
  for (let k = 0; k < n; k++) {
    const xr = ar[k] / m;
    const xi = ai[k] / m;
    re[k] = xr * wr[k] - xi * wi[k];
    im[k] = xr * wi[k] + xi * wr[k];
  }
}

/**
 * In-place discrete Fourier transform X[k] = sum_j x[j] exp(-2 pi i jk/n) of any length
 * (radix-2 for powers of two, Bluestein otherwise).
 *
 * @param re - real parts, overwritten with the transform's real parts
 * @param im - imaginary parts (same length), overwritten
 * @example
 * ```ts
 * const re = Float64Array.of(1, 2, 3), im = new Float64Array(3);
 * fft(re, im); // re[0] === 6
 * ```
 */
export function fft(re: Float64Array, im: Float64Array): void {
  if (re.length !== im.length) throw new RangeError(`fft: re has length ${re.length} but im has ${im.length}`);
  if (isPowerOfTwo(re.length) || re.length <= 1) radix2(re, im, false);
  else bluestein(re, im, false);
}

/**
 * In-place inverse discrete Fourier transform, scaled by 1/n so that `ifft(fft(x))` is x.
 *
 * @example
 * ```ts
 * const re = Float64Array.of(1, 2, 3), im = new Float64Array(3);
 * fft(re, im); ifft(re, im); // re ≈ [1, 2, 3]
 * ```
 */
export function ifft(re: Float64Array, im: Float64Array): void {
  if (re.length !== im.length) throw new RangeError(`ifft: re has length ${re.length} but im has ${im.length}`);
  const n = re.length;
  if (isPowerOfTwo(n) || n <= 1) radix2(re, im, true);
  else bluestein(re, im, true);
  for (let i = 0; i < n; i++) {
    re[i] /= n;
    im[i] /= n;
  }
}

/**
 * Lag products of one or two real sequences at once, without circular wrap-around:
 * out[k] = sum_{i < n - k} y[i] y[i + k] for k < n, by one forward and one inverse power-of-two
 * FFT (zero-padded to at least 2n) with the two sequences packed as real and imaginary parts.
 * Used internally by the autocovariance and the ESS; `b` may be omitted.
 *
 * @example
 * ```ts
 * const out = new Float64Array(3);
 * lagProducts2(Float64Array.of(1, 2, 3), out); // [14, 8, 3]
 * ```
 */
export function lagProducts2(
  a: Float64Array,
  outA: Float64Array,
  b?: Float64Array,
  outB?: Float64Array,
): void {
  const n = a.length;
  const m = nextPowerOfTwo(2 * n);
  const re = scratch(0, m);
  const im = scratch(1, m);
  re.set(a);
  re.fill(0, n);
  if (b !== undefined) im.set(b);
  else im.fill(0, 0, n);
  im.fill(0, n);
  radix2(re, im, false);
  // With Z = A + iB for real a and b: |A_k|^2 and |B_k|^2 from Z_k and conj(Z_{m-k}).
  // Their inverse transforms are real, so pack them again as P = |A|^2 + i |B|^2.
  for (let k = 0; k <= m / 2; k++) {
    const j = (m - k) & (m - 1);
    const zr = re[k];
    const zi = im[k];
    const cr = re[j];
    const ci = -im[j];
    // A = (Z + conj(Z_j)) / 2, B = (Z - conj(Z_j)) / (2i)
    const ar = 0.5 * (zr + cr);
    const ai = 0.5 * (zi + ci);
    const br = 0.5 * (zi - ci);
    const bi = -0.5 * (zr - cr);
    const pa = ar * ar + ai * ai;
    const pb = br * br + bi * bi;
    re[k] = pa;
    im[k] = pb;
    re[j] = pa;
    im[j] = pb;
  }
  radix2(re, im, true);
  for (let k = 0; k < n; k++) outA[k] = re[k] / m;
  if (outB !== undefined) for (let k = 0; k < n; k++) outB[k] = im[k] / m;
}

const scratchBuffers: Float64Array[] = [new Float64Array(0), new Float64Array(0)];
function scratch(slot: 0 | 1, m: number): Float64Array {
  let buf = scratchBuffers[slot];
  if (buf.length !== m) {
    buf = new Float64Array(m);
    scratchBuffers[slot] = buf;
  }
  return buf;
}
