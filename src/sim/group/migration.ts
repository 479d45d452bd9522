/**
 * Online migration between the classic and the consumer protocol (KIP-848's upgrade path,
 * Kafka 4.0's default `group.consumer.migration.policy=bidirectional`):
 *
 * - **Upgrade**: the first ConsumerGroupHeartbeat to a non-empty classic group converts it
 *   (`convertToConsumerGroup`): its members stay, now as classic members of a consumer group,
 *   each with the partitions it had, at the classic generation (which becomes the group epoch).
 *   The new member then joins as in any consumer group: a new epoch, a target assignment.
 * - **Downgrade**: when the last member that speaks the consumer protocol leaves (or is fenced)
 *   and classic members remain, the group becomes classic again (`convertToClassicGroup`), Stable
 *   at the group epoch with each member's target assignment, and rebalances at once.
 *
 * The policy decides which directions are allowed; a refused upgrade answers GROUP_ID_NOT_FOUND
 * ("Group … is not a consumer group"), as Kafka does.
 */
import type { MigrationPolicy } from '../config';
import { encodeAssignment } from './consumerProtocol';
import type { ClassicGroup, ClassicMember } from './classic';
import type { ConsumerMember } from './consumer';
import { subscriptionTopics } from './classicProtocols';

export function upgradeAllowed(policy: MigrationPolicy): boolean {
  return policy === 'bidirectional' || policy === 'upgrade';
}

export function downgradeAllowed(policy: MigrationPolicy): boolean {
  return policy === 'bidirectional' || policy === 'downgrade';
}

/** Kafka's `validateOnlineUpgrade`: the policy allows it and the members are Kafka consumers. */
export function canUpgrade(group: ClassicGroup, policy: MigrationPolicy): boolean {
  return upgradeAllowed(policy) && group.usesConsumerProtocolType();
}

/** A classic group's member as a classic member of the consumer group it becomes. */
export function asConsumerGroupMember(m: ClassicMember, generation: number, protocol: string | undefined): ConsumerMember {
  const assigned = m.assignment.slice();
  return {
    memberId: m.memberId,
    clientId: m.clientId,
    host: m.host,
    groupInstanceId: m.groupInstanceId,
    subscription: subscriptionTopics(m, protocol ?? m.protocols[0]?.name),
    rebalanceTimeoutMs: m.rebalanceTimeoutMs,
    sessionTimeoutMs: m.sessionTimeoutMs,
    heartbeatIntervalMs: m.heartbeatIntervalMs,
    lastHeartbeat: m.lastHeartbeat,
    missedHeartbeatsReported: 0,
    assignment: assigned.slice(),
    reconciliation: { memberEpoch: generation, previousMemberEpoch: generation, state: 'STABLE', assigned, pendingRevocation: [], target: assigned.slice(), lastSent: '', leftTemporarily: false },
    classic: { protocols: m.protocols, syncDeadline: Infinity, joinDeadline: Infinity },
    usesConsumerProtocol: false,
    revokeDeadline: Infinity,
    revokeEpoch: -1,
  };
}

/** A consumer group's classic member as a member of the classic group it becomes, owning its target. */
export function asClassicGroupMember(m: ConsumerMember): ClassicMember {
  const target = m.reconciliation.target.slice();
  return {
    memberId: m.memberId,
    clientId: m.clientId,
    host: m.host,
    groupInstanceId: m.groupInstanceId,
    protocols: m.classic?.protocols ?? [],
    sessionTimeoutMs: m.sessionTimeoutMs,
    rebalanceTimeoutMs: m.rebalanceTimeoutMs,
    heartbeatIntervalMs: m.heartbeatIntervalMs,
    lastHeartbeat: m.lastHeartbeat,
    missedHeartbeatsReported: 0,
    awaitingJoin: undefined,
    awaitingSync: undefined,
    assignmentBytes: encodeAssignment({ partitions: target, userData: null }),
    assignment: target,
    usesConsumerProtocol: false,
  };
}
