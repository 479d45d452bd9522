// The consumer group protocol (KIP-848): ConsumerGroupHeartbeat and ConsumerGroupDescribe; and the bytes a classic consumer puts in JoinGroup metadata and SyncGroup assignments (ConsumerProtocolSubscription/Assignment, not APIs).
// Written from Apache Kafka's message specs (clients/src/main/resources/common/message/*.json); field
// names are the specs' in camelCase. See ../schema.ts for the notation and the encoding rules.

import { array, bool, bytes, field, int16, int32, nullable, str, struct, uuid } from '../schema';

// ConsumerGroupHeartbeatRequest: apiKey 68, versions 0-1, flexible 0+
export const consumerGroupHeartbeatRequest = struct({
  groupId: field(str, '0+'),
  memberId: field(str, '0+'),
  memberEpoch: field(int32, '0+'),
  instanceId: nullable(str, '0+', '0+', { default: null }),
  rackId: nullable(str, '0+', '0+', { default: null }),
  rebalanceTimeoutMs: field(int32, '0+', { default: -1 }),
  subscribedTopicNames: nullable(array(str), '0+', '0+', { default: null }),
  subscribedTopicRegex: nullable(str, '1+', '1+', { default: null }),
  serverAssignor: nullable(str, '0+', '0+', { default: null }),
  topicPartitions: nullable(array(struct({
    topicId: field(uuid, '0+'),
    partitions: field(array(int32), '0+'),
  })), '0+', '0+', { default: null }),
});

// ConsumerGroupHeartbeatResponse: apiKey 68, versions 0-1, flexible 0+
export const consumerGroupHeartbeatResponse = struct({
  throttleTimeMs: field(int32, '0+'),
  errorCode: field(int16, '0+'),
  errorMessage: nullable(str, '0+', '0+', { default: null }),
  memberId: nullable(str, '0+', '0+', { default: null }),
  memberEpoch: field(int32, '0+'),
  heartbeatIntervalMs: field(int32, '0+'),
  assignment: nullable(struct({
    topicPartitions: field(array(struct({
      topicId: field(uuid, '0+'),
      partitions: field(array(int32), '0+'),
    })), '0+'),
  }), '0+', '0+', { default: null }),
});

// ConsumerGroupDescribeRequest: apiKey 69, versions 0, flexible 0+
export const consumerGroupDescribeRequest = struct({
  groupIds: field(array(str), '0+'),
  includeAuthorizedOperations: field(bool, '0+'),
});

// ConsumerGroupDescribeResponse: apiKey 69, versions 0, flexible 0+
export const consumerGroupDescribeResponse = struct({
  throttleTimeMs: field(int32, '0+'),
  groups: field(array(struct({
    errorCode: field(int16, '0+'),
    errorMessage: nullable(str, '0+', '0+', { default: null }),
    groupId: field(str, '0+'),
    groupState: field(str, '0+'),
    groupEpoch: field(int32, '0+'),
    assignmentEpoch: field(int32, '0+'),
    assignorName: field(str, '0+'),
    members: field(array(struct({
      memberId: field(str, '0+'),
      instanceId: nullable(str, '0+', '0+', { default: null }),
      rackId: nullable(str, '0+', '0+', { default: null }),
      memberEpoch: field(int32, '0+'),
      clientId: field(str, '0+'),
      clientHost: field(str, '0+'),
      subscribedTopicNames: field(array(str), '0+'),
      subscribedTopicRegex: nullable(str, '0+', '0+', { default: null }),
      assignment: field(struct({
        topicPartitions: field(array(struct({
          topicId: field(uuid, '0+'),
          topicName: field(str, '0+'),
          partitions: field(array(int32), '0+'),
        })), '0+'),
      }), '0+'),
      targetAssignment: field(struct({
        topicPartitions: field(array(struct({
          topicId: field(uuid, '0+'),
          topicName: field(str, '0+'),
          partitions: field(array(int32), '0+'),
        })), '0+'),
      }), '0+'),
    })), '0+'),
    authorizedOperations: field(int32, '0+', { default: -2147483648 }),
  })), '0+'),
});

// ConsumerProtocolSubscription: apiKey undefined, versions 0-3, flexible none
export const consumerProtocolSubscription = struct({
  topics: field(array(str), '0+'),
  userData: nullable(bytes, '0+', '0+', { default: null }),
  ownedPartitions: field(array(struct({
    topic: field(str, '1+'),
    partitions: field(array(int32), '1+'),
  })), '1+'),
  generationId: field(int32, '2+', { default: -1 }),
  rackId: nullable(str, '3+', '3+', { default: null }),
});

// ConsumerProtocolAssignment: apiKey undefined, versions 0-3, flexible none
export const consumerProtocolAssignment = struct({
  assignedPartitions: field(array(struct({
    topic: field(str, '0+'),
    partitions: field(array(int32), '0+'),
  })), '0+'),
  userData: nullable(bytes, '0+', '0+', { default: null }),
});

