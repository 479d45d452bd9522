/**
 * The classic protocol from the client side (the Java client's `ConsumerCoordinator` and
 * `AbstractCoordinator`, simplified to what shows on a timeline):
 * - `onJoinPrepare`: commit, then revoke everything (eager) or nothing yet (cooperative);
 * - JoinGroup with one protocol per configured assignor, each carrying the subscription
 *   (ConsumerProtocolSubscription: topics, owned partitions, generation, sticky userData);
 *   MEMBER_ID_REQUIRED → join again with the id the coordinator gave;
 * - the leader runs the assignor on the members' subscriptions and sends the result in its
 *   SyncGroup; followers send an empty one;
 * - the assignment from SyncGroup: cooperative members give up what moved and rejoin;
 * - heartbeats from a background thread (or, in the legacy mode the tutorial describes, only from
 *   poll()), `max.poll.interval.ms`, and the leader's rejoin when metadata changed since it assigned.
 */
import { getAssignor, isAssignorName } from '../assignors';
import type { AssignorMember, TopicPartition } from '../assignors/types';
import { partitionName } from '../context';
import type { JoinGroupResponse, SyncGroupResponse } from '../group/api';
import { ByteFormatError } from '../group/bytes';
import { decodeAssignment, decodeStickyUserData, decodeSubscription, encodeAssignment, encodeStickyUserData, encodeSubscription, type ConsumerSubscription, type StickyUserData } from '../group/consumerProtocol';
import type { Membership, MembershipHost, MembershipStatus } from './membership';

export class ClassicMembership implements Membership {
  status: MembershipStatus = 'unjoined';
  memberId = '';
  generation = -1;
  /** Why the client must rejoin at its next poll(), if it must. */
  private rejoinReason: string | undefined = 'consumer started';
  /** Left the group because poll() was not called in time; rejoins at the next poll(). */
  private leftOnPollTimeout = false;
  private leaderId = '';
  private protocolName = '';
  /** As leader: the metadata the last assignment was computed from (`assignmentSnapshot`). */
  private assignmentSnapshot: ReadonlyMap<string, number> | undefined;
  private pendingSnapshot: ReadonlyMap<string, number> | undefined;
  /** The eager sticky assignor's userData: the last assignment received and its generation. */
  private lastAssignment: StickyUserData | undefined;

  constructor(private readonly host: MembershipHost) {}

  get watchedTopics(): readonly string[] {
    return this.assignmentSnapshot ? [...this.assignmentSnapshot.keys()] : [];
  }

  private get cooperative(): boolean {
    // The client uses COOPERATIVE only if every configured assignor supports it.
    return this.host.config.assignors.every((a) => getAssignor(a).supportedProtocols.includes('COOPERATIVE'));
  }

  commitIdentity(): { memberId: string; generation: number } {
    return { memberId: this.memberId, generation: this.generation };
  }

  private get instanceId(): string | null {
    return this.host.config.groupInstanceId ?? null;
  }

  // ---- heartbeats ---------------------------------------------------------------------------

  heartbeatThread(now: number): void {
    if (this.host.heartbeatMode !== 'background') return;
    // A member that has not completed a join yet (no generation) has nothing to keep alive.
    if (this.status === 'unjoined' || this.generation < 0) return;
    if (now - this.host.lastPollAt > this.host.config.maxPollIntervalMs && !this.leftOnPollTimeout) {
      this.leftOnPollTimeout = true;
      this.host.ctx.emit({ type: 'poll-timeout', group: this.host.groupId, memberId: this.memberId, clientId: this.host.clientId, maxPollIntervalMs: this.host.config.maxPollIntervalMs });
      // Dynamic members leave at once; static members never send LeaveGroup (KIP-345).
      if (this.instanceId === null) this.sendLeave('consumer poll timeout has expired');
      this.resetGeneration();
      this.rejoinReason = 'consumer poll timeout has expired';
      return;
    }
    if (now - this.host.lastHeartbeatSentAt >= this.host.config.heartbeatIntervalMs) this.sendHeartbeat(now);
  }

  private sendHeartbeat(now: number): void {
    this.host.lastHeartbeatSentAt = now;
    if (this.generation < 0) return;
    this.host.transport.send({ api: 'Heartbeat', groupId: this.host.groupId, generationId: this.generation, memberId: this.memberId, groupInstanceId: this.instanceId }, (response) => {
      const error = response.errorCode;
      if (error === 'REBALANCE_IN_PROGRESS') {
        if (this.status === 'stable' && this.rejoinReason === undefined) this.rejoinReason = 'group is rebalancing';
      } else if (error === 'FENCED_INSTANCE_ID') {
        this.fenced();
      } else if (error !== 'NONE') {
        if (this.status !== 'joining') {
          // ILLEGAL_GENERATION keeps the member id (the member is still known); UNKNOWN_MEMBER_ID does not.
          const memberId = this.memberId;
          this.resetGeneration();
          if (error === 'ILLEGAL_GENERATION') this.memberId = memberId;
          this.rejoinReason = `heartbeat failed: ${error}`;
        }
      }
    });
  }

