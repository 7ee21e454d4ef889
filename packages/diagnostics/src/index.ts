/**
 * @orrery/diagnostics: convergence diagnostics for MCMC draws, as R's posterior and ArviZ
 * compute them. Works on plain typed arrays laid out chains × draws × event shape and depends
 * on no other Orrery package.
 */
export {
  drawsArray,
  flattenDraws,
  toChainMatrix,
  toDrawsArray,
  type ChainMatrix,
  type DrawsArray,
  type DrawsRecord,
  type NestedNumbers,
  type NumberArray,
  type ScalarComponent,
  type ScalarDraws,
} from "./draws.js";
export { fft, ifft, nextPowerOfTwo } from "./fft.js";
export { mean, sd, variance } from "./moments.js";
export { lgamma, pbeta, qbeta, qnorm } from "./special.js";
export { splitChains } from "./split-chains.js";
export { foldDraws, rScale, uScale, zScale } from "./rank-normalize.js";
export { eti, mad, median, quantile, quantileSorted, sortedCopy, type QuantileType } from "./quantile.js";
export { autocorrelation, autocovariance } from "./autocorrelation.js";
export { rhat, rhatBasic, rhatBulk, rhatOfChains, rhatTail } from "./rhat.js";
export { essBasic, essBulk, essMean, essMedian, essOfChains, essQuantile, essSd, essTail } from "./ess.js";
export { mcseMean, mcseMedian, mcseQuantile, mcseSd } from "./mcse.js";
export { essNumpyro, rhatNumpyro, splitRhatNumpyro } from "./numpyro.js";
export { hdi } from "./hdi.js";
export { bfmi } from "./bfmi.js";
export {
  summary,
  summaryRecords,
  type Summary,
  type SummaryColumn,
  type SummaryOptions,
  type SummaryPreset,
  type SummaryRow,
  type SummaryStat,
} from "./summary.js";
export { formatSummary, type FormatOptions } from "./format.js";
export {
  CMDSTAN_TO_ARVIZ_STATS,
  readCmdStanCsv,
  writeCmdStanCsv,
  type CmdStanCsv,
  type DrawsGroup,
  type ReadCmdStanOptions,
  type WriteCmdStanOptions,
} from "./io/cmdstan-csv.js";
export { readArviZJson, toArviZDict, toArviZJson, type ArviZData, type ArviZGroups } from "./io/arviz-json.js";
