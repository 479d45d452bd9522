/**
 * `kafka-lab assign --strategy S INPUT.json`: one assignor call, as the group leader makes it.
 *
 * INPUT.json (the shape of the reference cases):
 *   {"topics": {"t": 3},
 *    "members": [{"id": "c1", "subscription": ["t"], "groupInstanceId"?: "i1",
 *                 "ownedPartitions"?: [["t", 0]], "generation"?: 1}]}
 * Other top-level fields are ignored, so a reference case can be passed as it is.
 *
 * Prints {"<member id>": [["t", 0], ...]} as JSON: every member, in input order, each list sorted
 * by topic then partition. For cooperative-sticky, partitions that change owner are withheld this
 * round (as Kafka's CooperativeStickyAssignor does). Bad input → UsageError (exit code 2) naming
 * the JSON path, the value and what was expected.
 */
import { showValue } from '../../sim';
import { parseJsonText } from '../../sim';
import { MAX_ASSIGN_MEMBERS, MAX_ASSIGN_PARTITIONS } from '../../sim';
import { ASSIGNOR_NAMES, getAssignor, isAssignorName } from '../../sim';
import type { AssignmentInput, AssignorMember, TopicPartition } from '../../sim';
import { CliIo, UsageError, parseOptions } from '../io';

/** Largest partition count accepted per topic and in total (src/sim/limits.ts). */
const MAX_ASSIGN_TOPIC_PARTITIONS = MAX_ASSIGN_PARTITIONS;
const MAX_ASSIGN_TOTAL_PARTITIONS = MAX_ASSIGN_PARTITIONS;

const USAGE = `usage: kafka-lab assign --strategy ${ASSIGNOR_NAMES.join('|')} INPUT.json`;