  /** Forget the member id and generation; the next poll() rejoins (a static member as itself). */
  private resetGeneration(): void {
    this.memberId = '';
    this.generation = -1;
    if (this.status !== 'joining') this.status = 'unjoined';
  }

  private fenced(): void {
    this.memberId = '';
    this.generation = -1;
    this.status = 'unjoined';
    this.host.fail('FencedInstanceIdException: another consumer joined with the same group.instance.id');
  }

  // ---- poll() -------------------------------------------------------------------------------

  pollHeartbeat(now: number): void {
    if (this.host.heartbeatMode === 'poll' && now - this.host.lastHeartbeatSentAt >= this.host.config.heartbeatIntervalMs) this.sendHeartbeat(now);
  }

  poll(): boolean {
    if (this.rejoinReason === undefined && this.metadataChangedSinceAssignment()) this.rejoinReason = 'cached metadata has changed';
    if (this.rejoinReason !== undefined && this.status !== 'joining') {
      this.joinPrepare();
      const reason = this.rejoinReason;
      this.rejoinReason = undefined;
      this.status = 'joining';
      this.sendJoin(`${reason} (${this.host.clientId})`);
      return false;
    }
    // Commits carry the generation; during a cooperative rebalance the current one still counts.
    return this.status === 'stable' || (this.status === 'joining' && this.generation >= 0);
  }

  /** ConsumerCoordinator.rejoinNeededOrPending: the leader rejoins while its metadata differs from what it assigned. */
  private metadataChangedSinceAssignment(): boolean {
    const snap = this.assignmentSnapshot;
    if (!snap || this.status !== 'stable' || this.leaderId !== this.memberId) return false;
    for (const [topic, count] of this.host.metadata) if (snap.get(topic) !== count) return true;
    return false;
  }

  /** `onJoinPrepare`: commit (if the generation is still valid) and revoke, or lose partitions. */
  private joinPrepare(): void {
    const generationValid = this.generation >= 0 && this.memberId !== '';
    if (!generationValid) {
      this.host.lose('no longer a member of the current generation');
      return;
    }
    this.host.commitProcessed();
    if (!this.cooperative) this.host.revoke(this.host.ownedPartitions());
  }

  // ---- JoinGroup and SyncGroup ----------------------------------------------------------------

  private sendJoin(reason: string): void {
    const owned = this.host.ownedPartitions();
    const config = this.host.config;
    const protocols = config.assignors.map((name) => ({
      name,
      metadata: encodeSubscription({
        topics: [...this.host.topics].sort(),
        userData: name === 'sticky' && this.lastAssignment ? encodeStickyUserData(this.lastAssignment) : null,
        ownedPartitions: owned,
        generationId: this.generation,
        rackId: null,
      }),
    }));
    this.host.transport.send(
      {
        api: 'JoinGroup',
        groupId: this.host.groupId,
        sessionTimeoutMs: config.sessionTimeoutMs,
        rebalanceTimeoutMs: config.maxPollIntervalMs,
        memberId: this.memberId,
        groupInstanceId: this.instanceId,
        protocolType: 'consumer',
        protocols,
        reason,
      },
      (response) => this.onJoinResponse(response, reason),
    );
  }

  private onJoinResponse(response: JoinGroupResponse, reason: string): void {
    if (!this.host.running) return;
    switch (response.errorCode) {
      case 'NONE':
        break;
      case 'MEMBER_ID_REQUIRED':
        this.memberId = response.memberId;
        this.sendJoin(reason);
        return;
      case 'INCONSISTENT_GROUP_PROTOCOL':
        this.status = 'unjoined';
        this.host.fail('InconsistentGroupProtocolException: no partition.assignment.strategy in common with the group');
        return;
      case 'FENCED_INSTANCE_ID':
        this.fenced();
        return;
      case 'UNKNOWN_MEMBER_ID':
        this.status = 'unjoined';
        this.resetGeneration();
        this.rejoinReason = `JoinGroup failed: ${response.errorCode}`;
        return;
      default:
        this.status = 'unjoined';
        this.rejoinReason = `JoinGroup failed: ${response.errorCode}`;
        return;
    }
    this.memberId = response.memberId;
    this.generation = response.generationId;
    this.leaderId = response.leader;
    this.protocolName = response.protocolName ?? '';
    let assignments: Array<{ memberId: string; assignment: Uint8Array }> = [];
    this.pendingSnapshot = undefined;
    if (response.leader === response.memberId) {
      if (!response.skipAssignment) assignments = this.assign(response);
      // A returning static leader assigns nothing but still watches the metadata it knows.
      else this.pendingSnapshot = new Map(this.host.metadata);
    }
    this.host.transport.send(
      { api: 'SyncGroup', groupId: this.host.groupId, generationId: this.generation, memberId: this.memberId, groupInstanceId: this.instanceId, protocolType: 'consumer', protocolName: this.protocolName, assignments },
      (sync) => this.onSyncResponse(sync),
    );
  }

