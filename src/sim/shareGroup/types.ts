/**
 * The share-group part of a scenario (KIP-932), in Kafka's terms. The engine owner adds these to
 * the scenario format and schema; the module only needs these shapes.
 */

/** Broker-level share-group settings (and the `share.auto.offset.reset` group config). */
export interface ShareGroupConfig {
  'group.share.record.lock.duration.ms'?: number;
  'group.share.delivery.count.limit'?: number;
  'group.share.partition.max.record.locks'?: number;
  'group.share.heartbeat.interval.ms'?: number;
  'group.share.session.timeout.ms'?: number;
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
 * processes (a transient failure: the redelivery usually succeeds); `by: 'offset'` fails the
 * records whose offset is n−1 mod n every time (a poison record: released, it reaches the
 * delivery-count limit and is archived).
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
  /** Topics to subscribe to; defaults to the engine's default topic (the scenario's first). */
  topics?: string[];
  config?: ShareConsumerConfig;
  failEvery?: FailEvery;
}

export interface ShareGroupSpec {
  groupId: string;
  consumers?: ShareConsumerSpec[];
  config?: ShareGroupConfig;
}
