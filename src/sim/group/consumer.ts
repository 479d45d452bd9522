/**
 * A KIP-848 consumer group on the coordinator (Kafka's `ConsumerGroup`, `group.protocol=consumer`):
 * one `ConsumerGroupHeartbeat` request does joining, heartbeating, leaving and one step of
 * reconciliation. A group epoch is bumped when membership, subscriptions or topic metadata change;
 * the server-side assignor computes the target assignment for that epoch; each member reconciles
 * towards it (./reconciliation.ts). States: Empty, Assigning, Reconciling, Stable.
 *
 * Classic members (online upgrade, ./migration.ts) stay in the group with JoinGroup, SyncGroup,
 * Heartbeat and LeaveGroup (`classicGroup*ToConsumerGroup` in Kafka's GroupMetadataManager): a
 * heartbeat tells one to rejoin when the group epoch moved past its own or it has partitions to
 * revoke or to collect; its JoinGroup is one reconciliation step, answered at once (it is never
 * the leader: the server-side assignor decides); its SyncGroup returns what it may own now. It
 * must rejoin and sync within its rebalance timeout, or it is fenced. When the last member that
 * speaks the consumer protocol leaves, the group becomes classic again.
 *
 * Over 500 lines: the classic members' four requests work on the same member records, epochs and
 * target assignment as ConsumerGroupHeartbeat; apart, they would have to expose all of them.
 */
import type { TopicPartition } from '../assignors/types';
import type { GroupState } from '../groupState';
import type {
  ConsumerGroupHeartbeatRequest,
  ConsumerGroupHeartbeatResponse,
  DescribedConsumerGroup,
  HeartbeatRequest,
  HeartbeatResponse,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  SyncGroupRequest,
  SyncGroupResponse,
} from './api';
import { ByteFormatError } from './bytes';
import { decodeSubscription, encodeAssignment, type ConsumerSubscription } from './consumerProtocol';
import { commonProtocols } from './classicProtocols';
import type { ErrorName } from './errors';
import type { Group, GroupEnv, MemberView } from './group';
import type { GroupOffsets } from './offsets';
import { computeTargetAssignment, JOIN_EPOCH, kafkaUuid, key, Kip848Member, LEAVE_EPOCH, reconcile, sameAssignment, sortPartitions, STATIC_LEAVE_EPOCH } from './reconciliation';
import type { ClientContext } from './transport';

/** A member that speaks the classic protocol inside a consumer group (Kafka's `ClassicMemberMetadata`). */
export interface ClassicMemberMetadata {
  /** Its JoinGroup protocols (assignor names and subscriptions), as a classic group keeps them. */
  protocols: JoinGroupRequest['protocols'];
  /** Its SyncGroup is due by then (after a JoinGroup response), or it is fenced. */
  syncDeadline: number;
  /** Its JoinGroup is due by then (after it was told to rejoin), or it is fenced. */
  joinDeadline: number;
}

export interface ConsumerMember extends MemberView {
  memberId: string;
  clientId: string;
  host: string;
  readonly groupInstanceId: string | undefined;
  subscription: readonly string[];
  rebalanceTimeoutMs: number;
  /** The broker's group.consumer.session.timeout.ms; a classic member's own session.timeout.ms. */
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  lastHeartbeat: number;
  missedHeartbeatsReported: number;
  assignment: TopicPartition[];
  readonly reconciliation: Kip848Member;
  /** null for a member that speaks the consumer protocol. */
  classic: ClassicMemberMetadata | null;
  /**
   * A consumer-protocol member asked to revoke must have done so by then, at the epoch it was
   * asked at (`revokeEpoch`), or it is fenced (Kafka's rebalance timeout of the member).
   */
  revokeDeadline: number;
  revokeEpoch: number;
}

const EMPTY_BYTES = new Uint8Array(0);

