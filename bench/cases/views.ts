/**
 * The cost of one view update: what the extension host does for every throttled session change
 * (at most every 100 ms while running) per visible view: build the snapshot and the `update`
 * message, and serialise it (postMessage sends JSON-like structured data; JSON.stringify stands in
 * for that). Each timed run builds and serialises 10 updates; `perUpdateMs` is ms / 10.
 *
 *   view-update-12p-3g        12 partitions, 3 groups × 4 consumers (the busy-cluster benchmark)
 *   view-update-1000p-200c    1,000 partitions, one group of 200 consumers
 */
import type { BenchCase } from '../harness';
import type { Scenario } from '../../src/sim/scenario/types';
import { SimulationSession, Timer, SessionChange } from '../../src/extension/session/simulationSession';
import { busyClusterScenario } from './simulation';

const UPDATES_PER_RUN = 10;
const idleTimer: Timer = { now: () => 0, setInterval: () => ({ dispose() {} }) };

function bigScenario(): Scenario {
  return {
    name: '1,000 partitions × 200 consumers',
    seed: 1,
    topics: [{ name: 'events', partitions: 1_000 }],
    producers: [{ id: 'producer', topic: 'events', ratePerSec: 10_000, keys: 1_000 }],
    groups: [{ groupId: 'big', consumers: Array.from({ length: 200 }, (_, i) => ({ clientId: `c${i}`, ratePerSec: 60 })) }],
  };
}

function updateCase(name: string, scenario: () => Scenario, warmUpMs: number): BenchCase {
  let session: SimulationSession;
  let change: SessionChange = { events: [], reset: false };
  let bytes = 0;
  return {
    name,
    runs: 7,
    setup() {
      session = new SimulationSession(scenario(), idleTimer);
      session.onDidChange((c) => (change = c));
      session.advance(warmUpMs); // past the first rebalance: a stable group with lag
    },
    beforeRun() {
      session.advance(100); // one throttled change's worth of virtual time at 1×
    },
    run() {
      for (let i = 0; i < UPDATES_PER_RUN; i++) {
        const message = { type: 'update', status: session.status(), snapshot: session.snapshot(), events: change.events, reset: change.reset };
        bytes = JSON.stringify(message).length;
      }
      return { updatesPerRun: UPDATES_PER_RUN, kB: Math.round(bytes / 1024) };
    },
  };
}

export const cases: BenchCase[] = [
  updateCase('view-update-12p-3g', () => busyClusterScenario(1), 30_000),
  updateCase('view-update-1000p-200c', bigScenario, 30_000),
];
