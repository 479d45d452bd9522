/**
 * The scenario format (`*.kafkalab.json`): a topology, configs, a seed and a timeline of actions.
 * `schemas/kafkalab.schema.json` (at the repository root) is the JSON Schema for the same shape;
 * `loadScenario` (./load.ts) validates every file against it, then runs the semantic checks the
 * schema cannot express (unique names, references, partitions only grow, heartbeat < session
 * timeout, ...) before the engine sees it. Keep the two in step when this file changes.
 *
 * Times are either milliseconds (a non-negative integer) or a duration string: "500ms", "30s",
 * "2m", "1h", "1m30s" (units h, m, s, ms, largest first, each at most once; see ./duration.ts).
 */
import type { AssignorName } from '../assignors/types';

export type Duration = number | string;

export interface Scenario {
  /** Optional link to the JSON Schema, for editors. */
  readonly $schema?: string;
  readonly name: string;
  readonly description?: string;
  /** PRNG seed: the same scenario and seed give the same event log, byte for byte. */
  readonly seed?: number;
  /** How long the scenario is meant to run (the default of `kafka-lab run --until`); default 60s. */
  readonly duration?: Duration;
  /** Fluid-model step of the virtual clock (production and consumption); default 100 ms. */
  readonly tickMs?: number;
  readonly broker?: BrokerConfig;
  readonly topics: readonly TopicSpec[];
  readonly producers?: readonly ProducerSpec[];
  readonly groups?: readonly GroupSpec[];
  /** Consumers that `assign()` partitions by hand instead of joining a group (the anti-pattern). */
  readonly standaloneConsumers?: readonly StandaloneConsumerSpec[];
  /** Share groups (KIP-932, queues for Kafka): more consumers than partitions, records acknowledged one by one. */
  readonly shareGroups?: readonly ShareGroupSpec[];
  readonly timeline?: readonly TimelineEntry[];
}

/** Broker-side settings, with Kafka's names. */
export interface BrokerConfig {
  /** Default 3000. */
  readonly 'group.initial.rebalance.delay.ms'?: number;
  /** Default 6000. */
  readonly 'group.min.session.timeout.ms'?: number;
  /** Default 1800000. */
  readonly 'group.max.session.timeout.ms'?: number;
  /** KIP-848 groups: the heartbeat interval the coordinator hands to members. Default 5000. */
  readonly 'group.consumer.heartbeat.interval.ms'?: number;
  /** KIP-848 groups: the session timeout (set on the broker, not the client). Default 45000. */
  readonly 'group.consumer.session.timeout.ms'?: number;
  /**
   * Online migration of a non-empty group between the protocols: 'bidirectional' (Kafka 4.0's
   * default) upgrades a classic group when a consumer-protocol member joins and downgrades it when
   * the last one leaves; 'upgrade' or 'downgrade' allow one direction; 'disabled' neither.
   */
  readonly 'group.consumer.migration.policy'?: 'bidirectional' | 'upgrade' | 'downgrade' | 'disabled';
}

export interface TopicSpec {
  readonly name: string;
  /** 1 to 10,000 at creation. */
  readonly partitions: number;
}

export interface ProducerSpec {
  readonly id: string;
  readonly topic: string;
  /** Messages per second (0 stops it). */
  readonly ratePerSec: number;
  /**
   * Number of distinct record keys, cycled in order (`key-0`, `key-1`, ...), each carrying its own
   * sequence number so per-key ordering can be checked. 0 = records without keys (sticky partitioner).
   * Default 30.
   */
  readonly keys?: number;
  /** Serialized record size in bytes, used by the sticky partitioner for keyless records. Default 100. */
  readonly recordBytes?: number;
  /** `batch.size` (default 16384): the sticky partitioner switches partition after about this many bytes. */
  readonly 'batch.size'?: number;
}

/** Kafka consumer configs the simulation honours, with Kafka's names and defaults. */
export interface ConsumerConfig {
  /** Default 45000. */
  readonly 'session.timeout.ms'?: number;
  /** Default 3000. */
  readonly 'heartbeat.interval.ms'?: number;
  /** Default 300000. */
  readonly 'max.poll.interval.ms'?: number;
  /** Default 500. */
  readonly 'max.poll.records'?: number;
  /** Default true. When false, the consumer commits synchronously after each poll's records. */
  readonly 'enable.auto.commit'?: boolean;
  /** Default 5000. */
  readonly 'auto.commit.interval.ms'?: number;
  /** Default 'latest'. */
  readonly 'auto.offset.reset'?: 'earliest' | 'latest' | 'none';
  /** Default ['range', 'cooperative-sticky'] (Kafka 3.0+), which runs range with the eager protocol. */
  readonly 'partition.assignment.strategy'?: AssignorName | readonly AssignorName[];
  /** Static membership (KIP-345). Default none. */
  readonly 'group.instance.id'?: string;
  /** How often the client refreshes topic metadata (and so notices added partitions). Default 300000. */
  readonly 'metadata.max.age.ms'?: number;
  /**
   * 'classic' (default): JoinGroup/SyncGroup with a client-side assignor. 'consumer': the KIP-848
   * protocol (Kafka 4.0): heartbeats carry the assignment, computed by the coordinator.
   */
  readonly 'group.protocol'?: 'classic' | 'consumer';
  /** KIP-848: the server-side assignor, 'uniform' (the broker's default) or 'range'. */
  readonly 'group.remote.assignor'?: 'uniform' | 'range';
}

