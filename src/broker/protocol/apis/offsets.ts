// Committed offsets: OffsetCommit, OffsetFetch and OffsetDelete.
// Written from Apache Kafka's message specs (clients/src/main/resources/common/message/*.json); field
// names are the specs' in camelCase. See ../schema.ts for the notation and the encoding rules.

import { array, bool, field, int16, int32, int64, nullable, str, struct } from '../schema';

// OffsetCommitRequest: apiKey 8, versions 0-9, flexible 8+, deprecated 0-1
export const offsetCommitRequest = struct({
  groupId: field(str, '0+'),
  generationIdOrMemberEpoch: field(int32, '1+', { default: -1 }),
  memberId: field(str, '1+'),
  groupInstanceId: nullable(str, '7+', '7+', { default: null }),
  retentionTimeMs: field(int64, '2-4', { default: -1n }),
  topics: field(array(struct({
    name: field(str, '0+'),
    partitions: field(array(struct({
      partitionIndex: field(int32, '0+'),
      committedOffset: field(int64, '0+'),
      committedLeaderEpoch: field(int32, '6+', { default: -1 }),
      commitTimestamp: field(int64, '1', { default: -1n }),
      committedMetadata: nullable(str, '0+', '0+'),
    })), '0+'),
  })), '0+'),
});

// OffsetCommitResponse: apiKey 8, versions 0-9, flexible 8+
export const offsetCommitResponse = struct({
  throttleTimeMs: field(int32, '3+'),
  topics: field(array(struct({
    name: field(str, '0+'),
    partitions: field(array(struct({
      partitionIndex: field(int32, '0+'),
      errorCode: field(int16, '0+'),
    })), '0+'),
  })), '0+'),
});

// OffsetFetchRequest: apiKey 9, versions 0-9, flexible 6+, deprecated 0
export const offsetFetchRequest = struct({
  groupId: field(str, '0-7'),
  topics: nullable(array(struct({
    name: field(str, '0-7'),
    partitionIndexes: field(array(int32), '0-7'),
  })), '0-7', '2-7'),
  groups: field(array(struct({
    groupId: field(str, '8+'),
    memberId: nullable(str, '9+', '9+', { default: null }),
    memberEpoch: field(int32, '9+', { default: -1 }),
    topics: nullable(array(struct({
      name: field(str, '8+'),
      partitionIndexes: field(array(int32), '8+'),
    })), '8+', '8+'),
  })), '8+'),
  requireStable: field(bool, '7+', { default: false }),
});

// OffsetFetchResponse: apiKey 9, versions 0-9, flexible 6+
export const offsetFetchResponse = struct({
  throttleTimeMs: field(int32, '3+'),
  topics: field(array(struct({
    name: field(str, '0-7'),
    partitions: field(array(struct({
      partitionIndex: field(int32, '0-7'),
      committedOffset: field(int64, '0-7'),
      committedLeaderEpoch: field(int32, '5-7', { default: -1 }),
      metadata: nullable(str, '0-7', '0-7'),
      errorCode: field(int16, '0-7'),
    })), '0-7'),
  })), '0-7'),
  errorCode: field(int16, '2-7', { default: 0 }),
  groups: field(array(struct({
    groupId: field(str, '8+'),
    topics: field(array(struct({
      name: field(str, '8+'),
      partitions: field(array(struct({
        partitionIndex: field(int32, '8+'),
        committedOffset: field(int64, '8+'),
        committedLeaderEpoch: field(int32, '8+', { default: -1 }),
        metadata: nullable(str, '8+', '8+'),
        errorCode: field(int16, '8+'),
      })), '8+'),
    })), '8+'),
    errorCode: field(int16, '8+', { default: 0 }),
  })), '8+'),
});

// OffsetDeleteRequest: apiKey 47, versions 0, flexible none
export const offsetDeleteRequest = struct({
  groupId: field(str, '0+'),
  topics: field(array(struct({
    name: field(str, '0+'),
    partitions: field(array(struct({
      partitionIndex: field(int32, '0+'),
    })), '0+'),
  })), '0+'),
});

// OffsetDeleteResponse: apiKey 47, versions 0, flexible none
export const offsetDeleteResponse = struct({
  errorCode: field(int16, '0+'),
  throttleTimeMs: field(int32, '0+'),
  topics: field(array(struct({
    name: field(str, '0+'),
    partitions: field(array(struct({
      partitionIndex: field(int32, '0+'),
      errorCode: field(int16, '0+'),
    })), '0+'),
  })), '0+'),
});

