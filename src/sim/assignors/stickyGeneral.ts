/**
 * The "general" sticky builder: Kafka's `AbstractStickyAssignor.GeneralAssignmentBuilder`, used by
 * both sticky assignors when the members' subscriptions differ. Rack-aware steps are left out.
 *
 * Follows `build()` → `prepopulateCurrentAssignments` (prevAssignment) → `assignOwnedPartitions`
 * → `getUnassignedPartitions` → `balance()` → `performReassignments`, with `PartitionMovements`
 * (including `getTheActualPartitionToBeMoved`, which picks a partition from a Java `HashSet`, so
 * that set's iteration order is emulated too) and the revert-if-the-balance-score-did-not-improve
 * rule. Member lists are not materialized: `owner[g]` plus a size per member carry the same state.
 *
 * Deliberate differences from Java, only where Java would fail: a `prevAssignment` owner is used
 * only if it still takes part in the reassignment and subscribes to the topic (Java would throw a
 * NullPointerException or hand the partition to a non-subscriber).
 */
import type { PartitionLists, TopicIndex } from './common';
import { topicOfEachPartition } from './common';
import { compareJavaStrings, javaSpreadHash, javaStringHashCode } from './memberOrder';

export interface GeneralInput {
  readonly index: TopicIndex;
  readonly memberIds: readonly string[];
  readonly hashOrder: readonly number[];
  /** Subscribed topic numbers per member (deduplicated, only topics in the index). */
  readonly subs: readonly (readonly number[])[];
  /** Owned partitions per member after the ownership clean-up. */
  readonly owned: PartitionLists;
  /** What each member reported (memberData.partitions), for prevAssignment. */
  readonly rawOwned: PartitionLists;
  /** memberData.generation, -1 when absent. */
  readonly generation: Int32Array;
  readonly hasGeneration: Uint8Array;
  readonly maxGeneration: number;
}

