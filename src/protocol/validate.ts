/**
 * Transitional, for src/webview only (issue 11). The checks live in ./messageChecks and return
 * Result<T> (`{ ok: true, value }` or `{ ok: false, message }`), like every other check. The webview
 * still reads the old shape (`{ ok: true, message }` or `{ ok: false, reason }`) and is changed by
 * whoever owns src/webview. Delete this file once src/webview/app.ts and src/webview/host.ts import
 * from ./messageChecks and read `.value` and `.message`. Nothing else may import it.
 */
import type { Result } from '../sim';
import type { HostMessage, WebviewMessage } from './messages';
import * as messageChecks from './messageChecks';

/** @deprecated Result<T> from src/sim/index.ts is the one shape of a check's outcome. */
export type Checked<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

/** A Result in the old shape: the value as `message`, the refusal's message as `reason`. */
export function asChecked<T>(result: Result<T>): Checked<T> {
  return result.ok ? { ok: true, message: result.value } : { ok: false, reason: result.message };
}

/** @deprecated Use checkWebviewMessage from ./messageChecks. */
export function checkWebviewMessage(value: unknown): Checked<WebviewMessage> {
  return asChecked(messageChecks.checkWebviewMessage(value));
}

/** @deprecated Use checkHostMessage from ./messageChecks. */
export function checkHostMessage(value: unknown): Checked<HostMessage> {
  return asChecked(messageChecks.checkHostMessage(value));
}
