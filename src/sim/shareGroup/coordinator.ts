/**
 * The broker side of one share group: membership with KIP-848-style heartbeats (no join/sync
 * barrier, no stop-the-world), a group epoch bumped by every membership or metadata change, the
 * "simple" assignor's target assignment, and the group's share-partitions with their locks.
 *
 * Modelled on Kafka's `GroupMetadataManager` share-group paths and `SharePartitionManager`:
 * - a member joins with its first heartbeat and gets its assignment in the response; other
 *   members learn a new assignment with their next heartbeat (`group.share.heartbeat.interval.ms`);
 * - a member that sends no heartbeat for `group.share.session.timeout.ms` is removed and the
 *   assignment recomputed;
 * - when a member leaves or is removed, the records it still holds are released (Kafka releases a
 *   departed member's acquired records through `SharePartition.releaseAcquiredRecords`);
 * - a share-partition is initialised when first assigned, at the log-end offset
 *   (`share.auto.offset.reset=latest`) or the log start (`earliest`).
 */
import { DeliveryLedger } from '../delivery';
import type { ShareGroupHeartbeatRequest, ShareGroupHeartbeatResponse } from '../group/api';
import type { ErrorName } from '../group/errors';
import type { ClientContext } from '../group/transport';
import { parsePartitionName } from '../naming';
import type { Random } from '../random';
import type { Topic } from '../topic';
import type { ResolvedShareGroupConfig } from './config';
import type { ShareGroupEventBody, ShareGroupState } from './events';
import { SharePartition, type AcquiredRange, type AckResult, type ShareTransition } from './sharePartition';
import { assignShareGroup } from './simpleAssignor';
import type { AcknowledgeType } from './types';

export interface ShareEnv {
  readonly rng: Random;
  topic(name: string): Topic | undefined;
  emit(event: ShareGroupEventBody): void;
  trace?: ((group: string, t: ShareTransition) => void) | undefined;
}

export interface ShareMember {
  readonly memberId: string;
  readonly clientId: string;
  readonly topics: readonly string[];
  lastHeartbeatAt: number;
  /** The target assignment of the current group epoch. */
  target: string[];
  /** The epoch whose assignment the member has received. */
  memberEpoch: number;
}

export interface ShareGroupTotals {
  /** Records handed out by polls (first deliveries and redeliveries). */
  acquired: number;
  /** Of those, deliveries with a delivery count above 1. */
  redelivered: number;
  accepted: number;
  released: number;
  rejected: number;
  /** Archived because the delivery count reached the limit (after a release or a lock timeout). */
  archivedAtLimit: number;
  /** Records whose acquisition lock expired. */
  lockTimeouts: number;
  /** Acknowledgements refused with INVALID_RECORD_STATE. */
  ackFailures: number;
}

export type HeartbeatResult = { memberEpoch: number; assignment: readonly string[] } | 'UNKNOWN_MEMBER_ID';

export class ShareGroupCoordinator {
  groupEpoch = 0;
  state: ShareGroupState = 'Empty';
  /** In join order. */
  readonly members = new Map<string, ShareMember>();
  readonly partitions = new Map<string, SharePartition>();
  readonly ledger = new DeliveryLedger();
  readonly totals: ShareGroupTotals = { acquired: 0, redelivered: 0, accepted: 0, released: 0, rejected: 0, archivedAtLimit: 0, lockTimeouts: 0, ackFailures: 0 };
  /** memberId → clientId of every member ever seen (events about a departed member's records). */
  private readonly clientIds = new Map<string, string>();
  private readonly knownPartitionCounts = new Map<string, number>();

  constructor(readonly groupId: string, readonly config: ResolvedShareGroupConfig, private readonly env: ShareEnv) {
    env.emit({
      type: 'share-group-created',
      group: groupId,
      lockDurationMs: config.recordLockDurationMs,
      deliveryCountLimit: config.deliveryCountLimit,
      maxRecordLocks: config.maxRecordLocks,
      autoOffsetReset: config.autoOffsetReset,
    });
  }

  // ---- membership -----------------------------------------------------------------------

  /** The first heartbeat (member epoch 0): joins and recomputes the assignment at once. */
  join(clientId: string, topics: readonly string[], now: number, memberId?: string): string {
    const id = memberId ?? `${clientId}-${this.env.rng.uuid()}`;
    this.members.set(id, { memberId: id, clientId, topics: [...topics], lastHeartbeatAt: now, target: [], memberEpoch: 0 });
    this.clientIds.set(id, clientId);
    this.groupEpoch++;
    this.env.emit({ type: 'share-member-joined', group: this.groupId, clientId, memberId: id, groupEpoch: this.groupEpoch });
    this.setState();
    this.recompute();
    return id;
  }

