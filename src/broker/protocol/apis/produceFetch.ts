// Records in and out: Produce, Fetch, ListOffsets, OffsetForLeaderEpoch and InitProducerId.
// Written from Apache Kafka's message specs (clients/src/main/resources/common/message/*.json); field
// names are the specs' in camelCase. See ../schema.ts for the notation and the encoding rules.

import { array, field, int16, int32, int64, int8, nullable, records, str, struct, uuid } from '../schema';

// ProduceRequest: apiKey 0, versions 0-11, flexible 9+, deprecated 0-6
export const produceRequest = struct({
  transactionalId: nullable(str, '3+', '3+', { default: null }),
  acks: field(int16, '0+'),
  timeoutMs: field(int32, '0+'),
  topicData: field(array(struct({
    name: field(str, '0+'),
    partitionData: field(array(struct({
      index: field(int32, '0+'),
      records: nullable(records, '0+', '0+'),
    })), '0+'),
  })), '0+'),
});

// ProduceResponse: apiKey 0, versions 0-11, flexible 9+
export const produceResponse = struct({
  responses: field(array(struct({
    name: field(str, '0+'),
    partitionResponses: field(array(struct({
      index: field(int32, '0+'),
      errorCode: field(int16, '0+'),
      baseOffset: field(int64, '0+'),
      logAppendTimeMs: field(int64, '2+', { default: -1n }),
      logStartOffset: field(int64, '5+', { default: -1n }),
      recordErrors: field(array(struct({
        batchIndex: field(int32, '8+'),
        batchIndexErrorMessage: nullable(str, '8+', '8+', { default: null }),
      })), '8+'),
      errorMessage: nullable(str, '8+', '8+', { default: null }),
      currentLeader: field(struct({
        leaderId: field(int32, '10+', { default: -1 }),
        leaderEpoch: field(int32, '10+', { default: -1 }),
      }), '10+', { tag: 0 }),
    })), '0+'),
  })), '0+'),
  throttleTimeMs: field(int32, '1+', { default: 0 }),
  nodeEndpoints: field(array(struct({
    nodeId: field(int32, '10+'),
    host: field(str, '10+'),
    port: field(int32, '10+'),
    rack: nullable(str, '10+', '10+', { default: null }),
  })), '10+', { tag: 0 }),
});

// FetchRequest: apiKey 1, versions 0-17, flexible 12+, deprecated 0-3
export const fetchRequest = struct({
  clusterId: nullable(str, '12+', '12+', { tag: 0, default: null }),
  replicaId: field(int32, '0-14', { default: -1 }),
  replicaState: field(struct({
    replicaId: field(int32, '15+', { default: -1 }),
    replicaEpoch: field(int64, '15+', { default: -1n }),
  }), '15+', { tag: 1 }),
  maxWaitMs: field(int32, '0+'),
  minBytes: field(int32, '0+'),
  maxBytes: field(int32, '3+', { default: 2147483647 }),
  isolationLevel: field(int8, '4+', { default: 0 }),
  sessionId: field(int32, '7+', { default: 0 }),
  sessionEpoch: field(int32, '7+', { default: -1 }),
  topics: field(array(struct({
    topic: field(str, '0-12'),
    topicId: field(uuid, '13+'),
    partitions: field(array(struct({
      partition: field(int32, '0+'),
      currentLeaderEpoch: field(int32, '9+', { default: -1 }),
      fetchOffset: field(int64, '0+'),
      lastFetchedEpoch: field(int32, '12+', { default: -1 }),
      logStartOffset: field(int64, '5+', { default: -1n }),
      partitionMaxBytes: field(int32, '0+'),
      replicaDirectoryId: field(uuid, '17+', { tag: 0 }),
    })), '0+'),
  })), '0+'),
  forgottenTopicsData: field(array(struct({
    topic: field(str, '7-12'),
    topicId: field(uuid, '13+'),
    partitions: field(array(int32), '7+'),
  })), '7+'),
  rackId: field(str, '11+', { default: "" }),
});

