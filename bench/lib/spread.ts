// A figure measured over rounds: its median and its range, so a reader sees how far it moves.

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export const spreadOf = (values: number[]): Spread =>
  values.length === 0
    ? { median: Number.NaN, min: Number.NaN, max: Number.NaN }
    : { median: median(values), min: Math.min(...values), max: Math.max(...values) };

/** The farthest value from the median, as a share of the median (0.05: ±5 %). */
export const relativeSpread = (s: Spread) => Math.max(s.max / s.median - 1, 1 - s.min / s.median);

/** "0.812 (0.790–0.833)". */
export const formatSpread = (s: Spread, digits = 3) =>
  Number.isFinite(s.median)
    ? `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`
    : "n/a";
