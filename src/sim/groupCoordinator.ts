/**
 * The broker-side group coordinator of Kafka's classic protocol, for one group: membership,
 * the rebalance state machine (Empty → PreparingRebalance → CompletingRebalance → Stable),
 * generations, session timeouts and committed offsets.
 *
 * Modelled on `ClassicGroup` / `GroupMetadataManager` in Kafka's group-coordinator module:
 * - a new group waits `group.initial.rebalance.delay.ms`, extended while members keep arriving;
 * - members learn about a rebalance from their next heartbeat (REBALANCE_IN_PROGRESS) and rejoin
 *   from their next poll(); members that do not rejoin within the rebalance timeout
 *   (their `max.poll.interval.ms`) are removed;
 * - the leader (first member to join) runs the assignor; SyncGroup hands the result out;
 * - a static member (`group.instance.id`) that comes back within its session timeout gets its
 *   old assignment without a rebalance (KIP-345).
 */
import { getAssignor } from './assignors';
import type { AssignorMember, AssignorName, TopicPartition } from './assignors/types';
import { partitionName, SimContext } from './context';
import { DeliveryLedger } from './delivery';
import type { GroupState } from './groupState';

export type HeartbeatResult = 'NONE' | 'REBALANCE_IN_PROGRESS' | 'UNKNOWN_MEMBER_ID' | 'ILLEGAL_GENERATION' | 'FENCED_INSTANCE_ID';
export type CommitResult = 'NONE' | 'UNKNOWN_MEMBER_ID' | 'ILLEGAL_GENERATION' | 'REBALANCE_IN_PROGRESS';

/** What a member's client must be able to receive from the coordinator. */
export interface MemberClient {
  readonly clientId: string;
  onJoinComplete(result: JoinResult): void;
  /** Another client took over this member's group.instance.id (FENCED_INSTANCE_ID: fatal). */
  onFenced(): void;
}

export interface JoinRequest {
  readonly client: MemberClient;
  /** '' for a member without an id yet. */
  readonly memberId: string;
  readonly groupInstanceId: string | undefined;
  readonly host: string;
  readonly assignors: readonly AssignorName[];
  readonly cooperative: boolean;
  readonly subscription: readonly string[];
  /** `Subscription.ownedPartitions`: what the member still owns (empty after an eager revoke). */
  readonly ownedPartitions: readonly TopicPartition[];
  /** The member's generation, -1 if none. */
  readonly generation: number;
  /**
   * The eager StickyAssignor's userData: the member's last assignment and its generation, kept
   * even though an eager member revoked everything before rejoining.
   */
  readonly userData: { readonly partitions: readonly TopicPartition[]; readonly generation: number } | undefined;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** Partition counts as this member's metadata knows them (the leader's is used to assign). */
  readonly metadata: ReadonlyMap<string, number>;
  readonly reason: string;
}

export interface JoinResult {
  readonly memberId: string;
  readonly generation: number;
  readonly assignor: AssignorName;
  readonly leader: string;
  readonly assignment: readonly TopicPartition[];
  /** For the leader: the partition counts the assignment was computed from (its `assignmentSnapshot`). */
  readonly assignedTopics: ReadonlyMap<string, number> | undefined;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  readonly groupInstanceId: string | undefined;
  client: MemberClient;
  assignors: readonly AssignorName[];
  cooperative: boolean;
  subscription: readonly string[];
  ownedPartitions: readonly TopicPartition[];
  reportedGeneration: number;
  userData: JoinRequest['userData'];
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  heartbeatIntervalMs: number;
  metadata: ReadonlyMap<string, number>;
  lastHeartbeat: number;
  missedHeartbeatsReported: number;
  /** Has (re)joined in the current PreparingRebalance round. */
  joined: boolean;
  assignment: TopicPartition[];
}

