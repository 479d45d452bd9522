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
import { buildTopicIndex, checkUniqueMemberIds, materialize, subscribedTopicNumbers, toGlobalIndices } from './common';
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
  const rawOwned: number[][] = new Array<number[]>(c);
  const generation = new Int32Array(c).fill(-1);
  const hasGeneration = new Uint8Array(c);
  for (let m = 0; m < c; m++) {
    const mem = members[m]!;
    const gen = mem.generation;
    const valid = gen !== undefined && gen >= 0;
    if (valid) {
      generation[m] = gen;
      hasGeneration[m] = 1;
    }
    rawOwned[m] = flavour === 'cooperative' || valid ? toGlobalIndices(index, mem.ownedPartitions) : [];
  }

  // `allSubscriptionsEqual`: subscription equality plus ownership clean-up, in HashMap order.
  // Same-generation double claims invalidate the partition for both (partitionsWithMultiplePreviousOwners);
  // otherwise the higher generation keeps it.
  const n = index.total;
  const holder = new Int32Array(n).fill(-1); // whose owned list holds the partition now
  const lastClaimant = new Int32Array(n).fill(-1); // allPreviousPartitionsToOwner
  let multi: Uint8Array | null = null;
  let maxGeneration = -1;
  let allEqual = true;
  let firstSet: Set<string> | undefined;
  for (const m of hashOrder) {
    const mem = members[m]!;
    const set = new Set(mem.subscription);
    if (firstSet === undefined) firstSet = set;
    else if (allEqual && !sameSet(firstSet, set)) allEqual = false;

    const gen = generation[m]!;
    if (gen > maxGeneration) maxGeneration = gen;
    for (const g of rawOwned[m]!) {
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
  const owned: number[][] = new Array<number[]>(c);
  for (let m = 0; m < c; m++) {
    const raw = rawOwned[m]!;
    let keepAll = true;
    for (let i = 0; i < raw.length; i++) {
      if (holder[raw[i]!] !== m) {
        keepAll = false;
        break;
      }
    }
    owned[m] = keepAll ? raw : raw.filter((g) => holder[g] === m);
  }

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
function withholdMoves(owner: Int32Array, rawOwned: readonly (readonly number[])[]): number {
  const n = owner.length;
  const kept = new Uint8Array(n);
  const revoked = new Uint8Array(n);
  for (let m = 0; m < rawOwned.length; m++) {
    for (const g of rawOwned[m]!) {
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

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of b) if (!a.has(x)) return false;
  return true;
}
