/**
 * A Kafka consumer (the Java client's behaviour, simplified to what shows on a timeline):
 * poll() loop with `max.poll.records`, processing at a rate, auto-commit inside poll(),
 * heartbeats from a background thread (or, in the legacy mode the tutorial describes, only from
 * poll()), `max.poll.interval.ms`, eager or cooperative rebalancing, and offsets fetched from
 * the group's committed offsets when a partition is assigned.
 *
 * A standalone consumer (`assign()` instead of `subscribe()`) never joins the group; it commits
 * to the group id's offsets with no member id, as the Java client does for manual assignment.
 */
import type { AssignorName, TopicPartition } from './assignors/types';
import { getAssignor } from './assignors';
import type { ResolvedConsumerConfig } from './config';
import { partitionName, SimContext } from './context';
import type { GroupCoordinator, JoinResult, MemberClient } from './groupCoordinator';
import { JOIN_EPOCH, kafkaUuid, key, LEAVE_EPOCH, STATIC_LEAVE_EPOCH } from './kip848';
import type { Topic } from './topic';

export type ConsumerStatus = 'running' | 'stopped' | 'crashed';
/** Where the client is in the group protocol. */
export type MembershipStatus = 'unjoined' | 'joining' | 'stable' | 'standalone';

export interface OwnedPartition {
  readonly topic: Topic;
  readonly partition: number;
  /** Next offset to process; -1 when no offset could be found (auto.offset.reset=none). */
  position: number;
  /** Duplicates / out-of-order records seen since the last poll, reported then. */
  pendingDuplicates: number;
  pendingDuplicatesFrom: number;
  pendingOutOfOrder: number;
}

export interface ConsumerOptions {
  readonly clientId: string;
  readonly group: GroupCoordinator;
  readonly topics: readonly string[];
  readonly ratePerSec: number;
  readonly heartbeatMode: 'background' | 'poll';
  readonly host: string;
  readonly config: ResolvedConsumerConfig;
  /** Set for a standalone consumer: the partitions it assigns itself. */
  readonly manualAssignment?: readonly TopicPartition[];
}

export class ConsumerClient implements MemberClient {
  readonly clientId: string;
  readonly group: GroupCoordinator;
  readonly topics: readonly string[];
  readonly heartbeatMode: 'background' | 'poll';
  readonly host: string;
  config: ResolvedConsumerConfig;
  ratePerSec: number;
  readonly manualAssignment: readonly TopicPartition[] | undefined;

  status: ConsumerStatus = 'running';
  membership: MembershipStatus;
  memberId = '';
  generation = -1;
  owned: OwnedPartition[] = [];
  /** Why the client must rejoin at its next poll(), if it must. */
  rejoinReason: string | undefined;
  lastPollAt: number;
  lastHeartbeatSentAt: number;
  stalledUntil = -1;
  /** Left the group because poll() was not called in time; rejoins at the next poll(). */
  leftOnPollTimeout = false;
  private batchRemaining = 0;
  private carry = 0;
  private nextAutoCommitAt: number;
  private processedSinceCommit = false;
  private metadata = new Map<string, number>();
  /** As leader: the metadata the last assignment was computed from (`assignmentSnapshot`). */
  private assignmentSnapshot: ReadonlyMap<string, number> | undefined;
  /** The eager sticky assignor's userData: the last assignment received and its generation. */
  private lastAssignment: { partitions: TopicPartition[]; generation: number } | undefined;
  private nextMetadataRefreshAt: number;
  private rr = 0;
  /** KIP-848: the member id this client generated, and whether to heartbeat at the next tick. */
  private kip848MemberId = '';
  private heartbeatNow = false;
  private kip848HeartbeatIntervalMs: number;

  constructor(private readonly ctx: SimContext, options: ConsumerOptions) {
    this.clientId = options.clientId;
    this.group = options.group;
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
    this.kip848HeartbeatIntervalMs = ctx.broker.consumerHeartbeatIntervalMs;
    this.refreshMetadata();
    if (this.manualAssignment) {
      this.membership = 'standalone';
      this.addPartitions(this.manualAssignment);
    } else {
      this.membership = 'unjoined';
      this.rejoinReason = 'consumer started';
    }
  }

