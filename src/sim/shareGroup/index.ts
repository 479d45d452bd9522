/** Share groups (KIP-932): a self-contained module the Simulation wires in. */
export { ShareGroupEngine } from './engine';
export type { ShareEngineContext, ShareEngineOptions, ShareGroupSnapshot, ShareMemberSnapshot, SharePartitionSnapshot } from './engine';
export { ShareGroupCoordinator } from './coordinator';
export type { ShareGroupTotals, ShareMember } from './coordinator';
export { ShareConsumer } from './shareConsumer';
export type { ShareConsumerStatus } from './shareConsumer';
export { SharePartition } from './sharePartition';
export type { RecordState, Interval, ShareTransition, AcquiredRange, AckResult } from './sharePartition';
export { assignShareGroup, assignHomogeneous } from './simpleAssignor';
export { SHARE_GROUP_DEFAULTS, SHARE_CONSUMER_DEFAULTS, ShareGroupError, resolveShareGroupConfig, resolveShareConsumerConfig } from './config';
export type { ResolvedShareGroupConfig, ResolvedShareConsumerConfig } from './config';
export type { ShareGroupEventBody, ShareGroupEventType, ShareGroupEventOf, ShareGroupState } from './events';
export { describeShareEvent } from './eventText';
export type { ShareGroupSpec, ShareConsumerSpec, ShareGroupConfig, ShareConsumerConfig, FailEvery, AcknowledgeType } from './types';
