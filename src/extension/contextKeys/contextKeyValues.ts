/**
 * The context keys the extension sets (with `setContext`) to describe the live session. Menus'
 * `when` clauses use them, and the walkthrough's completion events will (`onContext:<expr>`).
 *
 *   kafkaLab.sessionActive       boolean  a session exists (set once activation created or restored it)
 *   kafkaLab.running             boolean  the simulation clock is running (Play) rather than paused
 *   kafkaLab.scenario            string   the built-in scenario's file name the session started from
 *                                         (e.g. "05-idle-consumer.kafkalab.json"); "" for a user's file
 *   kafkaLab.groupCount          number   consumer groups (a standalone consumer's group id counts too)
 *   kafkaLab.consumerCount       number   running consumers that are members of a group (not standalone)
 *   kafkaLab.idleConsumerCount   number   running members of a stable group that own no partition
 *   kafkaLab.maxGroupMembers     number   the most members any group has right now
 *   kafkaLab.partitionCount      number   partitions of the scenario's first topic (the tutorial's peter-01)
 *   kafkaLab.totalPartitionCount number   partitions of all topics
 *   kafkaLab.primaryGroupState   string   state of the first group: Empty, PreparingRebalance,
 *                                         CompletingRebalance, Stable or Dead ("" with no group)
 *   kafkaLab.primaryGroupGeneration number generation of the first group (0 with no group)
 *   kafkaLab.groupStates         string[] "<groupId>:<state>" for every group (use `in`)
 *   kafkaLab.sessionTimedOut     boolean  a member's session timed out since the scenario started
 *   kafkaLab.rebalanceCount      number   rebalances completed since the scenario started
 *   kafkaLab.userActions         number   actions the user applied since the scenario started
 *   kafkaLab.primaryGroupLag     number   total lag of the first group: the sum over its partitions of
 *                                         log-end offset - committed offset (the LAG column of
 *                                         kafka-consumer-groups --describe); no committed offset counts 0
 *   kafkaLab.duplicateCount      number   records processed more than once since the scenario started,
 *                                         over all groups and standalone consumers ("processed again")
 *   kafkaLab.shareGroupBusyConsumers number members of the first share group (KIP-932) that have processed
 *                                       at least one record since the scenario started (0 without one)
 *   kafkaLab.maxPartitionsPerMember number the most partitions any running member of the first group
 *                                         owns in the current assignment (0 while it rebalances or has
 *                                         no member)
 *
 * Examples: `kafkaLab.idleConsumerCount > 0`, `kafkaLab.partitionCount >= 4`,
 * `kafkaLab.sessionTimedOut`, `kafkaLab.primaryGroupState == Stable`, `kafkaLab.primaryGroupLag >= 1000`.
 * The walkthrough's completion events (package.json, `onContext:`) use these keys.
 *
 * No `vscode` import (unit-tested in Node).
 */
import type { SimSnapshot } from '../../sim';

export type ContextKeyValue = boolean | number | string | readonly string[];

export interface ContextKeyFacts {
  readonly running: boolean;
  /** The built-in scenario's file name, or undefined for a user's file. */
  readonly builtinScenario: string | undefined;
  readonly sessionTimeouts: number;
  readonly rebalances: number;
  readonly userActions: number;
}

export const CONTEXT_KEY_PREFIX = 'kafkaLab.';

export function contextKeyValues(snap: SimSnapshot, facts: ContextKeyFacts): Record<string, ContextKeyValue> {
  let members = 0;
  let idle = 0;
  for (const c of snap.consumers) {
    if (c.standalone || c.status !== 'running') continue;
    members++;
    if (c.idle) idle++;
  }
  const primary = snap.groups[0];
  let maxPerMember = 0;
  if (primary && primary.state === 'Stable') {
    const running = new Set(snap.consumers.filter((c) => c.status === 'running' && c.group === primary.groupId && c.memberId !== null).map((c) => c.memberId));
    for (const m of primary.members) if (running.has(m.memberId)) maxPerMember = Math.max(maxPerMember, m.assignment.length);
  }
  return {
    'kafkaLab.sessionActive': true,
    'kafkaLab.running': facts.running,
    'kafkaLab.scenario': facts.builtinScenario ?? '',
    'kafkaLab.groupCount': snap.groups.length,
    'kafkaLab.consumerCount': members,
    'kafkaLab.idleConsumerCount': idle,
    'kafkaLab.maxGroupMembers': snap.groups.reduce((max, g) => Math.max(max, g.members.length), 0),
    'kafkaLab.partitionCount': snap.topics[0]?.partitions.length ?? 0,
    'kafkaLab.totalPartitionCount': snap.topics.reduce((n, t) => n + t.partitions.length, 0),
    'kafkaLab.primaryGroupState': primary?.state ?? '',
    'kafkaLab.primaryGroupGeneration': primary?.generation ?? 0,
    'kafkaLab.groupStates': snap.groups.map((g) => `${g.groupId}:${g.state}`),
    'kafkaLab.sessionTimedOut': facts.sessionTimeouts > 0,
    'kafkaLab.rebalanceCount': facts.rebalances,
    'kafkaLab.userActions': facts.userActions,
    'kafkaLab.primaryGroupLag': primary ? primary.partitions.reduce((n, p) => n + (p.lag ?? 0), 0) : 0,
    'kafkaLab.duplicateCount': snap.groups.reduce((n, g) => n + g.delivery.duplicates, 0),
    'kafkaLab.maxPartitionsPerMember': maxPerMember,
    'kafkaLab.shareGroupBusyConsumers': snap.shareGroups?.[0]?.members.filter((m) => m.processed > 0).length ?? 0,
  };
}

/** The keys whose value differs from `previous` (arrays compared by content). */
export function changedContextKeys(previous: Readonly<Record<string, ContextKeyValue>>, next: Readonly<Record<string, ContextKeyValue>>): string[] {
  return Object.keys(next).filter((k) => !sameValue(previous[k], next[k]!));
}

function sameValue(a: ContextKeyValue | undefined, b: ContextKeyValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
