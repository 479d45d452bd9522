/**
 * The lab broker's listening socket: accepts client connections on one address (127.0.0.1 by
 * default) and gives each a BrokerConnection (./connection.ts) that hands its request frames to
 * the broker's FrameHandler. Knows nothing about Kafka's APIs.
 */
import * as net from 'node:net';
import { BrokerConnection, type CloseReason, type ConnectionLimits, type FrameHandler } from './connection';

export interface ServerSettings extends ConnectionLimits {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Connections beyond this many are closed as they arrive (Kafka's `max.connections`). */
  readonly maxConnections: number;
}

/** Kafka's names, the lab's defaults (smaller than Kafka's where a laptop calls for it). */
export const SERVER_DEFAULTS = {
  host: '127.0.0.1',
  port: 9092,
  /** Kafka: socket.request.max.bytes = 100 MiB. A lab broker needs far less. */
  maxRequestBytes: 16 * 1024 * 1024,
  /** Kafka: connections.max.idle.ms = 10 minutes. */
  idleTimeoutMs: 600_000,
  maxConnections: 1000,
} as const;

export class BrokerStartError extends Error {
  constructor(readonly code: 'address-in-use' | 'address-not-available' | 'permission-denied' | 'other', message: string) {
    super(message);
    this.name = 'BrokerStartError';
  }
}

export interface ConnectionEvents {
  opened?(info: BrokerConnection['info']): void;
  closed?(info: BrokerConnection['info'], reason: CloseReason, detail?: string): void;
}

export class BrokerServer {
  private readonly server: net.Server;
  private readonly connections = new Set<BrokerConnection>();
  private nextId = 1;
  private listening: { host: string; port: number } | undefined;

  constructor(
    private readonly settings: ServerSettings,
    private readonly handler: FrameHandler,
    private readonly events: ConnectionEvents = {},
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
    // An error on the listening socket after start (rare) must not take the host down.
    this.server.on('error', () => undefined);
  }

  /** Where it listens, once started. */
  get address(): { host: string; port: number } | undefined {
    return this.listening;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  start(): Promise<{ host: string; port: number }> {
    const { host, port } = this.settings;
    return new Promise((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        this.server.off('listening', onListening);
        const where = `${host}:${port}`;
        if (err.code === 'EADDRINUSE') reject(new BrokerStartError('address-in-use', `port ${port} is already in use on ${host} (another broker, or another window's lab broker); choose another port`));
        else if (err.code === 'EADDRNOTAVAIL') reject(new BrokerStartError('address-not-available', `host: ${host} is not an address of this machine`));
        else if (err.code === 'EACCES') reject(new BrokerStartError('permission-denied', `port ${port} needs privileges to listen on ${where}; choose a port above 1023`));
        else reject(new BrokerStartError('other', `cannot listen on ${where}: ${err.message}`));
      };
      const onListening = (): void => {
        this.server.off('error', onError);
        const a = this.server.address() as net.AddressInfo;
        this.listening = { host, port: a.port };
        resolve(this.listening);
      };
      this.server.once('error', onError);
      this.server.once('listening', onListening);
      this.server.listen({ host, port, exclusive: true });
    });
  }

  /** Closes every connection and the listening socket. */
  stop(): Promise<void> {
    for (const c of [...this.connections]) c.close('broker stopped');
    return new Promise<void>((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    }).then(() => {
      this.listening = undefined;
    });
  }

  private accept(socket: net.Socket): void {
    if (this.connections.size >= this.settings.maxConnections) {
      socket.on('error', () => undefined);
      socket.destroy();
      return;
    }
    const connection = new BrokerConnection(socket, this.nextId++, this.handler, this.settings, (c, reason, detail) => {
      this.connections.delete(c);
      this.events.closed?.(c.info, reason, detail);
    });
    this.connections.add(connection);
    this.events.opened?.(connection.info);
  }
}
