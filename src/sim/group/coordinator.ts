/**
 * The group coordinator, as a broker runs it: requests in, responses out. It holds every group
 * (classic ./classic.ts or KIP-848 ./consumer.ts) and the committed offsets (./offsets.ts), and
 * routes each group API to the group it names. Simulated consumers reach it through a
 * LocalTransport; the lab broker will decode Kafka frames into the same requests.
 *
 * Responses to JoinGroup and SyncGroup may be delayed (a broker's purgatory): they are answered
 * when the phase completes, in the order the coordinator completed them, after the request that
 * completed them has been handled. The other APIs are answered at once.
 *
 * A group can change protocol: a ConsumerGroupHeartbeat turns an empty classic group into a
 * consumer group and a JoinGroup turns an empty consumer group back. A non-empty group changes
 * online (./migration.ts): the first consumer-protocol member upgrades a classic group, whose
 * members stay as classic members of the consumer group; the last one leaving downgrades it.
 */
import { partitionName, type SimContext } from '../context';
import type {
  ConsumerGroupDescribeResponse,
  ConsumerGroupHeartbeatRequest,
  DescribedGroup,
  DescribeGroupsResponse,
  GroupRequest,
  ListGroupsResponse,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetFetchRequest,
  OffsetFetchResponse,
  ResponseTo,
  ShareGroupHeartbeatRequest,
  ShareGroupHeartbeatResponse,
} from './api';
import { ClassicGroup } from './classic';
import { ConsumerGroup } from './consumer';
import type { ErrorName } from './errors';
import type { Group, GroupEnv } from './group';
import { asClassicGroupMember, asConsumerGroupMember, canUpgrade, downgradeAllowed } from './migration';
import { OffsetMetadataManager } from './offsets';
import type { ClientContext, RequestHandler } from './transport';

export type AnyGroup = ClassicGroup | ConsumerGroup;

export interface ShareGroupService {
  shareGroupHeartbeat(context: ClientContext, request: ShareGroupHeartbeatRequest): ShareGroupHeartbeatResponse;
}

export class GroupCoordinator implements RequestHandler {
  private readonly groupsById = new Map<string, AnyGroup>();
  readonly offsets = new OffsetMetadataManager();
  /** Delayed responses ready to go out, in order. */
  private readonly ready: Array<() => void> = [];
  private depth = 0;
  private delivering = false;

  /** Share groups live in the share engine (../shareGroup); ShareGroupHeartbeat goes there. */
  private shareGroups: ShareGroupService | undefined;

  constructor(private readonly ctx: SimContext) {}

  serveShareGroups(service: ShareGroupService): void {
    this.shareGroups = service;
  }

  /** Every group, in creation order. */
  get groups(): ReadonlyMap<string, Group> {
    return this.groupsById;
  }

  /** A group the scenario declares exists from the start, empty (classic until a member says otherwise). */
  createGroup(groupId: string): AnyGroup {
    return this.groupsById.get(groupId) ?? this.classic(groupId);
  }

  /** The operator's shortcut of the set-assignor action: every member's strategy list changes at once. */
  changeAssignors(groupId: string, assignors: readonly string[]): void {
    const g = this.groupsById.get(groupId);
    if (g instanceof ClassicGroup) {
      this.depth++;
      try {
        g.changeAssignors(assignors);
      } finally {
        this.depth--;
      }
      this.deliver();
    }
  }

  private env(groupId: string): GroupEnv {
    return { ctx: this.ctx, offsets: this.offsets.forGroup(groupId), later: (deliver) => this.ready.push(deliver) };
  }

  private classic(groupId: string): ClassicGroup {
    const g = new ClassicGroup(groupId, this.env(groupId));
    this.groupsById.set(groupId, g);
    return g;
  }

  // ---- requests -------------------------------------------------------------------------------

