/**
 * The client-side partition assignors of Kafka's classic consumer-group protocol.
 * The group leader runs one of them during each rebalance (JoinGroup → SyncGroup).
 */

/** One partition of one topic, as Kafka's `TopicPartition`. */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** What each member tells the leader in its JoinGroup subscription. */
export interface AssignorMember {
  /** The member id the coordinator gave it (`<client.id>-<uuid>`). */
  readonly memberId: string;
  /** `group.instance.id` for static members; static members sort before dynamic ones. */
  readonly groupInstanceId?: string;
  /** Topics the member subscribes to. */
  readonly subscription: readonly string[];
  /**
   * Partitions the member owned before this rebalance (sticky assignors only).
   * For the eager `sticky` assignor these come from its userData, which exists only when
   * `generation` is set; for `cooperative-sticky` they are `Subscription.ownedPartitions`.
   */
  readonly ownedPartitions?: readonly TopicPartition[];
  /** The generation the owned partitions belong to; absent means -1 (none). */
  readonly generation?: number;
}

export interface AssignmentInput {
  /** Partition counts of the topics in the metadata. Topics nobody subscribes to are ignored. */
  readonly topics: ReadonlyMap<string, number>;
  readonly members: readonly AssignorMember[];
}

/**
 * memberId → assigned partitions. Every member is present (possibly with an empty list);
 * each list is sorted by topic, then partition.
 */
export type Assignment = Map<string, TopicPartition[]>;

export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

/** EAGER: every member revokes everything before it rejoins. COOPERATIVE: only what moves (KIP-429). */
export type RebalanceProtocol = 'EAGER' | 'COOPERATIVE';

export interface PartitionAssignor {
  readonly name: AssignorName;
  /** Protocols this assignor supports, most preferred first (as `supportedProtocols()`). */
  readonly supportedProtocols: readonly RebalanceProtocol[];
  /**
   * One assignment round. For `cooperative-sticky`, partitions that change owner are withheld
   * (assigned to nobody) in this round; the follow-up rebalance hands them out.
   */
  assign(input: AssignmentInput): Assignment;
}
