/**
 * Shared plumbing of the assignors: which topics take part, a dense numbering of their partitions,
 * and turning an owner-per-partition array into the `Assignment` the contract promises.
 *
 * Which topics are assigned follows `AbstractPartitionAssignor.assign`: only topics some member
 * subscribes to, and only if the metadata knows them with at least one partition.
 *
 * Internally every partition is a number `g` ("global index"): topics are numbered in Java
 * `String.compareTo` order and `g = offset[topic] + partition`, so ascending `g` is exactly the
 * (topic, partition) order of the output lists.
 */
import type { Assignment, AssignmentInput, AssignorMember, TopicPartition } from './types';
import { compareJavaStrings } from './memberOrder';

export interface TopicIndex {
  /** Assignable topic names, sorted. */
  readonly names: readonly string[];
  /** name → topic number. */
  readonly byName: ReadonlyMap<string, number>;
  /** Partition count per topic number. */
  readonly counts: Int32Array;
  /** First global index of each topic; `offsets[T]` is the total. */
  readonly offsets: Int32Array;
  readonly total: number;
}

/** The topics of `input` that are subscribed by some member and have at least one partition. */
export function buildTopicIndex(input: AssignmentInput): TopicIndex {
  const subscribed = new Set<string>();
  for (const m of input.members) for (const t of m.subscription) subscribed.add(t);
  const names: string[] = [];
  for (const t of subscribed) {
    const n = input.topics.get(t);
    if (n !== undefined && n > 0) names.push(t);
  }
  names.sort(compareJavaStrings);
  const byName = new Map<string, number>();
  const counts = new Int32Array(names.length);
  const offsets = new Int32Array(names.length + 1);
  let total = 0;
  for (let t = 0; t < names.length; t++) {
    const n = input.topics.get(names[t]!)!;
    if (!Number.isInteger(n) || n > 0x3fffffff) throw new RangeError(`topic '${names[t]}': bad partition count ${n}`);
    byName.set(names[t]!, t);
    counts[t] = n;
    offsets[t] = total;
    total += n;
  }
  offsets[names.length] = total;
  return { names, byName, counts, offsets, total };
}

/** Throws on duplicate member ids: the group coordinator keys members by id, so it cannot happen there. */
export function checkUniqueMemberIds(members: readonly AssignorMember[]): void {
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.memberId)) throw new Error(`duplicate member id '${m.memberId}'`);
    seen.add(m.memberId);
  }
}

/**
 * Global indices of `partitions` that exist in the index (others are dropped: their topic is gone
 * or not subscribed by anyone, or the partition number is out of range). Looks the topic up only
 * when it changes from one entry to the next, which is the common case.
 */
export function toGlobalIndices(index: TopicIndex, partitions: readonly TopicPartition[] | undefined): number[] {
  const out: number[] = [];
  if (!partitions) return out;
  let lastTopic: string | undefined;
  let base = -1;
  let count = 0;
  for (let i = 0; i < partitions.length; i++) {
    const tp = partitions[i]!;
    if (tp.topic !== lastTopic) {
      lastTopic = tp.topic;
      const t = index.byName.get(tp.topic);
      if (t === undefined) {
        base = -1;
      } else {
        base = index.offsets[t]!;
        count = index.counts[t]!;
      }
    }
    const p = tp.partition;
    if (base >= 0 && p >= 0 && p < count && Number.isInteger(p)) out.push(base + p);
  }
  return out;
}

/** Topic number of every global index (for the builders that need it per partition). */
export function topicOfEachPartition(index: TopicIndex): Int32Array {
  const topicOf = new Int32Array(index.total);
  for (let t = 0; t < index.names.length; t++) topicOf.fill(t, index.offsets[t]!, index.offsets[t + 1]!);
  return topicOf;
}

/**
 * The contract's `Assignment` from `owner[g]` = member number (into `memberIds`) or -1 (nobody).
 * Every member is present; lists come out sorted by (topic, partition) because `g` is walked in order.
 * Only here are `TopicPartition` objects created, one per assigned partition.
 */
export function materialize(index: TopicIndex, memberIds: readonly string[], owner: Int32Array): Assignment {
  const c = memberIds.length;
  const sizes = new Int32Array(c);
  for (let g = 0; g < owner.length; g++) {
    const m = owner[g]!;
    if (m >= 0) sizes[m]!++;
  }
  const lists: TopicPartition[][] = new Array<TopicPartition[]>(c);
  for (let m = 0; m < c; m++) lists[m] = new Array<TopicPartition>(sizes[m]!);
  const fill = new Int32Array(c);
  for (let t = 0; t < index.names.length; t++) {
    const topic = index.names[t]!;
    const base = index.offsets[t]!;
    const n = index.counts[t]!;
    for (let p = 0; p < n; p++) {
      const m = owner[base + p]!;
      if (m >= 0) lists[m]![fill[m]!++] = { topic, partition: p };
    }
  }
  const result: Assignment = new Map();
  for (let m = 0; m < c; m++) result.set(memberIds[m]!, lists[m]!);
  return result;
}

/**
 * Deduplicated subscription topic numbers of every member (topics outside the index are dropped),
 * in subscription order.
 */
export function subscribedTopicNumbers(index: TopicIndex, members: readonly AssignorMember[]): number[][] {
  const stamp = new Int32Array(index.names.length).fill(-1);
  const out: number[][] = new Array<number[]>(members.length);
  for (let m = 0; m < members.length; m++) {
    const list: number[] = [];
    for (const name of members[m]!.subscription) {
      const t = index.byName.get(name);
      if (t !== undefined && stamp[t] !== m) {
        stamp[t] = m;
        list.push(t);
      }
    }
    out[m] = list;
  }
  return out;
}
