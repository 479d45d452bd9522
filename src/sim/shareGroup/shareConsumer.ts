/**
 * A share consumer (Kafka's `KafkaShareConsumer`, simplified to what shows on a timeline):
 * subscribe, poll() up to `max.poll.records` acquired records from the partitions the coordinator
 * assigned (fetching from several partitions, a fair share from each), process them at a rate,
 * then acknowledge them:
 * - implicit mode (default): the next poll() accepts every record of the previous one;
 * - explicit mode: acknowledge(record, ACCEPT | RELEASE | REJECT) per record, then commitSync().
 * Both send the acknowledgements when the batch is done, right before the next fetch, so they
 * behave the same here apart from the event's label. Heartbeats come from a background thread
 * (as in the KIP-848 consumer); `max.poll.interval.ms` still applies.
 *
 * Failure modes: crash (no acknowledgement, no leave: the locks expire, then the session);
 * stall (no poll and no acknowledgement for a while: locks may expire and the records go to
 * others, so the late acknowledgements fail and the work is done twice); graceful close
 * (acknowledges what it processed, releases the rest, leaves the group).
 */
import type { ShareGroupHeartbeatResponse } from '../group/api';
import type { GroupTransport } from '../group/transport';
import { partitionName } from '../naming';
import type { ResolvedShareConsumerConfig } from './config';
import type { ShareGroupCoordinator } from './coordinator';
import type { ShareGroupEventBody } from './events';
import type { SharePartition } from './sharePartition';
import type { AcknowledgeType, FailEvery } from './types';

export type ShareConsumerStatus = 'running' | 'stopped' | 'crashed';

interface BatchEntry {
  readonly sp: SharePartition;
  readonly from: number;
  readonly to: number;
  readonly deliveryCount: number;
  /** Next offset to process. */
  pos: number;
  /** Offsets whose processing failed, as merged [from, to) pairs. */
  readonly failures: number[];
}

export interface ShareConsumerOptions {
  readonly clientId: string;
  readonly group: ShareGroupCoordinator;
  readonly topics: readonly string[];
  readonly ratePerSec: number;
  readonly config: ResolvedShareConsumerConfig;
  readonly failEvery?: FailEvery | undefined;
  readonly emit: (e: ShareGroupEventBody) => void;
  readonly now: number;
  /** The connection its ShareGroupHeartbeats go through (record fetches and acknowledgements go to the share-partitions). */
  readonly transport: GroupTransport;
}

export class ShareConsumer {
  readonly clientId: string;
  readonly group: ShareGroupCoordinator;
  readonly topics: readonly string[];
  readonly config: ResolvedShareConsumerConfig;
  readonly failEvery: FailEvery | undefined;
  ratePerSec: number;
  status: ShareConsumerStatus = 'running';
  memberId = '';
  memberEpoch = -1;
  /** The partitions it fetches from (as of its last heartbeat). */
  assignment: string[] = [];
  lastHeartbeatAt: number;
  lastPollAt: number;
  stalledUntil = -1;
  private readonly transport: GroupTransport;
  private heartbeatIntervalMs: number;
  leftOnPollTimeout = false;
  /** Records processed successfully, records whose processing failed, records acquired. */
  processed = 0;
  failed = 0;
  acquired = 0;
  private readonly emit: (e: ShareGroupEventBody) => void;
  private batch: BatchEntry[] = [];
  private cursor = 0;
  private carry = 0;
  private rr = 0;
  /** Processing attempts so far (for failEvery by count). */
  private attempts = 0;
  private readonly pendingDuplicates = new Map<string, number>();
  private readonly pendingOutOfOrder = new Map<string, number>();

  constructor(options: ShareConsumerOptions) {
    this.clientId = options.clientId;
    this.group = options.group;
    this.topics = options.topics;
    this.ratePerSec = options.ratePerSec;
    this.config = options.config;
    this.failEvery = options.failEvery;
    this.emit = options.emit;
    this.lastPollAt = options.now;
    this.lastHeartbeatAt = options.now;
    this.transport = options.transport;
    this.heartbeatIntervalMs = this.group.config.heartbeatIntervalMs;
    this.join(options.now);
  }

  isStalled(now: number): boolean {
    return now < this.stalledUntil;
  }

  /** Records acquired and not yet acknowledged (the current batch). */
  get inFlight(): number {
    let n = 0;
    for (let i = this.cursor; i < this.batch.length; i++) n += this.batch[i]!.to - this.batch[i]!.pos;
    return n;
  }

  // ---- per tick -------------------------------------------------------------------------

  step(now: number, dtMs: number): void {
    if (this.status !== 'running') return;
    this.heartbeatThread(now);
    if (this.isStalled(now)) return;
    if (this.stalledUntil >= 0) {
      this.stalledUntil = -1;
      this.emit({ type: 'share-consumer-resumed', group: this.group.groupId, clientId: this.clientId });
    }
    this.carry += this.ratePerSec * dtMs;
    let budget = Math.floor(this.carry / 1000);
    this.carry -= budget * 1000;
    let polled = false;
    for (;;) {
      if (this.cursor >= this.batch.length) {
        if (polled && budget === 0) break;
        this.acknowledgeBatch(this.config.acknowledgementMode);
        this.poll(now);
        polled = true;
        if (this.batch.length === 0) {
          // Nothing to fetch: an idle consumer does not bank processing capacity.
          this.carry = 0;
          break;
        }
      }
      if (budget === 0) break;
      budget -= this.process(budget);
    }
  }