  heartbeat(memberId: string, now: number): HeartbeatResult {
    const m = this.members.get(memberId);
    if (!m) return 'UNKNOWN_MEMBER_ID';
    m.lastHeartbeatAt = now;
    m.memberEpoch = this.groupEpoch;
    return { memberEpoch: m.memberEpoch, assignment: m.target };
  }

  /**
   * One ShareGroupHeartbeat: epoch 0 joins (a new member gets its id here), -1 leaves, anything
   * else is a heartbeat that returns the member's assignment.
   */
  heartbeatRequest(context: ClientContext, req: ShareGroupHeartbeatRequest, now: number): ShareGroupHeartbeatResponse {
    const response = (errorCode: ErrorName, memberId: string, memberEpoch: number, assignment: readonly string[] | null): ShareGroupHeartbeatResponse => ({
      errorCode,
      errorMessage: null,
      memberId,
      memberEpoch,
      heartbeatIntervalMs: this.config.heartbeatIntervalMs,
      assignment: assignment === null ? null : assignment.flatMap((n) => parsePartitionName(n) ?? []),
    });
    if (req.memberEpoch === -1) {
      this.leave(req.memberId, 'it left the group (a heartbeat with member epoch -1)');
      return response('NONE', req.memberId, -1, null);
    }
    const memberId = req.memberEpoch === 0 && !this.members.has(req.memberId) ? this.join(context.clientId, req.subscribedTopicNames, now, req.memberId === '' ? undefined : req.memberId) : req.memberId;
    const r = this.heartbeat(memberId, now);
    if (r === 'UNKNOWN_MEMBER_ID') return response('UNKNOWN_MEMBER_ID', memberId, -1, null);
    return response('NONE', memberId, r.memberEpoch, r.assignment);
  }

  /** A heartbeat with member epoch -1, or the member's removal: its records are released. */
  leave(memberId: string, reason: string): void {
    const m = this.members.get(memberId);
    if (!m) return;
    this.members.delete(memberId);
    this.releaseMember(memberId, reason);
    this.groupEpoch++;
    this.env.emit({ type: 'share-member-left', group: this.groupId, clientId: m.clientId, memberId, groupEpoch: this.groupEpoch, reason });
    this.setState();
    this.recompute();
  }

  private setState(): void {
    const to: ShareGroupState = this.members.size === 0 ? 'Empty' : 'Stable';
    if (to !== this.state) {
      this.env.emit({ type: 'share-group-state-changed', group: this.groupId, from: this.state, to });
      this.state = to;
    }
  }

  private recompute(): void {
    const topicNames = [...new Set([...this.members.values()].flatMap((m) => m.topics))];
    const topics = topicNames.map((name) => ({ name, partitions: this.env.topic(name)?.partitionCount ?? 0 }));
    for (const t of topics) this.knownPartitionCounts.set(t.name, t.partitions);
    const members = [...this.members.values()];
    const result = assignShareGroup(members.map((m) => ({ memberId: m.memberId, topics: m.topics, current: m.target })), topics);
    const assignment: Record<string, string[]> = {};
    for (const m of members) {
      m.target = result.get(m.memberId) ?? [];
      assignment[m.memberId] = m.target;
      for (const p of m.target) this.initPartition(p);
    }
    this.env.emit({ type: 'share-assignment-computed', group: this.groupId, groupEpoch: this.groupEpoch, assignment });
  }

  private initPartition(name: string): void {
    if (this.partitions.has(name)) return;
    const parsed = parsePartitionName(name);
    if (!parsed) return;
    const { topic: topicName, partition } = parsed;
    const topic = this.env.topic(topicName);
    const start = this.config.autoOffsetReset === 'earliest' ? 0 : (topic?.logEndOffsets[partition] ?? 0);
    const trace = this.env.trace;
    const sp = new SharePartition(name, topicName, partition, start, trace ? (t) => trace(this.groupId, t) : undefined);
    this.partitions.set(name, sp);
    this.env.emit({ type: 'share-partition-initialized', group: this.groupId, partition: name, policy: this.config.autoOffsetReset, startOffset: start });
  }

  // ---- per tick -------------------------------------------------------------------------