export class GroupCoordinator {
  state: GroupState = 'Empty';
  generation = 0;
  assignor: AssignorName | undefined;
  cooperative = false;
  leaderId: string | undefined;
  /** Insertion order = join order. */
  readonly members = new Map<string, GroupMember>();
  /** Committed offsets: topic → per-partition offset (-1 = none). */
  readonly offsets = new Map<string, number[]>();
  /** What the group has processed: duplicates and ordering. */
  readonly ledger = new DeliveryLedger();
  private rebalanceDeadline = Infinity;
  private initialDelayUntil = Infinity;
  private initialDelayRemaining = 0;
  private joinedDuringDelay = false;
  private lagAbove = 0;
  /** Member ids replaced by a newer instance of the same group.instance.id. */
  private readonly fencedMemberIds = new Set<string>();

  constructor(readonly groupId: string, private readonly ctx: SimContext) {}

  // ---- membership ----------------------------------------------------------------------

  /**
   * Handles a JoinGroup. Returns false when the coordinator rejects it because the member's
   * assignment strategies share none with the group's members (INCONSISTENT_GROUP_PROTOCOL).
   */
  joinGroup(req: JoinRequest): boolean {
    const ctx = this.ctx;
    const others = [...this.members.values()].filter((m) => m.memberId !== req.memberId && (req.groupInstanceId === undefined || m.groupInstanceId !== req.groupInstanceId));
    if (others.length > 0 && !req.assignors.some((a) => others.every((m) => m.assignors.includes(a)))) {
      ctx.emit({ type: 'join-rejected', group: this.groupId, clientId: req.client.clientId, error: 'INCONSISTENT_GROUP_PROTOCOL', assignors: [...req.assignors], groupAssignors: commonAssignors(others) });
      return false;
    }
    let member = req.memberId ? this.members.get(req.memberId) : undefined;
    if (!member && req.groupInstanceId !== undefined) {
      const existing = this.findStatic(req.groupInstanceId);
      if (existing) {
        // A static member is back (restart): new member id, the old one is fenced.
        const previousMemberId = existing.memberId;
        const previousClient = existing.client;
        this.members.delete(previousMemberId);
        this.fencedMemberIds.add(previousMemberId);
        existing.memberId = `${req.groupInstanceId}-${ctx.rng.uuid()}`;
        existing.client = req.client;
        existing.clientId = req.client.clientId;
        existing.host = req.host;
        if (previousClient !== req.client) previousClient.onFenced();
        existing.lastHeartbeat = ctx.now;
        existing.missedHeartbeatsReported = 0;
        this.members.set(existing.memberId, existing);
        if (this.leaderId === previousMemberId) this.leaderId = existing.memberId;
        ctx.emit({ type: 'static-member-rejoined', group: this.groupId, memberId: existing.memberId, previousMemberId, groupInstanceId: req.groupInstanceId, clientId: req.client.clientId });
        if (this.state === 'Stable') {
          // KIP-345: same instance, same subscription → the cached assignment, no rebalance.
          const memberId = existing.memberId;
          const assignment = existing.assignment.slice();
          existing.client.onJoinComplete({ memberId, generation: this.generation, assignor: this.assignor!, leader: this.leaderId ?? memberId, assignment, assignedTopics: undefined });
          return true;
        }
        member = existing;
      }
    }
    if (!member) {
      const prefix = req.groupInstanceId ?? req.client.clientId;
      member = {
        memberId: `${prefix}-${ctx.rng.uuid()}`,
        clientId: req.client.clientId,
        host: req.host,
        groupInstanceId: req.groupInstanceId,
        client: req.client,
        assignors: req.assignors,
        cooperative: req.cooperative,
        subscription: req.subscription,
        ownedPartitions: [],
        reportedGeneration: -1,
        userData: undefined,
        sessionTimeoutMs: req.sessionTimeoutMs,
        rebalanceTimeoutMs: req.rebalanceTimeoutMs,
        heartbeatIntervalMs: req.heartbeatIntervalMs,
        metadata: req.metadata,
        lastHeartbeat: ctx.now,
        missedHeartbeatsReported: 0,
        joined: false,
        assignment: [],
      };
      this.members.set(member.memberId, member);
      ctx.emit({ type: 'member-joined', group: this.groupId, memberId: member.memberId, clientId: member.clientId, ...(member.groupInstanceId !== undefined ? { groupInstanceId: member.groupInstanceId } : {}) });
    }
    member.assignors = req.assignors;
    member.cooperative = req.cooperative;
    member.subscription = req.subscription;
    member.ownedPartitions = req.ownedPartitions;
    member.reportedGeneration = req.generation;
    member.userData = req.userData;
    member.metadata = req.metadata;
    member.lastHeartbeat = ctx.now;
    member.missedHeartbeatsReported = 0;
    member.joined = true;

    if (this.state === 'PreparingRebalance') {
      // InitialDelayedJoin waits longer only while a brand-new group (generation 0) keeps growing.
      if (this.initialDelayUntil !== Infinity && this.generation === 0) this.joinedDuringDelay = true;
      this.tryCompleteJoin();
    } else {
      this.prepareRebalance(req.reason);
      member.joined = true;
      // If it is the only member, everyone has joined already.
      this.tryCompleteJoin();
    }
    return true;
  }