  /** The leader's job: run the chosen assignor on every member's subscription, with its own metadata. */
  private assign(response: JoinGroupResponse): Array<{ memberId: string; assignment: Uint8Array }> {
    const protocol = response.protocolName ?? '';
    if (!isAssignorName(protocol)) return [];
    // A member whose metadata cannot be read (a broken client) subscribes to nothing here.
    const members = response.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, subscription: readSubscription(m.metadata) }));
    const subscribed = new Set<string>();
    for (const m of members) for (const t of m.subscription.topics) subscribed.add(t);
    const topics = new Map<string, number>();
    for (const t of [...subscribed].sort()) {
      // A topic the leader does not follow yet is fetched fresh (ensureFreshMetadata).
      const count = this.host.metadata.get(t) ?? this.host.ctx.topic(t)?.partitionCount;
      if (count !== undefined && count > 0) topics.set(t, count);
    }
    // The eager StickyAssignor reads previous assignments from its userData; the cooperative one
    // from Subscription.ownedPartitions (FACTS §1.3).
    const fromUserData = protocol === 'sticky';
    const input: AssignorMember[] = members.map((m) => {
      const sticky = fromUserData && m.subscription.userData ? readStickyUserData(m.subscription.userData) : undefined;
      const owned = fromUserData ? (sticky?.partitions ?? []) : m.subscription.ownedPartitions;
      const generation = fromUserData ? (sticky?.generation ?? -1) : m.subscription.generationId;
      return {
        memberId: m.memberId,
        ...(m.groupInstanceId !== null ? { groupInstanceId: m.groupInstanceId } : {}),
        subscription: m.subscription.topics,
        ownedPartitions: owned,
        ...(generation >= 0 ? { generation } : {}),
      };
    });
    const assignment = getAssignor(protocol).assign({ topics, members: input });
    this.pendingSnapshot = topics;
    return members.map((m) => ({ memberId: m.memberId, assignment: encodeAssignment({ partitions: assignment.get(m.memberId) ?? [], userData: null }) }));
  }

  private onSyncResponse(response: SyncGroupResponse): void {
    if (!this.host.running) return;
    if (response.errorCode !== 'NONE') {
      if (response.errorCode === 'FENCED_INSTANCE_ID') return this.fenced();
      this.status = 'unjoined';
      if (response.errorCode !== 'REBALANCE_IN_PROGRESS') this.resetGeneration();
      this.rejoinReason = response.errorCode === 'REBALANCE_IN_PROGRESS' ? 'group is rebalancing' : `SyncGroup failed: ${response.errorCode}`;
      return;
    }
    let assignment: readonly TopicPartition[];
    try {
      assignment = decodeAssignment(response.assignment).partitions;
    } catch (e) {
      if (!(e instanceof ByteFormatError)) throw e;
      // A leader outside the engine sent bytes no consumer can read: the Java client's poll() throws.
      this.host.fail(`SchemaException: the assignment from the group leader cannot be read (${e.message})`);
      return;
    }
    this.lastAssignment = { partitions: assignment.slice(), generation: this.generation };
    // The leader watches the metadata of every topic the group subscribes to, not only its own.
    this.assignmentSnapshot = this.pendingSnapshot;
    if (this.pendingSnapshot) for (const [topic, count] of this.pendingSnapshot) if (!this.host.metadata.has(topic)) this.host.learnTopic(topic, count);
    this.status = 'stable';
    this.leftOnPollTimeout = false;
    this.host.endBatch();
    const assigned = new Set(assignment.map((tp) => partitionName(tp.topic, tp.partition)));
    const revoked = this.host.ownedPartitions().filter((tp) => !assigned.has(partitionName(tp.topic, tp.partition)));
    if (revoked.length > 0) {
      // Cooperative: give up only what moves, then rejoin so it can be handed out.
      this.host.revoke(revoked);
      this.rejoinReason = 'need to revoke partitions and re-join';
    }
    const have = new Set(this.host.ownedPartitions().map((tp) => partitionName(tp.topic, tp.partition)));
    this.host.assign(assignment.filter((tp) => !have.has(partitionName(tp.topic, tp.partition))), this.generation, true);
  }

  // ---- leaving ------------------------------------------------------------------------------

  leave(reason: string): void {
    if (this.memberId !== '' && this.instanceId === null) this.sendLeave(reason);
  }

  private sendLeave(reason: string): void {
    this.host.transport.send({ api: 'LeaveGroup', groupId: this.host.groupId, members: [{ memberId: this.memberId, groupInstanceId: this.instanceId, reason }] }, () => undefined);
  }
}

function readSubscription(metadata: Uint8Array): ConsumerSubscription {
  try {
    return decodeSubscription(metadata);
  } catch (e) {
    if (!(e instanceof ByteFormatError)) throw e;
    return { topics: [], userData: null, ownedPartitions: [], generationId: -1, rackId: null };
  }
}

function readStickyUserData(data: Uint8Array): StickyUserData | undefined {
  try {
    return decodeStickyUserData(data);
  } catch (e) {
    if (!(e instanceof ByteFormatError)) throw e;
    return undefined;
  }
}
