/**
 * Properties of an assignment, as Kafka's assignor tests check them
 * (`AbstractStickyAssignorTest.verifyValidityAndBalance`, `isFullyBalanced`). Useful for tests and
 * for the simulator to explain a result.
 */
import type { Assignment, AssignmentInput } from './types';
import { buildTopicIndex } from './common';

export interface AssignmentReport {
  /** Partitions given to more than one member, as "topic-partition". */
  readonly duplicates: string[];
  /** "member: topic-partition" for partitions of topics the member does not subscribe to (or unknown). */
  readonly unsubscribed: string[];
  /** Assignable partitions given to nobody, as "topic-partition". */
  readonly unassigned: string[];
  /** Members of the input missing from the assignment, or present but unknown. */
  readonly missingMembers: string[];
  readonly unknownMembers: string[];
  readonly sizes: ReadonlyMap<string, number>;
  /** max − min ≤ 1. */
  readonly fullyBalanced: boolean;
  /** Kafka's test rule: two members whose sizes differ by more than 1 hold no partitions of a common topic. */
  readonly kafkaBalanced: boolean;
  /** No duplicates, nothing unsubscribed, every member present. */
  readonly valid: boolean;
}

export function checkAssignment(input: AssignmentInput, assignment: Assignment): AssignmentReport {
  const index = buildTopicIndex(input);
  const seen = new Uint8Array(index.total);
  const duplicates: string[] = [];
  const unsubscribed: string[] = [];
  const missingMembers: string[] = [];
  const unknownMembers: string[] = [];
  const sizes = new Map<string, number>();
  const subs = new Map<string, Set<string>>();
  for (const m of input.members) subs.set(m.memberId, new Set(m.subscription));
  for (const m of input.members) if (!assignment.has(m.memberId)) missingMembers.push(m.memberId);
  for (const [memberId, list] of assignment) {
    const sub = subs.get(memberId);
    if (!sub) unknownMembers.push(memberId);
    sizes.set(memberId, list.length);
    for (const tp of list) {
      const t = index.byName.get(tp.topic);
      if (!sub || !sub.has(tp.topic) || t === undefined || tp.partition < 0 || tp.partition >= index.counts[t]!) {
        unsubscribed.push(`${memberId}: ${tp.topic}-${tp.partition}`);
        continue;
      }
      const g = index.offsets[t]! + tp.partition;
      if (seen[g] === 1) duplicates.push(`${tp.topic}-${tp.partition}`);
      seen[g] = 1;
    }
  }
  const unassigned: string[] = [];
  for (let t = 0; t < index.names.length; t++) {
    for (let p = 0; p < index.counts[t]!; p++) if (seen[index.offsets[t]! + p] === 0) unassigned.push(`${index.names[t]}-${p}`);
  }
  const values = [...sizes.values()];
  const fullyBalanced = values.length === 0 || Math.max(...values) - Math.min(...values) <= 1;
  // As verifyValidityAndBalance: members whose sizes differ by more than 1 must not both hold
  // partitions of the same topic (otherwise one could have been moved).
  let kafkaBalanced = true;
  const ids = [...sizes.keys()];
  const assignedTopics = ids.map((id) => new Set(assignment.get(id)!.map((tp) => tp.topic)));
  outer: for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      if (Math.abs(sizes.get(ids[i]!)! - sizes.get(ids[j]!)!) <= 1) continue;
      for (const t of assignedTopics[i]!) {
        if (assignedTopics[j]!.has(t)) {
          kafkaBalanced = false;
          break outer;
        }
      }
    }
  }
  return {
    duplicates,
    unsubscribed,
    unassigned,
    missingMembers,
    unknownMembers,
    sizes,
    fullyBalanced,
    kafkaBalanced,
    valid: duplicates.length === 0 && unsubscribed.length === 0 && missingMembers.length === 0 && unknownMembers.length === 0,
  };
}