export class ConsumerGroup implements Group {
  readonly protocolType = 'consumer' as const;
  readonly cooperative = true;
  readonly leaderId = undefined;
  state: GroupState = 'Empty';
  /** The group epoch. */
  generation = 0;
  readonly assignor: 'uniform' | 'range';
  /** The epoch of the current target assignment. */
  assignmentEpoch = 0;
  readonly members = new Map<string, ConsumerMember>();
  readonly offsets: GroupOffsets;
  /** Partition counts the target assignment was computed from. */
  private targetTopics = new Map<string, number>();
  /** Member ids replaced by a newer instance of the same group.instance.id. */
  private readonly fencedMemberIds = new Set<string>();
  /** Converted back to a classic group: the coordinator holds that one now. */
  private detached = false;

  /**
   * `downgrade(leavingMemberId)`: the coordinator's online downgrade, asked for when the member
   * leaving is the last one that speaks the consumer protocol; it returns whether it converted the
   * group to a classic one (then this group is gone, and the member is not removed here).
   */
  constructor(
    readonly groupId: string,
    private readonly env: GroupEnv,
    serverAssignor: string | null,
    private readonly downgrade: (leavingMemberId: string) => boolean = () => false,
  ) {
    this.offsets = env.offsets;
    this.assignor = serverAssignor === 'range' ? 'range' : 'uniform';
  }

  /**
   * The members of a classic group being upgraded (`ConsumerGroup.fromClassicGroup`): each keeps
   * the classic assignment it has, at the classic generation, which becomes the group epoch and
   * the target assignment's epoch.
   */
  adoptClassicMembers(generation: number, members: readonly ConsumerMember[]): void {
    this.generation = generation;
    this.assignmentEpoch = generation;
    for (const m of members) this.members.set(m.memberId, m);
    // Converted as it was: every member reconciled to the classic generation (Kafka writes no state change).
    this.state = members.length > 0 ? 'Stable' : 'Empty';
  }

  private get ctx() {
    return this.env.ctx;
  }

  private response(errorCode: ErrorName, memberId: string, memberEpoch: number, assignment: readonly TopicPartition[] | null = null): ConsumerGroupHeartbeatResponse {
    return { errorCode, errorMessage: null, memberId, memberEpoch, heartbeatIntervalMs: this.ctx.broker.consumerHeartbeatIntervalMs, assignment };
  }

  /** What Kafka refuses before it looks at the group (`throwIfConsumerGroupHeartbeatRequestIsInvalid`). */
  private invalidRequest(req: ConsumerGroupHeartbeatRequest): { error: ErrorName; message: string } | undefined {
    if (req.memberEpoch < STATIC_LEAVE_EPOCH) return { error: 'INVALID_REQUEST', message: `MemberEpoch ${req.memberEpoch} is not valid` };
    if (req.memberEpoch !== JOIN_EPOCH && req.memberId === '') return { error: 'INVALID_REQUEST', message: 'MemberId can not be empty' };
    if (req.memberEpoch === JOIN_EPOCH) {
      if (req.subscribedTopicNames === null) return { error: 'INVALID_REQUEST', message: 'SubscribedTopicNames must be set in first request' };
      if (req.topicPartitions !== null && req.topicPartitions.length > 0) return { error: 'INVALID_REQUEST', message: 'TopicPartitions must be empty when (re-)joining' };
      if (req.rebalanceTimeoutMs < 0) return { error: 'INVALID_REQUEST', message: 'RebalanceTimeoutMs must be provided in first request' };
    }
    if (req.serverAssignor !== null && req.serverAssignor !== 'uniform' && req.serverAssignor !== 'range') return { error: 'UNSUPPORTED_ASSIGNOR', message: `ServerAssignor ${req.serverAssignor} is not supported; supported assignors: uniform, range` };
    return undefined;
  }

