/**
 * A Kafka consumer (the Java client's behaviour, simplified to what shows on a timeline): a
 * poll() loop with `max.poll.records`, processing at a rate, auto-commit inside poll() (or the
 * application's commitSync after each batch), offsets fetched when partitions are assigned, and
 * `auto.offset.reset`. How it belongs to its group is its membership (./membership.ts); it talks
 * to the coordinator only through its transport, as a real client would.
 */
import type { AssignorName, TopicPartition } from '../assignors/types';
import type { ResolvedConsumerConfig } from '../config';
import { partitionName, SimContext } from '../context';
import type { DeliveryLedger } from '../delivery';
import type { GroupTransport } from '../group/transport';
import type { Topic } from '../topic';
import { ClassicMembership } from './classicMembership';
import { ConsumerMembership } from './consumerMembership';
import { ManualAssignment } from './manualAssignment';
import type { Membership, MembershipHost, MembershipStatus } from './membership';

export type ConsumerStatus = 'running' | 'stopped' | 'crashed';
export type { MembershipStatus };

export interface OwnedPartition {
  readonly topic: Topic;
  readonly partition: number;
  /** Next offset to process; -1 when no offset could be found (auto.offset.reset=none). */
  position: number;
  /** The offset last committed for it, as this client knows (to commit only what moved). */
  committed: number;
  /** Duplicates / out-of-order records seen since the last poll, reported then. */
  pendingDuplicates: number;
  pendingDuplicatesFrom: number;
  pendingOutOfOrder: number;
}

export interface ConsumerOptions {
  readonly clientId: string;
  readonly groupId: string;
  readonly transport: GroupTransport;
  /** What the group has processed (duplicates and ordering): the lab's observation, not Kafka's. */
  readonly ledger: DeliveryLedger;
  readonly topics: readonly string[];
  readonly ratePerSec: number;
  readonly heartbeatMode: 'background' | 'poll';
  readonly host: string;
  readonly config: ResolvedConsumerConfig;
  /** Set for a standalone consumer: the partitions it assigns itself. */
  readonly manualAssignment?: readonly TopicPartition[];
}

export class ConsumerClient implements MembershipHost {
  readonly clientId: string;
  readonly groupId: string;
  readonly transport: GroupTransport;
  readonly topics: readonly string[];
  readonly heartbeatMode: 'background' | 'poll';
  readonly host: string;
  config: ResolvedConsumerConfig;
  ratePerSec: number;
  readonly manualAssignment: readonly TopicPartition[] | undefined;
  readonly options: ConsumerOptions;

  status: ConsumerStatus = 'running';
  owned: OwnedPartition[] = [];
  lastPollAt: number;
  lastHeartbeatSentAt: number;
  stalledUntil = -1;
  private readonly member: Membership;
  private readonly ledger: DeliveryLedger;
  private batchRemaining = 0;
  private carry = 0;
  private nextAutoCommitAt: number;
  private processedSinceCommit = false;
  private readonly knownPartitions = new Map<string, number>();
  private nextMetadataRefreshAt: number;
  private rr = 0;

  constructor(readonly ctx: SimContext, options: ConsumerOptions) {
    this.options = options;
    this.clientId = options.clientId;
    this.groupId = options.groupId;
    this.transport = options.transport;
    this.ledger = options.ledger;
    this.topics = options.topics;
    this.ratePerSec = options.ratePerSec;
    this.heartbeatMode = options.heartbeatMode;
    this.host = options.host;
    this.config = options.config;
    this.manualAssignment = options.manualAssignment;
    this.lastPollAt = ctx.now;
    this.lastHeartbeatSentAt = ctx.now;
    this.nextAutoCommitAt = ctx.now + this.config.autoCommitIntervalMs;
    this.nextMetadataRefreshAt = ctx.now;
    if (this.manualAssignment) this.member = new ManualAssignment();
    else if (this.config.groupProtocol === 'consumer') this.member = new ConsumerMembership(this);
    else this.member = new ClassicMembership(this);
    this.refreshMetadata();
    if (this.manualAssignment) this.addPartitions(this.manualAssignment);
  }

  get standalone(): boolean {
    return this.manualAssignment !== undefined;
  }

  get membership(): MembershipStatus {
    return this.member.status;
  }

