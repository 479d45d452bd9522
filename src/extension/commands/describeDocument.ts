/**
 * The text of the "Describe Group" document: what `kafka-consumer-groups.sh --describe` prints for
 * a group of the live simulation, the offsets view, `--members` and `--state`, each introduced by
 * its command line, with the tool's notice (stderr in the real tool) above its table. The tables
 * are exactly what the engine's describe functions produce.
 *
 * No `vscode` import (unit-tested in Node).
 */
import { describeMembers, describeOffsets, describeState } from '../../sim';
import type { DescribeOutput } from '../../sim';
import type { Simulation } from '../../sim';

function section(command: string, at: string, out: DescribeOutput<unknown>): string[] {
  const lines = [`$ ${command}   # at ${at}`];
  if (out.notice) lines.push(out.notice);
  if (out.text) lines.push(out.text.replace(/^\n/, '').replace(/\n$/, ''));
  lines.push('');
  return lines;
}

/** Each command line ends with the virtual time as a comment, as `kafka-lab run --describe-every` prints it. */
export function describeGroupText(sim: Simulation, groupId: string): string {
  const group = sim.groups.get(groupId);
  const base = `kafka-consumer-groups.sh --describe --group ${groupId}`;
  const at = `${(sim.now / 1000).toFixed(3)}s`;
  return [
    ...section(base, at, describeOffsets(group, groupId, (t) => sim.topics.get(t))),
    ...section(`${base} --members`, at, describeMembers(group, groupId)),
    ...section(`${base} --state`, at, describeState(group, groupId)),
  ].join('\n');
}
