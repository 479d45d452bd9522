/**
 * Checks of the commands' arguments against the live simulation, shared by the two ways a
 * command gets its input: programmatic arguments (`executeCommand('kafkaLab.addPartitions',
 * { topic: 'peter-01', partitions: 4 })`) and what the user types into an input box (the same
 * checks run live in `validateInput`). Every failure names the field, the value and what was
 * expected; nothing is applied unless every field is valid.
 *
 * No `vscode` import (unit-tested in Node): messages go through an injected `l10n.t` so the
 * extension localises them with `vscode.l10n.t` and the tests with a plain formatter.
 */
import { ASSIGNOR_NAMES, isAssignorName, isRecord, ok, parseDuration, refused, showValue, suggestId } from '../../sim';
import { MAX_RATE_PER_SEC as MAX_RATE, MAX_TOPIC_PARTITIONS as MAX_PARTITIONS } from '../../sim';
import type { Action, AssignorName, ConsumerStatus, Result, SimSnapshot } from '../../sim';

/** `vscode.l10n`'s `t` with positional arguments (`{0}`, `{1}`...). */
export interface Localizer {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

export { MAX_RATE, MAX_PARTITIONS };
export const MAX_NEW_GROUP_CONSUMERS = 50;
/** A Kafka client.id / group.id as the lab accepts them: no spaces, no control characters. */
const ID_PATTERN = /^[A-Za-z0-9._-]{1,249}$/;

/** A consumer of any kind the user can act on: in a consumer group, standalone, or in a share group. */
export interface AnyConsumer {
  readonly clientId: string;
  readonly status: ConsumerStatus;
  readonly group: string;
  readonly kind: 'group' | 'standalone' | 'share';
  /** Partitions it reads now. */
  readonly reads: readonly string[];
}

/** Consumer-group and standalone consumers, then share consumers (the engine routes actions by client.id). */
export function everyConsumer(snap: SimSnapshot): AnyConsumer[] {
  const out: AnyConsumer[] = snap.consumers.map((c) => ({
    clientId: c.clientId,
    status: c.status,
    group: c.group,
    kind: c.standalone ? 'standalone' : 'group',
    reads: c.assigned.map((a) => `${a.topic}-${a.partition}`),
  }));
  for (const g of snap.shareGroups ?? []) {
    for (const m of g.members) out.push({ clientId: m.clientId, status: m.status, group: g.groupId, kind: 'share', reads: m.assignment.map((tp) => `${tp.topic}-${tp.partition}`) });
  }
  return out;
}

/** Reads a number the user typed ("50", " 2.5 "); NaN when it is not one. */
export function parseNumberInput(text: string): number {
  const trimmed = text.trim().replace(/[_,](?=\d{3}\b)/g, '');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
}

/** The argument checks, against one snapshot of the simulation. */
export class ArgumentChecker {
  constructor(
    private readonly snap: SimSnapshot,
    private readonly l10n: Localizer,
  ) {}

  private invalid<T>(field: string, value: unknown, expected: string): Result<T> {
    return refused(this.l10n.t('{0}: {1} is not valid: {2}', field, showValue(value), expected));
  }

  /** The arguments object of a command called programmatically. */
  args(value: unknown, fields: readonly string[]): Result<Record<string, unknown>> {
    if (!isRecord(value)) return this.invalid('arguments', value, this.l10n.t('expected an object with {0}', fields.join(', ')));
    const extra = Object.keys(value).filter((k) => !fields.includes(k));
    if (extra.length > 0) return refused(this.l10n.t('arguments: unexpected field(s) {0} (expected {1})', extra.join(', '), fields.join(', ')));
    return ok(value);
  }

  groupIds(): string[] {
    return this.snap.groups.map((g) => g.groupId);
  }

  /** An existing consumer group. */
  group(field: string, value: unknown): Result<string> {
    const ids = this.groupIds();
    if (typeof value !== 'string' || !ids.includes(value)) {
      return this.invalid(field, value, ids.length ? this.l10n.t('expected one of the groups: {0}', ids.join(', ')) : this.l10n.t('the simulation has no consumer group'));
    }
    return ok(value);
  }

  /** A group id not used yet. */
  newGroupId(field: string, value: unknown): Result<string> {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) return this.invalid(field, value, this.l10n.t('expected a group id of letters, digits, ".", "_" and "-"'));
    if (this.groupIds().includes(value)) return this.invalid(field, value, this.l10n.t('a group with this id already exists'));
    return ok(value);
  }

