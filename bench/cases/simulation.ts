/**
 * Whole-engine benchmarks: one simulated hour (and ten) of a busy cluster.
 *
 * 12-partition topic at 10,000 msg/s, 3 groups of 4 consumers, and every 10 simulated minutes
 * each group rebalances (one consumer closes, the one closed before comes back). Memory must not
 * grow with the simulated duration: compare `sim-hour` with `sim-10h`.
 */
import type { BenchCase } from '../harness';
import type { Scenario, TimelineEntry } from '../../src/sim/scenario/types';
import { Simulation } from '../../src/sim/simulation';

const TEN_MINUTES = 600_000;

export function busyClusterScenario(hours: number): Scenario {
  const groups = ['orders', 'billing', 'analytics'].map((name) => ({
    groupId: name,
    consumers: [1, 2, 3, 4].map((i) => ({ clientId: `${name}-${i}`, ratePerSec: 3_000 })),
  }));
  const timeline: TimelineEntry[] = [];
  const marks = (hours * 3_600_000) / TEN_MINUTES;
  for (let k = 1; k < marks; k++) {
    for (const g of groups) {
      if (k > 1) timeline.push({ at: k * TEN_MINUTES, action: 'restart-consumer', consumer: `${g.groupId}-${((k - 2) % 4) + 1}` });
      timeline.push({ at: k * TEN_MINUTES, action: 'stop-consumer', consumer: `${g.groupId}-${((k - 1) % 4) + 1}` });
    }
  }
  return {
    name: `busy cluster, ${hours} h`,
    seed: 42,
    topics: [{ name: 'events', partitions: 12 }],
    producers: [{ id: 'producer', topic: 'events', ratePerSec: 10_000, keys: 1_000 }],
    groups,
    timeline,
  };
}

function simCase(name: string, hours: number, runs: number): BenchCase {
  let sim: Simulation | undefined;
  let events = 0;
  let rebalances = 0;
  return {
    name,
    runs,
    warmup: 1,
    beforeRun() {
      sim = undefined;
    },
    run() {
      events = 0;
      rebalances = 0;
      sim = new Simulation(busyClusterScenario(hours), (e) => {
        events++;
        if (e.type === 'rebalance-completed') rebalances++;
      });
      sim.runUntil(hours * 3_600_000);
      let processed = 0;
      for (const g of sim.groups.values()) processed += sim.ledger(g.groupId).totals.processed;
      return { simulatedHours: hours, events, rebalances, processedMillions: Math.round(processed / 1e5) / 10 };
    },
  };
}

export const cases: BenchCase[] = [simCase('sim-hour', 1, 5), simCase('sim-10h', 10, 5)];
