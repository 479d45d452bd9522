import { strict as assert } from 'node:assert';
import type { Scenario } from '../../../src/sim/scenario/types';
import { Simulation } from '../../../src/sim/simulation';
import { describeShareEvent } from '../../../src/sim/shareGroup/eventText';
import type { ShareConsumerSpec, ShareGroupSpec } from '../../../src/sim/shareGroup/types';
import { ShareLab } from './helpers';

const consumers = (n: number, spec: Partial<ShareConsumerSpec> = {}): ShareConsumerSpec[] =>
  Array.from({ length: n }, (_, i) => ({ clientId: `consumer0${i + 1}`, ratePerSec: 60, config: { 'max.poll.records': 50 }, ...spec }));

const group = (cs: ShareConsumerSpec[], config: ShareGroupSpec['config'] = {}): ShareGroupSpec => ({
  groupId: 'sg',
  consumers: cs,
  config: { 'share.auto.offset.reset': 'earliest', ...config },
});

/** Stops the producer and lets the consumers drain everything. */
function drain(lab: ShareLab, ms = 60_000): void {
  lab.producerRate(0);
  lab.run(ms);
}

function produced(lab: ShareLab): number {
  return lab.sim.topics.get('t')!.logEndOffsets.reduce((a, b) => a + b, 0);
}

describe('share groups: the tutorial’s fourth consumer', () => {
  it('a share group keeps all four consumers of a 3-partition topic busy; a consumer group leaves one idle', () => {
    // Share group: 4 consumers at 60 msg/s on 3 partitions fed 200 msg/s.
    const lab = new ShareLab({ partitions: 3, rate: 200, groups: [group(consumers(4))] });
    lab.runUntil(60_000);
    const snap = lab.snap();
    assert.equal(snap.members.length, 4);
    for (const m of snap.members) {
      assert.ok(m.targetAssignment.length >= 1, `${m.clientId} has partitions`);
      assert.ok(m.processed > 1_500, `${m.clientId} processed only ${m.processed}`);
    }
    for (const p of snap.partitions) assert.equal(p.consumers.length, 2, `${p.partition} is shared by two consumers`);
    assert.ok(snap.totals.outOfOrder > 0, 'concurrent consumers of one partition break per-key order');
    drain(lab);
    const end = lab.snap();
    for (const p of end.partitions) {
      assert.equal(p.spso, p.logEndOffset, `${p.partition}: everything acknowledged`);
      assert.equal(p.intervals, 0);
    }
    assert.equal(end.totals.accepted, produced(lab), 'every record accepted once');
    assert.equal(end.totals.duplicates, 0);

    // Consumer group: the same topology, 4 consumers, 3 partitions.
    const scenario: Scenario = {
      name: 'classic',
      seed: 5,
      topics: [{ name: 't', partitions: 3 }],
      producers: [{ id: 'p', topic: 't', ratePerSec: 200, keys: 12 }],
      groups: [{ groupId: 'g', consumers: consumers(4).map((c) => ({ clientId: c.clientId, ratePerSec: 60, config: { 'max.poll.records': 50, 'auto.offset.reset': 'earliest' as const } })) }],
    };
    const sim = new Simulation(scenario);
    sim.runUntil(60_000);
    const g = sim.groups.get('g')!;
    const owners = [...g.members.values()].map((m) => [m.clientId, m.assignment.length] as const);
    assert.equal(owners.length, 4);
    assert.equal(owners.filter(([, n]) => n === 0).length, 1, `one idle consumer: ${JSON.stringify(owners)}`);
    assert.equal(sim.ledger(g.groupId).totals.outOfOrder, 0, 'one consumer per partition keeps per-key order');
    assert.ok(sim.ledger(g.groupId).totals.processed < end.totals.processed, 'three busy consumers fall behind four');
  });
});