  heartbeat(context: ClientContext, request: ConsumerGroupHeartbeatRequest): ConsumerGroupHeartbeatResponse {
    let req = request;
    const ctx = this.ctx;
    let member = this.members.get(req.memberId);

    if (req.memberEpoch === LEAVE_EPOCH || req.memberEpoch === STATIC_LEAVE_EPOCH) {
      if (!member) return this.response('UNKNOWN_MEMBER_ID', req.memberId, -1);
      if (req.memberEpoch === STATIC_LEAVE_EPOCH && member.groupInstanceId !== undefined) {
        // A static member going away for a restart keeps its partitions until its session expires.
        member.reconciliation.leftTemporarily = true;
        ctx.emit({ type: 'member-left', group: this.groupId, memberId: member.memberId, clientId: member.clientId, reason: 'static member leaving temporarily (epoch -2): its partitions wait for it' });
      } else {
        ctx.emit({ type: 'member-left', group: this.groupId, memberId: member.memberId, clientId: member.clientId, reason: 'the consumer is being closed' });
        this.fence(member, `member ${member.memberId} left the group`);
      }
      this.updateState();
      return this.response('NONE', req.memberId, req.memberEpoch);
    }

    const invalid = this.invalidRequest(req);
    if (invalid) return { ...this.response(invalid.error, req.memberId, -1), errorMessage: invalid.message };

    if (req.memberEpoch === JOIN_EPOCH) {
      // A member without an id gets one (clients before KIP-1082 let the coordinator choose).
      if (req.memberId === '') req = { ...req, memberId: kafkaUuid(ctx) };
      const previous = req.instanceId !== null ? this.findStatic(req.instanceId) : undefined;
      if (previous && previous.memberId !== req.memberId && previous.classic === null && !previous.reconciliation.leftTemporarily) {
        // The instance id still belongs to a member that has not left (with epoch -2): the newcomer cannot join.
        return { ...this.response('UNRELEASED_INSTANCE_ID', req.memberId, -1), errorMessage: `Static member ${req.memberId} with instance id ${req.instanceId} cannot join the group because the instance id is owned by ${previous.memberId} member.` };
      }
      if (previous && previous.memberId !== req.memberId) {
        // A static member is back: it takes over the previous instance's assignment, no new epoch;
        // a classic instance it replaced is fenced at its next request.
        const previousMemberId = previous.memberId;
        this.members.delete(previousMemberId);
        if (!previous.reconciliation.leftTemporarily) this.fencedMemberIds.add(previousMemberId);
        previous.memberId = req.memberId;
        previous.clientId = context.clientId;
        previous.host = context.clientHost;
        previous.reconciliation.leftTemporarily = false;
        this.members.set(req.memberId, previous);
        ctx.emit({ type: 'static-member-rejoined', group: this.groupId, memberId: req.memberId, previousMemberId, groupInstanceId: req.instanceId ?? '', clientId: context.clientId });
        member = previous;
      } else if (!member) {
        member = {
          memberId: req.memberId,
          clientId: context.clientId,
          host: context.clientHost,
          groupInstanceId: req.instanceId ?? undefined,
          subscription: req.subscribedTopicNames ?? [],
          rebalanceTimeoutMs: req.rebalanceTimeoutMs,
          sessionTimeoutMs: ctx.broker.consumerSessionTimeoutMs,
          heartbeatIntervalMs: ctx.broker.consumerHeartbeatIntervalMs,
          lastHeartbeat: ctx.now,
          missedHeartbeatsReported: 0,
          assignment: [],
          usesConsumerProtocol: true,
          reconciliation: { memberEpoch: 0, previousMemberEpoch: -1, state: 'STABLE', assigned: [], pendingRevocation: [], target: [], lastSent: '', leftTemporarily: false },
          classic: null,
          revokeDeadline: Infinity,
          revokeEpoch: -1,
        };
        this.members.set(member.memberId, member);
        ctx.emit({ type: 'member-joined', group: this.groupId, memberId: member.memberId, clientId: member.clientId, ...(member.groupInstanceId !== undefined ? { groupInstanceId: member.groupInstanceId } : {}) });
        this.bumpGroupEpoch(`member ${member.memberId} joined the group`);
      } else {
        // The same member joining again (it lost its partitions): it starts from nothing.
        const r = member.reconciliation;
        [r.memberEpoch, r.previousMemberEpoch, r.state, r.assigned, r.pendingRevocation] = [0, -1, 'STABLE', [], []];
        member.assignment = [];
      }
      // A join is a full request: the response carries the whole assignment.
      member.reconciliation.lastSent = '\u0000';
    } else {
      // A member replaced by a new instance of its group.instance.id is fenced; any other unknown one rejoins.
      if (!member) return this.response(this.fencedMemberIds.has(req.memberId) ? 'FENCED_INSTANCE_ID' : 'UNKNOWN_MEMBER_ID', req.memberId, -1);
      const r = member.reconciliation;
      if (req.memberEpoch !== r.memberEpoch && req.memberEpoch !== r.previousMemberEpoch) return this.response('FENCED_MEMBER_EPOCH', req.memberId, -1);
    }

    member.lastHeartbeat = ctx.now;
    member.missedHeartbeatsReported = 0;
    if (req.rebalanceTimeoutMs >= 0) member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    if (req.subscribedTopicNames !== null && !sameTopics(member.subscription, req.subscribedTopicNames)) {
      member.subscription = req.subscribedTopicNames;
      this.bumpGroupEpoch(`member ${member.memberId} changed its subscription`);
    }
    this.checkMetadata();
    if (this.generation > this.assignmentEpoch) this.computeTarget();

    const owners = this.owners();
    const r = member.reconciliation;
    // Without a list, the member owns what it was last given and has not been asked to revoke yet.
    const owned = req.topicPartitions ?? [...r.assigned, ...r.pendingRevocation];
    const before = `${r.state} ${r.memberEpoch} ${r.assigned.map(key).join(',')}`;
    reconcile(r, member.memberId, this.assignmentEpoch, owned, (tp) => owners.get(key(tp)));
    member.assignment = r.assigned.slice();
    if (`${r.state} ${r.memberEpoch} ${r.assigned.map(key).join(',')}` !== before) {
      // Asked to revoke: it has its rebalance timeout to do so (rescheduled at every change).
      member.revokeDeadline = r.state === 'UNREVOKED_PARTITIONS' ? ctx.now + member.rebalanceTimeoutMs : Infinity;
      member.revokeEpoch = r.memberEpoch;
    }
    this.updateState();

    const sent = r.assigned.map(key).join(',');
    const changed = sent !== r.lastSent;
    r.lastSent = sent;
    return this.response('NONE', member.memberId, r.memberEpoch, changed ? r.assigned.slice() : null);
  }

