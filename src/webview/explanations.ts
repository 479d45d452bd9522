/**
 * What the timeline knows about each engine event: its category (for the filters), the
 * explanation shown when a learner opens it (a WEBVIEW_STRINGS key), and its one-line text.
 */
import { describeEvent, EventTemplates } from '../sim';
import type { SimEvent, SimEventType } from '../sim';
import type { WebviewStringKey } from '../protocol/webviewStrings';

export type EventCategory = 'rebalance' | 'membership' | 'session' | 'commit' | 'delivery' | 'topic';

export const EVENT_CATEGORIES: readonly EventCategory[] = ['rebalance', 'membership', 'session', 'commit', 'delivery', 'topic'];

export const CATEGORY_LABEL: Record<EventCategory, WebviewStringKey> = {
  rebalance: 'catRebalance',
  membership: 'catMembership',
  session: 'catSession',
  commit: 'catCommit',
  delivery: 'catDelivery',
  topic: 'catTopic',
};

export const CATEGORY_ICON: Record<EventCategory, string> = {
  rebalance: 'sync',
  membership: 'person',
  session: 'pulse',
  commit: 'git-commit',
  delivery: 'warning',
  topic: 'database',
};

interface EventInfo {
  readonly category: EventCategory;
  readonly explanation: WebviewStringKey;
}

/**
 * Every event type the engine emits (a unit test runs the built-in scenarios and checks that each
 * emitted type is here). Typed loosely so that an engine adding a type does not break the build:
 * an unknown type falls back to GENERIC_INFO.
 */