describe('share groups: locks, acknowledgements and redelivery', () => {
  it('redelivers with delivery count 2 after the lock times out while a consumer is stuck', () => {
    // Consumers slower than the producer: each always holds a batch it is working through.
    const lab = new ShareLab({ partitions: 1, rate: 50, groups: [group(consumers(2, { ratePerSec: 20 }))] });
    lab.runUntil(10_000);
    assert.ok(lab.snap().members[0]!.acquired > 0);
    lab.engine.stallConsumer('consumer01', 45_000);
    lab.runUntil(70_000);
    const timeouts = lab.of('share-lock-timed-out').filter((e) => e.clientId === 'consumer01');
    assert.ok(timeouts.length > 0, 'consumer01’s locks expired');
    assert.ok(timeouts[0]!.t > 30_000 && timeouts[0]!.t <= 40_100, `after 30 s: ${timeouts[0]!.t}`);
    const redelivered = lab.of('share-records-acquired').filter((e) => e.redelivered > 0);
    assert.ok(redelivered.some((e) => e.clientId === 'consumer02' && e.maxDeliveryCount === 2), 'consumer02 got them with delivery count 2');
    // consumer01 wakes up at 55 s and acknowledges records that are no longer its own.
    const failed = lab.of('share-ack-failed').filter((e) => e.clientId === 'consumer01');
    assert.ok(failed.length > 0 && failed[0]!.t >= 55_000);
    assert.ok(lab.snap().totals.ackFailures > 0);
  });

  it('archives a record that keeps failing once group.share.delivery.count.limit is reached', () => {
    // Offsets 9, 19, 29, ... always fail and are released: poison records.
    const lab = new ShareLab({ partitions: 1, rate: 50, trace: true, groups: [group(consumers(2, { ratePerSec: 100, failEvery: { n: 10, ack: 'release', by: 'offset' } }))] });
    lab.runUntil(20_000);
    drain(lab, 30_000);
    const total = produced(lab);
    const poison = Math.floor(total / 10);
    const s = lab.snap();
    assert.equal(s.totals.archivedAtLimit, poison);
    assert.equal(s.totals.accepted, total - poison);
    assert.equal(s.partitions[0]!.spso, total);
    assert.ok(lab.of('share-delivery-limit-reached').length > 0);
    // Each poison record was delivered exactly 5 times.
    const deliveries = new Map<number, number>();
    for (const tr of lab.transitions) if (tr.kind === 'acquire') for (let o = tr.from; o < tr.to; o++) if (o % 10 === 9) deliveries.set(o, tr.deliveryCount);
    assert.ok([...deliveries.values()].every((d) => d === 5), JSON.stringify([...deliveries].slice(0, 5)));
  });

  it('redelivers a released record at the next poll, and archives a rejected one for good', () => {
    const rel = new ShareLab({ partitions: 1, rate: 50, trace: true, groups: [group(consumers(1, { ratePerSec: 100, failEvery: { n: 4, ack: 'release' } }))] });
    rel.runUntil(10_000);
    const releases = rel.transitions.filter((t) => t.kind === 'release');
    assert.ok(releases.length > 0);
    const first = releases[0]!;
    const again = rel.transitions.slice(rel.transitions.indexOf(first)).find((t) => t.kind === 'acquire' && t.from <= first.from && t.to > first.from);
    assert.ok(again, 'released record acquired again');
    assert.ok(again.t - first.t <= 100, `redelivered within a tick: ${again.t - first.t} ms`);
    assert.equal(again.deliveryCount, 2);

    const rej = new ShareLab({ partitions: 1, rate: 50, groups: [group(consumers(1, { ratePerSec: 100, failEvery: { n: 5, ack: 'reject' } }))] });
    rej.runUntil(10_000);
    drain(rej, 10_000);
    const s = rej.snap();
    assert.ok(s.totals.rejected > 0);
    assert.equal(s.totals.redelivered, 0, 'rejected records are never delivered again');
    assert.equal(s.totals.accepted + s.totals.rejected, produced(rej));
    assert.equal(s.partitions[0]!.spso, produced(rej));
  });

  it('after a crash, the records stay locked until the lock times out, then go to others (processed twice); the session timeout removes the member', () => {
    const lab = new ShareLab({ partitions: 1, rate: 100, groups: [group(consumers(2, { ratePerSec: 40, config: { 'max.poll.records': 100 } }))] });
    lab.runUntil(10_050);
    const held = lab.snap().members.find((m) => m.clientId === 'consumer01')!.acquired;
    assert.ok(held > 0, 'consumer01 holds records when it crashes');
    lab.engine.crashConsumer('consumer01');
    lab.runUntil(60_000);
    const timeout = lab.of('share-lock-timed-out').find((e) => e.clientId === 'consumer01');
    assert.ok(timeout && timeout.t > 10_000 && timeout.t <= 40_000, `locks expire within 30 s of their acquisition: ${timeout?.t}`);
    const redelivery = lab.of('share-records-acquired').find((e) => e.redelivered > 0);
    assert.ok(redelivery && redelivery.clientId === 'consumer02' && redelivery.t >= timeout.t);
    assert.ok(lab.snap().totals.duplicates > 0, 'what consumer01 processed but never acknowledged is processed again');
    const gone = lab.of('share-session-timed-out');
    assert.equal(gone.length, 1);
    assert.ok(gone[0]!.t > 10_000 + 40_000 && gone[0]!.t <= 10_000 + 45_000, `session timeout ${gone[0]!.t}`);
    const last = lab.of('share-assignment-computed').at(-1)!;
    assert.deepEqual(Object.values(last.assignment), [['t-0']]);
    assert.equal(lab.group().members.size, 1);
  });

  it('a graceful close acknowledges what was processed and releases the rest at once', () => {
    // consumer01 is slow and holds a big batch; consumer02 is fast and mostly idle.
    const lab = new ShareLab({ partitions: 1, rate: 30, groups: [group([{ clientId: 'consumer01', ratePerSec: 5, config: { 'max.poll.records': 200 } }, { clientId: 'consumer02', ratePerSec: 100 }])] });
    lab.runUntil(10_000);
    lab.engine.stopConsumer('consumer01');
    const released = lab.of('share-records-released');
    assert.equal(released.length, 1);
    assert.equal(released[0]!.t, 10_000);
    assert.ok(released[0]!.count > 0);
    assert.ok(lab.of('share-acknowledged').some((e) => e.mode === 'close' && e.t === 10_000));
    lab.run(1_000);
    assert.equal(lab.of('share-lock-timed-out').length, 0);
    const taken = lab.of('share-records-acquired').find((e) => e.t >= 10_000 && e.redelivered > 0);
    assert.ok(taken && taken.clientId === 'consumer02' && taken.t <= 10_100, 'consumer02 gets them at its next poll');
    assert.equal(lab.snap().totals.duplicates, 0, 'nothing processed twice: the processed part was acknowledged');
    assert.equal(lab.of('share-member-left').length, 1);
  });

  it('leaves the group after max.poll.interval.ms without poll(), releasing its records, and rejoins when it polls again', () => {
    const lab = new ShareLab({ partitions: 1, rate: 20, groups: [group(consumers(2, { ratePerSec: 30, config: { 'max.poll.records': 50, 'max.poll.interval.ms': 10_000 } }))] });
    lab.runUntil(5_000);
    lab.engine.stallConsumer('consumer01', 15_000);
    lab.runUntil(30_000);
    const left = lab.of('share-poll-timeout');
    assert.equal(left.length, 1);
    // Its client sends a leave heartbeat (epoch -1) right after the poll timeout; the coordinator
    // cannot tell why a member leaves, so the timeline's reason is the client's poll-timeout event.
    const leave = lab.of('share-member-left').find((e) => e.clientId === 'consumer01');
    assert.ok(leave && leave.t === left[0]!.t, JSON.stringify(leave));
    assert.equal(leave.reason, 'it left the group (a heartbeat with member epoch -1)');
    assert.equal(lab.of('share-member-joined').filter((e) => e.clientId === 'consumer01').length, 2, 'rejoined after the stall');
  });
});

