/**
 * The lab broker's network layer on real sockets (127.0.0.1, a free port): framing, one request
 * at a time per connection with responses in order, Kafka's limits, and clients that misbehave.
 * Every wait is for an event (a reply, a close), never a sleep.
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { once } from 'node:events';
import type { CloseReason, ConnectionInfo, FrameHandler } from '../../../src/broker/connection';
import { BrokerServer, BrokerStartError, SERVER_DEFAULTS, type ServerSettings } from '../../../src/broker/server';

/** A frame: int32 size, then the bytes. */
function frame(body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeInt32BE(body.length);
  return Buffer.concat([head, body]);
}

/** Echoes each frame back, upper-cased; frames starting with "wait" are answered when `release()` is called. */
class EchoHandler implements FrameHandler {
  readonly seen: string[] = [];
  private held: Array<() => void> = [];
  throwOn: string | undefined;
  handle(f: Buffer, _c: ConnectionInfo, reply: (r: Buffer | undefined) => void): void {
    const text = f.toString();
    this.seen.push(text);
    if (text === this.throwOn) throw new Error(`cannot handle ${text}`);
    if (text === 'silent') return reply(undefined);
    const answer = () => reply(frame(Buffer.from(text.toUpperCase())));
    if (text.startsWith('wait')) this.held.push(answer);
    else answer();
  }
  release(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) h();
  }
}

/** Reads whole frames from a client socket. */
class FrameReader {
  private buf = Buffer.alloc(0);
  private waiting: Array<{ n: number; resolve: (f: string[]) => void }> = [];
  readonly frames: string[] = [];
  constructor(socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      while (this.buf.length >= 4 && this.buf.length >= 4 + this.buf.readInt32BE(0)) {
        const n = this.buf.readInt32BE(0);
        this.frames.push(this.buf.subarray(4, 4 + n).toString());
        this.buf = this.buf.subarray(4 + n);
      }
      this.check();
    });
  }
  private check(): void {
    this.waiting = this.waiting.filter((w) => {
      if (this.frames.length < w.n) return true;
      w.resolve(this.frames.slice(0, w.n));
      return false;
    });
  }
  count(n: number): Promise<string[]> {
    return new Promise((resolve) => {
      this.waiting.push({ n, resolve });
      this.check();
    });
  }
}

async function startServer(handler: FrameHandler, over: Partial<ServerSettings> = {}) {
  const closes: Array<{ id: number; reason: CloseReason; detail: string | undefined }> = [];
  const closeWaiters: Array<() => void> = [];
  const server = new BrokerServer({ ...SERVER_DEFAULTS, port: 0, ...over }, handler, {
    closed: (info, reason, detail) => {
      closes.push({ id: info.id, reason, detail });
      for (const w of closeWaiters.splice(0)) w();
    },
  });
  const address = await server.start();
  const nextClose = (): Promise<void> => new Promise((r) => closeWaiters.push(r));
  return { server, address, closes, nextClose };
}

async function connect(port: number): Promise<net.Socket> {
  const s = net.connect({ host: '127.0.0.1', port });
  await once(s, 'connect');
  return s;
}