  /**
   * An operator's rolling change of every member's partition.assignment.strategy, done right
   * (through a list both old and new members share): the group rebalances with the new one.
   */
  changeAssignors(assignors: readonly AssignorName[]): void {
    for (const m of this.members.values()) {
      m.assignors = assignors;
      m.cooperative = assignors.every((a) => getAssignor(a).supportedProtocols.includes('COOPERATIVE'));
    }
    if (this.members.size > 0) this.prepareRebalance(`partition.assignment.strategy changed to ${assignors.join(', ')}`);
  }

  leaveGroup(memberId: string, reason: string): void {
    const member = this.members.get(memberId);
    if (!member) return;
    this.removeMember(member);
    this.ctx.emit({ type: 'member-left', group: this.groupId, memberId, clientId: member.clientId, reason });
    this.afterMemberRemoved(`member ${memberId} left the group (${reason})`);
  }

  heartbeat(memberId: string, generation: number): HeartbeatResult {
    const member = this.members.get(memberId);
    if (!member) return this.fencedMemberIds.has(memberId) ? 'FENCED_INSTANCE_ID' : 'UNKNOWN_MEMBER_ID';
    // In Stable a heartbeat of another generation is refused and does not keep the session alive.
    if (this.state === 'Stable' && generation !== this.generation) return 'ILLEGAL_GENERATION';
    member.lastHeartbeat = this.ctx.now;
    member.missedHeartbeatsReported = 0;
    if (this.state === 'PreparingRebalance' || this.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS';
    return 'NONE';
  }

  /** `generation` -1 with no member id: a standalone (manually assigned) consumer. */
  commitOffsets(memberId: string, generation: number, offsets: ReadonlyArray<readonly [string, number, number]>): CommitResult {
    if (memberId === '' && generation < 0) {
      if (this.members.size > 0) return 'UNKNOWN_MEMBER_ID';
    } else {
      const member = this.members.get(memberId);
      if (!member) return 'UNKNOWN_MEMBER_ID';
      if (this.state === 'CompletingRebalance') return 'REBALANCE_IN_PROGRESS';
      if (generation !== this.generation) return 'ILLEGAL_GENERATION';
    }
    for (const [topic, partition, offset] of offsets) this.setCommitted(topic, partition, offset);
    return 'NONE';
  }

  committed(topic: string, partition: number): number {
    return this.offsets.get(topic)?.[partition] ?? -1;
  }

  private setCommitted(topic: string, partition: number, offset: number): void {
    let arr = this.offsets.get(topic);
    if (!arr) this.offsets.set(topic, (arr = []));
    while (arr.length <= partition) arr.push(-1);
    arr[partition] = offset;
  }

  // ---- the clock ------------------------------------------------------------------------

  /** Called once per tick: delays, rebalance timeouts, session timeouts, lag thresholds. */
  tick(now: number): void {
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
        for (const m of [...this.members.values()]) {
          // Static members that have not rejoined stay; only their session timeout removes them.
          if (!m.joined && m.groupInstanceId === undefined) {
            this.removeMember(m);
            this.ctx.emit({ type: 'member-removed-on-rebalance-timeout', group: this.groupId, memberId: m.memberId, clientId: m.clientId });
          }
        }
        this.completeJoin();
      }
    }
    for (const m of [...this.members.values()]) {
      // Members waiting for their JoinGroup response are kept alive by the pending request.
      if (this.state === 'PreparingRebalance' && m.joined) continue;
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

  /** Total lag over partitions with a committed offset. */
  totalLag(): number {
    let lag = 0;
    for (const [topicName, arr] of this.offsets) {
      const topic = this.ctx.topic(topicName);
      if (!topic) continue;
      for (let p = 0; p < arr.length; p++) {
        const c = arr[p]!;
        if (c >= 0) lag += Math.max(0, (topic.logEndOffsets[p] ?? 0) - c);
      }
    }
    return lag;
  }

  /** Emits `lag-threshold-crossed` at powers of ten (100, 1000, ...), with hysteresis going down. */
  checkLagThresholds(): void {
    const lag = this.totalLag();
    let above = this.lagAbove;
    while (lag >= (above === 0 ? 100 : above * 10)) {
      above = above === 0 ? 100 : above * 10;
      this.ctx.emit({ type: 'lag-threshold-crossed', group: this.groupId, lag, threshold: above, direction: 'above' });
    }
    while (above > 0 && lag < above / 2) {
      this.ctx.emit({ type: 'lag-threshold-crossed', group: this.groupId, lag, threshold: above, direction: 'below' });
      above = above === 100 ? 0 : above / 10;
    }
    this.lagAbove = above;
  }

  // ---- the rebalance --------------------------------------------------------------------

  /** Starts a rebalance (a no-op if one is already being prepared). */
  prepareRebalance(reason: string): void {
    if (this.state === 'PreparingRebalance' || this.state === 'Dead') return;
    const wasEmpty = this.state === 'Empty';
    for (const m of this.members.values()) m.joined = false;
    this.setState('PreparingRebalance');
    let timeout = 0;
    for (const m of this.members.values()) timeout = Math.max(timeout, m.rebalanceTimeoutMs);
    this.rebalanceDeadline = this.ctx.now + timeout;
    if (wasEmpty) {
      const delay = Math.min(this.ctx.broker.initialRebalanceDelayMs, timeout);
      this.initialDelayUntil = this.ctx.now + delay;
      this.initialDelayRemaining = timeout - delay;
      this.joinedDuringDelay = false;
    }
    this.ctx.emit({ type: 'rebalance-started', group: this.groupId, reason, generation: this.generation });
  }

  private tryCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance' || this.initialDelayUntil !== Infinity) return;
    for (const m of this.members.values()) if (!m.joined) return;
    this.completeJoin();
  }

