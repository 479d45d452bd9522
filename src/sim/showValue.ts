/**
 * The one printer for values inside error messages (scenario errors, webview message checks,
 * command arguments, the CLI). JSON-like and short, and safe whatever it is given: it never
 * throws and never recurses deeper than MAX_DEPTH (a value nested a million levels deep prints as
 * `[[[[...]]]]`), stops reading after `maxLength` characters, and escapes control characters.
 */

const MAX_DEPTH = 4;
/** Items or properties shown per level before "...". */
const MAX_ENTRIES = 8;

export function showValue(value: unknown, maxLength = 60): string {
  let out = '';
  const full = (): boolean => out.length > maxLength;
  const write = (s: string): void => {
    if (!full()) out += s;
  };
  const visit = (v: unknown, depth: number): void => {
    if (full()) return;
    if (v === undefined) return write('undefined');
    if (v === null) return write('null');
    switch (typeof v) {
      case 'string':
        return write(JSON.stringify(v.length > maxLength ? v.slice(0, maxLength + 1) : v));
      case 'number':
      case 'boolean':
        return write(String(v));
      case 'bigint':
        return write(`${v}n`);
      case 'symbol':
        return write(v.description !== undefined ? `Symbol(${JSON.stringify(v.description)})` : 'Symbol()');
      case 'function':
        return write('[function]');
    }
    if (Array.isArray(v)) {
      if (depth >= MAX_DEPTH) return write(v.length === 0 ? '[]' : '[...]');
      write('[');
      for (let i = 0; i < v.length && !full(); i++) {
        if (i > 0) write(',');
        if (i >= MAX_ENTRIES) return write('...]');
        visit(v[i], depth + 1);
      }
      return write(']');
    }
    let keys: string[];
    try {
      keys = Object.keys(v as object);
    } catch {
      return write('{...}');
    }
    if (depth >= MAX_DEPTH) return write(keys.length === 0 ? '{}' : '{...}');
    write('{');
    for (let i = 0; i < keys.length && !full(); i++) {
      if (i > 0) write(',');
      if (i >= MAX_ENTRIES) return write('...}');
      write(`${JSON.stringify(keys[i])}:`);
      let item: unknown;
      try {
        item = (v as Record<string, unknown>)[keys[i]!];
      } catch {
        item = '[unreadable]';
      }
      visit(item, depth + 1);
    }
    write('}');
  };
  visit(value, 0);
  const shown = out.length > maxLength ? `${out.slice(0, Math.max(0, maxLength - 3))}...` : out;
  return escapeControlCharacters(shown);
}

/**
 * Control characters written visibly (`\u001b` for ESC, `\n` stays `\n`), so printed text can
 * never move a terminal's cursor, change its title or colours, or start a line of its own.
 * Also the bidirectional overrides, which can make text read differently from what it is.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

/**
 * Text for a terminal: like escapeControlCharacters, but the line breaks and tabs that the
 * writer itself lays out are kept. (Names, the only text from files in most lines, cannot hold
 * line breaks: the loader refuses control characters in names.)
 */
export function escapeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) =>
    c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
