/**
 * What `kafka-consumer-groups.sh --describe --group G` prints, as the Java tool of Kafka 4.x
 * (`ConsumerGroupCommand`, 4.2) does: the offsets view, `--members [--verbose]` and
 * `--state [--verbose]`.
 *
 * - Every line starts with a newline, so the output begins with a blank line, as the tool's does.
 * - The 4.x coordinator describes a classic group's members with the assignment it holds for
 *   them in every state (`describeNoMetadata`), so while the group rebalances the previous owners
 *   stay listed, under the rebalancing warning; a member that joined in this round owns nothing
 *   yet, and a round restarted before the leader's SyncGroup resets every assignment. Outside
 *   Stable the group has no protocol name: ASSIGNMENT-STRATEGY prints `-`.
 * - A KIP-848 group reports each member's current assignment (without partitions it still has to
 *   revoke), its member epoch, its target assignment and the group's target-assignment epoch.
 * - `--members --verbose` (KIP-1099) adds CURRENT-EPOCH, CURRENT-ASSIGNMENT, TARGET-EPOCH,
 *   TARGET-ASSIGNMENT and, when a consumer group has both classic and consumer-protocol members,
 *   UPGRADED. Classic groups print `-` for epochs and target. Assignments print as `topic:0,1`,
 *   topics joined with `;`. The member table's header is printed even for an Empty group.
 * - `--state --verbose` adds GROUP-EPOCH and TARGET-ASSIGNMENT-EPOCH (`-` for a classic group).
 * - Notices (no active members, rebalancing, does not exist) go to stderr in the real tool; here
 *   they are returned separately as `notice`.
 *
 * Lab additions, never in the default output: every offsets row carries TIME-LAG-MS (age of the
 * oldest unconsumed record: now minus the append time of the record at the committed offset, 0
 * when caught up) and RECORDS-LAG (the client's `records-lag`: log-end offset minus the owning
 * consumer's fetch position); `describeOffsets(..., lab)` with `lab.columns` prints them as two
 * extra columns after CLIENT-ID.
 */
import type { TopicPartition } from './assignors/types';
import type { ConsumerGroup } from './group/consumer';
import type { Group } from './group/group';
import type { GroupState } from './groupState';
import { comparePartitions } from './naming';
import type { Topic } from './topic';

export interface DescribeRow {
  group: string;
  topic: string;
  partition: number;
  currentOffset: number | null;
  logEndOffset: number;
  lag: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
  /** Lab: age in ms of the oldest record after the committed offset (0 when caught up); null without a commit or without lab data. */
  timeLagMs: number | null;
  /** Lab: log-end offset minus the owning consumer's fetch position (client-side `records-lag`); null when no consumer reads it. */
  recordsLag: number | null;
}

export interface DescribeOutput<Row> {
  rows: Row[];
  /** The table as the tool prints it to stdout ('' when it prints none). */
  text: string;
  /** The tool's stderr line, if any. */
  notice: string | undefined;
}

type TopicLookup = (name: string) => Topic | undefined;

/** What the lab's extra offsets columns need from the simulation. */
export interface LabColumns {
  /** Virtual time, for the age of records. */
  readonly now: number;
  /** The fetch position of the consumer that reads this partition now, if one does. */
  readonly positionOf: (topic: string, partition: number) => number | undefined;
  /** Print TIME-LAG-MS and RECORDS-LAG after CLIENT-ID (the rows carry them either way). */
  readonly columns: boolean;
}

/** The view of a simulation `labColumns` reads: its clock and its consumers' positions. */
export interface LabSource {
  readonly now: number;
  readonly consumers: ReadonlyMap<string, { readonly groupId: string; readonly owned: ReadonlyArray<{ readonly topic: { readonly name: string }; readonly partition: number; readonly position: number }> }>;
}

/** The lab columns of one group from a simulation: positions of the group's consumers. */
export function labColumns(sim: LabSource, groupId: string, columns: boolean): LabColumns {
  const positions = new Map<string, number>();
  for (const c of sim.consumers.values()) {
    if (c.groupId !== groupId) continue;
    for (const o of c.owned) if (o.position >= 0) positions.set(`${o.topic.name}\u0000${o.partition}`, o.position);
  }
  return { now: sim.now, positionOf: (topic, partition) => positions.get(`${topic}\u0000${partition}`), columns };
}

