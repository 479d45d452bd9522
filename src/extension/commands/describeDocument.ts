/**
 * The text of the "Describe Group" document: what Kafka 4.x's `kafka-consumer-groups.sh --describe`
 * prints for a group of the live simulation, the offsets view, `--members --verbose` (epochs,
 * current and target assignment) and `--state --verbose`, each introduced by its command line,
 * with the tool's notice (stderr in the real tool) above its table; then the lab's own view of
 * the offsets with time lag and the client-side records-lag, marked as not Kafka's. The tables are
 * exactly what the engine's describe functions produce.
 *
 * No `vscode` import (unit-tested in Node).
 */
import { describeMembers, describeOffsets, describeState, labColumns } from '../../sim';
import type { DescribeOutput } from '../../sim';
import type { Simulation } from '../../sim';

function section(command: string, at: string, out: DescribeOutput<unknown>): string[] {
  const lines = [`$ ${command}   # at ${at}`];
  if (out.notice) lines.push(out.notice);
  if (out.text) lines.push(out.text.replace(/^\n/, '').replace(/\n$/, ''));
  lines.push('');
  return lines;
}

/** The line introducing the lab's extra columns, which no Kafka tool prints (the caller localises it). */
export const LAB_COLUMNS_NOTE = "Kafka Lab only (not Kafka's tool): TIME-LAG-MS is the age of the oldest unconsumed record; RECORDS-LAG is the log-end offset minus the consumer's fetch position (records fetched but not yet committed make it smaller than LAG)";

/** Each command line ends with the virtual time as a comment, as `kafka-lab run --describe-every` prints it. */
export function describeGroupText(sim: Simulation, groupId: string, labNote = LAB_COLUMNS_NOTE): string {
  const group = sim.groups.get(groupId);
  const base = `kafka-consumer-groups.sh --describe --group ${groupId}`;
  const at = `${(sim.now / 1000).toFixed(3)}s`;
  return [
    ...section(base, at, describeOffsets(group, groupId, (t) => sim.topics.get(t))),
    ...section(`${base} --members --verbose`, at, describeMembers(group, groupId, true)),
    ...section(`${base} --state --verbose`, at, describeState(group, groupId, true)),
    ...section(`kafka-lab run --describe-every … --time-lag   # ${labNote}`, at, describeOffsets(group, groupId, (t) => sim.topics.get(t), labColumns(sim, groupId, true))),
  ].join('\n');
}