// FetchResponse: apiKey 1, versions 0-17, flexible 12+
export const fetchResponse = struct({
  throttleTimeMs: field(int32, '1+'),
  errorCode: field(int16, '7+'),
  sessionId: field(int32, '7+', { default: 0 }),
  responses: field(array(struct({
    topic: field(str, '0-12'),
    topicId: field(uuid, '13+'),
    partitions: field(array(struct({
      partitionIndex: field(int32, '0+'),
      errorCode: field(int16, '0+'),
      highWatermark: field(int64, '0+'),
      lastStableOffset: field(int64, '4+', { default: -1n }),
      logStartOffset: field(int64, '5+', { default: -1n }),
      divergingEpoch: field(struct({
        epoch: field(int32, '12+', { default: -1 }),
        endOffset: field(int64, '12+', { default: -1n }),
      }), '12+', { tag: 0 }),
      currentLeader: field(struct({
        leaderId: field(int32, '12+', { default: -1 }),
        leaderEpoch: field(int32, '12+', { default: -1 }),
      }), '12+', { tag: 1 }),
      snapshotId: field(struct({
        endOffset: field(int64, '0+', { default: -1n }),
        epoch: field(int32, '0+', { default: -1 }),
      }), '12+', { tag: 2 }),
      abortedTransactions: nullable(array(struct({
        producerId: field(int64, '4+'),
        firstOffset: field(int64, '4+'),
      })), '4+', '4+'),
      preferredReadReplica: field(int32, '11+', { default: -1 }),
      records: nullable(records, '0+', '0+'),
    })), '0+'),
  })), '0+'),
  nodeEndpoints: field(array(struct({
    nodeId: field(int32, '16+'),
    host: field(str, '16+'),
    port: field(int32, '16+'),
    rack: nullable(str, '16+', '16+', { default: null }),
  })), '16+', { tag: 0 }),
});

// ListOffsetsRequest: apiKey 2, versions 0-10, flexible 6+, deprecated 0
export const listOffsetsRequest = struct({
  replicaId: field(int32, '0+'),
  isolationLevel: field(int8, '2+'),
  topics: field(array(struct({
    name: field(str, '0+'),
    partitions: field(array(struct({
      partitionIndex: field(int32, '0+'),
      currentLeaderEpoch: field(int32, '4+', { default: -1 }),
      timestamp: field(int64, '0+'),
      maxNumOffsets: field(int32, '0', { default: 1 }),
    })), '0+'),
  })), '0+'),
  timeoutMs: field(int32, '10+'),
});

// ListOffsetsResponse: apiKey 2, versions 0-10, flexible 6+
export const listOffsetsResponse = struct({
  throttleTimeMs: field(int32, '2+'),
  topics: field(array(struct({
    name: field(str, '0+'),
    partitions: field(array(struct({
      partitionIndex: field(int32, '0+'),
      errorCode: field(int16, '0+'),
      oldStyleOffsets: field(array(int64), '0'),
      timestamp: field(int64, '1+', { default: -1n }),
      offset: field(int64, '1+', { default: -1n }),
      leaderEpoch: field(int32, '4+', { default: -1 }),
    })), '0+'),
  })), '0+'),
});

// OffsetForLeaderEpochRequest: apiKey 23, versions 0-4, flexible 4+, deprecated 0-1
export const offsetForLeaderEpochRequest = struct({
  replicaId: field(int32, '3+', { default: -2 }),
  topics: field(array(struct({
    topic: field(str, '0+'),
    partitions: field(array(struct({
      partition: field(int32, '0+'),
      currentLeaderEpoch: field(int32, '2+', { default: -1 }),
      leaderEpoch: field(int32, '0+'),
    })), '0+'),
  })), '0+'),
});

// OffsetForLeaderEpochResponse: apiKey 23, versions 0-4, flexible 4+
export const offsetForLeaderEpochResponse = struct({
  throttleTimeMs: field(int32, '2+'),
  topics: field(array(struct({
    topic: field(str, '0+'),
    partitions: field(array(struct({
      errorCode: field(int16, '0+'),
      partition: field(int32, '0+'),
      leaderEpoch: field(int32, '1+', { default: -1 }),
      endOffset: field(int64, '0+', { default: -1n }),
    })), '0+'),
  })), '0+'),
});

// InitProducerIdRequest: apiKey 22, versions 0-5, flexible 2+
export const initProducerIdRequest = struct({
  transactionalId: nullable(str, '0+', '0+'),
  transactionTimeoutMs: field(int32, '0+'),
  producerId: field(int64, '3+', { default: -1n }),
  producerEpoch: field(int16, '3+', { default: -1 }),
});

// InitProducerIdResponse: apiKey 22, versions 0-5, flexible 2+
export const initProducerIdResponse = struct({
  throttleTimeMs: field(int32, '0+'),
  errorCode: field(int16, '0+'),
  producerId: field(int64, '0+', { default: -1n }),
  producerEpoch: field(int16, '0+'),
});

