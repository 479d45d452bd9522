/**
 * One share-partition's broker-side state (Kafka's `SharePartition`, core module): the in-flight
 * window [SPSO, SPEO) as run-length intervals of equal state, never one entry per record.
 *
 * Record states and transitions, as in `SharePartition` / `InFlightState.tryUpdateState`:
 * - acquire: AVAILABLE → ACQUIRED (delivery count + 1, lock until now + lock duration); records
 *   past the SPEO enter the window ACQUIRED with delivery count 1;
 * - ACCEPT → ACKNOWLEDGED, REJECT → ARCHIVED;
 * - RELEASE, lock timeout, or the member leaving → AVAILABLE, except that a record whose delivery
 *   count has reached `group.share.delivery.count.limit` is ARCHIVED instead;
 * - an acknowledgement of a record that is not ACQUIRED by that member fails
 *   (INVALID_RECORD_STATE), e.g. after its lock expired.
 * The SPSO moves past the leading run of ACKNOWLEDGED/ARCHIVED records. New records are acquired
 * only while the window holds fewer than `group.share.partition.max.record.locks` records
 * (`SharePartition.canAcquireRecords`); AVAILABLE records inside the window can always be
 * re-acquired.
 *
 * Convention: `speo` here is exclusive (one past the last in-flight offset, i.e. the next offset to
 * read from the log); Kafka's `endOffset` is the inclusive last offset.
 */
import type { AcknowledgeType } from './types';

export type RecordState = 'AVAILABLE' | 'ACQUIRED' | 'ACKNOWLEDGED' | 'ARCHIVED';

export interface Interval {
  start: number;
  /** Exclusive. */
  end: number;
  state: RecordState;
  /** Deliveries so far; kept for AVAILABLE/ACQUIRED records (0 once terminal, so runs merge). */
  deliveryCount: number;
  /** The member holding the lock ('' unless ACQUIRED). */
  member: string;
  /** When the lock expires (-1 unless ACQUIRED). */
  deadline: number;
}

export interface AcquiredRange {
  from: number;
  to: number;
  deliveryCount: number;
}

/** A state change of a range of records, for tests and tracing. */
export interface ShareTransition {
  kind: 'acquire' | 'accept' | 'release' | 'reject' | 'timeout' | 'member-release' | 'ack-failed';
  partition: string;
  from: number;
  to: number;
  member: string;
  /** The state the records ended in ('ack-failed': unchanged, reported as ACQUIRED/AVAILABLE/... of the first one). */
  toState: RecordState | 'NONE';
  deliveryCount: number;
}

export interface AckResult {
  accepted: number;
  released: number;
  rejected: number;
  /** Released records archived because their delivery count reached the limit. */
  archivedAtLimit: number;
  failed: number;
}

export interface ReleaseResult {
  count: number;
  available: number;
  archived: number;
}

export class SharePartition {
  spso: number;
  speo: number;
  /** Contiguous, sorted, covering [spso, speo). */
  readonly intervals: Interval[] = [];
  /** Earliest lock deadline (a lower bound; Infinity when nothing is acquired). */
  private earliestDeadline = Infinity;
  /** Whether the in-flight cap stopped acquisition (for an edge-triggered event). */
  capped = false;

  constructor(
    readonly name: string,
    readonly topic: string,
    readonly partition: number,
    startOffset: number,
    private readonly trace?: (t: ShareTransition) => void,
  ) {
    this.spso = startOffset;
    this.speo = startOffset;
  }

  get inFlight(): number {
    return this.speo - this.spso;
  }