  get memberId(): string {
    return this.member.memberId;
  }

  get generation(): number {
    return this.member.generation;
  }

  get running(): boolean {
    return this.status === 'running';
  }

  get metadata(): ReadonlyMap<string, number> {
    return this.knownPartitions;
  }

  isStalled(now: number): boolean {
    return now < this.stalledUntil;
  }

  // ---- per tick -------------------------------------------------------------------------

  step(now: number, dtMs: number): void {
    if (this.status !== 'running') return;
    this.member.heartbeatThread(now);
    if (this.status !== 'running' || this.isStalled(now)) return;
    if (this.stalledUntil >= 0) {
      this.stalledUntil = -1;
      this.ctx.emit({ type: 'consumer-resumed', clientId: this.clientId, group: this.groupId });
    }

    this.carry += this.ratePerSec * dtMs;
    let budget = Math.floor(this.carry / 1000);
    this.carry -= budget * 1000;
    let polled = false;
    for (;;) {
      if (this.batchRemaining === 0) {
        if (polled && budget === 0) break;
        this.poll(now);
        polled = true;
        this.batchRemaining = Math.min(this.config.maxPollRecords, this.available());
        if (this.batchRemaining === 0) {
          // Nothing to fetch: an idle consumer does not bank processing capacity.
          this.carry = 0;
          break;
        }
      }
      const take = Math.min(budget, this.batchRemaining);
      if (take === 0) break;
      const done = this.process(take);
      budget -= done;
      this.batchRemaining -= done;
      if (done < take) {
        this.batchRemaining = 0;
        break;
      }
    }
  }

  /** One poll(): heartbeats (legacy mode), metadata, rejoin, auto-commit. */
  private poll(now: number): void {
    this.lastPollAt = now;
    this.member.pollHeartbeat(now);
    if (this.status !== 'running') return;
    this.reportDeliveryProblems();
    if (now >= this.nextMetadataRefreshAt) this.refreshMetadata();
    if (this.config.autoOffsetReset === 'none' && this.owned.some((o) => o.position < 0)) {
      const missing = this.owned.filter((o) => o.position < 0).map((o) => partitionName(o.topic.name, o.partition));
      this.fail(`NoOffsetForPartitionException: no committed offset for ${missing.join(', ')} and auto.offset.reset=none`);
      return;
    }
    if (!this.standalone && !this.config.enableAutoCommit && this.processedSinceCommit && this.generation < 0) {
      // The application's commitSync() after its batch: the consumer was removed meanwhile.
      this.processedSinceCommit = false;
      this.ctx.emit({
        type: 'commit-failed',
        group: this.groupId,
        clientId: this.clientId,
        error: 'CommitFailedException: the consumer is no longer part of the group (it took longer than max.poll.interval.ms, or its session timed out); its partitions went to others',
        offsets: Object.fromEntries(this.owned.filter((o) => o.position >= 0).map((o) => [partitionName(o.topic.name, o.partition), o.position])),
      });
    }
    if (this.member.poll(now) && this.status === 'running') this.maybeCommit(now);
  }

  private refreshMetadata(): void {
    this.nextMetadataRefreshAt = this.ctx.now + this.config.metadataMaxAgeMs;
    const names = new Set<string>([...this.topics, ...this.member.watchedTopics]);
    for (const name of names) {
      const count = this.ctx.topic(name)?.partitionCount ?? 0;
      const before = this.knownPartitions.get(name);
      if (before !== undefined && before !== count) {
        this.ctx.emit({ type: 'metadata-refreshed', group: this.groupId, clientId: this.clientId, topic: name, partitions: count });
      }
      this.knownPartitions.set(name, count);
    }
  }

  learnTopic(topic: string, partitions: number): void {
    this.knownPartitions.set(topic, partitions);
  }

  // ---- partitions -------------------------------------------------------------------------

  ownedPartitions(): TopicPartition[] {
    return this.owned.map((o) => ({ topic: o.topic.name, partition: o.partition }));
  }

  ownedNames(): string[] {
    return this.owned.map((o) => partitionName(o.topic.name, o.partition));
  }