  private heartbeatThread(now: number): void {
    if (this.memberId === '' || this.leftOnPollTimeout) return;
    if (now - this.lastPollAt > this.config.maxPollIntervalMs) {
      this.leftOnPollTimeout = true;
      this.emit({ type: 'share-poll-timeout', group: this.group.groupId, clientId: this.clientId, memberId: this.memberId, maxPollIntervalMs: this.config.maxPollIntervalMs });
      this.leave();
      this.setAssignment([], -1);
      return;
    }
    if (now - this.lastHeartbeatAt >= this.heartbeatIntervalMs) this.sendHeartbeat(now);
  }

  /** ShareGroupHeartbeat with epoch 0: a new member gets its id; a removed one comes back with its own. */
  private join(now: number): void {
    this.lastHeartbeatAt = now;
    this.heartbeatRequest(0, (r) => {
      if (r.errorCode === 'NONE') this.accept(r);
    });
  }

  private sendHeartbeat(now: number): void {
    this.lastHeartbeatAt = now;
    this.heartbeatRequest(this.memberEpoch, (r) => {
      // Removed meanwhile: rejoin with the same member id and epoch 0 (KIP-848).
      if (r.errorCode === 'UNKNOWN_MEMBER_ID') this.join(now);
      else if (r.errorCode === 'NONE') this.accept(r);
    });
  }

  private leave(): void {
    this.heartbeatRequest(-1, () => undefined);
  }

  private heartbeatRequest(memberEpoch: number, then: (r: ShareGroupHeartbeatResponse) => void): void {
    this.transport.send({ api: 'ShareGroupHeartbeat', groupId: this.group.groupId, memberId: this.memberId, memberEpoch, rackId: null, subscribedTopicNames: this.topics }, then);
  }

  private accept(r: ShareGroupHeartbeatResponse): void {
    this.memberId = r.memberId;
    this.heartbeatIntervalMs = r.heartbeatIntervalMs;
    this.setAssignment((r.assignment ?? []).map((tp) => partitionName(tp.topic, tp.partition)), r.memberEpoch);
  }

  private setAssignment(partitions: readonly string[], epoch: number): void {
    const before = new Set(this.assignment);
    const after = new Set(partitions);
    const added = partitions.filter((p) => !before.has(p));
    const removed = this.assignment.filter((p) => !after.has(p));
    this.memberEpoch = epoch;
    if (added.length === 0 && removed.length === 0) return;
    this.assignment = [...partitions];
    this.emit({ type: 'share-partitions-assigned', group: this.group.groupId, clientId: this.clientId, memberEpoch: epoch, partitions: [...partitions], added, removed });
  }

  /** poll(): rejoin if it had left, report delivery problems, fetch a new batch. */
  private poll(now: number): void {
    this.lastPollAt = now;
    if (this.leftOnPollTimeout) {
      this.leftOnPollTimeout = false;
      this.join(now);
    }
    this.reportDeliveryProblems();
    this.batch = [];
    this.cursor = 0;
    const parts = this.assignment.map((p) => this.group.sharePartition(p)).filter((sp): sp is SharePartition => sp !== undefined);
    const n = parts.length;
    if (n === 0) return;
    let remaining = this.config.maxPollRecords;
    // A fair share from each partition first, then whatever is left, starting one further each poll.
    const share = Math.max(1, Math.floor(remaining / n));
    for (const pass of [share, Infinity]) {
      for (let i = 0; i < n && remaining > 0; i++) {
        const sp = parts[(this.rr + i) % n]!;
        const got = this.group.acquire(sp, this.memberId, this.clientId, Math.min(pass, remaining), now);
        for (const r of got) {
          this.batch.push({ sp, from: r.from, to: r.to, deliveryCount: r.deliveryCount, pos: r.from, failures: [] });
          remaining -= r.to - r.from;
          this.acquired += r.to - r.from;
        }
      }
    }
    this.rr = (this.rr + 1) % n;
    // Records are handed to the application partition by partition, in offset order.
    this.batch.sort((a, b) => (a.sp.name < b.sp.name ? -1 : a.sp.name > b.sp.name ? 1 : a.from - b.from));
  }

  /** Processes up to `n` records of the current batch; returns how many. */
  private process(n: number): number {
    let done = 0;
    while (done < n && this.cursor < this.batch.length) {
      const e = this.batch[this.cursor]!;
      const end = Math.min(e.to, e.pos + (n - done));
      let x = e.pos;
      while (x < end) {
        const fail = this.nextFailure(x, end);
        if (fail > x) this.processOk(e, x, fail);
        if (fail < end) {
          pushRange(e.failures, fail, fail + 1);
          this.failed++;
          x = fail + 1;
        } else {
          x = end;
        }
      }
      this.attempts += end - e.pos;
      done += end - e.pos;
      e.pos = end;
      if (e.pos >= e.to) this.cursor++;
    }
    return done;
  }

