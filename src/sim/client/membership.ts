/**
 * How a consumer belongs to its group: one membership per protocol, behind one interface, so the
 * consumer's poll loop (./consumer.ts) does not care which protocol it speaks.
 * - ./classicMembership.ts: JoinGroup/SyncGroup/Heartbeat/LeaveGroup; as leader it runs the assignor.
 * - ./consumerMembership.ts: KIP-848 ConsumerGroupHeartbeat and reconciliation.
 * - ./manualAssignment.ts: `assign()` instead of `subscribe()`: no membership at all.
 */
import type { TopicPartition } from '../assignors/types';
import type { ResolvedConsumerConfig } from '../config';
import type { SimContext } from '../context';
import type { GroupTransport } from '../group/transport';

/** Where the client is in the group protocol. */
export type MembershipStatus = 'unjoined' | 'joining' | 'stable' | 'standalone';

export interface Membership {
  readonly status: MembershipStatus;
  /** '' when it has none. */
  readonly memberId: string;
  /** Classic: the generation; KIP-848: the member epoch; -1 when it has none. */
  readonly generation: number;
  /** Topics whose metadata the client must watch besides its own (a classic leader's). */
  readonly watchedTopics: readonly string[];
  /** The background heartbeat thread, once per tick while the consumer runs. */
  heartbeatThread(now: number): void;
  /** At the start of poll(): the legacy mode's heartbeat. */
  pollHeartbeat(now: number): void;
  /** Later in poll(): rejoin if needed. Returns whether this poll may commit. */
  poll(now: number): boolean;
  /** The identity an OffsetCommit carries. */
  commitIdentity(): { memberId: string; generation: number };
  /** close(): leave the group (static members of the classic protocol send no LeaveGroup). */
  leave(reason: string): void;
}

/** What a membership may do to the consumer that holds it. */
export interface MembershipHost {
  readonly ctx: SimContext;
  readonly clientId: string;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly host: string;
  readonly transport: GroupTransport;
  readonly config: ResolvedConsumerConfig;
  readonly heartbeatMode: 'background' | 'poll';
  readonly lastPollAt: number;
  /** False once the consumer stopped or crashed: late responses are ignored. */
  readonly running: boolean;
  lastHeartbeatSentAt: number;
  /** The partitions it owns now. */
  ownedPartitions(): TopicPartition[];
  /** Partition counts as the client's metadata knows them. */
  readonly metadata: ReadonlyMap<string, number>;
  learnTopic(topic: string, partitions: number): void;
  /** Commit what it processed (auto-commit or the application's commitSync), if anything. */
  commitProcessed(): void;
  /** Give up partitions in an orderly way (partitions-revoked). */
  revoke(partitions: readonly TopicPartition[]): void;
  /** Partitions are gone without a revocation (partitions-lost). */
  lose(reason: string): void;
  /** New partitions: fetch their committed offsets and start consuming. */
  assign(partitions: readonly TopicPartition[], generation: number, announceEmpty: boolean): void;
  /** A new assignment arrived: the current batch ends. */
  endBatch(): void;
  /** A fatal error: poll() throws and the application ends. */
  fail(error: string): void;
}