  get standalone(): boolean {
    return this.manualAssignment !== undefined;
  }

  /** KIP-848 (`group.protocol=consumer`) rather than the classic protocol. */
  get usesKip848(): boolean {
    return this.config.groupProtocol === 'consumer' && !this.standalone;
  }

  get cooperative(): boolean {
    // The client uses COOPERATIVE only if every configured assignor supports it.
    return this.config.assignors.every((a) => getAssignor(a).supportedProtocols.includes('COOPERATIVE'));
  }

  isStalled(now: number): boolean {
    return now < this.stalledUntil;
  }

  // ---- per tick -------------------------------------------------------------------------

  step(now: number, dtMs: number): void {
    if (this.status !== 'running') return;
    if (this.usesKip848) this.kip848HeartbeatThread(now);
    else if (!this.standalone && this.heartbeatMode === 'background') this.heartbeatThread(now);
    if (this.isStalled(now)) return;
    if (this.stalledUntil >= 0) {
      this.stalledUntil = -1;
      this.ctx.emit({ type: 'consumer-resumed', clientId: this.clientId, group: this.group.groupId });
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

  /** The background heartbeat thread: poll-timeout check and periodic heartbeats. */
  private heartbeatThread(now: number): void {
    if (this.membership === 'unjoined' || this.memberId === '') return;
    if (now - this.lastPollAt > this.config.maxPollIntervalMs && !this.leftOnPollTimeout) {
      this.leftOnPollTimeout = true;
      this.ctx.emit({ type: 'poll-timeout', group: this.group.groupId, memberId: this.memberId, clientId: this.clientId, maxPollIntervalMs: this.config.maxPollIntervalMs });
      // Dynamic members leave at once; static members never send LeaveGroup (KIP-345).
      if (this.config.groupInstanceId === undefined) {
        this.group.leaveGroup(this.memberId, 'consumer poll timeout has expired');
      }
      this.resetGeneration();
      this.rejoinReason = 'consumer poll timeout has expired';
      return;
    }
    if (now - this.lastHeartbeatSentAt >= this.config.heartbeatIntervalMs) this.sendHeartbeat(now);
  }

  private sendHeartbeat(now: number): void {
    this.lastHeartbeatSentAt = now;
    if (this.memberId === '') return;
    const result = this.group.heartbeat(this.memberId, this.generation);
    if (result === 'REBALANCE_IN_PROGRESS') {
      if (this.membership === 'stable' && this.rejoinReason === undefined) this.rejoinReason = 'group is rebalancing';
    } else if (result === 'UNKNOWN_MEMBER_ID' || result === 'FENCED_INSTANCE_ID' || result === 'ILLEGAL_GENERATION') {
      if (this.membership !== 'joining') {
        this.resetGeneration();
        this.rejoinReason = `heartbeat failed: ${result}`;
      }
    }
  }

  /** Forget the member id and generation; the next poll() rejoins (a static member as itself). */
  private resetGeneration(): void {
    this.memberId = '';
    this.generation = -1;
    if (this.membership !== 'joining') this.membership = 'unjoined';
  }

  /** One poll(): heartbeats (legacy mode), metadata, rejoin, auto-commit. */
  private poll(now: number): void {
    this.lastPollAt = now;
    // (KIP-848 clients heartbeat from their background thread whatever heartbeatMode says.)
    if (!this.standalone && !this.usesKip848 && this.heartbeatMode === 'poll' && now - this.lastHeartbeatSentAt >= this.config.heartbeatIntervalMs) this.sendHeartbeat(now);
    this.reportDeliveryProblems();
    if (now >= this.nextMetadataRefreshAt) this.refreshMetadata();

    if (this.config.autoOffsetReset === 'none' && this.owned.some((o) => o.position < 0)) {
      const missing = this.owned.filter((o) => o.position < 0).map((o) => partitionName(o.topic.name, o.partition));
      this.fail(`NoOffsetForPartitionException: no committed offset for ${missing.join(', ')} and auto.offset.reset=none`);
      return;
    }
    if (this.standalone) {
      this.maybeCommit(now);
      return;
    }
    if (!this.config.enableAutoCommit && this.processedSinceCommit && this.generation < 0) {
      // The application's commitSync() after its batch: the consumer was removed meanwhile.
      this.processedSinceCommit = false;
      this.ctx.emit({
        type: 'commit-failed',
        group: this.group.groupId,
        clientId: this.clientId,
        error: 'CommitFailedException: the consumer is no longer part of the group (it took longer than max.poll.interval.ms, or its session timed out); its partitions went to others',
        offsets: Object.fromEntries(this.owned.filter((o) => o.position >= 0).map((o) => [partitionName(o.topic.name, o.partition), o.position])),
      });
    }
    if (this.usesKip848) {
      if (this.rejoinReason !== undefined && this.membership === 'unjoined') {
        this.rejoinReason = undefined;
        this.kip848Join(now);
      }
      if (this.status === 'running' && (this.membership === 'stable' || (this.membership === 'joining' && this.generation > 0))) this.maybeCommit(now);
      return;
    }
    if (this.rejoinReason === undefined && this.metadataChangedSinceAssignment()) this.rejoinReason = 'cached metadata has changed';
    if (this.rejoinReason !== undefined && this.membership !== 'joining') {
      this.joinPrepare();
      const reason = this.rejoinReason;
      this.rejoinReason = undefined;
      this.membership = 'joining';
      const accepted = this.group.joinGroup({
        client: this,
        memberId: this.memberId,
        groupInstanceId: this.config.groupInstanceId,
        host: this.host,
        assignors: this.config.assignors,
        cooperative: this.cooperative,
        subscription: this.topics,
        ownedPartitions: this.owned.map((o) => ({ topic: o.topic.name, partition: o.partition })),
        generation: this.generation,
        userData: this.lastAssignment,
        sessionTimeoutMs: this.config.sessionTimeoutMs,
        rebalanceTimeoutMs: this.config.maxPollIntervalMs,
        heartbeatIntervalMs: this.config.heartbeatIntervalMs,
        metadata: new Map(this.metadata),
        reason: `${reason} (${this.clientId})`,
      });
      if (!accepted) {
        this.membership = 'unjoined';
        this.fail('InconsistentGroupProtocolException: no partition.assignment.strategy in common with the group');
      }
      return;
    }
    // Commits carry the generation; during a cooperative rebalance the current one still counts.
    if (this.membership === 'stable' || (this.membership === 'joining' && this.generation >= 0)) this.maybeCommit(now);
  }

  /** ConsumerCoordinator.rejoinNeededOrPending: the leader rejoins while its metadata differs from what it assigned. */
  private metadataChangedSinceAssignment(): boolean {
    const snap = this.assignmentSnapshot;
    if (!snap || this.membership !== 'stable' || this.group.leaderId !== this.memberId) return false;
    for (const [topic, count] of this.metadata) if (snap.get(topic) !== count) return true;
    return false;
  }

  /** `onJoinPrepare`: commit (if the generation is still valid) and revoke, or lose partitions. */
  private joinPrepare(): void {
    const generationValid = this.generation >= 0 && this.memberId !== '';
    if (!generationValid) {
      if (this.owned.length > 0) {
        this.ctx.emit({ type: 'partitions-lost', group: this.group.groupId, clientId: this.clientId, partitions: this.ownedNames(), reason: 'no longer a member of the current generation' });
        this.owned = [];
      }
      return;
    }
    if (this.config.enableAutoCommit || this.processedSinceCommit) this.commit('before rebalance');
    if (!this.cooperative && this.owned.length > 0) {
      this.ctx.emit({ type: 'partitions-revoked', group: this.group.groupId, clientId: this.clientId, partitions: this.ownedNames() });
      this.owned = [];
    }
  }

  onJoinComplete(result: JoinResult): void {
    if (this.status !== 'running') return;
    this.memberId = result.memberId;
    this.generation = result.generation;
    this.lastAssignment = { partitions: result.assignment.slice(), generation: result.generation };
    // The leader watches the metadata of every topic the group subscribes to, not only its own.
    this.assignmentSnapshot = result.assignedTopics;
    if (result.assignedTopics) for (const [topic, count] of result.assignedTopics) if (!this.metadata.has(topic)) this.metadata.set(topic, count);
    this.membership = 'stable';
    this.leftOnPollTimeout = false;
    this.batchRemaining = 0;
    const assigned = new Set(result.assignment.map((tp) => partitionName(tp.topic, tp.partition)));
    const revoked = this.owned.filter((o) => !assigned.has(partitionName(o.topic.name, o.partition)));
    if (revoked.length > 0) {
      // Cooperative: give up only what moves, then rejoin so it can be handed out.
      this.ctx.emit({ type: 'partitions-revoked', group: this.group.groupId, clientId: this.clientId, partitions: revoked.map((o) => partitionName(o.topic.name, o.partition)) });
      this.owned = this.owned.filter((o) => assigned.has(partitionName(o.topic.name, o.partition)));
      this.rejoinReason = 'need to revoke partitions and re-join';
    }
    const have = new Set(this.owned.map((o) => partitionName(o.topic.name, o.partition)));
    const added = result.assignment.filter((tp) => !have.has(partitionName(tp.topic, tp.partition)));
    this.addPartitions(added);
    this.ctx.emit({ type: 'partitions-assigned', group: this.group.groupId, clientId: this.clientId, generation: result.generation, partitions: added.map((tp) => partitionName(tp.topic, tp.partition)) });
  }

  /** Starts fetching new partitions from the committed offset, or as auto.offset.reset says. */
  private addPartitions(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      const topic = this.ctx.topic(tp.topic);
      if (!topic) continue;
      let position = this.group.committed(tp.topic, tp.partition);
      if (position < 0) {
        const policy = this.config.autoOffsetReset;
        position = policy === 'earliest' ? 0 : policy === 'latest' ? (topic.logEndOffsets[tp.partition] ?? 0) : -1;
        this.ctx.emit({
          type: 'offset-reset',
          group: this.group.groupId,
          clientId: this.clientId,
          partition: partitionName(tp.topic, tp.partition),
          policy: policy === 'none' ? 'none (NoOffsetForPartitionException: the partition is not consumed)' : policy,
          offset: position,
        });
      }
      this.owned.push({ topic, partition: tp.partition, position, pendingDuplicates: 0, pendingDuplicatesFrom: -1, pendingOutOfOrder: 0 });
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
        const result = this.group.ledger.process(o.topic, o.partition, from, from + take);
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
        this.ctx.emit({ type: 'records-reprocessed', group: this.group.groupId, clientId: this.clientId, partition: partitionName(o.topic.name, o.partition), count: o.pendingDuplicates, fromOffset: o.pendingDuplicatesFrom });
        o.pendingDuplicates = 0;
        o.pendingDuplicatesFrom = -1;
      }
      if (o.pendingOutOfOrder > 0) {
        this.ctx.emit({ type: 'out-of-order', group: this.group.groupId, clientId: this.clientId, partition: partitionName(o.topic.name, o.partition), count: o.pendingOutOfOrder });
        o.pendingOutOfOrder = 0;
      }
    }
  }

