/**
 * Topics and their partitions: append-only logs. Only numbers are kept per partition (log-end
 * offset), never the records themselves, so memory stays flat however many messages flow.
 *
 * Record timestamps are the virtual time of the tick that appended them (LogAppendTime, as a
 * broker with `log.message.timestamp.type=LogAppendTime` stamps them). They are kept per partition
 * as runs, one (first offset, time) pair per tick that appended to it (`RecordTimes`), capped: once
 * a partition has more than `MAX_TIME_RUNS` runs its oldest half is merged pairwise, so a very old
 * record may carry the time of the run before it (its age is then overestimated by at most a few
 * ticks per merge). Time lag reads the timestamp of the record at a committed offset.
 *
 * Records are still individually identifiable: a keyed producer cycles through its keys
 * (`key-0`, `key-1`, ...), so the record with producer sequence `i` has key `i mod K` and per-key
 * sequence `floor(i / K)`. `RecordLayout` maps (partition, offset) back to that producer sequence
 * in O(1), which is how the engine checks per-key ordering and shows recent records without
 * storing them.
 */
import { partitionForKey } from './murmur2';

export interface RecordInfo {
  readonly partition: number;
  readonly offset: number;
  /** `null` for records produced without a key. */
  readonly key: string | null;
  /** Per-key sequence number (0, 1, 2, ... for each key); `null` without a key. */
  readonly keySeq: number | null;
}

export function keyName(keyIndex: number): string {
  return `key-${keyIndex}`;
}

/** A stretch of production during which the partition count did not change. */
interface Era {
  /** Producer sequence number of the era's first record. */
  readonly startSeq: number;
  readonly partitionCount: number;
  /** Log-end offset of every partition when the era began (0 for partitions created in it). */
  readonly startOffsets: readonly number[];
  /** Key index → partition. */
  readonly keyPartition: Int32Array;
  /** Partition → its key indexes, ascending. */
  readonly keysOf: readonly Int32Array[];
}

/**
 * Where a keyed producer's records land. With K keys cycled in order, partition p receives the
 * records whose `seq mod K` is one of p's keys, in order.
 */
export class RecordLayout {
  private readonly eras: Era[] = [];
  /** Producer sequence number of the next record. */
  private nextSeq = 0;

  constructor(readonly keyCount: number, partitionCount: number) {
    this.beginEra(partitionCount, new Array<number>(partitionCount).fill(0));
  }

  /** How many partition counts the topic has had while this producer wrote to it. */
  get eraCount(): number {
    return this.eras.length;
  }

  get producedCount(): number {
    return this.nextSeq;
  }

  get currentEra(): Era {
    return this.eras[this.eras.length - 1]!;
  }

  /** Starts a new era after partitions were added. `logEndOffsets` are the current ones. */
  beginEra(partitionCount: number, logEndOffsets: readonly number[]): void {
    const K = this.keyCount;
    const keyPartition = new Int32Array(K);
    const buckets: number[][] = Array.from({ length: partitionCount }, () => []);
    for (let k = 0; k < K; k++) {
      const p = partitionForKey(keyName(k), partitionCount);
      keyPartition[k] = p;
      buckets[p]!.push(k);
    }
    this.eras.push({
      startSeq: this.nextSeq,
      partitionCount,
      startOffsets: logEndOffsets.slice(),
      keyPartition,
      keysOf: buckets.map((b) => Int32Array.from(b)),
    });
  }

  /**
   * Produces `n` records; adds the per-partition counts to `counts` (indexed by partition).
   * O(partitions × log keys), not O(n).
   */
  produce(n: number, counts: number[]): void {
    if (n <= 0) return;
    const era = this.currentEra;
    const K = this.keyCount;
    const fullCycles = Math.floor(n / K);
    const rest = n - fullCycles * K;
    const startResidue = this.nextSeq % K;
    if (fullCycles > 0) {
      for (let p = 0; p < era.partitionCount; p++) counts[p]! += fullCycles * era.keysOf[p]!.length;
    }
    if (rest > 0) {
      if (rest <= era.partitionCount * 4) {
        for (let j = 0; j < rest; j++) counts[era.keyPartition[(startResidue + j) % K]!]!++;
      } else {
        // Keys in the circular window [startResidue, startResidue + rest) per partition.
        const end = startResidue + rest;
        for (let p = 0; p < era.partitionCount; p++) {
          const keys = era.keysOf[p]!;
          let c = countInRange(keys, startResidue, Math.min(end, K));
          if (end > K) c += countInRange(keys, 0, end - K);
          counts[p]! += c;
        }
      }
    }
    this.nextSeq += n;
  }

