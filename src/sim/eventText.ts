/** One-line English descriptions of events, for the CLI and the timeline. */
import type { SimEvent } from './events';

const list = (parts: readonly string[]): string => (parts.length === 0 ? 'nothing' : parts.join(', '));

/** 45000 → "45s", 18100 → "18.1s", 300000 → "5m", 90500 → "1m30.5s". */
export function humanDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms - minutes * 60_000) / 100) / 10;
  if (minutes === 0) return `${seconds}s`;
  return seconds === 0 ? `${minutes}m` : `${minutes}m${seconds}s`;
}

export function describeEvent(e: SimEvent): string {
  switch (e.type) {
    case 'topic-created':
      return `topic ${e.topic} created with ${e.partitions} partition(s)`;
    case 'partitions-added':
      return `topic ${e.topic} grew from ${e.from} to ${e.to} partitions`;
    case 'producer-started':
      return `producer ${e.producer} writes ${e.ratePerSec} msg/s to ${e.topic}${e.keys > 0 ? ` with ${e.keys} keys` : ' without keys'}`;
    case 'producer-rate-changed':
      return `producer ${e.producer} rate ${e.from} → ${e.to} msg/s`;
    case 'consumer-started':
      return e.standalone ? `${e.clientId} started with assign() (no group membership), sharing ${e.group}'s offsets` : `${e.clientId} started (group ${e.group})`;
    case 'consumer-stopped':
      return `${e.clientId} closed gracefully`;
    case 'consumer-crashed':
      return `${e.clientId} crashed: no LeaveGroup, no more heartbeats`;
    case 'consumer-failed':
      return `${e.clientId} stopped with ${e.error}`;
    case 'consumer-stalled':
      return `${e.clientId} is stuck processing for ${humanDuration(e.durationMs)} (no poll)`;
    case 'consumer-resumed':
      return `${e.clientId} resumed processing`;
    case 'consumer-rate-changed':
      return `${e.clientId} processing rate ${e.from} → ${e.to} msg/s`;
    case 'group-created':
      return `group ${e.group} created`;
    case 'group-state-changed':
      return `${e.group}: ${e.from} → ${e.to}`;
    case 'member-joined':
      return `${e.group}: ${e.clientId} joined as ${e.memberId}${e.groupInstanceId ? ` (static, ${e.groupInstanceId})` : ''}`;
    case 'static-member-rejoined':
      return `${e.group}: static member ${e.groupInstanceId} is back as ${e.memberId} (was ${e.previousMemberId})`;
    case 'rebalance-started':
      return `${e.group}: rebalance started: ${e.reason}`;
    case 'join-rejected':
      return `${e.group}: ${e.clientId} cannot join: its partition.assignment.strategy (${e.assignors.join(', ')}) shares nothing with the group's (${e.groupAssignors.join(', ') || 'none'}); ${e.error}`;
    case 'group-epoch-bumped':
      return `${e.group}: group epoch ${e.groupEpoch}: ${e.reason}`;
    case 'target-assignment-computed': {
      const owners = Object.entries(e.assignment).map(([m, ps]) => `${m}=[${ps.join(' ')}]`);
      return `${e.group}: target assignment for epoch ${e.assignmentEpoch} (${e.assignor}, computed by the coordinator): ${list(owners)}`;
    }
    case 'member-removed-on-rebalance-timeout':
      return `${e.group}: ${e.clientId} removed: it did not rejoin within the rebalance timeout`;
    case 'rebalance-completed': {
      const owners = Object.entries(e.assignment).map(([m, ps]) => `${m.replace(/-[0-9a-f-]{36}$/, '')}=[${ps.join(' ')}]`);
      return `${e.group}: generation ${e.generation} (${e.assignor}, ${e.protocol}): ${list(owners)}${e.withheld.length > 0 ? `; withheld until the next round: ${e.withheld.join(' ')}` : ''}`;
    }
    case 'partitions-assigned':
      return `${e.clientId} assigned ${list(e.partitions)} (generation ${e.generation})`;
    case 'partitions-revoked':
      return `${e.clientId} revoked ${list(e.partitions)}`;
    case 'partitions-lost':
      return `${e.clientId} lost ${list(e.partitions)} (${e.reason})`;
    case 'heartbeat-missed':
      return `${e.group}: no heartbeat from ${e.clientId} for ${humanDuration(e.silentMs)} (session expires after ${humanDuration(e.sessionTimeoutMs)})`;
    case 'session-timed-out':
      return `${e.group}: ${e.clientId}'s session timed out after ${humanDuration(e.sessionTimeoutMs)} without heartbeats; it is removed`;
    case 'poll-timeout':
      return `${e.clientId} did not call poll() within max.poll.interval.ms (${humanDuration(e.maxPollIntervalMs)}) and leaves the group`;
    case 'member-left':
      return `${e.group}: ${e.clientId} left (${e.reason})`;
    case 'offsets-committed':
      return `${e.clientId} committed ${list(Object.entries(e.offsets).map(([p, o]) => `${p}@${o}`))}`;
    case 'commit-failed':
      return `${e.clientId}'s commit failed: ${e.error}`;
    case 'offset-reset':
      return `${e.clientId}: no committed offset for ${e.partition}; auto.offset.reset=${e.policy} → ${e.offset}`;
    case 'records-reprocessed':
      return `${e.clientId} processed ${e.count} record(s) of ${e.partition} again (from offset ${e.fromOffset})`;
    case 'out-of-order':
      return `${e.clientId} processed ${e.count} record(s) of ${e.partition} after later records of the same key`;
    case 'offset-moved-backwards':
      return `${e.clientId} moved ${e.group}'s committed offset of ${e.partition} back from ${e.from} to ${e.to}`;
    case 'lag-threshold-crossed':
      return `${e.group}: total lag ${e.lag} ${e.direction === 'above' ? 'reached' : 'fell below half of'} ${e.threshold}`;
    case 'assignor-changed':
      return `${e.group}: partition.assignment.strategy → ${e.assignor.join(', ')}`;
    case 'metadata-refreshed':
      return `${e.clientId} sees ${e.topic} with ${e.partitions} partitions`;
  }
}

/** `[   12.300s] text` */
export function formatEventLine(e: SimEvent): string {
  return `[${(e.t / 1000).toFixed(3).padStart(10)}s] ${describeEvent(e)}`;
}
