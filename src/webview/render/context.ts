/** What every view component gets: the document, the strings, the way to send intents, UI state. */
import type { ViewKind, WebviewMessage } from '../../protocol/messages';
import type { Result } from '../../sim';
import { format, WebviewStringKey, WebviewStrings } from '../../protocol/webviewStrings';
import { durationParts } from '../format';
import type { UiState } from '../uiState';

export interface RenderContext {
  readonly doc: Document;
  readonly view: ViewKind;
  strings: WebviewStrings;
  readonly ui: UiState;
  /** Sends an intent if it is well-formed; refused (with the reason) when it was not sent. */
  post(message: WebviewMessage): Result<WebviewMessage>;
  /** Call after changing `ui`: persists it and re-renders. */
  uiChanged(): void;
  /** True when animations must not run (prefers-reduced-motion or VS Code's reduce-motion class). */
  reducedMotion(): boolean;
}

/** `t(ctx, 'key', ...args)`: the localised string with its placeholders filled. */
export function t(ctx: { strings: WebviewStrings }, key: WebviewStringKey, ...args: ReadonlyArray<string | number>): string {
  const template = ctx.strings[key];
  return args.length === 0 ? template : format(template, ...args);
}

/** A duration in the view's language: `12 s`, `5 min 30 s`. */
export function dur(ctx: { strings: WebviewStrings }, ms: number): string {
  const p = durationParts(ms);
  switch (p.unit) {
    case 'ms':
      return t(ctx, 'durationMs', p.value);
    case 's':
      return t(ctx, 'durationSeconds', p.value);
    case 'min':
      return t(ctx, 'durationMinutes', p.value);
    case 'minS':
      return t(ctx, 'durationMinutesSeconds', p.value, p.seconds);
  }
}
