/**
 * What `kafka-consumer-groups.sh --describe --group G` prints (the Java tool of Kafka 3.8/3.9,
 * `ConsumerGroupCommand`): the offsets view, `--members` and `--state`.
 *
 * Every line starts with a newline, so the output begins with a blank line, as the tool's does.
 * While a group is not Stable the coordinator reports its members without assignments and with
 * no protocol (`GroupMetadata.summary` → `summaryNoMetadata`), so no partition has an owner.
 * `--members --verbose` prints ASSIGNMENT as Kafka ≤ 3.7 did, `topic(0,1)`: 3.8 dropped the topic
 * names and 4.0 prints `topic:0,1`.
 * Notices (no active members, rebalancing, does not exist) go to stderr in the real tool; here
 * they are returned separately as `notice`.
 */
import type { TopicPartition } from './assignors/types';
import type { Group } from './group/group';
import type { GroupState } from './groupState';
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
}

export interface DescribeOutput<Row> {
  rows: Row[];
  /** The table as the tool prints it to stdout ('' when it prints none). */
  text: string;
  /** The tool's stderr line, if any. */
  notice: string | undefined;
}

type TopicLookup = (name: string) => Topic | undefined;

/** A member's assignment as describe sees it: none while the group rebalances. */
function describedAssignment(group: Group, assignment: readonly TopicPartition[]): readonly TopicPartition[] {
  return group.state === 'Stable' || group.protocolType === 'consumer' ? assignment : [];
}

const pad = (s: string, width: number): string => (s.length >= width ? s : s + ' '.repeat(width - s.length));
const dash = (v: string | number | null | undefined): string => (v === null || v === undefined ? '-' : String(v));

/** The tool's stderr line for a group in this state, if any (shared with the webview). */
export function describeNotice(group: { readonly state: GroupState } | undefined, groupId: string): string | undefined {
  if (!group || group.state === 'Dead') return `Error: Consumer group '${groupId}' does not exist.`;
  if (group.state === 'Empty') return `Consumer group '${groupId}' has no active members.`;
  if (group.state === 'PreparingRebalance' || group.state === 'CompletingRebalance' || group.state === 'Assigning' || group.state === 'Reconciling') return `Warning: Consumer group '${groupId}' is rebalancing.`;
  return undefined;
}

/** `--describe --group G` (the default `--offsets` view). */
export function describeOffsets(group: Group | undefined, groupId: string, topicOf: TopicLookup): DescribeOutput<DescribeRow> {
  const rows: DescribeRow[] = [];
  if (group && group.state !== 'Dead') {
    const assigned = new Set<string>();
    const members = [...group.members.values()].filter((m) => describedAssignment(group, m.assignment).length > 0);
    // Members with the most partitions first (a stable sort keeps the coordinator's order on ties).
    members.sort((a, b) => b.assignment.length - a.assignment.length);
    for (const m of members) {
      const tps = [...m.assignment].sort((a, b) => a.partition - b.partition);
      for (const tp of tps) {
        assigned.add(`${tp.topic}\u0000${tp.partition}`);
        rows.push(offsetRow(group, topicOf, tp.topic, tp.partition, m.memberId, `/${m.host}`, m.clientId));
      }
    }
    const unowned: Array<[string, number]> = [];
    for (const [topic, arr] of group.offsets.entries()) {
      arr.forEach((offset, p) => {
        if (offset >= 0 && !assigned.has(`${topic}\u0000${p}`)) unowned.push([topic, p]);
      });
    }
    unowned.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    for (const [topic, p] of unowned) rows.push(offsetRow(group, topicOf, topic, p, null, null, null));
  }
  return { rows, text: formatOffsetsTable(rows), notice: describeNotice(group, groupId) };
}

/** The offsets table as the tool prints it ('' for no rows); shared with the webview. */
export function formatOffsetsTable(rows: readonly DescribeRow[]): string {
  const g = Math.max(15, ...rows.map((r) => r.group.length));
  const t = Math.max(15, ...rows.map((r) => r.topic.length));
  const c = Math.max(15, ...rows.map((r) => dash(r.consumerId).length));
  const h = Math.max(15, ...rows.map((r) => dash(r.host).length));
  const line = (cols: string[]): string =>
    '\n' + [pad(cols[0]!, g), pad(cols[1]!, t), pad(cols[2]!, 10), pad(cols[3]!, 15), pad(cols[4]!, 15), pad(cols[5]!, 15), pad(cols[6]!, c), pad(cols[7]!, h), cols[8]!].join(' ');
  let text = '';
  if (rows.length > 0) {
    text += line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']);
    for (const r of rows) {
      text += line([r.group, r.topic, String(r.partition), dash(r.currentOffset), String(r.logEndOffset), dash(r.lag), dash(r.consumerId), dash(r.host), dash(r.clientId)]);
    }
    text += '\n';
  }
  return text;
}