  private eraFor(partition: number, offset: number): Era | undefined {
    for (let i = this.eras.length - 1; i >= 0; i--) {
      const era = this.eras[i]!;
      if (partition < era.partitionCount && offset >= era.startOffsets[partition]!) return era;
    }
    return undefined;
  }

  /** The producer sequence number of the record at (partition, offset). */
  seqAt(partition: number, offset: number): number {
    const era = this.eraFor(partition, offset);
    if (!era) throw new RangeError(`no record at partition ${partition} offset ${offset}`);
    const keys = era.keysOf[partition]!;
    const m = keys.length;
    if (m === 0) throw new RangeError(`partition ${partition} receives no keyed records`);
    const K = this.keyCount;
    const r0 = era.startSeq % K;
    const base = era.startSeq - r0;
    const startIdx = lowerBound(keys, r0);
    const pos = startIdx + (offset - era.startOffsets[partition]!);
    return base + Math.floor(pos / m) * K + keys[pos % m]!;
  }

  record(partition: number, offset: number): RecordInfo {
    const seq = this.seqAt(partition, offset);
    return { partition, offset, key: keyName(seq % this.keyCount), keySeq: Math.floor(seq / this.keyCount) };
  }

  /**
   * Calls `visit(keyIndex, firstKeySeq, lastKeySeq, count)` for each key with records in the
   * offset range [from, to) of a partition: within one era a key's records on a partition carry
   * consecutive sequence numbers, so a range is summarised per key in O(keys on the partition).
   */
  forEachKeyRun(partition: number, from: number, to: number, visit: (key: number, firstSeq: number, lastSeq: number, count: number) => void): void {
    let start = from;
    while (start < to) {
      const era = this.eraFor(partition, start)!;
      const nextEra = this.eras[this.eras.indexOf(era) + 1];
      // eraFor() picked the latest era containing `start`, so the next era begins after it.
      const end = nextEra && partition < nextEra.partitionCount ? Math.min(to, nextEra.startOffsets[partition]!) : to;
      this.visitEraRange(era, partition, start, end, visit);
      start = end;
    }
  }

  private visitEraRange(era: Era, partition: number, from: number, to: number, visit: (key: number, firstSeq: number, lastSeq: number, count: number) => void): void {
    const keys = era.keysOf[partition]!;
    const m = keys.length;
    if (m === 0 || to <= from) return;
    const K = this.keyCount;
    const startIdx = lowerBound(keys, era.startSeq % K);
    const cycleBase = Math.floor(era.startSeq / K);
    const posFrom = startIdx + (from - era.startOffsets[partition]!);
    const posTo = startIdx + (to - era.startOffsets[partition]!); // exclusive
    const n = posTo - posFrom;
    const limit = Math.min(m, n);
    for (let j = 0; j < limit; j++) {
      const pos = posFrom + j;
      const keyIdx = pos % m;
      const count = Math.floor((n - j - 1) / m) + 1;
      const firstSeq = cycleBase + Math.floor(pos / m);
      visit(keys[keyIdx]!, firstSeq, firstSeq + count - 1, count);
    }
  }
}

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countInRange(sorted: Int32Array, from: number, to: number): number {
  return to <= from ? 0 : lowerBound(sorted, to) - lowerBound(sorted, from);
}

/** Runs kept per partition before the oldest half is merged (bounded memory on long runs and many partitions). */
export const MAX_TIME_RUNS = 128;

/**
 * The append time of each partition's records, as runs: run i covers offsets
 * [starts[i], starts[i+1]) and its records were appended at times[i]. Partitions that never got a
 * record keep no arrays.
 */
