import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadScenario } from '../../../src/sim/scenario/load';
import type { Scenario } from '../../../src/sim/scenario/types';
import type { SimEvent, SimEventOf, SimEventType } from '../../../src/sim/events';
import { Simulation } from '../../../src/sim/simulation';

export const BUILTIN_DIR = path.resolve(__dirname, '../../../../src/sim/scenarios/builtin');

export function builtinScenario(prefix: string): Scenario {
  const file = fs.readdirSync(BUILTIN_DIR).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no built-in scenario ${prefix}`);
  const loaded = loadScenario(fs.readFileSync(path.join(BUILTIN_DIR, file), 'utf8'));
  if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.errors)}`);
  return loaded.scenario;
}

export class Recorder {
  readonly events: SimEvent[] = [];
  readonly sim: Simulation;
  constructor(scenario: Scenario) {
    this.sim = new Simulation(scenario, (e) => this.events.push(e));
  }
  of<T extends SimEventType>(type: T): Array<SimEventOf<T>> {
    return this.events.filter((e) => e.type === type) as Array<SimEventOf<T>>;
  }
  /** client.id → partitions the coordinator assigned, per the latest completed rebalance of `group`. */
  owners(group: string): Map<string, string[]> {
    const g = this.sim.groups.get(group)!;
    return new Map([...g.members.values()].map((m) => [m.clientId, m.assignment.map((tp) => `${tp.topic}-${tp.partition}`)]));
  }
}

/** A small scenario: topic t (partitions), producer p, group g with the given consumers. */
export function simpleScenario(opts: {
  partitions?: number;
  rate?: number;
  consumers?: Array<{ clientId: string; ratePerSec?: number; heartbeatMode?: 'background' | 'poll'; config?: Record<string, unknown> }>;
  assignor?: string | string[];
  timeline?: unknown[];
  seed?: number;
}): Scenario {
  return {
    name: 'test',
    seed: opts.seed ?? 3,
    topics: [{ name: 't', partitions: opts.partitions ?? 3 }],
    producers: [{ id: 'p', topic: 't', ratePerSec: opts.rate ?? 100, keys: 12 }],
    groups: [
      {
        groupId: 'g',
        ...(opts.assignor ? { assignor: opts.assignor as never } : {}),
        consumers: (opts.consumers ?? [{ clientId: 'c1' }]).map((c) => ({ ratePerSec: 200, ...c, config: { 'max.poll.records': 100, ...(c.config ?? {}) } })) as never,
      },
    ],
    timeline: (opts.timeline ?? []) as never,
  };
}
