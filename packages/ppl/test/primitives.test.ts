import { describe, expect, it } from "vitest";
import { type Array, np, random } from "@orrery/core";
import { HalfNormal, ImproperUniform, Normal, Uniform, constraints } from "@orrery/distributions";
import {
  factor,
  flattenParams,
  getMask,
  getTransforms,
  handlerStack,
  initToFeasible,
  initToMean,
  initToMedian,
  initToSample,
  initToValue,
  initializeModel,
  logDensity,
  logLikelihood,
  mask,
  modelGraph,
  param,
  plate,
  plateStack,
  Predictive,
  potentialEnergy,
  sample,
  seed,
  subsample,
  toDot,
  trace,
  unconstrainFn,
  constrainFn,
  unflattenParams,
} from "@orrery/ppl";
import { linear, reparamLinear } from "./seed-models.js";

describe("plate", () => {
  it("broadcasts sites inside, nests, honours sampleShape and dim", () => {
    const tr = trace(
      seed(() => {
        plate("a", 3, () => {
          sample("x", new Normal(0, 1));
          plate("b", 2, () => sample("y", new Normal(0, 1)));
          sample("s", new Normal(0, 1), { sampleShape: [3] });
        });
        plate("c", 4, () => sample("z", new Normal(0, 1)), { dim: -2 });
        plateStack("p", [2, 5], () => sample("w", new Normal(0, 1)));
      }, 0),
    ).getTrace();
    expect(tr.x.value.shape).toEqual([3]);
    expect(tr.y.value.shape).toEqual([2, 3]);
    expect(tr.s.value.shape).toEqual([3]);
    expect(tr.z.value.shape).toEqual([4, 1]);
    expect(tr.w.value.shape).toEqual([2, 5]);
    expect(tr.y.condIndepStack.map((f) => [f.name, f.dim])).toEqual([["b", -2], ["a", -1]]);
  });
  it("subsamples: indices, subsample(), and log densities scaled by size/subsampleSize", () => {
    const data = np.arange(10).astype("float64");
    const m = () =>
      plate("d", 10, (ind) => {
        const batch = subsample(data, 0);
        expect(batch.tolist()).toEqual(data.index(ind).tolist());
        return sample("y", new Normal(0, 1), { obs: batch });
      }, { subsampleSize: 4 });
    const tr = trace(seed(m, 1)).getTrace();
    expect(tr.y.value.shape).toEqual([4]);
    expect(tr.y.scale).toBe(2.5);
    const [lp] = logDensity(seed(m, 1), [], {});
    const direct = np.sum(new Normal(0, 1).logProb(tr.y.value)).item() * 2.5;
    expect(lp.item()).toBeCloseTo(direct, 12);
  });
  it("errors: bad size, a dim already taken, a batch shape that does not broadcast", () => {
    expect(() => plate("a", 0, () => 0)).toThrow(/positive integer/);
    expect(() => plate("a", 2, () => plate("b", 3, () => 0, { dim: -1 }))).toThrow(/already used by the enclosing plate "a"/);
    expect(() => seed(() => plate("a", 3, () => sample("x", new Normal(np.zeros([2]), 1))), 0)()).toThrow(/site "x" inside plate "a"/);
    expect(handlerStack()).toEqual([]);
  });
});

describe("primitives", () => {
  it("factor adds to the log density; deterministic sites are recorded", () => {
    const m = () => {
      factor("f", np.array([-1, -2]));
      factor("g", -0.5);
    };
    expect(logDensity(m, [], {})[0].item()).toBeCloseTo(-3.5, 14);
  });
  it("obsMask imputes the unobserved entries", () => {
    const obs = np.array([1, 2, 3]);
    const mk = np.array([true, false, true]);
    const tr = trace(seed(() => plate("p", 3, () => sample("x", new Normal(0, 1), { obs, obsMask: mk })), 0)).getTrace();
    expect(Object.keys(tr)).toEqual(["p", "x_observed", "x_unobserved", "x"]);
    expect(tr.x.type).toBe("deterministic");
    const v = tr.x.value.tolist() as number[];
    expect([v[0], v[2]]).toEqual([1, 3]);
    expect(v[1]).toBe((tr.x_unobserved.value.tolist() as number[])[1]);
  });
  it("getMask combines enclosing masks", () => {
    expect(getMask()).toBe(null);
    expect(mask.run(false, () => getMask())).toBe(false);
    expect((mask.run(np.array([true, false]), () => mask.run(np.array([true, true]), () => getMask())) as Array).tolist()).toEqual([true, false]);
  });
  it("param: initial value, key-dependent init, constraint transform", () => {
    const m = () => param("s", 2.0, { constraint: constraints.positive });
    expect(m().item()).toBe(2);
    const tr = trace(seed(() => param("k", (key: Array) => random.normal(key, [2])), 0)).getTrace();
    expect(tr.k.value.shape).toEqual([2]);
    expect(getTransforms(m, []).s.constructor.name).toBe("ExpTransform");
  });
  it("clear errors: duplicate names, async models, no key, not a distribution", () => {
    const dup = () => {
      sample("x", new Normal(0, 1));
      sample("x", new Normal(0, 1));
    };
    expect(() => trace(seed(dup, 0)).getTrace()).toThrow(/site name "x" is used twice/);
    const asyncModel = async () => sample("x", new Normal(0, 1));
    expect(() => trace(seed(asyncModel, 0)).getTrace()).toThrow(/returned a Promise/);
    expect(() => trace(() => sample("x", new Normal(0, 1))).getTrace()).toThrow(/sample site "x" has no value and no PRNG key: run the model under seed/);
    expect(() => seed(() => sample("x", {} as never), 0)()).toThrow(/expected a Distribution/);
    expect(() => sample("x", new Normal(0, 1))).toThrow(/outside any handler/);
    expect(sample("x", new Normal(0, 1), { obs: 2 }).item()).toBe(2);
    expect(handlerStack()).toEqual([]);
  });
});

