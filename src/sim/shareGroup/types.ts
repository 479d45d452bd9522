/**
 * The share-group part of a scenario (KIP-932). The shapes live with the scenario format
 * (src/sim/scenario/types.ts, validated by the JSON Schema); re-exported here for the module.
 */
export type { AcknowledgeType, FailEvery, ShareConsumerConfig, ShareConsumerSpec, ShareGroupConfig, ShareGroupSpec } from '../scenario/types';
