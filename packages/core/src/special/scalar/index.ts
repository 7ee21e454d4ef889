// Float64 scalar special functions on JS numbers (the kernels behind the special primitives).
export { lgamma, gammaSign } from "./gamma.js";
export { digamma } from "./digamma.js";
export { polygamma } from "./polygamma.js";
export { erf, erfc, erfcx } from "./erf.js";
export { erfinv, erfcinv } from "./erfinv.js";
export { ndtr, logNdtr } from "./ndtr.js";
export { ndtri } from "./ndtri.js";
export { gammainc, gammaincc } from "./incomplete-gamma.js";