  /** OffsetCommit's check: commits carry the member's current epoch exactly (ConsumerGroup.validateOffsetCommit). */
  validateOffsetCommit(memberId: string, memberEpoch: number): ErrorName | undefined {
    if (memberId === '' && memberEpoch < 0) return this.members.size > 0 ? 'UNKNOWN_MEMBER_ID' : undefined;
    const member = this.members.get(memberId);
    if (!member) return 'UNKNOWN_MEMBER_ID';
    const r = member.reconciliation;
    if (memberEpoch !== r.memberEpoch) return 'STALE_MEMBER_EPOCH';
    return undefined;
  }

  tick(now: number): void {
    for (const m of [...this.members.values()]) {
      if (this.detached) return;
      const silent = now - m.lastHeartbeat;
      if (now >= m.revokeDeadline && m.reconciliation.memberEpoch === m.revokeEpoch) {
        this.ctx.emit({ type: 'member-removed-on-rebalance-timeout', group: this.groupId, memberId: m.memberId, clientId: m.clientId, cause: 'revoke' });
        this.fence(m, `member ${m.memberId} fenced: it did not revoke its partitions within its rebalance timeout (${m.rebalanceTimeoutMs} ms)`);
      } else if (m.classic && (now >= m.classic.syncDeadline || now >= m.classic.joinDeadline)) {
        const why = now >= m.classic.syncDeadline ? 'the member failed to sync within timeout' : 'the classic member failed to join within the rebalance timeout';
        this.ctx.emit({ type: 'member-removed-on-rebalance-timeout', group: this.groupId, memberId: m.memberId, clientId: m.clientId, ...(now >= m.classic.syncDeadline ? { cause: 'sync' as const } : {}) });
        this.fence(m, `member ${m.memberId} fenced: ${why}`);
      } else if (silent >= m.sessionTimeoutMs) {
        this.ctx.emit({ type: 'session-timed-out', group: this.groupId, memberId: m.memberId, clientId: m.clientId, sessionTimeoutMs: m.sessionTimeoutMs });
        this.fence(m, `member ${m.memberId} session expired`);
      } else if (!m.reconciliation.leftTemporarily && silent > (m.missedHeartbeatsReported + 1) * m.heartbeatIntervalMs) {
        m.missedHeartbeatsReported++;
        this.ctx.emit({ type: 'heartbeat-missed', group: this.groupId, memberId: m.memberId, clientId: m.clientId, silentMs: silent, sessionTimeoutMs: m.sessionTimeoutMs });
      }
    }
  }