describe("model utilities", () => {
  const x = np.array([0.5, 1.5, 2.5]);
  const yerr = np.array([0.3, 0.3, 0.3]);
  const y = np.array([1.0, 2.1, 2.9]);
  it("constrainFn/unconstrainFn round trip; deterministic sites", () => {
    const m = () => {
      const s = sample("s", new HalfNormal(1));
      sample("o", new Normal(0, s), { obs: 0.3 });
    };
    expect(constrainFn(m, [], { s: np.array(0) }).s.item()).toBeCloseTo(1, 15);
    expect(unconstrainFn(m, [], { s: np.array(Math.E) }).s.item()).toBeCloseTo(1, 15);
    const c = constrainFn(reparamLinear, [x, yerr, y], { theta: np.array(0), b_perp: np.array(0.5) }, { returnDeterministic: true });
    expect(c.m.item()).toBeCloseTo(0, 15);
    expect(c.b.item()).toBeCloseTo(0.5, 15);
    const cb = constrainFn(reparamLinear, [x, yerr, y], { theta: np.array([0, 0]), b_perp: np.array([0.5, 1]) }, { returnDeterministic: true, batchNdims: 1 });
    expect(cb.b.tolist()).toEqual([0.5, 1]);
  });
  it("logLikelihood is pointwise per observed site", () => {
    const ll = logLikelihood(linear, { m: np.array([1, 2]), b: np.array([0, 0.5]) }, [x, yerr, y]);
    expect(ll.y.shape).toEqual([2, 3]);
    const ref = new Normal(x.mul(2).add(0.5), yerr).logProb(y).tolist() as number[];
    (ll.y.index(1).tolist() as number[]).forEach((v, i) => expect(v).toBeCloseTo(ref[i], 12));
  });
  it("initializeModel: valid point, strategies, and an error naming the site", () => {
    for (const s of [undefined, initToMedian(), initToMean(), initToSample(), initToFeasible(), initToValue({ values: { m: 1.5 } })]) {
      const info = initializeModel(random.key(0), linear, { modelArgs: [x, yerr, y], initStrategy: s });
      expect(Number.isFinite(info.paramInfo.potentialEnergy.item())).toBe(true);
      expect(info.potentialFn(info.paramInfo.z).item()).toBeCloseTo(info.paramInfo.potentialEnergy.item(), 12);
    }
    const info = initializeModel(random.key(0), linear, { modelArgs: [x, yerr, y], initStrategy: initToValue({ values: { m: 1.5 } }) });
    expect(info.paramInfo.z.m.item()).toBe(1.5);
    const f = initializeModel(0, reparamLinear, { modelArgs: [x, yerr, y], initStrategy: initToFeasible() });
    expect(f.postprocessFn(f.paramInfo.z).m.item()).toBeCloseTo(0, 14);
    // Observed data outside the support: the log density of the observed site is -inf.
    const bad = () => {
      const r = sample("rate", new HalfNormal(1));
      sample("t", new Uniform(0, r), { obs: 50 });
    };
    expect(() => initializeModel(0, bad, { maxTries: 3 })).toThrow(/observed site "t": its log density is not finite/);
    // An improper site whose factor makes the gradient NaN.
    const nanGrad = () => {
      const z = sample("z", new ImproperUniform(constraints.real, [], []));
      factor("f", np.sqrt(z));
    };
    expect(() => initializeModel(0, nanGrad, { maxTries: 2, initStrategy: initToFeasible() })).toThrow(/site "z": the gradient of the potential energy with respect to it is not finite/);
  });
  it("flattenParams/unflattenParams", () => {
    const { flat, spec } = flattenParams({ m: np.array(1), b: np.array([[2, 3]]) });
    expect(globalThis.Array.from(flat)).toEqual([1, 2, 3]);
    const back = unflattenParams(flat, spec);
    expect(back.b.shape).toEqual([1, 2]);
    expect(unflattenParams(np.array([4, 5, 6]), spec).b.tolist()).toEqual([[5, 6]]);
  });
  it("potentialEnergy of a constrained site includes the log-Jacobian", () => {
    const m = () => sample("s", new HalfNormal(2));
    const u = 0.3;
    const s = Math.exp(u);
    const ref = -(Math.log(2) - Math.log(2) - 0.5 * Math.log(2 * Math.PI) - (s * s) / 8 + u);
    expect(potentialEnergy(m, [], { s: np.array(u) }).item()).toBeCloseTo(ref, 14);
  });
});

