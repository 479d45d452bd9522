/**
 * A KIP-848 member's reconciliation, as its card shows it: what the consumer owns now against its
 * share of the target assignment the coordinator computed, and which partitions it still has to
 * revoke (owned, not in the target) or to receive (in the target, not owned yet; another member
 * may still be releasing them). The lesson of walkthrough step 10. No DOM here.
 */
import type { ConsumerSnapshot, GroupSnapshot, MemberSnapshot, TopicPartition } from '../sim';
import { comparePartitions, partitionName } from '../sim';

export interface ReconciliationModel {
  /** What the consumer owns now (client side, partitions being revoked included). */
  readonly owns: readonly TopicPartition[];
  /** Its share of the target assignment. */
  readonly target: readonly TopicPartition[];
  /** Owned, not in the target: to be revoked. */
  readonly revoking: readonly TopicPartition[];
  /** In the target, not owned yet: to be assigned. */
  readonly incoming: readonly TopicPartition[];
  readonly memberEpoch: number | null;
  readonly targetEpoch: number | null;
}

/** Undefined for a classic member, or when what the member owns already is its target. */
export function reconciliationModel(group: GroupSnapshot, consumer: ConsumerSnapshot, member: MemberSnapshot | undefined): ReconciliationModel | undefined {
  if (!member || member.targetAssignment === null) return undefined;
  const owns = consumer.assigned.map((a) => ({ topic: a.topic, partition: a.partition })).sort(comparePartitions);
  const target = [...member.targetAssignment].sort(comparePartitions);
  const ownedNames = new Set(owns.map((tp) => partitionName(tp.topic, tp.partition)));
  const targetNames = new Set(target.map((tp) => partitionName(tp.topic, tp.partition)));
  const revoking = owns.filter((tp) => !targetNames.has(partitionName(tp.topic, tp.partition)));
  const incoming = target.filter((tp) => !ownedNames.has(partitionName(tp.topic, tp.partition)));
  if (revoking.length === 0 && incoming.length === 0) return undefined;
  return { owns, target, revoking, incoming, memberEpoch: member.memberEpoch, targetEpoch: group.assignmentEpoch };
}
