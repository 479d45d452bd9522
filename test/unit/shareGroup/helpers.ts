import type { Scenario } from '../../../src/sim/scenario/types';
import { Simulation } from '../../../src/sim/simulation';
import { Random } from '../../../src/sim/random';
import { ShareGroupEngine } from '../../../src/sim/shareGroup/engine';
import type { ShareGroupEventBody, ShareGroupEventOf, ShareGroupEventType } from '../../../src/sim/shareGroup/events';
import type { ShareTransition } from '../../../src/sim/shareGroup/sharePartition';
import type { ShareGroupSpec } from '../../../src/sim/shareGroup/types';

export type Stamped = ShareGroupEventBody & { t: number };

/**
 * The share-group engine wired to a real Simulation the way the engine owner will wire it: the
 * Simulation owns topics and producers (and any classic groups); after each of its ticks the
 * share engine steps with the same clock.
 */
export class ShareLab {
  readonly sim: Simulation;
  readonly engine: ShareGroupEngine;
  readonly events: Stamped[] = [];
  readonly transitions: Array<ShareTransition & { group: string; t: number }> = [];

  constructor(opts: { partitions?: number; rate?: number; keys?: number; seed?: number; groups?: ShareGroupSpec[]; trace?: boolean; scenario?: Partial<Scenario> }) {
    const scenario: Scenario = {
      name: 'share',
      seed: opts.seed ?? 5,
      topics: [{ name: 't', partitions: opts.partitions ?? 3 }],
      producers: [{ id: 'p', topic: 't', ratePerSec: opts.rate ?? 100, keys: opts.keys ?? 12 }],
      ...(opts.scenario ?? {}),
    };
    this.sim = new Simulation(scenario);
    const sim = this.sim;
    const rng = new Random(opts.seed ?? 5);
    this.engine = new ShareGroupEngine(
      { get now() { return sim.now; }, rng, topic: (n) => sim.topics.get(n) },
      (e) => this.events.push({ ...e, t: sim.now }),
      {
        defaultTopics: () => [scenario.topics[0]!.name],
        ...(opts.trace ? { trace: (group: string, tr: ShareTransition) => this.transitions.push({ ...tr, group, t: sim.now }) } : {}),
      },
    );
    for (const g of opts.groups ?? []) this.engine.addGroup(g);
  }

  get now(): number {
    return this.sim.now;
  }

  /** Ticks until `ms` (absolute virtual time). */
  runUntil(ms: number): void {
    while (this.sim.now + this.sim.tickMs <= ms) {
      this.sim.step();
      this.engine.step(this.sim.now, this.sim.tickMs);
    }
  }

  run(ms: number): void {
    this.runUntil(this.sim.now + ms);
  }

  of<T extends ShareGroupEventType>(type: T): Array<ShareGroupEventOf<T> & { t: number }> {
    return this.events.filter((e) => e.type === type) as Array<ShareGroupEventOf<T> & { t: number }>;
  }

  group(id = 'sg') {
    return this.engine.groups.get(id)!;
  }

  snap(id = 'sg') {
    return this.engine.groupSnapshot(this.group(id));
  }

  producerRate(r: number): void {
    this.sim.apply({ action: 'set-producer-rate', producer: 'p', ratePerSec: r });
  }
}
