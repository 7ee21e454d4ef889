// Float64 scalar special functions on JS numbers: the kernels that the special-function
// primitives of @orrery/core apply elementwise. Reference: SciPy (scipy.special) and mpmath, see
// packages/core/scripts/special/make-fixtures.py and packages/core/test/special/.
export { lgamma, gammaSign } from "./gamma.js";
export { digamma } from "./digamma.js";
export { polygamma } from "./polygamma.js";
export { erf, erfc, erfcx } from "./erf.js";
export { erfinv, erfcinv } from "./erfinv.js";
export { ndtr, logNdtr } from "./ndtr.js";
export { ndtri } from "./ndtri.js";
export { gammainc, gammaincc } from "./incomplete-gamma.js";
export { gammaincDerivA, randomGammaGrad } from "./gamma-grad.js";
export { betaln } from "./beta.js";
export { betainc, betaincinv } from "./incomplete-beta.js";
export { i0e, i1e } from "./bessel.js";
export { log1mexp, xlogy, xlog1py, expit, logit, softplus } from "./log-exp.js";
