/**
 * The group APIs the coordinator answers, as requests and responses with Kafka's field names
 * (camelCase) and error names (./errors.ts): what a broker's request handler hands its group
 * coordinator once a frame is decoded. Bytes fields (protocol metadata, assignments) are the
 * ConsumerProtocol encodings of ./consumerProtocol.ts, exactly what real clients send.
 *
 * Who sends a request (client.id and host) is the connection's business: see ./transport.ts.
 */
import type { TopicPartition } from '../assignors/types';
import type { ErrorName } from './errors';

// ---- classic protocol (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) ----------------------

export interface JoinGroupRequest {
  readonly api: 'JoinGroup';
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  /** '' for a member that has no id yet (it is then told MEMBER_ID_REQUIRED, KIP-394). */
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  /** 'consumer' for Kafka consumers. */
  readonly protocolType: string;
  /** One per assignor the member supports, in its order of preference. */
  readonly protocols: ReadonlyArray<{ readonly name: string; readonly metadata: Uint8Array }>;
  readonly reason: string | null;
}

export interface JoinGroupResponseMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly metadata: Uint8Array;
}

export interface JoinGroupResponse {
  readonly errorCode: ErrorName;
  readonly generationId: number;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly leader: string;
  /** True for a static leader rejoining a Stable group: it must not assign again (KIP-814). */
  readonly skipAssignment: boolean;
  readonly memberId: string;
  /** Only the leader gets the members and their metadata. */
  readonly members: readonly JoinGroupResponseMember[];
}

export interface SyncGroupRequest {
  readonly api: 'SyncGroup';
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  /** The leader's assignment for every member; empty from followers. */
  readonly assignments: ReadonlyArray<{ readonly memberId: string; readonly assignment: Uint8Array }>;
}

export interface SyncGroupResponse {
  readonly errorCode: ErrorName;
  readonly protocolType: string | null;
  readonly protocolName: string | null;
  readonly assignment: Uint8Array;
}

export interface HeartbeatRequest {
  readonly api: 'Heartbeat';
  readonly groupId: string;
  readonly generationId: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
}

export interface HeartbeatResponse {
  readonly errorCode: ErrorName;
}

export interface LeaveGroupRequest {
  readonly api: 'LeaveGroup';
  readonly groupId: string;
  /** Several members can leave in one request (KIP-345), each with its reason (KIP-800). */
  readonly members: ReadonlyArray<{ readonly memberId: string; readonly groupInstanceId: string | null; readonly reason: string | null }>;
}

export interface LeaveGroupResponse {
  readonly errorCode: ErrorName;
  readonly members: ReadonlyArray<{ readonly memberId: string; readonly groupInstanceId: string | null; readonly errorCode: ErrorName }>;
}

// ---- offsets (OffsetCommit, OffsetFetch) ---------------------------------------------------

export interface OffsetCommitRequest {
  readonly api: 'OffsetCommit';
  readonly groupId: string;
  /** Classic: the generation; KIP-848: the member epoch; -1 for a consumer outside the group. */
  readonly generationIdOrMemberEpoch: number;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly topics: ReadonlyArray<{ readonly name: string; readonly partitions: ReadonlyArray<{ readonly partitionIndex: number; readonly committedOffset: number; readonly committedMetadata: string | null }> }>;
}

export interface OffsetCommitResponse {
  /** One error for the whole request (the lab's coordinator never fails single partitions). */
  readonly errorCode: ErrorName;
  readonly topics: ReadonlyArray<{ readonly name: string; readonly partitions: ReadonlyArray<{ readonly partitionIndex: number; readonly errorCode: ErrorName }> }>;
}

export interface OffsetFetchRequest {
  readonly api: 'OffsetFetch';
  readonly groupId: string;
  /** null: every partition the group has an offset for. */
  readonly topics: ReadonlyArray<{ readonly name: string; readonly partitionIndexes: readonly number[] }> | null;
}

export interface OffsetFetchResponse {
  readonly errorCode: ErrorName;
  /** committedOffset -1: no offset. */
  readonly topics: ReadonlyArray<{ readonly name: string; readonly partitions: ReadonlyArray<{ readonly partitionIndex: number; readonly committedOffset: number; readonly metadata: string | null; readonly errorCode: ErrorName }> }>;
}

// ---- KIP-848 (ConsumerGroupHeartbeat) --------------------------------------------------------

export interface ConsumerGroupHeartbeatRequest {
  readonly api: 'ConsumerGroupHeartbeat';
  readonly groupId: string;
  /** Generated by the client (KIP-848 clients make their own member id). */
  readonly memberId: string;
  /** 0 to join, -1 to leave, -2 for a static member leaving for a while, else its current epoch. */
  readonly memberEpoch: number;
  readonly instanceId: string | null;
  readonly rackId: string | null;
  /** -1: unchanged since the last heartbeat. */
  readonly rebalanceTimeoutMs: number;
  /** null: unchanged (the Java client sends the full request only when joining or when it changed). */
  readonly subscribedTopicNames: readonly string[] | null;
  /** null: the broker's first assignor. */
  readonly serverAssignor: string | null;
  /** What the member owns now (its reconciled assignment); null: unchanged. */
  readonly topicPartitions: readonly TopicPartition[] | null;
}

