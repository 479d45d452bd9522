/**
 * The "constrained" sticky builder: Kafka's `AbstractStickyAssignor.ConstrainedAssignmentBuilder`
 * (KAFKA-9987), used by both sticky assignors when every member subscribes to the same topics.
 * Rack-aware steps are left out (no racks in the simulator).
 *
 * Works on global partition indices (see common.ts) with typed arrays; no per-partition objects.
 */
import type { PartitionLists, TopicIndex } from './common';
import { compareJavaStrings } from './memberOrder';

export interface ConstrainedInput {
  readonly index: TopicIndex;
  readonly memberIds: readonly string[];
  /** Member numbers in the order Java's HashMap iterates them. */
  readonly hashOrder: readonly number[];
  /** Each member's owned partitions after the ownership clean-up (global indices). */
  readonly owned: PartitionLists;
  /** Partitions claimed by several members of the same generation (`partitionsWithMultiplePreviousOwners`). */
  readonly multi: Uint8Array | null;
}

export interface ConstrainedResult {
  /** owner[g] = member number, for every partition. */
  readonly owner: Int32Array;
  /** Partitions in `partitionsTransferringOwnership` (they change owner this round). */
  readonly transferring: number[];
}

export function constrainedAssign(input: ConstrainedInput): ConstrainedResult {
  const { index, memberIds, hashOrder, owned, multi } = input;
  const n = index.total;
  const c = memberIds.length;
  const topicCount = index.names.length;
  const minQuota = Math.floor(n / c);
  const maxQuota = Math.ceil(n / c);
  const expectedNumMembersWithOverMinQuota = n % c;
  let currentNumMembersWithOverMinQuota = 0;

  const owner = new Int32Array(n).fill(-1);
  const size = new Int32Array(c);
  const revoked = new Uint8Array(n); // allRevokedPartitions
  const unfilledUnder: number[] = [];
  const unfilledExactlyMin: number[] = [];

  // Step 1, `assignOwnedPartitions`: keep owned partitions up to the quota, members in HashMap order.
  const { flat, start } = owned;
  for (const m of hashOrder) {
    let list: ArrayLike<number> = flat.subarray(start[m]!, start[m + 1]!);
    if (multi) list = Array.prototype.filter.call(list, (g: number) => multi[g] === 0) as number[];
    const ownedCount = list.length;
    let keep: number;
    if (ownedCount < minQuota) {
      keep = ownedCount;
      unfilledUnder.push(m);
    } else if (ownedCount >= maxQuota && currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota) {
      currentNumMembersWithOverMinQuota++;
      if (currentNumMembersWithOverMinQuota === expectedNumMembersWithOverMinQuota) unfilledExactlyMin.length = 0;
      keep = maxQuota;
    } else {
      keep = minQuota;
      if (currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota) unfilledExactlyMin.push(m);
    }
    // Kafka sorts the owned list by (partition, topic) and keeps a prefix; sort only when it matters.
    if (keep < ownedCount) list = sortByPartitionThenTopic(list, index, topicCount);
    for (let i = 0; i < ownedCount; i++) {
      const g = list[i]!;
      if (i < keep) owner[g] = m;
      else revoked[g] = 1;
    }
    size[m] = keep;
  }

  // Step 3: both candidate lists sorted by member id (plain string order, no instance ids).
  const byId = (a: number, b: number): number => compareJavaStrings(memberIds[a]!, memberIds[b]!);
  unfilledUnder.sort(byId);
  unfilledExactlyMin.sort(byId);

  // Steps 2 and 4, `getUnassignedPartitions` + `assignRoundRobin`: walk the unassigned partitions in
  // (topic, partition) order. The Java LinkedList iterator over the under-min members is emulated
  // with `current` (the pass being iterated) and `survivors` (members the pass did not remove).
  const transferring: number[] = [];
  let current = unfilledUnder;
  let cursor = 0;
  let survivors: number[] = [];
  let head = 0; // poll position in unfilledExactlyMin (a queue)
  for (let g = 0; g < n; g++) {
    if (owner[g] !== -1) continue;
    let m: number;
    let fromIterator = true;
    if (cursor < current.length) {
      m = current[cursor++]!;
    } else if (survivors.length === 0) {
      if (head >= unfilledExactlyMin.length) throw new Error('sticky: no more unfilled consumers to be assigned');
      m = unfilledExactlyMin[head++]!;
      fromIterator = false;
      current = survivors;
      cursor = 0;
    } else {
      current = survivors;
      survivors = [];
      cursor = 0;
      m = current[cursor++]!;
    }
    owner[g] = m;
    const count = ++size[m]!;
    // Step 5, `assignNewPartition`: record partitions another member gives up.
    if (revoked[g] === 1 || (multi !== null && multi[g] === 1)) transferring.push(g);
    if (count === minQuota) {
      unfilledExactlyMin.push(m);
    } else {
      if (fromIterator) survivors.push(m);
      if (count === maxQuota) currentNumMembersWithOverMinQuota++;
    }
  }
  return { owner, transferring };
}

/** `sorted(comparing(partition).thenComparing(topic))` on global indices. */
function sortByPartitionThenTopic(list: ArrayLike<number>, index: TopicIndex, topicCount: number): number[] {
  const keys = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const g = list[i]!;
    const t = topicOfIndex(index, g);
    keys[i] = (g - index.offsets[t]!) * topicCount + t;
  }
  keys.sort();
  const out: number[] = new Array<number>(list.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const t = k % topicCount;
    out[i] = index.offsets[t]! + (k - t) / topicCount;
  }
  return out;
}

/** The topic number of global index `g` (binary search over the offsets). */
export function topicOfIndex(index: TopicIndex, g: number): number {
  const offsets = index.offsets;
  let lo = 0;
  let hi = index.names.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= g) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
