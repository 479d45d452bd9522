/**
 * The share-group engine: every share group of a simulation, its coordinator and its consumers,
 * driven by the Simulation's clock. Wiring: construct it with the simulation's context and an
 * emit callback, call `step(now, dtMs)` once per tick after the producers, and route the
 * share-consumer actions to the methods below (see the module's README section in the report).
 */
import type { TopicPartition } from '../assignors/types';
import type { ShareGroupHeartbeatRequest, ShareGroupHeartbeatResponse } from '../group/api';
import type { ClientContext, GroupTransport } from '../group/transport';
import { rateProblem } from '../limits';
import { parsePartitionName } from '../naming';
import type { Random } from '../random';
import type { Topic } from '../topic';
import { resolveShareConsumerConfig, resolveShareGroupConfig, ShareGroupError, type ResolvedShareGroupConfig } from './config';
import { ShareGroupCoordinator, type ShareGroupTotals } from './coordinator';
import type { ShareGroupEventBody, ShareGroupState } from './events';
import { ShareConsumer, type ShareConsumerStatus } from './shareConsumer';
import type { ShareTransition } from './sharePartition';
import type { ShareConsumerSpec, ShareGroupSpec } from './types';

/** What the engine needs from the Simulation: `SimContext` satisfies it. */
export interface ShareEngineContext {
  readonly now: number;
  readonly rng: Random;
  topic(name: string): Topic | undefined;
}

export interface ShareEngineOptions {
  /** Topics a consumer subscribes to when its spec names none (the scenario's first topic). */
  defaultTopics?: () => string[];
  /** Every record-state change, for tests and tracing. */
  trace?: (group: string, t: ShareTransition) => void;
  /**
   * A share consumer's connection to the group coordinator (the Simulation's). Without one, the
   * engine answers its consumers' ShareGroupHeartbeats itself (the engine on its own, in tests).
   */
  connect?: (clientId: string) => GroupTransport;
}

export interface ShareMemberSnapshot {
  clientId: string;
  memberId: string;
  status: ShareConsumerStatus;
  /** In the coordinator's member list (a crashed member stays until its session times out). */
  inGroup: boolean;
  stalled: boolean;
  memberEpoch: number;
  ratePerSec: number;
  /** What the coordinator assigned (target) and what the consumer fetches from (last heartbeat). */
  targetAssignment: TopicPartition[];
  assignment: TopicPartition[];
  /** Records it holds acquired (broker view). */
  acquired: number;
  processed: number;
  failed: number;
}

export interface SharePartitionSnapshot {
  topic: string;
  partition: number;
  /** Share-partition start offset. */
  spso: number;
  /** Share-partition end offset, exclusive (one past the last in-flight record). */
  speo: number;
  logEndOffset: number;
  /** Records not yet delivered to completion: log-end offset − SPSO − acknowledged/archived in flight. */
  lag: number;
  inFlight: { available: number; acquired: number; acknowledged: number; archived: number };
  /** Delivery count → number of AVAILABLE/ACQUIRED records with it. */
  deliveryCounts: Record<number, number>;
  /** Run-length intervals kept for the window (memory). */
  intervals: number;
  atInFlightLimit: boolean;
  /** Members the coordinator assigned this partition to (client ids). */
  consumers: string[];
}

export interface ShareGroupSnapshot {
  groupId: string;
  state: ShareGroupState;
  groupEpoch: number;
  config: ResolvedShareGroupConfig;
  members: ShareMemberSnapshot[];
  partitions: SharePartitionSnapshot[];
  totals: ShareGroupTotals & { processed: number; duplicates: number; outOfOrder: number };
}

export class ShareGroupEngine {
  readonly groups = new Map<string, ShareGroupCoordinator>();
  /** clientId → consumer (the latest instance after a restart). */
  readonly consumers = new Map<string, ShareConsumer>();
  private readonly specs = new Map<string, { groupId: string; spec: ShareConsumerSpec }>();

  constructor(
    private readonly ctx: ShareEngineContext,
    private readonly emit: (e: ShareGroupEventBody) => void,
    private readonly options: ShareEngineOptions = {},
  ) {}

  hasGroup(groupId: string): boolean {
    return this.groups.has(groupId);
  }

  /** Whether a share consumer has this client id (to route consumer actions). */
  hasConsumer(clientId: string): boolean {
    return this.consumers.has(clientId);
  }