  // ---- classic members (online upgrade) --------------------------------------------------------

  /** A member's classic JoinGroup (`classicGroupJoinToConsumerGroup`): one reconciliation step, answered at once. */
  joinClassic(context: ClientContext, req: JoinGroupRequest, respond: (r: JoinGroupResponse) => void): void {
    const ctx = this.ctx;
    const fail = (errorCode: ErrorName, memberId = req.memberId): void =>
      this.env.later(() => respond({ errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId, members: [] }));
    if (req.sessionTimeoutMs < ctx.broker.minSessionTimeoutMs || req.sessionTimeoutMs > ctx.broker.maxSessionTimeoutMs) return fail('INVALID_SESSION_TIMEOUT');
    if (!this.supportsClassicProtocols(req)) {
      const classicMembers = [...this.members.values()].filter((m) => m.classic);
      ctx.emit({ type: 'join-rejected', group: this.groupId, clientId: context.clientId, error: 'INCONSISTENT_GROUP_PROTOCOL', assignors: req.protocols.map((p) => p.name), groupAssignors: classicMembers.length > 0 ? commonProtocols(classicMembers.map((m) => m.classic!)) : [] });
      return fail('INCONSISTENT_GROUP_PROTOCOL');
    }
    // A new dynamic member first gets its id (KIP-394), a Kafka Uuid as in any consumer group.
    if (req.memberId === '' && req.groupInstanceId === null) return fail('MEMBER_ID_REQUIRED', kafkaUuid(ctx));
    let subscription: ConsumerSubscription;
    try {
      subscription = decodeSubscription(req.protocols[0]!.metadata);
    } catch (e) {
      if (!(e instanceof ByteFormatError)) throw e;
      return fail('UNKNOWN_SERVER_ERROR'); // Kafka: IllegalStateException, malformed embedded consumer protocol
    }
    let member = this.members.get(req.memberId);
    if (req.groupInstanceId !== null) {
      const existing = this.findStatic(req.groupInstanceId);
      if (existing && req.memberId !== '' && existing.memberId !== req.memberId) return fail('FENCED_INSTANCE_ID');
      if (!existing && req.memberId !== '') return fail('UNKNOWN_MEMBER_ID');
      if (existing && req.memberId === '') {
        // A restarted static instance takes over the previous one's place and partitions.
        const previousMemberId = existing.memberId;
        this.members.delete(previousMemberId);
        this.fencedMemberIds.add(previousMemberId);
        existing.memberId = kafkaUuid(ctx);
        existing.clientId = context.clientId;
        existing.host = context.clientHost;
        this.members.set(existing.memberId, existing);
        ctx.emit({ type: 'static-member-rejoined', group: this.groupId, memberId: existing.memberId, previousMemberId, groupInstanceId: req.groupInstanceId, clientId: context.clientId });
      }
      member = existing;
    }
    if (member && !member.classic) return fail('UNKNOWN_MEMBER_ID');
    const memberId = member?.memberId ?? (req.memberId !== '' ? req.memberId : kafkaUuid(ctx));
    const classic: ClassicMemberMetadata = { protocols: req.protocols, syncDeadline: Infinity, joinDeadline: Infinity };
    if (!member) {
      member = {
        memberId,
        clientId: context.clientId,
        host: context.clientHost,
        groupInstanceId: req.groupInstanceId ?? undefined,
        subscription: subscription.topics,
        rebalanceTimeoutMs: req.rebalanceTimeoutMs,
        sessionTimeoutMs: req.sessionTimeoutMs,
        heartbeatIntervalMs: context.heartbeatIntervalMs,
        lastHeartbeat: ctx.now,
        missedHeartbeatsReported: 0,
        assignment: [],
        reconciliation: { memberEpoch: 0, previousMemberEpoch: -1, state: 'STABLE', assigned: [], pendingRevocation: [], target: [], lastSent: '', leftTemporarily: false },
        classic,
        usesConsumerProtocol: false,
        revokeDeadline: Infinity,
        revokeEpoch: -1,
      };
      this.members.set(memberId, member);
      ctx.emit({ type: 'member-joined', group: this.groupId, memberId, clientId: member.clientId, ...(member.groupInstanceId !== undefined ? { groupInstanceId: member.groupInstanceId } : {}) });
      this.bumpGroupEpoch(`member ${memberId} joined the group`);
    } else {
      member.classic = classic;
      member.clientId = context.clientId;
      member.host = context.clientHost;
      member.sessionTimeoutMs = req.sessionTimeoutMs;
      member.heartbeatIntervalMs = context.heartbeatIntervalMs;
      if (req.rebalanceTimeoutMs >= 0) member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
      if (!sameTopics(member.subscription, subscription.topics)) {
        member.subscription = subscription.topics;
        this.bumpGroupEpoch(`member ${memberId} changed its subscription`);
      }
    }
    member.lastHeartbeat = ctx.now;
    member.missedHeartbeatsReported = 0;
    this.checkMetadata();
    if (this.generation > this.assignmentEpoch) this.computeTarget();
    const owners = this.owners();
    const r = member.reconciliation;
    reconcile(r, memberId, this.assignmentEpoch, subscription.ownedPartitions, (tp) => owners.get(key(tp)));
    member.assignment = r.assigned.slice();
    classic.syncDeadline = ctx.now + member.rebalanceTimeoutMs;
    this.updateState();
    const response: JoinGroupResponse = { errorCode: 'NONE', generationId: r.memberEpoch, protocolType: 'consumer', protocolName: req.protocols[0]!.name, leader: '', skipAssignment: false, memberId, members: [] };
    this.env.later(() => respond(response));
  }