  /**
   * Acquires up to `max` records for `member`: AVAILABLE records in the window first (lowest
   * offset first), then new records from the log up to `logEnd`, within the in-flight cap.
   */
  acquire(member: string, max: number, now: number, lockMs: number, logEnd: number, maxInFlight: number): AcquiredRange[] {
    const out: AcquiredRange[] = [];
    let remaining = max;
    const deadline = now + lockMs;
    for (let i = 0; i < this.intervals.length && remaining > 0; i++) {
      const iv = this.intervals[i]!;
      if (iv.state !== 'AVAILABLE') continue;
      if (iv.end - iv.start > remaining) this.splitAt(iv.start + remaining);
      const taken = this.intervals[i]!;
      taken.state = 'ACQUIRED';
      taken.deliveryCount += 1;
      taken.member = member;
      taken.deadline = deadline;
      remaining -= taken.end - taken.start;
      out.push({ from: taken.start, to: taken.end, deliveryCount: taken.deliveryCount });
    }
    if (remaining > 0) {
      const room = maxInFlight - (this.speo - this.spso);
      const n = Math.min(remaining, Math.max(0, logEnd - this.speo), Math.max(0, room));
      if (n > 0) {
        this.intervals.push({ start: this.speo, end: this.speo + n, state: 'ACQUIRED', deliveryCount: 1, member, deadline });
        out.push({ from: this.speo, to: this.speo + n, deliveryCount: 1 });
        this.speo += n;
      }
    }
    if (out.length > 0) {
      if (deadline < this.earliestDeadline) this.earliestDeadline = deadline;
      if (this.trace) for (const r of out) this.trace({ kind: 'acquire', partition: this.name, from: r.from, to: r.to, member, toState: 'ACQUIRED', deliveryCount: r.deliveryCount });
      this.normalize();
    }
    return out;
  }

  /** Whether new records are held back by the in-flight cap while the log has more. */
  atCap(logEnd: number, maxInFlight: number): boolean {
    return this.speo - this.spso >= maxInFlight && logEnd > this.speo;
  }

  /** Acknowledges [from, to) for `member`; records not ACQUIRED by it fail. */
  acknowledge(member: string, from: number, to: number, type: AcknowledgeType, deliveryLimit: number): AckResult {
    const r: AckResult = { accepted: 0, released: 0, rejected: 0, archivedAtLimit: 0, failed: 0 };
    if (to <= from) return r;
    // Below the SPSO or past the SPEO: not in flight, so not acquired by anyone.
    const lo = Math.max(from, this.spso);
    const hi = Math.min(to, this.speo);
    r.failed += Math.max(0, Math.min(to, this.spso) - from) + Math.max(0, to - Math.max(from, this.speo));
    if (hi > lo) {
      this.splitAt(lo);
      this.splitAt(hi);
      for (let i = this.indexOf(lo); i < this.intervals.length; i++) {
        const iv = this.intervals[i]!;
        if (iv.start >= hi) break;
        const len = iv.end - iv.start;
        if (iv.state !== 'ACQUIRED' || iv.member !== member) {
          r.failed += len;
          this.trace?.({ kind: 'ack-failed', partition: this.name, from: iv.start, to: iv.end, member, toState: iv.state, deliveryCount: iv.deliveryCount });
          continue;
        }
        const count = iv.deliveryCount;
        if (type === 'accept') {
          this.finish(iv, 'ACKNOWLEDGED');
          r.accepted += len;
        } else if (type === 'reject') {
          this.finish(iv, 'ARCHIVED');
          r.rejected += len;
        } else {
          r.released += len;
          if (this.makeAvailable(iv, deliveryLimit)) r.archivedAtLimit += len;
        }
        this.trace?.({ kind: type, partition: this.name, from: iv.start, to: iv.end, member, toState: iv.state, deliveryCount: count });
      }
    }
    this.normalize();
    return r;
  }

  /** Expires the locks whose deadline has passed; per member, how many records. */
  expireLocks(now: number, deliveryLimit: number): Map<string, ReleaseResult> {
    const out = new Map<string, ReleaseResult>();
    if (now < this.earliestDeadline) return out;
    let earliest = Infinity;
    for (const iv of this.intervals) {
      if (iv.state !== 'ACQUIRED') continue;
      if (iv.deadline > now) {
        if (iv.deadline < earliest) earliest = iv.deadline;
        continue;
      }
      const m = iv.member;
      const len = iv.end - iv.start;
      const count = iv.deliveryCount;
      const archived = this.makeAvailable(iv, deliveryLimit);
      this.trace?.({ kind: 'timeout', partition: this.name, from: iv.start, to: iv.end, member: m, toState: iv.state, deliveryCount: count });
      add(out, m, len, archived);
    }
    this.earliestDeadline = earliest;
    if (out.size > 0) this.normalize();
    return out;
  }

  /** Releases everything `member` holds (close, or the member left the group). */
  releaseMember(member: string, deliveryLimit: number): ReleaseResult {
    const r: ReleaseResult = { count: 0, available: 0, archived: 0 };
    for (const iv of this.intervals) {
      if (iv.state !== 'ACQUIRED' || iv.member !== member) continue;
      const len = iv.end - iv.start;
      const count = iv.deliveryCount;
      const archived = this.makeAvailable(iv, deliveryLimit);
      this.trace?.({ kind: 'member-release', partition: this.name, from: iv.start, to: iv.end, member, toState: iv.state, deliveryCount: count });
      r.count += len;
      if (archived) r.archived += len;
      else r.available += len;
    }
    if (r.count > 0) this.normalize();
    return r;
  }

