/**
 * A small seeded PRNG (mulberry32 over a 32-bit state). Deterministic across platforms: only
 * 32-bit integer arithmetic, so the extension host, the webview and Node produce the same numbers.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    // Mix the seed so nearby seeds give unrelated streams.
    this.state = (Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, bound). */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0) throw new RangeError(`nextInt bound must be a positive integer, got ${bound}`);
    return Math.floor(this.next() * bound);
  }

  /** `n` lowercase hex digits, e.g. for member-id suffixes. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.nextUint32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }

  /** A UUID-shaped string (version-4 layout) from this stream, like the broker's member ids. */
  uuid(): string {
    const h = this.hex(32);
    const variant = '89ab'[this.nextInt(4)]!;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** State for snapshots. */
  getState(): number {
    return this.state;
  }

  setState(state: number): void {
    this.state = state >>> 0;
  }
}