  /** A classic member's SyncGroup (`classicGroupSyncToConsumerGroup`): what it may own now. */
  syncClassic(req: SyncGroupRequest, respond: (r: SyncGroupResponse) => void): void {
    const error = (errorCode: ErrorName): void => this.env.later(() => respond({ errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES }));
    const member = this.classicMember(req.memberId, req.groupInstanceId);
    if (typeof member === 'string') return error(member);
    const classic = member.classic!;
    if (req.generationId !== member.reconciliation.memberEpoch) return error('ILLEGAL_GENERATION');
    if ((req.protocolType !== null && req.protocolType !== 'consumer') || (req.protocolName !== null && req.protocolName !== classic.protocols[0]!.name)) return error('INCONSISTENT_GROUP_PROTOCOL');
    if (this.rejoinNeeded(member, false)) return error('REBALANCE_IN_PROGRESS');
    classic.syncDeadline = Infinity;
    member.lastHeartbeat = this.ctx.now;
    const assignment = encodeAssignment({ partitions: member.reconciliation.assigned, userData: null });
    this.env.later(() => respond({ errorCode: 'NONE', protocolType: 'consumer', protocolName: classic.protocols[0]!.name, assignment }));
  }

  /** A classic member's Heartbeat (`classicGroupHeartbeatToConsumerGroup`): REBALANCE_IN_PROGRESS when it must rejoin. */
  heartbeatClassic(req: HeartbeatRequest): HeartbeatResponse {
    const member = this.classicMember(req.memberId, req.groupInstanceId);
    if (typeof member === 'string') return { errorCode: member };
    if (req.generationId !== member.reconciliation.memberEpoch) return { errorCode: 'ILLEGAL_GENERATION' };
    member.lastHeartbeat = this.ctx.now;
    member.missedHeartbeatsReported = 0;
    return { errorCode: this.rejoinNeeded(member, true) ? 'REBALANCE_IN_PROGRESS' : 'NONE' };
  }

