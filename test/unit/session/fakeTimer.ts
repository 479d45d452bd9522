import type { Timer } from '../../../src/extension/session/simulationSession';

/**
 * A manual clock for the session's timer: `tick(ms)` moves real time and fires due intervals on
 * time; `run(ms, jitter)` fires each one `jitter(i)` ms late, as a busy event loop does. Start it at
 * a fractional time to model performance.now().
 */
export class FakeTimer implements Timer {
  private readonly intervals = new Set<{ fn: () => void; every: number; next: number }>();
  constructor(private t = 0) {}
  now(): number {
    return this.t;
  }
  setInterval(fn: () => void, every: number): { dispose(): void } {
    const entry = { fn, every, next: this.t + every };
    this.intervals.add(entry);
    return { dispose: () => this.intervals.delete(entry) };
  }
  tick(ms: number): void {
    this.run(ms, () => 0);
  }
  run(ms: number, jitter: (i: number) => number): void {
    const end = this.t + ms;
    let i = 0;
    for (;;) {
      const due = [...this.intervals].filter((x) => x.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      const late = jitter(i++);
      this.t = due.next + late;
      // On time, the schedule keeps its phase; late, the next one is due an interval after this.
      due.next = late === 0 ? due.next + due.every : this.t + due.every;
      due.fn();
    }
    this.t = end;
  }
  get active(): number {
    return this.intervals.size;
  }
}
