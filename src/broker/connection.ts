/**
 * One client connection to the lab broker, as Kafka's network layer handles it: size-prefixed
 * frames (int32 big-endian, then that many bytes), read one request at a time. Like a Kafka broker
 * (which mutes a channel while its request is being handled), the next request of a connection is
 * taken only once the previous one has been answered, so responses go out in request order even
 * when one waits (a JoinGroup answered when the rebalance completes).
 *
 * - A frame larger than `maxRequestBytes` (Kafka's `socket.request.max.bytes`) or with a negative
 *   size closes the connection, as Kafka's InvalidReceiveException does.
 * - No traffic for `idleTimeoutMs` (`connections.max.idle.ms`) closes it.
 * - A handler that throws closes the connection (Kafka closes on a request it cannot parse); a
 *   request answered with no response (Produce with acks=0) lets the next one go at once.
 * - Socket errors (a client killed mid-request: ECONNRESET, EPIPE) end the connection quietly.
 */
import type { Socket } from 'node:net';

/** What the broker does with one request frame (the bytes after the size prefix). */
export interface FrameHandler {
  /**
   * Answers `frame` by calling `reply` once: with the whole response frame (size prefix
   * included), or with `undefined` when Kafka sends no response (Produce with acks=0).
   */
  handle(frame: Buffer, connection: ConnectionInfo, reply: (response: Buffer | undefined) => void): void;
}

export interface ConnectionInfo {
  readonly id: number;
  /** The client's address as Kafka prints it in describe output: `/127.0.0.1`. */
  readonly clientHost: string;
  readonly remotePort: number;
}

export interface ConnectionLimits {
  readonly maxRequestBytes: number;
  readonly idleTimeoutMs: number;
}

export type CloseReason = 'client closed' | 'socket error' | 'idle' | 'frame too large' | 'invalid frame size' | 'request failed' | 'broker stopped';

export class BrokerConnection {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  /** Whole frames waiting for the one in flight to be answered. */
  private readonly queue: Buffer[] = [];
  private inFlight = false;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  readonly info: ConnectionInfo;

  constructor(
    private readonly socket: Socket,
    id: number,
    private readonly handler: FrameHandler,
    private readonly limits: ConnectionLimits,
    private readonly onClose: (connection: BrokerConnection, reason: CloseReason, detail?: string) => void,
  ) {
    const address = socket.remoteAddress ?? 'unknown';
    this.info = { id, clientHost: `/${address.startsWith('::ffff:') ? address.slice(7) : address}`, remotePort: socket.remotePort ?? 0 };
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('end', () => this.close('client closed'));
    socket.on('close', () => this.close('client closed'));
    socket.on('error', (err) => this.close('socket error', err.message));
    this.touch();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(reason: CloseReason, detail?: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.queue.length = 0;
    this.buffered = [];
    this.socket.destroy();
    this.onClose(this, reason, detail);
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.closed || !Number.isFinite(this.limits.idleTimeoutMs)) return;
    this.idleTimer = setTimeout(() => this.close('idle'), this.limits.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    this.touch();
    this.buffered.push(chunk);
    this.bufferedBytes += chunk.length;
    for (;;) {
      if (this.bufferedBytes < 4) break;
      const head = this.peek(4);
      const size = head.readInt32BE(0);
      if (size < 0) return this.close('invalid frame size', `size ${size}`);
      if (size > this.limits.maxRequestBytes) return this.close('frame too large', `${size} bytes, more than socket.request.max.bytes (${this.limits.maxRequestBytes})`);
      if (this.bufferedBytes < 4 + size) break;
      const whole = this.take(4 + size);
      this.queue.push(whole.subarray(4));
    }
    this.next();
  }

  /** The first `n` buffered bytes, without consuming them. */
  private peek(n: number): Buffer {
    if (this.buffered[0]!.length >= n) return this.buffered[0]!;
    const joined = Buffer.concat(this.buffered);
    this.buffered = [joined];
    return joined;
  }

  private take(n: number): Buffer {
    const joined = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered);
    const out = Buffer.from(joined.subarray(0, n));
    const rest = joined.subarray(n);
    this.buffered = rest.length > 0 ? [rest] : [];
    this.bufferedBytes = rest.length;
    return out;
  }

  private next(): void {
    while (!this.inFlight && !this.closed && this.queue.length > 0) {
      const frame = this.queue.shift()!;
      this.inFlight = true;
      let answered = false;
      const reply = (response: Buffer | undefined): void => {
        if (answered) return;
        answered = true;
        this.inFlight = false;
        if (this.closed) return;
        if (response) this.socket.write(response);
        this.touch();
        // A reply given while handle() runs continues the loop below; a later one restarts it.
        if (!handling) this.next();
      };
      let handling = true;
      try {
        this.handler.handle(frame, this.info, reply);
      } catch (err) {
        handling = false;
        this.close('request failed', err instanceof Error ? err.message : String(err));
        return;
      }
      handling = false;
    }
  }
}
