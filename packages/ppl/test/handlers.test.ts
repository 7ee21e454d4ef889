/**
 * Handler semantics, after numpyro/test/test_handlers.py: each case runs with the handler in
 * its wrapper form and in its scope form, eagerly and under jit (the tested value flows in as
 * a traced argument).
 */
import { describe, expect, it } from "vitest";
import { type Array, jit, np } from "@orrery/core";
import { AffineTransform, Normal, TransformedDistribution } from "@orrery/distributions";
import {
  LocScaleReparam,
  TransformReparam,
  block,
  condition,
  handlerStack,
  handlers,
  inferConfig,
  intervene,
  lift,
  logDensity,
  mask,
  param,
  plate,
  replay,
  reparam,
  sample,
  scale,
  scope,
  seed,
  substitute,
  trace,
  uncondition,
} from "@orrery/ppl";

type Form = "wrapper" | "scope";
/** Run `body` under handler `h` with `opts`, in the given form. */
function under<T>(form: Form, h: any, opts: unknown[], body: () => T): T {
  return form === "wrapper" ? h(body, ...opts)() : h.run(...opts, body);
}
const flag = (b: boolean): Array => np.array(b ? 1 : 0);

const model = (): Array => {
  const x = sample("x", new Normal(0, 1));
  return sample("y", new Normal(x, 1));
};

type Case = [name: string, f: (form: Form, a: Array) => Array[], check: (out: Array[], a: Array) => void];
const eq = (u: Array, v: Array | number): void => expect(u.tolist()).toEqual(np.asArray(v).tolist());

