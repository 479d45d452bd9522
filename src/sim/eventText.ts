/**
 * One-line descriptions of events, for the CLI and the timeline. Each line comes from a template
 * with named placeholders (`{clientId}`); `EVENT_TEMPLATES` holds the English ones, and a view
 * passes its localised templates (the same keys) to `describeEvent`.
 */
import type { SimEvent } from './events';
import { fillTemplate, humanDuration } from './textFormat';

export { fillTemplate, humanDuration };
import { describeShareEvent, SHARE_EVENT_TEMPLATES } from './shareGroup/eventText';
import type { ShareGroupEventBody } from './shareGroup/events';

export const EVENT_TEMPLATES = {
  eventTopicCreated: 'topic {topic} created with {partitions} partition(s)',
  eventPartitionsAdded: 'topic {topic} grew from {from} to {to} partitions',
  eventProducerStartedKeyed: 'producer {producer} writes {ratePerSec} msg/s to {topic} with {keys} keys',
  eventProducerStartedKeyless: 'producer {producer} writes {ratePerSec} msg/s to {topic} without keys',
  eventProducerRateChanged: 'producer {producer} rate {from} → {to} msg/s',
  eventConsumerStarted: '{clientId} started (group {group})',
  eventConsumerStartedStandalone: "{clientId} started with assign() (no group membership), sharing {group}'s offsets",
  eventConsumerRestartedWithConfig: '{clientId} started again with {changes} (group {group})',
  eventConsumerStopped: '{clientId} closed gracefully',
  eventConsumerCrashed: '{clientId} crashed: no LeaveGroup, no more heartbeats',
  eventConsumerFailed: '{clientId} stopped with {error}',
  eventConsumerStalled: '{clientId} is stuck processing for {duration} (no poll)',
  eventConsumerResumed: '{clientId} resumed processing',
  eventConsumerRateChanged: '{clientId} processing rate {from} → {to} msg/s',
  eventGroupCreated: 'group {group} created',
  eventGroupStateChanged: '{group}: {from} → {to}',
  eventMemberJoined: '{group}: {clientId} joined as {memberId}',
  eventMemberJoinedStatic: '{group}: {clientId} joined as {memberId} (static, {groupInstanceId})',
  eventStaticMemberRejoined: '{group}: static member {groupInstanceId} is back as {memberId} (was {previousMemberId})',
  eventRebalanceStarted: '{group}: rebalance started: {reason}',
  eventJoinRejected: "{group}: {clientId} cannot join: its partition.assignment.strategy ({assignors}) shares nothing with the group's ({groupAssignors}); {error}",
  eventGroupEpochBumped: '{group}: group epoch {groupEpoch}: {reason}',
  eventGroupUpgraded: '{group}: upgraded online from the classic to the consumer protocol ({clientId} joined with group.protocol=consumer); its {members} classic member(s) stay and rebalance with JoinGroup/SyncGroup',
  eventGroupDowngraded: '{group}: back to the classic protocol: {clientId}, the last member using the consumer protocol, left; {members} classic member(s) rebalance',
  eventMigrationRefused: "{group}: {clientId} cannot join: the group uses the other protocol and group.consumer.migration.policy={policy} does not convert it",
  eventTargetAssignmentComputed: '{group}: target assignment for epoch {assignmentEpoch} ({assignor}, computed by the coordinator): {assignment}',
  eventMemberRemovedOnRebalanceTimeout: '{group}: {clientId} removed: it did not rejoin within the rebalance timeout',
  eventMemberRemovedNoSync: '{group}: {clientId} removed: it did not send its SyncGroup within the rebalance timeout',
  eventMemberRemovedNoRevoke: '{group}: {clientId} fenced: it did not revoke its partitions within the rebalance timeout',
  eventRebalanceCompleted: '{group}: generation {generation} ({assignor}, {protocol}): {assignment}',
  eventRebalanceCompletedWithheld: '{group}: generation {generation} ({assignor}, {protocol}): {assignment}; withheld until the next round: {withheld}',
  eventPartitionsAssigned: '{clientId} assigned {partitions} (generation {generation})',
  eventPartitionsRevoked: '{clientId} revoked {partitions}',
  eventPartitionsLost: '{clientId} lost {partitions} ({reason})',
  eventHeartbeatMissed: '{group}: no heartbeat from {clientId} for {silent} (session expires after {sessionTimeout})',
  eventSessionTimedOut: "{group}: {clientId}'s session timed out after {sessionTimeout} without heartbeats; it is removed",
  eventPollTimeout: '{clientId} did not call poll() within max.poll.interval.ms ({maxPollInterval}) and leaves the group',
  eventMemberLeft: '{group}: {clientId} left ({reason})',
  eventOffsetsCommitted: '{clientId} committed {offsets}',
  eventCommitFailed: "{clientId}'s commit failed: {error}",
  eventOffsetReset: '{clientId}: no committed offset for {partition}; auto.offset.reset={policy} → {offset}',
  eventRecordsReprocessed: '{clientId} processed {count} record(s) of {partition} again (from offset {fromOffset})',
  eventOutOfOrder: '{clientId} processed {count} record(s) of {partition} after later records of the same key',
  eventOffsetMovedBackwards: "{clientId} moved {group}'s committed offset of {partition} back from {from} to {to}",
  eventLagAbove: '{group}: total lag {lag} reached {threshold}',
  eventLagBelow: '{group}: total lag {lag} fell below half of {threshold}',
  eventAssignorChanged: '{group}: partition.assignment.strategy → {assignor}',
  eventMetadataRefreshed: '{clientId} sees {topic} with {partitions} partitions',
  eventTimelineActionSkipped: 'timeline action {path} ({action}) skipped: {reason}',
  eventNothing: 'nothing',
  /** Share-group events (KIP-932): their templates live with the share-group module. */
  ...SHARE_EVENT_TEMPLATES,
} as const;

