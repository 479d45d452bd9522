/**
 * A classic consumer group on the coordinator (Kafka's `ClassicGroup` and the classic paths of
 * `GroupMetadataManager`): JoinGroup, SyncGroup, Heartbeat and LeaveGroup requests drive the
 * rebalance state machine Empty → PreparingRebalance → CompletingRebalance → Stable.
 *
 * - A dynamic member without an id is given one and told MEMBER_ID_REQUIRED (KIP-394); it joins
 *   again with it. Pending ids expire after the session timeout.
 * - A new group waits `group.initial.rebalance.delay.ms`, extended while members keep arriving.
 * - Members learn about a rebalance from their next heartbeat (REBALANCE_IN_PROGRESS) and rejoin;
 *   the JoinGroup responses go out when all have (or the rebalance timeout removes the rest).
 * - The leader's response carries every member's subscription; the leader **client** runs the
 *   assignor and sends the result in its SyncGroup. The group stays in CompletingRebalance until
 *   then; members that never send SyncGroup are removed after the rebalance timeout.
 * - A static member (`group.instance.id`) that comes back gets its old assignment without a
 *   rebalance (KIP-345); the instance it replaced is fenced (FENCED_INSTANCE_ID).
 *
 * The broker does not read assignments; the lab decodes them (as the admin tools do) to show who
 * owns what.
 *
 * Over 500 lines: the four requests, DescribeGroups, the timers and the hand-over in an online
 * migration all work on the group's private member state (waiting responses, pending ids,
 * deadlines); split apart they would have to expose it.
 */
import { isAssignorName, getAssignor } from '../assignors';
import type { TopicPartition } from '../assignors/types';
import { partitionName } from '../context';
import type { GroupState } from '../groupState';
import type { DescribedGroup, HeartbeatRequest, HeartbeatResponse, JoinGroupRequest, JoinGroupResponse, JoinGroupResponseMember, LeaveGroupRequest, LeaveGroupResponse, SyncGroupRequest, SyncGroupResponse } from './api';
import { commonProtocols, readAssignment, sameProtocols, selectProtocol, subscriptionTopics } from './classicProtocols';
import type { ErrorName } from './errors';
import type { Group, GroupEnv, MemberView } from './group';
import type { GroupOffsets } from './offsets';
import type { ClientContext } from './transport';

export interface ClassicMember extends MemberView {
  memberId: string;
  clientId: string;
  host: string;
  readonly groupInstanceId: string | undefined;
  protocols: JoinGroupRequest['protocols'];
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  lastHeartbeat: number;
  missedHeartbeatsReported: number;
  /** Its JoinGroup, waiting for the join phase to complete. */
  awaitingJoin: ((r: JoinGroupResponse) => void) | undefined;
  /** Its SyncGroup, waiting for the leader's assignment. */
  awaitingSync: ((r: SyncGroupResponse) => void) | undefined;
  /** The leader's assignment for it (ConsumerProtocolAssignment bytes) and what they say. */
  assignmentBytes: Uint8Array;
  assignment: TopicPartition[];
}

const EMPTY_BYTES = new Uint8Array(0);

export class ClassicGroup implements Group {
  readonly protocolType = 'classic' as const;
  state: GroupState = 'Empty';
  generation = 0;
  assignor: string | undefined;
  cooperative = false;
  leaderId: string | undefined;
  readonly members = new Map<string, ClassicMember>();
  readonly offsets: GroupOffsets;
  /** The members' JoinGroup protocol type ('consumer' for Kafka consumers; Connect says 'connect'). */
  private protocolTypeName = 'consumer';
  /** Ids handed out with MEMBER_ID_REQUIRED, until the member joins with them or its session expires. */
  private readonly pendingMembers = new Map<string, number>();
  /** Members that got a JoinGroup response of this generation and have not sent SyncGroup. */
  private readonly pendingSync = new Set<string>();
  private rebalanceDeadline = Infinity;
  private syncDeadline = Infinity;
  private initialDelayUntil = Infinity;
  private initialDelayRemaining = 0;
  private joinedDuringDelay = false;

