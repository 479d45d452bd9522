/**
 * CooperativeStickyAssignor (`org.apache.kafka.clients.consumer.CooperativeStickyAssignor`, name
 * "cooperative-sticky", KIP-429): the sticky algorithm with `memberData` taken from
 * `Subscription.ownedPartitions` and `generationId`, after which `assign` removes from the result
 * every partition that changes owner: `partitionsTransferringOwnership` from the constrained
 * builder, or (general builder) the partitions newly given to a member ∩ those some member must
 * give up. They go to nobody this round; the members that lose them revoke them and rejoin, and
 * the follow-up rebalance hands them out.
 */
import type { Assignment, AssignmentInput, PartitionAssignor } from './types';
import { assignSticky } from './abstractSticky';

export function assignCooperativeSticky(input: AssignmentInput): Assignment {
  return assignSticky(input, 'cooperative');
}

export const cooperativeStickyAssignor: PartitionAssignor = {
  name: 'cooperative-sticky',
  supportedProtocols: ['COOPERATIVE', 'EAGER'],
  assign: assignCooperativeSticky,
};