  /** Classic members leaving (`classicGroupLeaveToConsumerGroup`): one new group epoch for all of them. */
  leaveClassic(req: LeaveGroupRequest): LeaveGroupResponse {
    const results: Array<LeaveGroupResponse['members'][number]> = [];
    const gone: ConsumerMember[] = [];
    for (const who of req.members) {
      const member = who.groupInstanceId !== null ? this.findStatic(who.groupInstanceId) : this.members.get(who.memberId);
      let errorCode: ErrorName = 'NONE';
      if (!member || !member.classic) errorCode = 'UNKNOWN_MEMBER_ID';
      else if (who.groupInstanceId !== null && who.memberId !== '' && member.memberId !== who.memberId) errorCode = 'FENCED_INSTANCE_ID';
      results.push({ memberId: member?.memberId ?? who.memberId, groupInstanceId: who.groupInstanceId, errorCode });
      if (!member || errorCode !== 'NONE') continue;
      this.members.delete(member.memberId);
      gone.push(member);
      this.ctx.emit({ type: 'member-left', group: this.groupId, memberId: member.memberId, clientId: member.clientId, reason: who.reason ?? 'the consumer is being closed' });
    }
    if (gone.length > 0) {
      this.bumpGroupEpoch(`${gone.map((m) => `member ${m.memberId}`).join(', ')} left the group`);
      this.updateState();
    }
    return { errorCode: 'NONE', members: results };
  }

  /** The member a classic request names, or the error Kafka answers with. */
  private classicMember(memberId: string, groupInstanceId: string | null): ConsumerMember | ErrorName {
    if (groupInstanceId !== null) {
      const m = this.findStatic(groupInstanceId);
      if (!m) return 'UNKNOWN_MEMBER_ID';
      if (m.memberId !== memberId) return 'FENCED_INSTANCE_ID';
      return m.classic ? m : 'UNKNOWN_MEMBER_ID';
    }
    const m = this.members.get(memberId);
    return m?.classic ? m : 'UNKNOWN_MEMBER_ID';
  }

  /**
   * Whether a classic member must rejoin: the group epoch moved past its own, or (heartbeat only)
   * it has partitions to revoke, or partitions it waited for are free now. Starts its join deadline.
   */
  private rejoinNeeded(member: ConsumerMember, heartbeat: boolean): boolean {
    const r = member.reconciliation;
    const behind = this.generation > r.memberEpoch && r.state !== 'UNREVOKED_PARTITIONS';
    const reconcileNow = heartbeat && (r.state === 'UNREVOKED_PARTITIONS' || (r.state === 'UNRELEASED_PARTITIONS' && !this.waitingOnUnreleasedPartition(member)));
    const needed = heartbeat ? this.generation > r.memberEpoch || reconcileNow : behind;
    if (needed && member.classic!.joinDeadline === Infinity) member.classic!.joinDeadline = this.ctx.now + member.rebalanceTimeoutMs;
    return needed;
  }

  /** Some partition of its target is still held by another member. */
  private waitingOnUnreleasedPartition(member: ConsumerMember): boolean {
    const owners = this.owners();
    const assigned = new Set(member.reconciliation.assigned.map(key));
    return member.reconciliation.target.some((tp) => !assigned.has(key(tp)) && owners.has(key(tp)));
  }

  /** `supportsClassicProtocols`: the consumer protocol type, and an assignor every classic member lists. */
  private supportsClassicProtocols(req: JoinGroupRequest): boolean {
    if (req.protocolType !== 'consumer' || req.protocols.length === 0) return false;
    const classicMembers = [...this.members.values()].filter((m) => m.classic);
    return req.protocols.some((p) => classicMembers.every((m) => m.classic!.protocols.some((q) => q.name === p.name)));
  }

  /** The classic members, for a downgrade: every member but the one leaving. */
  classicMembersExcept(leavingMemberId: string): ConsumerMember[] | undefined {
    const rest = [...this.members.values()].filter((m) => m.memberId !== leavingMemberId);
    const leaving = this.members.get(leavingMemberId);
    if (!leaving || leaving.classic || rest.length === 0 || rest.some((m) => !m.classic)) return undefined;
    return rest;
  }

