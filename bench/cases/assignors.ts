/**
 * Assignor benchmarks. Sizes follow Kafka's own performance tests (e.g. the "large assignment"
 * sticky test: 500 topics × 2,000 partitions, 2,000 consumers). Inputs are built in `setup()`;
 * only the assignor call is timed. Counts (how many partitions moved, handed out, …) are computed
 * afterwards in `verify()`.
 *
 * Member ids look like real ones (`consumer-lab-<n>-<uuid>`), generated from a fixed seed.
 */
import type { BenchCase, Counts } from '../harness';
import {
  assignCooperativeSticky,
  assignRange,
  assignRoundRobin,
  assignStickyEager,
  type Assignment,
  type AssignmentInput,
  type AssignorMember,
} from '../../src/sim/assignors';
import { Random } from '../../src/sim/random';

function memberIds(count: number, seed: number): string[] {
  const rnd = new Random(seed);
  const hex = (digits: number): string => {
    let s = '';
    for (let i = 0; i < digits; i++) s += (rnd.nextUint32() & 15).toString(16);
    return s;
  };
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) ids.push(`consumer-lab-${i}-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`);
  return ids;
}

function freshInput(members: number, topics: ReadonlyMap<string, number>, seed = 42): AssignmentInput {
  const subscription = [...topics.keys()];
  return {
    topics,
    members: memberIds(members, seed).map((memberId) => ({ memberId, subscription })),
  };
}

function oneTopic(partitions: number): Map<string, number> {
  return new Map([['orders', partitions]]);
}

function manyTopics(topics: number, partitions: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < topics; i++) m.set(`topic-${i}`, partitions);
  return m;
}

/** The members of `fresh` minus the one at `leaverIndex`, each owning its part of `previous`. */
function afterLeave(fresh: AssignmentInput, previous: Assignment, leaverIndex: number): AssignmentInput {
  const members: AssignorMember[] = [];
  fresh.members.forEach((m, i) => {
    if (i === leaverIndex) return;
    members.push({ ...m, ownedPartitions: previous.get(m.memberId)!, generation: 1 });
  });
  return { topics: fresh.topics, members };
}

/** owner by "topic\0partition" is too slow at 1M; index by topic then partition instead. */
function ownerTable(a: Assignment): Map<string, string[]> {
  const table = new Map<string, string[]>();
  for (const [id, list] of a) {
    for (const tp of list) {
      let arr = table.get(tp.topic);
      if (!arr) table.set(tp.topic, (arr = []));
      arr[tp.partition] = id;
    }
  }
  return table;
}

/**
 * moved: partitions whose previous owner stayed but that no longer belong to it (must be 0 for a
 * single leaver); handedOut: partitions of the leaver given to someone this round; withheld:
 * partitions assigned to nobody this round.
 */
function rebalanceCounts(input: AssignmentInput, previous: Assignment, next: Assignment, leaver: string): Counts {
  const before = ownerTable(previous);
  const after = ownerTable(next);
  let moved = 0;
  let handedOut = 0;
  let withheld = 0;
  for (const [topic, owners] of before) {
    const now = after.get(topic) ?? [];
    for (let p = 0; p < owners.length; p++) {
      const was = owners[p];
      const is = now[p];
      if (is === undefined) withheld++;
      if (was === leaver) {
        if (is !== undefined) handedOut++;
      } else if (was !== is) {
        moved++;
      }
    }
  }
  const sizes = [...next.values()].map((l) => l.length);
  return { members: input.members.length, moved, handedOut, withheld, minSize: Math.min(...sizes), maxSize: Math.max(...sizes) };
}

function assignedCounts(a: Assignment): Counts {
  let assigned = 0;
  let min = Infinity;
  let max = 0;
  for (const list of a.values()) {
    assigned += list.length;
    min = Math.min(min, list.length);
    max = Math.max(max, list.length);
  }
  return { members: a.size, assigned, minSize: min, maxSize: max };
}

function freshCase(name: string, members: number, topics: () => Map<string, number>, assign: (i: AssignmentInput) => Assignment): BenchCase {
  let input: AssignmentInput;
  let result: Assignment | undefined;
  return {
    name,
    setup() {
      input = freshInput(members, topics());
    },
    beforeRun() {
      result = undefined;
    },
    run() {
      result = assign(input);
    },
    verify: () => assignedCounts(result!),
  };
}

function rebalanceCase(name: string, members: number, topics: () => Map<string, number>, assign: (i: AssignmentInput) => Assignment): BenchCase {
  let previous: Assignment;
  let input: AssignmentInput;
  let leaver: string;
  let result: Assignment | undefined;
  return {
    name,
    runs: 5,
    warmup: 1,
    setup() {
      const fresh = freshInput(members, topics());
      previous = assign(fresh);
      const leaverIndex = Math.floor(members / 2);
      leaver = fresh.members[leaverIndex]!.memberId;
      input = afterLeave(fresh, previous, leaverIndex);
    },
    beforeRun() {
      result = undefined;
    },
    run() {
      result = assign(input);
    },
    verify: () => rebalanceCounts(input, previous, result!, leaver),
  };
}

export const cases: BenchCase[] = [
  freshCase('range-1000x100k', 1000, () => oneTopic(100_000), assignRange),
  freshCase('roundrobin-1000x100k', 1000, () => oneTopic(100_000), assignRoundRobin),
  freshCase('coop-sticky-2000x1M-fresh', 2000, () => oneTopic(1_000_000), assignCooperativeSticky),
  rebalanceCase('coop-sticky-2000x1M-rebalance', 2000, () => oneTopic(1_000_000), assignCooperativeSticky),
  freshCase('coop-sticky-2000x500tx2000p-fresh', 2000, () => manyTopics(500, 2000), assignCooperativeSticky),
  rebalanceCase('coop-sticky-2000x500tx2000p-rebalance', 2000, () => manyTopics(500, 2000), assignCooperativeSticky),
  rebalanceCase('sticky-2000x1M-rebalance', 2000, () => oneTopic(1_000_000), assignStickyEager),
];
