/**
 * Validation of messages on receipt. Each function returns a Result: the typed message, or a
 * message that names the field, the value and what was expected; it never throws.
 */
import { isRecord, ok, refused, showValue } from '../sim';
import { nameProblem } from '../sim';
import { scenarioSchema, validateWithSchema } from '../sim';
import type { Action, Result } from '../sim';
import { HostMessage, MAX_SPEED, MIN_SPEED, ViewKind, WebviewMessage } from './messages';

const VIEWS: readonly ViewKind[] = ['sidebar', 'panel'];
const CONTROLS = ['play', 'pause', 'step', 'reset'] as const;

function onlyKeys(m: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(m).filter((k) => !allowed.includes(k));
  return extra.length > 0 ? `unexpected field(s) ${extra.map((k) => `'${k}'`).join(', ')} in a '${String(m.type)}' message` : undefined;
}

/** An engine action, checked against the scenario schema's definition of a timeline action. */
export function checkAction(value: unknown): Result<Action> {
  if (!isRecord(value)) return refused(`action: expected an object, got ${showValue(value)}`);
  if ('at' in value) return refused(`action.at: ${showValue(value.at)} is not allowed: an action from a view applies now`);
  const errors = validateWithSchema(scenarioSchema, { name: 'message', topics: [{ name: 'x', partitions: 1 }], timeline: [{ at: 0, ...value }] }, 5);
  if (errors.length > 0) {
    const e = errors[0]!;
    const path = e.path.replace(/^\$\.timeline\[0\]/, 'action');
    return refused(`${path}: ${e.value === undefined ? '' : `${showValue(e.value)} is not valid: `}${e.message}`);
  }
  return ok(value as unknown as Action);
}

export function checkWebviewMessage(value: unknown): Result<WebviewMessage> {
  if (!isRecord(value)) return refused(`message: expected an object, got ${showValue(value)}`);
  const m = value;
  switch (m.type) {
    case 'ready': {
      const extra = onlyKeys(m, ['type', 'view']);
      if (extra) return refused(extra);
      if (!VIEWS.includes(m.view as ViewKind)) return refused(`view: ${showValue(m.view)} is not valid: expected 'sidebar' or 'panel'`);
      return ok({ type: 'ready', view: m.view as ViewKind });
    }
    case 'control': {
      const extra = onlyKeys(m, ['type', 'command']);
      if (extra) return refused(extra);
      if (!CONTROLS.includes(m.command as (typeof CONTROLS)[number])) return refused(`command: ${showValue(m.command)} is not valid: expected one of ${CONTROLS.join(', ')}`);
      return ok({ type: 'control', command: m.command as (typeof CONTROLS)[number] });
    }
    case 'set-speed': {
      const extra = onlyKeys(m, ['type', 'speed']);
      if (extra) return refused(extra);
      if (typeof m.speed !== 'number' || !Number.isFinite(m.speed) || m.speed < MIN_SPEED || m.speed > MAX_SPEED) {
        return refused(`speed: ${showValue(m.speed)} is not valid: expected a number from ${MIN_SPEED} to ${MAX_SPEED}`);
      }
      return ok({ type: 'set-speed', speed: m.speed });
    }
    case 'action': {
      const extra = onlyKeys(m, ['type', 'action']);
      if (extra) return refused(extra);
      const action = checkAction(m.action);
      return action.ok ? ok({ type: 'action', action: action.value }) : action;
    }
    case 'open-describe': {
      const extra = onlyKeys(m, ['type', 'group']);
      if (extra) return refused(extra);
      const problem = nameProblem(m.group);
      if (problem !== undefined) return refused(`group: ${showValue(m.group)} is not valid: expected a group id (${problem})`);
      return ok({ type: 'open-describe', group: m.group as string });
    }
    case 'open-panel': {
      const extra = onlyKeys(m, ['type']);
      if (extra) return refused(extra);
      return ok({ type: 'open-panel' });
    }
    case 'compare-protocols': {
      const extra = onlyKeys(m, ['type']);
      if (extra) return refused(extra);
      return ok({ type: 'compare-protocols' });
    }
    default:
      return refused(`type: ${showValue(m.type)} is not a known message type (expected ready, control, set-speed, action, open-describe, open-panel or compare-protocols)`);
  }
}

