/**
 * Every state change of the simulation is one typed event. The UI's timeline shows them; the
 * event log (one JSON object per line) is what determinism is checked against.
 */
import type { AssignorName, RebalanceProtocol } from './assignors/types';
import type { GroupState } from './groupState';
import type { ShareGroupEventBody } from './shareGroup/events';

/** `topic-partition` rendering used in events, e.g. `peter-01-2`. */
export type PartitionName = string;

interface EventBase {
  /** Virtual time in ms since the simulation started. */
  readonly t: number;
  /** Position in the log, from 0. */
  readonly seq: number;
}

export type SimEventBody =
  | { type: 'topic-created'; topic: string; partitions: number }
  | { type: 'partitions-added'; topic: string; from: number; to: number }
  | { type: 'producer-started'; producer: string; topic: string; ratePerSec: number; keys: number }
  | { type: 'producer-rate-changed'; producer: string; from: number; to: number }
  /** `changed`: a restart with new settings (the keys and values that differ from before). */
  | { type: 'consumer-started'; clientId: string; group: string; standalone: boolean; changed?: Record<string, unknown> }
  | { type: 'consumer-stopped'; clientId: string; group: string }
  | { type: 'consumer-crashed'; clientId: string; group: string }
  /** poll() threw a fatal exception and the application stopped. */
  | { type: 'consumer-failed'; clientId: string; group: string; error: string }
  | { type: 'consumer-stalled'; clientId: string; group: string; durationMs: number }
  | { type: 'consumer-resumed'; clientId: string; group: string }
  | { type: 'consumer-rate-changed'; clientId: string; from: number; to: number }
  | { type: 'group-created'; group: string }
  | { type: 'group-state-changed'; group: string; from: GroupState; to: GroupState }
  | { type: 'member-joined'; group: string; memberId: string; clientId: string; groupInstanceId?: string }
  | { type: 'static-member-rejoined'; group: string; memberId: string; previousMemberId: string; groupInstanceId: string; clientId: string }
  | { type: 'rebalance-started'; group: string; reason: string; generation: number }
  /** KIP-848: membership, subscriptions or metadata changed; a new target assignment follows. */
  | { type: 'group-epoch-bumped'; group: string; groupEpoch: number; reason: string }
  /** KIP-848: the coordinator's server-side assignor computed the target assignment. */
  | { type: 'target-assignment-computed'; group: string; assignmentEpoch: number; assignor: 'uniform' | 'range'; assignment: Record<string, PartitionName[]> }
  | { type: 'join-rejected'; group: string; clientId: string; error: 'INCONSISTENT_GROUP_PROTOCOL'; assignors: string[]; groupAssignors: string[] }
  /** Online migration (KIP-848): a non-empty group changed protocol; its members stayed. */
  | { type: 'group-converted'; group: string; from: 'classic' | 'consumer'; to: 'classic' | 'consumer'; clientId: string; members: number }
  /** group.consumer.migration.policy refused a conversion: the member cannot join. */
  | { type: 'migration-refused'; group: string; clientId: string; policy: string }
  /** `cause`: what it did not do in time (absent: rejoin during a classic rebalance). */
  | { type: 'member-removed-on-rebalance-timeout'; group: string; memberId: string; clientId: string; cause?: 'sync' | 'revoke' }
  | {
      type: 'rebalance-completed';
      group: string;
      generation: number;
      leader: string;
      assignor: string;
      protocol: RebalanceProtocol;
      /** memberId → partitions, e.g. `["peter-01-0", "peter-01-1"]`. */
      assignment: Record<string, PartitionName[]>;
      /** Partitions that change owner and are withheld until the follow-up round (cooperative). */
      withheld: PartitionName[];
    }
  | { type: 'partitions-assigned'; group: string; clientId: string; generation: number; partitions: PartitionName[] }
  | { type: 'partitions-revoked'; group: string; clientId: string; partitions: PartitionName[] }
  | { type: 'partitions-lost'; group: string; clientId: string; partitions: PartitionName[]; reason: string }
  | { type: 'heartbeat-missed'; group: string; memberId: string; clientId: string; silentMs: number; sessionTimeoutMs: number }
  | { type: 'session-timed-out'; group: string; memberId: string; clientId: string; sessionTimeoutMs: number }
  | { type: 'poll-timeout'; group: string; memberId: string; clientId: string; maxPollIntervalMs: number }
  | { type: 'member-left'; group: string; memberId: string; clientId: string; reason: string }
  | { type: 'offsets-committed'; group: string; clientId: string; offsets: Record<PartitionName, number> }
  | { type: 'commit-failed'; group: string; clientId: string; error: string; offsets: Record<PartitionName, number> }
  | { type: 'offset-reset'; group: string; clientId: string; partition: PartitionName; policy: string; offset: number }
  | { type: 'records-reprocessed'; group: string; clientId: string; partition: PartitionName; count: number; fromOffset: number }
  | { type: 'out-of-order'; group: string; clientId: string; partition: PartitionName; count: number }
  | { type: 'offset-moved-backwards'; group: string; clientId: string; partition: PartitionName; from: number; to: number }
  | { type: 'lag-threshold-crossed'; group: string; lag: number; threshold: number; direction: 'above' | 'below' }
  | { type: 'assignor-changed'; group: string; assignor: AssignorName[] }
  | { type: 'metadata-refreshed'; group: string; clientId: string; topic: string; partitions: number }
  /** A scenario timeline entry that could not apply at its time; `path` is `$.timeline[i]` in the file. */
  | { type: 'timeline-action-skipped'; path: string; action: string; reason: string };

export type SimEventType = SimEventBody['type'] | ShareGroupEventBody['type'];
/** Every event: consumer groups' and share groups' (KIP-932, `share-*`). */
export type SimEvent = EventBase & (SimEventBody | ShareGroupEventBody);
export type SimEventOf<T extends SimEventType> = EventBase & Extract<SimEventBody | ShareGroupEventBody, { type: T }>;

/** One line of the event log: stable key order, so equal events give equal bytes. */
export function formatEventJson(event: SimEvent): string {
  return JSON.stringify(event);
}