export type EventTemplateKey = keyof typeof EVENT_TEMPLATES;
export type EventTemplates = { readonly [K in EventTemplateKey]: string };

const shortMember = (m: string): string => m.replace(/-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, '');

/** The template and its parameters for an event. */
function templateOf(e: SimEvent, nothing: string): [EventTemplateKey, Record<string, string | number>] {
  const list = (parts: readonly string[]): string => (parts.length === 0 ? nothing : parts.join(', '));
  const owners = (assignment: Record<string, readonly string[]>, shorten: boolean): string =>
    list(Object.entries(assignment).map(([m, ps]) => `${shorten ? shortMember(m) : m}=[${ps.join(' ')}]`));
  switch (e.type) {
    case 'topic-created':
      return ['eventTopicCreated', { topic: e.topic, partitions: e.partitions }];
    case 'partitions-added':
      return ['eventPartitionsAdded', { topic: e.topic, from: e.from, to: e.to }];
    case 'producer-started':
      return [e.keys > 0 ? 'eventProducerStartedKeyed' : 'eventProducerStartedKeyless', { producer: e.producer, ratePerSec: e.ratePerSec, topic: e.topic, keys: e.keys }];
    case 'producer-rate-changed':
      return ['eventProducerRateChanged', { producer: e.producer, from: e.from, to: e.to }];
    case 'consumer-started':
      if (e.changed) return ['eventConsumerRestartedWithConfig', { clientId: e.clientId, group: e.group, changes: Object.entries(e.changed).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(', ') }];
      return [e.standalone ? 'eventConsumerStartedStandalone' : 'eventConsumerStarted', { clientId: e.clientId, group: e.group }];
    case 'consumer-stopped':
      return ['eventConsumerStopped', { clientId: e.clientId }];
    case 'consumer-crashed':
      return ['eventConsumerCrashed', { clientId: e.clientId }];
    case 'consumer-failed':
      return ['eventConsumerFailed', { clientId: e.clientId, error: e.error }];
    case 'consumer-stalled':
      return ['eventConsumerStalled', { clientId: e.clientId, duration: humanDuration(e.durationMs) }];
    case 'consumer-resumed':
      return ['eventConsumerResumed', { clientId: e.clientId }];
    case 'consumer-rate-changed':
      return ['eventConsumerRateChanged', { clientId: e.clientId, from: e.from, to: e.to }];
    case 'group-created':
      return ['eventGroupCreated', { group: e.group }];
    case 'group-state-changed':
      return ['eventGroupStateChanged', { group: e.group, from: e.from, to: e.to }];
    case 'member-joined':
      return [e.groupInstanceId ? 'eventMemberJoinedStatic' : 'eventMemberJoined', { group: e.group, clientId: e.clientId, memberId: e.memberId, groupInstanceId: e.groupInstanceId ?? '' }];
    case 'static-member-rejoined':
      return ['eventStaticMemberRejoined', { group: e.group, groupInstanceId: e.groupInstanceId, memberId: e.memberId, previousMemberId: e.previousMemberId }];
    case 'rebalance-started':
      return ['eventRebalanceStarted', { group: e.group, reason: e.reason }];
    case 'join-rejected':
      return ['eventJoinRejected', { group: e.group, clientId: e.clientId, assignors: e.assignors.join(', '), groupAssignors: e.groupAssignors.join(', ') || nothing, error: e.error }];
    case 'group-converted':
      return [e.to === 'consumer' ? 'eventGroupUpgraded' : 'eventGroupDowngraded', { group: e.group, clientId: e.clientId, members: e.members }];
    case 'migration-refused':
      return ['eventMigrationRefused', { group: e.group, clientId: e.clientId, policy: e.policy }];
    case 'group-epoch-bumped':
      return ['eventGroupEpochBumped', { group: e.group, groupEpoch: e.groupEpoch, reason: e.reason }];
    case 'target-assignment-computed':
      return ['eventTargetAssignmentComputed', { group: e.group, assignmentEpoch: e.assignmentEpoch, assignor: e.assignor, assignment: owners(e.assignment, false) }];
    case 'member-removed-on-rebalance-timeout':
      return [e.cause === 'sync' ? 'eventMemberRemovedNoSync' : e.cause === 'revoke' ? 'eventMemberRemovedNoRevoke' : 'eventMemberRemovedOnRebalanceTimeout', { group: e.group, clientId: e.clientId }];
    case 'rebalance-completed':
      return [
        e.withheld.length > 0 ? 'eventRebalanceCompletedWithheld' : 'eventRebalanceCompleted',
        { group: e.group, generation: e.generation, assignor: e.assignor, protocol: e.protocol, assignment: owners(e.assignment, true), withheld: e.withheld.join(' ') },
      ];
    case 'partitions-assigned':
      return ['eventPartitionsAssigned', { clientId: e.clientId, partitions: list(e.partitions), generation: e.generation }];
    case 'partitions-revoked':
      return ['eventPartitionsRevoked', { clientId: e.clientId, partitions: list(e.partitions) }];
    case 'partitions-lost':
      return ['eventPartitionsLost', { clientId: e.clientId, partitions: list(e.partitions), reason: e.reason }];
    case 'heartbeat-missed':
      return ['eventHeartbeatMissed', { group: e.group, clientId: e.clientId, silent: humanDuration(e.silentMs), sessionTimeout: humanDuration(e.sessionTimeoutMs) }];
    case 'session-timed-out':
      return ['eventSessionTimedOut', { group: e.group, clientId: e.clientId, sessionTimeout: humanDuration(e.sessionTimeoutMs) }];
    case 'poll-timeout':
      return ['eventPollTimeout', { clientId: e.clientId, maxPollInterval: humanDuration(e.maxPollIntervalMs) }];
    case 'member-left':
      return ['eventMemberLeft', { group: e.group, clientId: e.clientId, reason: e.reason }];
    case 'offsets-committed':
      return ['eventOffsetsCommitted', { clientId: e.clientId, offsets: list(Object.entries(e.offsets).map(([p, o]) => `${p}@${o}`)) }];
    case 'commit-failed':
      return ['eventCommitFailed', { clientId: e.clientId, error: e.error }];
    case 'offset-reset':
      return ['eventOffsetReset', { clientId: e.clientId, partition: e.partition, policy: e.policy, offset: e.offset }];
    case 'records-reprocessed':
      return ['eventRecordsReprocessed', { clientId: e.clientId, count: e.count, partition: e.partition, fromOffset: e.fromOffset }];
    case 'out-of-order':
      return ['eventOutOfOrder', { clientId: e.clientId, count: e.count, partition: e.partition }];
    case 'offset-moved-backwards':
      return ['eventOffsetMovedBackwards', { clientId: e.clientId, group: e.group, partition: e.partition, from: e.from, to: e.to }];
    case 'lag-threshold-crossed':
      return [e.direction === 'above' ? 'eventLagAbove' : 'eventLagBelow', { group: e.group, lag: e.lag, threshold: e.threshold }];
    case 'assignor-changed':
      return ['eventAssignorChanged', { group: e.group, assignor: e.assignor.join(', ') }];
    case 'metadata-refreshed':
      return ['eventMetadataRefreshed', { clientId: e.clientId, topic: e.topic, partitions: e.partitions }];
    case 'timeline-action-skipped':
      return ['eventTimelineActionSkipped', { path: e.path, action: e.action, reason: e.reason }];
    default:
      return ['eventNothing', {}];
  }
}

/** The event in words, with `templates` (English by default). */
export function describeEvent(e: SimEvent, templates: EventTemplates = EVENT_TEMPLATES): string {
  if (e.type.startsWith('share-')) return describeShareEvent(e as ShareGroupEventBody, templates, templates.eventNothing);
  const [key, params] = templateOf(e, templates.eventNothing);
  return fillTemplate(templates[key], params);
}

/** `[   12.300s] text` */
export function formatEventLine(e: SimEvent): string {
  return `[${(e.t / 1000).toFixed(3).padStart(10)}s] ${describeEvent(e)}`;
}
