// The classic group protocol: JoinGroup, SyncGroup, Heartbeat, LeaveGroup, and DescribeGroups, ListGroups, DeleteGroups.
// Written from Apache Kafka's message specs (clients/src/main/resources/common/message/*.json); field
// names are the specs' in camelCase. See ../schema.ts for the notation and the encoding rules.

import { array, bool, bytes, field, int16, int32, nullable, str, struct } from '../schema';

// JoinGroupRequest: apiKey 11, versions 0-9, flexible 6+, deprecated 0-1
export const joinGroupRequest = struct({
  groupId: field(str, '0+'),
  sessionTimeoutMs: field(int32, '0+'),
  rebalanceTimeoutMs: field(int32, '1+', { default: -1 }),
  memberId: field(str, '0+'),
  groupInstanceId: nullable(str, '5+', '5+', { default: null }),
  protocolType: field(str, '0+'),
  protocols: field(array(struct({
    name: field(str, '0+'),
    metadata: field(bytes, '0+'),
  })), '0+'),
  reason: nullable(str, '8+', '8+', { default: null }),
});

// JoinGroupResponse: apiKey 11, versions 0-9, flexible 6+
export const joinGroupResponse = struct({
  throttleTimeMs: field(int32, '2+'),
  errorCode: field(int16, '0+'),
  generationId: field(int32, '0+', { default: -1 }),
  protocolType: nullable(str, '7+', '7+', { default: null }),
  protocolName: nullable(str, '0+', '7+'),
  leader: field(str, '0+'),
  skipAssignment: field(bool, '9+', { default: false }),
  memberId: field(str, '0+'),
  members: field(array(struct({
    memberId: field(str, '0+'),
    groupInstanceId: nullable(str, '5+', '5+', { default: null }),
    metadata: field(bytes, '0+'),
  })), '0+'),
});

// SyncGroupRequest: apiKey 14, versions 0-5, flexible 4+
export const syncGroupRequest = struct({
  groupId: field(str, '0+'),
  generationId: field(int32, '0+'),
  memberId: field(str, '0+'),
  groupInstanceId: nullable(str, '3+', '3+', { default: null }),
  protocolType: nullable(str, '5+', '5+', { default: null }),
  protocolName: nullable(str, '5+', '5+', { default: null }),
  assignments: field(array(struct({
    memberId: field(str, '0+'),
    assignment: field(bytes, '0+'),
  })), '0+'),
});

// SyncGroupResponse: apiKey 14, versions 0-5, flexible 4+
export const syncGroupResponse = struct({
  throttleTimeMs: field(int32, '1+'),
  errorCode: field(int16, '0+'),
  protocolType: nullable(str, '5+', '5+', { default: null }),
  protocolName: nullable(str, '5+', '5+', { default: null }),
  assignment: field(bytes, '0+'),
});

// HeartbeatRequest: apiKey 12, versions 0-4, flexible 4+
export const heartbeatRequest = struct({
  groupId: field(str, '0+'),
  generationId: field(int32, '0+'),
  memberId: field(str, '0+'),
  groupInstanceId: nullable(str, '3+', '3+', { default: null }),
});

// HeartbeatResponse: apiKey 12, versions 0-4, flexible 4+
export const heartbeatResponse = struct({
  throttleTimeMs: field(int32, '1+'),
  errorCode: field(int16, '0+'),
});

// LeaveGroupRequest: apiKey 13, versions 0-5, flexible 4+
export const leaveGroupRequest = struct({
  groupId: field(str, '0+'),
  memberId: field(str, '0-2'),
  members: field(array(struct({
    memberId: field(str, '3+'),
    groupInstanceId: nullable(str, '3+', '3+', { default: null }),
    reason: nullable(str, '5+', '5+', { default: null }),
  })), '3+'),
});

// LeaveGroupResponse: apiKey 13, versions 0-5, flexible 4+
export const leaveGroupResponse = struct({
  throttleTimeMs: field(int32, '1+'),
  errorCode: field(int16, '0+'),
  members: field(array(struct({
    memberId: field(str, '3+'),
    groupInstanceId: nullable(str, '3+', '3+'),
    errorCode: field(int16, '3+'),
  })), '3+'),
});

// DescribeGroupsRequest: apiKey 15, versions 0-5, flexible 5+
export const describeGroupsRequest = struct({
  groups: field(array(str), '0+'),
  includeAuthorizedOperations: field(bool, '3+'),
});

// DescribeGroupsResponse: apiKey 15, versions 0-5, flexible 5+
export const describeGroupsResponse = struct({
  throttleTimeMs: field(int32, '1+'),
  groups: field(array(struct({
    errorCode: field(int16, '0+'),
    groupId: field(str, '0+'),
    groupState: field(str, '0+'),
    protocolType: field(str, '0+'),
    protocolData: field(str, '0+'),
    members: field(array(struct({
      memberId: field(str, '0+'),
      groupInstanceId: nullable(str, '4+', '4+', { default: null }),
      clientId: field(str, '0+'),
      clientHost: field(str, '0+'),
      memberMetadata: field(bytes, '0+'),
      memberAssignment: field(bytes, '0+'),
    })), '0+'),
    authorizedOperations: field(int32, '3+', { default: -2147483648 }),
  })), '0+'),
});

// ListGroupsRequest: apiKey 16, versions 0-5, flexible 3+
export const listGroupsRequest = struct({
  statesFilter: field(array(str), '4+'),
  typesFilter: field(array(str), '5+'),
});

// ListGroupsResponse: apiKey 16, versions 0-5, flexible 3+
export const listGroupsResponse = struct({
  throttleTimeMs: field(int32, '1+'),
  errorCode: field(int16, '0+'),
  groups: field(array(struct({
    groupId: field(str, '0+'),
    protocolType: field(str, '0+'),
    groupState: field(str, '4+'),
    groupType: field(str, '5+'),
  })), '0+'),
});

// DeleteGroupsRequest: apiKey 42, versions 0-2, flexible 2+, deprecated 0
export const deleteGroupsRequest = struct({
  groupsNames: field(array(str), '0+'),
});

// DeleteGroupsResponse: apiKey 42, versions 0-2, flexible 2+
export const deleteGroupsResponse = struct({
  throttleTimeMs: field(int32, '0+'),
  results: field(array(struct({
    groupId: field(str, '0+'),
    errorCode: field(int16, '0+'),
  })), '0+'),
});