  /** The first offset in [x, end) whose processing fails (end if none). */
  private nextFailure(x: number, end: number): number {
    const f = this.failEvery;
    if (!f) return end;
    const n = f.n;
    let next: number;
    if (f.by === 'offset') {
      next = x + ((((n - 1 - (x % n)) % n) + n) % n);
    } else {
      // The attempt number of offset x is attempts + (x - pos); fail when it is n-1 mod n.
      const e = this.batch[this.cursor]!;
      const attemptAtX = this.attempts + (x - e.pos);
      next = x + ((((n - 1 - (attemptAtX % n)) % n) + n) % n);
    }
    return Math.min(next, end);
  }

  private processOk(e: BatchEntry, from: number, to: number): void {
    const topic = this.group.ledgerTopic(e.sp.topic);
    if (topic) {
      const r = this.group.ledger.process(topic, e.sp.partition, from, to);
      if (r.duplicates > 0) this.pendingDuplicates.set(e.sp.name, (this.pendingDuplicates.get(e.sp.name) ?? 0) + r.duplicates);
      if (r.outOfOrder > 0) this.pendingOutOfOrder.set(e.sp.name, (this.pendingOutOfOrder.get(e.sp.name) ?? 0) + r.outOfOrder);
    }
    this.processed += to - from;
  }

  /**
   * Sends the acknowledgements of the records processed so far in the batch: ACCEPT, and
   * failEvery's type for failed ones. With `releaseRest`, the unprocessed rest is released.
   */
  private acknowledgeBatch(mode: 'implicit' | 'explicit' | 'close'): void {
    if (this.batch.length === 0 || this.memberId === '') {
      this.batch = [];
      this.cursor = 0;
      return;
    }
    const failType: AcknowledgeType = this.failEvery?.ack ?? 'release';
    const perPartition = new Map<SharePartition, { accepted: number; released: number; rejected: number; failed: Map<AcknowledgeType, number> }>();
    const ack = (sp: SharePartition, from: number, to: number, type: AcknowledgeType): void => {
      if (to <= from) return;
      let s = perPartition.get(sp);
      if (!s) perPartition.set(sp, (s = { accepted: 0, released: 0, rejected: 0, failed: new Map() }));
      const r = this.group.acknowledge(sp, this.memberId, from, to, type);
      s.accepted += r.accepted;
      s.released += r.released;
      s.rejected += r.rejected;
      if (r.failed > 0) s.failed.set(type, (s.failed.get(type) ?? 0) + r.failed);
    };
    for (const e of this.batch) {
      let x = e.from;
      for (let i = 0; i < e.failures.length; i += 2) {
        ack(e.sp, x, e.failures[i]!, 'accept');
        ack(e.sp, e.failures[i]!, e.failures[i + 1]!, failType);
        x = e.failures[i + 1]!;
      }
      ack(e.sp, x, e.pos, 'accept');
    }
    for (const [sp, s] of perPartition) {
      if (s.accepted + s.released + s.rejected > 0) {
        this.emit({ type: 'share-acknowledged', group: this.group.groupId, clientId: this.clientId, partition: sp.name, mode, accepted: s.accepted, released: s.released, rejected: s.rejected });
      }
      for (const [type, count] of s.failed) {
        this.emit({ type: 'share-ack-failed', group: this.group.groupId, clientId: this.clientId, partition: sp.name, ack: type, count, error: 'INVALID_RECORD_STATE' });
      }
    }
    this.batch = [];
    this.cursor = 0;
  }

  private reportDeliveryProblems(): void {
    for (const [partition, count] of this.pendingDuplicates) this.emit({ type: 'share-records-reprocessed', group: this.group.groupId, clientId: this.clientId, partition, count });
    for (const [partition, count] of this.pendingOutOfOrder) this.emit({ type: 'share-out-of-order', group: this.group.groupId, clientId: this.clientId, partition, count });
    this.pendingDuplicates.clear();
    this.pendingOutOfOrder.clear();
  }

  // ---- lifecycle ------------------------------------------------------------------------

  /** close(): acknowledge what was processed, release the rest (share session closed), leave. */
  close(): void {
    if (this.status !== 'running') return;
    this.reportDeliveryProblems();
    if (!this.leftOnPollTimeout) {
      this.acknowledgeBatch('close');
      this.leave();
    }
    this.batch = [];
    this.cursor = 0;
    this.status = 'stopped';
    this.setAssignment([], -1);
  }

  /** The process dies: no acknowledgement, no leave, no more heartbeats. */
  crash(): void {
    this.status = 'crashed';
    this.batch = [];
    this.cursor = 0;
  }

  stall(now: number, durationMs: number): void {
    this.stalledUntil = Math.max(this.stalledUntil, now + durationMs);
  }
}

function pushRange(r: number[], from: number, to: number): void {
  const n = r.length;
  if (n > 0 && r[n - 1] === from) r[n - 1] = to;
  else r.push(from, to);
}
