/**
 * What a classic group reads from its members' JoinGroup protocols: which assignor the group
 * uses (Kafka's `ClassicGroup.selectProtocol`), whether two requests carry the same metadata, and
 * the topics and partitions inside the ConsumerProtocol bytes (decoded as the admin tools do; bytes
 * that do not decode count as none, since the broker itself never reads them).
 */
import type { TopicPartition } from '../assignors/types';
import type { JoinGroupRequest } from './api';
import { decodeAssignment, decodeSubscription } from './consumerProtocol';

export function commonProtocols(members: ReadonlyArray<{ protocols: JoinGroupRequest['protocols'] }>): string[] {
  const first = members[0]!.protocols.map((p) => p.name);
  return first.filter((a) => members.every((m) => m.protocols.some((p) => p.name === a)));
}

export function sameProtocols(a: JoinGroupRequest['protocols'], b: JoinGroupRequest['protocols']): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i]!.name && sameBytes(p.metadata, b[i]!.metadata));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The assignment as the admin tools decode it; bytes that do not decode count as no partitions. */
export function readAssignment(bytes: Uint8Array): TopicPartition[] {
  try {
    return [...decodeAssignment(bytes).partitions];
  } catch {
    return [];
  }
}

export function subscriptionTopics(member: { readonly protocols: JoinGroupRequest['protocols'] }, protocol: string | undefined): readonly string[] {
  const metadata = member.protocols.find((p) => p.name === protocol)?.metadata;
  if (!metadata) return [];
  try {
    return decodeSubscription(metadata).topics;
  } catch {
    return [];
  }
}

/**
 * The protocol every member supports, by votes: each member votes for the first of its own
 * preferences that all members support (Kafka's `ClassicGroup.selectProtocol`).
 */
export function selectProtocol(preferences: ReadonlyArray<readonly string[]>): string {
  const first = preferences[0]!;
  const common = first.filter((a) => preferences.every((m) => m.includes(a)));
  if (common.length === 0) throw new Error('members share no partition assignment strategy');
  const votes = new Map<string, number>();
  for (const m of preferences) {
    const choice = m.find((a) => common.includes(a))!;
    votes.set(choice, (votes.get(choice) ?? 0) + 1);
  }
  let best = common[0]!;
  for (const a of common) if ((votes.get(a) ?? 0) > (votes.get(best) ?? 0)) best = a;
  return best;
}