const isArrayOf = (v: unknown, item: (x: Record<string, unknown>) => boolean): boolean => Array.isArray(v) && v.every((x) => isRecord(x) && item(x));
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The parts of a snapshot a view relies on (cheap: top-level lists and their items' keys, not every number). */
function snapshotProblem(s: unknown): string | undefined {
  if (!isRecord(s)) return `snapshot: expected an object, got ${showValue(s)}`;
  if (!isNum(s.t)) return `snapshot.t: ${showValue(s.t)} is not valid: expected a number of ms`;
  if (!isArrayOf(s.topics, (x) => typeof x.name === 'string' && Array.isArray(x.partitions))) return `snapshot.topics: ${showValue(s.topics)} is not valid: expected a list of { name, partitions }`;
  if (!isArrayOf(s.producers, (x) => typeof x.id === 'string')) return `snapshot.producers: ${showValue(s.producers)} is not valid: expected a list of { id, ... }`;
  if (!isArrayOf(s.groups, (x) => typeof x.groupId === 'string' && typeof x.state === 'string' && Array.isArray(x.members) && Array.isArray(x.partitions))) {
    return `snapshot.groups: ${showValue(s.groups)} is not valid: expected a list of { groupId, state, members, partitions, ... }`;
  }
  if (!isArrayOf(s.consumers, (x) => typeof x.clientId === 'string' && typeof x.group === 'string' && Array.isArray(x.assigned))) {
    return `snapshot.consumers: ${showValue(s.consumers)} is not valid: expected a list of { clientId, group, assigned, ... }`;
  }
  return undefined;
}

function statusProblem(s: unknown): string | undefined {
  if (!isRecord(s)) return `status: expected an object, got ${showValue(s)}`;
  if (typeof s.running !== 'boolean') return `status.running: ${showValue(s.running)} is not valid: expected true or false`;
  if (!isNum(s.speed)) return `status.speed: ${showValue(s.speed)} is not valid: expected a number`;
  if (typeof s.scenarioName !== 'string') return `status.scenarioName: ${showValue(s.scenarioName)} is not valid: expected a string`;
  return undefined;
}

function eventsProblem(v: unknown): string | undefined {
  if (!Array.isArray(v)) return `events: ${showValue(v)} is not valid: expected a list`;
  const i = v.findIndex((e) => !isRecord(e) || typeof e.type !== 'string' || !isNum(e.t) || !isNum(e.seq));
  return i < 0 ? undefined : `events[${i}]: ${showValue(v[i])} is not valid: expected an event { t, seq, type, ... }`;
}

const VARIANTS = ['classic-eager', 'classic-cooperative', 'kip848'] as const;
const ROW_NUMBERS = ['rounds', 'maxUnownedMs', 'totalUnownedMs', 'processed', 'duplicates', 'outOfOrder'] as const;

function comparisonProblem(m: Record<string, unknown>): string | undefined {
  if (typeof m.scenarioName !== 'string') return `scenarioName: ${showValue(m.scenarioName)} is not valid: expected a string`;
  if (!isNum(m.untilMs) || m.untilMs < 0) return `untilMs: ${showValue(m.untilMs)} is not valid: expected a number of ms`;
  if (!Array.isArray(m.rows)) return `rows: ${showValue(m.rows)} is not valid: expected a list`;
  for (let i = 0; i < m.rows.length; i++) {
    const r: unknown = m.rows[i];
    if (!isRecord(r)) return `rows[${i}]: ${showValue(r)} is not valid: expected an object`;
    if (!VARIANTS.includes(r.variant as (typeof VARIANTS)[number])) return `rows[${i}].variant: ${showValue(r.variant)} is not valid: expected one of ${VARIANTS.join(', ')}`;
    if (typeof r.label !== 'string') return `rows[${i}].label: ${showValue(r.label)} is not valid: expected a string`;
    for (const k of ROW_NUMBERS) if (!isNum(r[k]) || (r[k] as number) < 0) return `rows[${i}].${k}: ${showValue(r[k])} is not valid: expected a number ≥ 0`;
  }
  return undefined;
}

/** The webview's side: checks the shape of what the extension sends (cheap structural checks). */
export function checkHostMessage(value: unknown): Result<HostMessage> {
  if (!isRecord(value)) return refused(`message: expected an object, got ${showValue(value)}`);
  switch (value.type) {
    case 'init': {
      if (!VIEWS.includes(value.view as ViewKind)) return refused(`view: ${showValue(value.view)} is not valid: expected 'sidebar' or 'panel'`);
      if (!isNum(value.version)) return refused(`version: ${showValue(value.version)} is not valid: expected a number`);
      if (!isRecord(value.strings) || !Object.values(value.strings).every((v) => typeof v === 'string')) return refused(`strings: ${showValue(value.strings)} is not valid: expected a record of strings`);
      const problem = statusProblem(value.status) ?? snapshotProblem(value.snapshot) ?? eventsProblem(value.events);
      if (problem) return refused(problem);
      return ok(value as unknown as HostMessage);
    }
    case 'update': {
      if (typeof value.reset !== 'boolean') return refused(`reset: ${showValue(value.reset)} is not valid: expected true or false`);
      const problem = statusProblem(value.status) ?? snapshotProblem(value.snapshot) ?? eventsProblem(value.events);
      if (problem) return refused(problem);
      return ok(value as unknown as HostMessage);
    }
    case 'error':
      if (typeof value.message !== 'string') return refused(`message: ${showValue(value.message)} is not valid: an 'error' message needs a message string`);
      return ok(value as unknown as HostMessage);
    case 'comparison': {
      const problem = comparisonProblem(value);
      if (problem) return refused(problem);
      return ok(value as unknown as HostMessage);
    }
    default:
      return refused(`type: ${showValue(value.type)} is not a known message type (expected init, update, error or comparison)`);
  }
}
