/**
 * One-line descriptions of share-group events, from keyed templates with named placeholders like
 * `../eventText.ts` (English here; a view passes its localised templates with the same keys).
 */
import { fillTemplate, humanDuration } from '../textFormat';
import type { ShareGroupEventBody } from './events';

export const SHARE_EVENT_TEMPLATES = {
  eventShareGroupCreated: 'share group {group} created (lock {lock}, delivery count limit {limit}, at most {maxLocks} records in flight per partition, share.auto.offset.reset={reset})',
  eventShareGroupStateChanged: '{group}: {from} → {to}',
  eventShareConsumerStarted: '{clientId} started (share group {group}, {mode} acknowledgement)',
  eventShareConsumerStopped: '{clientId} closed gracefully: acknowledges what it processed, releases the rest',
  eventShareConsumerCrashed: '{clientId} crashed: its acquired records stay locked until the lock times out',
  eventShareConsumerStalled: '{clientId} is stuck processing for {duration} (no poll, no acknowledgement)',
  eventShareConsumerResumed: '{clientId} resumed processing',
  eventShareConsumerRateChanged: '{clientId} processing rate {from} → {to} msg/s',
  eventShareMemberJoined: '{group}: {clientId} joined as {memberId} (group epoch {groupEpoch})',
  eventShareMemberLeft: '{group}: {clientId} left ({reason}); group epoch {groupEpoch}',
  eventShareSessionTimedOut: "{group}: {clientId}'s session timed out after {sessionTimeout} without heartbeats; it is removed",
  eventSharePollTimeout: '{clientId} did not call poll() within max.poll.interval.ms ({maxPollInterval}) and leaves {group}',
  eventShareAssignmentComputed: '{group}: group epoch {groupEpoch} (simple assignor): {assignment}',
  eventSharePartitionsAssigned: '{clientId} fetches from {partitions} (member epoch {memberEpoch}{changes})',
  eventShareAdded: '; added {partitions}',
  eventShareRemoved: '; removed {partitions}',
  eventSharePartitionInitialized: '{group}: share-partition {partition} starts at offset {startOffset} (share.auto.offset.reset={policy})',
  eventShareRecordsAcquired: '{clientId} acquired {count} record(s) of {partition} (offsets {first}–{last}) for {lock}',
  eventShareRecordsAcquiredRedelivered: '{clientId} acquired {count} record(s) of {partition} (offsets {first}–{last}, {redelivered} redelivered, delivery count up to {maxDelivery}) for {lock}',
  eventShareAcknowledged: '{clientId} {counts} of {partition} {how}',
  eventShareAccepted: 'accepted {count}',
  eventShareReleased: 'released {count}',
  eventShareRejected: 'rejected {count}',
  eventShareAckImplicit: 'with its next poll',
  eventShareAckExplicit: 'with commitSync',
  eventShareAckOnClose: 'on close',
  eventShareAckFailed: '{clientId} could not {ack} {count} record(s) of {partition}: {error} (the lock had expired; they no longer belong to it)',
  eventShareLockTimedOut: '{partition}: the lock on {count} record(s) acquired by {clientId} expired after {lock}{details}',
  eventShareAvailableAgain: '; {count} available again',
  eventShareArchivedAtLimit: '; {count} archived at the delivery-count limit',
  eventShareRecordsReleased: '{partition}: {count} record(s) acquired by {clientId} released ({reason}){details}',
  eventShareDeliveryLimitReached: '{partition}: {count} record(s) archived after {limit} delivery attempts (group.share.delivery.count.limit)',
  eventShareInflightLimitReached: '{partition}: {limit} records in flight from offset {startOffset} (group.share.partition.max.record.locks); no new records until the oldest are acknowledged',
  eventShareRecordsReprocessed: '{clientId} processed {count} record(s) of {partition} again (redelivered after another delivery was processed)',
  eventShareOutOfOrder: '{clientId} processed {count} record(s) of {partition} after later records of the same key',
} as const;

export type ShareEventTemplates = { readonly [K in keyof typeof SHARE_EVENT_TEMPLATES]: string };

const member = (memberId: string): string => memberId.replace(/-[0-9a-f-]{36}$/, '');

