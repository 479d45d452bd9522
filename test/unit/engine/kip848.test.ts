import { strict as assert } from 'node:assert';
import { compareProtocols, compareStaticMembership, formatProtocolComparison, scenarioForMembership, scenarioForVariant } from '../../../src/sim/comparisons';
import { describeOffsets, describeState } from '../../../src/sim/describe';
import type { Scenario } from '../../../src/sim/scenario/types';
import { snapshot } from '../../../src/sim/snapshot';
import { builtinScenario, Recorder } from './helpers';

const kip848 = { 'group.protocol': 'consumer' as const };

function scenario(timeline: Scenario['timeline'], partitions = 6, extra: Record<string, unknown> = {}): Scenario {
  return {
    name: 'kip848',
    seed: 3,
    topics: [{ name: 't', partitions }],
    producers: [{ id: 'p', topic: 't', ratePerSec: 120 }],
    groups: [{ groupId: 'g', consumers: ['c1', 'c2'].map((clientId) => ({ clientId, ratePerSec: 100, config: { ...kip848, ...extra } })) }],
    timeline,
  };
}

describe('KIP-848: the consumer group protocol (group.protocol=consumer)', () => {
  it('the coordinator computes the target assignment; members that keep partitions never stop consuming them', () => {
    const r = new Recorder(scenario([{ at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'c3', ratePerSec: 100, config: kip848 } }]));
    r.sim.runUntil(60_000);
    assert.equal(r.of('rebalance-completed').length, 0, 'no JoinGroup/SyncGroup rounds');
    const target = r.of('target-assignment-computed').at(-1)!;
    assert.equal(target.assignor, 'uniform');
    assert.deepEqual(Object.values(target.assignment).map((ps) => ps.length), [2, 2, 2]);
    // Only the moving partitions are revoked: one from each old member.
    const revokedAfterJoin = r.of('partitions-revoked').filter((e) => e.t >= 20_000);
    assert.deepEqual(revokedAfterJoin.map((e) => e.partitions.length), [1, 1]);
    assert.deepEqual([...r.owners('g').values()].map((ps) => ps.length), [2, 2, 2]);
    const g = snapshot(r.sim).groups[0]!;
    assert.equal(g.protocol, 'CONSUMER');
    assert.equal(g.state, 'Stable');
  });

  it('a partition is handed over only after its previous owner revoked it; member epochs only move forward', () => {
    const r = new Recorder(scenario([{ at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'c3', ratePerSec: 100, config: kip848 } }]));
    const epochs = new Map<string, number>();
    const owners = new Map<string, string>();
    for (let t = 0; t < 60_000; t += 100) {
      r.sim.runUntil(t);
      for (const c of r.sim.consumers.values()) {
        if (c.generation > 0) {
          assert.ok(c.generation >= (epochs.get(c.clientId) ?? 0), `${c.clientId} epoch went back`);
          epochs.set(c.clientId, c.generation);
        }
      }
      owners.clear();
      for (const c of r.sim.consumers.values()) {
        for (const p of c.ownedNames()) {
          assert.ok(!owners.has(p), `${p} owned by ${owners.get(p)} and ${c.clientId} at ${t}`);
          owners.set(p, c.clientId);
        }
      }
    }
    for (const e of r.of('partitions-assigned').filter((x) => x.t > 20_000)) {
      for (const p of e.partitions) {
        const revoked = r.of('partitions-revoked').find((x) => x.partitions.includes(p) && x.t > 20_000);
        assert.ok(revoked && revoked.t <= e.t, `${p} assigned before it was revoked`);
      }
    }
  });

  it('a crashed member is removed after the broker-side session timeout, and a graceful leave moves its partitions at once', () => {
    const crash = new Recorder(scenario([{ at: '20s', action: 'crash-consumer', consumer: 'c2' }]));
    crash.sim.runUntil(80_000);
    const timedOut = crash.of('session-timed-out')[0]!;
    assert.ok(timedOut.t - 20_000 <= 45_000 && timedOut.t - 20_000 > 45_000 - 5_100, `${timedOut.t}`);
    assert.equal(crash.owners('g').get('c1')!.length, 6);

    const leave = new Recorder(scenario([{ at: '20s', action: 'stop-consumer', consumer: 'c2' }]));
    leave.sim.runUntil(30_000);
    assert.equal(leave.of('member-left')[0]!.t, 20_000);
    assert.ok(leave.of('partitions-assigned').some((e) => e.clientId === 'c1' && e.t <= 25_100 && e.t > 20_000));
  });

  it('a static member leaving with epoch -2 and coming back keeps its partitions without a new epoch', () => {
    const r = new Recorder({
      ...scenario([
        { at: '20s', action: 'stop-consumer', consumer: 'c2' },
        { at: '30s', action: 'restart-consumer', consumer: 'c2' },
      ]),
      groups: [{ groupId: 'g', consumers: [{ clientId: 'c1', ratePerSec: 100, config: kip848 }, { clientId: 'c2', ratePerSec: 100, config: { ...kip848, 'group.instance.id': 'i2' } }] }],
    });
    r.sim.runUntil(20_000);
    const epochBefore = r.sim.groups.get('g')!.generation;
    r.sim.runUntil(60_000);
    assert.equal(r.sim.groups.get('g')!.generation, epochBefore);
    assert.equal(r.of('static-member-rejoined').length, 1);
    assert.equal(r.owners('g').get('c2')!.length, 3);
  });

  it('partitions added to the topic are noticed by the coordinator itself and assigned', () => {
    const r = new Recorder(scenario([{ at: '20s', action: 'add-partitions', topic: 't', partitions: 8 }]));
    r.sim.runUntil(40_000);
    assert.ok(r.of('group-epoch-bumped').some((e) => /topic t now has 8 partitions/.test(e.reason)));
    assert.deepEqual([...r.owners('g').values()].map((ps) => ps.length).sort(), [4, 4]);
  });

  it('a classic consumer joins a KIP-848 group as a classic member (Kafka 4.0 online migration), not refused', () => {
    const r = new Recorder(scenario([{ at: '10s', action: 'add-consumer', group: 'g', consumer: { clientId: 'old', ratePerSec: 100 } }]));
    r.sim.runUntil(40_000);
    assert.equal(r.of('join-rejected').length, 0);
    assert.equal(r.sim.consumers.get('old')!.status, 'running');
    assert.ok(r.owners('g').get('old')!.length > 0, 'it owns partitions');
  });

  it('describe shows the group epoch, the owners while reconciling, and the server assignor', () => {
    const r = new Recorder(scenario([]));
    r.sim.runUntil(20_000);
    const g = r.sim.groups.get('g')!;
    assert.equal(describeState(g, 'g').rows[0]!.assignmentStrategy, 'uniform');
    assert.ok(describeOffsets(g, 'g', (t) => r.sim.topics.get(t)).rows.every((row) => row.consumerId !== null));
  });
});

