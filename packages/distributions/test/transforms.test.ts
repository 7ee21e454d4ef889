import { describe, expect, it } from "vitest";
import { jacfwd, np, random, tree, vmap } from "@orrery/core";
import * as D from "../src/index.js";
import { toList } from "./helpers.js";

const logAbsDet = (J: any): number => toList(np.linalg.slogdet(J)[1])[0];

interface TCase {
  name: string;
  t: D.Transform;
  x: any;
  /** maps y to the free coordinates whose Jacobian is square */
  flat?: (y: any) => any;
}
const key = random.key(3);
const cases: TCase[] = [
  { name: "Affine", t: new D.AffineTransform(np.array([1, -2, 0.5]), np.array([2, -0.5, 3])), x: random.normal(key, [3]) },
  { name: "Exp", t: new D.ExpTransform(), x: random.normal(key, [3]) },
  { name: "Sigmoid", t: new D.SigmoidTransform(), x: random.normal(key, [3]).mul(3) },
  { name: "Softplus", t: new D.SoftplusTransform(), x: random.normal(key, [3]) },
  { name: "Power", t: new D.PowerTransform(2.5), x: np.exp(random.normal(key, [3])) },
  { name: "Identity", t: new D.IdentityTransform(), x: random.normal(key, [3]) },
  { name: "Inv(Exp)", t: new D.InvTransform(new D.ExpTransform()), x: np.exp(random.normal(key, [3])) },
  { name: "Compose(Sigmoid, Affine)", t: new D.ComposeTransform([new D.SigmoidTransform(), new D.AffineTransform(-1, 4)]), x: random.normal(key, [3]) },
  { name: "StickBreaking", t: new D.StickBreakingTransform(), x: random.normal(key, [3]), flat: (y) => y.index(np.s(null, -1)) },
  { name: "Ordered", t: new D.OrderedTransform(), x: random.normal(key, [4]) },
  { name: "LowerCholesky", t: new D.LowerCholeskyTransform(), x: random.normal(key, [6]), flat: (y) => np.concatenate([D.matrixToTrilVec(y, -1), D.diag(y)], -1) },
  { name: "CorrCholesky", t: new D.CorrCholeskyTransform(), x: random.normal(key, [6]), flat: (y) => D.matrixToTrilVec(y, -1) },
];

describe.each(cases.map((c) => [c.name, c] as [string, TCase]))("%s", (_n, c) => {
  it("inverse(forward(x)) = x, y in the codomain", () => {
    const y = c.t.forward(c.x);
    toList(c.t.inverse(y)).forEach((v, i) => expect(v).toBeCloseTo(toList(c.x)[i], 9));
    expect(toList(np.all(c.t.codomain.check(y)).astype("float64"))[0]).toBe(1);
    expect(y.shape).toEqual(c.t.forwardShape(c.x.shape));
  });
  it("logAbsDetJacobian = log|det J| from jacfwd", () => {
    const y = c.t.forward(c.x);
    const ladj = toList(c.t.logAbsDetJacobian(c.x, y));
    const f = (x: any) => (c.flat ? c.flat(c.t.forward(x)) : c.t.forward(x));
    const J = jacfwd(f)(c.x);
    if (c.t.domain.eventDim === 0 && !c.flat) {
      // elementwise: the Jacobian is diagonal
      const d = toList(np.log(np.abs(np.diagonal(J))));
      d.forEach((v, i) => expect(ladj[i]).toBeCloseTo(v, 9));
    } else {
      expect(ladj[0]).toBeCloseTo(logAbsDet(J), 9);
    }
  });
});

describe("matrix transforms", () => {
  it("CholeskyTransform and CorrMatrixCholeskyTransform log-Jacobians match jacfwd", () => {
    const L = new D.LowerCholeskyTransform().forward(random.normal(random.key(5), [6]));
    const tInv = new D.CholeskyTransform().inv; // L -> L Lᵀ
    const f = (v: any) => D.matrixToTrilVec(tInv.forward(D.vecToTrilMatrix(v)));
    const J = jacfwd(f)(D.matrixToTrilVec(L));
    expect(toList(tInv.logAbsDetJacobian(L, tInv.forward(L)))[0]).toBeCloseTo(logAbsDet(J), 9);
    // correlation: free coordinates are the strictly lower entries of the factor
    const Lc = new D.CorrCholeskyTransform().forward(random.normal(random.key(6), [3]));
    const cInv = new D.CorrMatrixCholeskyTransform().inv;
    const n = 3;
    const rebuild = (v: any) => {
      const strict = D.vecToTrilMatrix(v, -1);
      const d = np.sqrt(np.subtract(1, np.sum(strict.square(), { axis: -1 })));
      return strict.add(np.eye(n).mul(np.expandDims(d, -1)));
    };
    const g = (v: any) => D.matrixToTrilVec(cInv.forward(rebuild(v)), -1);
    const Jc = jacfwd(g)(D.matrixToTrilVec(Lc, -1));
    expect(toList(cInv.logAbsDetJacobian(Lc, cInv.forward(Lc)))[0]).toBeCloseTo(logAbsDet(Jc), 9);
  });
});

describe("bijectTo", () => {
  const C = D.constraints;
  const list: [string, D.Constraint, number[]][] = [
    ["real", C.real, [3]],
    ["positive", C.positive, [3]],
    ["nonnegative", C.nonnegative, [3]],
    ["unitInterval", C.unitInterval, [3]],
    ["interval", C.interval(-2, 5), [3]],
    ["greaterThan", C.greaterThan(1.5), [3]],
    ["lessThan", C.lessThan(-1), [3]],
    ["simplex", C.simplex, [3]],
    ["orderedVector", C.orderedVector, [4]],
    ["positiveOrderedVector", C.positiveOrderedVector, [4]],
    ["lowerCholesky", C.lowerCholesky, [6]],
    ["corrCholesky", C.corrCholesky, [3]],
    ["positiveDefinite", C.positiveDefinite, [6]],
    ["corrMatrix", C.corrMatrix, [3]],
    ["realVector", C.realVector, [3]],
    ["independent(positive, 1)", C.independent(C.positive, 1), [3]],
  ];
  it.each(list)("maps R^n onto %s and back", (_n, c, shape) => {
    const t = D.bijectTo(c);
    const x = random.normal(random.key(9), shape);
    const y = t.forward(x);
    expect(toList(np.all(c.check(y)).astype("float64"))[0]).toBe(1);
    toList(t.inverse(y)).forEach((v, i) => expect(v).toBeCloseTo(toList(x)[i], 8));
    expect(Number.isFinite(toList(np.sum(t.logAbsDetJacobian(x, y)))[0])).toBe(true);
  });
  it("refuses discrete constraints with a clear error", () => {
    expect(() => D.bijectTo(C.nonnegativeInteger)).toThrow(/nonnegativeInteger is discrete/);
  });
  it("transforms are pytrees (vmap over an AffineTransform)", () => {
    const t = new D.AffineTransform(np.array([0, 1]), np.array([1, 2]));
    const [leaves, def] = tree.flatten(t);
    expect(leaves.length).toBe(2);
    const back = tree.unflatten(def, leaves) as D.AffineTransform;
    expect(toList(back.forward(1))).toEqual([1, 3]);
    expect(toList(vmap((tt: D.AffineTransform) => tt.forward(1))(t))).toEqual([1, 3]);
  });
});