describe('lab broker: connections and framing', () => {
  it('reassembles frames written a byte at a time and several frames in one write', async () => {
    const h = new EchoHandler();
    const { server, address } = await startServer(h);
    try {
      const s = await connect(address.port);
      const r = new FrameReader(s);
      const bytes = Buffer.concat([frame(Buffer.from('one')), frame(Buffer.from('two'))]);
      for (const b of bytes) s.write(Buffer.from([b]));
      s.write(Buffer.concat([frame(Buffer.from('three')), frame(Buffer.from('four'))]));
      assert.deepEqual(await r.count(4), ['ONE', 'TWO', 'THREE', 'FOUR']);
      s.destroy();
    } finally {
      await server.stop();
    }
  });

  it('takes one request at a time: a delayed answer holds back the next request, and answers keep request order', async () => {
    const h = new EchoHandler();
    const { server, address } = await startServer(h);
    try {
      const s = await connect(address.port);
      const r = new FrameReader(s);
      s.write(Buffer.concat([frame(Buffer.from('wait-join')), frame(Buffer.from('heartbeat')), frame(Buffer.from('silent')), frame(Buffer.from('last'))]));
      // The second request is not taken while the first waits.
      const s2 = await connect(address.port);
      const r2 = new FrameReader(s2);
      s2.write(frame(Buffer.from('other')));
      await r2.count(1);
      assert.deepEqual(h.seen.filter((x) => x !== 'other'), ['wait-join']);
      h.release();
      assert.deepEqual(await r.count(3), ['WAIT-JOIN', 'HEARTBEAT', 'LAST'], 'no response for the silent (acks=0) request, the rest in order');
      s.destroy();
      s2.destroy();
    } finally {
      await server.stop();
    }
  });

  it('closes a connection whose frame is larger than socket.request.max.bytes, or has a negative size; the broker goes on', async () => {
    const h = new EchoHandler();
    const { server, address, closes, nextClose } = await startServer(h, { maxRequestBytes: 1024 });
    try {
      const big = await connect(address.port);
      const closed = nextClose();
      const head = Buffer.alloc(4);
      head.writeInt32BE(1025);
      big.write(head);
      await closed;
      assert.equal(closes[0]!.reason, 'frame too large');
      assert.match(closes[0]!.detail!, /1025 bytes, more than socket\.request\.max\.bytes \(1024\)/);
      const neg = await connect(address.port);
      const closed2 = nextClose();
      neg.write(Buffer.from([0xff, 0xff, 0xff, 0xfe]));
      await closed2;
      assert.equal(closes[1]!.reason, 'invalid frame size');
      const ok = await connect(address.port);
      const r = new FrameReader(ok);
      ok.write(frame(Buffer.alloc(1024, 0x61)));
      assert.equal((await r.count(1))[0]!.length, 1024, 'a frame of exactly the limit is taken');
      ok.destroy();
    } finally {
      await server.stop();
    }
  });

  it('a request the handler cannot handle closes that connection only', async () => {
    const h = new EchoHandler();
    h.throwOn = 'garbage';
    const { server, address, closes, nextClose } = await startServer(h);
    try {
      const bad = await connect(address.port);
      const closed = nextClose();
      bad.write(frame(Buffer.from('garbage')));
      await closed;
      assert.equal(closes[0]!.reason, 'request failed');
      assert.match(closes[0]!.detail!, /cannot handle garbage/);
      const good = await connect(address.port);
      const r = new FrameReader(good);
      good.write(frame(Buffer.from('fine')));
      assert.deepEqual(await r.count(1), ['FINE']);
      good.destroy();
    } finally {
      await server.stop();
    }
  });

  it('a client that disappears mid-frame or mid-request is cleaned up', async () => {
    const h = new EchoHandler();
    const { server, address, nextClose } = await startServer(h);
    try {
      const a = await connect(address.port);
      const closedA = nextClose();
      a.write(frame(Buffer.from('half a frame')).subarray(0, 7));
      a.resetAndDestroy();
      await closedA;
      const b = await connect(address.port);
      const closedB = nextClose();
      b.write(frame(Buffer.from('wait-forever')));
      while (h.seen.length < 1 || !h.seen.includes('wait-forever')) await new Promise((r) => setImmediate(r));
      b.resetAndDestroy();
      await closedB;
      h.release(); // the answer to a client that is gone is dropped
      assert.equal(server.connectionCount, 0);
    } finally {
      await server.stop();
    }
  });

  it('serves hundreds of connections at once', async () => {
    const h = new EchoHandler();
    const { server, address } = await startServer(h);
    try {
      const sockets = await Promise.all(Array.from({ length: 300 }, () => connect(address.port)));
      const answers = await Promise.all(
        sockets.map((s, i) => {
          const r = new FrameReader(s);
          s.write(frame(Buffer.from(`c${i}`)));
          return r.count(1);
        }),
      );
      assert.deepEqual(answers.map((a) => a[0]), sockets.map((_, i) => `C${i}`));
      for (const s of sockets) s.destroy();
    } finally {
      await server.stop();
    }
  });

  it('closes idle connections after connections.max.idle.ms, and connections beyond max.connections at once', async () => {
    const h = new EchoHandler();
    const { server, address, closes, nextClose } = await startServer(h, { idleTimeoutMs: 50, maxConnections: 1 });
    try {
      const closed = nextClose(); // before anything can time out
      const s = await connect(address.port);
      const extra = net.connect({ host: '127.0.0.1', port: address.port });
      extra.on('error', () => undefined);
      await once(extra, 'close');
      await closed;
      assert.equal(closes[0]!.reason, 'idle');
      s.destroy();
    } finally {
      await server.stop();
    }
  });

  it('a port in use is refused with a clear error naming it', async () => {
    const h = new EchoHandler();
    const { server, address } = await startServer(h);
    try {
      const second = new BrokerServer({ ...SERVER_DEFAULTS, port: address.port }, h);
      await assert.rejects(second.start(), (err: unknown) => err instanceof BrokerStartError && err.code === 'address-in-use' && err.message.includes(`port ${address.port} is already in use`));
    } finally {
      await server.stop();
    }
  });
});
