/**
 * The simulation engine's public API (pure TypeScript: no `vscode`, no Node built-ins): the only
 * way into `src/sim` for the extension, the webview, the protocol and the CLI (ESLint's
 * no-restricted-imports rule in eslint.config.mjs enforces it).
 */
export { Simulation, SimulationError, RECENT_EVENT_LIMIT } from './simulation';
export type { EventListener } from './simulation';
export type { SimEvent, SimEventType, SimEventOf } from './events';
export { formatEventJson } from './events';
export { describeEvent, formatEventLine } from './eventText';
export { describeOffsets, describeMembers, describeState, formatOffsetsTable, formatAssignment, labColumns } from './describe';
export type { DescribeRow, MemberRow, StateRow, DescribeOutput, LabColumns } from './describe';
export { snapshot } from './snapshot';
export type { SimSnapshot, GroupSnapshot, ConsumerSnapshot, TopicSnapshot } from './snapshot';
export { loadScenario, formatScenarioErrors } from './scenario/load';
export type { Scenario, Action, ActionName } from './scenario/types';
export { parseDuration, formatDuration } from './scenario/duration';
export { getAssignor, isAssignorName, ASSIGNOR_NAMES } from './assignors';
export { partitionForKey, murmur2 } from './murmur2';
export { CONSUMER_DEFAULTS, BROKER_DEFAULTS } from './config';
export { compareProtocols, compareStaticMembership, formatProtocolComparison, measureRun, scenarioForMembership, scenarioForVariant, PROTOCOL_VARIANTS } from './comparisons';
export type { ProtocolComparisonRow, ProtocolVariant, RunMeasures, MembershipVariant } from './comparisons';
export { describeNotice } from './describe';
export { EVENT_TEMPLATES } from './eventText';
export type { EventTemplates } from './eventText';
export type { GroupPartitionSnapshot, MemberSnapshot } from './snapshot';
export type { TimelineEntry } from './scenario/types';
export type { AssignorName, AssignmentInput, AssignorMember, TopicPartition } from './assignors/types';
export type { ConsumerStatus } from './client/consumer';
export type { ShareGroupSnapshot, ShareMemberSnapshot, SharePartitionSnapshot } from './shareGroup/engine';
export { parseJsonText } from './scenario/jsonText';
export { scenarioSchema, validateWithSchema } from './scenario/validate';
export * from './limits';
export { showValue, escapeForTerminal, escapeControlCharacters } from './showValue';
export type { GroupTransport, ClientContext } from './group/transport';
export type * from './group/api';
export { ERROR_CODES } from './group/errors';
export type { ErrorName } from './group/errors';
export { encodeSubscription, decodeSubscription, encodeAssignment, decodeAssignment } from './group/consumerProtocol';
export type { ConsumerSubscription, ConsumerAssignment } from './group/consumerProtocol';
export { ByteFormatError } from './group/bytes';
export type { Group, MemberView, GroupType } from './group/group';
export { isRecord, ok, refused } from './result';
export type { Result } from './result';
export { partitionName, parsePartitionName, comparePartitions, suggestId } from './naming';