  private maybeCommit(now: number): void {
    if (this.config.enableAutoCommit) {
      if (now >= this.nextAutoCommitAt) {
        this.nextAutoCommitAt = now + this.config.autoCommitIntervalMs;
        this.commit('auto-commit');
      }
    } else if (this.processedSinceCommit) {
      // enable.auto.commit=false: the application commits synchronously after each poll's records.
      this.commit('commitSync');
    }
  }

  /** Commits the positions of the owned partitions that moved since their last commit. */
  commit(_why: string): void {
    const offsets: Array<[string, number, number]> = [];
    const record: Record<string, number> = {};
    for (const o of this.owned) {
      if (o.position < 0) continue;
      if (this.group.committed(o.topic.name, o.partition) === o.position) continue;
      offsets.push([o.topic.name, o.partition, o.position]);
      record[partitionName(o.topic.name, o.partition)] = o.position;
    }
    this.processedSinceCommit = false;
    if (offsets.length === 0) return;
    const previous = offsets.map(([t, p]) => this.group.committed(t, p));
    const result = this.group.commitOffsets(this.standalone ? '' : this.memberId, this.standalone ? -1 : this.generation, offsets);
    if (result !== 'NONE') {
      this.ctx.emit({ type: 'commit-failed', group: this.group.groupId, clientId: this.clientId, error: result, offsets: record });
      return;
    }
    this.ctx.emit({ type: 'offsets-committed', group: this.group.groupId, clientId: this.clientId, offsets: record });
    offsets.forEach(([t, p, offset], i) => {
      const before = previous[i]!;
      if (before > offset) this.ctx.emit({ type: 'offset-moved-backwards', group: this.group.groupId, clientId: this.clientId, partition: partitionName(t, p), from: before, to: offset });
    });
  }

