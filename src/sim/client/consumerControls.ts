/**
 * What the timeline and the views can do to any consumer, whichever group it belongs to: one
 * interface for consumer-group clients (./consumer.ts) and share consumers (../shareGroup), so the
 * simulation applies an action without asking which kind it has. Each method throws a
 * SimulationError-worthy Error (its message names the field and value) when it cannot apply.
 */
import { resolveConsumerConfig } from '../config';
import type { SimEventBody } from '../events';
import type { ConsumerConfig } from '../scenario/types';
import type { ConsumerClient, ConsumerOptions } from './consumer';
export interface ConsumerControls {
  readonly clientId: string;
  /** close(): commit or acknowledge, give partitions back, leave the group. */
  stop(): void;
  /** The process dies: no leave, no commit; the coordinator finds out from the session timeout. */
  crash(): void;
  /** No poll() for a while (a long GC pause, a slow call). */
  stall(durationMs: number): void;
  /**
   * A new instance with the same configuration (a static member comes back as itself), or with
   * `changes` to it, as a new deployment would have (share consumers take none).
   */
  restart(changes?: ConsumerConfig): void;
  setRate(ratePerSec: number): void;
}


/** What a consumer-group client's controls need from the simulation. */
export interface ControlsEnv {
  now(): number;
  emit(event: SimEventBody): void;
  /** The client, or a refusal if it is not running. */
  requireRunning(): ConsumerClient;
  refuse(message: string): Error;
  replace(replacement: ConsumerClient): void;
  create(options: ConsumerOptions): ConsumerClient;
}

export function consumerControls(c: ConsumerClient, env: ControlsEnv): ConsumerControls {
  const { clientId, groupId } = c;
  return {
    clientId,
    stop: () => {
      env.requireRunning().close();
      env.emit({ type: 'consumer-stopped', clientId, group: groupId });
    },
    crash: () => {
      env.requireRunning().crash();
      env.emit({ type: 'consumer-crashed', clientId, group: groupId });
    },
    stall: (ms) => {
      env.requireRunning().stall(env.now(), ms);
      env.emit({ type: 'consumer-stalled', clientId, group: groupId, durationMs: ms });
    },
    restart: (changes) => {
      if (c.status === 'running') throw env.refuse(`consumer '${clientId}' is already running`);
      const config = changes ? resolveConsumerConfig(changes, undefined, c.config) : c.config;
      const replacement = env.create({ ...c.options, ratePerSec: c.ratePerSec, config });
      env.replace(replacement);
      env.emit({ type: 'consumer-started', clientId, group: groupId, standalone: replacement.standalone, ...(changes ? { changed: { ...changes } } : {}) });
    },
    setRate: (rate) => {
      const from = c.ratePerSec;
      c.ratePerSec = rate;
      env.emit({ type: 'consumer-rate-changed', clientId, from, to: rate });
    },
  };
}
