/**
 * RangeAssignor (`org.apache.kafka.clients.consumer.RangeAssignor`, name "range"), without the
 * rack-aware refinement (KIP-881; the simulator has no racks).
 *
 * `assignPartitions` works topic by topic: the members subscribed to the topic, in `MemberInfo`
 * order (static members by instance id, then dynamic ones by member id), each take the next
 * contiguous block of `P / C` partitions, and the first `P % C` of them one more.
 */
import type { Assignment, AssignmentInput, PartitionAssignor } from './types';
import { materialize, prepareOrderedAssignment } from './common';

export function assignRange(input: AssignmentInput): Assignment {
  const members = input.members;
  const { index, subs, order } = prepareOrderedAssignment(input);

  // topic → its subscribers in MemberInfo order (consumersPerTopic, sorted).
  const perTopic: number[][] = index.names.map(() => []);
  for (const m of order) for (const t of subs[m]!) perTopic[t]!.push(m);

  const owner = new Int32Array(index.total).fill(-1);
  for (let t = 0; t < perTopic.length; t++) {
    const consumers = perTopic[t]!;
    const c = consumers.length;
    const p = index.counts[t]!;
    const base = index.offsets[t]!;
    const quota = Math.floor(p / c);
    const extra = p % c;
    let start = 0;
    for (let i = 0; i < c && start < p; i++) {
      const len = quota + (i < extra ? 1 : 0);
      owner.fill(consumers[i]!, base + start, base + start + len);
      start += len;
    }
  }
  return materialize(index, members.map((m) => m.memberId), owner);
}

export const rangeAssignor: PartitionAssignor = {
  name: 'range',
  supportedProtocols: ['EAGER'],
  assign: assignRange,
};