  /** Removes a member (left, timed out, fenced), or hands the group back to the classic protocol. */
  private fence(member: ConsumerMember, reason: string): void {
    if (member.classic === null && this.downgrade(member.memberId)) {
      this.detached = true;
      return;
    }
    this.members.delete(member.memberId);
    this.bumpGroupEpoch(reason);
    this.updateState();
  }

  describe(): DescribedConsumerGroup {
    return {
      errorCode: 'NONE',
      groupId: this.groupId,
      groupState: this.state,
      groupEpoch: this.generation,
      assignmentEpoch: this.assignmentEpoch,
      assignorName: this.assignor,
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        instanceId: m.groupInstanceId ?? null,
        clientId: m.clientId,
        clientHost: m.host,
        memberEpoch: m.reconciliation.memberEpoch,
        subscribedTopicNames: m.subscription,
        assignment: m.assignment.slice(),
        targetAssignment: m.reconciliation.target.slice(),
      })),
    };
  }

  /** The coordinator sees topic metadata directly: added partitions bump the group epoch. */
  private checkMetadata(): void {
    for (const [topic, count] of this.targetTopics) {
      const now = this.ctx.topic(topic)?.partitionCount ?? 0;
      if (now !== count) {
        this.bumpGroupEpoch(`topic ${topic} now has ${now} partitions`);
        return;
      }
    }
  }

  private bumpGroupEpoch(reason: string): void {
    this.generation++;
    this.ctx.emit({ type: 'group-epoch-bumped', group: this.groupId, groupEpoch: this.generation, reason });
  }

  private computeTarget(): void {
    const members = [...this.members.values()];
    const subscribed = new Set<string>();
    for (const m of members) for (const t of m.subscription) subscribed.add(t);
    const topics = new Map<string, number>();
    for (const t of [...subscribed].sort()) {
      const count = this.ctx.topic(t)?.partitionCount ?? 0;
      if (count > 0) topics.set(t, count);
    }
    const target = computeTargetAssignment(this.assignor, topics, members.map((m) => ({ memberId: m.memberId, subscription: m.subscription, target: m.reconciliation.target })));
    const record: Record<string, string[]> = {};
    for (const m of members) {
      m.reconciliation.target = sortPartitions([...(target.get(m.memberId) ?? [])]);
      record[m.memberId] = m.reconciliation.target.map(key);
    }
    this.targetTopics = topics;
    this.assignmentEpoch = this.generation;
    this.ctx.emit({ type: 'target-assignment-computed', group: this.groupId, assignmentEpoch: this.assignmentEpoch, assignor: this.assignor, assignment: record });
  }

  /** Who holds each partition now: assigned, or still being revoked. */
  private owners(): Map<string, string> {
    const owners = new Map<string, string>();
    for (const m of this.members.values()) {
      for (const tp of m.reconciliation.assigned) owners.set(key(tp), m.memberId);
      for (const tp of m.reconciliation.pendingRevocation) owners.set(key(tp), m.memberId);
    }
    return owners;
  }

  private updateState(): void {
    let next: GroupState;
    if (this.members.size === 0) next = 'Empty';
    else if (this.generation > this.assignmentEpoch) next = 'Assigning';
    else {
      const settled = [...this.members.values()].every((m) => {
        const r = m.reconciliation;
        return r.state === 'STABLE' && r.memberEpoch === this.assignmentEpoch && sameAssignment(r.assigned, r.target);
      });
      next = settled ? 'Stable' : 'Reconciling';
    }
    if (next === this.state) return;
    const from = this.state;
    this.state = next;
    this.ctx.emit({ type: 'group-state-changed', group: this.groupId, from, to: next });
  }

  private findStatic(instanceId: string): ConsumerMember | undefined {
    for (const m of this.members.values()) if (m.groupInstanceId === instanceId) return m;
    return undefined;
  }
}

function sameTopics(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}
