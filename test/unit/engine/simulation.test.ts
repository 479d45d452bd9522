import { strict as assert } from 'node:assert';
import { formatEventJson } from '../../../src/sim/events';
import { RECENT_EVENT_LIMIT, Simulation, SimulationError } from '../../../src/sim/simulation';
import { snapshot } from '../../../src/sim/snapshot';
import { builtinScenario, Recorder, simpleScenario } from './helpers';

const eventLog = (scenario: Parameters<typeof builtinScenario>[0] extends string ? ReturnType<typeof builtinScenario> : never, until: number): string => {
  const lines: string[] = [];
  new Simulation(scenario, (e) => lines.push(formatEventJson(e))).runUntil(until);
  return lines.join('\n');
};

describe('Simulation: determinism', () => {
  it('gives the same event log, byte for byte, for the same scenario and seed', () => {
    for (const prefix of ['03', '04', '07']) {
      const a = eventLog(builtinScenario(prefix), 90_000);
      const b = eventLog(builtinScenario(prefix), 90_000);
      assert.ok(a.length > 1000);
      assert.equal(a, b);
    }
  });

  it('does not depend on how the run is split into calls (run vs. many steps)', () => {
    const whole: string[] = [];
    new Simulation(builtinScenario('07'), (e) => whole.push(formatEventJson(e))).runUntil(70_000);
    const split: string[] = [];
    const sim = new Simulation(builtinScenario('07'), (e) => split.push(formatEventJson(e)));
    while (sim.now < 70_000) sim.advance(Math.min(1_234, 70_000 - sim.now));
    assert.deepEqual(split, whole);
  });

  it('gives other member ids with another seed', () => {
    const a = new Recorder({ ...builtinScenario('01'), seed: 1 });
    const b = new Recorder({ ...builtinScenario('01'), seed: 2 });
    a.sim.runUntil(5_000);
    b.sim.runUntil(5_000);
    assert.notEqual(a.of('member-joined')[0]!.memberId, b.of('member-joined')[0]!.memberId);
    assert.match(a.of('member-joined')[0]!.memberId, /^consumer01-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Simulation: the tutorial examples', () => {
  it('1. one consumer in consumer-group-01 reads all three partitions of peter-01', () => {
    const r = new Recorder(builtinScenario('01'));
    r.sim.runUntil(60_000);
    assert.deepEqual(r.owners('consumer-group-01'), new Map([['consumer01', ['peter-01-0', 'peter-01-1', 'peter-01-2']]]));
    const g = snapshot(r.sim).groups[0]!;
    assert.equal(g.state, 'Stable');
    assert.ok(g.totalLag < 100, `a fast consumer keeps up (lag ${g.totalLag})`);
  });

  it('2. when the producer outpaces the consumer, lag grows on every partition', () => {
    const r = new Recorder(builtinScenario('02'));
    r.sim.runUntil(40_000);
    const lagAt40 = snapshot(r.sim).groups[0]!.partitions.map((p) => p.lag!);
    r.sim.runUntil(80_000);
    const lagAt80 = snapshot(r.sim).groups[0]!.partitions.map((p) => p.lag!);
    lagAt80.forEach((lag, p) => assert.ok(lag > lagAt40[p]! + 300, `partition ${p}: ${lagAt40[p]} → ${lag}`));
    assert.ok(r.of('lag-threshold-crossed').some((e) => e.direction === 'above' && e.threshold === 1000));
  });

  it('3. consumers without a group share offsets: duplicates, broken key order, offsets moving backwards', () => {
    const r = new Recorder(builtinScenario('03'));
    r.sim.runUntil(60_000);
    const g = snapshot(r.sim).groups[0]!;
    assert.equal(g.state, 'Empty', 'standalone consumers never join the group');
    assert.ok(g.delivery.duplicates > 1000, `duplicates ${g.delivery.duplicates}`);
    assert.ok(g.delivery.outOfOrder > 1000, `out of order ${g.delivery.outOfOrder}`);
    assert.ok(r.of('offset-moved-backwards').length > 0);
  });

  it('4. consumer02 and consumer03 join: a rebalance gives each consumer one partition and lag drains', () => {
    const r = new Recorder(builtinScenario('04'));
    r.sim.runUntil(19_000);
    const lagBefore = snapshot(r.sim).groups[0]!.totalLag;
    r.sim.runUntil(120_000);
    assert.deepEqual(
      r.owners('consumer-group-01'),
      new Map([['consumer01', ['peter-01-0']], ['consumer02', ['peter-01-1']], ['consumer03', ['peter-01-2']]]),
    );
    const rebalances = r.of('rebalance-completed');
    assert.equal(rebalances.length, 2);
    assert.equal(rebalances[1]!.generation, 2);
    // Eager: consumer01 gave up everything before the new assignment.
    assert.deepEqual(r.of('partitions-revoked').map((e) => [e.clientId, e.partitions.length]), [['consumer01', 3]]);
    const lagAfter = snapshot(r.sim).groups[0]!.totalLag;
    assert.ok(lagAfter < lagBefore, `lag ${lagBefore} → ${lagAfter}`);
  });

  it('5. a fourth consumer stays idle: one partition, at most one consumer of the group', () => {
    const r = new Recorder(builtinScenario('05'));
    r.sim.runUntil(60_000);
    const s = snapshot(r.sim);
    assert.deepEqual(s.consumers.filter((c) => c.idle).map((c) => c.clientId), ['consumer04']);
    const owners = s.groups[0]!.partitions.map((p) => p.owner);
    assert.equal(new Set(owners).size, 3);
  });

  it('6. adding a partition gives consumer04 partition 3 after the leader refreshes its metadata', () => {
    const r = new Recorder(builtinScenario('06'));
    r.sim.runUntil(60_000);
    assert.deepEqual(r.owners('consumer-group-01').get('consumer04'), ['peter-01-3']);
    const added = r.of('partitions-added')[0]!;
    const rebalance = r.of('rebalance-started').find((e) => e.t > added.t)!;
    assert.match(rebalance.reason, /cached metadata has changed/);
    assert.ok(rebalance.t - added.t <= 10_000 + 100, 'within metadata.max.age.ms');
  });

  it('7. a crashed consumer is removed after session.timeout.ms and another takes partition 3', () => {
    const r = new Recorder(builtinScenario('07'));
    r.sim.runUntil(90_000);
    const crash = r.of('consumer-crashed')[0]!;
    const timeout = r.of('session-timed-out')[0]!;
    assert.equal(timeout.clientId, 'consumer04');
    assert.ok(timeout.t - crash.t <= 45_000 && timeout.t - crash.t > 45_000 - 3_100, `${timeout.t - crash.t} ms`);
    assert.ok(r.of('heartbeat-missed').filter((e) => e.clientId === 'consumer04').length >= 10);
    const final = r.of('rebalance-completed').at(-1)!;
    assert.ok(final.t >= timeout.t && final.t - crash.t <= 45_000 + 3_000 + 100);
    const newOwner = [...r.owners('consumer-group-01')].find(([, ps]) => ps.includes('peter-01-3'))![0];
    assert.notEqual(newOwner, 'consumer04');
    // consumer04's uncommitted work is processed again by the new owner.
    assert.ok(r.of('records-reprocessed').some((e) => e.partition === 'peter-01-3' && e.clientId === newOwner));
  });

  it('8. two groups read the same topic independently, each from its own offsets', () => {
    const r = new Recorder(builtinScenario('08'));
    r.sim.runUntil(90_000);
    const [g1, g2] = snapshot(r.sim).groups;
    assert.equal(g1!.groupId, 'consumer-group-01');
    assert.equal(g2!.groupId, 'consumer-group-02');
    // The second group started at 30 s from the earliest offset and still read every record.
    assert.deepEqual(r.sim.ledger('consumer-group-02').processedRanges('peter-01', 0)[0]![0], 0);
    assert.ok(g2!.delivery.processed > 0 && g1!.delivery.processed > 0);
    assert.equal(g1!.delivery.duplicates + g2!.delivery.duplicates, 0);
    g1!.partitions.forEach((p, i) => assert.notEqual(p.committed, -1, `group 1 partition ${i}`));
  });

  it('9. adding a consumer rebalances the overloaded group back to one partition per consumer', () => {
    const r = new Recorder(builtinScenario('09'));
    r.sim.runUntil(29_000);
    assert.ok([...r.owners('consumer-group-01').values()].some((ps) => ps.length === 2));
    r.sim.runUntil(60_000);
    const lagAt60 = snapshot(r.sim).groups[0]!.totalLag;
    r.sim.runUntil(120_000);
    assert.ok([...r.owners('consumer-group-01').values()].every((ps) => ps.length === 1));
    const lagAt120 = snapshot(r.sim).groups[0]!.totalLag;
    assert.ok(lagAt120 < lagAt60 * 0.7, `the lag drains: ${lagAt60} → ${lagAt120}`);
  });
});

describe('Simulation: membership and failures', () => {
  it('a graceful close sends LeaveGroup: the rebalance starts at once', () => {
    const r = new Recorder(simpleScenario({ consumers: [{ clientId: 'c1' }, { clientId: 'c2' }], timeline: [{ at: '20s', action: 'stop-consumer', consumer: 'c2' }] }));
    r.sim.runUntil(30_000);
    const left = r.of('member-left')[0]!;
    assert.equal(left.t, 20_000);
    assert.equal(r.of('rebalance-started').at(-1)!.t, 20_000);
    assert.deepEqual(r.owners('g'), new Map([['c1', ['t-0', 't-1', 't-2']]]));
    assert.equal(r.of('session-timed-out').length, 0);
  });

  it('a static member restarting within session.timeout.ms gets its partitions back without a rebalance', () => {
    const r = new Recorder(
      simpleScenario({
        consumers: [
          { clientId: 'c1', config: { 'group.instance.id': 'i1' } },
          { clientId: 'c2', config: { 'group.instance.id': 'i2' } },
        ],
        timeline: [
          { at: '20s', action: 'stop-consumer', consumer: 'c2' },
          { at: '30s', action: 'restart-consumer', consumer: 'c2' },
        ],
      }),
    );
    r.sim.runUntil(80_000);
    assert.equal(r.of('rebalance-completed').length, 1, 'only the initial rebalance');
    assert.equal(r.of('member-left').length, 0, 'static members send no LeaveGroup');
    assert.equal(r.of('static-member-rejoined').length, 1);
    assert.deepEqual(r.owners('g').get('c2'), ['t-2']);
    assert.equal(r.sim.consumers.get('c2')!.ownedNames().join(), 't-2');
  });

  it('a dynamic member restarting is a new member: two rebalances', () => {
    const r = new Recorder(
      simpleScenario({
        consumers: [{ clientId: 'c1' }, { clientId: 'c2' }],
        timeline: [
          { at: '20s', action: 'stop-consumer', consumer: 'c2' },
          { at: '30s', action: 'restart-consumer', consumer: 'c2' },
        ],
      }),
    );
    r.sim.runUntil(80_000);
    assert.equal(r.of('rebalance-completed').length, 3);
  });

  it('background heartbeats keep a stalled consumer alive until max.poll.interval.ms, then it leaves', () => {
    const r = new Recorder(
      simpleScenario({
        consumers: [{ clientId: 'c1' }, { clientId: 'c2', config: { 'max.poll.interval.ms': 20_000 } }],
        timeline: [{ at: '20s', action: 'stall-consumer', consumer: 'c2', duration: '60s' }],
      }),
    );
    r.sim.runUntil(120_000);
    const timeout = r.of('poll-timeout')[0]!;
    assert.equal(timeout.clientId, 'c2');
    assert.ok(timeout.t > 40_000 && timeout.t <= 41_000, `${timeout.t}`);
    assert.equal(r.of('session-timed-out').length, 0, 'heartbeats continued');
    assert.equal(r.of('member-left')[0]!.reason, 'consumer poll timeout has expired');
    // After the stall it rejoins as a new member and gets work again.
    assert.ok(r.of('partitions-lost').some((e) => e.clientId === 'c2'));
    assert.equal(r.owners('g').get('c2')!.length > 0, true);
  });

  it('in the legacy poll-heartbeat mode a long stall ends in a session timeout', () => {
    const r = new Recorder(
      simpleScenario({
        consumers: [{ clientId: 'c1' }, { clientId: 'c2', heartbeatMode: 'poll', config: { 'session.timeout.ms': 10_000 } }],
        timeline: [{ at: '20s', action: 'stall-consumer', consumer: 'c2', duration: '30s' }],
      }),
    );
    r.sim.runUntil(45_000);
    const timeout = r.of('session-timed-out')[0]!;
    assert.equal(timeout.clientId, 'c2');
    // The last heartbeat came with the last poll() before the stall (at most one interval earlier).
    assert.ok(timeout.t >= 20_000 + 10_000 - 3_000 && timeout.t <= 30_100, `${timeout.t}`);
    assert.equal(r.of('poll-timeout').length, 0);
  });

  it('cooperative-sticky moves only what must move, in two rounds, and never stops the others', () => {
    const r = new Recorder(
      simpleScenario({
        partitions: 6,
        assignor: 'cooperative-sticky',
        consumers: [{ clientId: 'c1' }, { clientId: 'c2' }],
        timeline: [{ at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'c3', ratePerSec: 200 } }],
      }),
    );
    r.sim.runUntil(60_000);
    const rounds = r.of('rebalance-completed');
    assert.equal(rounds.length, 3, 'initial + two cooperative rounds');
    assert.ok(rounds.every((x) => x.protocol === 'COOPERATIVE'));
    assert.equal(rounds[1]!.withheld.length, 2, 'first round withholds the partitions that move');
    assert.equal(rounds[2]!.withheld.length, 0);
    const revoked = r.of('partitions-revoked');
    assert.equal(revoked.reduce((n, e) => n + e.partitions.length, 0), 2, 'only the moving partitions are revoked');
    assert.deepEqual([...r.owners('g').values()].map((p) => p.length), [2, 2, 2]);
  });

  it('a consumer whose strategies share none with the group is rejected (INCONSISTENT_GROUP_PROTOCOL) and stops', () => {
    const r = new Recorder(
      simpleScenario({
        consumers: [{ clientId: 'c1' }],
        timeline: [{ at: '10s', action: 'add-consumer', group: 'g', consumer: { clientId: 'c2', ratePerSec: 100, config: { 'partition.assignment.strategy': 'sticky' } } }],
      }),
    );
    r.sim.runUntil(30_000);
    const rejected = r.of('join-rejected');
    assert.equal(rejected.length, 1);
    assert.deepEqual([rejected[0]!.clientId, rejected[0]!.groupAssignors], ['c2', ['range', 'cooperative-sticky']]);
    assert.equal(r.sim.consumers.get('c2')!.status, 'stopped');
    assert.deepEqual(r.owners('g'), new Map([['c1', ['t-0', 't-1', 't-2']]]));
  });

  it('set-assignor switches a running group to another strategy and protocol', () => {
    const r = new Recorder(
      simpleScenario({
        partitions: 6,
        consumers: [{ clientId: 'c1' }, { clientId: 'c2' }],
        timeline: [
          { at: '10s', action: 'set-assignor', group: 'g', assignor: 'cooperative-sticky' },
          { at: '30s', action: 'add-consumer', group: 'g', consumer: { clientId: 'c3', ratePerSec: 100 } },
        ],
      }),
    );
    r.sim.runUntil(60_000);
    const rounds = r.of('rebalance-completed');
    assert.deepEqual(rounds.map((x) => [x.assignor, x.protocol]), [['range', 'EAGER'], ['cooperative-sticky', 'COOPERATIVE'], ['cooperative-sticky', 'COOPERATIVE'], ['cooperative-sticky', 'COOPERATIVE']]);
    assert.equal(r.of('join-rejected').length, 0);
    assert.deepEqual([...r.owners('g').values()].map((p) => p.length), [2, 2, 2]);
  });

  it('the default assignment strategy list [range, cooperative-sticky] runs range, eagerly', () => {
    const r = new Recorder(simpleScenario({ consumers: [{ clientId: 'c1' }, { clientId: 'c2' }] }));
    r.sim.runUntil(10_000);
    const done = r.of('rebalance-completed')[0]!;
    assert.equal(done.assignor, 'range');
    assert.equal(done.protocol, 'EAGER');
  });

  it('auto.offset.reset decides where a group without committed offsets starts', () => {
    for (const [policy, expectFromZero] of [['earliest', true], ['latest', false]] as const) {
      const r = new Recorder(simpleScenario({ consumers: [{ clientId: 'c1', config: { 'auto.offset.reset': policy } }] }));
      r.sim.runUntil(20_000);
      const reset = r.of('offset-reset')[0]!;
      assert.equal(reset.offset === 0, expectFromZero, `${policy}: ${reset.offset}`);
      assert.equal(reset.policy, policy);
    }
  });

  it('lag is the log-end offset minus the committed offset', () => {
    const r = new Recorder(simpleScenario({ rate: 300, consumers: [{ clientId: 'c1', ratePerSec: 100 }] }));
    r.sim.runUntil(30_000);
    const s = snapshot(r.sim);
    for (const p of s.groups[0]!.partitions) assert.equal(p.lag, p.logEndOffset - p.committed);
    assert.equal(s.groups[0]!.totalLag, s.groups[0]!.partitions.reduce((n, p) => n + p.lag!, 0));
  });
});

describe('Simulation: memory stays flat', () => {
  it('keeps a bounded window of recent events however long it runs', () => {
    const all: number[] = [];
    const sim = new Simulation(simpleScenario({ consumers: [{ clientId: 'c1', config: { 'auto.commit.interval.ms': 100 } }] }), (e) => all.push(e.seq));
    sim.runUntil(3_600_000);
    assert.ok(all.length > 4 * RECENT_EVENT_LIMIT, `${all.length} events`);
    const recent = sim.recentEvents();
    assert.ok(recent.length >= RECENT_EVENT_LIMIT && recent.length <= 2 * RECENT_EVENT_LIMIT);
    assert.equal(recent.at(-1)!.seq, all.at(-1));
  });
});

describe('Simulation: bad actions get clear errors and change nothing', () => {
  const sim = (): Simulation => new Simulation(simpleScenario({}));
  it('names the field and the value', () => {
    const s = sim();
    assert.throws(() => s.apply({ action: 'crash-consumer', consumer: 'nobody' }), (e: Error) => e instanceof SimulationError && /consumer: 'nobody' does not exist \(consumers: c1\)/.test(e.message));
    assert.throws(() => s.apply({ action: 'add-partitions', topic: 't', partitions: 2 }), /partitions: 2 is not valid: topic 't' has 3 partitions/);
    assert.throws(() => s.apply({ action: 'add-partitions', topic: 't', partitions: -4 }), /partitions: -4 is not valid/);
    assert.throws(() => s.apply({ action: 'set-producer-rate', producer: 'p', ratePerSec: -1 }), /ratePerSec: -1 is not valid/);
    assert.throws(() => s.apply({ action: 'add-group', group: { groupId: 'g' } }), /group: 'g' already exists/);
    assert.throws(() => s.apply({ action: 'bogus' } as never), /action: "bogus" is not a known action/);
    assert.equal(s.topics.get('t')!.partitionCount, 3);
    assert.equal(s.producers.get('p')!.ratePerSec, 100);
  });
  it('cannot run back in time', () => {
    const s = sim();
    s.runUntil(1000);
    assert.throws(() => s.runUntil(500), /cannot run back in time/);
  });
});
