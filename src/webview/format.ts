/** Formatting of numbers and virtual times for display (never for the describe table). */

/** Virtual time as mm:ss.s, e.g. `01:05.3` (minutes keep counting past 59). */
export function formatClock(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = (tenths % 600) / 10;
  return `${String(minutes).padStart(2, '0')}:${seconds.toFixed(1).padStart(4, '0')}`;
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return grouped.format(n);
}

/** A short duration split for display: `850 ms`, `1.5 s`, `12 s`, `5 min`, `5 min 30 s`. */
export type DurationParts = { unit: 'ms' | 's' | 'min'; value: string } | { unit: 'minS'; value: string; seconds: string };

export function durationParts(ms: number): DurationParts {
  const v = Math.max(0, ms);
  if (v < 1000) return { unit: 'ms', value: String(Math.round(v)) };
  if (v < 10_000) return { unit: 's', value: oneDecimal.format(Math.floor(v / 100) / 10) };
  if (v < 60_000) return { unit: 's', value: String(Math.floor(v / 1000)) };
  const m = Math.floor(v / 60_000);
  const s = Math.floor((v % 60_000) / 1000);
  return s === 0 ? { unit: 'min', value: String(m) } : { unit: 'minS', value: String(m), seconds: String(s) };
}

/** The speed multiplier as shown in the speed menu: 0.25, 0.5, 1, 2, ..., 100. */
export function formatSpeed(speed: number): string {
  return String(speed);
}
