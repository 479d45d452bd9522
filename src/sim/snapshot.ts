/**
 * A plain, JSON-serialisable picture of the simulation at one instant: what every view renders.
 */
import type { TopicPartition } from './assignors/types';
import type { ConsumerStatus, MembershipStatus } from './client/consumer';
import type { DeliveryCounts } from './delivery';
import type { GroupState } from './groupState';
import type { ConsumerGroup } from './group/consumer';
import type { Simulation } from './simulation';
import type { ShareGroupSnapshot } from './shareGroup';

export interface PartitionSnapshot {
  partition: number;
  logEndOffset: number;
}

export interface TopicSnapshot {
  name: string;
  partitions: PartitionSnapshot[];
}

export interface ProducerSnapshot {
  id: string;
  topic: string;
  ratePerSec: number;
  keys: number;
  produced: number;
}

export interface GroupPartitionSnapshot {
  topic: string;
  partition: number;
  /** -1 when the group has no committed offset for it. */
  committed: number;
  logEndOffset: number;
  /** null when there is no committed offset. */
  lag: number | null;
  /** client.id of the member the coordinator assigned it to, if any (a classic group's previous owner while it rebalances, as describe in Kafka 4.x). */
  owner: string | null;
  /** Age in ms of the oldest record after the committed offset (0 when caught up); null without a commit. */
  timeLagMs: number | null;
  /** Client-side `records-lag`: log-end offset minus the fetch position of the consumer reading it; null when none does. */
  recordsLag: number | null;
}

export interface MemberSnapshot {
  memberId: string;
  clientId: string;
  groupInstanceId: string | null;
  host: string;
  assignment: TopicPartition[];
  /** Time since the coordinator last heard from the member. */
  sinceHeartbeatMs: number;
  sessionTimeoutMs: number;
  /** When heartbeats have stopped: ms left before the session times out. */
  sessionExpiresInMs: number;
  /** KIP-848 groups: the member epoch; null for a classic group. */
  memberEpoch: number | null;
  /** KIP-848 groups: the member's share of the target assignment; null for a classic group. */
  targetAssignment: TopicPartition[] | null;
  /** Whether the member speaks the consumer protocol (false for JoinGroup/SyncGroup members). */
  usesConsumerProtocol: boolean;
}

export interface GroupSnapshot {
  groupId: string;
  state: GroupState;
  generation: number;
  /** The client-side assignor (classic) or the coordinator's server-side one (KIP-848: uniform, range). */
  assignor: string | null;
  /** How the group rebalances: classic eager or cooperative, or the KIP-848 consumer protocol. */
  protocol: 'EAGER' | 'COOPERATIVE' | 'CONSUMER' | null;
  leader: string | null;
  members: MemberSnapshot[];
  partitions: GroupPartitionSnapshot[];
  totalLag: number;
  /** The largest time lag of the group's partitions (ms); 0 when every committed partition is caught up. */
  maxTimeLagMs: number;
  /** KIP-848 groups: the epoch of the target assignment; null for a classic group. */
  assignmentEpoch: number | null;
  delivery: DeliveryCounts;
}

export interface ConsumerSnapshot {
  clientId: string;
  group: string;
  standalone: boolean;
  status: ConsumerStatus;
  membership: MembershipStatus;
  memberId: string | null;
  generation: number;
  ratePerSec: number;
  heartbeatMode: 'background' | 'poll';
  assigned: Array<{ topic: string; partition: number; position: number }>;
  /**
   * Running, a member of a Stable group, and assigned nothing. A KIP-848 member waiting while its
   * group reconciles (its partitions are being released elsewhere) is not idle.
   */
  idle: boolean;
  stalledForMs: number;
  sincePollMs: number;
  sinceHeartbeatMs: number;
}

export interface SimSnapshot {
  t: number;
  tickMs: number;
  seed: number;
  scenario: string;
  topics: TopicSnapshot[];
  producers: ProducerSnapshot[];
  groups: GroupSnapshot[];
  consumers: ConsumerSnapshot[];
  /** Share groups (KIP-932). */
  shareGroups: ShareGroupSnapshot[];
}