  constructor(readonly groupId: string, private readonly env: GroupEnv) {
    this.offsets = env.offsets;
  }

  private get ctx() {
    return this.env.ctx;
  }

  // ---- JoinGroup ----------------------------------------------------------------------------

  join(context: ClientContext, req: JoinGroupRequest, respond: (r: JoinGroupResponse) => void): void {
    const ctx = this.ctx;
    const names = req.protocols.map((p) => p.name);
    const fail = (errorCode: ErrorName, memberId = req.memberId): void =>
      this.env.later(() => respond({ errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId, members: [] }));
    const others = [...this.members.values()].filter((m) => m.memberId !== req.memberId && (req.groupInstanceId === null || m.groupInstanceId !== req.groupInstanceId));
    if (req.sessionTimeoutMs < ctx.broker.minSessionTimeoutMs || req.sessionTimeoutMs > ctx.broker.maxSessionTimeoutMs) {
      // group.min/max.session.timeout.ms bound what a member may ask for.
      fail('INVALID_SESSION_TIMEOUT');
      return;
    }
    const protocolTypeDiffers = this.members.size > 0 && this.protocolTypeName !== req.protocolType;
    if (req.protocolType === '' || names.length === 0 || protocolTypeDiffers || (others.length > 0 && !names.some((a) => others.every((m) => m.protocols.some((p) => p.name === a))))) {
      ctx.emit({ type: 'join-rejected', group: this.groupId, clientId: context.clientId, error: 'INCONSISTENT_GROUP_PROTOCOL', assignors: names, groupAssignors: others.length > 0 ? commonProtocols(others) : [] });
      fail('INCONSISTENT_GROUP_PROTOCOL');
      return;
    }
    let member = req.memberId !== '' ? this.members.get(req.memberId) : undefined;
    if (member && req.groupInstanceId !== null && member.groupInstanceId !== req.groupInstanceId) {
      fail('FENCED_INSTANCE_ID');
      return;
    }
    if (!member && req.groupInstanceId !== null) {
      const existing = this.findStatic(req.groupInstanceId);
      if (existing && req.memberId !== '') {
        // Only a restarted instance (no member id yet) replaces a static member; anything else is an old one.
        fail('FENCED_INSTANCE_ID');
        return;
      }
      if (existing) {
        if (this.replaceStaticMember(existing, context, req, respond)) return;
        member = existing;
      } else if (req.memberId !== '') {
        fail('UNKNOWN_MEMBER_ID');
        return;
      }
    }
    if (!member) {
      if (req.groupInstanceId === null) {
        if (req.memberId === '') {
          // KIP-394: a new dynamic member first gets its id, and joins again with it.
          const memberId = `${context.clientId}-${ctx.rng.uuid()}`;
          this.pendingMembers.set(memberId, ctx.now + req.sessionTimeoutMs);
          fail('MEMBER_ID_REQUIRED', memberId);
          return;
        }
        if (!this.pendingMembers.delete(req.memberId)) {
          fail('UNKNOWN_MEMBER_ID');
          return;
        }
      }
      member = this.addMember(context, req, req.memberId !== '' ? req.memberId : `${req.groupInstanceId}-${ctx.rng.uuid()}`);
    } else if (sameProtocols(member.protocols, req.protocols) && (this.state === 'CompletingRebalance' || (this.state === 'Stable' && member.memberId !== this.leaderId))) {
      // Nothing changed (a retry, or a follower of a Stable group): the current generation again,
      // with the member list for the leader of a generation still waiting for its SyncGroup.
      member.lastHeartbeat = ctx.now;
      member.missedHeartbeatsReported = 0;
      const current = member;
      const withMembers = this.state === 'CompletingRebalance' && member.memberId === this.leaderId;
      this.env.later(() => respond(this.joinResponse(current, withMembers, false)));
      return;
    }
    this.protocolTypeName = req.protocolType;
    member.protocols = req.protocols;
    member.sessionTimeoutMs = req.sessionTimeoutMs;
    member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
    member.heartbeatIntervalMs = context.heartbeatIntervalMs;
    member.lastHeartbeat = ctx.now;
    member.missedHeartbeatsReported = 0;
    const previous = member.awaitingJoin;
    if (previous && previous !== respond) {
      // A second JoinGroup from the same member replaces the first, which is answered now.
      const memberId = member.memberId;
      this.env.later(() => previous({ errorCode: 'UNKNOWN_MEMBER_ID', generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId, members: [] }));
    }
    member.awaitingJoin = respond;

    if (this.state === 'PreparingRebalance') {
      // InitialDelayedJoin waits longer while new members keep arriving at a group that was Empty:
      // a new group, and (Kafka 4.x) one whose members had all gone.
      if (this.initialDelayUntil !== Infinity) this.joinedDuringDelay = true;
    } else {
      this.prepareRebalance(req.reason ?? 'member joined');
    }
    this.tryCompleteJoin();
  }

