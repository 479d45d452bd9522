/**
 * The part of Kafka's `AbstractStickyAssignor` shared by `sticky` and `cooperative-sticky`:
 * `assignPartitions` reads each member's previous state (`memberData`), cleans up ownership claims
 * while deciding whether all subscriptions are equal (`allSubscriptionsEqual`), then runs the
 * constrained builder (equal subscriptions) or the general builder (otherwise). The cooperative
 * variant then withholds the partitions that change owner (`CooperativeStickyAssignor.assign` →
 * `adjustAssignment`).
 *
 * Members are walked in Java `HashMap` iteration order (String.hashCode buckets) wherever Kafka's
 * result depends on it, so results match Kafka's exactly, including the hash-order-sensitive cases.
 */
import type { Assignment, AssignmentInput } from './types';
import { buildTopicIndex, checkUniqueMemberIds, materialize, subscribedTopicNumbers, toPartitionLists } from './common';
import type { PartitionLists } from './common';
import { javaHashMapOrder } from './memberOrder';
import { constrainedAssign } from './stickyConstrained';
import { generalAssign } from './stickyGeneral';

export type StickyFlavour = 'eager' | 'cooperative';

/** What the sticky builders need from the input, plus the builder Kafka would choose. */
export interface StickyPlan {
  readonly builder: 'constrained' | 'general';
  readonly assignment: Assignment;
  /** How many partitions were withheld this round because they change owner (cooperative only). */
  readonly withheld: number;
}

export function assignSticky(input: AssignmentInput, flavour: StickyFlavour): Assignment {
  return planSticky(input, flavour).assignment;
}

export function planSticky(input: AssignmentInput, flavour: StickyFlavour): StickyPlan {
  const members = input.members;
  checkUniqueMemberIds(members);
  const c = members.length;
  const index = buildTopicIndex(input);
  const memberIds = members.map((m) => m.memberId);
  if (c === 0) return { builder: 'constrained', assignment: new Map(), withheld: 0 };
  const hashOrder = javaHashMapOrder(memberIds);

  // memberData: StickyAssignor reads its userData, which carries a generation (schema V1);
  // CooperativeStickyAssignor uses Subscription.ownedPartitions + generationId.
  const generation = new Int32Array(c).fill(-1);
  const hasGeneration = new Uint8Array(c);
  for (let m = 0; m < c; m++) {
    const gen = members[m]!.generation;
    if (gen !== undefined && gen >= 0) {
      generation[m] = gen;
      hasGeneration[m] = 1;
    }
  }
  const rawOwned = toPartitionLists(index, members, (mem) =>
    flavour === 'cooperative' || (mem.generation !== undefined && mem.generation >= 0) ? mem.ownedPartitions : undefined,
  );

  // `allSubscriptionsEqual`: subscription equality plus ownership clean-up, in HashMap order.
  // Same-generation double claims invalidate the partition for both (partitionsWithMultiplePreviousOwners);
  // otherwise the higher generation keeps it.
  const n = index.total;
  const holder = new Int32Array(n).fill(-1); // whose owned list holds the partition now
  const lastClaimant = new Int32Array(n).fill(-1); // allPreviousPartitionsToOwner
  let multi: Uint8Array | null = null;
  let maxGeneration = -1;
  const sameSubscription = subscriptionComparer(members[hashOrder[0]!]!.subscription);
  let allEqual = true;
  const { flat: rawFlat, start: rawStart } = rawOwned;
  for (const m of hashOrder) {
    if (allEqual && !sameSubscription(members[m]!.subscription)) allEqual = false;
    const gen = generation[m]!;
    if (gen > maxGeneration) maxGeneration = gen;
    for (let i = rawStart[m]!, end = rawStart[m + 1]!; i < end; i++) {
      const g = rawFlat[i]!;
      const other = lastClaimant[g]!;
      if (other === -1) {
        holder[g] = m;
        lastClaimant[g] = m;
      } else {
        const otherGen = generation[other]!;
        if (gen === otherGen) {
          (multi ??= new Uint8Array(n))[g] = 1;
          holder[g] = -1;
          lastClaimant[g] = m;
        } else if (gen > otherGen) {
          holder[g] = m;
          lastClaimant[g] = m;
        }
      }
    }
  }
  const owned = keepHeld(rawOwned, holder);

  let owner: Int32Array;
  let withheld = 0;
  if (allEqual) {
    const result = constrainedAssign({ index, memberIds, hashOrder, owned, multi });
    owner = result.owner;
    if (flavour === 'cooperative') {
      for (const g of result.transferring) owner[g] = -1;
      withheld = result.transferring.length;
    }
  } else {
    const subs = subscribedTopicNumbers(index, members);
    owner = generalAssign({ index, memberIds, hashOrder, subs, owned, rawOwned, generation, hasGeneration, maxGeneration });
    if (flavour === 'cooperative') withheld = withholdMoves(owner, rawOwned);
  }
  return { builder: allEqual ? 'constrained' : 'general', assignment: materialize(index, memberIds, owner), withheld };
}