  private refreshMetadata(): void {
    this.nextMetadataRefreshAt = this.ctx.now + this.config.metadataMaxAgeMs;
    const names = new Set<string>([...this.topics, ...(this.assignmentSnapshot?.keys() ?? [])]);
    for (const name of names) {
      const count = this.ctx.topic(name)?.partitionCount ?? 0;
      const before = this.metadata.get(name);
      if (before !== undefined && before !== count) {
        this.ctx.emit({ type: 'metadata-refreshed', group: this.group.groupId, clientId: this.clientId, topic: name, partitions: count });
      }
      this.metadata.set(name, count);
    }
  }

  ownedNames(): string[] {
    return this.owned.map((o) => partitionName(o.topic.name, o.partition));
  }

  // ---- KIP-848 (group.protocol=consumer) ----------------------------------------------------

  /** Joins (again) with member epoch 0; a fenced or timed-out member first loses its partitions. */
  private kip848Join(now: number): void {
    if (this.owned.length > 0) {
      this.ctx.emit({ type: 'partitions-lost', group: this.group.groupId, clientId: this.clientId, partitions: this.ownedNames(), reason: 'no longer a member of the group' });
      this.owned = [];
    }
    if (this.kip848MemberId === '') this.kip848MemberId = kafkaUuid(this.ctx);
    this.memberId = this.kip848MemberId;
    this.generation = JOIN_EPOCH;
    this.membership = 'joining';
    this.kip848Heartbeat(now);
  }