  private addMember(context: ClientContext, req: JoinGroupRequest, memberId: string): ClassicMember {
    const member: ClassicMember = {
      memberId,
      clientId: context.clientId,
      host: context.clientHost,
      groupInstanceId: req.groupInstanceId ?? undefined,
      protocols: req.protocols,
      sessionTimeoutMs: req.sessionTimeoutMs,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs,
      heartbeatIntervalMs: context.heartbeatIntervalMs,
      lastHeartbeat: this.ctx.now,
      missedHeartbeatsReported: 0,
      awaitingJoin: undefined,
      awaitingSync: undefined,
      assignmentBytes: EMPTY_BYTES,
      assignment: [],
      usesConsumerProtocol: false,
    };
    this.members.set(memberId, member);
    this.ctx.emit({ type: 'member-joined', group: this.groupId, memberId, clientId: member.clientId, ...(member.groupInstanceId !== undefined ? { groupInstanceId: member.groupInstanceId } : {}) });
    return member;
  }

  /**
   * A static member is back (a restart): it gets a new member id and the old one is fenced. In a
   * Stable group it gets its cached assignment without a rebalance (returns true); otherwise it
   * joins the rebalance as the member it replaced.
   */
  private replaceStaticMember(existing: ClassicMember, context: ClientContext, req: JoinGroupRequest, respond: (r: JoinGroupResponse) => void): boolean {
    const ctx = this.ctx;
    const previousMemberId = existing.memberId;
    const fenced: JoinGroupResponse = { errorCode: 'FENCED_INSTANCE_ID', generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId: previousMemberId, members: [] };
    const oldJoin = existing.awaitingJoin;
    const oldSync = existing.awaitingSync;
    if (oldJoin) this.env.later(() => oldJoin(fenced));
    if (oldSync) this.env.later(() => oldSync({ errorCode: 'FENCED_INSTANCE_ID', protocolType: null, protocolName: null, assignment: EMPTY_BYTES }));
    existing.awaitingJoin = undefined;
    existing.awaitingSync = undefined;
    this.members.delete(previousMemberId);
    this.pendingSync.delete(previousMemberId);
    existing.memberId = `${req.groupInstanceId}-${ctx.rng.uuid()}`;
    existing.clientId = context.clientId;
    existing.host = context.clientHost;
    existing.lastHeartbeat = ctx.now;
    existing.missedHeartbeatsReported = 0;
    this.members.set(existing.memberId, existing);
    if (this.leaderId === previousMemberId) this.leaderId = existing.memberId;
    ctx.emit({ type: 'static-member-rejoined', group: this.groupId, memberId: existing.memberId, previousMemberId, groupInstanceId: existing.groupInstanceId ?? '', clientId: context.clientId });
    if (this.state !== 'Stable') return false;
    // KIP-345: same instance, same subscription → the current generation, no rebalance; a
    // returning leader is told to skip the assignment (KIP-814).
    existing.protocols = req.protocols;
    this.pendingSync.add(existing.memberId);
    const isLeader = existing.memberId === this.leaderId;
    this.env.later(() => respond(this.joinResponse(existing, isLeader)));
    return true;
  }

