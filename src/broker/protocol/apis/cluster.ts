// Cluster discovery: ApiVersions, Metadata and FindCoordinator.
// Written from Apache Kafka's message specs (clients/src/main/resources/common/message/*.json); field
// names are the specs' in camelCase. See ../schema.ts for the notation and the encoding rules.

import { array, bool, field, int16, int32, int64, int8, nullable, str, struct, uuid } from '../schema';

// ApiVersionsRequest: apiKey 18, versions 0-4, flexible 3+
export const apiVersionsRequest = struct({
  clientSoftwareName: field(str, '3+'),
  clientSoftwareVersion: field(str, '3+'),
});

// ApiVersionsResponse: apiKey 18, versions 0-4, flexible 3+
export const apiVersionsResponse = struct({
  errorCode: field(int16, '0+'),
  apiKeys: field(array(struct({
    apiKey: field(int16, '0+'),
    minVersion: field(int16, '0+'),
    maxVersion: field(int16, '0+'),
  })), '0+'),
  throttleTimeMs: field(int32, '1+'),
  supportedFeatures: field(array(struct({
    name: field(str, '3+'),
    minVersion: field(int16, '3+'),
    maxVersion: field(int16, '3+'),
  })), '3+', { tag: 0 }),
  finalizedFeaturesEpoch: field(int64, '3+', { tag: 1, default: -1n }),
  finalizedFeatures: field(array(struct({
    name: field(str, '3+'),
    maxVersionLevel: field(int16, '3+'),
    minVersionLevel: field(int16, '3+'),
  })), '3+', { tag: 2 }),
  zkMigrationReady: field(bool, '3+', { tag: 3, default: false }),
});

// MetadataRequest: apiKey 3, versions 0-12, flexible 9+, deprecated 0-3
export const metadataRequest = struct({
  topics: nullable(array(struct({
    topicId: field(uuid, '10+'),
    name: nullable(str, '0+', '10+'),
  })), '0+', '1+'),
  allowAutoTopicCreation: field(bool, '4+', { default: true }),
  includeClusterAuthorizedOperations: field(bool, '8-10'),
  includeTopicAuthorizedOperations: field(bool, '8+'),
});

// MetadataResponse: apiKey 3, versions 0-12, flexible 9+
export const metadataResponse = struct({
  throttleTimeMs: field(int32, '3+'),
  brokers: field(array(struct({
    nodeId: field(int32, '0+'),
    host: field(str, '0+'),
    port: field(int32, '0+'),
    rack: nullable(str, '1+', '1+', { default: null }),
  })), '0+'),
  clusterId: nullable(str, '2+', '2+', { default: null }),
  controllerId: field(int32, '1+', { default: -1 }),
  topics: field(array(struct({
    errorCode: field(int16, '0+'),
    name: nullable(str, '0+', '12+'),
    topicId: field(uuid, '10+'),
    isInternal: field(bool, '1+', { default: false }),
    partitions: field(array(struct({
      errorCode: field(int16, '0+'),
      partitionIndex: field(int32, '0+'),
      leaderId: field(int32, '0+'),
      leaderEpoch: field(int32, '7+', { default: -1 }),
      replicaNodes: field(array(int32), '0+'),
      isrNodes: field(array(int32), '0+'),
      offlineReplicas: field(array(int32), '5+'),
    })), '0+'),
    topicAuthorizedOperations: field(int32, '8+', { default: -2147483648 }),
  })), '0+'),
  clusterAuthorizedOperations: field(int32, '8-10', { default: -2147483648 }),
});

// FindCoordinatorRequest: apiKey 10, versions 0-6, flexible 3+, deprecated 0
export const findCoordinatorRequest = struct({
  key: field(str, '0-3'),
  keyType: field(int8, '1+', { default: 0 }),
  coordinatorKeys: field(array(str), '4+'),
});

// FindCoordinatorResponse: apiKey 10, versions 0-6, flexible 3+
export const findCoordinatorResponse = struct({
  throttleTimeMs: field(int32, '1+'),
  errorCode: field(int16, '0-3'),
  errorMessage: nullable(str, '1-3', '1-3'),
  nodeId: field(int32, '0-3'),
  host: field(str, '0-3'),
  port: field(int32, '0-3'),
  coordinators: field(array(struct({
    key: field(str, '4+'),
    nodeId: field(int32, '4+'),
    host: field(str, '4+'),
    port: field(int32, '4+'),
    errorCode: field(int16, '4+'),
    errorMessage: nullable(str, '4+', '4+'),
  })), '4+'),
});