  addGroup(spec: ShareGroupSpec): ShareGroupCoordinator {
    if (this.groups.has(spec.groupId)) throw new ShareGroupError(`group: '${spec.groupId}' already exists`);
    const config = resolveShareGroupConfig(spec.config);
    const trace = this.options.trace;
    const g = new ShareGroupCoordinator(spec.groupId, config, {
      rng: this.ctx.rng,
      topic: (name) => this.ctx.topic(name),
      emit: this.emit,
      trace,
    });
    this.groups.set(spec.groupId, g);
    for (const c of spec.consumers ?? []) this.addConsumer(spec.groupId, c);
    return g;
  }

  addConsumer(groupId: string, spec: ShareConsumerSpec): ShareConsumer {
    const group = this.groups.get(groupId);
    if (!group) throw new ShareGroupError(`group: '${groupId}' is not a share group (share groups: ${[...this.groups.keys()].join(', ') || 'none'})`);
    if (this.consumers.has(spec.clientId)) throw new ShareGroupError(`clientId: '${spec.clientId}' is already used by another share consumer`);
    requireRate(spec.ratePerSec);
    if (spec.failEvery) {
      const n = spec.failEvery.n;
      if (!Number.isInteger(n) || n < 1) throw new ShareGroupError(`failEvery.n: ${JSON.stringify(n)} is not valid: expected a positive integer`);
      if (spec.failEvery.ack !== 'release' && spec.failEvery.ack !== 'reject') throw new ShareGroupError(`failEvery.ack: ${JSON.stringify(spec.failEvery.ack)} is not valid: expected release or reject`);
    }
    const topics = spec.topics ?? this.options.defaultTopics?.() ?? [];
    if (topics.length === 0) throw new ShareGroupError(`topics: share consumer '${spec.clientId}' subscribes to no topic`);
    for (const t of topics) if (!this.ctx.topic(t)) throw new ShareGroupError(`topic: '${t}' does not exist`);
    this.specs.set(spec.clientId, { groupId, spec: { ...spec, topics } });
    return this.start(group, { ...spec, topics });
  }

  private start(group: ShareGroupCoordinator, spec: ShareConsumerSpec): ShareConsumer {
    const config = resolveShareConsumerConfig(spec.config, spec.failEvery !== undefined);
    this.emit({ type: 'share-consumer-started', group: group.groupId, clientId: spec.clientId, acknowledgementMode: config.acknowledgementMode });
    const c = new ShareConsumer({
      clientId: spec.clientId,
      group,
      topics: spec.topics!,
      ratePerSec: spec.ratePerSec,
      config,
      failEvery: spec.failEvery,
      emit: this.emit,
      now: this.ctx.now,
      transport: this.options.connect?.(spec.clientId) ?? this.directTransport(spec.clientId),
    });
    this.consumers.delete(spec.clientId);
    this.consumers.set(spec.clientId, c);
    return c;
  }

  /** The share-group half of the coordinator: GroupCoordinator routes ShareGroupHeartbeat here. */
  shareGroupHeartbeat(context: ClientContext, request: ShareGroupHeartbeatRequest): ShareGroupHeartbeatResponse {
    const g = this.groups.get(request.groupId);
    if (!g) return { errorCode: 'GROUP_ID_NOT_FOUND', errorMessage: `share group '${request.groupId}' does not exist`, memberId: request.memberId, memberEpoch: -1, heartbeatIntervalMs: 0, assignment: null };
    return g.heartbeatRequest(context, request, this.ctx.now);
  }

  private directTransport(clientId: string): GroupTransport {
    const context: ClientContext = { clientId, clientHost: '/127.0.0.1', heartbeatIntervalMs: 0 };
    return {
      send: (request, onResponse) => {
        if (request.api !== 'ShareGroupHeartbeat') throw new Error(`the share engine alone answers only ShareGroupHeartbeat, not ${request.api}`);
        (onResponse as (r: ShareGroupHeartbeatResponse) => void)(this.shareGroupHeartbeat(context, request));
      },
    };
  }

  stopConsumer(clientId: string): void {
    const c = this.requireRunning(clientId);
    c.close();
    this.emit({ type: 'share-consumer-stopped', group: c.group.groupId, clientId });
  }

  crashConsumer(clientId: string): void {
    const c = this.requireRunning(clientId);
    c.crash();
    this.emit({ type: 'share-consumer-crashed', group: c.group.groupId, clientId });
  }

  stallConsumer(clientId: string, durationMs: number): void {
    const c = this.requireRunning(clientId);
    if (!Number.isFinite(durationMs) || durationMs <= 0) throw new ShareGroupError(`duration: ${durationMs} is not valid: expected a positive number of milliseconds`);
    c.stall(this.ctx.now, durationMs);
    this.emit({ type: 'share-consumer-stalled', group: c.group.groupId, clientId, durationMs });
  }

