/**
 * Property-based tests: long random sequences of actions against the engine's invariants.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { AssignorName } from '../../../src/sim/assignors/types';
import type { SimEvent } from '../../../src/sim/events';
import type { Action, Scenario } from '../../../src/sim/scenario/types';
import { Simulation, SimulationError } from '../../../src/sim/simulation';

const CLIENTS = ['c1', 'c2', 'c3', 'c4', 'c5'];

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom(...CLIENTS).map((c): Action => ({ action: 'add-consumer', group: 'g', consumer: { clientId: c, ratePerSec: 150, config: { 'max.poll.records': 50, 'auto.offset.reset': 'earliest', 'metadata.max.age.ms': 5_000 } } })),
  fc.constantFrom(...CLIENTS).map((c): Action => ({ action: 'stop-consumer', consumer: c })),
  fc.constantFrom(...CLIENTS).map((c): Action => ({ action: 'crash-consumer', consumer: c })),
  fc.constantFrom(...CLIENTS).map((c): Action => ({ action: 'restart-consumer', consumer: c })),
  fc.tuple(fc.constantFrom(...CLIENTS), fc.integer({ min: 1_000, max: 40_000 })).map(([c, d]): Action => ({ action: 'stall-consumer', consumer: c, duration: d })),
  fc.tuple(fc.constantFrom(...CLIENTS), fc.integer({ min: 10, max: 300 })).map(([c, r]): Action => ({ action: 'set-consumer-rate', consumer: c, ratePerSec: r })),
  fc.integer({ min: 0, max: 250 }).map((r): Action => ({ action: 'set-producer-rate', producer: 'p', ratePerSec: r })),
  fc.integer({ min: 1, max: 3 }).map((n): Action => ({ action: 'add-partitions', topic: 't', partitions: 100 + n })),
  fc.constantFrom<AssignorName>('range', 'roundrobin', 'sticky', 'cooperative-sticky').map((a): Action => ({ action: 'set-assignor', group: 'g', assignor: a })),
);

const runArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  protocol: fc.constantFrom<'classic' | 'consumer'>('classic', 'classic', 'consumer'),
  assignor: fc.constantFrom<AssignorName>('range', 'roundrobin', 'sticky', 'cooperative-sticky'),
  heartbeatMode: fc.constantFrom<'background' | 'poll'>('background', 'poll'),
  initialConsumers: fc.integer({ min: 1, max: 3 }),
  actions: fc.array(fc.tuple(fc.integer({ min: 0, max: 120_000 }), actionArb), { minLength: 5, maxLength: 25 }),
});

type Run = typeof runArb extends fc.Arbitrary<infer R> ? R : never;

/** Applies the run's actions; those the engine refuses (e.g. crashing a stopped consumer) are skipped. */
function simulate(run: Run): { sim: Simulation; events: SimEvent[]; violations: string[] } {
  const scenario: Scenario = {
    name: 'property',
    seed: run.seed,
    topics: [{ name: 't', partitions: 3 }],
    producers: [{ id: 'p', topic: 't', ratePerSec: 120, keys: 20 }],
    groups: [
      {
        groupId: 'g',
        assignor: run.assignor,
        consumers: CLIENTS.slice(0, run.initialConsumers).map((clientId) => ({
          clientId,
          ratePerSec: 150,
          heartbeatMode: run.heartbeatMode,
          config: { 'max.poll.records': 50, 'auto.offset.reset': 'earliest' as const, 'session.timeout.ms': 10_000, 'metadata.max.age.ms': 5_000, 'group.protocol': run.protocol },
        })),
      },
    ],
  };
  const events: SimEvent[] = [];
  const violations: string[] = [];
  const sim = new Simulation({ ...scenario, broker: { 'group.consumer.session.timeout.ms': 10_000 } }, (e) => events.push(e));
  const epochs = new Map<string, number>();
  const actions = [...run.actions].sort((a, b) => a[0] - b[0]);
  let partitions = 3;
  const check = (): void => {
    const g = sim.groups.get('g')!;
    // 1. No partition owned by two members of one group: coordinator's view ...
    const seen = new Map<string, string>();
    for (const m of g.members.values()) {
      for (const tp of m.assignment) {
        const k = `${tp.topic}-${tp.partition}`;
        if (seen.has(k)) violations.push(`t=${sim.now}: ${k} assigned to ${seen.get(k)} and ${m.clientId}`);
        seen.set(k, m.clientId);
      }
    }
    // ... and the clients' own view: among members of the current generation (classic), or among
    // all running members (KIP-848 revokes before it assigns, so no overlap ever).
    const owned = new Map<string, string>();
    for (const c of sim.consumers.values()) {
      if (run.protocol === 'consumer' && c.status === 'running' && c.generation > 0) {
        // Member epochs only move forward while a member stays in the group.
        const before = epochs.get(c.memberId);
        if (before !== undefined && c.generation < before) violations.push(`t=${sim.now}: ${c.clientId} epoch ${before} → ${c.generation}`);
        epochs.set(c.memberId, c.generation);
      }
      if (c.status !== 'running' || c.membership !== 'stable' || (run.protocol === 'classic' && c.generation !== g.generation)) continue;
      for (const name of c.ownedNames()) {
        if (owned.has(name)) violations.push(`t=${sim.now}: ${name} owned by ${owned.get(name)} and ${c.clientId}`);
        owned.set(name, c.clientId);
      }
    }
  };
  for (const [at, action] of actions) {
    while (sim.now + 500 <= at) {
      sim.advance(500);
      check();
    }
    sim.runUntil(Math.max(sim.now, at));
    let a = action;
    if (a.action === 'add-consumer') a = { ...a, consumer: { ...a.consumer, config: { ...a.consumer.config, 'group.protocol': run.protocol } } };
    if (a.action === 'add-partitions') {
      partitions += a.partitions - 100;
      a = { ...a, partitions };
    }
    try {
      sim.apply(a);
    } catch (e) {
      if (!(e instanceof SimulationError)) throw e;
      if (a.action === 'add-partitions') partitions = sim.topics.get('t')!.partitionCount;
    }
    check();
  }
  // Quiet period: restart everyone, stop producing, let the group settle and catch up.
  for (const c of sim.consumers.values()) if (c.status !== 'running') sim.apply({ action: 'restart-consumer', consumer: c.clientId });
  for (const c of sim.consumers.values()) {
    sim.apply({ action: 'set-consumer-rate', consumer: c.clientId, ratePerSec: 300 });
  }
  sim.apply({ action: 'set-producer-rate', producer: 'p', ratePerSec: 0 });
  for (let i = 0; i < 1200; i++) {
    sim.advance(500);
    check();
  }
  return { sim, events, violations };
}