/**
 * `CooperativeStickyAssignor.computePartitionsTransferringOwnership` + `adjustAssignment` for the
 * general builder: a partition newly given to a member that some member had to give up is
 * withheld (set to no owner) this round. Returns how many were withheld.
 */
function withholdMoves(owner: Int32Array, rawOwned: PartitionLists): number {
  const n = owner.length;
  const kept = new Uint8Array(n);
  const revoked = new Uint8Array(n);
  const { flat, start } = rawOwned;
  for (let m = 0; m < start.length - 1; m++) {
    for (let i = start[m]!, end = start[m + 1]!; i < end; i++) {
      const g = flat[i]!;
      if (owner[g] === m) kept[g] = 1;
      else revoked[g] = 1;
    }
  }
  let count = 0;
  for (let g = 0; g < n; g++) {
    if (owner[g]! >= 0 && kept[g] === 0 && revoked[g] === 1) {
      owner[g] = -1;
      count++;
    }
  }
  return count;
}

/** Each member's list restricted to the partitions it still holds (the same object if nothing was dropped). */
function keepHeld(lists: PartitionLists, holder: Int32Array): PartitionLists {
  const { flat, start } = lists;
  const c = start.length - 1;
  let dropped = false;
  for (let m = 0; m < c && !dropped; m++) {
    for (let i = start[m]!, end = start[m + 1]!; i < end; i++) {
      if (holder[flat[i]!] !== m) {
        dropped = true;
        break;
      }
    }
  }
  if (!dropped) return lists;
  const outFlat = new Int32Array(flat.length);
  const outStart = new Int32Array(c + 1);
  let pos = 0;
  for (let m = 0; m < c; m++) {
    outStart[m] = pos;
    for (let i = start[m]!, end = start[m + 1]!; i < end; i++) if (holder[flat[i]!] === m) outFlat[pos++] = flat[i]!;
  }
  outStart[c] = pos;
  return { flat: outFlat.slice(0, pos), start: outStart };
}

/**
 * Whether a subscription equals `first` as a set of topic names (Kafka: same size and
 * `containsAll`). Members commonly share one array, which is checked by reference first.
 */
function subscriptionComparer(first: readonly string[]): (sub: readonly string[]) => boolean {
  const position = new Map<string, number>();
  for (const t of first) if (!position.has(t)) position.set(t, position.size);
  const stamp = new Int32Array(position.size);
  let round = 0;
  return (sub) => {
    if (sub === first) return true;
    round++;
    let distinct = 0;
    for (const t of sub) {
      const i = position.get(t);
      if (i === undefined) return false;
      if (stamp[i] !== round) {
        stamp[i] = round;
        distinct++;
      }
    }
    return distinct === position.size;
  };
}