  /** Records in flight by state, and the delivery counts of the non-terminal ones. */
  counts(): { available: number; acquired: number; acknowledged: number; archived: number; byDeliveryCount: Record<number, number>; byMember: Record<string, number> } {
    const c = { available: 0, acquired: 0, acknowledged: 0, archived: 0, byDeliveryCount: {} as Record<number, number>, byMember: {} as Record<string, number> };
    for (const iv of this.intervals) {
      const len = iv.end - iv.start;
      if (iv.state === 'AVAILABLE') c.available += len;
      else if (iv.state === 'ACQUIRED') {
        c.acquired += len;
        c.byMember[iv.member] = (c.byMember[iv.member] ?? 0) + len;
      } else if (iv.state === 'ACKNOWLEDGED') c.acknowledged += len;
      else c.archived += len;
      if (iv.state === 'AVAILABLE' || iv.state === 'ACQUIRED') c.byDeliveryCount[iv.deliveryCount] = (c.byDeliveryCount[iv.deliveryCount] ?? 0) + len;
    }
    return c;
  }

  /** The state of one offset ('BELOW_SPSO' / 'NOT_IN_FLIGHT' outside the window); for tests and views. */
  stateAt(offset: number): Interval | 'BELOW_SPSO' | 'NOT_IN_FLIGHT' {
    if (offset < this.spso) return 'BELOW_SPSO';
    if (offset >= this.speo) return 'NOT_IN_FLIGHT';
    return { ...this.intervals[this.indexOf(offset)]! };
  }

  // ---- internals ------------------------------------------------------------------------

  /** Back to AVAILABLE, or ARCHIVED at the delivery-count limit; returns whether archived. */
  private makeAvailable(iv: Interval, deliveryLimit: number): boolean {
    if (iv.deliveryCount >= deliveryLimit) {
      this.finish(iv, 'ARCHIVED');
      return true;
    }
    iv.state = 'AVAILABLE';
    iv.member = '';
    iv.deadline = -1;
    return false;
  }

  private finish(iv: Interval, state: 'ACKNOWLEDGED' | 'ARCHIVED'): void {
    iv.state = state;
    iv.member = '';
    iv.deadline = -1;
    iv.deliveryCount = 0;
  }

  /** Index of the interval containing `offset` (which must be in [spso, speo)). */
  private indexOf(offset: number): number {
    let lo = 0;
    let hi = this.intervals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.intervals[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Makes `offset` an interval boundary (no-op at the window's edges or an existing boundary). */
  private splitAt(offset: number): void {
    if (offset <= this.spso || offset >= this.speo) return;
    const i = this.indexOf(offset);
    const iv = this.intervals[i]!;
    if (iv.start === offset) return;
    this.intervals.splice(i + 1, 0, { ...iv, start: offset });
    iv.end = offset;
  }

  /** Merges equal neighbours and moves the SPSO past the terminal prefix. */
  private normalize(): void {
    const ivs = this.intervals;
    let w = 0;
    for (let r = 0; r < ivs.length; r++) {
      const iv = ivs[r]!;
      const prev = w > 0 ? ivs[w - 1]! : undefined;
      if (prev && prev.state === iv.state && prev.deliveryCount === iv.deliveryCount && prev.member === iv.member && prev.deadline === iv.deadline) {
        prev.end = iv.end;
      } else {
        ivs[w++] = iv;
      }
    }
    ivs.length = w;
    let drop = 0;
    while (drop < ivs.length && (ivs[drop]!.state === 'ACKNOWLEDGED' || ivs[drop]!.state === 'ARCHIVED')) drop++;
    if (drop > 0) {
      this.spso = ivs[drop - 1]!.end;
      ivs.splice(0, drop);
    }
    if (ivs.length === 0) this.spso = this.speo;
  }
}

function add(map: Map<string, ReleaseResult>, member: string, len: number, archived: boolean): void {
  let r = map.get(member);
  if (!r) map.set(member, (r = { count: 0, available: 0, archived: 0 }));
  r.count += len;
  if (archived) r.archived += len;
  else r.available += len;
}