export class RecordTimes {
  private readonly starts: Array<number[] | undefined> = [];
  private readonly times: Array<number[] | undefined> = [];

  /** Records [from, from + count) of a partition were appended at `now` (ticks only move forward). */
  append(partition: number, from: number, count: number, now: number): void {
    if (count <= 0) return;
    let starts = this.starts[partition];
    let times = this.times[partition];
    if (!starts || !times) {
      this.starts[partition] = starts = [];
      this.times[partition] = times = [];
    }
    if (times.length > 0 && times[times.length - 1] === now) return;
    starts.push(from);
    times.push(now);
    if (starts.length > MAX_TIME_RUNS) mergeOldestHalf(starts, times);
  }

  /** The append time of the record at `offset`, or undefined if the partition has no such record. */
  timestampAt(partition: number, offset: number): number | undefined {
    const starts = this.starts[partition];
    const times = this.times[partition];
    if (!starts || !times || starts.length === 0 || offset < starts[0]!) return undefined;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return times[lo];
  }

  /** How many runs a partition keeps (for tests of the cap). */
  runCount(partition: number): number {
    return this.starts[partition]?.length ?? 0;
  }
}

/** Merges the oldest half of the runs pairwise: each pair keeps its first start and its earlier time. */
function mergeOldestHalf(starts: number[], times: number[]): void {
  const half = starts.length >>> 1;
  let w = 0;
  for (let r = 0; r < half; r += 2) {
    starts[w] = starts[r]!;
    times[w] = times[r]!;
    w++;
  }
  for (let r = half; r < starts.length; r++) {
    starts[w] = starts[r]!;
    times[w] = times[r]!;
    w++;
  }
  starts.length = w;
  times.length = w;
}

/** One topic: its partitions' log-end offsets and, if a keyed producer writes to it, the record layout. */
export class Topic {
  readonly logEndOffsets: number[];
  /** When each partition's records were appended (virtual time). */
  readonly recordTimes = new RecordTimes();
  /** Set by the topic's keyed producer. */
  layout: RecordLayout | undefined;
  /** The topic's producer: the simulator derives records from offsets, so one producer per topic. */
  producerId: string | undefined;

  constructor(readonly name: string, partitions: number) {
    this.logEndOffsets = new Array<number>(partitions).fill(0);
  }

  get partitionCount(): number {
    return this.logEndOffsets.length;
  }

  /** Appends `count` records to a partition at virtual time `now`. */
  append(partition: number, count: number, now: number): void {
    if (count <= 0) return;
    const from = this.logEndOffsets[partition]!;
    this.logEndOffsets[partition] = from + count;
    this.recordTimes.append(partition, from, count, now);
  }

  /**
   * How long ago the first record at or after `offset` was appended: the age of the oldest record
   * a consumer at `offset` has not consumed; 0 when `offset` is at the log end (caught up).
   */
  timeLagMs(partition: number, offset: number, now: number): number {
    if (offset >= (this.logEndOffsets[partition] ?? 0)) return 0;
    const at = this.recordTimes.timestampAt(partition, Math.max(0, offset));
    return at === undefined ? 0 : Math.max(0, now - at);
  }

  /** Partitions only grow, as in Kafka. */
  addPartitions(newTotal: number): void {
    const from = this.partitionCount;
    if (!Number.isInteger(newTotal) || newTotal <= from) {
      throw new RangeError(`topic '${this.name}' has ${from} partitions; the new count must be a larger integer, got ${newTotal}`);
    }
    for (let p = from; p < newTotal; p++) this.logEndOffsets.push(0);
    this.layout?.beginEra(newTotal, this.logEndOffsets);
  }

  /** Recent records of a partition, newest last (derived, not stored). */
  recentRecords(partition: number, limit: number): RecordInfo[] {
    const end = this.logEndOffsets[partition] ?? 0;
    const out: RecordInfo[] = [];
    for (let o = Math.max(0, end - limit); o < end; o++) {
      out.push(this.layout ? this.layout.record(partition, o) : { partition, offset: o, key: null, keySeq: null });
    }
    return out;
  }
}
