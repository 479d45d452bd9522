/**
 * The four client-side assignors of Kafka's classic consumer-group protocol, by name.
 *
 *   getAssignor('range').assign({ topics: new Map([['t', 3]]), members: [...] })
 */
import type { AssignorName, PartitionAssignor } from './types';
import { rangeAssignor } from './range';
import { roundRobinAssignor } from './roundRobin';
import { stickyAssignor } from './sticky';
import { cooperativeStickyAssignor } from './cooperativeSticky';

export type { Assignment, AssignmentInput, AssignorMember, AssignorName, PartitionAssignor, RebalanceProtocol, TopicPartition } from './types';
export { assignRange } from './range';
export { assignRoundRobin } from './roundRobin';
export { assignStickyEager } from './sticky';
export { assignCooperativeSticky } from './cooperativeSticky';
export { planSticky } from './abstractSticky';
export type { StickyPlan } from './abstractSticky';
export { checkAssignment } from './check';
export type { AssignmentReport } from './check';
export { compareMemberInfo, compareJavaStrings, sortMembersKafka, javaStringHashCode, javaHashMapOrder } from './memberOrder';

/** All assignors, in the order Kafka's docs list them. */
export const ASSIGNORS: ReadonlyMap<AssignorName, PartitionAssignor> = new Map<AssignorName, PartitionAssignor>([
  ['range', rangeAssignor],
  ['roundrobin', roundRobinAssignor],
  ['sticky', stickyAssignor],
  ['cooperative-sticky', cooperativeStickyAssignor],
]);

export const ASSIGNOR_NAMES: readonly AssignorName[] = [...ASSIGNORS.keys()];

export function isAssignorName(name: unknown): name is AssignorName {
  return typeof name === 'string' && ASSIGNORS.has(name as AssignorName);
}

/** The assignor called `name`; throws a RangeError naming the valid ones otherwise. */
export function getAssignor(name: string): PartitionAssignor {
  if (!isAssignorName(name)) {
    throw new RangeError(`unknown assignor '${name}': expected one of ${ASSIGNOR_NAMES.join(', ')}`);
  }
  return ASSIGNORS.get(name)!;
}
