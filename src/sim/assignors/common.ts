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
import { compareJavaStrings, compareMemberInfo } from './memberOrder';

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
  const seenLists = new Set<readonly string[]>(); // members often share one subscription array
  for (const m of input.members) {
    if (seenLists.has(m.subscription)) continue;
    seenLists.add(m.subscription);
    for (const t of m.subscription) subscribed.add(t);
  }
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

/** Per-member lists of global partition indices in one flat array: member m's list is `flat[start[m] .. start[m+1])`. */
export interface PartitionLists {
  readonly flat: Int32Array;
  readonly start: Int32Array;
}

/**
 * Each member's partitions (from `pick`) as global indices, dropping those not in the index (topic
 * gone or not subscribed by anyone, or partition number out of range). The topic is looked up only
 * when it changes from one entry to the next.
 */
export function toPartitionLists(
  index: TopicIndex,
  members: readonly AssignorMember[],
  pick: (m: AssignorMember) => readonly TopicPartition[] | undefined,
): PartitionLists {
  let total = 0;
  for (const m of members) total += pick(m)?.length ?? 0;
  const flat = new Int32Array(total);
  const start = new Int32Array(members.length + 1);
  let pos = 0;
  for (let i = 0; i < members.length; i++) {
    start[i] = pos;
    const partitions = pick(members[i]!);
    if (!partitions) continue;
    let lastTopic: string | undefined;
    let base = -1;
    let count = 0;
    for (let j = 0; j < partitions.length; j++) {
      const tp = partitions[j]!;
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
      if (base >= 0 && p >= 0 && p < count && Number.isInteger(p)) flat[pos++] = base + p;
    }
  }
  start[members.length] = pos;
  return { flat: pos === total ? flat : flat.slice(0, pos), start };
}

/** Topic number of every global index (for the builders that need it per partition). */
export function topicOfEachPartition(index: TopicIndex): Int32Array {
  const topicOf = new Int32Array(index.total);
  for (let t = 0; t < index.names.length; t++) topicOf.fill(t, index.offsets[t]!, index.offsets[t + 1]!);
  return topicOf;
}

/**
 * Interned `TopicPartition` objects: one frozen object per (topic, partition), shared by every
 * assignment this module builds, so materializing a large assignment only fills arrays with
 * references (and results can be compared by identity). Bounded: when more than
 * `INTERN_LIMIT` partitions are cached the cache is dropped and starts over.
 */
const INTERN_LIMIT = 2_000_000;
const internCache = new Map<string, TopicPartition[]>();
let internedCount = 0;

/** The shared `TopicPartition` objects of partitions 0..count-1 of `topic`. */
export function internedPartitions(topic: string, count: number): readonly TopicPartition[] {
  let list = internCache.get(topic);
  if (list !== undefined && list.length >= count) return list;
  if (internedCount + count - (list?.length ?? 0) > INTERN_LIMIT) {
    internCache.clear();
    internedCount = 0;
    list = undefined;
  }
  if (list === undefined) internCache.set(topic, (list = []));
  internedCount += count - list.length;
  for (let p = list.length; p < count; p++) list.push(Object.freeze({ topic, partition: p }));
  return list;
}

/**
 * The contract's `Assignment` from `owner[g]` = member number (into `memberIds`) or -1 (nobody).
 * Every member is present; lists come out sorted by (topic, partition) because `g` is walked in order.
 */
export function materialize(index: TopicIndex, memberIds: readonly string[], owner: Int32Array): Assignment {
  const c = memberIds.length;
  const lists: TopicPartition[][] = [];
  for (let m = 0; m < c; m++) lists.push([]);
  for (let t = 0; t < index.names.length; t++) {
    const base = index.offsets[t]!;
    const n = index.counts[t]!;
    const objects = internedPartitions(index.names[t]!, n);
    for (let p = 0; p < n; p++) {
      const m = owner[base + p]!;
      if (m >= 0) lists[m]!.push(objects[p]!);
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

/** What range and roundrobin start from: the topic index, each member's topics, members in MemberInfo order. */
export function prepareOrderedAssignment(input: AssignmentInput): { index: TopicIndex; subs: number[][]; order: number[] } {
  const members = input.members;
  checkUniqueMemberIds(members);
  const index = buildTopicIndex(input);
  const subs = subscribedTopicNumbers(index, members);
  const order = members.map((_, i) => i).sort((a, b) => compareMemberInfo(members[a]!, members[b]!));
  return { index, subs, order };
}