describe('engine invariants over random action sequences (fast-check)', function () {

  it('hold for every assignor, both protocols (classic, KIP-848), both heartbeat modes, crashes, stalls, restarts, strategy changes and partition growth', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const { sim, events, violations } = simulate(run);
        // 1. No partition owned by two members at once.
        assert.deepEqual(violations.slice(0, 5), []);

        const g = sim.groups.get('g')!;
        const topic = sim.topics.get('t')!;
        // 2. A Stable group with members has every subscribed partition assigned.
        assert.equal(g.state, 'Stable');
        const assigned = new Set([...g.members.values()].flatMap((m) => m.assignment.map((tp) => tp.partition)));
        assert.equal(assigned.size, topic.partitionCount, `assigned ${[...assigned].sort()} of ${topic.partitionCount}`);

        // 3. Committed offsets never move backwards (no reset happens in these runs).
        assert.deepEqual(events.filter((e) => e.type === 'offset-moved-backwards'), []);

        // 4. No message is lost: every record of every partition was processed, with no gap.
        for (let p = 0; p < topic.partitionCount; p++) {
          assert.deepEqual(sim.ledger(g.groupId).processedRanges('t', p), topic.logEndOffsets[p]! > 0 ? [[0, topic.logEndOffsets[p]!]] : [], `partition ${p}`);
          assert.equal(g.offsets.committed('t', p), topic.logEndOffsets[p]!, `partition ${p} committed`);
        }

        // 5. Duplicates occur only after a rebalance handed the partition over with uncommitted
        //    work: replayed by the new owner from the committed offset, or finished by a removed
        //    ("zombie") member still working through the batch it polled before it was removed.
        for (const e of events) {
          if (e.type !== 'records-reprocessed') continue;
          const handedOver = events.some((a) => a.seq < e.seq && a.type === 'partitions-assigned' && a.partitions.includes(e.partition) && a.generation >= 2);
          assert.ok(handedOver, `duplicate without a hand-over: ${JSON.stringify(e)}`);
        }
        if (g.generation <= 1) assert.equal(sim.ledger(g.groupId).totals.duplicates, 0);

        // Generations (and KIP-848 assignment epochs) only move forward.
        const gens = events.filter((e) => e.type === 'rebalance-completed' || e.type === 'target-assignment-computed').map((e) => (e as { generation?: number; assignmentEpoch?: number }).generation ?? (e as { assignmentEpoch: number }).assignmentEpoch);
        gens.forEach((gen, i) => i > 0 && assert.ok(gen > gens[i - 1]!));
      }),
      { numRuns: 200, seed: 20261125 },
    );
  });
});
