/**
 * RoundRobinAssignor (`org.apache.kafka.clients.consumer.RoundRobinAssignor`, name "roundrobin").
 *
 * `assign` lays out every partition of the subscribed topics (topics sorted by name, partitions
 * ascending) and deals them out with a circular iterator over the members in `MemberInfo` order;
 * before each partition the iterator skips members not subscribed to its topic, and after giving
 * the partition it moves past the receiver.
 */
import type { Assignment, AssignmentInput, PartitionAssignor } from './types';
import { materialize, prepareOrderedAssignment } from './common';

export function assignRoundRobin(input: AssignmentInput): Assignment {
  const members = input.members;
  const { index, subs, order } = prepareOrderedAssignment(input);
  const c = order.length;

  // perTopicPos[t] = positions (in `order`) of the members subscribed to t, ascending.
  const perTopicPos: number[][] = index.names.map(() => []);
  for (let pos = 0; pos < c; pos++) for (const t of subs[order[pos]!]!) perTopicPos[t]!.push(pos);

  const owner = new Int32Array(index.total).fill(-1);
  let cursor = 0; // position of the circular iterator's next member
  for (let t = 0; t < perTopicPos.length; t++) {
    const positions = perTopicPos[t]!;
    const k = positions.length;
    const base = index.offsets[t]!;
    const n = index.counts[t]!;
    if (k === c) {
      // Everybody subscribes: no skipping, plain dealing.
      for (let p = 0; p < n; p++) {
        owner[base + p] = order[cursor]!;
        cursor = cursor + 1 === c ? 0 : cursor + 1;
      }
      continue;
    }
    // Find the first subscriber at or after the cursor (wrapping), then walk the subscribers.
    let j = 0;
    while (j < k && positions[j]! < cursor) j++;
    if (j === k) j = 0;
    for (let p = 0; p < n; p++) {
      const pos = positions[j]!;
      owner[base + p] = order[pos]!;
      cursor = pos + 1 === c ? 0 : pos + 1;
      j = j + 1 === k ? 0 : j + 1;
    }
  }
  return materialize(index, members.map((m) => m.memberId), owner);
}

export const roundRobinAssignor: PartitionAssignor = {
  name: 'roundrobin',
  supportedProtocols: ['EAGER'],
  assign: assignRoundRobin,
};
