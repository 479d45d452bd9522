/** One-line English descriptions of share-group events, like `../eventText.ts`. */
import { formatDuration } from '../scenario/duration';
import type { ShareGroupEventBody } from './events';

const list = (parts: readonly string[]): string => (parts.length === 0 ? 'nothing' : parts.join(', '));
const member = (memberId: string): string => memberId.replace(/-[0-9a-f-]{36}$/, '');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeShareEvent(e: ShareGroupEventBody): string {
  switch (e.type) {
    case 'share-group-created':
      return `share group ${e.group} created (lock ${formatDuration(e.lockDurationMs)}, delivery count limit ${e.deliveryCountLimit}, at most ${e.maxRecordLocks} records in flight per partition, share.auto.offset.reset=${e.autoOffsetReset})`;
    case 'share-group-state-changed':
      return `${e.group}: ${e.from} → ${e.to}`;
    case 'share-consumer-started':
      return `${e.clientId} started (share group ${e.group}, ${e.acknowledgementMode} acknowledgement)`;
    case 'share-consumer-stopped':
      return `${e.clientId} closed gracefully: acknowledges what it processed, releases the rest`;
    case 'share-consumer-crashed':
      return `${e.clientId} crashed: its acquired records stay locked until the lock times out`;
    case 'share-consumer-stalled':
      return `${e.clientId} is stuck processing for ${formatDuration(e.durationMs)} (no poll, no acknowledgement)`;
    case 'share-consumer-resumed':
      return `${e.clientId} resumed processing`;
    case 'share-consumer-rate-changed':
      return `${e.clientId} processing rate ${e.from} → ${e.to} msg/s`;
    case 'share-member-joined':
      return `${e.group}: ${e.clientId} joined as ${e.memberId} (group epoch ${e.groupEpoch})`;
    case 'share-member-left':
      return `${e.group}: ${e.clientId} left (${e.reason}); group epoch ${e.groupEpoch}`;
    case 'share-session-timed-out':
      return `${e.group}: ${e.clientId}'s session timed out after ${formatDuration(e.sessionTimeoutMs)} without heartbeats; it is removed`;
    case 'share-poll-timeout':
      return `${e.clientId} did not call poll() within max.poll.interval.ms (${formatDuration(e.maxPollIntervalMs)}) and leaves ${e.group}`;
    case 'share-assignment-computed': {
      const owners = Object.entries(e.assignment).map(([m, ps]) => `${member(m)}=[${ps.join(' ')}]`);
      return `${e.group}: group epoch ${e.groupEpoch} (simple assignor): ${list(owners)}`;
    }
    case 'share-partitions-assigned':
      return `${e.clientId} fetches from ${list(e.partitions)} (member epoch ${e.memberEpoch}${e.added.length > 0 ? `; added ${e.added.join(' ')}` : ''}${e.removed.length > 0 ? `; removed ${e.removed.join(' ')}` : ''})`;
    case 'share-partition-initialized':
      return `${e.group}: share-partition ${e.partition} starts at offset ${e.startOffset} (share.auto.offset.reset=${e.policy})`;
    case 'share-records-acquired':
      return `${e.clientId} acquired ${plural(e.count, 'record')} of ${e.partition} (offsets ${e.firstOffset}–${e.lastOffset}${e.redelivered > 0 ? `, ${e.redelivered} redelivered, delivery count up to ${e.maxDeliveryCount}` : ''}) for ${formatDuration(e.lockDurationMs)}`;
    case 'share-acknowledged': {
      const parts = [e.accepted > 0 ? `accepted ${e.accepted}` : '', e.released > 0 ? `released ${e.released}` : '', e.rejected > 0 ? `rejected ${e.rejected}` : ''].filter((s) => s !== '');
      const how = e.mode === 'implicit' ? 'with its next poll' : e.mode === 'explicit' ? 'with commitSync' : 'on close';
      return `${e.clientId} ${list(parts)} of ${e.partition} ${how}`;
    }
    case 'share-ack-failed':
      return `${e.clientId} could not ${e.ack} ${plural(e.count, 'record')} of ${e.partition}: ${e.error} (the lock had expired; they no longer belong to it)`;
    case 'share-lock-timed-out':
      return `${e.partition}: the lock on ${plural(e.count, 'record')} acquired by ${e.clientId} expired after ${formatDuration(e.lockDurationMs)}${e.available > 0 ? `; ${e.available} available again` : ''}${e.archived > 0 ? `; ${e.archived} archived at the delivery-count limit` : ''}`;
    case 'share-records-released':
      return `${e.partition}: ${plural(e.count, 'record')} acquired by ${e.clientId} released (${e.reason})${e.archived > 0 ? `; ${e.archived} archived at the delivery-count limit` : ''}`;
    case 'share-delivery-limit-reached':
      return `${e.partition}: ${plural(e.count, 'record')} archived after ${e.deliveryCountLimit} delivery attempts (group.share.delivery.count.limit)`;
    case 'share-inflight-limit-reached':
      return `${e.partition}: ${e.limit} records in flight from offset ${e.startOffset} (group.share.partition.max.record.locks); no new records until the oldest are acknowledged`;
    case 'share-records-reprocessed':
      return `${e.clientId} processed ${plural(e.count, 'record')} of ${e.partition} again (redelivered after another delivery was processed)`;
    case 'share-out-of-order':
      return `${e.clientId} processed ${plural(e.count, 'record')} of ${e.partition} after later records of the same key`;
  }
}