export function snapshot(sim: Simulation): SimSnapshot {
  const now = sim.now;
  const topics: TopicSnapshot[] = [...sim.topics.values()].map((t) => ({
    name: t.name,
    partitions: t.logEndOffsets.map((leo, partition) => ({ partition, logEndOffset: leo })),
  }));
  const producers: ProducerSnapshot[] = [...sim.producers.values()].map((p) => ({ id: p.id, topic: p.topic.name, ratePerSec: p.ratePerSec, keys: p.keys, produced: p.totalProduced }));
  const groups: GroupSnapshot[] = [...sim.groups.values()].map((g) => {
    const owner = new Map<string, string>();
    // Like describe in Kafka 4.x: the assignment the coordinator holds, in every state.
    const kip848 = g.protocolType === 'consumer' ? (g as ConsumerGroup).describe() : undefined;
    const described = new Map(kip848?.members.map((m) => [m.memberId, m]) ?? []);
    const members: MemberSnapshot[] = [...g.members.values()].map((m) => {
      for (const tp of m.assignment) owner.set(`${tp.topic}-${tp.partition}`, m.clientId);
      const since = now - m.lastHeartbeat;
      const d = described.get(m.memberId);
      return {
        memberId: m.memberId,
        clientId: m.clientId,
        groupInstanceId: m.groupInstanceId ?? null,
        host: m.host,
        assignment: m.assignment.map((tp) => ({ topic: tp.topic, partition: tp.partition })),
        sinceHeartbeatMs: since,
        sessionTimeoutMs: m.sessionTimeoutMs,
        sessionExpiresInMs: Math.max(0, m.sessionTimeoutMs - since),
        memberEpoch: kip848 ? (d?.memberEpoch ?? null) : null,
        targetAssignment: kip848 ? (d?.targetAssignment ?? []).map((tp) => ({ topic: tp.topic, partition: tp.partition })) : null,
        usesConsumerProtocol: m.usesConsumerProtocol,
      };
    });
    const positions = new Map<string, number>();
    for (const c of sim.consumers.values()) {
      if (c.groupId !== g.groupId) continue;
      for (const o of c.owned) if (o.position >= 0) positions.set(`${o.topic.name}-${o.partition}`, o.position);
    }
    const subscribed = new Set<string>([...g.offsets.topics()]);
    for (const c of sim.consumers.values()) if (c.groupId === g.groupId) for (const t of c.topics) subscribed.add(t);
    const partitions: GroupPartitionSnapshot[] = [];
    let maxTimeLagMs = 0;
    for (const name of [...subscribed].sort()) {
      const topic = sim.topics.get(name);
      if (!topic) continue;
      topic.logEndOffsets.forEach((leo, p) => {
        const committed = g.offsets.committed(name, p);
        const position = positions.get(`${name}-${p}`);
        const timeLagMs = committed >= 0 ? topic.timeLagMs(p, committed, now) : null;
        if (timeLagMs !== null && timeLagMs > maxTimeLagMs) maxTimeLagMs = timeLagMs;
        partitions.push({
          topic: name,
          partition: p,
          committed,
          logEndOffset: leo,
          lag: committed >= 0 ? Math.max(0, leo - committed) : null,
          owner: owner.get(`${name}-${p}`) ?? null,
          timeLagMs,
          recordsLag: position !== undefined ? Math.max(0, leo - position) : null,
        });
      });
    }
    return {
      groupId: g.groupId,
      state: g.state,
      generation: g.generation,
      assignor: g.assignor ?? null,
      protocol: g.assignor ? (g.protocolType === 'consumer' ? 'CONSUMER' : g.cooperative ? 'COOPERATIVE' : 'EAGER') : null,
      leader: g.leaderId ?? null,
      members,
      partitions,
      totalLag: g.offsets.totalLag((t) => sim.topics.get(t)),
      maxTimeLagMs,
      assignmentEpoch: kip848 ? kip848.assignmentEpoch : null,
      delivery: { ...sim.ledger(g.groupId).totals },
    };
  });
  const consumers: ConsumerSnapshot[] = [...sim.consumers.values()].map((c) => ({
    clientId: c.clientId,
    group: c.groupId,
    standalone: c.standalone,
    status: c.status,
    membership: c.membership,
    memberId: c.memberId || null,
    generation: c.generation,
    ratePerSec: c.ratePerSec,
    heartbeatMode: c.heartbeatMode,
    assigned: c.owned.map((o) => ({ topic: o.topic.name, partition: o.partition, position: o.position })),
    idle: c.status === 'running' && c.membership === 'stable' && c.owned.length === 0 && sim.groups.get(c.groupId)?.state === 'Stable',
    stalledForMs: c.isStalled(now) ? c.stalledUntil - now : 0,
    sincePollMs: now - c.lastPollAt,
    sinceHeartbeatMs: now - c.lastHeartbeatSentAt,
  }));
  return { t: now, tickMs: sim.tickMs, seed: sim.seed, scenario: sim.scenario.name, topics, producers, groups, consumers, shareGroups: sim.shares.snapshot() };
}