  /** A client.id no consumer uses yet. */
  newClientId(field: string, value: unknown): Result<string> {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) return this.invalid(field, value, this.l10n.t('expected a client id of letters, digits, ".", "_" and "-"'));
    if (everyConsumer(this.snap).some((c) => c.clientId === value)) return this.invalid(field, value, this.l10n.t('another consumer already uses this client id'));
    return ok(value);
  }

  /** Records per second, 0 to 1,000,000. */
  rate(field: string, value: unknown): Result<number> {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_RATE) {
      return this.invalid(field, value, this.l10n.t('expected a number of records per second from 0 to {0}', MAX_RATE));
    }
    return ok(value);
  }

  /** A consumer whose status is one of `statuses`. */
  consumer(field: string, value: unknown, statuses: readonly ConsumerStatus[]): Result<string> {
    const c = typeof value === 'string' ? everyConsumer(this.snap).find((x) => x.clientId === value) : undefined;
    const fitting = this.consumersWithStatus(statuses);
    const expected = fitting.length
      ? this.l10n.t('expected a {0} consumer: {1}', statuses.join('/'), fitting.join(', '))
      : this.l10n.t('no consumer is {0}', statuses.join('/'));
    if (!c) return this.invalid(field, value, expected);
    if (!statuses.includes(c.status)) return this.invalid(field, value, this.l10n.t('the consumer is {0}; {1}', c.status, expected));
    return ok(c.clientId);
  }

  consumersWithStatus(statuses: readonly ConsumerStatus[]): string[] {
    return everyConsumer(this.snap).filter((c) => statuses.includes(c.status)).map((c) => c.clientId);
  }

  topic(field: string, value: unknown): Result<string> {
    const names = this.snap.topics.map((t) => t.name);
    if (typeof value !== 'string' || !names.includes(value)) return this.invalid(field, value, this.l10n.t('expected one of the topics: {0}', names.join(', ')));
    return ok(value);
  }

  partitionCount(topic: string): number {
    return this.snap.topics.find((t) => t.name === topic)?.partitions.length ?? 0;
  }

  /** The new total of partitions of `topic`: an integer above the current count, at most 10,000. */
  newPartitionTotal(field: string, topic: string, value: unknown): Result<number> {
    const current = this.partitionCount(topic);
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= current || value > MAX_PARTITIONS) {
      return this.invalid(field, value, this.l10n.t("expected the new total, an integer from {0} to {1}: topic '{2}' has {3} partitions and partitions only grow", current + 1, MAX_PARTITIONS, topic, current));
    }
    return ok(value);
  }

  producer(field: string, value: unknown): Result<string> {
    const ids = this.snap.producers.map((p) => p.id);
    if (typeof value !== 'string' || !ids.includes(value)) {
      return this.invalid(field, value, ids.length ? this.l10n.t('expected one of the producers: {0}', ids.join(', ')) : this.l10n.t('the simulation has no producer'));
    }
    return ok(value);
  }

  /** A stall: milliseconds or a duration string, longer than 0. */
  duration(field: string, value: unknown): Result<number> {
    let ms: number;
    try {
      ms = parseDuration(value as number | string);
    } catch {
      ms = NaN;
    }
    if (!(ms > 0)) return this.invalid(field, value, this.l10n.t('expected a duration longer than 0, e.g. 30000 or "30s", "2m", "1m30s"'));
    return ok(ms);
  }

  /** One assignor name or a non-empty list of distinct names. */
  assignor(field: string, value: unknown): Result<AssignorName | AssignorName[]> {
    const expected = this.l10n.t('expected one of {0}, or a list of them', ASSIGNOR_NAMES.join(', '));
    if (typeof value === 'string') return isAssignorName(value) ? ok(value) : this.invalid(field, value, expected);
    if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && isAssignorName(v)) && new Set(value).size === value.length) {
      return ok(value as AssignorName[]);
    }
    return this.invalid(field, value, expected);
  }

  /** A whole number from `min` to `max`. */
  integer(field: string, value: unknown, min: number, max: number): Result<number> {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return this.invalid(field, value, this.l10n.t('expected a whole number from {0} to {1}', min, max));
    return ok(value);
  }

  /** Every client id in use: consumer-group clients and share consumers alike. */
  takenClientIds(): string[] {
    return [...this.snap.consumers.map((c) => c.clientId), ...this.snap.shareGroups.flatMap((g) => g.members.map((m) => m.clientId))];
  }

  /** A client id not used yet, in the tutorial's style: consumer01, consumer02, ... (src/sim/naming.ts). */
  suggestClientId(): string {
    return suggestId('consumer', this.takenClientIds());
  }

  /** A group id not used yet: consumer-group-02, ... */
  suggestGroupId(): string {
    return suggestId('consumer-group-', this.groupIds());
  }

  /** The processing rate a new consumer of `group` gets by default: its first member's, else 50. */
  suggestRate(group: string): number {
    return this.snap.consumers.find((c) => c.group === group && !c.standalone)?.ratePerSec ?? 50;
  }
}