describe("Predictive", () => {
  const x = np.array([-1, 0, 1, 2]);
  const yerr = np.array([0.5, 0.5, 1, 1]);
  it("reproduces the prior moments of the linear regression within Monte-Carlo error", () => {
    const n = 4000;
    const pred = Predictive(linear, { numSamples: n, chunkSize: 1000 });
    const s = pred(random.key(0), x, yerr);
    expect(s.y.shape).toEqual([n, 4]);
    expect(s.m.shape).toEqual([n]);
    // y_i = m x_i + b + e_i: mean 0, variance 100 x_i^2 + 100 + yerr_i^2.
    const xs = x.tolist() as number[];
    const es = yerr.tolist() as number[];
    for (let i = 0; i < 4; i++) {
      const col = s.y.index(np.s(), i);
      const v = 100 * xs[i] ** 2 + 100 + es[i] ** 2;
      expect(Math.abs(np.mean(col).item())).toBeLessThan(4 * Math.sqrt(v / n));
      // sd of the sample variance of a normal: v sqrt(2/(n-1))
      expect(Math.abs(np.var(col).item() - v)).toBeLessThan(4 * v * Math.sqrt(2 / (n - 1)));
    }
    const cov = np.mean(s.m.mul(s.b)).item();
    expect(Math.abs(cov)).toBeLessThan(4 * 100 / Math.sqrt(n));
    expect(Math.abs(np.var(s.m).item() - 100)).toBeLessThan(4 * 100 * Math.sqrt(2 / (n - 1)));
  });
  it("posterior predictive substitutes the draws; batchNdims; returnSites", () => {
    const post = { m: np.array([[1, 2], [3, 4]]), b: np.zeros([2, 2]) };
    const s = Predictive(linear, { posteriorSamples: post, batchNdims: 2 })(random.key(1), x, np.full([4], 1e-9));
    expect(Object.keys(s)).toEqual(["y"]);
    expect(s.y.shape).toEqual([2, 2, 4]);
    const y11 = s.y.index(1, 1).tolist() as number[];
    (x.mul(4).tolist() as number[]).forEach((v, i) => expect(y11[i]).toBeCloseTo(v, 6));
    const r = Predictive(reparamLinear, { numSamples: 5, returnSites: ["m", "theta"] })(0, x, yerr);
    expect(Object.keys(r).sort()).toEqual(["m", "theta"]);
    expect(r.m.shape).toEqual([5]);
  });
});

describe("modelGraph", () => {
  const x = np.array([0.5, 1.5, 2.5]);
  const yerr = np.array([0.3, 0.3, 0.3]);
  it("finds sites, plates (overlapping too) and dependencies", () => {
    const g = modelGraph(reparamLinear, x, yerr, np.array([1, 2, 3]));
    expect(g.dependenciesFound).toBe(true);
    expect(g.sites.map((s) => s.name)).toEqual(["theta", "b_perp", "m", "b", "y"]);
    expect(g.edges).toEqual([["theta", "m"], ["theta", "b"], ["b_perp", "b"], ["m", "y"], ["b", "y"]]);
    const y = g.sites.find((s) => s.name === "y")!;
    expect(y).toMatchObject({ distribution: "Normal", isObserved: true, plates: ["data"], shape: [3] });
    expect(g.plates).toEqual([{ name: "data", size: 3, subsampleSize: 3, dim: -1, sites: ["y"] }]);
    const overl = () => {
      const a = plate("a", 2, () => sample("u", new Normal(0, 1)));
      const b = plate("b", 3, () => sample("v", new Normal(0, 1)), { dim: -2 });
      plate("a", 2, () => plate("b", 3, () => sample("w", new Normal(a.add(b), 1)), { dim: -2 }));
    };
    const g2 = modelGraph(overl);
    expect(g2.plates.map((p) => [p.name, p.sites])).toEqual([["a", ["u", "w"]], ["b", ["v", "w"]]]);
    expect(g2.edges).toEqual([["u", "w"], ["v", "w"]]);
    const dot = toDot(g2);
    expect(dot).toContain('"u" -> "w";');
    expect(dot).toContain('label="a (2)"');
    expect(toDot(g)).toMatch(/"y" \[label="y\\nNormal", shape=ellipse, style=filled, fillcolor=gray\];/);
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
  });
});