describe('comparing rebalance protocols', () => {
  it('rewrites every consumer of the scenario for each protocol', () => {
    const s = builtinScenario('09');
    const k = scenarioForVariant(s, 'kip848');
    assert.ok(k.groups!.every((g) => g.consumers!.every((c) => c.config!['group.protocol'] === 'consumer')));
    const add = k.timeline!.find((e) => e.action === 'add-consumer') as unknown as { consumer: { config: Record<string, unknown> } };
    assert.equal(add.consumer.config['group.protocol'], 'consumer');
    const coop = scenarioForVariant(s, 'classic-cooperative');
    assert.ok(coop.groups!.every((g) => g.consumers!.every((c) => c.config!['partition.assignment.strategy'] === 'cooperative-sticky')));
  });

  it('shows the cooperative protocol’s second round and that nothing else stops under cooperative and KIP-848', () => {
    const rows = compareProtocols(builtinScenario('09'), 120_000);
    const [eager, coop, consumer] = rows;
    assert.deepEqual(rows.map((r) => r.variant), ['classic-eager', 'classic-cooperative', 'kip848']);
    assert.equal(eager!.rounds, 1);
    assert.equal(coop!.rounds, 2, 'cooperative needs a follow-up round');
    assert.equal(consumer!.rounds, 1, 'KIP-848: one target assignment');
    // Eager pauses several partitions; cooperative and KIP-848 only the one that moves.
    assert.ok(eager!.totalUnownedMs > eager!.maxUnownedMs);
    assert.equal(coop!.totalUnownedMs, coop!.maxUnownedMs);
    assert.equal(consumer!.totalUnownedMs, consumer!.maxUnownedMs);
    const table = formatProtocolComparison(rows);
    assert.match(table, /^VARIANT +ROUNDS +LONGEST-UNOWNED/);
    assert.match(table, /KIP-848 consumer \(uniform\) +1 /);
  });

  it('counts records processed twice after a crash under every protocol', () => {
    const rows = compareProtocols(builtinScenario('07'), 90_000);
    for (const r of rows) assert.ok(r.duplicates > 0 && r.maxUnownedMs > 30_000, `${r.label}: ${JSON.stringify(r)}`);
  });
});

