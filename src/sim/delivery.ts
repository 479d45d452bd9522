/**
 * What a group (or anyone sharing its group id) has processed: for each partition, the offset
 * ranges processed so far, and for each key the highest sequence processed. From these the
 * engine counts duplicates (a record processed again) and ordering violations (a record,
 * new or replayed, processed after a later record of the same key), without storing records.
 */
import type { Topic } from './topic';

export interface DeliveryCounts {
  processed: number;
  duplicates: number;
  outOfOrder: number;
}

/** Disjoint, sorted, half-open offset ranges [start, end). */
type Ranges = number[];

const NOTHING = Object.freeze({ duplicates: 0, outOfOrder: 0 });

export class DeliveryLedger {
  private readonly ranges = new Map<string, Ranges[]>();
  /**
   * Per topic, the highest key sequence processed for each key. Kept lazily: the fast path of
   * `process` does not update it and marks it stale; it is rebuilt from the ranges when needed.
   */
  private readonly maxKeySeq = new Map<string, Float64Array>();
  private readonly staleKeyMax = new Set<string>();
  readonly totals: DeliveryCounts = { processed: 0, duplicates: 0, outOfOrder: 0 };

  /**
   * Records that [from, to) of a partition was processed; returns the duplicates and
   * out-of-order records in it.
   */
  process(topic: Topic, partition: number, from: number, to: number): { duplicates: number; outOfOrder: number } {
    if (to <= from) return NOTHING;
    const ranges = this.rangesOf(topic.name, partition);
    const layout = topic.layout;
    this.totals.processed += to - from;
    // Fast path: past everything processed on this partition, while the partition count never
    // changed (so every key lives on one partition): nothing can be a duplicate or out of order.
    if ((ranges.length === 0 || from >= ranges[ranges.length - 1]!) && (!layout || layout.eraCount === 1)) {
      insert(ranges, from, to);
      if (layout) this.staleKeyMax.add(topic.name);
      return NOTHING;
    }
    const duplicates = overlap(ranges, from, to);
    let belowMax = 0;
    if (layout) {
      const seen = this.keyMaxima(topic);
      layout.forEachKeyRun(partition, from, to, (key, firstSeq, lastSeq) => {
        const highest = seen[key]!;
        // Records older than the newest already-processed record of their key.
        if (highest > firstSeq) belowMax += Math.min(lastSeq, highest - 1) - firstSeq + 1;
        if (lastSeq > highest) seen[key] = lastSeq;
      });
    }
    insert(ranges, from, to);
    // Whether processed before or not, a record handled after a later record of its key makes
    // the key's history go backwards downstream (a replay after a rebalance does this too).
    const outOfOrder = belowMax;
    this.totals.duplicates += duplicates;
    this.totals.outOfOrder += outOfOrder;
    return { duplicates, outOfOrder };
  }

  /** The per-key maxima of a topic, rebuilt from the processed ranges if the fast path left them stale. */
  private keyMaxima(topic: Topic): Float64Array {
    const layout = topic.layout!;
    let max = this.maxKeySeq.get(topic.name);
    if (!max || max.length < layout.keyCount) {
      const grown = new Float64Array(layout.keyCount).fill(-1);
      if (max) grown.set(max);
      this.maxKeySeq.set(topic.name, (max = grown));
    }
    if (this.staleKeyMax.delete(topic.name)) {
      const seen = max;
      (this.ranges.get(topic.name) ?? []).forEach((r, partition) => {
        for (let i = 0; i < r.length; i += 2) {
          layout.forEachKeyRun(partition, r[i]!, r[i + 1]!, (key, _first, last) => {
            if (last > seen[key]!) seen[key] = last;
          });
        }
      });
    }
    return max;
  }

  /** Highest offset processed + 1 (0 when nothing was processed). */
  processedEnd(topic: string, partition: number): number {
    const r = this.ranges.get(topic)?.[partition];
    return r && r.length > 0 ? r[r.length - 1]! : 0;
  }

  /** The processed ranges of a partition, e.g. [[0, 120]] (a copy). */
  processedRanges(topic: string, partition: number): Array<[number, number]> {
    const r = this.ranges.get(topic)?.[partition] ?? [];
    const out: Array<[number, number]> = [];
    for (let i = 0; i < r.length; i += 2) out.push([r[i]!, r[i + 1]!]);
    return out;
  }

  private rangesOf(topic: string, partition: number): Ranges {
    let perPartition = this.ranges.get(topic);
    if (!perPartition) this.ranges.set(topic, (perPartition = []));
    while (perPartition.length <= partition) perPartition.push([]);
    return perPartition[partition]!;
  }
}

function overlap(r: Ranges, from: number, to: number): number {
  let total = 0;
  for (let i = 0; i < r.length; i += 2) {
    const s = Math.max(r[i]!, from);
    const e = Math.min(r[i + 1]!, to);
    if (e > s) total += e - s;
  }
  return total;
}

function insert(r: Ranges, from: number, to: number): void {
  // Common case: extends the last range.
  const n = r.length;
  if (n >= 2 && r[n - 1]! >= from && r[n - 2]! <= from) {
    if (to > r[n - 1]!) r[n - 1] = to;
    return;
  }
  const merged: number[] = [];
  let s = from;
  let e = to;
  let placed = false;
  for (let i = 0; i < n; i += 2) {
    const a = r[i]!;
    const b = r[i + 1]!;
    if (b < s) merged.push(a, b);
    else if (a > e) {
      if (!placed) {
        merged.push(s, e);
        placed = true;
      }
      merged.push(a, b);
    } else {
      s = Math.min(s, a);
      e = Math.max(e, b);
    }
  }
  if (!placed) merged.push(s, e);
  r.length = 0;
  r.push(...merged);
}
