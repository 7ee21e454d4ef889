/**
 * Phase-space points for trajectory samplers, and a splitting integrator that is driven one
 * gradient at a time.
 *
 * A {@link PhasePoint} is written once (by an integration step from another point) and then only
 * read, so trajectories hold points by reference instead of copying vectors; a
 * {@link PhasePointPool} recycles them by reference count. A {@link StagedIntegrator} advances
 * a point out of place, stopping before each gradient evaluation: the caller evaluates the log
 * density and its gradient at `position` into `logdensityGrad` and calls `advance` again. That
 * lets one caller drive many chains with one batched gradient call (vectorized chains), and a
 * sequential caller simply evaluates in a loop.
 *
 * @module
 */
import { type Integrator, type IntegratorName, integratorCoefficients } from "./integrators.js";
import { type LogDensity } from "./log-density.js";
import { type Metric } from "./metrics.js";
import { type Rng } from "./rng.js";

/** A point of phase space with its log density, gradient, velocity `M⁻¹p` and Hamiltonian. */
export interface PhasePoint {
  position: Float64Array;
  momentum: Float64Array;
  logdensityGrad: Float64Array;
  /** `M⁻¹ p`, the velocity (Stan's `p_sharp`). */
  velocity: Float64Array;
  logdensity: number;
  /** The Hamiltonian `−log π(q) + p'M⁻¹p/2`. */
  energy: number;
  /** References held by a trajectory (the pool's bookkeeping). */
  refs: number;
}

/**
 * Reference-counted phase points of one dimension. `take` hands out a point with one reference;
 * `retain`/`release` add and drop references; `reset` frees every point (at the start of a
 * transition). Points are allocated on demand and reused: a NUTS transition holds O(tree depth)
 * of them.
 *
 * @example
 * ```ts
 * const pool = new PhasePointPool(3);
 * const a = pool.take(); // refs 1
 * pool.release(a); // back in the pool
 * ```
 */
export class PhasePointPool {
  private readonly all: PhasePoint[] = [];
  private readonly free: PhasePoint[] = [];
  constructor(readonly dim: number) {}
  /** A free point with one reference (its contents are stale). */
  take(): PhasePoint {
    let p = this.free.pop();
    if (p === undefined) {
      const d = this.dim;
      p = { position: new Float64Array(d), momentum: new Float64Array(d), logdensityGrad: new Float64Array(d), velocity: new Float64Array(d), logdensity: 0, energy: 0, refs: 0 };
      this.all.push(p);
    }
    p.refs = 1;
    return p;
  }
  /** Add a reference. */
  retain(p: PhasePoint): void {
    p.refs++;
  }
  /** Drop a reference; the point returns to the pool at zero. */
  release(p: PhasePoint): void {
    if (--p.refs === 0) this.free.push(p);
  }
  /** Points allocated so far (free or held). */
  get size(): number {
    return this.all.length;
  }
  /** Free every point. */
  reset(): void {
    this.free.length = 0;
    for (const p of this.all) {
      p.refs = 0;
      this.free.push(p);
    }
  }
}

/**
 * The first point of a trajectory from `state`, taken from `pool` (one reference): its position,
 * gradient and log density copied, a fresh momentum drawn from `metric`, and its velocity and
 * Hamiltonian set. HMC and NUTS transitions both begin here.
 *
 * @example
 * ```ts
 * const z0 = startPoint(pool, state, metric, rng);
 * const h0 = z0.energy;
 * ```
 */
export function startPoint(pool: PhasePointPool, state: { position: Float64Array; logdensityGrad: Float64Array; logdensity: number }, metric: Metric, rng: Rng): PhasePoint {
  const z = pool.take();
  const n = z.position.length;
  for (let i = 0; i < n; i++) {
    z.position[i] = state.position[i];
    z.logdensityGrad[i] = state.logdensityGrad[i];
  }
  z.logdensity = state.logdensity;
  metric.sampleMomentum(rng, z.momentum);
  z.energy = -state.logdensity + metric.kineticAndVelocity(z.momentum, z.velocity);
  return z;
}

/**
 * A palindromic splitting integrator (`[b1, a1, b2, …, a1, b1]`, see `splittingIntegrator`) run
 * out of place and one gradient at a time: `start(src, dst, ε, metric)` makes the first momentum
 * and position updates into `dst` and returns `false`; the caller fills `dst.logdensityGrad` and
 * calls `advance(dst, lp)` with the log density, which either makes the next pair of updates
 * (returns `false`: another gradient is needed) or the last momentum update, the velocity and the
 * kinetic energy (returns `true`; `dst.energy` then holds the Hamiltonian). The arithmetic is
 * the same as the in-place integrators', operation for operation, so both give identical
 * trajectories. Built from a user's in-place integrator (a function of the log density), which
 * evaluates the density itself, `start` makes the whole step and returns `true`.
 *
 * @example
 * ```ts
 * const integ = new StagedIntegrator(ld, "velocityVerlet");
 * let ready = integ.start(src, dst, 0.1, metric);
 * while (!ready) ready = integ.advance(dst, ld.valueAndGrad(dst.position, dst.logdensityGrad));
 * ```
 */