  private kip848HeartbeatThread(now: number): void {
    if (this.membership === 'unjoined' || this.memberId === '') return;
    if (now - this.lastPollAt > this.config.maxPollIntervalMs && !this.leftOnPollTimeout) {
      this.leftOnPollTimeout = true;
      this.ctx.emit({ type: 'poll-timeout', group: this.group.groupId, memberId: this.memberId, clientId: this.clientId, maxPollIntervalMs: this.config.maxPollIntervalMs });
      this.kip848Leave();
      this.membership = 'unjoined';
      this.rejoinReason = 'consumer poll timeout has expired';
      return;
    }
    if (this.heartbeatNow || now - this.lastHeartbeatSentAt >= this.kip848HeartbeatIntervalMs) this.kip848Heartbeat(now);
  }

  private kip848Leave(): void {
    const epoch = this.config.groupInstanceId !== undefined ? STATIC_LEAVE_EPOCH : LEAVE_EPOCH;
    this.group.consumerGroupHeartbeat(this.kip848Request(epoch));
    this.generation = -1;
  }

  private kip848Request(memberEpoch: number) {
    return {
      client: this,
      memberId: this.memberId,
      memberEpoch,
      groupInstanceId: this.config.groupInstanceId,
      host: this.host,
      subscription: this.topics,
      owned: this.owned.map((o) => ({ topic: o.topic.name, partition: o.partition })),
      remoteAssignor: this.config.remoteAssignor,
      rebalanceTimeoutMs: this.config.maxPollIntervalMs,
    };
  }