  private completeJoin(): void {
    const ctx = this.ctx;
    this.rebalanceDeadline = Infinity;
    this.initialDelayUntil = Infinity;
    this.generation++;
    if (this.members.size === 0) {
      this.leaderId = undefined;
      this.assignor = undefined;
      this.setState('Empty');
      return;
    }
    const members = [...this.members.values()];
    const joined = members.filter((m) => m.joined);
    this.assignor = selectProtocol(members);
    this.cooperative = members.every((m) => m.cooperative);
    // The leader must be a member that is waiting for its JoinGroup response.
    const leaderIsIn = this.leaderId !== undefined && joined.some((m) => m.memberId === this.leaderId);
    if (!leaderIsIn) this.leaderId = (joined[0] ?? members[0]!).memberId;
    this.setState('CompletingRebalance');

    // The leader assigns with its own view of the metadata.
    const leader = this.members.get(this.leaderId!)!;
    const subscribed = new Set<string>();
    for (const m of members) for (const t of m.subscription) subscribed.add(t);
    const topics = new Map<string, number>();
    for (const t of [...subscribed].sort()) {
      const count = leader.metadata.get(t) ?? ctx.topic(t)?.partitionCount;
      if (count !== undefined && count > 0) topics.set(t, count);
    }
    // The eager StickyAssignor reads previous assignments from its userData; the cooperative one
    // from Subscription.ownedPartitions (FACTS §1.3).
    const fromUserData = this.assignor === 'sticky';
    const input: AssignorMember[] = members.map((m) => {
      const owned = fromUserData ? (m.userData?.partitions ?? []) : m.ownedPartitions;
      const generation = fromUserData ? (m.userData?.generation ?? -1) : m.reportedGeneration;
      return {
        memberId: m.memberId,
        ...(m.groupInstanceId !== undefined ? { groupInstanceId: m.groupInstanceId } : {}),
        subscription: m.subscription,
        ownedPartitions: owned,
        ...(generation >= 0 ? { generation } : {}),
      };
    });
    const assignment = getAssignor(this.assignor).assign({ topics, members: input });

    const assigned = new Set<string>();
    const record: Record<string, string[]> = {};
    for (const m of members) {
      m.assignment = assignment.get(m.memberId) ?? [];
      record[m.memberId] = m.assignment.map((tp) => partitionName(tp.topic, tp.partition));
      for (const tp of m.assignment) assigned.add(partitionName(tp.topic, tp.partition));
    }
    const withheld: string[] = [];
    for (const [t, n] of topics) for (let p = 0; p < n; p++) if (!assigned.has(partitionName(t, p))) withheld.push(partitionName(t, p));
    ctx.emit({
      type: 'rebalance-completed',
      group: this.groupId,
      generation: this.generation,
      leader: this.leaderId!,
      assignor: this.assignor,
      protocol: this.cooperative ? 'COOPERATIVE' : 'EAGER',
      assignment: record,
      withheld,
    });
    this.setState('Stable');
    for (const m of members) {
      // onCompleteJoin schedules every member's next heartbeat expiration afresh.
      m.lastHeartbeat = ctx.now;
      m.missedHeartbeatsReported = 0;
    }
    for (const m of joined) {
      m.joined = false;
      m.client.onJoinComplete({
        memberId: m.memberId,
        generation: this.generation,
        assignor: this.assignor,
        leader: this.leaderId!,
        assignment: m.assignment.slice(),
        assignedTopics: m.memberId === this.leaderId ? topics : undefined,
      });
    }
    // Static members that did not rejoin get their assignment when they come back.
    for (const m of members) m.joined = false;
  }