export class StagedIntegrator {
  private readonly c: Float64Array;
  private readonly inPlace: Integrator | null;
  private stage = 0;
  private eps = 0;
  private metric!: Metric;
  private scratch = new Float64Array(0);
  constructor(ld: LogDensity, integrator: IntegratorName | ((ld: LogDensity) => Integrator) = "velocityVerlet") {
    this.inPlace = typeof integrator === "function" ? integrator(ld) : null;
    this.c = Float64Array.from(typeof integrator === "function" ? [] : integratorCoefficients(integrator));
  }
  /** Gradient evaluations per step the caller makes (0 for an in-place integrator). */
  get stages(): number {
    return this.inPlace !== null ? 0 : (this.c.length - 1) / 2;
  }
  /** Begin a step from `src` into `dst`: `true` when it is already complete (in-place integrators). */
  start(src: PhasePoint, dst: PhasePoint, eps: number, metric: Metric): boolean {
    if (this.inPlace !== null) {
      dst.position.set(src.position);
      dst.momentum.set(src.momentum);
      dst.logdensityGrad.set(src.logdensityGrad);
      dst.logdensity = src.logdensity;
      this.inPlace(dst, eps, metric);
      let h = -dst.logdensity + metric.kineticAndVelocity(dst.momentum, dst.velocity);
      if (h !== h) h = Infinity;
      dst.energy = h;
      return true;
    }
    this.eps = eps;
    this.metric = metric;
    this.stage = 0;
    const step = this.c[0] * eps;
    const drift = this.c[1] * eps;
    const q0 = src.position, p0 = src.momentum, g0 = src.logdensityGrad;
    const q = dst.position, p = dst.momentum;
    const n = q.length;
    if (metric.kind === "diagonal") {
      const inv = metric.inverseMassMatrix;
      for (let i = 0; i < n; i++) {
        const pi = p0[i] + step * g0[i];
        p[i] = pi;
        q[i] = q0[i] + drift * (inv[i] * pi);
      }
    } else {
      for (let i = 0; i < n; i++) p[i] = p0[i] + step * g0[i];
      const v = this.velocityScratch(n);
      metric.velocity(p, v);
      for (let i = 0; i < n; i++) q[i] = q0[i] + drift * v[i];
    }
    return false;
  }
  /** After a gradient at `dst.position`: the next updates (`false`), or the step's end (`true`). */
  advance(dst: PhasePoint, logdensity: number): boolean {
    dst.logdensity = logdensity === logdensity ? logdensity : -Infinity;
    const c = this.c;
    const k = 2 * ++this.stage;
    const step = c[k] * this.eps;
    const q = dst.position, p = dst.momentum, g = dst.logdensityGrad, v = dst.velocity;
    const n = q.length;
    const metric = this.metric;
    if (k === c.length - 1) {
      let kin: number;
      if (metric.kind === "diagonal") {
        const inv = metric.inverseMassMatrix;
        // p'M⁻¹p in two interleaved partial sums, as the diagonal metric's kineticAndVelocity.
        let s0 = 0;
        let s1 = 0;
        let i = 0;
        for (; i + 1 < n; i += 2) {
          const pi = p[i] + step * g[i];
          p[i] = pi;
          const vi = inv[i] * pi;
          v[i] = vi;
          s0 += vi * pi;
          const pj = p[i + 1] + step * g[i + 1];
          p[i + 1] = pj;
          const vj = inv[i + 1] * pj;
          v[i + 1] = vj;
          s1 += vj * pj;
        }
        if (i < n) {
          const pi = p[i] + step * g[i];
          p[i] = pi;
          const vi = inv[i] * pi;
          v[i] = vi;
          s0 += vi * pi;
        }
        kin = 0.5 * (s0 + s1);
      } else {
        for (let i = 0; i < n; i++) p[i] += step * g[i];
        kin = metric.kineticAndVelocity(p, v);
      }
      let h = -dst.logdensity + kin;
      if (h !== h) h = Infinity;
      dst.energy = h;
      return true;
    }
    const drift = c[k + 1] * this.eps;
    if (metric.kind === "diagonal") {
      const inv = metric.inverseMassMatrix;
      for (let i = 0; i < n; i++) {
        const pi = p[i] + step * g[i];
        p[i] = pi;
        q[i] += drift * (inv[i] * pi);
      }
    } else {
      for (let i = 0; i < n; i++) p[i] += step * g[i];
      const w = this.velocityScratch(n);
      metric.velocity(p, w);
      for (let i = 0; i < n; i++) q[i] += drift * w[i];
    }
    return false;
  }
  private velocityScratch(n: number): Float64Array {
    if (this.scratch.length !== n) this.scratch = new Float64Array(n);
    return this.scratch;
  }
}