export function generalAssign(input: GeneralInput): Int32Array {
  const { index, memberIds, hashOrder, subs } = input;
  const n = index.total;
  const c = memberIds.length;
  const topicCount = index.names.length;
  const topicOf = topicOfEachPartition(index);

  // consumer2AllPotentialTopics / topic2AllPotentialConsumers.
  const subscribes = subscriptionTest(subs, c, topicCount);
  const topicConsumers: number[][] = index.names.map(() => []);
  for (const m of hashOrder) for (const t of subs[m]!) topicConsumers[t]!.push(m);
  const maxAssignmentSize = new Float64Array(c);
  for (let m = 0; m < c; m++) for (const t of subs[m]!) maxAssignmentSize[m]! += index.counts[t]!;

  // currentAssignment / currentPartitionConsumer after `assignOwnedPartitions`.
  const owner = new Int32Array(n).fill(-1);
  const size = new Int32Array(c);
  let revocationRequired = false;
  for (const m of hashOrder) {
    for (let i = input.owned.start[m]!, end = input.owned.start[m + 1]!; i < end; i++) {
      const g = input.owned.flat[i]!;
      if (subscribes(m, topicOf[g]!)) {
        owner[g] = m;
        size[m]!++;
      } else {
        revocationRequired = true; // no longer subscribed to that topic
      }
    }
  }

  // `prepopulateCurrentAssignments`: the latest claim below the highest generation.
  const prevOwner = new Int32Array(n).fill(-1);
  const prevGen = new Int32Array(n);
  const { generation, hasGeneration, maxGeneration } = input;
  for (const m of hashOrder) {
    let gen: number;
    if (hasGeneration[m] === 1 && generation[m]! < maxGeneration) gen = generation[m]!;
    else if (hasGeneration[m] === 0 && maxGeneration > -1) gen = -1;
    else continue;
    for (let i = input.rawOwned.start[m]!, end = input.rawOwned.start[m + 1]!; i < end; i++) {
      const g = input.rawOwned.flat[i]!;
      if (prevOwner[g] === -1 || gen > prevGen[g]!) {
        prevOwner[g] = m;
        prevGen[g] = gen;
      }
    }
  }

  // sortedAllPartitions: topics by (number of potential consumers, name), partitions ascending.
  const topicOrder = index.names.map((_, t) => t);
  topicOrder.sort((a, b) => topicConsumers[a]!.length - topicConsumers[b]!.length || a - b);
  let sortedAll: number[] = [];
  for (const t of topicOrder) for (let g = index.offsets[t]!; g < index.offsets[t + 1]!; g++) sortedAll.push(g);
  let unassigned = sortedAll.filter((g) => owner[g] === -1);

  const sorted = new SortedMembers(memberIds, size);
  for (let m = 0; m < c; m++) sorted.insert(m);
  const movements = new PartitionMovements(index, topicOf, c);

  const firstSubscribed = (t: number): number => {
    for (const m of sorted.members) if (subscribes(m, t)) return m;
    return -1;
  };

  const processPartitionMovement = (g: number, newConsumer: number): void => {
    const oldConsumer = owner[g]!;
    if (oldConsumer === newConsumer) return;
    sorted.remove(oldConsumer);
    sorted.remove(newConsumer);
    movements.movePartition(g, oldConsumer, newConsumer);
    size[oldConsumer]!--;
    size[newConsumer]!++;
    owner[g] = newConsumer;
    sorted.insert(newConsumer);
    sorted.insert(oldConsumer);
  };
  const reassignPartition = (g: number, newConsumer: number): void => {
    processPartitionMovement(movements.actualPartitionToBeMoved(g, owner[g]!, newConsumer), newConsumer);
  };

  const fixedConsumer = new Uint8Array(c);
  const isBalanced = (): boolean => {
    const members = sorted.members;
    if (members.length === 0) return true;
    const min = size[members[0]!]!;
    const max = size[members[members.length - 1]!]!;
    if (min >= max - 1) return true;
    for (const m of members) {
      const count = size[m]!;
      if (count === maxAssignmentSize[m]) continue;
      for (const t of subs[m]!) {
        for (let g = index.offsets[t]!, end = index.offsets[t + 1]!; g < end; g++) {
          const other = owner[g]!;
          if (other !== m && other >= 0 && count + 1 < size[other]!) return false;
        }
      }
    }
    return true;
  };

  const performReassignments = (partitions: readonly number[]): boolean => {
    let reassignmentPerformed = false;
    let modified: boolean;
    do {
      modified = false;
      for (let i = 0; i < partitions.length; i++) {
        if (isBalanced()) break;
        const g = partitions[i]!;
        const t = topicOf[g]!;
        const consumer = owner[g]!;
        const prev = prevOwner[g]!;
        if (prev >= 0 && fixedConsumer[prev] === 0 && subscribes(prev, t) && size[consumer]! > size[prev]! + 1) {
          reassignPartition(g, prev);
          reassignmentPerformed = modified = true;
          continue;
        }
        for (const other of topicConsumers[t]!) {
          if (size[consumer]! > size[other]! + 1) {
            reassignPartition(g, firstSubscribed(t));
            reassignmentPerformed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return reassignmentPerformed;
  };

  // `balance()`.
  const initializing = c === 0 || size[sorted.members[sorted.members.length - 1]!] === 0;
  for (const g of unassigned) {
    // `maybeAssignPartition`: the first member in (size, id) order that subscribes to the topic.
    const m = firstSubscribed(topicOf[g]!);
    if (m < 0) continue;
    sorted.remove(m);
    size[m]!++;
    owner[g] = m;
    sorted.insert(m);
  }

  // Narrow the scope to topics with 2+ potential consumers and to consumers that can change.
  const movableTopic = (t: number): boolean => topicConsumers[t]!.length >= 2;
  sortedAll = sortedAll.filter((g) => movableTopic(topicOf[g]!));
  unassigned = unassigned.filter((g) => movableTopic(topicOf[g]!));
  for (let m = 0; m < c; m++) {
    const canParticipate = size[m]! < maxAssignmentSize[m]! || subs[m]!.some(movableTopic);
    if (!canParticipate) {
      sorted.remove(m);
      fixedConsumer[m] = 1;
    }
  }

  const preOwner = owner.slice();
  const preSize = size.slice();
  const preScore = balanceScore(size, fixedConsumer);
  if (!revocationRequired) performReassignments(unassigned);
  const reassignmentPerformed = performReassignments(sortedAll);
  if (!initializing && reassignmentPerformed && balanceScore(size, fixedConsumer) >= preScore) {
    owner.set(preOwner);
    size.set(preSize);
  }
  return owner;
}

/** `getBalanceScore`: the sum over member pairs of |size_i − size_j| (fixed members left out). */
function balanceScore(size: Int32Array, fixed: Uint8Array): number {
  const sizes: number[] = [];
  for (let m = 0; m < size.length; m++) if (fixed[m] === 0) sizes.push(size[m]!);
  sizes.sort((a, b) => a - b);
  let score = 0;
  for (let i = 0; i < sizes.length; i++) score += sizes[i]! * (2 * i - (sizes.length - 1));
  return score;
}

/** `subscribes(member, topic)`: a bitmap when it is small, otherwise one Set per member. */
function subscriptionTest(subs: readonly (readonly number[])[], c: number, topicCount: number): (m: number, t: number) => boolean {
  if (c * topicCount <= 1 << 24) {
    const bits = new Uint8Array(c * topicCount);
    for (let m = 0; m < c; m++) for (const t of subs[m]!) bits[m * topicCount + t] = 1;
    return (m, t) => bits[m * topicCount + t] === 1;
  }
  const sets = subs.map((s) => new Set(s));
  return (m, t) => sets[m]!.has(t);
}

/**
 * `sortedCurrentSubscriptions`: a TreeSet of members ordered by (current size, member id). Kept as
 * a sorted array; callers remove a member before changing its size and insert it afterwards.
 */
class SortedMembers {
  readonly members: number[] = [];
  constructor(
    private readonly ids: readonly string[],
    private readonly size: Int32Array,
  ) {}

  private compare(a: number, b: number): number {
    return this.size[a]! - this.size[b]! || compareJavaStrings(this.ids[a]!, this.ids[b]!);
  }

  private lowerBound(m: number): number {
    let lo = 0;
    let hi = this.members.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(this.members[mid]!, m) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(m: number): void {
    const i = this.lowerBound(m);
    if (this.members[i] !== m) this.members.splice(i, 0, m);
  }

  remove(m: number): void {
    const i = this.lowerBound(m);
    if (this.members[i] === m) this.members.splice(i, 1);
  }
}

/**
 * `PartitionMovements`: which partitions moved between which members during this balance, by
 * topic, so that a partition about to move back along a reversed pair is swapped for one that
 * already made the opposite move (`getTheActualPartitionToBeMoved`).
 */
class PartitionMovements {
  private readonly src: Int32Array;
  private readonly dst: Int32Array;
  private readonly byTopic = new Map<number, Map<number, JavaPartitionHashSet>>();
  private readonly topicHash: Int32Array;

  constructor(
    private readonly index: TopicIndex,
    private readonly topicOf: Int32Array,
    private readonly memberCount: number,
  ) {
    this.src = new Int32Array(index.total).fill(-1);
    this.dst = new Int32Array(index.total).fill(-1);
    this.topicHash = new Int32Array(index.names.map(javaStringHashCode));
  }

  private key(a: number, b: number): number {
    return a * this.memberCount + b;
  }

  private removeRecord(g: number): void {
    const t = this.topicOf[g]!;
    const pairs = this.byTopic.get(t)!;
    const k = this.key(this.src[g]!, this.dst[g]!);
    const set = pairs.get(k)!;
    set.delete(g);
    if (set.size === 0) pairs.delete(k);
    if (pairs.size === 0) this.byTopic.delete(t);
    this.src[g] = -1;
    this.dst[g] = -1;
  }

  private addRecord(g: number, from: number, to: number): void {
    const t = this.topicOf[g]!;
    this.src[g] = from;
    this.dst[g] = to;
    let pairs = this.byTopic.get(t);
    if (!pairs) this.byTopic.set(t, (pairs = new Map()));
    const k = this.key(from, to);
    let set = pairs.get(k);
    if (!set) pairs.set(k, (set = new JavaPartitionHashSet()));
    set.add(g, tpHashCode(this.topicHash[t]!, g - this.index.offsets[t]!));
  }

  movePartition(g: number, oldConsumer: number, newConsumer: number): void {
    if (this.src[g]! >= 0) {
      const existingSrc = this.src[g]!;
      this.removeRecord(g);
      if (existingSrc !== newConsumer) this.addRecord(g, existingSrc, newConsumer);
    } else {
      this.addRecord(g, oldConsumer, newConsumer);
    }
  }

  actualPartitionToBeMoved(g: number, oldConsumer: number, newConsumer: number): number {
    const pairs = this.byTopic.get(this.topicOf[g]!);
    if (!pairs) return g;
    if (this.src[g]! >= 0) oldConsumer = this.src[g]!;
    const set = pairs.get(this.key(newConsumer, oldConsumer));
    return set ? set.first() : g;
  }
}

/** `TopicPartition.hashCode()`: `31 * (31 + partition) + topic.hashCode()`. */
function tpHashCode(topicHash: number, partition: number): number {
  return (Math.imul(31, 31 + partition) + topicHash) | 0;
}

/**
 * Enough of a `java.util.HashSet<TopicPartition>` to know which element `iterator().next()`
 * returns: the lowest bucket at the current capacity, then the earliest inserted.
 */
class JavaPartitionHashSet {
  private capacity = 16;
  private seq = 0;
  private readonly entries = new Map<number, { hash: number; seq: number }>();

  get size(): number {
    return this.entries.size;
  }

  add(g: number, hashCode: number): void {
    if (this.entries.has(g)) return;
    this.entries.set(g, { hash: javaSpreadHash(hashCode), seq: this.seq++ });
    if (this.entries.size > this.capacity * 0.75) this.capacity *= 2;
  }

  delete(g: number): void {
    this.entries.delete(g);
  }

  first(): number {
    const mask = this.capacity - 1;
    let best = -1;
    let bestBucket = 0;
    let bestSeq = 0;
    for (const [g, e] of this.entries) {
      const bucket = e.hash & mask;
      if (best < 0 || bucket < bestBucket || (bucket === bestBucket && e.seq < bestSeq)) {
        best = g;
        bestBucket = bucket;
        bestSeq = e.seq;
      }
    }
    return best;
  }
}
