/**
 * Circular distributions: VonMises, as NumPyro's.
 */
import { type Array, lax, np, random, special } from "@orrery/core";
import * as C from "./constraints.js";
import { type Constraint } from "./constraints.js";
import { Distribution, type DistributionOptions, type Key } from "./distribution.js";
import { batchOf } from "./loc-scale.js";
import { registerTreeClass } from "./pytree.js";
import { type ArrayLike, asFloat, bcast } from "./util.js";

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Draws of the von Mises distribution centred at 0 (Best & Fisher's rejection algorithm, as
 * NumPyro's `von_mises_centered`), in (−π, π]. Runs as one `lax.whileLoop` over the whole
 * array (at most 100 rounds; the acceptance rate is above 0.65 for every κ).
 *
 * @example
 * ```ts
 * vonMisesCentered(random.key(0), np.full([1000], 4.0)); // angles concentrated near 0
 * ```
 */
export function vonMisesCentered(key: Key, concentration: Array): Array {
  const shape = concentration.shape;
  const dtype = concentration.dtype;
  const k = concentration;
  const sCutoff = dtype === "float32" ? 2e-2 : 1.2e-4;
  const r = np.sqrt(k.square().mul(4).add(1)).add(1);
  const rho = r.sub(np.sqrt(r.mul(2))).div(k.mul(2));
  const sExact = rho.square().add(1).div(rho.mul(2));
  const s = np.where(k.gt(sCutoff), sExact, k.reciprocal());
  type Carry = [Array, Array, Array, Array, Array];
  const init: Carry = [np.array(0, "int32"), key, np.zeros(shape, "bool"), np.zeros(shape, dtype), np.zeros(shape, dtype)];
  const [, , , u, w] = lax.whileLoop(
    ([i, , done]: Carry) => np.logicalAnd(i.lt(100), np.logicalNot(np.all(done))),
    ([i, kk, done, u0, w0]: Carry): Carry => {
      const keys = random.split(kk, 3);
      const uNew = random.uniform(keys.index(0), shape, { minval: -1, maxval: 1, dtype });
      const z = np.cos(uNew.mul(Math.PI));
      const wNew = s.mul(z).add(1).div(s.add(z));
      const y = k.mul(s.sub(wNew));
      const v = random.uniform(keys.index(1), shape, { dtype });
      const accept = np.logicalOr(y.mul(np.subtract(2, y)).ge(v), np.log(y.div(v)).add(1).ge(y));
      return [i.add(1), keys.index(2), np.logicalOr(done, accept), np.where(done, u0, uNew), np.where(done, w0, wNew)];
    },
    init,
  );
  return np.sign(u).mul(np.arccos(np.clip(w, -1, 1)));
}

/**
 * The von Mises distribution on the circle [−π, π): density exp(κ cos(x − μ)) / (2π I₀(κ)),
 * with mean direction `loc` μ and `concentration` κ. `logProb` is
 * −2κ sin²((x − μ)/2) − log(2π i0e(κ)), accurate for large κ; sampling is Best & Fisher's
 * rejection algorithm (as NumPyro), not reparameterised. `mean` is the circular mean μ and
 * `variance` the circular variance 1 − I₁(κ)/I₀(κ), as NumPyro's.
 *
 * @example
 * ```ts
 * const d = new VonMises(0, 2);
 * d.logProb(0); // 2 − log(2π I₀(2))
 * d.sample(random.key(0), [5]); // five angles in [−π, π)
 * ```
 */
export class VonMises extends Distribution {
  readonly loc: Array;
  readonly concentration: Array;
  /** @param loc - the mean direction μ @param concentration - κ > 0 */
  constructor(loc: ArrayLike = 0, concentration: ArrayLike = 1, options?: DistributionOptions) {
    super();
    this.loc = asFloat(loc);
    this.concentration = asFloat(concentration);
    this.setup(batchOf("VonMises", this.loc, this.concentration), [], [this.loc, this.concentration, options], options);
  }
  override get argConstraints(): Record<string, Constraint> {
    return { loc: C.real, concentration: C.positive };
  }
  get support(): Constraint {
    return C.circular;
  }
  sample(key: Key, sampleShape: readonly number[] = []): Array {
    const shape = this.shape(sampleShape);
    const x = vonMisesCentered(key, bcast(this.concentration, shape)).add(this.loc);
    return np.mod(x.add(Math.PI), 2 * Math.PI).sub(Math.PI);
  }
  logProb(value: ArrayLike): Array {
    const h = np.sin(asFloat(value).sub(this.loc).mul(0.5));
    const k = this.concentration;
    return h.square().mul(k).mul(-2).sub(np.log(special.i0e(k))).sub(LOG_2PI);
  }
  override get mean(): Array {
    return bcast(this.loc, this.batchShape);
  }
  override get variance(): Array {
    const k = this.concentration;
    return bcast(np.subtract(1, special.i1e(k).div(special.i0e(k))), this.batchShape);
  }
}

registerTreeClass(VonMises as unknown as new (...args: any[]) => Distribution);