  /** A new instance of a stopped or crashed consumer (a new member id, as a restarted client gets). */
  restartConsumer(clientId: string): void {
    const c = this.require(clientId);
    if (c.status === 'running') throw new ShareGroupError(`consumer '${clientId}' is already running`);
    const { groupId, spec } = this.specs.get(clientId)!;
    this.start(this.groups.get(groupId)!, { ...spec, ratePerSec: c.ratePerSec });
  }

  setConsumerRate(clientId: string, ratePerSec: number): void {
    const c = this.require(clientId);
    requireRate(ratePerSec);
    const from = c.ratePerSec;
    c.ratePerSec = ratePerSec;
    this.emit({ type: 'share-consumer-rate-changed', group: c.group.groupId, clientId, from, to: ratePerSec });
  }

  /** One tick: locks, sessions and metadata first, then the consumers (in the order they started). */
  step(now: number, dtMs: number): void {
    for (const g of this.groups.values()) g.tick(now);
    for (const c of this.consumers.values()) c.step(now, dtMs);
  }

  snapshot(): ShareGroupSnapshot[] {
    return [...this.groups.values()].map((g) => this.groupSnapshot(g));
  }

  groupSnapshot(g: ShareGroupCoordinator): ShareGroupSnapshot {
    const consumersByMember = new Map<string, string[]>();
    for (const m of g.members.values()) for (const p of m.target) consumersByMember.set(p, [...(consumersByMember.get(p) ?? []), m.clientId]);
    const acquiredBy = new Map<string, number>();
    const partitions: SharePartitionSnapshot[] = [...g.partitions.values()]
      .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition))
      .map((sp) => {
        const c = sp.counts();
        for (const [m, n] of Object.entries(c.byMember)) acquiredBy.set(m, (acquiredBy.get(m) ?? 0) + n);
        const leo = this.ctx.topic(sp.topic)?.logEndOffsets[sp.partition] ?? 0;
        return {
          topic: sp.topic,
          partition: sp.partition,
          spso: sp.spso,
          speo: sp.speo,
          logEndOffset: leo,
          lag: Math.max(0, leo - sp.spso - c.acknowledged - c.archived),
          inFlight: { available: c.available, acquired: c.acquired, acknowledged: c.acknowledged, archived: c.archived },
          deliveryCounts: c.byDeliveryCount,
          intervals: sp.intervals.length,
          atInFlightLimit: sp.atCap(leo, g.config.maxRecordLocks),
          consumers: consumersByMember.get(sp.name) ?? [],
        };
      });
    const members: ShareMemberSnapshot[] = [...this.consumers.values()]
      .filter((c) => c.group === g)
      .map((c) => {
        const m = g.members.get(c.memberId);
        return {
          clientId: c.clientId,
          memberId: c.memberId,
          status: c.status,
          inGroup: m !== undefined,
          stalled: c.isStalled(this.ctx.now),
          memberEpoch: c.memberEpoch,
          ratePerSec: c.ratePerSec,
          targetAssignment: m ? partitionsOf(m.target) : [],
          assignment: partitionsOf(c.assignment),
          acquired: acquiredBy.get(c.memberId) ?? 0,
          processed: c.processed,
          failed: c.failed,
        };
      });
    const t = g.ledger.totals;
    return {
      groupId: g.groupId,
      state: g.state,
      groupEpoch: g.groupEpoch,
      config: { ...g.config },
      members,
      partitions,
      totals: { ...g.totals, processed: t.processed, duplicates: t.duplicates, outOfOrder: t.outOfOrder },
    };
  }

  private require(clientId: string): ShareConsumer {
    const c = this.consumers.get(clientId);
    if (!c) throw new ShareGroupError(`consumer: '${clientId}' is not a share consumer`);
    return c;
  }

  private requireRunning(clientId: string): ShareConsumer {
    const c = this.require(clientId);
    if (c.status !== 'running') throw new ShareGroupError(`consumer: '${clientId}' is not running (it is ${c.status})`);
    return c;
  }
}

function requireRate(value: number): void {
  const problem = rateProblem(value);
  if (problem) {
    throw new ShareGroupError(`ratePerSec: ${String(value)} is not valid: ${problem}`);
  }
}

/** The share engine keys partitions by name internally; snapshots carry { topic, partition }. */
function partitionsOf(names: readonly string[]): TopicPartition[] {
  return names.flatMap((n) => {
    const tp = parsePartitionName(n);
    return tp ? [tp] : [];
  });
}
