/**
 * Bounded lag history kept in the webview (the extension sends only the current snapshot).
 * A series holds at most `cap` points: when it fills up, every other point is dropped and the
 * minimum spacing between points doubles, so memory stays flat however long the session runs and
 * the points stay roughly evenly spread over the whole time span. The newest point is "live":
 * samples closer than the spacing overwrite it, so the series always ends at the current value.
 */
export const SERIES_CAP = 600;
/** Per-partition history is kept only for groups with at most this many partitions. */
export const PARTITION_HISTORY_LIMIT = 64;

export class LagSeries {
  private ts: number[] = [];
  private vs: number[] = [];
  private minGap = 0;

  constructor(readonly cap = SERIES_CAP) {
    if (cap < 4) throw new Error(`cap: ${cap} is not valid: expected at least 4`);
  }

  get length(): number {
    return this.ts.length;
  }

  add(t: number, v: number): void {
    const n = this.ts.length;
    if (n > 0 && t < this.ts[n - 1]!) this.clear(); // time went backwards: a new simulation
    const m = this.ts.length;
    if (m > 0 && t === this.ts[m - 1]) {
      this.vs[m - 1] = v;
      return;
    }
    if (m >= 2 && t - this.ts[m - 2]! < this.minGap) {
      this.ts[m - 1] = t;
      this.vs[m - 1] = v;
      return;
    }
    this.ts.push(t);
    this.vs.push(v);
    if (this.ts.length >= this.cap) this.halve();
  }

  private halve(): void {
    const last = this.ts.length - 1;
    const ts: number[] = [];
    const vs: number[] = [];
    for (let i = 0; i <= last; i++) {
      if (i % 2 === 0 || i === last) {
        ts.push(this.ts[i]!);
        vs.push(this.vs[i]!);
      }
    }
    this.ts = ts;
    this.vs = vs;
    const span = ts[ts.length - 1]! - ts[0]!;
    this.minGap = Math.max(this.minGap * 2, span / (this.cap / 2));
  }

  clear(): void {
    this.ts = [];
    this.vs = [];
    this.minGap = 0;
  }

  times(): readonly number[] {
    return this.ts;
  }

  values(): readonly number[] {
    return this.vs;
  }

  last(): number | undefined {
    return this.vs[this.vs.length - 1];
  }

  /** min and max of the values (0, 0 when empty). */
  range(): [number, number] {
    if (this.vs.length === 0) return [0, 0];
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of this.vs) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return [lo, hi];
  }
}