  private joinResponse(member: ClassicMember, withMembers: boolean, skipAssignment = withMembers): JoinGroupResponse {
    const members: JoinGroupResponseMember[] = withMembers
      ? [...this.members.values()].map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? null, metadata: m.protocols.find((p) => p.name === this.assignor)?.metadata ?? EMPTY_BYTES }))
      : [];
    return {
      errorCode: 'NONE',
      generationId: this.generation,
      protocolType: this.protocolTypeName,
      protocolName: this.assignor ?? null,
      leader: this.leaderId ?? '',
      skipAssignment,
      memberId: member.memberId,
      members,
    };
  }

  /**
   * An operator's rolling change of every member's partition.assignment.strategy, done right
   * (through a list both old and new members share): the group rebalances with the new one.
   */
  changeAssignors(assignors: readonly string[]): void {
    for (const m of this.members.values()) {
      const fallback = m.protocols[0]?.metadata ?? EMPTY_BYTES;
      m.protocols = assignors.map((name) => ({ name, metadata: m.protocols.find((p) => p.name === name)?.metadata ?? fallback }));
    }
    if (this.members.size > 0) this.prepareRebalance(`partition.assignment.strategy changed to ${assignors.join(', ')}`);
  }

  // ---- SyncGroup ----------------------------------------------------------------------------

  sync(req: SyncGroupRequest, respond: (r: SyncGroupResponse) => void): void {
    const error = (errorCode: ErrorName): void => this.env.later(() => respond({ errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES }));
    const problem = this.validateMember(req.memberId, req.groupInstanceId);
    if (problem) return error(problem);
    if (req.generationId !== this.generation) return error('ILLEGAL_GENERATION');
    if ((req.protocolName !== null && req.protocolName !== this.assignor) || (req.protocolType !== null && req.protocolType !== this.protocolTypeName)) return error('INCONSISTENT_GROUP_PROTOCOL');
    if (this.state === 'PreparingRebalance') return error('REBALANCE_IN_PROGRESS');
    const member = this.members.get(req.memberId);
    if (!member) return error('UNKNOWN_MEMBER_ID');
    this.pendingSync.delete(member.memberId);
    if (this.state === 'Stable') {
      this.env.later(() => respond({ errorCode: 'NONE', protocolType: this.protocolTypeName, protocolName: this.assignor ?? null, assignment: member.assignmentBytes }));
      return;
    }
    // CompletingRebalance: wait for the leader's assignment.
    member.awaitingSync = respond;
    if (member.memberId === this.leaderId) this.completeSync(req.assignments);
  }

  /** The leader's assignment arrived: store it, go Stable, answer every waiting SyncGroup. */
  private completeSync(assignments: SyncGroupRequest['assignments']): void {
    const given = new Map(assignments.map((a) => [a.memberId, a.assignment]));
    const record: Record<string, string[]> = {};
    const assigned = new Set<string>();
    const subscribed = new Set<string>();
    for (const m of this.members.values()) {
      m.assignmentBytes = given.get(m.memberId) ?? EMPTY_BYTES;
      m.assignment = readAssignment(m.assignmentBytes);
      record[m.memberId] = m.assignment.map((tp) => partitionName(tp.topic, tp.partition));
      for (const tp of m.assignment) assigned.add(partitionName(tp.topic, tp.partition));
      for (const t of subscriptionTopics(m, this.assignor)) subscribed.add(t);
    }
    // Partitions of subscribed topics the leader gave nobody (cooperative: those that move).
    const withheld: string[] = [];
    for (const t of [...subscribed].sort()) {
      const n = this.ctx.topic(t)?.partitionCount ?? 0;
      for (let p = 0; p < n; p++) if (!assigned.has(partitionName(t, p))) withheld.push(partitionName(t, p));
    }
    this.ctx.emit({
      type: 'rebalance-completed',
      group: this.groupId,
      generation: this.generation,
      leader: this.leaderId ?? '',
      assignor: this.assignor ?? '',
      protocol: this.cooperative ? 'COOPERATIVE' : 'EAGER',
      assignment: record,
      withheld,
    });
    this.setState('Stable');
    for (const m of this.members.values()) {
      const waiting = m.awaitingSync;
      if (!waiting) continue;
      m.awaitingSync = undefined;
      const assignment = m.assignmentBytes;
      this.env.later(() => waiting({ errorCode: 'NONE', protocolType: this.protocolTypeName, protocolName: this.assignor ?? null, assignment }));
    }
  }

  // ---- Heartbeat and LeaveGroup ---------------------------------------------------------------

  heartbeat(req: HeartbeatRequest): HeartbeatResponse {
    const problem = this.validateMember(req.memberId, req.groupInstanceId);
    if (problem) return { errorCode: problem };
    if (req.generationId !== this.generation) return { errorCode: 'ILLEGAL_GENERATION' };
    const member = this.members.get(req.memberId);
    if (this.state === 'Empty' || !member) return { errorCode: 'UNKNOWN_MEMBER_ID' };
    member.lastHeartbeat = this.ctx.now;
    member.missedHeartbeatsReported = 0;
    // Heartbeats after a JoinGroup response (CompletingRebalance) are normal ones.
    return { errorCode: this.state === 'PreparingRebalance' ? 'REBALANCE_IN_PROGRESS' : 'NONE' };
  }

  leave(req: LeaveGroupRequest): LeaveGroupResponse {
    const results: Array<LeaveGroupResponse['members'][number]> = [];
    for (const who of req.members) {
      const member = who.memberId !== '' ? this.members.get(who.memberId) : who.groupInstanceId !== null ? this.findStatic(who.groupInstanceId) : undefined;
      let errorCode: ErrorName = 'NONE';
      if (!member) errorCode = 'UNKNOWN_MEMBER_ID';
      else if (who.groupInstanceId !== null && member.groupInstanceId !== who.groupInstanceId) errorCode = 'FENCED_INSTANCE_ID';
      else if (who.groupInstanceId !== null && who.memberId !== '' && member.memberId !== who.memberId) errorCode = 'FENCED_INSTANCE_ID';
      results.push({ memberId: who.memberId, groupInstanceId: who.groupInstanceId, errorCode });
      if (!member || errorCode !== 'NONE') continue;
      const reason = who.reason ?? 'the consumer is being closed';
      this.removeMember(member);
      this.ctx.emit({ type: 'member-left', group: this.groupId, memberId: member.memberId, clientId: member.clientId, reason });
      this.afterMemberRemoved(`member ${member.memberId} left the group (${reason})`);
    }
    return { errorCode: 'NONE', members: results };
  }

  /**
   * DescribeGroups (Kafka 4.x `GroupMetadataManager.describeGroups`): every member with the
   * assignment the coordinator holds for it (the leader's last one: previous owners stay listed
   * while the group rebalances, `describeNoMetadata`); in Stable also its metadata for the chosen
   * protocol and the protocol's name, otherwise neither.
   */
  describe(): DescribedGroup {
    const stable = this.state === 'Stable';
    return {
      errorCode: 'NONE',
      groupId: this.groupId,
      groupState: this.state,
      protocolType: this.members.size > 0 ? this.protocolTypeName : '',
      protocolData: stable ? (this.assignor ?? '') : '',
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId ?? null,
        clientId: m.clientId,
        clientHost: m.host,
        memberMetadata: stable ? (m.protocols.find((p) => p.name === this.assignor)?.metadata ?? EMPTY_BYTES) : EMPTY_BYTES,
        memberAssignment: m.assignmentBytes,
      })),
    };
  }

  /** OffsetCommit's check: a member of this generation, and not in the middle of a sync. */
  validateOffsetCommit(memberId: string, generationId: number, groupInstanceId: string | null): ErrorName | undefined {
    if (memberId === '' && generationId < 0) return this.members.size > 0 ? 'UNKNOWN_MEMBER_ID' : undefined;
    const problem = this.validateMember(memberId, groupInstanceId);
    if (problem) return problem;
    if (generationId !== this.generation) return 'ILLEGAL_GENERATION';
    if (this.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS';
    return undefined;
  }

  private validateMember(memberId: string, groupInstanceId: string | null): ErrorName | undefined {
    if (groupInstanceId !== null) {
      const current = this.findStatic(groupInstanceId);
      if (current && current.memberId !== memberId) return 'FENCED_INSTANCE_ID';
    }
    return this.members.has(memberId) ? undefined : 'UNKNOWN_MEMBER_ID';
  }

  // ---- the clock ----------------------------------------------------------------------------

  tick(now: number): void {
    for (const [id, expires] of this.pendingMembers) {
      if (now < expires) continue;
      this.pendingMembers.delete(id);
      this.tryCompleteJoin();
    }
    if (this.state === 'PreparingRebalance') {
      if (now >= this.initialDelayUntil) {
        if (this.joinedDuringDelay && this.initialDelayRemaining > 0) {
          // InitialDelayedJoin: new members arrived, wait once more (up to the rebalance timeout).
          const delay = Math.min(this.ctx.broker.initialRebalanceDelayMs, this.initialDelayRemaining);
          this.initialDelayRemaining -= delay;
          this.initialDelayUntil = now + delay;
          this.joinedDuringDelay = false;
        } else {
          this.initialDelayUntil = Infinity;
          this.tryCompleteJoin();
        }
      }
      if (this.state === 'PreparingRebalance' && now >= this.rebalanceDeadline) {
        this.pendingMembers.clear();
        for (const m of [...this.members.values()]) {
          // Static members that have not rejoined stay; only their session timeout removes them.
          if (!m.awaitingJoin && m.groupInstanceId === undefined) {
            this.removeMember(m);
            this.ctx.emit({ type: 'member-removed-on-rebalance-timeout', group: this.groupId, memberId: m.memberId, clientId: m.clientId });
          }
        }
        this.completeJoin();
      }
    }
    if ((this.state === 'CompletingRebalance' || this.state === 'Stable') && now >= this.syncDeadline) {
      this.syncDeadline = Infinity;
      if (this.pendingSync.size > 0) {
        const gone = [...this.pendingSync];
        this.pendingSync.clear();
        for (const id of gone) {
          const m = this.members.get(id);
          if (!m) continue;
          this.removeMember(m);
          this.ctx.emit({ type: 'member-removed-on-rebalance-timeout', group: this.groupId, memberId: m.memberId, clientId: m.clientId, cause: 'sync' });
        }
        if (this.members.size === 0) this.becomeEmpty(`removing ${gone.join(', ')} on pending sync request expiration`);
        else this.prepareRebalance(`removing ${gone.join(', ')} on pending sync request expiration`);
      }
    }
    for (const m of [...this.members.values()]) {
      // Members waiting for their JoinGroup or SyncGroup response are kept alive by the request.
      if (m.awaitingJoin || m.awaitingSync) continue;
      const silent = now - m.lastHeartbeat;
      if (silent >= m.sessionTimeoutMs) {
        this.removeMember(m);
        this.ctx.emit({ type: 'session-timed-out', group: this.groupId, memberId: m.memberId, clientId: m.clientId, sessionTimeoutMs: m.sessionTimeoutMs });
        this.afterMemberRemoved(`removing member ${m.memberId} on heartbeat expiration`);
      } else if (silent > (m.missedHeartbeatsReported + 1) * m.heartbeatIntervalMs) {
        m.missedHeartbeatsReported++;
        this.ctx.emit({ type: 'heartbeat-missed', group: this.groupId, memberId: m.memberId, clientId: m.clientId, silentMs: silent, sessionTimeoutMs: m.sessionTimeoutMs });
      }
    }
  }

  // ---- the rebalance ------------------------------------------------------------------------

  /** Starts a rebalance (a no-op if one is already being prepared). */
  prepareRebalance(reason: string): void {
    if (this.state === 'PreparingRebalance' || this.state === 'Dead') return;
    const wasEmpty = this.state === 'Empty';
    // A round restarted before the leader's SyncGroup: every member's assignment is reset
    // (Kafka's resetAndPropagateAssignmentWithError).
    if (this.state === 'CompletingRebalance') {
      for (const m of this.members.values()) [m.assignmentBytes, m.assignment] = [EMPTY_BYTES, []];
    }
    this.setState('PreparingRebalance');
    this.pendingSync.clear();
    this.syncDeadline = Infinity;
    // Members still waiting for a SyncGroup answer learn that a new round started.
    for (const m of this.members.values()) {
      const waiting = m.awaitingSync;
      if (!waiting) continue;
      m.awaitingSync = undefined;
      this.env.later(() => waiting({ errorCode: 'REBALANCE_IN_PROGRESS', protocolType: null, protocolName: null, assignment: EMPTY_BYTES }));
    }
    const timeout = this.rebalanceTimeout();
    this.rebalanceDeadline = this.ctx.now + timeout;
    if (wasEmpty) {
      const delay = Math.min(this.ctx.broker.initialRebalanceDelayMs, timeout);
      this.initialDelayUntil = this.ctx.now + delay;
      this.initialDelayRemaining = timeout - delay;
      this.joinedDuringDelay = false;
    }
    this.ctx.emit({ type: 'rebalance-started', group: this.groupId, reason, generation: this.generation });
  }

  private rebalanceTimeout(): number {
    let timeout = 0;
    for (const m of this.members.values()) timeout = Math.max(timeout, m.rebalanceTimeoutMs);
    return timeout;
  }

  private tryCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance' || this.initialDelayUntil !== Infinity) return;
    // Ids handed out with MEMBER_ID_REQUIRED are expected back before the join phase ends.
    if (this.pendingMembers.size > 0) return;
    for (const m of this.members.values()) if (!m.awaitingJoin) return;
    this.completeJoin();
  }

  /** The join phase is over: a new generation, a leader, and a JoinGroup response for everyone who asked. */
  private completeJoin(): void {
    this.initialDelayUntil = Infinity;
    if (this.members.size > 0 && ![...this.members.values()].some((m) => m.awaitingJoin)) {
      // Nobody rejoined (only static members that have not come back): Kafka waits another
      // rebalance timeout, until their session timeouts remove them.
      this.rebalanceDeadline = this.ctx.now + this.rebalanceTimeout();
      return;
    }
    this.rebalanceDeadline = Infinity;
    this.generation++;
    if (this.members.size === 0) {
      this.leaderId = undefined;
      this.assignor = undefined;
      this.setState('Empty');
      return;
    }
    const members = [...this.members.values()];
    const joined = members.filter((m) => m.awaitingJoin);
    this.assignor = selectProtocol(members.map((m) => m.protocols.map((p) => p.name)));
    // The client rebalances cooperatively only if every assignor it lists supports it.
    this.cooperative = members.every((m) => m.protocols.every((p) => isAssignorName(p.name) && getAssignor(p.name).supportedProtocols.includes('COOPERATIVE')));
    // The leader must be a member that is waiting for its JoinGroup response.
    const leaderIsIn = this.leaderId !== undefined && joined.some((m) => m.memberId === this.leaderId);
    if (!leaderIsIn) this.leaderId = (joined[0] ?? members[0])?.memberId;
    this.setState('CompletingRebalance');
    for (const m of members) {
      // The join completion schedules every member's next heartbeat expiration afresh.
      m.lastHeartbeat = this.ctx.now;
      m.missedHeartbeatsReported = 0;
      this.pendingSync.add(m.memberId);
    }
    this.syncDeadline = this.ctx.now + this.rebalanceTimeout();
    for (const m of joined) {
      const respond = m.awaitingJoin;
      if (!respond) continue;
      m.awaitingJoin = undefined;
      const response = this.joinResponse(m, m.memberId === this.leaderId, false);
      this.env.later(() => respond(response));
    }
  }

  private removeMember(member: ClassicMember): void {
    this.members.delete(member.memberId);
    this.pendingSync.delete(member.memberId);
    if (this.leaderId === member.memberId) this.leaderId = undefined;
    // A removed member's waiting requests are answered: it is no longer known.
    const join = member.awaitingJoin;
    const sync = member.awaitingSync;
    member.awaitingJoin = undefined;
    member.awaitingSync = undefined;
    if (join) this.env.later(() => join({ errorCode: 'UNKNOWN_MEMBER_ID', generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId: member.memberId, members: [] }));
    if (sync) this.env.later(() => sync({ errorCode: 'UNKNOWN_MEMBER_ID', protocolType: null, protocolName: null, assignment: EMPTY_BYTES }));
  }

  private afterMemberRemoved(reason: string): void {
    if (this.state === 'PreparingRebalance') {
      if (this.members.size === 0) this.completeJoin();
      else this.tryCompleteJoin();
    } else if (this.state === 'Stable' || this.state === 'CompletingRebalance') {
      if (this.members.size === 0) this.becomeEmpty(reason);
      else this.prepareRebalance(reason);
    }
  }

  /** The last member is gone: a new, empty generation. */
  private becomeEmpty(reason: string): void {
    this.generation++;
    this.leaderId = undefined;
    this.assignor = undefined;
    this.pendingSync.clear();
    this.syncDeadline = Infinity;
    this.setState('PreparingRebalance');
    this.ctx.emit({ type: 'rebalance-started', group: this.groupId, reason, generation: this.generation - 1 });
    this.setState('Empty');
  }

  private findStatic(instanceId: string): ClassicMember | undefined {
    for (const m of this.members.values()) if (m.groupInstanceId === instanceId) return m;
    return undefined;
  }

  // ---- online migration (./migration.ts) ------------------------------------------------------

  /** `usesConsumerGroupProtocol`: its members are Kafka consumers (not Connect workers or other clients of the protocol). */
  usesConsumerProtocolType(): boolean {
    return this.protocolTypeName === 'consumer';
  }

  /**
   * The group is being upgraded to a consumer group: JoinGroup and SyncGroup requests still
   * waiting are answered REBALANCE_IN_PROGRESS (their members rejoin the new group), and the
   * members are handed over as they are.
   */
  releaseForUpgrade(): readonly ClassicMember[] {
    for (const m of this.members.values()) {
      const join = m.awaitingJoin;
      const sync = m.awaitingSync;
      m.awaitingJoin = undefined;
      m.awaitingSync = undefined;
      const memberId = m.memberId;
      if (join) this.env.later(() => join({ errorCode: 'REBALANCE_IN_PROGRESS', generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId, members: [] }));
      if (sync) this.env.later(() => sync({ errorCode: 'REBALANCE_IN_PROGRESS', protocolType: null, protocolName: null, assignment: EMPTY_BYTES }));
    }
    this.pendingSync.clear();
    this.pendingMembers.clear();
    [this.rebalanceDeadline, this.syncDeadline, this.initialDelayUntil] = [Infinity, Infinity, Infinity];
    this.state = 'Dead';
    return [...this.members.values()];
  }

  /**
   * A consumer group's classic members, after its last consumer-protocol member left
   * (`ClassicGroup.fromConsumerGroup`): Stable at the group epoch, each with its target assignment;
   * then a rebalance, so that they all join the classic way.
   */
  adoptMembers(generation: number, members: readonly ClassicMember[], reason: string): void {
    this.generation = generation;
    for (const m of members) this.members.set(m.memberId, { ...m, lastHeartbeat: this.ctx.now, missedHeartbeatsReported: 0 });
    this.protocolTypeName = 'consumer';
    this.assignor = selectProtocol(members.map((m) => m.protocols.map((p) => p.name)));
    this.state = 'Stable';
    this.prepareRebalance(reason);
  }

  private setState(to: GroupState): void {
    if (to === this.state) return;
    const from = this.state;
    this.state = to;
    this.ctx.emit({ type: 'group-state-changed', group: this.groupId, from, to });
  }
}
