// Topic administration: CreateTopics, CreatePartitions, DeleteTopics and DescribeConfigs.
// Written from Apache Kafka's message specs (clients/src/main/resources/common/message/*.json); field
// names are the specs' in camelCase. See ../schema.ts for the notation and the encoding rules.

import { array, bool, field, int16, int32, int8, nullable, str, struct, uuid } from '../schema';

// CreateTopicsRequest: apiKey 19, versions 0-7, flexible 5+, deprecated 0-1
export const createTopicsRequest = struct({
  topics: field(array(struct({
    name: field(str, '0+'),
    numPartitions: field(int32, '0+'),
    replicationFactor: field(int16, '0+'),
    assignments: field(array(struct({
      partitionIndex: field(int32, '0+'),
      brokerIds: field(array(int32), '0+'),
    })), '0+'),
    configs: field(array(struct({
      name: field(str, '0+'),
      value: nullable(str, '0+', '0+'),
    })), '0+'),
  })), '0+'),
  timeoutMs: field(int32, '0+', { default: 60000 }),
  validateOnly: field(bool, '1+', { default: false }),
});

// CreateTopicsResponse: apiKey 19, versions 0-7, flexible 5+
export const createTopicsResponse = struct({
  throttleTimeMs: field(int32, '2+'),
  topics: field(array(struct({
    name: field(str, '0+'),
    topicId: field(uuid, '7+'),
    errorCode: field(int16, '0+'),
    errorMessage: nullable(str, '1+', '0+'),
    topicConfigErrorCode: field(int16, '5+', { tag: 0 }),
    numPartitions: field(int32, '5+', { default: -1 }),
    replicationFactor: field(int16, '5+', { default: -1 }),
    configs: nullable(array(struct({
      name: field(str, '5+'),
      value: nullable(str, '5+', '5+'),
      readOnly: field(bool, '5+'),
      configSource: field(int8, '5+', { default: -1 }),
      isSensitive: field(bool, '5+'),
    })), '5+', '5+'),
  })), '0+'),
});

// CreatePartitionsRequest: apiKey 37, versions 0-3, flexible 2+
export const createPartitionsRequest = struct({
  topics: field(array(struct({
    name: field(str, '0+'),
    count: field(int32, '0+'),
    assignments: nullable(array(struct({
      brokerIds: field(array(int32), '0+'),
    })), '0+', '0+'),
  })), '0+'),
  timeoutMs: field(int32, '0+'),
  validateOnly: field(bool, '0+'),
});

// CreatePartitionsResponse: apiKey 37, versions 0-3, flexible 2+
export const createPartitionsResponse = struct({
  throttleTimeMs: field(int32, '0+'),
  results: field(array(struct({
    name: field(str, '0+'),
    errorCode: field(int16, '0+'),
    errorMessage: nullable(str, '0+', '0+', { default: null }),
  })), '0+'),
});

// DeleteTopicsRequest: apiKey 20, versions 0-6, flexible 4+, deprecated 0
export const deleteTopicsRequest = struct({
  topics: field(array(struct({
    name: nullable(str, '6+', '6+', { default: null }),
    topicId: field(uuid, '6+'),
  })), '6+'),
  topicNames: field(array(str), '0-5'),
  timeoutMs: field(int32, '0+'),
});

// DeleteTopicsResponse: apiKey 20, versions 0-6, flexible 4+
export const deleteTopicsResponse = struct({
  throttleTimeMs: field(int32, '1+'),
  responses: field(array(struct({
    name: nullable(str, '0+', '6+'),
    topicId: field(uuid, '6+'),
    errorCode: field(int16, '0+'),
    errorMessage: nullable(str, '5+', '5+', { default: null }),
  })), '0+'),
});

// DescribeConfigsRequest: apiKey 32, versions 0-4, flexible 4+, deprecated 0
export const describeConfigsRequest = struct({
  resources: field(array(struct({
    resourceType: field(int8, '0+'),
    resourceName: field(str, '0+'),
    configurationKeys: nullable(array(str), '0+', '0+'),
  })), '0+'),
  includeSynonyms: field(bool, '1+', { default: false }),
  includeDocumentation: field(bool, '3+', { default: false }),
});

// DescribeConfigsResponse: apiKey 32, versions 0-4, flexible 4+
export const describeConfigsResponse = struct({
  throttleTimeMs: field(int32, '0+'),
  results: field(array(struct({
    errorCode: field(int16, '0+'),
    errorMessage: nullable(str, '0+', '0+'),
    resourceType: field(int8, '0+'),
    resourceName: field(str, '0+'),
    configs: field(array(struct({
      name: field(str, '0+'),
      value: nullable(str, '0+', '0+'),
      readOnly: field(bool, '0+'),
      isDefault: field(bool, '0'),
      configSource: field(int8, '1+', { default: -1 }),
      isSensitive: field(bool, '0+'),
      synonyms: field(array(struct({
        name: field(str, '1+'),
        value: nullable(str, '1+', '0+'),
        source: field(int8, '1+'),
      })), '1+'),
      configType: field(int8, '3+', { default: 0 }),
      documentation: nullable(str, '3+', '0+'),
    })), '0+'),
  })), '0+'),
});

