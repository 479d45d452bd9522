/**
 * The text of a JSON file, as the scenario loader and `kafka-lab assign` read it: a UTF-8 BOM is
 * skipped, syntax errors come with their line and column, and a key given twice in one object is
 * an error naming the key, its path and its line (JSON.parse would silently keep the last one;
 * VS Code's JSON service flags it too). Never throws; iterative, so deep nesting is safe.
 */
import { childPath, quoteKey } from './validate';
import type { ScenarioError } from './validate';
import { escapeControlCharacters } from '../showValue';
import { MAX_JSON_DEPTH, MAX_SCENARIO_TEXT_LENGTH } from '../limits';

export type ParsedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: ScenarioError };

export function parseJsonText(text: string): ParsedJson {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM is not JSON
  if (src.length > MAX_SCENARIO_TEXT_LENGTH) {
    return { ok: false, error: { path: '$', value: undefined, message: `the file has ${src.length} characters; at most ${MAX_SCENARIO_TEXT_LENGTH} are read` } };
  }
  const deep = firstTooDeep(src);
  if (deep !== undefined) {
    const { line, column } = lineColumn(src, deep);
    return { ok: false, error: { path: '$', value: undefined, message: `nested more than ${MAX_JSON_DEPTH} levels deep at line ${line}, column ${column}`, line, column } };
  }
  let value: unknown;
  try {
    value = JSON.parse(src);
  } catch (e) {
    return { ok: false, error: jsonSyntaxError(src, e) };
  }
  const dup = findDuplicateKey(src);
  if (dup) {
    const { line, column } = lineColumn(src, dup.position);
    return {
      ok: false,
      error: { path: dup.path, value: undefined, message: `duplicate key ${quoteKey(dup.key)} at line ${line}, column ${column}: the key already appears at line ${dup.firstLine} of this object (JSON keeps only one of them)`, line, column },
    };
  }
  return { ok: true, value };
}

/** Where the text first opens a bracket more than MAX_JSON_DEPTH deep (strings skipped), if it does. */
function firstTooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

/** The first key that appears twice in one object of valid JSON `text`, with its path. */
export function findDuplicateKey(text: string): { key: string; path: string; position: number; firstLine: number } | undefined {
  interface Level {
    readonly path: string;
    /** Keys seen (objects), with the line each was first seen on; null for arrays. */
    readonly keys: Map<string, number> | null;
    nextIsKey: boolean;
    key: string;
    index: number;
  }
  const stack: Level[] = [];
  const n = text.length;
  let line = 1;
  const childOf = (top: Level | undefined): string => (top === undefined ? '$' : top.keys ? childPath(top.path, top.key) : childPath(top.path, top.index));
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.nextIsKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        const first = top.keys.get(key);
        if (first !== undefined) return { key, path: childPath(top.path, key), position: i, firstLine: first };
        top.keys.set(key, line);
        top.key = key;
        top.nextIsKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const top = stack[stack.length - 1];
      stack.push({ path: childOf(top), keys: c === 0x7b ? new Map() : null, nextIsKey: true, key: '', index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.keys) top.nextIsKey = true;
        else top.index++;
      }
    }
  }
  return undefined;
}

export function jsonSyntaxError(text: string, e: unknown): ScenarioError {
  const raw = e instanceof Error ? e.message : String(e);
  // V8: "... in JSON at position 12" (Node 20) and "... (line 2 column 5)" (newer V8); Firefox: "at line 2 column 5".
  let line: number | undefined;
  let column: number | undefined;
  const lc = /line (\d+) column (\d+)/.exec(raw);
  const pos = /at position (\d+)/.exec(raw);
  // JSON.parse quotes the offending character as it is, control characters included.
  let message = escapeControlCharacters(cleanJsonMessage(raw));
  if (lc) {
    line = Number(lc[1]);
    column = Number(lc[2]);
  } else if (pos) {
    ({ line, column } = lineColumn(text, Math.min(Number(pos[1]), text.length)));
  } else {
    // Some messages carry no position (e.g. "Unexpected token '}', ... is not valid JSON",
    // "Unexpected end of JSON input"): find it with our own scanner.
    const found = locateJsonError(text);
    if (found) {
      ({ line, column } = lineColumn(text, found.position));
      message = `${message} (${found.message})`;
    }
  }
  if (line === undefined || column === undefined) {
    return { path: '$', value: undefined, message: `invalid JSON (position not available): ${message}` };
  }
  return { path: '$', value: undefined, message: `invalid JSON at line ${line}, column ${column}: ${message}`, line, column };
}

function cleanJsonMessage(raw: string): string {
  return (
    raw
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/^JSON\.parse: /, '')
      .trim() || 'syntax error'
  );
}

