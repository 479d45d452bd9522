/**
 * Small accessible forms: a labelled input with an inline error (aria-invalid, aria-describedby),
 * submitted with its button or Enter. Values the user typed are never overwritten by updates.
 * The checks of what was typed return a Result: the value, or the message the field shows.
 */
import { ok, refused } from '../../sim';
import type { Result } from '../../sim';
import type { WebviewStringKey } from '../../protocol/webviewStrings';
import { h, icon, setAttr, setHidden, setText, uid } from '../dom';
import { formatCount } from '../format';
import { RenderContext, t } from './context';

export class Field {
  readonly root: HTMLDivElement;
  readonly input: HTMLInputElement;
  readonly label: HTMLLabelElement;
  private readonly error: HTMLDivElement;

  constructor(ctx: RenderContext, opts: { testid: string; type?: 'text' | 'number'; min?: number; max?: number; step?: string; inputmode?: string; size?: number }) {
    const id = uid('field');
    const errId = `${id}-error`;
    this.label = h(ctx.doc, 'label', { for: id, class: 'field-label' });
    this.input = h(ctx.doc, 'input', {
      id,
      type: opts.type ?? 'text',
      class: 'input',
      'data-testid': opts.testid,
      min: opts.min,
      max: opts.max,
      step: opts.step,
      inputmode: opts.inputmode,
      size: opts.size,
      spellcheck: 'false',
      autocomplete: 'off',
    });
    this.error = h(ctx.doc, 'div', { id: errId, class: 'field-error', 'data-testid': `${opts.testid}-error`, hidden: true });
    this.root = h(ctx.doc, 'div', { class: 'field' }, this.label, this.input, this.error);
    this.input.addEventListener('input', () => this.setError(null));
  }

  setLabel(text: string): void {
    setText(this.label, text);
  }

  setPlaceholder(text: string): void {
    setAttr(this.input, 'placeholder', text);
  }

  get value(): string {
    return this.input.value.trim();
  }

  setError(message: string | null): void {
    setText(this.error, message ?? '');
    setHidden(this.error, message === null);
    setAttr(this.input, 'aria-invalid', message === null ? null : 'true');
    setAttr(this.input, 'aria-describedby', message === null ? null : this.error.id);
  }

  /** Shows a refused check's message under the field, or clears it; true when the check passed. */
  report<T>(checked: Result<T>): checked is Extract<Result<T>, { ok: true }> {
    this.setError(checked.ok ? null : checked.message);
    return checked.ok;
  }
}

/** A form with fields and one submit button (`<button type=submit>`, icon + text). */
export class InlineForm {
  readonly root: HTMLFormElement;
  readonly button: HTMLButtonElement;
  private readonly buttonText: HTMLSpanElement;

  constructor(ctx: RenderContext, opts: { testid: string; icon: string; fields: Field[]; extra?: HTMLElement[]; onSubmit: () => void }) {
    this.buttonText = h(ctx.doc, 'span');
    this.button = h(ctx.doc, 'button', { type: 'submit', class: 'button secondary', 'data-testid': `${opts.testid}-submit` }, icon(ctx.doc, opts.icon), this.buttonText);
    this.root = h(ctx.doc, 'form', { class: 'inline-form', 'data-testid': opts.testid, novalidate: true }, ...opts.fields.map((f) => f.root), ...(opts.extra ?? []), this.button);
    this.root.addEventListener('submit', (ev) => {
      ev.preventDefault();
      opts.onSubmit();
    });
  }

  setButtonText(text: string): void {
    setText(this.buttonText, text);
  }
}

/** What is wrong with a number typed by the user, if anything. */
type NumberProblem = 'empty' | 'nan' | 'not-integer' | 'range';

/** Parses a number typed by the user: finite, in [min, max], optionally an integer. */
function parseNumber(text: string, min: number, max: number, integer: boolean): number | NumberProblem {
  if (text === '') return 'empty';
  const v = Number(text);
  if (!Number.isFinite(v)) return 'nan';
  if (integer && !Number.isInteger(v)) return 'not-integer';
  if (v < min || v > max) return 'range';
  return v;
}

/** Characters a client.id or group.id typed in the views may have. */
export const NAME_PATTERN = /^[a-zA-Z0-9._-]+$/;

/** A new client.id or group.id: allowed characters, not in `taken` (else the `duplicate` message). */
export function checkNewId(ctx: RenderContext, id: string, label: string, taken: ReadonlySet<string>, duplicate: WebviewStringKey): Result<string> {
  if (!NAME_PATTERN.test(id)) return refused(t(ctx, 'errName', label));
  if (taken.has(id)) return refused(t(ctx, duplicate, id));
  return ok(id);
}

/** A rate in messages per second, from 0 to `max`; the field is `label`. */
export function checkRate(ctx: RenderContext, text: string, label: string, max: number): Result<number> {
  const v = parseNumber(text, 0, max, false);
  if (typeof v === 'number') return ok(v);
  return refused(v === 'empty' ? t(ctx, 'errRequired', label) : t(ctx, 'errNumber', label, 0, formatCount(max)));
}

/**
 * A topic's new partition count: a whole number above `current`, at most `max` (partitions only
 * grow). `unparsable`: the number input holds text it cannot read.
 */
export function checkPartitionCount(ctx: RenderContext, text: string, unparsable: boolean, current: number, max: number, label: string): Result<number> {
  const v = parseNumber(unparsable ? 'x' : text, current + 1, max, true);
  if (typeof v === 'number') return ok(v);
  return refused(current >= max || v === 'range' || v === 'nan' ? t(ctx, 'errPartitionsGrow', formatCount(current + 1), formatCount(max)) : t(ctx, 'errInteger', label));
}
