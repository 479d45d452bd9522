/**
 * Share-group events, in the style of `../events.ts`: one typed, JSON-serialisable body per state
 * change. The Simulation stamps them with `t` and `seq` like its own events.
 */
import type { PartitionName } from '../events';
import type { AcknowledgeType } from './types';

/** KIP-932 share groups have no rebalance states: Empty (no members) or Stable. */
export type ShareGroupState = 'Empty' | 'Stable';

export type ShareGroupEventBody =
  | { type: 'share-group-created'; group: string; lockDurationMs: number; deliveryCountLimit: number; maxRecordLocks: number; autoOffsetReset: 'earliest' | 'latest' }
  | { type: 'share-group-state-changed'; group: string; from: ShareGroupState; to: ShareGroupState }
  | { type: 'share-consumer-started'; group: string; clientId: string; acknowledgementMode: 'implicit' | 'explicit' }
  | { type: 'share-consumer-stopped'; group: string; clientId: string }
  | { type: 'share-consumer-crashed'; group: string; clientId: string }
  | { type: 'share-consumer-stalled'; group: string; clientId: string; durationMs: number }
  | { type: 'share-consumer-resumed'; group: string; clientId: string }
  | { type: 'share-consumer-rate-changed'; group: string; clientId: string; from: number; to: number }
  | { type: 'share-member-joined'; group: string; clientId: string; memberId: string; groupEpoch: number }
  | { type: 'share-member-left'; group: string; clientId: string; memberId: string; groupEpoch: number; reason: string }
  | { type: 'share-session-timed-out'; group: string; clientId: string; memberId: string; sessionTimeoutMs: number }
  | { type: 'share-poll-timeout'; group: string; clientId: string; memberId: string; maxPollIntervalMs: number }
  /** The coordinator's target assignment for a group epoch: memberId → partitions (a partition may appear under several members). */
  | { type: 'share-assignment-computed'; group: string; groupEpoch: number; assignment: Record<string, PartitionName[]> }
  /** A member picked up its assignment in a heartbeat response. */
  | { type: 'share-partitions-assigned'; group: string; clientId: string; memberEpoch: number; partitions: PartitionName[]; added: PartitionName[]; removed: PartitionName[] }
  | { type: 'share-partition-initialized'; group: string; partition: PartitionName; policy: 'earliest' | 'latest'; startOffset: number }
  /** One poll's records from one partition: `redelivered` of them had been delivered before. */
  | { type: 'share-records-acquired'; group: string; clientId: string; partition: PartitionName; count: number; firstOffset: number; lastOffset: number; redelivered: number; maxDeliveryCount: number; lockDurationMs: number }
  /** Acknowledgements of one partition sent with one poll (implicit) or commitSync (explicit). */
  | { type: 'share-acknowledged'; group: string; clientId: string; partition: PartitionName; mode: 'implicit' | 'explicit' | 'close'; accepted: number; released: number; rejected: number }
  /** Acknowledgements the broker refused: the records were no longer acquired by this member (the lock expired). */
  | { type: 'share-ack-failed'; group: string; clientId: string; partition: PartitionName; ack: AcknowledgeType; count: number; error: 'INVALID_RECORD_STATE' }
  /** Acquisition locks that expired: the records are available again, or archived at the delivery-count limit. */
  | { type: 'share-lock-timed-out'; group: string; clientId: string; partition: PartitionName; count: number; available: number; archived: number; lockDurationMs: number }
  /** Acquired records released without an acknowledgement (graceful close, or the member left the group). */
  | { type: 'share-records-released'; group: string; clientId: string; partition: PartitionName; count: number; archived: number; reason: string }
  /** Records archived because they reached `group.share.delivery.count.limit` (after a release or a lock timeout). */
  | { type: 'share-delivery-limit-reached'; group: string; partition: PartitionName; count: number; deliveryCountLimit: number }
  /** The in-flight window reached `group.share.partition.max.record.locks`: no new records are acquired until the SPSO moves. */
  | { type: 'share-inflight-limit-reached'; group: string; partition: PartitionName; limit: number; startOffset: number }
  | { type: 'share-records-reprocessed'; group: string; clientId: string; partition: PartitionName; count: number }
  | { type: 'share-out-of-order'; group: string; clientId: string; partition: PartitionName; count: number };

export type ShareGroupEventType = ShareGroupEventBody['type'];
export type ShareGroupEventOf<T extends ShareGroupEventType> = Extract<ShareGroupEventBody, { type: T }>;