export interface ConsumerGroupHeartbeatResponse {
  readonly errorCode: ErrorName;
  readonly errorMessage: string | null;
  readonly memberId: string;
  readonly memberEpoch: number;
  readonly heartbeatIntervalMs: number;
  /** Sent only when it changed since the member's last heartbeat. */
  readonly assignment: readonly TopicPartition[] | null;
}

// ---- KIP-932 share groups (ShareGroupHeartbeat) ----------------------------------------------

export interface ShareGroupHeartbeatRequest {
  readonly api: 'ShareGroupHeartbeat';
  readonly groupId: string;
  /** '' on the first heartbeat: the coordinator gives the member its id. */
  readonly memberId: string;
  /** 0 to join, -1 to leave, else the member's epoch. */
  readonly memberEpoch: number;
  readonly rackId: string | null;
  readonly subscribedTopicNames: readonly string[];
}

/** The same fields as ConsumerGroupHeartbeat's response; share groups send the assignment on every heartbeat. */
export type ShareGroupHeartbeatResponse = ConsumerGroupHeartbeatResponse;

// ---- describing and listing ------------------------------------------------------------------

export interface DescribeGroupsRequest {
  readonly api: 'DescribeGroups';
  readonly groups: readonly string[];
}

/** Who a described member is: the same fields in DescribeGroups and ConsumerGroupDescribe. */
export interface DescribedMemberIdentity {
  readonly memberId: string;
  readonly clientId: string;
  readonly clientHost: string;
}

export interface DescribedGroup {
  readonly errorCode: ErrorName;
  readonly groupId: string;
  readonly groupState: string;
  readonly protocolType: string;
  readonly protocolData: string;
  readonly members: ReadonlyArray<
    DescribedMemberIdentity & {
      readonly groupInstanceId: string | null;
      /** The member's subscription for the chosen protocol. */
      readonly memberMetadata: Uint8Array;
      readonly memberAssignment: Uint8Array;
    }
  >;
}

export interface DescribeGroupsResponse {
  readonly groups: readonly DescribedGroup[];
}

export interface ConsumerGroupDescribeRequest {
  readonly api: 'ConsumerGroupDescribe';
  readonly groupIds: readonly string[];
}

export interface DescribedConsumerGroup {
  readonly errorCode: ErrorName;
  readonly groupId: string;
  readonly groupState: string;
  readonly groupEpoch: number;
  readonly assignmentEpoch: number;
  readonly assignorName: string;
  readonly members: ReadonlyArray<{
    readonly instanceId: string | null;
    readonly memberEpoch: number;
    readonly subscribedTopicNames: readonly string[];
    readonly assignment: readonly TopicPartition[];
    readonly targetAssignment: readonly TopicPartition[];
  } & DescribedMemberIdentity>;
}

export interface ConsumerGroupDescribeResponse {
  readonly groups: readonly DescribedConsumerGroup[];
}

export interface ListGroupsRequest {
  readonly api: 'ListGroups';
  /** Empty: all states. */
  readonly statesFilter: readonly string[];
  /** Empty: all types ('classic', 'consumer', 'share'). */
  readonly typesFilter: readonly string[];
}

export interface ListGroupsResponse {
  readonly errorCode: ErrorName;
  readonly groups: ReadonlyArray<{ readonly groupId: string; readonly protocolType: string; readonly groupState: string; readonly groupType: string }>;
}

// ---- one request type, one response type per request ----------------------------------------

export type GroupRequest =
  | JoinGroupRequest
  | SyncGroupRequest
  | HeartbeatRequest
  | LeaveGroupRequest
  | OffsetCommitRequest
  | OffsetFetchRequest
  | ConsumerGroupHeartbeatRequest
  | ShareGroupHeartbeatRequest
  | DescribeGroupsRequest
  | ConsumerGroupDescribeRequest
  | ListGroupsRequest;

export interface GroupResponses {
  JoinGroup: JoinGroupResponse;
  SyncGroup: SyncGroupResponse;
  Heartbeat: HeartbeatResponse;
  LeaveGroup: LeaveGroupResponse;
  OffsetCommit: OffsetCommitResponse;
  OffsetFetch: OffsetFetchResponse;
  ConsumerGroupHeartbeat: ConsumerGroupHeartbeatResponse;
  ShareGroupHeartbeat: ShareGroupHeartbeatResponse;
  DescribeGroups: DescribeGroupsResponse;
  ConsumerGroupDescribe: ConsumerGroupDescribeResponse;
  ListGroups: ListGroupsResponse;
}

export type GroupApi = GroupRequest['api'];
export type ResponseTo<R extends GroupRequest> = GroupResponses[R['api']];
