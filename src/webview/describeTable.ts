/**
 * `kafka-consumer-groups.sh --describe --group G` from a snapshot, for the webview. The engine's
 * `describeOffsets` (src/sim/describe.ts) works on live engine objects; this builds the same rows
 * from the JSON snapshot a view receives and prints them with the engine's own table formatter
 * (a unit test compares the two on real simulations). No DOM here.
 */
import { comparePartitions, DescribeRow, describeNotice, formatOffsetsTable } from '../sim';
import type { GroupSnapshot, SimSnapshot, TopicPartition } from '../sim';

export type SnapshotDescribeRow = DescribeRow;

export interface SnapshotDescribe {
  rows: SnapshotDescribeRow[];
  /** The table as the tool prints it ('' when it prints none); every line starts with '\n'. */
  text: string;
  /** The tool's stderr line, if any. */
  notice: string | undefined;
}


/** `labColumns` appends the lab's TIME-LAG-MS and RECORDS-LAG columns (the rows carry them either way). */
export function describeGroupFromSnapshot(snap: SimSnapshot, groupId: string, labColumns = false): SnapshotDescribe {
  const group = snap.groups.find((g) => g.groupId === groupId);
  const rows: SnapshotDescribeRow[] = [];
  if (group && group.state !== 'Dead') {
    const leo = new Map<string, number[]>();
    for (const t of snap.topics) leo.set(t.name, t.partitions.map((p) => p.logEndOffset));
    const partitions = new Map<string, GroupSnapshot['partitions'][number]>();
    for (const p of group.partitions) partitions.set(`${p.topic}\u0000${p.partition}`, p);
    const row = (topic: string, partition: number, consumerId: string | null, host: string | null, clientId: string | null): SnapshotDescribeRow => {
      const p = partitions.get(`${topic}\u0000${partition}`);
      const c = p?.committed ?? -1;
      const logEndOffset = leo.get(topic)?.[partition] ?? 0;
      return {
        group: group.groupId,
        topic,
        partition,
        currentOffset: c >= 0 ? c : null,
        logEndOffset,
        lag: c >= 0 ? Math.max(0, logEndOffset - c) : null,
        consumerId,
        host,
        clientId,
        timeLagMs: p?.timeLagMs ?? null,
        recordsLag: consumerId !== null ? (p?.recordsLag ?? null) : null,
      };
    };
    const assigned = new Set<string>();
    // Members with the most partitions first; a stable sort keeps the coordinator's order on ties.
    const members = group.members.filter((m) => m.assignment.length > 0).sort((a, b) => b.assignment.length - a.assignment.length);
    for (const m of members) {
      // By topic, then partition within a member, as describeOffsets (and the tool) prints them.
      const tps = [...m.assignment].sort(comparePartitions);
      for (const { topic, partition } of tps) {
        assigned.add(`${topic}\u0000${partition}`);
        rows.push(row(topic, partition, m.memberId, `/${m.host}`, m.clientId));
      }
    }
    const unowned = group.partitions
      .filter((p) => p.committed >= 0 && !assigned.has(`${p.topic}\u0000${p.partition}`))
      .map((p): TopicPartition => ({ topic: p.topic, partition: p.partition }))
      .sort(comparePartitions);
    for (const { topic, partition } of unowned) rows.push(row(topic, partition, null, null, null));
  }
  const text = formatOffsetsTable(rows, labColumns);
  return { rows, text, notice: describeNotice(group, groupId) };
}