const cases: Case[] = [
  [
    "seed: same key, same draws; keys split per site",
    (form, a) => {
      const draw = (k: number) => under(form, seed, [k], () => [sample("x", new Normal(a, 1)), sample("z", new Normal(a, 1))]);
      const [x1, z1] = draw(3);
      const [x2] = draw(3);
      const [x3] = draw(4);
      return [x1, x2, x3, z1];
    },
    ([x1, x2, x3, z1]) => {
      eq(x1, x2);
      expect(x1.item()).not.toEqual(x3.item());
      expect(x1.item()).not.toEqual(z1.item());
    },
  ],
  [
    "condition: the site is observed with the value",
    (form, a) => {
      const tr = trace.run(() => under(form, condition, [{ x: a }], () => seed.run(0, model)));
      return [tr.x.value, flag(tr.x.isObserved), (tr.y.fn as Normal).loc, flag(tr.y.isObserved)];
    },
    ([x, obs, loc, yobs], a) => {
      eq(x, a);
      eq(obs, 1);
      eq(loc, a);
      eq(yobs, 0);
    },
  ],
  [
    "condition with a function of the site",
    (form, a) => {
      const tr = trace.run(() => under(form, condition, [(m: { name: string }) => (m.name === "y" ? a : null)], () => seed.run(0, model)));
      return [tr.y.value, flag(tr.y.isObserved), flag(tr.x.isObserved)];
    },
    ([y, yo, xo], a) => {
      eq(y, a);
      eq(yo, 1);
      eq(xo, 0);
    },
  ],
  [
    "substitute: the value is replaced, the site stays latent",
    (form, a) => {
      const tr = trace.run(() => under(form, substitute, [{ x: a }], () => seed.run(0, model)));
      return [tr.x.value, flag(tr.x.isObserved), (tr.y.fn as Normal).loc];
    },
    ([x, obs, loc], a) => {
      eq(x, a);
      eq(obs, 0);
      eq(loc, a);
    },
  ],
  [
    "replay: latent values come from the trace",
    (form, a) => {
      const guide = () => sample("x", new Normal(a, 1));
      const gtr = trace(seed(guide, 1)).getTrace();
      const tr = trace.run(() => under(form, replay, [gtr], () => seed.run(2, model)));
      return [tr.x.value, gtr.x.value];
    },
    ([x, gx]) => eq(x, gx),
  ],
  [
    "block: hide, expose, and everything by default",
    (form, a) => {
      const m = () => {
        sample("x", new Normal(a, 1));
        return sample("y", new Normal(a, 1));
      };
      const t1 = trace.run(() => under(form, block, [{ hide: ["x"] }], () => seed.run(0, m)));
      const t2 = trace.run(() => under(form, block, [{ expose: ["x"] }], () => seed.run(0, m)));
      const t3 = trace.run(() => seed.run(0, () => under(form, block, [], m)));
      const t4 = trace.run(() => under(form, block, [{ exposeTypes: ["deterministic"] }], () => seed.run(0, m)));
      return [np.array(Object.keys(t1).length), flag("y" in t1), flag("x" in t2 && !("y" in t2)), np.array(Object.keys(t3).length), np.array(Object.keys(t4).length)];
    },
    ([n1, y1, x2, n3, n4]) => {
      eq(n1, 1);
      eq(y1, 1);
      eq(x2, 1);
      eq(n3, 0);
      eq(n4, 0);
    },
  ],
  [
    "mask: masked-out log densities are zero",
    (form, a) => {
      const m = () => plate("p", 2, () => sample("x", new Normal(0, 1), { obs: np.stack([a, a]) }));
      const [full] = logDensity(m, [], {});
      const [masked] = logDensity(() => under(form, mask, [np.array([true, false])], m), [], {});
      const [none] = logDensity(() => under(form, mask, [false], m), [], {});
      return [full, masked, none];
    },
    ([full, masked, none]) => {
      expect(masked.item()).toBeCloseTo(full.item() / 2, 12);
      eq(none, 0);
    },
  ],
  [
    "scale: log densities are multiplied",
    (form, a) => {
      const m = () => sample("x", new Normal(0, 1), { obs: a });
      const [lp] = logDensity(m, [], {});
      const [lp3] = logDensity(() => under(form, scale, [3], m), [], {});
      const [lp6] = logDensity(() => under(form, scale, [2], () => scale.run(3, m)), [], {});
      return [lp, lp3, lp6];
    },
    ([lp, lp3, lp6]) => {
      expect(lp3.item()).toBeCloseTo(3 * lp.item(), 12);
      expect(lp6.item()).toBeCloseTo(6 * lp.item(), 12);
    },
  ],
  [
    "scope: names and plates are prefixed; nested scopes",
    (form, a) => {
      const m = () => plate("p", 2, () => sample("x", new Normal(a, 1)));
      const tr = trace.run(() => seed.run(0, () => under(form, scope, ["s"], () => scope.run("t", m))));
      const tr2 = trace.run(() => seed.run(0, () => under(form, scope, ["u", { divider: "." }], m)));
      return [flag("s/t/x" in tr && tr["s/t/x"].condIndepStack[0].name === "s/t/p"), flag("u.x" in tr2)];
    },
    ([a1, a2]) => {
      eq(a1, 1);
      eq(a2, 1);
    },
  ],
  [
    "lift: params become sample sites with the prior",
    (form, a) => {
      const m = () => param("w", a).add(param("v", a));
      const tr = trace.run(() => seed.run(0, () => under(form, lift, [{ w: new Normal(0, 1) }], m)));
      return [flag(tr.w.type === "sample" && !tr.w.isObserved), flag(tr.v.type === "param"), tr.v.value];
    },
    ([w, v, vv], a) => {
      eq(w, 1);
      eq(v, 1);
      eq(vv, a);
    },
  ],
  [
    "intervene (do): the site is sampled, downstream sees the intervention",
    (form, a) => {
      const tr = trace.run(() => seed.run(0, () => under(form, intervene, [{ x: a }], model)));
      const tr2 = trace.run(() => seed.run(0, () => under(form, handlers.do, [{ x: a }], model)));
      // As in NumPyro, the intervened node (x__CF) stops at the intervene handler: a trace
      // outside it records only the sampled x.
      const inner = seed.run(0, () => under(form, intervene, [{ x: a }], () => trace.run(model)));
      return [flag(!("x__CF" in tr)), flag(tr.x.isObserved), (tr.y.fn as Normal).loc, (tr2.y.fn as Normal).loc, flag("x" in inner && "y" in inner), tr.x.value];
    },
    ([noCf, xObs, loc, loc2, inner, x], a) => {
      eq(noCf, 1);
      expect(x.item()).not.toEqual(a.item());
      eq(inner, 1);
      eq(xObs, 0);
      eq(loc, a);
      eq(loc2, a);
    },
  ],
  [
    "reparam: LocScaleReparam(centered 0) and TransformReparam",
    (form, a) => {
      const m = () => plate("p", 3, () => sample("theta", new Normal(a, 2)));
      const tr = trace.run(() => seed.run(0, () => under(form, reparam, [{ theta: new LocScaleReparam({ centered: 0 }) }], m)));
      const dec = tr.theta_decentered;
      const m2 = () => sample("x", new TransformedDistribution(new Normal(0, 1), new AffineTransform(a, 2)));
      const tr2 = trace.run(() => seed.run(0, () => under(form, reparam, [{ x: new TransformReparam() }], m2)));
      return [
        tr.theta.value,
        a.add(dec.value.mul(2)),
        flag(tr.theta.type === "deterministic"),
        (dec.fn as any).baseDist.loc,
        tr2.x.value,
        a.add(tr2.x_base.value.mul(2)),
        flag(tr2.x.type === "deterministic"),
      ];
    },
    ([t, t2, ok, decLoc, x, x2, ok2]) => {
      expect(t.shape).toEqual([3]);
      (t.tolist() as number[]).forEach((v, i) => expect(v).toBeCloseTo((t2.tolist() as number[])[i], 12));
      eq(ok, 1);
      eq(decLoc, 0);
      expect(x.item()).toBeCloseTo(x2.item(), 12);
      eq(ok2, 1);
    },
  ],
  [
    "inferConfig and uncondition",
    (form, a) => {
      const m = () => sample("x", new Normal(0, 1), { obs: a });
      const tr = trace.run(() => under(form, inferConfig, [() => ({ enumerate: "parallel" })], m));
      const tr2 = trace.run(() => seed.run(0, () => under(form, uncondition, [], m)));
      return [flag(tr.x.infer.enumerate === "parallel"), flag(!tr2.x.isObserved), tr2.x.infer.obs as Array];
    },
    ([e, u, obs], a) => {
      eq(e, 1);
      eq(u, 1);
      eq(obs, a);
    },
  ],
];

describe("handler semantics", () => {
  for (const [name, f, check] of cases) {
    for (const form of ["wrapper", "scope"] as Form[]) {
      it(`${name} [${form}, eager]`, () => {
        check(f(form, np.array(0.75)), np.array(0.75));
        expect(handlerStack()).toEqual([]);
      });
      it(`${name} [${form}, jit]`, () => {
        const a = np.array(0.75);
        const out = jit((x: Array) => f(form, x))(a) as Array[];
        check(out, a);
        const eager = f(form, a);
        out.forEach((o, i) => (o.tolist() as number[]) && expect(o.tolist()).toEqual(eager[i].tolist()));
        expect(handlerStack()).toEqual([]);
      });
    }
  }
});
