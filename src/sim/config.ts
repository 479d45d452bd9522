/**
 * Kafka's defaults (client `ConsumerConfig`, broker `GroupCoordinatorConfig`, Kafka 3.x/4.0)
 * and the resolved, fully-populated configs the engine works with.
 */
import type { AssignorName } from './assignors/types';
import type { BrokerConfig, ConsumerConfig } from './scenario/types';

export const CONSUMER_DEFAULTS = {
  'session.timeout.ms': 45_000, // 10 s before Kafka 3.0 (KIP-735)
  'heartbeat.interval.ms': 3_000,
  'max.poll.interval.ms': 300_000,
  'max.poll.records': 500,
  'enable.auto.commit': true,
  'auto.commit.interval.ms': 5_000,
  'auto.offset.reset': 'latest',
  // Kafka ≥ 3.0: [RangeAssignor, CooperativeStickyAssignor]; range wins and the protocol stays eager.
  'partition.assignment.strategy': ['range', 'cooperative-sticky'] as AssignorName[],
  'metadata.max.age.ms': 300_000,
  'group.protocol': 'classic',
} as const;

export const BROKER_DEFAULTS = {
  'group.initial.rebalance.delay.ms': 3_000,
  'group.min.session.timeout.ms': 6_000,
  'group.max.session.timeout.ms': 1_800_000,
  'group.consumer.heartbeat.interval.ms': 5_000,
  'group.consumer.session.timeout.ms': 45_000,
  /** Online migration of non-empty groups between the classic and the consumer protocol (Kafka 4.0+). */
  'group.consumer.migration.policy': 'bidirectional',
  /** The broker's server-side assignors; the first is the default. */
  'group.consumer.assignors': ['uniform', 'range'] as const,
} as const;

export const PRODUCER_DEFAULTS = {
  keys: 30,
  recordBytes: 100,
  'batch.size': 16_384,
} as const;

export const DEFAULT_TICK_MS = 100;
export const DEFAULT_SEED = 1;
export const DEFAULT_HOST = '127.0.0.1';

export interface ResolvedConsumerConfig {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxPollIntervalMs: number;
  maxPollRecords: number;
  enableAutoCommit: boolean;
  autoCommitIntervalMs: number;
  autoOffsetReset: 'earliest' | 'latest' | 'none';
  assignors: AssignorName[];
  groupInstanceId: string | undefined;
  metadataMaxAgeMs: number;
  groupProtocol: 'classic' | 'consumer';
  /** KIP-848 only; undefined lets the broker choose (its first assignor, 'uniform'). */
  remoteAssignor: 'uniform' | 'range' | undefined;
}

/** `group.consumer.migration.policy`: which online conversions between the protocols are allowed. */
export type MigrationPolicy = 'bidirectional' | 'upgrade' | 'downgrade' | 'disabled';
export const MIGRATION_POLICIES: readonly MigrationPolicy[] = ['bidirectional', 'upgrade', 'downgrade', 'disabled'];

export interface ResolvedBrokerConfig {
  initialRebalanceDelayMs: number;
  migrationPolicy: MigrationPolicy;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  consumerHeartbeatIntervalMs: number;
  consumerSessionTimeoutMs: number;
}

/**
 * A consumer's settings: those `config` sets, else `base`'s (a restarted instance keeps what its
 * deployment did not change), else the group's assignor for the strategy, else Kafka's defaults.
 */
export function resolveConsumerConfig(config: ConsumerConfig | undefined, groupAssignor?: AssignorName | readonly AssignorName[], base?: ResolvedConsumerConfig): ResolvedConsumerConfig {
  const c = config ?? {};
  const strategy = c['partition.assignment.strategy'] ?? base?.assignors ?? groupAssignor ?? CONSUMER_DEFAULTS['partition.assignment.strategy'];
  return {
    sessionTimeoutMs: c['session.timeout.ms'] ?? base?.sessionTimeoutMs ?? CONSUMER_DEFAULTS['session.timeout.ms'],
    heartbeatIntervalMs: c['heartbeat.interval.ms'] ?? base?.heartbeatIntervalMs ?? CONSUMER_DEFAULTS['heartbeat.interval.ms'],
    maxPollIntervalMs: c['max.poll.interval.ms'] ?? base?.maxPollIntervalMs ?? CONSUMER_DEFAULTS['max.poll.interval.ms'],
    maxPollRecords: c['max.poll.records'] ?? base?.maxPollRecords ?? CONSUMER_DEFAULTS['max.poll.records'],
    enableAutoCommit: c['enable.auto.commit'] ?? base?.enableAutoCommit ?? CONSUMER_DEFAULTS['enable.auto.commit'],
    autoCommitIntervalMs: c['auto.commit.interval.ms'] ?? base?.autoCommitIntervalMs ?? CONSUMER_DEFAULTS['auto.commit.interval.ms'],
    autoOffsetReset: c['auto.offset.reset'] ?? base?.autoOffsetReset ?? CONSUMER_DEFAULTS['auto.offset.reset'],
    assignors: typeof strategy === 'string' ? [strategy] : [...strategy],
    groupInstanceId: 'group.instance.id' in c ? c['group.instance.id'] : base?.groupInstanceId,
    metadataMaxAgeMs: c['metadata.max.age.ms'] ?? base?.metadataMaxAgeMs ?? CONSUMER_DEFAULTS['metadata.max.age.ms'],
    groupProtocol: c['group.protocol'] ?? base?.groupProtocol ?? CONSUMER_DEFAULTS['group.protocol'],
    remoteAssignor: 'group.remote.assignor' in c ? c['group.remote.assignor'] : base?.remoteAssignor,
  };
}

export function resolveBrokerConfig(config: BrokerConfig | undefined): ResolvedBrokerConfig {
  const c = config ?? {};
  return {
    initialRebalanceDelayMs: c['group.initial.rebalance.delay.ms'] ?? BROKER_DEFAULTS['group.initial.rebalance.delay.ms'],
    migrationPolicy: c['group.consumer.migration.policy'] ?? BROKER_DEFAULTS['group.consumer.migration.policy'],
    minSessionTimeoutMs: c['group.min.session.timeout.ms'] ?? BROKER_DEFAULTS['group.min.session.timeout.ms'],
    maxSessionTimeoutMs: c['group.max.session.timeout.ms'] ?? BROKER_DEFAULTS['group.max.session.timeout.ms'],
    consumerHeartbeatIntervalMs: c['group.consumer.heartbeat.interval.ms'] ?? BROKER_DEFAULTS['group.consumer.heartbeat.interval.ms'],
    consumerSessionTimeoutMs: c['group.consumer.session.timeout.ms'] ?? BROKER_DEFAULTS['group.consumer.session.timeout.ms'],
  };
}