export interface ConsumerSpec {
  /** `client.id`; also how actions name the consumer. Unique in the scenario. */
  readonly clientId: string;
  /** Records the application processes per second. */
  readonly ratePerSec: number;
  /** Topics to subscribe to; default: the scenario's first topic. */
  readonly topics?: readonly string[];
  /**
   * 'background' (default): a heartbeat thread, as in Kafka ≥ 0.10.1.
   * 'poll': heartbeats only from poll() and commits, as the tutorial (and Kafka < 0.10.1) describes.
   */
  readonly heartbeatMode?: 'background' | 'poll';
  /** Host shown by describe; default 127.0.0.1. */
  readonly host?: string;
  readonly config?: ConsumerConfig;
}

export interface GroupSpec {
  readonly groupId: string;
  /** Convenience: the assignment strategy every consumer of this group uses unless it sets its own. */
  readonly assignor?: AssignorName | readonly AssignorName[];
  readonly consumers?: readonly ConsumerSpec[];
}

export interface StandaloneConsumerSpec {
  readonly clientId: string;
  /** The group id whose committed offsets it reads and writes (shared with anyone else using it). */
  readonly groupId: string;
  readonly topic: string;
  /** Partitions it assigns itself; default all partitions of the topic. */
  readonly partitions?: readonly number[];
  readonly ratePerSec: number;
  readonly host?: string;
  readonly config?: ConsumerConfig;
}

/** Broker-level share-group settings (and the `share.auto.offset.reset` group config). */
export interface ShareGroupConfig {
  /** How long a consumer holds the records it acquired before they can go to another; default 30000. */
  'group.share.record.lock.duration.ms'?: number;
  /** Deliveries before a record that keeps failing is archived; default 5. */
  'group.share.delivery.count.limit'?: number;
  /** In-flight records per share-partition; default 2000. */
  'group.share.partition.max.record.locks'?: number;
  /** Default 5000. */
  'group.share.heartbeat.interval.ms'?: number;
  /** Default 45000. */
  'group.share.session.timeout.ms'?: number;
  /** Where a share group starts reading; default 'latest'. */
  'share.auto.offset.reset'?: 'earliest' | 'latest';
}

export interface ShareConsumerConfig {
  'max.poll.records'?: number;
  'max.poll.interval.ms'?: number;
  /** `implicit` (default): the records of a poll are accepted by the next poll. `explicit`: acknowledge() each record, then commitSync(). */
  'share.acknowledgement.mode'?: 'implicit' | 'explicit';
}

export type AcknowledgeType = 'accept' | 'release' | 'reject';

/**
 * Failing processing on purpose: the application acknowledges the failed record with RELEASE
 * (try again) or REJECT (give up). `by: 'count'` (default) fails every n-th record this consumer
 * processes (a transient failure); `by: 'offset'` fails the same records every time (a poison
 * record: released, it reaches the delivery-count limit and is archived).
 */
export interface FailEvery {
  n: number;
  ack: 'release' | 'reject';
  by?: 'count' | 'offset';
}

export interface ShareConsumerSpec {
  clientId: string;
  /** Processing capacity in records per second. */
  ratePerSec: number;
  /** Topics to subscribe to; default: the scenario's first topic. */
  topics?: string[];
  config?: ShareConsumerConfig;
  failEvery?: FailEvery;
}

export interface ShareGroupSpec {
  groupId: string;
  consumers?: ShareConsumerSpec[];
  config?: ShareGroupConfig;
}

export type TimelineEntry = { readonly at: Duration } & Action;

/** Everything a user (a timeline, the UI, a command) can do to a running simulation. */
export type Action =
  | { readonly action: 'set-producer-rate'; readonly producer: string; readonly ratePerSec: number }
  | { readonly action: 'add-producer'; readonly producer: ProducerSpec }
  | { readonly action: 'add-consumer'; readonly group: string; readonly consumer: ConsumerSpec }
  | { readonly action: 'add-standalone-consumer'; readonly consumer: StandaloneConsumerSpec }
  /** Graceful close: commit, then LeaveGroup (static members send none). */
  | { readonly action: 'stop-consumer'; readonly consumer: string }
  /** The process dies: no commit, no LeaveGroup; the coordinator notices after session.timeout.ms. */
  | { readonly action: 'crash-consumer'; readonly consumer: string }
  /** Processing blocks for a while: no poll() (and, in 'poll' heartbeat mode, no heartbeats). */
  | { readonly action: 'stall-consumer'; readonly consumer: string; readonly duration: Duration }
  /** A stopped or crashed consumer starts again with the same client.id (and group.instance.id). */
  | { readonly action: 'restart-consumer'; readonly consumer: string; readonly config?: ConsumerConfig }
  | { readonly action: 'set-consumer-rate'; readonly consumer: string; readonly ratePerSec: number }
  /** `kafka-topics.sh --alter --partitions N`: N is the new total; partitions only grow. */
  | { readonly action: 'add-partitions'; readonly topic: string; readonly partitions: number }
  | { readonly action: 'add-topic'; readonly topic: TopicSpec }
  | { readonly action: 'add-group'; readonly group: GroupSpec }
  | { readonly action: 'add-share-group'; readonly group: ShareGroupSpec }
  | { readonly action: 'add-share-consumer'; readonly group: string; readonly consumer: ShareConsumerSpec }
  /** A rolling change of every member's partition.assignment.strategy; members rejoin. */
  | { readonly action: 'set-assignor'; readonly group: string; readonly assignor: AssignorName | readonly AssignorName[] };

export type ActionName = Action['action'];