describe('share groups: share-partition bookkeeping', () => {
  it('never holds more than group.share.partition.max.record.locks records in flight, and says when it stops', () => {
    const cap = 60;
    const lab = new ShareLab({ partitions: 2, rate: 300, groups: [group(consumers(3, { ratePerSec: 20, config: { 'max.poll.records': 500 } }), { 'group.share.partition.max.record.locks': cap })] });
    let maxSeen = 0;
    for (let t = 100; t <= 30_000; t += 100) {
      lab.runUntil(t);
      for (const sp of lab.group().partitions.values()) maxSeen = Math.max(maxSeen, sp.inFlight);
    }
    assert.equal(maxSeen, cap);
    assert.ok(lab.of('share-inflight-limit-reached').length >= 2);
    assert.ok(lab.snap().partitions.every((p) => p.logEndOffset - p.spso > cap), 'the backlog stays in the log, not in memory');
  });

  it('moves the SPSO past the contiguous acknowledged prefix and keeps the window small over a long run (memory flat)', () => {
    const lab = new ShareLab({ partitions: 3, rate: 150, groups: [group([...consumers(3, { ratePerSec: 50 }), { clientId: 'flaky', ratePerSec: 50, failEvery: { n: 7, ack: 'release' } }])] });
    let maxIntervals = 0;
    let lastSpso = 0;
    for (let t = 60_000; t <= 20 * 60_000; t += 60_000) {
      lab.runUntil(t);
      for (const p of lab.snap().partitions) {
        maxIntervals = Math.max(maxIntervals, p.intervals);
        assert.ok(p.speo - p.spso <= 2_000);
      }
      const spso = lab.snap().partitions.reduce((a, p) => a + p.spso, 0);
      assert.ok(spso > lastSpso, 'the SPSO keeps moving');
      lastSpso = spso;
    }
    assert.ok(maxIntervals <= 40, `intervals stay bounded: ${maxIntervals}`);
    assert.ok(lab.snap().totals.processed > 150 * 60 * 19);
  });

  it('recomputes the assignment at once when a consumer joins, and gives partitions added to the topic to members', () => {
    const lab = new ShareLab({ partitions: 2, rate: 50, groups: [group(consumers(1))] });
    lab.runUntil(5_000);
    lab.engine.addConsumer('sg', { clientId: 'late', ratePerSec: 60 });
    const computed = lab.of('share-assignment-computed').at(-1)!;
    assert.equal(computed.t, 5_000);
    assert.equal(Object.keys(computed.assignment).length, 2);
    lab.sim.apply({ action: 'add-partitions', topic: 't', partitions: 4 });
    lab.run(6_000);
    const snap = lab.snap();
    assert.equal(snap.partitions.length, 4);
    assert.ok(snap.members.every((m) => m.assignment.length === 2), JSON.stringify(snap.members.map((m) => m.assignment)));
  });

  it('starts at the log end with share.auto.offset.reset=latest (the default)', () => {
    const lab = new ShareLab({ partitions: 1, rate: 100 });
    lab.runUntil(5_000);
    lab.engine.addGroup({ groupId: 'sg', consumers: consumers(1) });
    const init = lab.of('share-partition-initialized')[0]!;
    assert.equal(init.policy, 'latest');
    assert.equal(init.startOffset, 500);
  });
});

