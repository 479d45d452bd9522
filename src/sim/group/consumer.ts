/**
 * A KIP-848 consumer group on the coordinator (Kafka's `ConsumerGroup`, `group.protocol=consumer`):
 * one `ConsumerGroupHeartbeat` request does joining, heartbeating, leaving and one step of
 * reconciliation. A group epoch is bumped when membership, subscriptions or topic metadata change;
 * the server-side assignor computes the target assignment for that epoch; each member reconciles
 * towards it (./reconciliation.ts). States: Empty, Assigning, Reconciling, Stable.
 */
import type { TopicPartition } from '../assignors/types';
import type { GroupState } from '../groupState';
import type { ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse, DescribedConsumerGroup } from './api';
import type { ErrorName } from './errors';
import type { Group, GroupEnv, MemberView } from './group';
import type { GroupOffsets } from './offsets';
import { computeTargetAssignment, JOIN_EPOCH, kafkaUuid, key, Kip848Member, LEAVE_EPOCH, reconcile, sameAssignment, sortPartitions, STATIC_LEAVE_EPOCH } from './reconciliation';
import type { ClientContext } from './transport';

interface ConsumerMember extends MemberView {
  memberId: string;
  clientId: string;
  host: string;
  readonly groupInstanceId: string | undefined;
  subscription: readonly string[];
  rebalanceTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  lastHeartbeat: number;
  missedHeartbeatsReported: number;
  assignment: TopicPartition[];
  readonly reconciliation: Kip848Member;
}

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

  constructor(readonly groupId: string, private readonly env: GroupEnv, serverAssignor: string | null) {
    this.offsets = env.offsets;
    this.assignor = serverAssignor === 'range' ? 'range' : 'uniform';
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
        this.members.delete(member.memberId);
        ctx.emit({ type: 'member-left', group: this.groupId, memberId: member.memberId, clientId: member.clientId, reason: 'the consumer is being closed' });
        this.bumpGroupEpoch(`member ${member.memberId} left the group`);
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
      if (previous && previous.memberId !== req.memberId) {
        // A static member is back: it takes over the previous instance's assignment, no new epoch;
        // the instance it replaced is fenced at its next heartbeat.
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
    reconcile(r, member.memberId, this.assignmentEpoch, owned, (tp) => owners.get(key(tp)));
    member.assignment = r.assigned.slice();
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
      const silent = now - m.lastHeartbeat;
      if (silent >= m.sessionTimeoutMs) {
        this.members.delete(m.memberId);
        this.ctx.emit({ type: 'session-timed-out', group: this.groupId, memberId: m.memberId, clientId: m.clientId, sessionTimeoutMs: m.sessionTimeoutMs });
        this.bumpGroupEpoch(`member ${m.memberId} session expired`);
        this.updateState();
      } else if (!m.reconciliation.leftTemporarily && silent > (m.missedHeartbeatsReported + 1) * m.heartbeatIntervalMs) {
        m.missedHeartbeatsReported++;
        this.ctx.emit({ type: 'heartbeat-missed', group: this.groupId, memberId: m.memberId, clientId: m.clientId, silentMs: silent, sessionTimeoutMs: m.sessionTimeoutMs });
      }
    }
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
