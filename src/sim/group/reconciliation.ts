/**
 * The KIP-848 consumer group protocol (`group.protocol=consumer`, Kafka 4.0), the broker side:
 * one `ConsumerGroupHeartbeat` request does joining, heartbeating, leaving and reconciliation.
 *
 * - The coordinator keeps a group epoch, bumped when membership, subscriptions or topic metadata
 *   change, and a target assignment computed by a server-side assignor (`uniform` or `range`) for
 *   that epoch.
 * - Each member reconciles towards its target one heartbeat at a time
 *   (`CurrentAssignmentBuilder`): it keeps `current ∩ target` and goes on consuming it; it must
 *   first revoke what it no longer gets (UNREVOKED_PARTITIONS, its epoch unchanged); it then moves
 *   to the new epoch and receives target partitions that are free; those another member still
 *   holds arrive on a later heartbeat, once released (UNRELEASED_PARTITIONS).
 * - There is no group-wide barrier: nobody stops consuming partitions that do not move.
 */
import { getAssignor } from '../assignors';
import type { TopicPartition } from '../assignors/types';
import { partitionName, SimContext } from '../context';

export type Kip848MemberState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS';

/** The member epoch a client sends: 0 to join, -1 to leave, -2 for a static member leaving for a while. */
export const JOIN_EPOCH = 0;
export const LEAVE_EPOCH = -1;
export const STATIC_LEAVE_EPOCH = -2;

export interface Kip848Member {
  memberEpoch: number;
  previousMemberEpoch: number;
  state: Kip848MemberState;
  /** What the member may consume now. */
  assigned: TopicPartition[];
  /** What it must give up before moving on. */
  pendingRevocation: TopicPartition[];
  /** Its share of the target assignment. */
  target: TopicPartition[];
  /** The assignment last sent to the client (to send only changes). */
  lastSent: string;
  /** A static member that left with epoch -2: kept, with its partitions, until its session expires. */
  leftTemporarily: boolean;
}

export const key = (tp: TopicPartition): string => partitionName(tp.topic, tp.partition);

export function sameAssignment(a: readonly TopicPartition[], b: readonly TopicPartition[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a.map(key));
  return b.every((tp) => set.has(key(tp)));
}

export function sortPartitions(tps: TopicPartition[]): TopicPartition[] {
  return tps.sort((x, y) => (x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition));
}

/**
 * The server-side assignors. `uniform` is balanced and sticky: modelled with the sticky
 * algorithm over the current target assignment; `range` is the range assignor with members in
 * member-id order (homogeneous subscriptions).
 */
export function computeTargetAssignment(
  assignor: 'uniform' | 'range',
  topics: ReadonlyMap<string, number>,
  members: ReadonlyArray<{ memberId: string; subscription: readonly string[]; target: readonly TopicPartition[] }>,
): Map<string, TopicPartition[]> {
  if (assignor === 'range') {
    return getAssignor('range').assign({ topics, members: members.map((m) => ({ memberId: m.memberId, subscription: m.subscription })) });
  }
  return getAssignor('sticky').assign({
    topics,
    members: members.map((m) => ({ memberId: m.memberId, subscription: m.subscription, ownedPartitions: m.target, generation: 1 })),
  });
}

/**
 * One reconciliation step for a member (`CurrentAssignmentBuilder`).
 * `owner(tp)` tells which member currently holds a partition (assigned or pending revocation), if any.
 * `owned` is what the member reported owning in this request (for a classic member in a consumer
 * group, the owned partitions of its JoinGroup subscription).
 */
export function reconcile(
  m: Kip848Member,
  memberId: string,
  targetEpoch: number,
  owned: readonly TopicPartition[],
  owner: (tp: TopicPartition) => string | undefined,
): void {
  const ownedKeys = new Set(owned.map(key));
  const ownsAny = (tps: readonly TopicPartition[]): boolean => tps.some((tp) => ownedKeys.has(key(tp)));
  if (m.state === 'UNREVOKED_PARTITIONS') {
    // Still waiting for a revocation: it is done once the member no longer reports those partitions.
    if (ownsAny(m.pendingRevocation)) return;
    // Revoked: the member moves past the epoch it revoked at.
    computeNext(m, memberId, m.memberEpoch + 1, targetEpoch, ownsAny, owner);
  } else if (m.state === 'UNRELEASED_PARTITIONS' || m.memberEpoch !== targetEpoch) {
    computeNext(m, memberId, m.memberEpoch, targetEpoch, ownsAny, owner);
  }
}

/** `computeNextAssignment`: keep current ∩ target; revoke the rest first if the member still owns it; else take what is free. */
function computeNext(
  m: Kip848Member,
  memberId: string,
  memberEpoch: number,
  targetEpoch: number,
  ownsAny: (tps: readonly TopicPartition[]) => boolean,
  owner: (tp: TopicPartition) => string | undefined,
): void {
  const targetKeys = new Set(m.target.map(key));
  const kept = m.assigned.filter((tp) => targetKeys.has(key(tp)));
  const revoke = m.assigned.filter((tp) => !targetKeys.has(key(tp)));
  if (revoke.length > 0 && ownsAny(revoke)) {
    // Give up first; new partitions come after.
    m.state = 'UNREVOKED_PARTITIONS';
    [m.previousMemberEpoch, m.memberEpoch] = [m.memberEpoch, memberEpoch];
    m.assigned = kept;
    m.pendingRevocation = revoke;
    return;
  }
  // A member that no longer owns what it loses (an eager classic member revoked everything before
  // rejoining) goes straight to the target.
  const keptKeys = new Set(kept.map(key));
  const pending = m.target.filter((tp) => !keptKeys.has(key(tp)));
  const free = pending.filter((tp) => {
    const o = owner(tp);
    return o === undefined || o === memberId;
  });
  [m.previousMemberEpoch, m.memberEpoch] = [m.memberEpoch, targetEpoch];
  m.assigned = sortPartitions([...kept, ...free]);
  m.pendingRevocation = [];
  m.state = free.length < pending.length ? 'UNRELEASED_PARTITIONS' : 'STABLE';
}

/**
 * A KIP-848 member id as Kafka makes and prints one (`Uuid.randomUuid().toString()`): a version-4
 * UUID's 16 bytes in URL-safe base64 without padding (22 characters), never starting with '-'.
 */
export function kafkaUuid(ctx: Pick<SimContext, 'rng'>): string {
  for (;;) {
    const hex = ctx.rng.uuid().replace(/-/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < 32; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
    const id = base64UrlNoPadding(bytes);
    if (!id.startsWith('-')) return id;
  }
}

const BASE64_URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64UrlNoPadding(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c++) out += BASE64_URL[(n >> (18 - 6 * c)) & 63]!;
  }
  return out;
}