  tick(now: number): void {
    // Metadata: partitions added to a subscribed topic bump the group epoch (KIP-848 coordinators
    // watch the metadata image; no client-side refresh is involved).
    for (const [name, known] of this.knownPartitionCounts) {
      const count = this.env.topic(name)?.partitionCount ?? 0;
      if (count !== known) {
        this.groupEpoch++;
        this.recompute();
        break;
      }
    }
    for (const m of [...this.members.values()]) {
      if (now - m.lastHeartbeatAt >= this.config.sessionTimeoutMs) {
        this.env.emit({ type: 'share-session-timed-out', group: this.groupId, clientId: m.clientId, memberId: m.memberId, sessionTimeoutMs: this.config.sessionTimeoutMs });
        this.leave(m.memberId, 'session timeout');
      }
    }
    for (const sp of this.partitions.values()) {
      const expired = sp.expireLocks(now, this.config.deliveryCountLimit);
      let archived = 0;
      for (const [memberId, r] of expired) {
        this.totals.lockTimeouts += r.count;
        archived += r.archived;
        this.env.emit({
          type: 'share-lock-timed-out',
          group: this.groupId,
          clientId: this.clientIds.get(memberId) ?? memberId,
          partition: sp.name,
          count: r.count,
          available: r.available,
          archived: r.archived,
          lockDurationMs: this.config.recordLockDurationMs,
        });
      }
      this.noteArchivedAtLimit(sp, archived);
    }
  }

  // ---- records --------------------------------------------------------------------------

  /** A share fetch from one partition for `memberId`. */
  acquire(sp: SharePartition, memberId: string, clientId: string, max: number, now: number): AcquiredRange[] {
    const topic = this.env.topic(sp.topic);
    const logEnd = topic?.logEndOffsets[sp.partition] ?? 0;
    const got = max > 0 ? sp.acquire(memberId, max, now, this.config.recordLockDurationMs, logEnd, this.config.maxRecordLocks) : [];
    const capped = sp.atCap(logEnd, this.config.maxRecordLocks);
    if (capped && !sp.capped) this.env.emit({ type: 'share-inflight-limit-reached', group: this.groupId, partition: sp.name, limit: this.config.maxRecordLocks, startOffset: sp.spso });
    sp.capped = capped;
    if (got.length === 0) return got;
    let count = 0;
    let redelivered = 0;
    let maxCount = 0;
    for (const r of got) {
      count += r.to - r.from;
      if (r.deliveryCount > 1) redelivered += r.to - r.from;
      if (r.deliveryCount > maxCount) maxCount = r.deliveryCount;
    }
    this.totals.acquired += count;
    this.totals.redelivered += redelivered;
    this.env.emit({
      type: 'share-records-acquired',
      group: this.groupId,
      clientId,
      partition: sp.name,
      count,
      firstOffset: Math.min(...got.map((r) => r.from)),
      lastOffset: Math.max(...got.map((r) => r.to)) - 1,
      redelivered,
      maxDeliveryCount: maxCount,
      lockDurationMs: this.config.recordLockDurationMs,
    });
    return got;
  }

  acknowledge(sp: SharePartition, memberId: string, from: number, to: number, type: AcknowledgeType): AckResult {
    const r = sp.acknowledge(memberId, from, to, type, this.config.deliveryCountLimit);
    this.totals.accepted += r.accepted;
    this.totals.released += r.released;
    this.totals.rejected += r.rejected;
    this.totals.ackFailures += r.failed;
    this.noteArchivedAtLimit(sp, r.archivedAtLimit);
    return r;
  }

  private releaseMember(memberId: string, reason: string): void {
    for (const sp of this.partitions.values()) {
      const r = sp.releaseMember(memberId, this.config.deliveryCountLimit);
      if (r.count === 0) continue;
      this.env.emit({ type: 'share-records-released', group: this.groupId, clientId: this.clientIds.get(memberId) ?? memberId, partition: sp.name, count: r.count, archived: r.archived, reason });
      this.noteArchivedAtLimit(sp, r.archived);
    }
  }

  private noteArchivedAtLimit(sp: SharePartition, count: number): void {
    if (count <= 0) return;
    this.totals.archivedAtLimit += count;
    this.env.emit({ type: 'share-delivery-limit-reached', group: this.groupId, partition: sp.name, count, deliveryCountLimit: this.config.deliveryCountLimit });
  }

  /** The topic a share-partition belongs to (for the delivery ledger). */
  ledgerTopic(name: string): Topic | undefined {
    return this.env.topic(name);
  }

  sharePartition(name: string): SharePartition | undefined {
    return this.partitions.get(name);
  }

  clientIdOf(memberId: string): string | undefined {
    return this.clientIds.get(memberId);
  }
}
