/**
 * Small accessible forms: a labelled input with an inline error (aria-invalid, aria-describedby),
 * submitted with its button or Enter. Values the user typed are never overwritten by updates.
 */
import { h, icon, setAttr, setHidden, setText, uid } from '../dom';
import type { RenderContext } from './context';

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

/** Parses a number typed by the user: finite, in [min, max], optionally an integer. */
export function parseNumber(text: string, min: number, max: number, integer: boolean): number | 'empty' | 'nan' | 'not-integer' | 'range' {
  if (text === '') return 'empty';
  const v = Number(text);
  if (!Number.isFinite(v)) return 'nan';
  if (integer && !Number.isInteger(v)) return 'not-integer';
  if (v < min || v > max) return 'range';
  return v;
}

export const NAME_PATTERN = /^[a-zA-Z0-9._-]+$/;
