/**
 * The partitioner for records WITHOUT a key: Kafka 3.3+'s built-in "strictly uniform sticky"
 * partitioner (KIP-794, `BuiltInPartitioner`), in simplified form.
 *
 * What Kafka does, and what is modelled:
 *  - The producer sticks to one partition until about `batch.size` bytes (default 16384) have been
 *    produced to it, then picks the next partition at random. Modelled exactly that way: the switch
 *    happens on the record that brings the bytes produced to the current partition to ≥ batch.size,
 *    so a sticky run is ceil(batch.size / recordBytes) records when every record has the same size.
 *  - The next partition is drawn uniformly from ALL partitions of the topic, as Java's
 *    `BuiltInPartitioner.nextPartition` does (`random % partitions.size()`): it may draw the partition
 *    it just left, in which case it simply starts a new sticky run there.
 *  - The draw uses the seeded `Random` of this simulation, so runs are reproducible.
 *
 * NOT modelled:
 *  - Adaptive partitioning (`partitioner.adaptive.partitioning.enable=true`, the default), which
 *    weights the random choice against brokers with longer queues. The simulation has no broker
 *    queues, so every partition is equally likely.
 *  - `partitioner.availability.timeout.ms` (default 0: nothing is excluded anyway) and unavailable
 *    partitions (the simulation's partitions are always available).
 *  - The "switch only when the batch is sent" refinement and the 2 × batch.size hard limit of the
 *    Java code (`producedBytes >= stickyBatchSize && enableSwitch || producedBytes >= 2 * stickyBatchSize`):
 *    here the switch always happens at batch.size.
 *  - `batch.size = 0`: Java clamps the sticky batch size to ≥ 1 byte; so does this class, which then
 *    switches after every record.
 *
 * Cost: `distribute` does O(number of partition switches) work, not O(number of records), so the
 * engine can push thousands of records per tick through it.
 */
import { Random } from './random';

/** Plain JSON state for snapshots. */
export interface StickyPartitionerState {
  readonly batchSize: number;
  /** The current sticky partition, or -1 before the first record. */
  readonly current: number;
  /** Bytes produced to the current partition since the last switch. */
  readonly producedBytes: number;
  /** Number of partition picks so far (statistics only). */
  readonly switches: number;
  /** State of the private PRNG. */
  readonly rngState: number;
}

export const DEFAULT_BATCH_SIZE = 16384;

export class StickyPartitioner {
  private readonly rng: Random;
  private readonly batchSize: number;
  private current = -1;
  private producedBytes = 0;
  private switches = 0;

  /**
   * @param seed seed of this partitioner's own PRNG (derive it from the scenario seed, e.g. one per producer).
   * @param batchSize the producer's `batch.size` in bytes (default 16384; values < 1 are treated as 1, as Java does).
   */
  constructor(seed: number, batchSize: number = DEFAULT_BATCH_SIZE) {
    if (!Number.isFinite(batchSize)) throw new RangeError(`batchSize must be a finite number, got ${batchSize}`);
    this.batchSize = Math.max(1, Math.floor(batchSize));
    this.rng = new Random(seed);
  }

  /** The partition the next keyless record goes to if no switch happens first, or -1 before the first record. */
  get currentPartition(): number {
    return this.current;
  }

  /** How many times a partition has been picked (the first pick included). */
  get switchCount(): number {
    return this.switches;
  }

  /** The effective sticky batch size in bytes. */
  get stickyBatchSize(): number {
    return this.batchSize;
  }

  /**
   * Spreads `count` keyless records of `recordBytes` bytes each over `numPartitions` partitions and
   * ADDS the per-partition counts into `out` (`out[p] += n`; `out.length` must be ≥ numPartitions).
   * Work is O(partition switches). The partition count may differ between calls (partitions added
   * at run time): the current sticky run continues, and later picks see the new count. If the count
   * shrank below the current partition (Kafka never does this), a new partition is picked.
   */
  distribute(count: number, numPartitions: number, recordBytes: number, out: Int32Array | Float64Array | number[]): void {
    checkPositiveInt('numPartitions', numPartitions);
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
    if (!Number.isFinite(recordBytes) || recordBytes <= 0) throw new RangeError(`recordBytes must be a positive number, got ${recordBytes}`);
    if (out.length < numPartitions) throw new RangeError(`out has ${out.length} slots for ${numPartitions} partitions`);

    let remaining = count;
    while (remaining > 0) {
      if (this.current < 0 || this.current >= numPartitions) this.pick(numPartitions);
      // Records until the bytes produced to this partition reach batch.size (at least 1).
      const untilSwitch = Math.max(1, Math.ceil((this.batchSize - this.producedBytes) / recordBytes));
      const n = Math.min(remaining, untilSwitch);
      out[this.current] = out[this.current]! + n;
      remaining -= n;
      this.producedBytes += n * recordBytes;
      if (this.producedBytes >= this.batchSize) this.pick(numPartitions);
    }
  }

  /** The partition for one keyless record (same rules as `distribute` with count 1). */
  next(numPartitions: number, recordBytes: number): number {
    checkPositiveInt('numPartitions', numPartitions);
    if (!Number.isFinite(recordBytes) || recordBytes <= 0) throw new RangeError(`recordBytes must be a positive number, got ${recordBytes}`);
    if (this.current < 0 || this.current >= numPartitions) this.pick(numPartitions);
    const p = this.current;
    this.producedBytes += recordBytes;
    if (this.producedBytes >= this.batchSize) this.pick(numPartitions);
    return p;
  }

  /** Snapshot of the complete state (plain JSON). */
  getState(): StickyPartitionerState {
    return {
      batchSize: this.batchSize,
      current: this.current,
      producedBytes: this.producedBytes,
      switches: this.switches,
      rngState: this.rng.getState(),
    };
  }

  /** Rebuilds a partitioner from `getState()`; it continues exactly where the original was. */
  static fromState(state: StickyPartitionerState): StickyPartitioner {
    const p = new StickyPartitioner(0, state.batchSize);
    p.setState(state);
    return p;
  }

  /** Restores the mutable state (current partition, produced bytes, PRNG). The batch size must match. */
  setState(state: StickyPartitionerState): void {
    if (state.batchSize !== this.batchSize) {
      throw new RangeError(`state is for batch size ${state.batchSize}, this partitioner uses ${this.batchSize}`);
    }
    if (!Number.isInteger(state.current) || state.current < -1) throw new RangeError(`bad current partition ${state.current}`);
    if (!Number.isFinite(state.producedBytes) || state.producedBytes < 0) throw new RangeError(`bad producedBytes ${state.producedBytes}`);
    this.current = state.current;
    this.producedBytes = state.producedBytes;
    this.switches = state.switches;
    this.rng.setState(state.rngState);
  }

  private pick(numPartitions: number): void {
    this.current = this.rng.nextInt(numPartitions);
    this.producedBytes = 0;
    this.switches++;
  }
}

function checkPositiveInt(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
}