const MISSING = '-';
const pad = (s: string, width: number): string => (s.length >= width ? s : s + ' '.repeat(width - s.length));
const dash = (v: string | number | boolean | null | undefined): string => (v === null || v === undefined ? MISSING : String(v));

/** The tool's stderr line for a group in this state, if any (shared with the webview). */
export function describeNotice(group: { readonly state: GroupState } | undefined, groupId: string): string | undefined {
  if (!group || group.state === 'Dead') return `Error: Consumer group '${groupId}' does not exist.`;
  if (group.state === 'Empty') return `Consumer group '${groupId}' has no active members.`;
  if (group.state === 'PreparingRebalance' || group.state === 'CompletingRebalance' || group.state === 'Assigning' || group.state === 'Reconciling') return `Warning: Consumer group '${groupId}' is rebalancing.`;
  return undefined;
}

/** `--describe --group G` (the default `--offsets` view); `lab` adds the lab's time-lag columns. */
export function describeOffsets(group: Group | undefined, groupId: string, topicOf: TopicLookup, lab?: LabColumns): DescribeOutput<DescribeRow> {
  const rows: DescribeRow[] = [];
  if (group && group.state !== 'Dead') {
    const assigned = new Set<string>();
    const members = [...group.members.values()].filter((m) => m.assignment.length > 0);
    // Members with the most partitions first (a stable sort keeps the coordinator's order on ties).
    members.sort((a, b) => b.assignment.length - a.assignment.length);
    for (const m of members) {
      // Within a member by topic, then partition (describePartitions).
      for (const tp of [...m.assignment].sort(comparePartitions)) {
        assigned.add(`${tp.topic}\u0000${tp.partition}`);
        rows.push(offsetRow(group, topicOf, tp.topic, tp.partition, m.memberId, `/${m.host}`, m.clientId, lab));
      }
    }
    const unowned: TopicPartition[] = [];
    for (const [topic, arr] of group.offsets.entries()) {
      arr.forEach((offset, partition) => {
        if (offset >= 0 && !assigned.has(`${topic}\u0000${partition}`)) unowned.push({ topic, partition });
      });
    }
    unowned.sort(comparePartitions);
    for (const { topic, partition } of unowned) rows.push(offsetRow(group, topicOf, topic, partition, null, null, null, lab));
  }
  return { rows, text: formatOffsetsTable(rows, lab?.columns ?? false), notice: describeNotice(group, groupId) };
}

/** The offsets table as the tool prints it ('' for no rows); `labColumns` appends TIME-LAG-MS and RECORDS-LAG. Shared with the webview. */
export function formatOffsetsTable(rows: readonly DescribeRow[], labColumns = false): string {
  const g = Math.max(15, ...rows.map((r) => r.group.length));
  const t = Math.max(15, ...rows.map((r) => r.topic.length));
  const c = Math.max(15, ...rows.map((r) => dash(r.consumerId).length));
  const h = Math.max(15, ...rows.map((r) => dash(r.host).length));
  const cl = Math.max(15, ...rows.map((r) => dash(r.clientId).length));
  const line = (cols: string[]): string => {
    const kafka = [pad(cols[0]!, g), pad(cols[1]!, t), pad(cols[2]!, 10), pad(cols[3]!, 15), pad(cols[4]!, 15), pad(cols[5]!, 15), pad(cols[6]!, c), pad(cols[7]!, h)];
    return '\n' + (labColumns ? [...kafka, pad(cols[8]!, cl), pad(cols[9]!, 15), cols[10]!] : [...kafka, cols[8]!]).join(' ');
  };
  let text = '';
  if (rows.length > 0) {
    text += line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', 'TIME-LAG-MS', 'RECORDS-LAG']);
    for (const r of rows) {
      text += line([r.group, r.topic, String(r.partition), dash(r.currentOffset), String(r.logEndOffset), dash(r.lag), dash(r.consumerId), dash(r.host), dash(r.clientId), dash(r.timeLagMs), dash(r.recordsLag)]);
    }
    text += '\n';
  }
  return text;
}

