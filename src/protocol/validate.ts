/**
 * Validation of messages on receipt. Each function returns the typed message or a precise reason
 * (the field, the value, what was expected); it never throws.
 */
import { scenarioSchema, validateWithSchema } from '../sim/scenario/validate';
import type { Action } from '../sim/scenario/types';
import { HostMessage, MAX_SPEED, MIN_SPEED, ViewKind, WebviewMessage } from './messages';

export type Checked<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
};
const VIEWS: readonly ViewKind[] = ['sidebar', 'panel'];
const CONTROLS = ['play', 'pause', 'step', 'reset'] as const;

function fail<T>(reason: string): Checked<T> {
  return { ok: false, reason };
}

function onlyKeys(m: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(m).filter((k) => !allowed.includes(k));
  return extra.length > 0 ? `unexpected field(s) ${extra.map((k) => `'${k}'`).join(', ')} in a '${String(m.type)}' message` : undefined;
}

/** An engine action, checked against the scenario schema's definition of a timeline action. */
export function checkAction(value: unknown): Checked<Action> {
  if (!isRecord(value)) return fail(`action: expected an object, got ${show(value)}`);
  if ('at' in value) return fail(`action.at: ${show(value.at)} is not allowed: an action from a view applies now`);
  const errors = validateWithSchema(scenarioSchema, { name: 'message', topics: [{ name: 'x', partitions: 1 }], timeline: [{ at: 0, ...value }] }, 5);
  if (errors.length > 0) {
    const e = errors[0]!;
    const path = e.path.replace(/^\$\.timeline\[0\]/, 'action');
    return fail(`${path}: ${e.value === undefined ? '' : `${show(e.value)} is not valid: `}${e.message}`);
  }
  return { ok: true, message: value as unknown as Action };
}

export function checkWebviewMessage(value: unknown): Checked<WebviewMessage> {
  if (!isRecord(value)) return fail(`message: expected an object, got ${show(value)}`);
  const m = value;
  switch (m.type) {
    case 'ready': {
      const extra = onlyKeys(m, ['type', 'view']);
      if (extra) return fail(extra);
      if (!VIEWS.includes(m.view as ViewKind)) return fail(`view: ${show(m.view)} is not valid: expected 'sidebar' or 'panel'`);
      return { ok: true, message: { type: 'ready', view: m.view as ViewKind } };
    }
    case 'control': {
      const extra = onlyKeys(m, ['type', 'command']);
      if (extra) return fail(extra);
      if (!CONTROLS.includes(m.command as (typeof CONTROLS)[number])) return fail(`command: ${show(m.command)} is not valid: expected one of ${CONTROLS.join(', ')}`);
      return { ok: true, message: { type: 'control', command: m.command as (typeof CONTROLS)[number] } };
    }
    case 'set-speed': {
      const extra = onlyKeys(m, ['type', 'speed']);
      if (extra) return fail(extra);
      if (typeof m.speed !== 'number' || !Number.isFinite(m.speed) || m.speed < MIN_SPEED || m.speed > MAX_SPEED) {
        return fail(`speed: ${show(m.speed)} is not valid: expected a number from ${MIN_SPEED} to ${MAX_SPEED}`);
      }
      return { ok: true, message: { type: 'set-speed', speed: m.speed } };
    }
    case 'action': {
      const extra = onlyKeys(m, ['type', 'action']);
      if (extra) return fail(extra);
      const action = checkAction(m.action);
      return action.ok ? { ok: true, message: { type: 'action', action: action.message } } : action;
    }
    case 'open-describe': {
      const extra = onlyKeys(m, ['type', 'group']);
      if (extra) return fail(extra);
      if (typeof m.group !== 'string' || m.group.length === 0) return fail(`group: ${show(m.group)} is not valid: expected a group id`);
      return { ok: true, message: { type: 'open-describe', group: m.group } };
    }
    case 'open-panel': {
      const extra = onlyKeys(m, ['type']);
      if (extra) return fail(extra);
      return { ok: true, message: { type: 'open-panel' } };
    }
    default:
      return fail(`type: ${show(m.type)} is not a known message type (expected ready, control, set-speed, action, open-describe or open-panel)`);
  }
}

/** The webview's side: checks the shape of what the extension sends (cheap structural checks). */
export function checkHostMessage(value: unknown): Checked<HostMessage> {
  if (!isRecord(value)) return fail(`message: expected an object, got ${show(value)}`);
  switch (value.type) {
    case 'init':
      if (!isRecord(value.snapshot) || !isRecord(value.status) || !Array.isArray(value.events) || !isRecord(value.strings)) return fail("an 'init' message needs snapshot, status, events and strings");
      return { ok: true, message: value as unknown as HostMessage };
    case 'update':
      if (!isRecord(value.snapshot) || !isRecord(value.status) || !Array.isArray(value.events) || typeof value.reset !== 'boolean') return fail("an 'update' message needs snapshot, status, events and reset");
      return { ok: true, message: value as unknown as HostMessage };
    case 'error':
      if (typeof value.message !== 'string') return fail("an 'error' message needs a message string");
      return { ok: true, message: value as unknown as HostMessage };
    default:
      return fail(`type: ${show(value.type)} is not a known message type (expected init, update or error)`);
  }
}
