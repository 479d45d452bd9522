/**
 * Durations in scenario files: a non-negative integer number of milliseconds, or a string of
 * integer-and-unit parts from the largest unit to the smallest, each unit at most once:
 * "500ms", "30s", "2m", "1h", "1m30s", "1h15m", "2s500ms". The JSON Schema uses the same rule
 * (`DURATION_PATTERN`).
 */

/** The string form, as in `schemas/kafkalab.schema.json` (definitions.durationString.pattern). */
export const DURATION_PATTERN = /^(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SECOND = 1_000;

/**
 * Milliseconds for a duration. Throws a RangeError (naming the value) for anything else: negative
 * or fractional numbers, unknown units, units out of order or repeated, results beyond 2^53 - 1.
 */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`invalid duration ${String(value)}: expected a whole number of milliseconds ≥ 0`);
    }
    return value;
  }
  if (typeof value !== 'string') {
    throw new RangeError(`invalid duration ${describe(value)}: expected milliseconds or a string like "30s"`);
  }
  const m = DURATION_PATTERN.exec(value);
  if (!m) {
    throw new RangeError(
      `invalid duration ${JSON.stringify(value)}: expected a string like "500ms", "30s", "2m", "1h" or "1m30s" (units h, m, s, ms, largest first)`,
    );
  }
  const ms = part(m[1]) * HOUR + part(m[2]) * MINUTE + part(m[3]) * SECOND + part(m[4]);
  if (!Number.isSafeInteger(ms)) throw new RangeError(`invalid duration ${JSON.stringify(value)}: too large`);
  return ms;
}

/** Like `parseDuration`, but returns undefined instead of throwing. */
export function tryParseDuration(value: unknown): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  try {
    return parseDuration(value);
  } catch {
    return undefined;
  }
}

/**
 * A compact display form that `parseDuration` reads back: 90000 → "1m30s", 250 → "250ms",
 * 0 → "0ms", 3600000 → "1h", 1500 → "1s500ms". Throws a RangeError for negative or fractional input.
 */
export function formatDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`cannot format duration ${String(ms)}: expected a whole number of milliseconds ≥ 0`);
  if (ms === 0) return '0ms';
  let rest = ms;
  let out = '';
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / MINUTE);
  rest -= m * MINUTE;
  const s = Math.floor(rest / SECOND);
  rest -= s * SECOND;
  if (h) out += `${h}h`;
  if (m) out += `${m}m`;
  if (s) out += `${s}s`;
  if (rest) out += `${rest}ms`;
  return out;
}

function part(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits);
}

function describe(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