export const EVENT_INFO: { readonly [K in SimEventType]?: EventInfo } & Readonly<Record<string, EventInfo | undefined>> = {
  'topic-created': { category: 'topic', explanation: 'explainTopicCreated' },
  'partitions-added': { category: 'topic', explanation: 'explainPartitionsAdded' },
  'producer-started': { category: 'topic', explanation: 'explainProducerStarted' },
  'producer-rate-changed': { category: 'topic', explanation: 'explainProducerRateChanged' },
  'metadata-refreshed': { category: 'topic', explanation: 'explainMetadataRefreshed' },
  'timeline-action-skipped': { category: 'topic', explanation: 'explainTimelineActionSkipped' },
  'consumer-started': { category: 'membership', explanation: 'explainConsumerStarted' },
  'consumer-stopped': { category: 'membership', explanation: 'explainConsumerStopped' },
  'consumer-crashed': { category: 'membership', explanation: 'explainConsumerCrashed' },
  'consumer-failed': { category: 'membership', explanation: 'explainConsumerFailed' },
  'consumer-rate-changed': { category: 'membership', explanation: 'explainConsumerRateChanged' },
  'group-created': { category: 'membership', explanation: 'explainGroupCreated' },
  'member-joined': { category: 'membership', explanation: 'explainMemberJoined' },
  'static-member-rejoined': { category: 'membership', explanation: 'explainStaticMemberRejoined' },
  'member-left': { category: 'membership', explanation: 'explainMemberLeft' },
  'member-removed-on-rebalance-timeout': { category: 'membership', explanation: 'explainMemberRemovedOnRebalanceTimeout' },
  'consumer-stalled': { category: 'session', explanation: 'explainConsumerStalled' },
  'consumer-resumed': { category: 'session', explanation: 'explainConsumerResumed' },
  'heartbeat-missed': { category: 'session', explanation: 'explainHeartbeatMissed' },
  'session-timed-out': { category: 'session', explanation: 'explainSessionTimedOut' },
  'poll-timeout': { category: 'session', explanation: 'explainPollTimeout' },
  'group-state-changed': { category: 'rebalance', explanation: 'explainGroupStateChanged' },
  'rebalance-started': { category: 'rebalance', explanation: 'explainRebalanceStarted' },
  'rebalance-completed': { category: 'rebalance', explanation: 'explainRebalanceCompleted' },
  'group-epoch-bumped': { category: 'rebalance', explanation: 'explainGroupEpochBumped' },
  'target-assignment-computed': { category: 'rebalance', explanation: 'explainTargetAssignmentComputed' },
  'join-rejected': { category: 'rebalance', explanation: 'explainJoinRejected' },
  'group-converted': { category: 'rebalance', explanation: 'explainGroupConverted' },
  'migration-refused': { category: 'rebalance', explanation: 'explainMigrationRefused' },
  'partitions-assigned': { category: 'rebalance', explanation: 'explainPartitionsAssigned' },
  'partitions-revoked': { category: 'rebalance', explanation: 'explainPartitionsRevoked' },
  'partitions-lost': { category: 'rebalance', explanation: 'explainPartitionsLost' },
  'assignor-changed': { category: 'rebalance', explanation: 'explainAssignorChanged' },
  'offsets-committed': { category: 'commit', explanation: 'explainOffsetsCommitted' },
  'commit-failed': { category: 'commit', explanation: 'explainCommitFailed' },
  'offset-reset': { category: 'commit', explanation: 'explainOffsetReset' },
  'offset-moved-backwards': { category: 'delivery', explanation: 'explainOffsetMovedBackwards' },
  'records-reprocessed': { category: 'delivery', explanation: 'explainRecordsReprocessed' },
  'out-of-order': { category: 'delivery', explanation: 'explainOutOfOrder' },
  'lag-threshold-crossed': { category: 'delivery', explanation: 'explainLagThresholdCrossed' },
  // Share groups (KIP-932).
  'share-group-created': { category: 'membership', explanation: 'explainShareGroupCreated' },
  'share-group-state-changed': { category: 'rebalance', explanation: 'explainShareGroupStateChanged' },
  'share-consumer-started': { category: 'membership', explanation: 'explainShareConsumerStarted' },
  'share-consumer-stopped': { category: 'membership', explanation: 'explainShareConsumerStopped' },
  'share-consumer-crashed': { category: 'membership', explanation: 'explainShareConsumerCrashed' },
  'share-consumer-rate-changed': { category: 'membership', explanation: 'explainConsumerRateChanged' },
  'share-member-joined': { category: 'membership', explanation: 'explainShareMemberJoined' },
  'share-member-left': { category: 'membership', explanation: 'explainShareMemberLeft' },
  'share-consumer-stalled': { category: 'session', explanation: 'explainShareConsumerStalled' },
  'share-consumer-resumed': { category: 'session', explanation: 'explainShareConsumerResumed' },
  'share-session-timed-out': { category: 'session', explanation: 'explainShareSessionTimedOut' },
  'share-poll-timeout': { category: 'session', explanation: 'explainSharePollTimeout' },
  'share-assignment-computed': { category: 'rebalance', explanation: 'explainShareAssignmentComputed' },
  'share-partitions-assigned': { category: 'rebalance', explanation: 'explainSharePartitionsAssigned' },
  'share-partition-initialized': { category: 'commit', explanation: 'explainSharePartitionInitialized' },
  'share-records-acquired': { category: 'commit', explanation: 'explainShareRecordsAcquired' },
  'share-acknowledged': { category: 'commit', explanation: 'explainShareAcknowledged' },
  'share-ack-failed': { category: 'delivery', explanation: 'explainShareAckFailed' },
  'share-lock-timed-out': { category: 'delivery', explanation: 'explainShareLockTimedOut' },
  'share-records-released': { category: 'delivery', explanation: 'explainShareRecordsReleased' },
  'share-delivery-limit-reached': { category: 'delivery', explanation: 'explainShareDeliveryLimitReached' },
  'share-inflight-limit-reached': { category: 'delivery', explanation: 'explainShareInflightLimitReached' },
  'share-records-reprocessed': { category: 'delivery', explanation: 'explainShareRecordsReprocessed' },
  'share-out-of-order': { category: 'delivery', explanation: 'explainShareOutOfOrder' },
};

const GENERIC_INFO: EventInfo = { category: 'topic', explanation: 'explainGeneric' };

export function eventInfo(e: { readonly type: string }): EventInfo {
  return EVENT_INFO[e.type] ?? GENERIC_INFO;
}

export function eventCategory(e: SimEvent): EventCategory {
  return eventInfo(e).category;
}

/** The one line the timeline shows for an event, from the localised event templates. */
export function eventText(e: SimEvent, strings: EventTemplates): string {
  try {
    return describeEvent(e, strings);
  } catch {
    return e.type;
  }
}
