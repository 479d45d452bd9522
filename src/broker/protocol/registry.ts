// The APIs the lab broker speaks: key, versions (all the versions in Kafka's specs as of 4.0),
// the first flexible version, and the request/response schemas. `deprecatedBelow` marks the
// versions Kafka 4.0 removed (KIP-896); the codec still reads and writes them, the broker decides
// what to advertise.

import * as admin from './apis/admin';
import * as classicGroup from './apis/classicGroup';
import * as cluster from './apis/cluster';
import * as consumerGroup from './apis/consumerGroup';
import * as offsets from './apis/offsets';
import * as produceFetch from './apis/produceFetch';
import type { Encodable, Type, ValueOf } from './schema';

export const API_KEYS = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
  OffsetForLeaderEpoch: 23,
  DescribeConfigs: 32,
  CreatePartitions: 37,
  DeleteGroups: 42,
  OffsetDelete: 47,
  ConsumerGroupHeartbeat: 68,
  ConsumerGroupDescribe: 69,
} as const;

export type ApiName = keyof typeof API_KEYS;

export interface ApiDefinition {
  name: ApiName;
  apiKey: number;
  validVersions: [number, number];
  /** The first version with compact types and tagged fields (request header v2, response header v1); Infinity if none. */
  flexibleFrom: number;
  /** Versions below this one were removed in Kafka 4.0 (KIP-896). */
  deprecatedBelow?: number;
}

const SCHEMAS = {
  Produce: { request: produceFetch.produceRequest, response: produceFetch.produceResponse },
  Fetch: { request: produceFetch.fetchRequest, response: produceFetch.fetchResponse },
  ListOffsets: { request: produceFetch.listOffsetsRequest, response: produceFetch.listOffsetsResponse },
  Metadata: { request: cluster.metadataRequest, response: cluster.metadataResponse },
  OffsetCommit: { request: offsets.offsetCommitRequest, response: offsets.offsetCommitResponse },
  OffsetFetch: { request: offsets.offsetFetchRequest, response: offsets.offsetFetchResponse },
  FindCoordinator: { request: cluster.findCoordinatorRequest, response: cluster.findCoordinatorResponse },
  JoinGroup: { request: classicGroup.joinGroupRequest, response: classicGroup.joinGroupResponse },
  Heartbeat: { request: classicGroup.heartbeatRequest, response: classicGroup.heartbeatResponse },
  LeaveGroup: { request: classicGroup.leaveGroupRequest, response: classicGroup.leaveGroupResponse },
  SyncGroup: { request: classicGroup.syncGroupRequest, response: classicGroup.syncGroupResponse },
  DescribeGroups: { request: classicGroup.describeGroupsRequest, response: classicGroup.describeGroupsResponse },
  ListGroups: { request: classicGroup.listGroupsRequest, response: classicGroup.listGroupsResponse },
  ApiVersions: { request: cluster.apiVersionsRequest, response: cluster.apiVersionsResponse },
  CreateTopics: { request: admin.createTopicsRequest, response: admin.createTopicsResponse },
  DeleteTopics: { request: admin.deleteTopicsRequest, response: admin.deleteTopicsResponse },
  InitProducerId: { request: produceFetch.initProducerIdRequest, response: produceFetch.initProducerIdResponse },
  OffsetForLeaderEpoch: { request: produceFetch.offsetForLeaderEpochRequest, response: produceFetch.offsetForLeaderEpochResponse },
  DescribeConfigs: { request: admin.describeConfigsRequest, response: admin.describeConfigsResponse },
  CreatePartitions: { request: admin.createPartitionsRequest, response: admin.createPartitionsResponse },
  DeleteGroups: { request: classicGroup.deleteGroupsRequest, response: classicGroup.deleteGroupsResponse },
  OffsetDelete: { request: offsets.offsetDeleteRequest, response: offsets.offsetDeleteResponse },
  ConsumerGroupHeartbeat: { request: consumerGroup.consumerGroupHeartbeatRequest, response: consumerGroup.consumerGroupHeartbeatResponse },
  ConsumerGroupDescribe: { request: consumerGroup.consumerGroupDescribeRequest, response: consumerGroup.consumerGroupDescribeResponse },
} satisfies Record<ApiName, { request: Type<unknown>; response: Type<unknown> }>;

export type RequestOf<K extends ApiName> = ValueOf<(typeof SCHEMAS)[K]['request']>;
export type ResponseOf<K extends ApiName> = ValueOf<(typeof SCHEMAS)[K]['response']>;
/** What encodeRequest accepts: a RequestOf<K> in which any field may be left out (its default is sent). */
export type RequestInput<K extends ApiName> = Encodable<RequestOf<K>>;
/** What encodeResponse accepts: a ResponseOf<K> in which any field may be left out (its default is sent). */
export type ResponseInput<K extends ApiName> = Encodable<ResponseOf<K>>;

export function requestSchema(api: ApiName): Type<unknown> {
  return SCHEMAS[api].request;
}
export function responseSchema(api: ApiName): Type<unknown> {
  return SCHEMAS[api].response;
}

// [name, versions, flexibleFrom, deprecatedBelow]
const VERSIONS: Array<[ApiName, number, number, number, number?]> = [
  ['Produce', 0, 11, 9, 7],
  ['Fetch', 0, 17, 12, 4],
  ['ListOffsets', 0, 10, 6, 1],
  ['Metadata', 0, 12, 9, 4],
  ['OffsetCommit', 0, 9, 8, 2],
  ['OffsetFetch', 0, 9, 6, 1],
  ['FindCoordinator', 0, 6, 3, 1],
  ['JoinGroup', 0, 9, 6, 2],
  ['Heartbeat', 0, 4, 4],
  ['LeaveGroup', 0, 5, 4],
  ['SyncGroup', 0, 5, 4],
  ['DescribeGroups', 0, 5, 5],
  ['ListGroups', 0, 5, 3],
  ['ApiVersions', 0, 4, 3],
  ['CreateTopics', 0, 7, 5, 2],
  ['DeleteTopics', 0, 6, 4, 1],
  ['InitProducerId', 0, 5, 2],
  ['OffsetForLeaderEpoch', 0, 4, 4, 2],
  ['DescribeConfigs', 0, 4, 4, 1],
  ['CreatePartitions', 0, 3, 2],
  ['DeleteGroups', 0, 2, 2, 1],
  ['OffsetDelete', 0, 0, Infinity],
  ['ConsumerGroupHeartbeat', 0, 1, 0],
  ['ConsumerGroupDescribe', 0, 0, 0],
];

export const API_DEFINITIONS = Object.fromEntries(
  VERSIONS.map(([name, from, to, flexibleFrom, deprecatedBelow]) => {
    const definition: ApiDefinition = { name, apiKey: API_KEYS[name], validVersions: [from, to], flexibleFrom };
    if (deprecatedBelow !== undefined) definition.deprecatedBelow = deprecatedBelow;
    return [name, definition];
  }),
) as Record<ApiName, ApiDefinition>;

const BY_KEY = new Map<number, ApiDefinition>(Object.values(API_DEFINITIONS).map((definition) => [definition.apiKey, definition]));

/** The API with this key, or undefined for keys the lab does not know. */
export function apiByKey(apiKey: number): ApiDefinition | undefined {
  return BY_KEY.get(apiKey);
}

export function isFlexible(api: ApiName, version: number): boolean {
  return version >= API_DEFINITIONS[api].flexibleFrom;
}