export function assignCommand(args: string[], io: CliIo): number {
  const { options, positional } = parseOptions(args, { strategy: 'value' });
  const strategy = options.get('strategy');
  if (strategy === undefined) throw new UsageError(`missing option '--strategy'; ${USAGE}`);
  if (!isAssignorName(strategy)) {
    throw new UsageError(`option '--strategy' has bad value ${show(strategy)}: expected one of ${ASSIGNOR_NAMES.join(', ')}`);
  }
  if (positional.length !== 1) {
    throw new UsageError(`${positional.length === 0 ? 'missing INPUT.json' : `expected one INPUT.json, got ${positional.length} files`}; ${USAGE}`);
  }
  const file = positional[0]!;
  const text = io.readFile(file);
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.error.path === '$' ? '' : `${parsed.error.path}: `}${parsed.error.message}`);
  const json = parsed.value;
  let input: AssignmentInput;
  try {
    input = parseAssignInput(json);
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }

  const assignment = getAssignor(strategy).assign(input);
  const lines = input.members.map((m) => {
    const list = assignment.get(m.memberId) ?? [];
    return `  ${JSON.stringify(m.memberId)}: [${list.map((tp) => `[${JSON.stringify(tp.topic)}, ${tp.partition}]`).join(', ')}]`;
  });
  io.out(lines.length === 0 ? '{}\n' : `{\n${lines.join(',\n')}\n}\n`);
  return 0;
}

/** A problem at a JSON path of the input. */
export class InputError extends Error {}

/** Validates the INPUT.json document and converts it to the assignor input. */
export function parseAssignInput(json: unknown): AssignmentInput {
  const root = expectObject(json, '$', 'an object {"topics": {...}, "members": [...]}');

  if (!('topics' in root)) throw new InputError(`$.topics: missing; expected an object of topic name → partition count`);
  const topicsRaw = expectObject(root['topics'], '$.topics', 'an object of topic name → partition count');
  const topics = new Map<string, number>();
  let total = 0;
  for (const [name, count] of Object.entries(topicsRaw)) {
    const path = `$.topics${key(name)}`;
    if (name === '') throw new InputError(`${path}: empty topic name`);
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_ASSIGN_TOPIC_PARTITIONS) {
      throw new InputError(`${path}: bad partition count ${show(count)}; expected an integer from 0 to ${MAX_ASSIGN_TOPIC_PARTITIONS}`);
    }
    total += count;
    if (total > MAX_ASSIGN_TOTAL_PARTITIONS) throw new InputError(`${path}: too many partitions in total (more than ${MAX_ASSIGN_TOTAL_PARTITIONS})`);
    topics.set(name, count);
  }

  if (!('members' in root)) throw new InputError(`$.members: missing; expected an array of members`);
  const membersRaw = root['members'];
  if (!Array.isArray(membersRaw)) throw new InputError(`$.members: expected an array of members, got ${show(membersRaw)}`);
  if (membersRaw.length > MAX_ASSIGN_MEMBERS) throw new InputError(`$.members: ${membersRaw.length} members; at most ${MAX_ASSIGN_MEMBERS} are allowed`);
  const firstPathOfId = new Map<string, string>();
  const members: AssignorMember[] = membersRaw.map((raw, i) => {
    const path = `$.members[${i}]`;
    const obj = expectObject(raw, path, 'a member object {"id": ..., "subscription": [...]}');
    for (const k of Object.keys(obj)) {
      if (!MEMBER_FIELDS.includes(k)) {
        throw new InputError(`${path}${key(k)}: unknown field; expected only ${MEMBER_FIELDS.join(', ')}`);
      }
    }
    const id = obj['id'];
    if (typeof id !== 'string' || id === '') throw new InputError(`${path}.id: expected a non-empty member id string, got ${show(id)}`);
    const earlier = firstPathOfId.get(id);
    if (earlier !== undefined) throw new InputError(`${path}.id: duplicate member id ${show(id)} (also at ${earlier}.id)`);
    firstPathOfId.set(id, path);

    const subRaw = obj['subscription'];
    if (!Array.isArray(subRaw)) throw new InputError(`${path}.subscription: expected an array of topic names, got ${show(subRaw)}`);
    const subscription = subRaw.map((t, j) => {
      if (typeof t !== 'string' || t === '') throw new InputError(`${path}.subscription[${j}]: expected a topic name (non-empty string), got ${show(t)}`);
      return t;
    });

    const member: { -readonly [K in keyof AssignorMember]: AssignorMember[K] } = { memberId: id, subscription };
    if (obj['groupInstanceId'] !== undefined && obj['groupInstanceId'] !== null) {
      const g = obj['groupInstanceId'];
      if (typeof g !== 'string' || g === '') throw new InputError(`${path}.groupInstanceId: expected a non-empty string or null, got ${show(g)}`);
      member.groupInstanceId = g;
    }
    if (obj['ownedPartitions'] !== undefined) {
      const ownedRaw = obj['ownedPartitions'];
      if (!Array.isArray(ownedRaw)) throw new InputError(`${path}.ownedPartitions: expected an array of ["topic", partition] pairs, got ${show(ownedRaw)}`);
      member.ownedPartitions = ownedRaw.map((pair, j): TopicPartition => {
        const p = `${path}.ownedPartitions[${j}]`;
        if (!Array.isArray(pair) || pair.length !== 2) throw new InputError(`${p}: expected a ["topic", partition] pair, got ${show(pair)}`);
        const [topic, partition] = pair as unknown[];
        if (typeof topic !== 'string' || topic === '') throw new InputError(`${p}[0]: expected a topic name (non-empty string), got ${show(topic)}`);
        if (typeof partition !== 'number' || !Number.isInteger(partition) || partition < 0) {
          throw new InputError(`${p}[1]: expected a partition number (integer ≥ 0), got ${show(partition)}`);
        }
        return { topic, partition };
      });
    }
    if (obj['generation'] !== undefined && obj['generation'] !== null) {
      const g = obj['generation'];
      if (typeof g !== 'number' || !Number.isInteger(g) || g < -1 || g > 0x7fffffff) {
        throw new InputError(`${path}.generation: expected an integer from -1 (none) to ${0x7fffffff}, got ${show(g)}`);
      }
      member.generation = g;
    }
    return member;
  });
  return { topics, members };
}

const MEMBER_FIELDS = ['id', 'subscription', 'groupInstanceId', 'ownedPartitions', 'generation'];

function expectObject(value: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${path}: expected ${what}, got ${show(value)}`);
  return value as Record<string, unknown>;
}

/** `.name` or `["odd name"]` for a JSON path. */
function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** A short rendering of a bad value. */
function show(value: unknown): string {
  return value === undefined ? 'nothing' : showValue(value, 60);
}
