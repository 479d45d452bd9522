/**
 * Stable partition colours. Each partition gets one of PALETTE_SIZE classes (`pc-0`...), defined in
 * main.css on top of the theme's `--vscode-charts-*` colours; the partition log, the consumer
 * card's chips and the chart lines of one partition all use the same class, so colour links them.
 * Colour is never the only signal: every chip and row also names its partition.
 */
export const PALETTE_SIZE = 12;

/** The colour index of partition `partition` of the `topicIndex`-th topic. */
export function partitionColor(topicIndex: number, partition: number): number {
  return (((topicIndex * 5 + partition) % PALETTE_SIZE) + PALETTE_SIZE) % PALETTE_SIZE;
}

/** Heat strip buckets: 0 (no lag) .. HEAT_LEVELS-1 (the highest lag shown). */
export const HEAT_LEVELS = 6;

export function heatLevel(lag: number | null, maxLag: number): number {
  if (lag === null || lag <= 0 || maxLag <= 0) return 0;
  return Math.max(1, Math.min(HEAT_LEVELS - 1, Math.ceil((lag / maxLag) * (HEAT_LEVELS - 1))));
}
