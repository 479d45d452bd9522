/**
 * The one shape of a check's outcome in every layer (webview messages, command arguments, view
 * state): the value, or a message that names the field and the value and says what was expected.
 * Plus the one `isRecord` test that such checks start with.
 */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refused = <T = never>(message: string): Result<T> => ({ ok: false, message });

/** A plain object (not null, not an array): what a JSON object parses to. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