  private removeMember(member: GroupMember): void {
    this.members.delete(member.memberId);
    if (this.leaderId === member.memberId) this.leaderId = undefined;
  }

  private afterMemberRemoved(reason: string): void {
    if (this.state === 'PreparingRebalance') {
      if (this.members.size === 0) this.completeJoin();
      else this.tryCompleteJoin();
    } else if (this.state === 'Stable' || this.state === 'CompletingRebalance') {
      if (this.members.size === 0) {
        this.generation++;
        this.leaderId = undefined;
        this.assignor = undefined;
        this.setState('PreparingRebalance');
        this.ctx.emit({ type: 'rebalance-started', group: this.groupId, reason, generation: this.generation - 1 });
        this.setState('Empty');
      } else {
        this.prepareRebalance(reason);
      }
    }
  }

  private findStatic(instanceId: string): GroupMember | undefined {
    for (const m of this.members.values()) if (m.groupInstanceId === instanceId) return m;
    return undefined;
  }

  private setState(to: GroupState): void {
    if (to === this.state) return;
    const from = this.state;
    this.state = to;
    this.ctx.emit({ type: 'group-state-changed', group: this.groupId, from, to });
  }
}

function commonAssignors(members: ReadonlyArray<{ assignors: readonly AssignorName[] }>): AssignorName[] {
  return members[0]!.assignors.filter((a) => members.every((m) => m.assignors.includes(a)));
}

/**
 * The assignor every member supports, by votes: each member votes for the first of its own
 * preferences that all members support (Kafka's `ClassicGroup.selectProtocol`).
 */
export function selectProtocol(members: ReadonlyArray<{ assignors: readonly AssignorName[] }>): AssignorName {
  const first = members[0]!;
  const common = first.assignors.filter((a) => members.every((m) => m.assignors.includes(a)));
  if (common.length === 0) throw new Error('members share no partition assignment strategy');
  const votes = new Map<AssignorName, number>();
  for (const m of members) {
    const choice = m.assignors.find((a) => common.includes(a))!;
    votes.set(choice, (votes.get(choice) ?? 0) + 1);
  }
  let best = common[0]!;
  for (const a of common) if ((votes.get(a) ?? 0) > (votes.get(best) ?? 0)) best = a;
  return best;
}