function offsetRow(group: Group, topicOf: TopicLookup, topic: string, partition: number, consumerId: string | null, host: string | null, clientId: string | null, lab: LabColumns | undefined): DescribeRow {
  const committed = group.offsets.committed(topic, partition);
  const log = topicOf(topic);
  const logEndOffset = log?.logEndOffsets[partition] ?? 0;
  const position = consumerId !== null ? lab?.positionOf(topic, partition) : undefined;
  return {
    group: group.groupId,
    topic,
    partition,
    currentOffset: committed >= 0 ? committed : null,
    logEndOffset,
    lag: committed >= 0 ? Math.max(0, logEndOffset - committed) : null,
    consumerId,
    host,
    clientId,
    timeLagMs: lab && committed >= 0 ? (log?.timeLagMs(partition, committed, lab.now) ?? 0) : null,
    recordsLag: position !== undefined ? Math.max(0, logEndOffset - position) : null,
  };
}

/** `topic:0,1;topic2:3` as Kafka 4.x prints an assignment (`getAssignmentString`); `-` when empty. */
export function formatAssignment(assignment: readonly TopicPartition[]): string {
  if (assignment.length === 0) return MISSING;
  const byTopic = new Map<string, number[]>();
  for (const tp of assignment) {
    const list = byTopic.get(tp.topic) ?? [];
    list.push(tp.partition);
    byTopic.set(tp.topic, list);
  }
  return [...byTopic]
    .map(([topic, ps]) => `${topic}:${ps.sort((a, b) => a - b).join(',')}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .join(';');
}

export interface MemberRow {
  group: string;
  consumerId: string;
  groupInstanceId: string | null;
  host: string;
  clientId: string;
  partitions: number;
  /** CURRENT-ASSIGNMENT, `topic:0,1;topic2:2`, or `-`. */
  assignment: string;
  /** CURRENT-EPOCH: the member epoch (KIP-848 groups), null for a classic group. */
  currentEpoch: number | null;
  /** TARGET-EPOCH: the group's target-assignment epoch (KIP-848 groups), null for a classic group. */
  targetEpoch: number | null;
  /** TARGET-ASSIGNMENT, or `-` (always for a classic group). */
  targetAssignment: string;
  /** UPGRADED: whether the member uses the consumer protocol (KIP-848 groups), null for a classic group. */
  upgraded: boolean | null;
}

/** What a KIP-848 group's ConsumerGroupDescribe says about its members and epochs, if it is one. */
function consumerDescription(group: Group): { epochs: Map<string, { memberEpoch: number; target: readonly TopicPartition[] }>; groupEpoch: number; assignmentEpoch: number } | undefined {
  if (group.protocolType !== 'consumer') return undefined;
  const described = (group as ConsumerGroup).describe();
  return {
    epochs: new Map(described.members.map((m) => [m.memberId, { memberEpoch: m.memberEpoch, target: m.targetAssignment }])),
    groupEpoch: described.groupEpoch,
    assignmentEpoch: described.assignmentEpoch,
  };
}

/** `--describe --group G --members [--verbose]`. */
export function describeMembers(group: Group | undefined, groupId: string, verbose = false): DescribeOutput<MemberRow> {
  const rows: MemberRow[] = [];
  if (!group || group.state === 'Dead') return { rows, text: '', notice: describeNotice(group, groupId) };
  const kip848 = consumerDescription(group);
  for (const m of group.members.values()) {
    const described = kip848?.epochs.get(m.memberId);
    rows.push({
      group: groupId,
      consumerId: m.memberId,
      groupInstanceId: m.groupInstanceId ?? null,
      host: `/${m.host}`,
      clientId: m.clientId,
      partitions: m.assignment.length,
      assignment: formatAssignment(m.assignment),
      currentEpoch: kip848 ? (described?.memberEpoch ?? null) : null,
      targetEpoch: kip848 ? kip848.assignmentEpoch : null,
      targetAssignment: formatAssignment(described?.target ?? []),
      upgraded: kip848 ? m.usesConsumerProtocol : null,
    });
  }
  const withInstance = rows.some((r) => r.groupInstanceId !== null);
  // UPGRADED only while a consumer group has members of both protocols.
  const withUpgraded = rows.some((r) => r.upgraded === true) && rows.some((r) => r.upgraded === false);
  const g = Math.max(15, ...rows.map((r) => r.group.length));
  const c = Math.max(15, ...rows.map((r) => r.consumerId.length));
  const gi = Math.max(17, ...rows.map((r) => dash(r.groupInstanceId).length));
  const h = Math.max(15, ...rows.map((r) => r.host.length));
  const cl = Math.max(15, ...rows.map((r) => r.clientId.length));
  const ca = Math.max(20, ...rows.map((r) => r.assignment.length));
  const ta = Math.max(20, ...rows.map((r) => r.targetAssignment.length));
  const line = (cols: { group: string; consumer: string; instance: string; host: string; client: string; count: string; currentEpoch: string; current: string; targetEpoch: string; target: string; upgraded: string }): string => {
    const kafka = [pad(cols.group, g), pad(cols.consumer, c)];
    if (withInstance) kafka.push(pad(cols.instance, gi));
    kafka.push(pad(cols.host, h), pad(cols.client, cl), pad(cols.count, 15));
    let text = kafka.join(' ') + ' ';
    if (verbose) {
      text += [pad(cols.currentEpoch, 15), pad(cols.current, ca), pad(cols.targetEpoch, 15), pad(cols.target, ta)].join(' ');
      if (withUpgraded) text += ' ' + cols.upgraded;
    }
    return '\n' + text;
  };
  // The header is printed even for an Empty group, as the tool does.
  let text = line({ group: 'GROUP', consumer: 'CONSUMER-ID', instance: 'GROUP-INSTANCE-ID', host: 'HOST', client: 'CLIENT-ID', count: '#PARTITIONS', currentEpoch: 'CURRENT-EPOCH', current: 'CURRENT-ASSIGNMENT', targetEpoch: 'TARGET-EPOCH', target: 'TARGET-ASSIGNMENT', upgraded: 'UPGRADED' });
  for (const r of rows) {
    text += line({ group: r.group, consumer: r.consumerId, instance: dash(r.groupInstanceId), host: r.host, client: r.clientId, count: String(r.partitions), currentEpoch: dash(r.currentEpoch), current: r.assignment, targetEpoch: dash(r.targetEpoch), target: r.targetAssignment, upgraded: dash(r.upgraded) });
  }
  text += '\n';
  return { rows, text, notice: describeNotice(group, groupId) };
}

export interface StateRow {
  group: string;
  coordinator: string;
  /** The assignor's name; '' while a classic group has no protocol (printed `-`). */
  assignmentStrategy: string;
  state: string;
  /** GROUP-EPOCH (KIP-848 groups), null for a classic group. */
  groupEpoch: number | null;
  /** TARGET-ASSIGNMENT-EPOCH (KIP-848 groups), null for a classic group. */
  targetAssignmentEpoch: number | null;
  members: number;
}

/** The simulated cluster's single broker, as the tool prints a coordinator. */
export const COORDINATOR = 'localhost:9092  (0)';

/** `--describe --group G --state [--verbose]`. */
export function describeState(group: Group | undefined, groupId: string, verbose = false): DescribeOutput<StateRow> {
  if (!group || group.state === 'Dead') return { rows: [], text: '', notice: describeNotice(group, groupId) };
  const kip848 = consumerDescription(group);
  const row: StateRow = {
    group: groupId,
    coordinator: COORDINATOR,
    assignmentStrategy: group.state === 'Stable' || kip848 ? (group.assignor ?? '') : '',
    state: group.state,
    groupEpoch: kip848 ? kip848.groupEpoch : null,
    targetAssignmentEpoch: kip848 ? kip848.assignmentEpoch : null,
    members: group.members.size,
  };
  const g = Math.max(15, groupId.length);
  const co = Math.max(25, row.coordinator.length);
  const line = (cols: string[]): string =>
    '\n' + (verbose ? [pad(cols[0]!, g), pad(cols[1]!, co), pad(cols[2]!, 20), pad(cols[3]!, 20), pad(cols[4]!, 15), pad(cols[5]!, 25), cols[6]!] : [pad(cols[0]!, g), pad(cols[1]!, co), pad(cols[2]!, 20), pad(cols[3]!, 20), cols[6]!]).join(' ');
  const text =
    line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', 'GROUP-EPOCH', 'TARGET-ASSIGNMENT-EPOCH', '#MEMBERS']) +
    line([row.group, row.coordinator, row.assignmentStrategy || MISSING, row.state, dash(row.groupEpoch), dash(row.targetAssignmentEpoch), String(row.members)]) +
    '\n';
  return { rows: [row], text, notice: describeNotice(group, groupId) };
}
