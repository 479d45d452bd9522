/**
 * StickyAssignor (`org.apache.kafka.clients.consumer.StickyAssignor`, name "sticky"): the sticky
 * algorithm of `AbstractStickyAssignor` under the EAGER protocol.
 *
 * Its `memberData` comes only from the assignor's userData (previous assignment + generation).
 * Our input models userData as `ownedPartitions` + `generation`: a member without a generation
 * (or with a negative one) has no userData, so its `ownedPartitions` are ignored, exactly like
 * Kafka ignores `Subscription.ownedPartitions` for this assignor.
 */
import type { Assignment, AssignmentInput, PartitionAssignor } from './types';
import { assignSticky } from './abstractSticky';

export function assignStickyEager(input: AssignmentInput): Assignment {
  return assignSticky(input, 'eager');
}

export const stickyAssignor: PartitionAssignor = {
  name: 'sticky',
  supportedProtocols: ['EAGER'],
  assign: assignStickyEager,
};
