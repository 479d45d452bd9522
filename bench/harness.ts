/**
 * A small in-process benchmark harness.
 *
 * A case is `{ name, setup?, run, verify? }`:
 * - `setup()` runs once, untimed (build inputs there);
 * - `beforeRun()` (optional, untimed) runs before every run, before the GC: drop the previous
 *   run's result there so it is neither kept alive during the next run nor counted in its memory;
 * - `run()` is the timed work; it may return extra counts (e.g. `{ moved: 0 }`);
 * - `verify()` runs once after the timed runs, untimed, for counts that are costly to compute.
 *
 * Timing: `warmup` untimed runs (JIT), then `runs` timed runs (at least 5); `ms` is the median.
 *
 * Memory (`peakMB`): before each timed run the harness forces a full GC (node --expose-gc) and
 * samples `heapUsed + arrayBuffers`; right after the run it samples again, while the result is
 * still referenced. `peakMB` is the largest difference over the timed runs: the memory the run
 * allocated and had not yet released (its result, its working arrays and any garbage V8 has not
 * collected yet), in MiB. V8 may collect in the middle of a run, so it is a lower bound of the
 * true peak and an upper bound of what the result retains. Without --expose-gc it is reported
 * as NaN.
 */
import { performance } from 'node:perf_hooks';

export type Counts = Record<string, number>;

export interface BenchCase {
  readonly name: string;
  /** One-off untimed preparation. */
  setup?(): void;
  /** Untimed, before every (warm-up or timed) run and before its GC. */
  beforeRun?(): void;
  /** The timed work. May return extra counts. */
  run(): Counts | void;
  /** Untimed counts computed after the timed runs (from state the case kept). */
  verify?(): Counts;
  /** Override the number of timed runs (min 5) or warm-up runs for this case. */
  readonly runs?: number;
  readonly warmup?: number;
}

export interface BenchResult {
  readonly name: string;
  /** Median wall time of the timed runs, milliseconds. */
  readonly ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
  /** See the module comment. */
  readonly peakMB: number;
  readonly counts: Counts;
}

export interface HarnessOptions {
  readonly runs?: number;
  readonly warmup?: number;
}

type GcFn = () => void;
const gc: GcFn | undefined = (globalThis as { gc?: GcFn }).gc;

function memoryNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function median(values: readonly number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function runCase(c: BenchCase, options: HarnessOptions = {}): BenchResult {
  const runs = Math.max(5, c.runs ?? options.runs ?? 7);
  const warmup = Math.max(0, c.warmup ?? options.warmup ?? 2);
  c.setup?.();
  for (let i = 0; i < warmup; i++) {
    c.beforeRun?.();
    c.run();
  }

  const times: number[] = [];
  let peak = gc ? 0 : Number.NaN;
  let counts: Counts = {};
  for (let i = 0; i < runs; i++) {
    c.beforeRun?.();
    let before = 0;
    if (gc) {
      gc();
      before = memoryNow();
    }
    const start = performance.now();
    const out = c.run();
    const elapsed = performance.now() - start;
    if (gc) peak = Math.max(peak, memoryNow() - before);
    times.push(elapsed);
    if (out) counts = { ...out };
  }
  if (c.verify) counts = { ...counts, ...c.verify() };
  return {
    name: c.name,
    ms: round(median(times), 2),
    minMs: round(Math.min(...times), 2),
    maxMs: round(Math.max(...times), 2),
    runs,
    peakMB: gc ? round(peak / (1024 * 1024), 1) : Number.NaN,
    counts,
  };
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A plain-text table of results. */
export function formatTable(results: readonly BenchResult[]): string {
  const countKeys = [...new Set(results.flatMap((r) => Object.keys(r.counts)))];
  const header = ['case', 'median ms', 'min ms', 'max ms', 'runs', 'peak MB', ...countKeys];
  const rows = results.map((r) => [
    r.name,
    r.ms.toFixed(2),
    r.minMs.toFixed(2),
    r.maxMs.toFixed(2),
    String(r.runs),
    Number.isNaN(r.peakMB) ? '-' : r.peakMB.toFixed(1),
    ...countKeys.map((k) => (k in r.counts ? String(r.counts[k]) : '')),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** `{ "<case>": { ms, peakMB, ...counts } }`. */
export function toJson(results: readonly BenchResult[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of results) out[r.name] = { ms: r.ms, peakMB: r.peakMB, ...r.counts };
  return out;
}
