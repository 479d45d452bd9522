/**
 * A producer writing to one topic at a rate in messages per second. Keyed records go to
 * `toPositive(murmur2(key)) % partitions` (see `RecordLayout`); keyless records follow the
 * built-in sticky partitioner.
 */
import { StickyPartitioner } from './partitioner';
import { RecordLayout, Topic } from './topic';

export class Producer {
  /** rate × elapsed ms not yet turned into whole records (in record·ms units). */
  private carry = 0;
  private readonly sticky: StickyPartitioner | undefined;
  private readonly counts: number[] = [];
  totalProduced = 0;

  constructor(
    readonly id: string,
    readonly topic: Topic,
    public ratePerSec: number,
    readonly keys: number,
    readonly recordBytes: number,
    batchSize: number,
    seed: number,
  ) {
    if (topic.producerId !== undefined) {
      throw new RangeError(`topic '${topic.name}' already has producer '${topic.producerId}'; the simulator supports one producer per topic (change its rate instead)`);
    }
    topic.producerId = id;
    if (keys > 0) {
      topic.layout = new RecordLayout(keys, topic.partitionCount);
    } else {
      this.sticky = new StickyPartitioner(seed, batchSize);
    }
  }

  /** Appends the records produced during `dtMs` to the topic's partitions, stamped `now`. */
  step(dtMs: number, now: number): void {
    this.carry += this.ratePerSec * dtMs;
    const n = Math.floor(this.carry / 1000);
    if (n <= 0) return;
    this.carry -= n * 1000;
    const partitions = this.topic.partitionCount;
    const counts = this.counts;
    counts.length = partitions;
    counts.fill(0);
    if (this.sticky) this.sticky.distribute(n, partitions, this.recordBytes, counts);
    else this.topic.layout!.produce(n, counts);
    for (let p = 0; p < partitions; p++) if (counts[p]! > 0) this.topic.append(p, counts[p]!, now);
    this.totalProduced += n;
  }
}