/** 1-based line and column (UTF-16 code units) of a position; \n, \r\n and \r end lines. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(position, text.length));
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Where the first JSON syntax error is (RFC 8259 grammar), or undefined if the text is valid JSON.
 * An iterative scanner: deep nesting cannot overflow the stack.
 */
export function locateJsonError(text: string): { position: number; message: string } | undefined {
  const n = text.length;
  const stack: number[] = []; // 0 = object, 1 = array
  let i = 0;
  let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'after' = 'value';
  const at = (position: number, message: string) => ({ position, message });
  const describeChar = (p: number) => (p >= n ? 'the end of the input' : JSON.stringify(text[p]));
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

  const scanString = (): { position: number; message: string } | undefined => {
    i++; // opening quote
    for (;;) {
      if (i >= n) return at(n, 'unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const esc = text[i + 1];
        if (esc === undefined) return at(n, 'unterminated string');
        if (esc === 'u') {
          for (let k = 2; k < 6; k++) {
            if (i + k >= n) return at(n, 'unterminated string');
            if (!isHex(text.charCodeAt(i + k))) return at(i + k, 'bad \\u escape: expected 4 hex digits');
          }
          i += 6;
        } else if ('"\\/bfnrt'.includes(esc)) {
          i += 2;
        } else {
          return at(i + 1, `bad escape \\${esc} in a string`);
        }
      } else if (c < 0x20) {
        return at(i, 'control character (such as a line break or tab) inside a string; write \\n or \\t');
      } else {
        i++;
      }
    }
  };

  const scanNumber = (): { position: number; message: string } | undefined => {
    if (text[i] === '-') i++;
    if (i < n && text[i] === '0') i++;
    else if (i < n && isDigit(text.charCodeAt(i))) while (i < n && isDigit(text.charCodeAt(i))) i++;
    else return at(i, `expected a digit, found ${describeChar(i)}`);
    if (text[i] === '.') {
      i++;
      if (!(i < n && isDigit(text.charCodeAt(i)))) return at(i, `expected a digit after ".", found ${describeChar(i)}`);
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!(i < n && isDigit(text.charCodeAt(i)))) return at(i, `expected a digit in the exponent, found ${describeChar(i)}`);
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    return undefined;
  };

  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
    if (i >= n) {
      if (state === 'after' && stack.length === 0) return undefined;
      return at(n, 'unexpected end of input');
    }
    const ch = text[i]!;
    switch (state) {
      case 'valueOrEnd':
      case 'keyOrEnd': {
        // Right after '[' or '{': the closing bracket (an empty container), or its first item.
        const empty = state === 'valueOrEnd' ? ']' : '}';
        if (ch === empty) {
          i++;
          stack.pop();
          state = 'after';
        } else {
          state = state === 'valueOrEnd' ? 'value' : 'key';
        }
        break;
      }
      case 'key': {
        if (ch !== '"') return at(i, `expected a property name in double quotes, found ${describeChar(i)}`);
        const err = scanString();
        if (err) return err;
        state = 'colon';
        break;
      }
      case 'colon':
        if (ch !== ':') return at(i, `expected ":" after the property name, found ${describeChar(i)}`);
        i++;
        state = 'value';
        break;
      case 'value': {
        if (ch === '{') {
          i++;
          stack.push(0);
          state = 'keyOrEnd';
          break;
        }
        if (ch === '[') {
          i++;
          stack.push(1);
          state = 'valueOrEnd';
          break;
        }
        if (ch === '"') {
          const err = scanString();
          if (err) return err;
          state = 'after';
          break;
        }
        if (ch === '-' || isDigit(ch.charCodeAt(0))) {
          const err = scanNumber();
          if (err) return err;
          state = 'after';
          break;
        }
        const lit = ['true', 'false', 'null'].find((l) => l[0] === ch);
        if (lit) {
          let k = 0;
          while (k < lit.length && text[i + k] === lit[k]) k++;
          if (k < lit.length) return at(i + k, i + k >= n ? 'unexpected end of input' : `expected ${lit}, found ${describeChar(i + k)}`);
          i += lit.length;
          state = 'after';
          break;
        }
        return at(i, `expected a value, found ${describeChar(i)}`);
      }
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) return at(i, `unexpected ${describeChar(i)} after the end of the JSON value`);
        if (ch === ',') {
          i++;
          state = top === 0 ? 'key' : 'value';
        } else if ((top === 0 && ch === '}') || (top === 1 && ch === ']')) {
          i++;
          stack.pop();
        } else {
          return at(i, `expected "," or "${top === 0 ? '}' : ']'}", found ${describeChar(i)}`);
        }
        break;
      }
    }
  }
}
