/**
 * Every piece of text the simulator webviews show, in English. The extension sends the localised
 * record (vscode.l10n.t of each value) in the `init` message; the webview falls back to these
 * values for any key that is missing. `{0}`, `{1}`... are placeholders filled by `format`.
 *
 * No `vscode` and no DOM here: the extension and the webview both import this file.
 */
import { EVENT_TEMPLATES } from '../sim/eventText';

export const WEBVIEW_STRINGS = {
  // ---- shell and session controls -------------------------------------------------------
  appTitle: 'Kafka Consumer Group Lab',
  waiting: 'Waiting for the simulation…',
  sessionControls: 'Simulation controls',
  scenario: 'Scenario: {0}',
  virtualTime: 'Virtual time {0}',
  play: 'Play',
  pause: 'Pause',
  step: 'Step',
  stepTitle: 'Advance the simulation by one tick',
  reset: 'Reset',
  resetTitle: 'Start the scenario over',
  speed: 'Speed',
  speedOption: '{0}×',
  statusRunning: 'Running',
  statusPaused: 'Paused',
  userActions: '{0} change(s) by you',
  openPanel: 'Open the simulator panel',
  openPanelShort: 'Open panel',

  // ---- topics and partitions -----------------------------------------------------------------
  topicsHeading: 'Topics and partitions',
  topicSummary: '{0} partitions · {1} records',
  colPartition: 'Partition',
  colLog: 'Log, committed offset and lag',
  partitionShort: 'P{0}',
  partitionName: 'Partition {0}',
  logEnd: 'log end {0}',
  committed: 'committed {0}',
  noCommit: 'nothing committed',
  lag: 'lag {0}',
  unassigned: 'unassigned',
  partitionRowLabel: 'Partition {0} of {1}: log end offset {2}',
  groupLaneLabel: '{0}: committed {1}, lag {2}, read by {3}',
  heatStripHeading: 'Lag per partition',
  heatStripGroup: 'Lag shown for group',
  heatStripSummary: '{0} partitions; {1} unassigned; highest lag {2} on partition {3}',
  heatCell: 'Partition {0}: lag {1}, read by {2}',
  heatTopHeading: 'Partitions with the most lag',
  heatLegendLow: 'less lag',
  heatLegendHigh: 'more lag',
  noTopics: 'No topics yet.',

  // ---- producers and cluster changes ----------------------------------------------------------
  clusterHeading: 'Change the cluster',
  producersHeading: 'Producers',
  producerSummary: 'writes {0} msg/s to {1} · {2} produced',
  producerRateLabel: 'Rate of {0} (msg/s)',
  setRate: 'Set rate',
  addPartitions: 'Add partitions',
  partitionsTotalLabel: 'New partition count of {0}',
  addGroup: 'Add group',
  groupIdLabel: 'group.id',
  addGroupHint: 'The new group starts with one consumer, {0}, reading from its own offsets.',
  stallDurationLabel: 'Stall a consumer for',
  durationMs: '{0} ms',
  durationSeconds: '{0} s',
  durationMinutes: '{0} min',
  durationMinutesSeconds: '{0} min {1} s',

  // ---- groups --------------------------------------------------------------------------------
  groupsHeading: 'Consumer groups',
  groupSelectLabel: 'Group',
  noGroups: 'No consumer groups yet.',
  stateEmpty: 'Empty',
  statePreparingRebalance: 'PreparingRebalance',
  stateCompletingRebalance: 'CompletingRebalance',
  stateAssigning: 'Assigning',
  stateReconciling: 'Reconciling',
  stateStable: 'Stable',
  stateDead: 'Dead',
  groupStateLabel: 'Group state',
  generation: 'generation {0}',
  assignorProtocol: '{0} · {1}',
  noAssignor: 'no assignor yet',
  totalLag: 'total lag {0}',
  memberCount: '{0} member(s)',
  deliverySummary: '{0} processed · {1} processed again · {2} out of order',
  consumersHeading: 'Consumers',
  noConsumers: 'No consumers in this group.',
  pagePrev: 'Previous consumers',
  pageNext: 'Next consumers',
  pageRange: '{0}–{1} of {2}',
  addConsumer: 'Add consumer',
  addConsumerHeading: 'Add a consumer to {0}',
  clientIdLabel: 'client.id',
  consumerRateLabel: 'Processing rate (msg/s)',
  assignorLabel: 'partition.assignment.strategy',
  setAssignor: 'Apply strategy',
  assignorDefault: 'range, cooperative-sticky (default)',

  // ---- consumer cards ------------------------------------------------------------------------
  consumerRunning: 'running',
  consumerStopped: 'stopped',
  consumerCrashed: 'crashed',
  stalled: 'stalled for {0}',
  idle: 'idle',
  idleTitle: 'Running, but the group gave it no partition: within a group each partition is read by at most one consumer.',
  standalone: 'standalone',
  leader: 'leader',
  membershipJoining: 'joining',
  membershipUnjoined: 'not a member',
  noPartitions: 'no partitions',
  morePartitions: '+{0} more',
  heartbeatAgo: 'heartbeat {0} ago',
  heartbeatLabel: 'Heartbeat',
  sessionExpiresIn: 'session expires in {0}',
  sessionExpired: 'session expired',
  consumerRate: '{0} msg/s',
  stopConsumer: 'Stop {0} gracefully (commit, then leave the group)',
  crashConsumer: 'Crash {0} (no commit, no LeaveGroup)',
  stallConsumer: 'Stall {0} for {1} (no poll)',
  restartConsumer: 'Restart {0}',
  consumerCardLabel: '{0}, {1}',

  // ---- lag chart -----------------------------------------------------------------------------
  lagChartHeading: 'Lag over time',
  chartModeLabel: 'Chart',
  chartModeTotal: 'Total',
  chartModePartitions: 'Per partition',
  chartSummary: 'Lag of {0}: now {1}, lowest {2}, highest {3} over the last {4}.',
  chartNoData: 'No lag samples yet.',
  chartPartitionsLimited: 'The {0} partitions with the most lag.',
  chartPartitionsUnavailable: 'Per-partition history is kept for up to {0} partitions.',
  chartTable: 'Show as a table',
  chartTime: 'Time',
  chartLag: 'Lag',
  chartTotal: 'total',

  // ---- describe ------------------------------------------------------------------------------
  describeHeading: 'kafka-consumer-groups.sh --describe',
  describeCommand: '$ kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group {0}',
  openDescribe: 'Open as a document',
  openDescribeTitle: 'Open the describe output of {0} in an editor',

  // ---- timeline ------------------------------------------------------------------------------
  timelineHeading: 'Timeline',
  timelineFilterLabel: 'Filter events by text',
  timelineFilterPlaceholder: 'Filter',
  timelineCategories: 'Event categories',
  catRebalance: 'Rebalances',
  catMembership: 'Membership',
  catSession: 'Heartbeats & sessions',
  catCommit: 'Commits',
  catDelivery: 'Delivery problems',
  catTopic: 'Topics & producers',
  timelineCount: 'Showing {0} of {1} events',
  timelineEmpty: 'No events match the filter.',
  explainLabel: 'Why did this happen?',

  // ---- notices, validation, announcements ----------------------------------------------------
  badMessage: 'Ignored a malformed message from the extension: {0}',
  hostError: '{0}',
  dismiss: 'Dismiss',
  errRequired: '{0} is required.',
  errNumber: '{0} must be a number from {1} to {2}.',
  errInteger: '{0} must be a whole number.',
  errPartitionsGrow: 'Partitions only grow: enter a number from {0} to {1}.',
  errName: '{0} may only contain letters, digits, ".", "_" and "-".',
  errDuplicateConsumer: 'A consumer with client.id {0} already exists.',
  errDuplicateGroup: 'A group with group.id {0} already exists.',
  announceRebalanceStarted: '{0} is rebalancing.',
  announceRebalanceCompleted: '{0}: rebalance complete, generation {1}.',
  announceSessionTimedOut: '{0}: the session of {1} timed out.',

  // ---- explanations of engine events, for a learner ------------------------------------------
  explainGeneric: 'Something changed in the simulated cluster. The line above says what; the consumer groups and partitions above show the effect.',
  explainTopicCreated: 'A topic is a named log split into partitions. Producers append records to the end of each partition; every record gets the next offset. The number of partitions caps how many consumers of one group can work in parallel.',
  explainPartitionsAdded: 'The topic now has more partitions (kafka-topics.sh --alter). Partitions can only be added, never removed. Keyed records may now land on a different partition than before, and consumer groups only pick up the new partitions after their leader refreshes metadata and a rebalance runs.',
  explainProducerStarted: 'A producer began writing. With keys, Kafka hashes each key (murmur2) to choose the partition, so records with the same key always go to the same partition and stay in order. Without keys, the sticky partitioner fills one partition per batch.',
  explainProducerRateChanged: 'The producer now writes at a different rate. If producers write faster than the group can process, lag grows; if they slow down, the consumers catch up.',
  explainConsumerStarted: 'A consumer process started. With subscribe(), it sends a JoinGroup request and the group rebalances to give it partitions. With assign() (standalone), it reads the partitions it chose itself and the coordinator does not coordinate it with anyone.',
  explainConsumerStopped: 'The consumer called close(): it committed its offsets and sent LeaveGroup, so the coordinator rebalanced at once and nothing is processed twice. (A static member sends no LeaveGroup: its partitions wait for it until the session times out.)',
  explainConsumerCrashed: 'The process died without committing or saying goodbye. The coordinator only notices when no heartbeat arrives within session.timeout.ms; until then its partitions are not read by anyone, and records processed since its last commit will be processed again by the next owner.',
  explainConsumerFailed: 'poll() threw an exception the application does not handle (for example no committed offset with auto.offset.reset=none, or a fenced static member), so the consumer stopped. Like a crash, its partitions go to others only after the coordinator removes it.',
  explainConsumerStalled: 'The application is stuck inside its processing loop and does not call poll(). A background heartbeat thread keeps the session alive, but if poll() is not called within max.poll.interval.ms the consumer leaves the group. In the old poll-only heartbeat mode, the session times out much sooner.',
  explainConsumerResumed: 'Processing continues and the consumer calls poll() again. If it was removed from the group meanwhile, it rejoins and triggers another rebalance.',
  explainConsumerRateChanged: 'The application now processes records at a different rate. Lag falls when consumers together process faster than producers write.',
  explainGroupCreated: 'A consumer group is a set of consumers sharing one group.id. The group has its own committed offsets, so two groups read the same topic independently, each at its own pace.',
  explainGroupStateChanged: 'The coordinator moves a group through Empty → PreparingRebalance (waiting for members to join) → CompletingRebalance (waiting for the leader\'s assignment) → Stable (everyone is consuming). Any change of membership or subscription starts the cycle again.',
  explainMemberJoined: 'The coordinator accepted a JoinGroup request and gave the consumer a member id. The id is what describe shows in CONSUMER-ID; the client.id is only a label and can repeat.',
  explainStaticMemberRejoined: 'A consumer with a group.instance.id came back before its session expired. Static membership (KIP-345) lets it take back its old partitions without a rebalance, which is useful for rolling restarts.',
  explainRebalanceStarted: 'Something changed the group (a member joined, left, timed out, or the topic grew), so the coordinator asks every member to rejoin. With the eager protocol every consumer stops and gives up all of its partitions until the new assignment arrives.',
  explainGroupEpochBumped: 'With the new consumer group protocol (KIP-848) there is no stop-the-world rebalance: the coordinator bumps the group epoch whenever membership or subscriptions change, and members learn about it in their next heartbeat.',
  explainTargetAssignmentComputed: 'With KIP-848 the broker, not a consumer, runs the assignor (uniform or range) and computes a target assignment. Each member then moves towards it step by step: it gives up partitions others need, and gets new ones once their previous owner released them.',
  explainJoinRejected: 'Every member must support at least one common partition.assignment.strategy. This consumer shares none with the group, so the coordinator rejects it with INCONSISTENT_GROUP_PROTOCOL and the consumer stops.',
  explainMemberRemovedOnRebalanceTimeout: 'During a rebalance, members must rejoin within the rebalance timeout (their max.poll.interval.ms). This one did not, so the coordinator completed the rebalance without it.',
  explainRebalanceCompleted: 'The group leader (a consumer, not the broker) ran the assignor and the coordinator sent every member its partitions: a new generation begins. Each partition now has at most one owner in the group; with cooperative-sticky, partitions that move are withheld until a second round.',
  explainPartitionsAssigned: 'The consumer received partitions and starts reading each one from the group\'s committed offset (or from auto.offset.reset when nothing was committed).',
  explainPartitionsRevoked: 'The consumer gives partitions back for a rebalance, committing what it processed first. Eager rebalancing revokes everything; cooperative rebalancing revokes only the partitions that move to another consumer.',
  explainPartitionsLost: 'The consumer found out it is no longer a member, so it lost its partitions without a chance to commit. Another consumer may already own them; work done since the last commit will be repeated.',
  explainHeartbeatMissed: 'The coordinator has not heard from this member for longer than heartbeat.interval.ms. Nothing happens yet: the member is only removed when the silence reaches session.timeout.ms.',
  explainSessionTimedOut: 'No heartbeat arrived within session.timeout.ms, so the coordinator declared the member dead, removed it and rebalanced its partitions to the others. Until this moment those partitions had no active reader and their lag grew.',
  explainPollTimeout: 'The consumer did not call poll() within max.poll.interval.ms, so its client proactively left the group to let others take its partitions. Processing that takes too long per batch is a common cause: lower max.poll.records or speed up processing.',
  explainMemberLeft: 'The member sent LeaveGroup, so the coordinator did not have to wait for a session timeout and rebalanced right away.',
  explainOffsetsCommitted: 'The consumer stored its position in the group\'s committed offsets (the __consumer_offsets topic). Lag is log-end offset minus committed offset, and a new owner of the partition resumes from here.',
  explainCommitFailed: 'The commit was rejected, usually because a rebalance happened and the partitions now belong to another member (or another generation). The uncommitted records will be processed again.',
  explainOffsetReset: 'The group had no committed offset for this partition, so auto.offset.reset decided where to start: earliest reads the whole log, latest only new records, none fails.',
  explainRecordsReprocessed: 'Records were processed a second time: a new owner resumed from the last committed offset, which was behind what the previous owner had already processed. Kafka consumers are at-least-once by default; make processing idempotent.',
  explainOutOfOrder: 'Records of a key were processed after later records of the same key. Within a partition Kafka keeps order, but two consumers reading the same partition (e.g. without a group) or reprocessing after a rebalance can break it.',
  explainOffsetMovedBackwards: 'A commit set the group\'s committed offset lower than before. This happens when consumers outside a group share the same group.id offsets: one overwrites the progress of another.',
  explainLagThresholdCrossed: 'The group\'s total lag crossed a threshold. Growing lag means the consumers cannot keep up with the producers: add consumers (up to the partition count), speed up processing, or add partitions.',
  explainAssignorChanged: 'The members\' partition.assignment.strategy changed in a rolling update. The group keeps using a strategy every member supports, and switches when all of them agree.',
  explainMetadataRefreshed: 'The consumer refreshed its topic metadata (every metadata.max.age.ms). If the group leader notices new partitions, it asks for a rebalance so that they get an owner.',
  // The timeline's one-line event descriptions (templates with {named} placeholders).
  ...EVENT_TEMPLATES,
} as const;

export type WebviewStringKey = keyof typeof WEBVIEW_STRINGS;
export type WebviewStrings = { readonly [K in WebviewStringKey]: string };

/** Fills `{0}`, `{1}`... with `args`; a placeholder without an argument is left as it is. */
export function format(template: string, ...args: ReadonlyArray<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? whole : String(v);
  });
}

/** The strings a view uses: the localised record, with the English source for any missing key. */
export function resolveStrings(localised: Readonly<Record<string, string>> | undefined): WebviewStrings {
  const out: Record<string, string> = { ...WEBVIEW_STRINGS };
  if (localised) {
    for (const key of Object.keys(WEBVIEW_STRINGS)) {
      const v = localised[key];
      if (typeof v === 'string') out[key] = v;
    }
  }
  return out as WebviewStrings;
}