  /** One ConsumerGroupHeartbeat and, if it carries a new assignment, reconciliation. */
  private kip848Heartbeat(now: number): void {
    this.lastHeartbeatSentAt = now;
    this.heartbeatNow = false;
    const response = this.group.consumerGroupHeartbeat(this.kip848Request(this.generation));
    if (response.error === 'INCONSISTENT_GROUP_PROTOCOL') {
      this.fail('InconsistentGroupProtocolException: the group uses the classic protocol');
      return;
    }
    if (response.error !== 'NONE') {
      // Fenced or forgotten: give everything up and rejoin with epoch 0.
      this.membership = 'unjoined';
      this.generation = -1;
      this.rejoinReason = `heartbeat failed: ${response.error}`;
      this.kip848Join(now);
      return;
    }
    this.generation = response.memberEpoch;
    this.kip848HeartbeatIntervalMs = response.heartbeatIntervalMs;
    if (response.memberEpoch > 0) {
      this.membership = 'stable';
      this.leftOnPollTimeout = false;
    }
    if (response.assignment) this.kip848Reconcile(response.assignment, response.memberEpoch);
  }

  /** Revoke what is no longer ours (committing first), take what is new, and say so at once. */
  private kip848Reconcile(assignment: readonly TopicPartition[], epoch: number): void {
    const assigned = new Set(assignment.map(key));
    const revoked = this.owned.filter((o) => !assigned.has(partitionName(o.topic.name, o.partition)));
    if (revoked.length > 0) {
      // The new consumer commits what it processed before it lets partitions go.
      if (this.config.enableAutoCommit || this.processedSinceCommit) this.commit('before revocation');
      this.ctx.emit({ type: 'partitions-revoked', group: this.group.groupId, clientId: this.clientId, partitions: revoked.map((o) => partitionName(o.topic.name, o.partition)) });
      this.owned = this.owned.filter((o) => assigned.has(partitionName(o.topic.name, o.partition)));
    }
    const have = new Set(this.owned.map((o) => partitionName(o.topic.name, o.partition)));
    const added = assignment.filter((tp) => !have.has(key(tp)));
    if (added.length > 0) {
      this.addPartitions(added);
      this.ctx.emit({ type: 'partitions-assigned', group: this.group.groupId, clientId: this.clientId, generation: epoch, partitions: added.map(key) });
    }
    if (revoked.length > 0 || added.length > 0) {
      this.batchRemaining = 0;
      this.heartbeatNow = true;
    }
  }

  // ---- lifecycle ------------------------------------------------------------------------

  /** close(): commit, revoke, LeaveGroup (static members send none). */
  close(): void {
    if (this.status !== 'running') return;
    if (this.standalone || this.membership === 'stable') {
      if (this.config.enableAutoCommit || this.processedSinceCommit) this.commit('close');
    }
    if (this.owned.length > 0 && !this.standalone) {
      this.ctx.emit({ type: 'partitions-revoked', group: this.group.groupId, clientId: this.clientId, partitions: this.ownedNames() });
    }
    this.owned = [];
    this.status = 'stopped';
    if (this.usesKip848) {
      if (this.generation > 0) this.kip848Leave();
      return;
    }
    if (!this.standalone && this.memberId !== '' && this.config.groupInstanceId === undefined) {
      this.group.leaveGroup(this.memberId, 'the consumer is being closed');
    }
  }

  onFenced(): void {
    if (this.status !== 'running') return;
    this.memberId = '';
    this.generation = -1;
    this.membership = 'unjoined';
    this.fail('FencedInstanceIdException: another consumer joined with the same group.instance.id');
  }

  /** poll() threw a fatal exception: the application ends without committing (its member id, if any, is left to time out). */
  private fail(error: string): void {
    this.ctx.emit({ type: 'consumer-failed', group: this.group.groupId, clientId: this.clientId, error });
    if (this.owned.length > 0) {
      this.ctx.emit({ type: 'partitions-lost', group: this.group.groupId, clientId: this.clientId, partitions: this.ownedNames(), reason: 'the consumer failed' });
    }
    this.owned = [];
    this.status = 'stopped';
    if (this.usesKip848) {
      if (this.generation > 0) this.kip848Leave();
    } else if (!this.standalone && this.memberId !== '' && this.config.groupInstanceId === undefined) {
      // A typical application closes the consumer in `finally`: LeaveGroup.
      this.group.leaveGroup(this.memberId, error.split(':')[0]!);
    }
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