export function describeShareEvent(e: ShareGroupEventBody, t: ShareEventTemplates = SHARE_EVENT_TEMPLATES, nothing = 'nothing'): string {
  const list = (parts: readonly string[]): string => (parts.length === 0 ? nothing : parts.join(', '));
  switch (e.type) {
    case 'share-group-created':
      return fillTemplate(t.eventShareGroupCreated, { group: e.group, lock: humanDuration(e.lockDurationMs), limit: e.deliveryCountLimit, maxLocks: e.maxRecordLocks, reset: e.autoOffsetReset });
    case 'share-group-state-changed':
      return fillTemplate(t.eventShareGroupStateChanged, { group: e.group, from: e.from, to: e.to });
    case 'share-consumer-started':
      return fillTemplate(t.eventShareConsumerStarted, { clientId: e.clientId, group: e.group, mode: e.acknowledgementMode });
    case 'share-consumer-stopped':
      return fillTemplate(t.eventShareConsumerStopped, { clientId: e.clientId });
    case 'share-consumer-crashed':
      return fillTemplate(t.eventShareConsumerCrashed, { clientId: e.clientId });
    case 'share-consumer-stalled':
      return fillTemplate(t.eventShareConsumerStalled, { clientId: e.clientId, duration: humanDuration(e.durationMs) });
    case 'share-consumer-resumed':
      return fillTemplate(t.eventShareConsumerResumed, { clientId: e.clientId });
    case 'share-consumer-rate-changed':
      return fillTemplate(t.eventShareConsumerRateChanged, { clientId: e.clientId, from: e.from, to: e.to });
    case 'share-member-joined':
      return fillTemplate(t.eventShareMemberJoined, { group: e.group, clientId: e.clientId, memberId: e.memberId, groupEpoch: e.groupEpoch });
    case 'share-member-left':
      return fillTemplate(t.eventShareMemberLeft, { group: e.group, clientId: e.clientId, reason: e.reason, groupEpoch: e.groupEpoch });
    case 'share-session-timed-out':
      return fillTemplate(t.eventShareSessionTimedOut, { group: e.group, clientId: e.clientId, sessionTimeout: humanDuration(e.sessionTimeoutMs) });
    case 'share-poll-timeout':
      return fillTemplate(t.eventSharePollTimeout, { clientId: e.clientId, maxPollInterval: humanDuration(e.maxPollIntervalMs), group: e.group });
    case 'share-assignment-computed':
      return fillTemplate(t.eventShareAssignmentComputed, { group: e.group, groupEpoch: e.groupEpoch, assignment: list(Object.entries(e.assignment).map(([m, ps]) => `${member(m)}=[${ps.join(' ')}]`)) });
    case 'share-partitions-assigned': {
      const changes = (e.added.length > 0 ? fillTemplate(t.eventShareAdded, { partitions: e.added.join(' ') }) : '') + (e.removed.length > 0 ? fillTemplate(t.eventShareRemoved, { partitions: e.removed.join(' ') }) : '');
      return fillTemplate(t.eventSharePartitionsAssigned, { clientId: e.clientId, partitions: list(e.partitions), memberEpoch: e.memberEpoch, changes });
    }
    case 'share-partition-initialized':
      return fillTemplate(t.eventSharePartitionInitialized, { group: e.group, partition: e.partition, startOffset: e.startOffset, policy: e.policy });
    case 'share-records-acquired':
      return fillTemplate(e.redelivered > 0 ? t.eventShareRecordsAcquiredRedelivered : t.eventShareRecordsAcquired, {
        clientId: e.clientId,
        count: e.count,
        partition: e.partition,
        first: e.firstOffset,
        last: e.lastOffset,
        redelivered: e.redelivered,
        maxDelivery: e.maxDeliveryCount,
        lock: humanDuration(e.lockDurationMs),
      });
    case 'share-acknowledged': {
      const counts = [
        e.accepted > 0 ? fillTemplate(t.eventShareAccepted, { count: e.accepted }) : '',
        e.released > 0 ? fillTemplate(t.eventShareReleased, { count: e.released }) : '',
        e.rejected > 0 ? fillTemplate(t.eventShareRejected, { count: e.rejected }) : '',
      ].filter((s) => s !== '');
      const how = e.mode === 'implicit' ? t.eventShareAckImplicit : e.mode === 'explicit' ? t.eventShareAckExplicit : t.eventShareAckOnClose;
      return fillTemplate(t.eventShareAcknowledged, { clientId: e.clientId, counts: list(counts), partition: e.partition, how });
    }
    case 'share-ack-failed':
      return fillTemplate(t.eventShareAckFailed, { clientId: e.clientId, ack: e.ack, count: e.count, partition: e.partition, error: e.error });
    case 'share-lock-timed-out': {
      const details = (e.available > 0 ? fillTemplate(t.eventShareAvailableAgain, { count: e.available }) : '') + (e.archived > 0 ? fillTemplate(t.eventShareArchivedAtLimit, { count: e.archived }) : '');
      return fillTemplate(t.eventShareLockTimedOut, { partition: e.partition, count: e.count, clientId: e.clientId, lock: humanDuration(e.lockDurationMs), details });
    }
    case 'share-records-released': {
      const details = e.archived > 0 ? fillTemplate(t.eventShareArchivedAtLimit, { count: e.archived }) : '';
      return fillTemplate(t.eventShareRecordsReleased, { partition: e.partition, count: e.count, clientId: e.clientId, reason: e.reason, details });
    }
    case 'share-delivery-limit-reached':
      return fillTemplate(t.eventShareDeliveryLimitReached, { partition: e.partition, count: e.count, limit: e.deliveryCountLimit });
    case 'share-inflight-limit-reached':
      return fillTemplate(t.eventShareInflightLimitReached, { partition: e.partition, limit: e.limit, startOffset: e.startOffset });
    case 'share-records-reprocessed':
      return fillTemplate(t.eventShareRecordsReprocessed, { clientId: e.clientId, count: e.count, partition: e.partition });
    case 'share-out-of-order':
      return fillTemplate(t.eventShareOutOfOrder, { clientId: e.clientId, count: e.count, partition: e.partition });
  }
}