describe('comparing dynamic and static membership (KIP-345)', () => {
  it('a rolling restart rebalances twice per consumer when dynamic, never when static', () => {
    const [dynamic, stat] = compareStaticMembership(builtinScenario('12'), 90_000);
    assert.equal(dynamic!.rounds, 6);
    assert.equal(stat!.rounds, 0);
    // The trade-off: a static member's partitions wait for it while it restarts.
    assert.ok(stat!.maxUnownedMs >= 10_000 && stat!.maxUnownedMs < dynamic!.maxUnownedMs + 10_000);
    assert.ok(dynamic!.maxUnownedMs < 10_000);
  });

  it('sets or removes group.instance.id on every member', () => {
    const s = builtinScenario('12');
    assert.ok(scenarioForMembership(s, 'dynamic').groups!.every((g) => g.consumers!.every((c) => c.config!['group.instance.id'] === undefined)));
    assert.ok(scenarioForMembership(s, 'static').groups!.every((g) => g.consumers!.every((c) => c.config!['group.instance.id'] === c.clientId)));
  });
});

describe('the KIP-848 built-in scenario', () => {
  it('10: consumer01 keeps partition 0 and consumes it throughout while the others move', () => {
    const r = new Recorder(builtinScenario('10'));
    r.sim.runUntil(90_000);
    assert.equal(snapshot(r.sim).groups[0]!.protocol, 'CONSUMER');
    assert.deepEqual(r.of('partitions-revoked').map((e) => [e.clientId, e.partitions]), [['consumer01', ['peter-01-1', 'peter-01-2']]]);
    assert.deepEqual([...r.owners('consumer-group-01').values()].map((ps) => ps.length), [1, 1, 1]);
  });
});

describe('KIP-848: who counts as idle', () => {
  it('a member waiting for partitions being released while the group reconciles is not idle; after, nobody is', () => {
    const r = new Recorder(builtinScenario('10'));
    let sawReconciling = false;
    for (let t = 20_000; t <= 30_000; t += 100) {
      r.sim.runUntil(t);
      const s = snapshot(r.sim);
      if (s.groups[0]!.state === 'Reconciling') {
        sawReconciling = true;
        assert.deepEqual(s.consumers.filter((c) => c.idle).map((c) => c.clientId), [], `t=${t}`);
      }
    }
    assert.ok(sawReconciling);
    // Classic step 5 still has its idle consumer.
    const five = new Recorder(builtinScenario('05'));
    five.sim.runUntil(20_000);
    assert.deepEqual(snapshot(five.sim).consumers.filter((c) => c.idle).map((c) => c.clientId), ['consumer04']);
  });
});
