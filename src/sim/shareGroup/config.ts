/**
 * Share-group settings with Kafka's names and defaults, and the resolved configs the module uses.
 *
 * Defaults as in Apache Kafka 4.0/4.1:
 * - broker `ShareGroupConfig` (group-coordinator module): `group.share.record.lock.duration.ms`
 *   30000, `group.share.delivery.count.limit` 5, `group.share.partition.max.record.locks` 2000
 *   (it was 200 in the pre-4.0 early code), `group.share.heartbeat.interval.ms` 5000,
 *   `group.share.session.timeout.ms` 45000;
 * - group config `share.auto.offset.reset` latest (`GroupConfig`, "Group Configs" docs page);
 * - share consumer: `max.poll.records` 500, `max.poll.interval.ms` 300000,
 *   `share.acknowledgement.mode` implicit (KafkaShareConsumer javadoc).
 *
 * The broker bounds Kafka enforces (e.g. lock duration 15 s to 60 s, delivery count 2 to 10) are
 * not enforced here, so lessons and tests can use short locks; values must be positive.
 */
import type { ShareConsumerConfig, ShareGroupConfig } from './types';

export const SHARE_GROUP_DEFAULTS = {
  'group.share.record.lock.duration.ms': 30_000,
  'group.share.delivery.count.limit': 5,
  'group.share.partition.max.record.locks': 2_000,
  'group.share.heartbeat.interval.ms': 5_000,
  'group.share.session.timeout.ms': 45_000,
  'share.auto.offset.reset': 'latest',
} as const;

export const SHARE_CONSUMER_DEFAULTS = {
  'max.poll.records': 500,
  'max.poll.interval.ms': 300_000,
  'share.acknowledgement.mode': 'implicit',
} as const;

export interface ResolvedShareGroupConfig {
  recordLockDurationMs: number;
  deliveryCountLimit: number;
  maxRecordLocks: number;
  heartbeatIntervalMs: number;
  sessionTimeoutMs: number;
  autoOffsetReset: 'earliest' | 'latest';
}

export interface ResolvedShareConsumerConfig {
  maxPollRecords: number;
  maxPollIntervalMs: number;
  acknowledgementMode: 'implicit' | 'explicit';
}

/** A spec value Kafka would refuse; the message names the setting, the value and what was expected. */
export class ShareGroupError extends Error {}

function positiveInt(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ShareGroupError(`${name}: ${JSON.stringify(value)} is not valid: expected a positive integer`);
  }
  return value;
}

export function resolveShareGroupConfig(config: ShareGroupConfig | undefined): ResolvedShareGroupConfig {
  const c = config ?? {};
  const reset = c['share.auto.offset.reset'] ?? SHARE_GROUP_DEFAULTS['share.auto.offset.reset'];
  if (reset !== 'earliest' && reset !== 'latest') {
    throw new ShareGroupError(`share.auto.offset.reset: ${JSON.stringify(reset)} is not valid: expected earliest or latest`);
  }
  const resolved: ResolvedShareGroupConfig = {
    recordLockDurationMs: positiveInt('group.share.record.lock.duration.ms', c['group.share.record.lock.duration.ms'], SHARE_GROUP_DEFAULTS['group.share.record.lock.duration.ms']),
    deliveryCountLimit: positiveInt('group.share.delivery.count.limit', c['group.share.delivery.count.limit'], SHARE_GROUP_DEFAULTS['group.share.delivery.count.limit']),
    maxRecordLocks: positiveInt('group.share.partition.max.record.locks', c['group.share.partition.max.record.locks'], SHARE_GROUP_DEFAULTS['group.share.partition.max.record.locks']),
    heartbeatIntervalMs: positiveInt('group.share.heartbeat.interval.ms', c['group.share.heartbeat.interval.ms'], SHARE_GROUP_DEFAULTS['group.share.heartbeat.interval.ms']),
    sessionTimeoutMs: positiveInt('group.share.session.timeout.ms', c['group.share.session.timeout.ms'], SHARE_GROUP_DEFAULTS['group.share.session.timeout.ms']),
    autoOffsetReset: reset,
  };
  if (resolved.heartbeatIntervalMs >= resolved.sessionTimeoutMs) {
    throw new ShareGroupError(`group.share.heartbeat.interval.ms: ${resolved.heartbeatIntervalMs} is not valid: it must be lower than group.share.session.timeout.ms (${resolved.sessionTimeoutMs})`);
  }
  return resolved;
}

export function resolveShareConsumerConfig(config: ShareConsumerConfig | undefined, hasFailures: boolean): ResolvedShareConsumerConfig {
  const c = config ?? {};
  // RELEASE and REJECT need acknowledge(record, type), i.e. explicit mode: a consumer that fails
  // records defaults to it.
  const mode = c['share.acknowledgement.mode'] ?? (hasFailures ? 'explicit' : SHARE_CONSUMER_DEFAULTS['share.acknowledgement.mode']);
  if (mode !== 'implicit' && mode !== 'explicit') {
    throw new ShareGroupError(`share.acknowledgement.mode: ${JSON.stringify(mode)} is not valid: expected implicit or explicit`);
  }
  if (mode === 'implicit' && hasFailures) {
    throw new ShareGroupError('share.acknowledgement.mode: "implicit" cannot RELEASE or REJECT records (failEvery needs explicit acknowledgement)');
  }
  return {
    maxPollRecords: positiveInt('max.poll.records', c['max.poll.records'], SHARE_CONSUMER_DEFAULTS['max.poll.records']),
    maxPollIntervalMs: positiveInt('max.poll.interval.ms', c['max.poll.interval.ms'], SHARE_CONSUMER_DEFAULTS['max.poll.interval.ms']),
    acknowledgementMode: mode,
  };
}
