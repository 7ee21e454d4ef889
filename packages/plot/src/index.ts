/**
 * @orrery/plot: corner, trace, rank, autocorrelation, forest, posterior-predictive and
 * model-graph plots of MCMC draws, as SVG strings (no DOM) and PNG in Node.
 */
export { cornerPlot, type CornerOptions } from "./corner.js";
export { toPng, rasterize, type PngOptions, type RasterImage } from "./png.js";
export {
  credibleContours,
  histogram,
  kde,
  SIGMA_LEVELS_2D,
  pointInPolygon,
  type CredibleContour,
  type Histogram,
  type Polygon,
} from "./density.js";
export type { Fit, PlotDraws } from "./draws-input.js";
export type { PerParam } from "./options.js";
export { tracePlot, type TraceOptions } from "./trace.js";
export type { GridOptions } from "./figure.js";
export { rankPlot, type RankOptions } from "./rank.js";
export { autocorrPlot, type AutocorrOptions } from "./autocorr.js";
export { forestPlot, type ForestOptions } from "./forest.js";
export { ppcPlot, type PpcData, type PpcModel, type PpcOptions } from "./ppc.js";
export { graphPlot, layeredGraphPlot, toDot, type GraphNode, type GraphOptions, type ModelGraph } from "./graph.js";