describe('share groups: events', () => {
  it('are deterministic and describe themselves in plain English', () => {
    const run = (): string[] => {
      const lab = new ShareLab({ partitions: 2, rate: 80, groups: [group([...consumers(3, { ratePerSec: 40 }), { clientId: 'bad', ratePerSec: 30, failEvery: { n: 3, ack: 'reject' } }], { 'group.share.record.lock.duration.ms': 5_000 })] });
      lab.runUntil(5_000);
      lab.engine.stallConsumer('consumer01', 8_000);
      lab.runUntil(15_000);
      lab.engine.crashConsumer('consumer02');
      lab.engine.stopConsumer('bad');
      lab.engine.setConsumerRate('consumer03', 10);
      lab.runUntil(70_000);
      lab.engine.restartConsumer('consumer02');
      lab.runUntil(80_000);
      return lab.events.map((e) => JSON.stringify(e));
    };
    const a = run();
    assert.deepEqual(run(), a);
    const types = new Set<string>();
    for (const line of a) {
      const e = JSON.parse(line);
      types.add(e.type);
      const text = describeShareEvent(e);
      assert.ok(text.length > 0 && !/undefined|NaN|\[object/.test(text), text);
    }
    for (const t of ['share-group-created', 'share-member-joined', 'share-assignment-computed', 'share-partitions-assigned', 'share-records-acquired', 'share-acknowledged', 'share-lock-timed-out', 'share-ack-failed', 'share-session-timed-out', 'share-out-of-order', 'share-records-reprocessed', 'share-consumer-resumed']) {
      assert.ok(types.has(t), `${t} happened`);
    }
  });

  it('refuses invalid specs with messages that name the setting', () => {
    const lab = new ShareLab({ partitions: 1 });
    assert.throws(() => lab.engine.addGroup({ groupId: 'x', config: { 'group.share.delivery.count.limit': 0 } }), /group\.share\.delivery\.count\.limit: 0/);
    lab.engine.addGroup({ groupId: 'sg' });
    assert.throws(() => lab.engine.addConsumer('sg', { clientId: 'a', ratePerSec: 1, failEvery: { n: 2, ack: 'release' }, config: { 'share.acknowledgement.mode': 'implicit' } }), /implicit/);
    assert.throws(() => lab.engine.addConsumer('nope', { clientId: 'a', ratePerSec: 1 }), /not a share group/);
    assert.throws(() => lab.engine.crashConsumer('zzz'), /not a share consumer/);
  });
});
