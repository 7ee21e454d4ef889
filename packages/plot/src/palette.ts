/** Matplotlib's tab10 cycle (ArviZ's chain colours). */
export const TAB10 = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
] as const;

/** Colours for overlaid fits (ChainConsumer-like: the first fit is corner.py's black when alone). */
export const FIT_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"] as const;

/** corner.py's truth colour. */
export const TRUTH_COLOR = "#4682b4";

/** The `i`-th colour of a cycle. */
export function cycle(colors: readonly string[], i: number): string {
  return colors[i % colors.length];
}