// ---- the commands' arguments → engine actions ---------------------------------------------

export type Build = (check: ArgumentChecker, args: unknown) => Result<Action>;

/** Runs the checks in order and stops at the first failure. */
function all<T extends unknown[]>(...results: { [K in keyof T]: Result<T[K]> }): Result<T> {
  const values: unknown[] = [];
  for (const r of results) {
    if (!r.ok) return r;
    values.push(r.value);
  }
  return ok(values as T);
}

function chain<A, B>(first: Result<A>, next: (a: A) => Result<B>): Result<B> {
  return first.ok ? next(first.value) : first;
}

/** `{ group, clientId, ratePerSec }` → add-consumer. */
export const addConsumerArgs: Build = (check, raw) =>
  chain(check.args(raw, ['group', 'clientId', 'ratePerSec']), (a) =>
    chain(all<[string, string, number]>(check.group('group', a.group), check.newClientId('clientId', a.clientId), check.rate('ratePerSec', a.ratePerSec)), ([group, clientId, ratePerSec]) =>
      ok<Action>({ action: 'add-consumer', group, consumer: { clientId, ratePerSec } }),
    ),
  );

/** `{ consumer }` → stop-consumer / crash-consumer / restart-consumer. */
export function consumerArgs(action: 'stop-consumer' | 'crash-consumer' | 'restart-consumer'): Build {
  const statuses: readonly ConsumerStatus[] = action === 'restart-consumer' ? ['stopped', 'crashed'] : ['running'];
  return (check, raw) => chain(check.args(raw, ['consumer']), (a) => chain(check.consumer('consumer', a.consumer, statuses), (consumer) => ok<Action>({ action, consumer })));
}

/** `{ consumer, duration }` (ms or "30s") → stall-consumer. */
export const stallConsumerArgs: Build = (check, raw) =>
  chain(check.args(raw, ['consumer', 'duration']), (a) =>
    chain(all<[string, number]>(check.consumer('consumer', a.consumer, ['running']), check.duration('duration', a.duration)), ([consumer, duration]) =>
      ok<Action>({ action: 'stall-consumer', consumer, duration }),
    ),
  );

/** `{ topic, partitions }` (the new total) → add-partitions. */
export const addPartitionsArgs: Build = (check, raw) =>
  chain(check.args(raw, ['topic', 'partitions']), (a) =>
    chain(check.topic('topic', a.topic), (topic) => chain(check.newPartitionTotal('partitions', topic, a.partitions), (partitions) => ok<Action>({ action: 'add-partitions', topic, partitions }))),
  );

/** `{ producer, ratePerSec }` → set-producer-rate. */
export const setProducerRateArgs: Build = (check, raw) =>
  chain(check.args(raw, ['producer', 'ratePerSec']), (a) =>
    chain(all<[string, number]>(check.producer('producer', a.producer), check.rate('ratePerSec', a.ratePerSec)), ([producer, ratePerSec]) => ok<Action>({ action: 'set-producer-rate', producer, ratePerSec })),
  );

/**
 * `{ groupId, consumers?, ratePerSec? }` → add-group with `consumers` new members (default 1,
 * named consumerNN like the tutorial's) processing `ratePerSec` each (default 50).
 */
export const addGroupArgs: Build = (check, raw) =>
  chain(check.args(raw, ['groupId', 'consumers', 'ratePerSec']), (a) =>
    chain(
      all<[string, number, number]>(
        check.newGroupId('groupId', a.groupId),
        a.consumers === undefined ? ok(1) : check.integer('consumers', a.consumers, 0, MAX_NEW_GROUP_CONSUMERS),
        a.ratePerSec === undefined ? ok(50) : check.rate('ratePerSec', a.ratePerSec),
      ),
      ([groupId, count, ratePerSec]) => {
        const taken = check.takenClientIds();
        const consumers: Array<{ clientId: string; ratePerSec: number }> = [];
        while (consumers.length < count) {
          const clientId = suggestId('consumer', taken);
          taken.push(clientId);
          consumers.push({ clientId, ratePerSec });
        }
        return ok<Action>({ action: 'add-group', group: { groupId, consumers } });
      },
    ),
  );

/** `{ group, assignor }` → set-assignor. */
export const changeAssignorArgs: Build = (check, raw) =>
  chain(check.args(raw, ['group', 'assignor']), (a) =>
    chain(all<[string, AssignorName | AssignorName[]]>(check.group('group', a.group), check.assignor('assignor', a.assignor)), ([group, assignor]) =>
      ok<Action>({ action: 'set-assignor', group, assignor }),
    ),
  );

/** `{ group }` for Describe Group. */
export function describeGroupArgs(check: ArgumentChecker, raw: unknown): Result<string> {
  return chain(check.args(raw, ['group']), (a) => check.group('group', a.group));
}

