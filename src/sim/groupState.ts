/**
 * Group states. Classic groups (`ClassicGroupState` in Kafka): Empty, PreparingRebalance,
 * CompletingRebalance, Stable, Dead. KIP-848 consumer groups (`ConsumerGroup.ConsumerGroupState`):
 * Empty, Assigning, Reconciling, Stable, Dead.
 */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Assigning' | 'Reconciling' | 'Stable' | 'Dead';

export const GROUP_STATES: readonly GroupState[] = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Assigning', 'Reconciling', 'Stable', 'Dead'];

/** Which protocol a group speaks; fixed by its first member, as in Kafka. */
export type GroupProtocolType = 'classic' | 'consumer';
