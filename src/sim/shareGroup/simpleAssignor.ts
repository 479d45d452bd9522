/**
 * The share-group "simple" assignor, server side (Kafka's `SimpleAssignor` with
 * `SimpleHomogeneousAssignmentBuilder`, group-coordinator module), re-expressed in TypeScript.
 *
 * With M members and P partitions, every partition should be shared by
 * `desiredSharing = ceil(M / P)` members, and member i (in member order) should get
 * `ceil(x·(i+1)) − ceil(x·i)` partitions with `x = desiredSharing·P / M`: so 4 members on 3
 * partitions get 2, 1, 2, 1 partitions and each partition has 2 members; 2 members on 3 partitions
 * get 2 and 1. Balance comes first, stickiness second, in four steps (the order of the builder's
 * `build()` in Kafka 4.1+):
 *   1. keep each member's current partitions that are still assignable; classify members as
 *      unfilled / overfilled against their desired count;
 *   2. take partitions away from overfilled members until they have their desired count;
 *   3. take sharers away from partitions shared by more than `desiredSharing` members;
 *   4. hand partitions lacking sharers to unfilled members, cycling through them (a partition
 *      that no unfilled member can take stays under-shared, as in Kafka).
 *
 * Java iterates HashSets/HashMaps keyed by topic UUIDs, whose order cannot be reproduced; here
 * members go in the order they joined and partitions in (topic, partition) order, so results are
 * deterministic and follow the same rules but can differ in which member gets which partition.
 * Mixed subscriptions (Kafka's heterogeneous builder) are approximated by running the
 * homogeneous algorithm per topic over that topic's subscribers.
 */

export interface ShareAssignorMember {
  readonly memberId: string;
  readonly topics: readonly string[];
  /** The member's current target assignment, as `topic-p` names. */
  readonly current: readonly string[];
}

export interface ShareAssignorTopic {
  readonly name: string;
  readonly partitions: number;
}

/** memberId → assigned partitions (`topic-p`), sorted. */
export function assignShareGroup(members: readonly ShareAssignorMember[], topics: readonly ShareAssignorTopic[]): Map<string, string[]> {
  const result = new Map<string, string[]>(members.map((m) => [m.memberId, []]));
  if (members.length === 0) return result;
  const topicByName = new Map(topics.map((t) => [t.name, t]));
  const key = (m: ShareAssignorMember): string => [...m.topics].sort().join('\u0000');
  const homogeneous = members.every((m) => key(m) === key(members[0]!));
  if (homogeneous) {
    const subscribed = [...members[0]!.topics].filter((t) => topicByName.has(t)).sort();
    const parts = subscribed.flatMap((t) => partitionsOf(topicByName.get(t)!));
    const r = assignHomogeneous(members.map((m) => m.memberId), parts, members.map((m) => m.current));
    r.forEach((ps, i) => result.set(members[i]!.memberId, ps));
  } else {
    const names = [...new Set(members.flatMap((m) => m.topics))].filter((t) => topicByName.has(t)).sort();
    for (const t of names) {
      const subs = members.filter((m) => m.topics.includes(t));
      const prefix = `${t}-`;
      const parts = partitionsOf(topicByName.get(t)!);
      const partSet = new Set(parts);
      const r = assignHomogeneous(subs.map((m) => m.memberId), parts, subs.map((m) => m.current.filter((p) => p.startsWith(prefix) && partSet.has(p))));
      r.forEach((ps, i) => result.get(subs[i]!.memberId)!.push(...ps));
    }
  }
  const order = new Map<string, number>();
  for (const t of [...topicByName.keys()].sort()) for (const p of partitionsOf(topicByName.get(t)!)) order.set(p, order.size);
  for (const ps of result.values()) ps.sort((a, b) => order.get(a)! - order.get(b)!);
  return result;
}

function partitionsOf(t: ShareAssignorTopic): string[] {
  return Array.from({ length: t.partitions }, (_, p) => `${t.name}-${p}`);
}

/**
 * The homogeneous algorithm over member indexes 0..M-1 and `partitions` (in order). `current[i]`
 * is member i's current assignment; partitions not in `partitions` are dropped from it.
 */
export function assignHomogeneous(memberIds: readonly string[], partitions: readonly string[], current: ReadonlyArray<readonly string[]>): string[][] {
  const M = memberIds.length;
  const P = partitions.length;
  if (P === 0) return memberIds.map(() => []);
  const pIndex = new Map(partitions.map((p, i) => [p, i]));
  const desiredSharing = Math.ceil(M / P);
  const precise = (desiredSharing * P) / M;
  const desired = Array.from({ length: M }, (_, i) => Math.ceil(precise * (i + 1)) - Math.ceil(precise * i));

  // Member index → partition indexes, and partition index → member indexes (kept sorted).
  const byMember: Array<Set<number>> = Array.from({ length: M }, () => new Set());
  const byPartition: Array<Set<number>> = Array.from({ length: P }, () => new Set());
  const unfilled = new Set<number>();
  const overfilled = new Set<number>();

  // 1. Keep what is still assignable.
  for (let m = 0; m < M; m++) {
    const kept = (current[m] ?? []).map((p) => pIndex.get(p)).filter((i): i is number => i !== undefined).sort((a, b) => a - b);
    for (const p of kept) {
      byMember[m]!.add(p);
      byPartition[p]!.add(m);
    }
    if (byMember[m]!.size < desired[m]!) unfilled.add(m);
    else if (byMember[m]!.size > desired[m]!) overfilled.add(m);
  }

  // 2. Members with too many partitions give up their first ones.
  for (const m of ascending(overfilled)) {
    for (const p of ascending(byMember[m]!)) {
      if (byMember[m]!.size <= desired[m]!) break;
      byMember[m]!.delete(p);
      byPartition[p]!.delete(m);
    }
  }

  // 3. Over-shared partitions lose sharers; those members become unfilled.
  for (let p = 0; p < P; p++) {
    const sharers = byPartition[p]!;
    for (const m of ascending(sharers)) {
      if (sharers.size <= desiredSharing) break;
      sharers.delete(m);
      byMember[m]!.delete(p);
      unfilled.add(m);
    }
  }

  // 4. Partitions lacking sharers go to unfilled members, cycling through them. If no unfilled
  //    member can take a partition (they all have it), the partition stays under-shared.
  let pool = ascending(unfilled);
  let cursor = 0;
  let assignedThisRound = false;
  for (let p = 0; p < P && pool.length > 0; p++) {
    const sharers = byPartition[p]!;
    let toMake = desiredSharing - sharers.size;
    while (toMake > 0 && pool.length > 0) {
      if (cursor >= pool.length) {
        if (!assignedThisRound) break;
        cursor = 0;
        assignedThisRound = false;
      }
      const m = pool[cursor]!;
      if (sharers.has(m)) {
        cursor++;
        continue;
      }
      byMember[m]!.add(p);
      sharers.add(m);
      toMake--;
      assignedThisRound = true;
      if (byMember[m]!.size >= desired[m]!) pool = pool.filter((x) => x !== m);
      else cursor++;
    }
  }

  return byMember.map((set) => ascending(set).map((i) => partitions[i]!));
}

function ascending(set: ReadonlySet<number>): number[] {
  return [...set].sort((a, b) => a - b);
}
