import { expect, test } from "vitest";
import { Beta, StudentT } from "../src/index.js";

// Printed by SciPy 1.17 (python3 -c "from scipy import stats; print(list(stats.beta(2, 3).ppf([0.05, 0.5, 0.9])),
// list(stats.t(4, loc=1, scale=2).ppf([0.025, 0.5, 0.975])))").
const BETA_PPF = [0.09761146288641434, 0.3857275681323895, 0.6795394162781817];
const T_PPF = [-4.552890210395589, 1.0, 6.552890210395587];

test("Beta and StudentT quantiles match SciPy's ppf and invert the cdf", () => {
  const b = new Beta(2, 3);
  const bq = (b.icdf([0.05, 0.5, 0.9]) as any).data as Float64Array;
  BETA_PPF.forEach((v, i) => expect(Math.abs(bq[i] - v)).toBeLessThan(1e-12 * Math.abs(v)));
  const t = new StudentT(4, 1, 2);
  const tq = (t.icdf([0.025, 0.5, 0.975]) as any).data as Float64Array;
  T_PPF.forEach((v, i) => expect(Math.abs(tq[i] - v)).toBeLessThan(1e-11 * Math.abs(v)));
  const back = (t.cdf(t.icdf([0.3])) as any).data[0];
  expect(Math.abs(back - 0.3)).toBeLessThan(1e-12);
});