  handle<R extends GroupRequest>(context: ClientContext, request: R, respond: (response: ResponseTo<R>) => void): void {
    this.depth++;
    try {
      this.dispatch(context, request, respond as (response: unknown) => void);
    } finally {
      this.depth--;
    }
    this.deliver();
  }

  /** Runs the coordinator's timers, then sends what they completed. */
  tick(now: number): void {
    this.depth++;
    try {
      for (const g of this.groupsById.values()) g.tick(now);
    } finally {
      this.depth--;
    }
    this.deliver();
  }

  private deliver(): void {
    if (this.depth > 0 || this.delivering) return;
    this.delivering = true;
    try {
      // A delivered response may send new requests; what they complete joins the end of the line.
      for (let next = this.ready.shift(); next; next = this.ready.shift()) next();
    } finally {
      this.delivering = false;
    }
  }

  private dispatch(context: ClientContext, request: GroupRequest, respond: (response: unknown) => void): void {
    switch (request.api) {
      case 'JoinGroup': {
        if (request.groupId === '') {
          this.ready.push(() => respond({ errorCode: 'INVALID_GROUP_ID', generationId: -1, protocolType: null, protocolName: null, leader: '', skipAssignment: false, memberId: request.memberId, members: [] }));
          return;
        }
        const existing = this.groupsById.get(request.groupId);
        // A non-empty consumer group takes classic members (online upgrade); an empty one becomes classic.
        if (existing instanceof ConsumerGroup && existing.members.size > 0) existing.joinClassic(context, request, respond);
        else this.classicFor(request.groupId).join(context, request, respond);
        return;
      }
      case 'SyncGroup': {
        const g = this.groupsById.get(request.groupId);
        if (g instanceof ClassicGroup) g.sync(request, respond);
        else if (g) g.syncClassic(request, respond);
        else this.ready.push(() => respond({ errorCode: 'UNKNOWN_MEMBER_ID', protocolType: null, protocolName: null, assignment: new Uint8Array(0) }));
        return;
      }
      case 'Heartbeat': {
        const g = this.groupsById.get(request.groupId);
        respond(g instanceof ClassicGroup ? g.heartbeat(request) : g ? g.heartbeatClassic(request) : { errorCode: 'UNKNOWN_MEMBER_ID' });
        return;
      }
      case 'LeaveGroup': {
        const g = this.groupsById.get(request.groupId);
        if (g instanceof ClassicGroup) respond(g.leave(request));
        else if (g) respond(g.leaveClassic(request));
        else respond({ errorCode: 'NONE', members: request.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: 'UNKNOWN_MEMBER_ID' })) });
        return;
      }
      case 'ConsumerGroupHeartbeat':
        respond(this.consumerGroupHeartbeat(context, request));
        return;
      case 'ShareGroupHeartbeat':
        respond(
          this.shareGroups?.shareGroupHeartbeat(context, request) ?? { errorCode: 'GROUP_ID_NOT_FOUND', errorMessage: null, memberId: request.memberId, memberEpoch: -1, heartbeatIntervalMs: 0, assignment: null },
        );
        return;
      case 'OffsetCommit':
        respond(this.offsetCommit(context, request));
        return;
      case 'OffsetFetch':
        respond(this.offsetFetch(request));
        return;
      case 'DescribeGroups':
        respond({ groups: request.groups.map((id) => this.describeGroup(id)) } satisfies DescribeGroupsResponse);
        return;
      case 'ConsumerGroupDescribe':
        respond({
          groups: request.groupIds.map((id) => {
            const g = this.groupsById.get(id);
            if (g instanceof ConsumerGroup) return g.describe();
            return { errorCode: 'GROUP_ID_NOT_FOUND', groupId: id, groupState: 'Dead', groupEpoch: -1, assignmentEpoch: -1, assignorName: '', members: [] };
          }),
        } satisfies ConsumerGroupDescribeResponse);
        return;
      case 'ListGroups':
        respond(this.listGroups(request.statesFilter, request.typesFilter));
        return;
      default: {
        const unknown: never = request;
        throw new Error(`unknown group API ${JSON.stringify((unknown as { api?: unknown }).api)}`);
      }
    }
  }

  /** The classic group for a JoinGroup: the existing one, or a new one (replacing an empty consumer group). */
  private classicFor(groupId: string): ClassicGroup {
    const g = this.groupsById.get(groupId);
    return g instanceof ClassicGroup ? g : this.classic(groupId);
  }

  private consumerGroup(groupId: string, serverAssignor: string | null): ConsumerGroup {
    const g = new ConsumerGroup(groupId, this.env(groupId), serverAssignor, (leaving) => this.downgrade(groupId, leaving));
    this.groupsById.set(groupId, g);
    return g;
  }

  /** Online upgrade (`convertToConsumerGroup`): the classic members stay, each with its partitions. */
  private upgrade(classic: ClassicGroup, context: ClientContext, serverAssignor: string | null): ConsumerGroup {
    const generation = classic.generation;
    const protocol = classic.assignor;
    const members = classic.releaseForUpgrade().map((m) => asConsumerGroupMember({ ...m, lastHeartbeat: this.ctx.now }, generation, protocol));
    const g = this.consumerGroup(classic.groupId, serverAssignor);
    this.ctx.emit({ type: 'group-converted', group: classic.groupId, from: 'classic', to: 'consumer', clientId: context.clientId, members: members.length });
    g.adoptClassicMembers(generation, members);
    return g;
  }

  /** Online downgrade (`convertToClassicGroup`), if the policy allows it and only classic members remain. */
  private downgrade(groupId: string, leavingMemberId: string): boolean {
    const g = this.groupsById.get(groupId);
    if (!(g instanceof ConsumerGroup) || !downgradeAllowed(this.ctx.broker.migrationPolicy)) return false;
    const leaving = g.members.get(leavingMemberId);
    const rest = g.classicMembersExcept(leavingMemberId);
    if (!leaving || !rest) return false;
    const classic = this.classic(groupId);
    this.ctx.emit({ type: 'group-converted', group: groupId, from: 'consumer', to: 'classic', clientId: leaving.clientId, members: rest.length });
    classic.adoptMembers(g.generation, rest.map(asClassicGroupMember), `Downgrade group ${groupId} from consumer to classic.`);
    return true;
  }

  private consumerGroupHeartbeat(context: ClientContext, request: ConsumerGroupHeartbeatRequest) {
    let g = this.groupsById.get(request.groupId);
    // Only a join (epoch 0) creates a consumer group, or converts an empty classic one.
    if (!(g instanceof ConsumerGroup) && request.memberEpoch !== 0) {
      return { errorCode: 'GROUP_ID_NOT_FOUND' as const, errorMessage: `group ${request.groupId} is not a consumer group`, memberId: request.memberId, memberEpoch: -1, heartbeatIntervalMs: this.ctx.broker.consumerHeartbeatIntervalMs, assignment: null };
    }
    if (g instanceof ClassicGroup && g.members.size > 0) {
      if (!canUpgrade(g, this.ctx.broker.migrationPolicy)) {
        this.ctx.emit({ type: 'migration-refused', group: request.groupId, clientId: context.clientId, policy: this.ctx.broker.migrationPolicy });
        return { errorCode: 'GROUP_ID_NOT_FOUND' as const, errorMessage: `Group ${request.groupId} is not a consumer group`, memberId: request.memberId, memberEpoch: -1, heartbeatIntervalMs: this.ctx.broker.consumerHeartbeatIntervalMs, assignment: null };
      }
      g = this.upgrade(g, context, request.serverAssignor);
    }
    if (!(g instanceof ConsumerGroup)) g = this.consumerGroup(request.groupId, request.serverAssignor);
    return g.heartbeat(context, request);
  }

  private offsetCommit(context: ClientContext, request: OffsetCommitRequest): OffsetCommitResponse {
    const existing = this.groupsById.get(request.groupId);
    let error: ErrorName | undefined;
    if (request.groupId === '') error = 'INVALID_GROUP_ID';
    else if (!existing) {
      // Only a consumer outside any group (generation -1, no member id) may create a group by committing.
      if (request.generationIdOrMemberEpoch >= 0 || request.memberId !== '') error = 'GROUP_ID_NOT_FOUND';
    } else if (existing instanceof ClassicGroup) error = existing.validateOffsetCommit(request.memberId, request.generationIdOrMemberEpoch, request.groupInstanceId);
    else error = existing.validateOffsetCommit(request.memberId, request.generationIdOrMemberEpoch);
    const partitionError = (topic: string, partition: number): ErrorName => {
      const t = this.ctx.topic(topic);
      return t && Number.isInteger(partition) && partition >= 0 && partition < t.partitionCount ? 'NONE' : 'UNKNOWN_TOPIC_OR_PARTITION';
    };
    const topics = request.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: error ?? partitionError(t.name, p.partitionIndex) })) }));
    if (error === undefined) {
      const offsets = (existing ?? this.classic(request.groupId)).offsets;
      const record: Record<string, number> = {};
      const backwards: Array<{ partition: string; from: number; to: number }> = [];
      request.topics.forEach((t, ti) => {
        t.partitions.forEach((p, pi) => {
          if (topics[ti]!.partitions[pi]!.errorCode !== 'NONE') return;
          const before = offsets.committed(t.name, p.partitionIndex);
          offsets.commit(t.name, p.partitionIndex, p.committedOffset, p.committedMetadata);
          const name = partitionName(t.name, p.partitionIndex);
          record[name] = p.committedOffset;
          if (before > p.committedOffset) backwards.push({ partition: name, from: before, to: p.committedOffset });
        });
      });
      if (Object.keys(record).length > 0) this.ctx.emit({ type: 'offsets-committed', group: request.groupId, clientId: context.clientId, offsets: record });
      for (const back of backwards) this.ctx.emit({ type: 'offset-moved-backwards', group: request.groupId, clientId: context.clientId, ...back });
    }
    return { errorCode: error ?? 'NONE', topics };
  }

  private offsetFetch(request: OffsetFetchRequest): OffsetFetchResponse {
    const offsets = this.offsets.forGroup(request.groupId);
    const wanted = request.topics ?? [...offsets.entries()].map(([name, arr]) => ({ name, partitionIndexes: arr.map((_, i) => i).filter((i) => arr[i]! >= 0) }));
    return {
      errorCode: 'NONE',
      topics: wanted.map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((p) => ({ partitionIndex: p, committedOffset: offsets.committed(t.name, p), metadata: offsets.metadata(t.name, p), errorCode: 'NONE' as const })) })),
    };
  }

  /** A classic group as DescribeGroups shows it; any other group id is Dead to it (as Kafka's describeGroups). */
  private describeGroup(groupId: string): DescribedGroup {
    const g = this.groupsById.get(groupId);
    if (g instanceof ClassicGroup) return g.describe();
    return { errorCode: 'NONE', groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [] };
  }

  private listGroups(states: readonly string[], types: readonly string[]): ListGroupsResponse {
    const wantState = new Set(states.map((s) => s.toLowerCase()));
    const wantType = new Set(types.map((s) => s.toLowerCase()));
    return {
      errorCode: 'NONE',
      groups: [...this.groupsById.values()]
        .filter((g) => (wantState.size === 0 || wantState.has(g.state.toLowerCase())) && (wantType.size === 0 || wantType.has(g.protocolType)))
        .map((g) => ({ groupId: g.groupId, protocolType: 'consumer', groupState: g.state, groupType: g.protocolType })),
    };
  }
}