  revoke(partitions: readonly TopicPartition[]): void {
    if (partitions.length === 0) return;
    const gone = new Set(partitions.map((tp) => partitionName(tp.topic, tp.partition)));
    this.ctx.emit({ type: 'partitions-revoked', group: this.groupId, clientId: this.clientId, partitions: this.ownedNames().filter((n) => gone.has(n)) });
    this.owned = this.owned.filter((o) => !gone.has(partitionName(o.topic.name, o.partition)));
  }

  lose(reason: string): void {
    if (this.owned.length === 0) return;
    this.ctx.emit({ type: 'partitions-lost', group: this.groupId, clientId: this.clientId, partitions: this.ownedNames(), reason });
    this.owned = [];
  }

  assign(partitions: readonly TopicPartition[], generation: number, announceEmpty: boolean): void {
    this.addPartitions(partitions);
    if (partitions.length > 0 || announceEmpty) {
      this.ctx.emit({ type: 'partitions-assigned', group: this.groupId, clientId: this.clientId, generation, partitions: partitions.map((tp) => partitionName(tp.topic, tp.partition)) });
    }
  }

  endBatch(): void {
    this.batchRemaining = 0;
  }

  /** Starts fetching new partitions from the committed offset (OffsetFetch), or as auto.offset.reset says. */
  private addPartitions(partitions: readonly TopicPartition[]): void {
    if (partitions.length === 0) return;
    const byTopic = new Map<string, number[]>();
    for (const tp of partitions) {
      if (!this.ctx.topic(tp.topic)) continue;
      let list = byTopic.get(tp.topic);
      if (!list) byTopic.set(tp.topic, (list = []));
      list.push(tp.partition);
    }
    const committed = new Map<string, number>();
    this.transport.send({ api: 'OffsetFetch', groupId: this.groupId, topics: [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes })) }, (response) => {
      for (const t of response.topics) for (const p of t.partitions) committed.set(partitionName(t.name, p.partitionIndex), p.committedOffset);
    });
    for (const tp of partitions) {
      const topic = this.ctx.topic(tp.topic);
      if (!topic) continue;
      const last = committed.get(partitionName(tp.topic, tp.partition)) ?? -1;
      let position = last;
      if (position < 0) {
        const policy = this.config.autoOffsetReset;
        position = policy === 'earliest' ? 0 : policy === 'latest' ? (topic.logEndOffsets[tp.partition] ?? 0) : -1;
        this.ctx.emit({
          type: 'offset-reset',
          group: this.groupId,
          clientId: this.clientId,
          partition: partitionName(tp.topic, tp.partition),
          policy: policy === 'none' ? 'none (NoOffsetForPartitionException: the partition is not consumed)' : policy,
          offset: position,
        });
      }
      this.owned.push({ topic, partition: tp.partition, position, committed: last, pendingDuplicates: 0, pendingDuplicatesFrom: -1, pendingOutOfOrder: 0 });
    }
    this.owned.sort((a, b) => (a.topic.name < b.topic.name ? -1 : a.topic.name > b.topic.name ? 1 : a.partition - b.partition));
  }

  private available(): number {
    let total = 0;
    for (const o of this.owned) if (o.position >= 0) total += Math.max(0, (o.topic.logEndOffsets[o.partition] ?? 0) - o.position);
    return total;
  }

  /** Processes up to `n` records spread fairly over the owned partitions; returns how many. */
  private process(n: number): number {
    const owned = this.owned;
    const count = owned.length;
    if (count === 0) return 0;
    let remaining = n;
    let progress = true;
    while (remaining > 0 && progress) {
      progress = false;
      let active = 0;
      for (const o of owned) if (o.position >= 0 && (o.topic.logEndOffsets[o.partition] ?? 0) > o.position) active++;
      if (active === 0) break;
      const share = Math.max(1, Math.floor(remaining / active));
      for (let i = 0; i < count && remaining > 0; i++) {
        const o = owned[(this.rr + i) % count]!;
        if (o.position < 0) continue;
        const avail = (o.topic.logEndOffsets[o.partition] ?? 0) - o.position;
        if (avail <= 0) continue;
        const take = Math.min(share, avail, remaining);
        const from = o.position;
        const result = this.ledger.process(o.topic, o.partition, from, from + take);
        if (result.duplicates > 0) {
          if (o.pendingDuplicates === 0) o.pendingDuplicatesFrom = from;
          o.pendingDuplicates += result.duplicates;
        }
        o.pendingOutOfOrder += result.outOfOrder;
        o.position += take;
        remaining -= take;
        progress = true;
      }
      this.rr = (this.rr + 1) % count;
    }
    if (n > remaining) this.processedSinceCommit = true;
    return n - remaining;
  }

  private reportDeliveryProblems(): void {
    for (const o of this.owned) {
      if (o.pendingDuplicates > 0) {
        this.ctx.emit({ type: 'records-reprocessed', group: this.groupId, clientId: this.clientId, partition: partitionName(o.topic.name, o.partition), count: o.pendingDuplicates, fromOffset: o.pendingDuplicatesFrom });
        o.pendingDuplicates = 0;
        o.pendingDuplicatesFrom = -1;
      }
      if (o.pendingOutOfOrder > 0) {
        this.ctx.emit({ type: 'out-of-order', group: this.groupId, clientId: this.clientId, partition: partitionName(o.topic.name, o.partition), count: o.pendingOutOfOrder });
        o.pendingOutOfOrder = 0;
      }
    }
  }

  // ---- commits ------------------------------------------------------------------------------

  private maybeCommit(now: number): void {
    if (this.config.enableAutoCommit) {
      if (now >= this.nextAutoCommitAt) {
        this.nextAutoCommitAt = now + this.config.autoCommitIntervalMs;
        this.commit();
      }
    } else if (this.processedSinceCommit) {
      // enable.auto.commit=false: the application commits synchronously after each poll's records.
      this.commit();
    }
  }

  commitProcessed(): void {
    if (this.config.enableAutoCommit || this.processedSinceCommit) this.commit();
  }

  /** Commits the positions of the owned partitions that moved since their last commit. */
  private commit(): void {
    const moved = this.owned.filter((o) => o.position >= 0 && o.committed !== o.position);
    this.processedSinceCommit = false;
    if (moved.length === 0) return;
    const record: Record<string, number> = {};
    const byTopic = new Map<string, Array<{ partitionIndex: number; committedOffset: number; committedMetadata: null }>>();
    for (const o of moved) {
      record[partitionName(o.topic.name, o.partition)] = o.position;
      let list = byTopic.get(o.topic.name);
      if (!list) byTopic.set(o.topic.name, (list = []));
      list.push({ partitionIndex: o.partition, committedOffset: o.position, committedMetadata: null });
    }
    const { memberId, generation } = this.member.commitIdentity();
    const sent = moved.map((o) => [o, o.position] as const);
    this.transport.send(
      { api: 'OffsetCommit', groupId: this.groupId, generationIdOrMemberEpoch: generation, memberId, groupInstanceId: this.standalone ? null : (this.config.groupInstanceId ?? null), topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) },
      (response) => {
        if (response.errorCode !== 'NONE') {
          this.ctx.emit({ type: 'commit-failed', group: this.groupId, clientId: this.clientId, error: response.errorCode, offsets: record });
          return;
        }
        for (const [o, offset] of sent) o.committed = offset;
      },
    );
  }

  // ---- lifecycle ------------------------------------------------------------------------

  /** close(): commit, revoke, leave (static classic members send no LeaveGroup). */
  close(): void {
    if (this.status !== 'running') return;
    if (this.standalone || this.membership === 'stable') this.commitProcessed();
    if (!this.standalone) this.revoke(this.ownedPartitions());
    this.owned = [];
    this.status = 'stopped';
    this.member.leave('the consumer is being closed');
  }

  /** poll() threw a fatal exception: the application ends without committing (a typical one closes the consumer in `finally`: it leaves). */
  fail(error: string): void {
    if (this.status !== 'running') return;
    this.ctx.emit({ type: 'consumer-failed', group: this.groupId, clientId: this.clientId, error });
    this.lose('the consumer failed');
    this.status = 'stopped';
    this.member.leave(error.split(':')[0]!);
  }

  crash(): void {
    this.status = 'crashed';
    this.owned = [];
  }

  stall(now: number, durationMs: number): void {
    this.stalledUntil = Math.max(this.stalledUntil, now + durationMs);
  }

  /** The new strategy takes effect at the next rejoin (the coordinator starts that rebalance). */
  setAssignors(assignors: AssignorName[]): void {
    this.config = { ...this.config, assignors };
  }
}
