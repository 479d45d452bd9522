/**
 * How a client talks to the group coordinator: one narrow interface, send a request and get its
 * response later. Simulated consumers use a LocalTransport (a direct call, answered in the same
 * virtual instant); the lab broker (src/broker) will put a network connection behind the same
 * coordinator API.
 */
import type { GroupRequest, ResponseTo } from './api';

export interface GroupTransport {
  send<R extends GroupRequest>(request: R, onResponse: (response: ResponseTo<R>) => void): void;
}

/** Who is on the other end of a connection: the request header's client.id and the peer's host. */
export interface ClientContext {
  readonly clientId: string;
  readonly clientHost: string;
  /**
   * The client's heartbeat.interval.ms, which a broker never learns: the lab uses it only to say
   * "heartbeat missed" on the timeline. Real clients get the Java client's default, 3000.
   */
  readonly heartbeatIntervalMs: number;
}

/** What a transport needs of the coordinator. */
export interface RequestHandler {
  handle<R extends GroupRequest>(context: ClientContext, request: R, respond: (response: ResponseTo<R>) => void): void;
}

export class LocalTransport implements GroupTransport {
  constructor(private readonly coordinator: RequestHandler, private readonly context: ClientContext) {}

  send<R extends GroupRequest>(request: R, onResponse: (response: ResponseTo<R>) => void): void {
    this.coordinator.handle(this.context, request, onResponse);
  }
}
