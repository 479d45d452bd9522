/**
 * What every group looks like from outside the coordinator (snapshots, describe, the views):
 * one read-only interface that the classic group (./classic.ts) and the KIP-848 consumer group
 * (./consumer.ts) both implement. Share groups have their own (../shareGroup).
 */
import type { TopicPartition } from '../assignors/types';
import type { GroupState } from '../groupState';
import type { SimContext } from '../context';
import type { GroupOffsets } from './offsets';

/** Which protocol a group speaks; fixed while it has members, as in Kafka. */
export type GroupType = 'classic' | 'consumer';

export interface MemberView {
  readonly memberId: string;
  readonly clientId: string;
  readonly host: string;
  readonly groupInstanceId: string | undefined;
  /** What the coordinator assigned it (classic: the leader's last assignment; KIP-848: its reconciled one). */
  readonly assignment: readonly TopicPartition[];
  /** Virtual time of the last request that kept the member alive. */
  readonly lastHeartbeat: number;
  readonly sessionTimeoutMs: number;
  /**
   * true for a member speaking the consumer protocol (KIP-848 `ConsumerGroupHeartbeat`); false for
   * one using JoinGroup/SyncGroup (every member of a classic group, and a classic member inside a
   * consumer group during an online upgrade). Describe prints it as UPGRADED.
   */
  readonly usesConsumerProtocol: boolean;
}

export interface Group {
  readonly groupId: string;
  readonly protocolType: GroupType;
  readonly state: GroupState;
  /** Classic: the generation. KIP-848: the group epoch. */
  readonly generation: number;
  /** Classic: the client-side assignor the group chose. KIP-848: the server-side assignor. */
  readonly assignor: string | undefined;
  /** Classic: every member rebalances cooperatively. KIP-848 groups always do. */
  readonly cooperative: boolean;
  readonly leaderId: string | undefined;
  /** In join order. */
  readonly members: ReadonlyMap<string, MemberView>;
  /** The group's committed offsets (they outlive a change of protocol). */
  readonly offsets: GroupOffsets;
  /** Called once per tick: delays, timeouts. */
  tick(now: number): void;
}

/** What a group gets from the coordinator that holds it. */
export interface GroupEnv {
  readonly ctx: SimContext;
  readonly offsets: GroupOffsets;
  /** Delivers a delayed response (a JoinGroup or SyncGroup answered when the phase completes), in order. */
  later(deliver: () => void): void;
}