function offsetRow(group: Group, topicOf: TopicLookup, topic: string, partition: number, consumerId: string | null, host: string | null, clientId: string | null): DescribeRow {
  const committed = group.offsets.committed(topic, partition);
  const logEndOffset = topicOf(topic)?.logEndOffsets[partition] ?? 0;
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
  };
}

export interface MemberRow {
  group: string;
  consumerId: string;
  groupInstanceId: string | null;
  host: string;
  clientId: string;
  partitions: number;
  /** `topic(0,1), topic2(2)` as Kafka ≤ 3.7 prints it with --verbose. */
  assignment: string;
}

/** `--describe --group G --members [--verbose]`. */
export function describeMembers(group: Group | undefined, groupId: string, verbose = false): DescribeOutput<MemberRow> {
  const rows: MemberRow[] = [];
  if (group && group.state !== 'Dead') {
    for (const m of group.members.values()) {
      const byTopic = new Map<string, number[]>();
      const assigned = describedAssignment(group, m.assignment);
      for (const tp of assigned) {
        const list = byTopic.get(tp.topic) ?? [];
        list.push(tp.partition);
        byTopic.set(tp.topic, list);
      }
      const assignment = [...byTopic.keys()].sort().map((t) => `${t}(${byTopic.get(t)!.sort((a, b) => a - b).join(',')})`).join(', ') || '-';
      rows.push({ group: groupId, consumerId: m.memberId, groupInstanceId: m.groupInstanceId ?? null, host: `/${m.host}`, clientId: m.clientId, partitions: assigned.length, assignment });
    }
  }
  const withInstance = rows.some((r) => r.groupInstanceId !== null);
  const g = Math.max(15, ...rows.map((r) => r.group.length));
  const c = Math.max(15, ...rows.map((r) => r.consumerId.length));
  const gi = Math.max(17, ...rows.map((r) => dash(r.groupInstanceId).length));
  const h = Math.max(15, ...rows.map((r) => r.host.length));
  const cl = Math.max(15, ...rows.map((r) => r.clientId.length));
  const line = (group: string, consumer: string, instance: string, host: string, client: string, count: string, assignment: string): string => {
    const cols = [pad(group, g), pad(consumer, c)];
    if (withInstance) cols.push(pad(instance, gi));
    cols.push(pad(host, h), pad(client, cl), pad(count, 15));
    return '\n' + cols.join(' ') + (verbose ? ' ' + assignment : '');
  };
  let text = '';
  if (rows.length > 0) {
    text += line('GROUP', 'CONSUMER-ID', 'GROUP-INSTANCE-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS', 'ASSIGNMENT');
    for (const r of rows) text += line(r.group, r.consumerId, dash(r.groupInstanceId), r.host, r.clientId, String(r.partitions), r.assignment);
    text += '\n';
  }
  return { rows, text, notice: describeNotice(group, groupId) };
}

export interface StateRow {
  group: string;
  coordinator: string;
  assignmentStrategy: string;
  state: string;
  members: number;
}

/** The simulated cluster's single broker, as the tool prints a coordinator. */
export const COORDINATOR = 'localhost:9092  (0)';

/** `--describe --group G --state`. */
export function describeState(group: Group | undefined, groupId: string): DescribeOutput<StateRow> {
  if (!group || group.state === 'Dead') return { rows: [], text: '', notice: describeNotice(group, groupId) };
  const row: StateRow = { group: groupId, coordinator: COORDINATOR, assignmentStrategy: group.state === 'Stable' || group.protocolType === 'consumer' ? (group.assignor ?? '') : '', state: group.state, members: group.members.size };
  const g = Math.max(25, groupId.length);
  const line = (cols: string[]): string => '\n' + [pad(cols[0]!, g), pad(cols[1]!, 25), pad(cols[2]!, 20), pad(cols[3]!, 15), cols[4]!].join(' ');
  const text = line(['GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS']) + line([row.group, row.coordinator, row.assignmentStrategy, row.state, String(row.members)]) + '\n';
  return { rows: [row], text, notice: describeNotice(group, groupId) };
}
