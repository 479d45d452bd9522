/**
 * Property-based tests of the share-group invariants over random action sequences, checked
 * against an independent per-offset model built from the traced transitions.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { ShareConsumerSpec } from '../../../src/sim/shareGroup/types';
import { ShareLab } from './helpers';

const CLIENTS = ['c1', 'c2', 'c3', 'c4', 'c5'];
const LIMIT = 4;

type Act =
  | { kind: 'add' | 'crash' | 'stop' | 'restart'; c: string }
  | { kind: 'stall'; c: string; ms: number }
  | { kind: 'rate'; c: string; rate: number };

const actArb: fc.Arbitrary<Act> = fc.oneof(
  fc.record({ kind: fc.constantFrom<'add' | 'crash' | 'stop' | 'restart'>('add', 'crash', 'stop', 'restart'), c: fc.constantFrom(...CLIENTS) }),
  fc.record({ kind: fc.constant<'stall'>('stall'), c: fc.constantFrom(...CLIENTS), ms: fc.integer({ min: 500, max: 15_000 }) }),
  fc.record({ kind: fc.constant<'rate'>('rate'), c: fc.constantFrom(...CLIENTS), rate: fc.integer({ min: 0, max: 120 }) }),
);

const runArb = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  partitions: fc.integer({ min: 1, max: 3 }),
  initial: fc.integer({ min: 1, max: 3 }),
  maxPoll: fc.integer({ min: 1, max: 80 }),
  cap: fc.integer({ min: 10, max: 200 }),
  fails: fc.array(fc.option(fc.record({ n: fc.integer({ min: 1, max: 6 }), ack: fc.constantFrom<'release' | 'reject'>('release', 'reject'), by: fc.constantFrom<'count' | 'offset'>('count', 'offset') }), { nil: undefined }), { minLength: 5, maxLength: 5 }),
  actions: fc.array(fc.tuple(fc.integer({ min: 0, max: 40_000 }), actArb), { maxLength: 15 }),
});
type Run = typeof runArb extends fc.Arbitrary<infer R> ? R : never;

const enum S {
  NEW = 0,
  AVAILABLE,
  ACQUIRED,
  ACKNOWLEDGED,
  ARCHIVED,
}

function simulate(run: Run): { lab: ShareLab; violations: string[] } {
  const spec = (c: string): ShareConsumerSpec => {
    const f = run.fails[CLIENTS.indexOf(c)];
    return { clientId: c, ratePerSec: 60, config: { 'max.poll.records': run.maxPoll }, ...(f ? { failEvery: f } : {}) };
  };
  const lab = new ShareLab({
    seed: run.seed,
    partitions: run.partitions,
    rate: 90,
    trace: true,
    groups: [
      {
        groupId: 'sg',
        consumers: CLIENTS.slice(0, run.initial).map(spec),
        config: {
          'share.auto.offset.reset': 'earliest',
          'group.share.record.lock.duration.ms': 3_000,
          'group.share.session.timeout.ms': 6_000,
          'group.share.heartbeat.interval.ms': 1_000,
          'group.share.delivery.count.limit': LIMIT,
          'group.share.partition.max.record.locks': run.cap,
        },
      },
    ],
  });
  const violations: string[] = [];
  // The model: per partition, per offset, state / holder / delivery count / times accepted.
  const model = new Map<string, { state: S[]; holder: string[]; count: number[]; accepted: number[] }>();
  const m = (p: string) => {
    let x = model.get(p);
    if (!x) model.set(p, (x = { state: [], holder: [], count: [], accepted: [] }));
    return x;
  };
  let seen = 0;
  const consume = (): void => {
    for (; seen < lab.transitions.length; seen++) {
      const tr = lab.transitions[seen]!;
      const x = m(tr.partition);
      for (let o = tr.from; o < tr.to; o++) {
        const st = x.state[o] ?? S.NEW;
        const bad = (why: string): void => void violations.push(`t=${tr.t} ${tr.partition}@${o} ${tr.kind} by ${tr.member}: ${why} (state ${st})`);
        switch (tr.kind) {
          case 'acquire':
            if (st !== S.NEW && st !== S.AVAILABLE) bad('acquired while not available');
            x.count[o] = (x.count[o] ?? 0) + 1;
            if (x.count[o] !== tr.deliveryCount) bad(`delivery count ${tr.deliveryCount}, model ${x.count[o]}`);
            if (x.count[o]! > LIMIT) bad('delivered beyond the limit');
            x.state[o] = S.ACQUIRED;
            x.holder[o] = tr.member;
            break;
          case 'accept':
          case 'reject':
          case 'release':
          case 'timeout':
          case 'member-release':
            if (st !== S.ACQUIRED || (tr.kind !== 'timeout' && x.holder[o] !== tr.member)) bad('not acquired by this member');
            if (tr.kind === 'accept') {
              x.accepted[o] = (x.accepted[o] ?? 0) + 1;
              if (x.accepted[o]! > 1) bad('accepted twice');
              x.state[o] = S.ACKNOWLEDGED;
            } else if (tr.kind === 'reject') {
              x.state[o] = S.ARCHIVED;
            } else {
              const expected = x.count[o]! >= LIMIT ? 'ARCHIVED' : 'AVAILABLE';
              if (tr.toState !== expected) bad(`went to ${tr.toState}, expected ${expected}`);
              x.state[o] = x.count[o]! >= LIMIT ? S.ARCHIVED : S.AVAILABLE;
            }
            x.holder[o] = '';
            break;
          case 'ack-failed':
            if (st === S.ACQUIRED && x.holder[o] === tr.member) bad('a valid acknowledgement was refused');
            break;
        }
      }
    }
  };
  const check = (): void => {
    consume();
    for (const sp of lab.group().partitions.values()) {
      if (sp.inFlight > run.cap) violations.push(`t=${lab.now} ${sp.name}: ${sp.inFlight} in flight > ${run.cap}`);
      const x = m(sp.name);
      // Everything below the SPSO is accepted or archived.
      for (let o = 0; o < sp.spso; o++) {
        const st = x.state[o] ?? S.NEW;
        if (st !== S.ACKNOWLEDGED && st !== S.ARCHIVED) {
          violations.push(`t=${lab.now} ${sp.name}@${o} below SPSO ${sp.spso} in state ${st}`);
          break;
        }
      }
    }
  };
  const actions = [...run.actions].sort((a, b) => a[0] - b[0]);
  const e = lab.engine;
  for (const [at, a] of actions) {
    lab.runUntil(Math.floor(at / 100) * 100);
    check();
    const c = e.consumers.get(a.c);
    try {
      if (a.kind === 'add') e.addConsumer('sg', spec(a.c));
      else if (a.kind === 'crash') e.crashConsumer(a.c);
      else if (a.kind === 'stop') e.stopConsumer(a.c);
      else if (a.kind === 'restart') e.restartConsumer(a.c);
      else if (a.kind === 'stall') e.stallConsumer(a.c, a.ms);
      else if (a.kind === 'rate' && c) e.setConsumerRate(a.c, a.rate);
    } catch {
      // Refused (unknown, already running, not running): skipped, as the engine's property tests do.
    }
  }
  lab.runUntil(45_000);
  check();
  // Quiet period: no more production, every consumer running at a healthy rate.
  lab.producerRate(0);
  for (const c of CLIENTS) {
    const consumer = e.consumers.get(c);
    if (!consumer) e.addConsumer('sg', spec(c));
    else if (consumer.status !== 'running') e.restartConsumer(c);
    e.setConsumerRate(c, 150);
  }
  // Until drained, within a generous bound: a small in-flight cap shared with an always-failing
  // consumer (it burns every record it takes up to the delivery limit) slows draining a lot.
  const leo = lab.sim.topics.get('t')!.logEndOffsets;
  const drained = (): boolean => [...lab.group().partitions.values()].every((sp) => sp.spso === leo[sp.partition]);
  const quietEnd = lab.now + 600_000;
  for (let t = lab.now + 1_000; t <= quietEnd && !drained(); t += 1_000) {
    lab.runUntil(t);
    check();
  }
  return { lab, violations };
}

describe('share groups: invariants (property-based)', () => {
  it('never accepts a record twice, keeps only accepted/archived records below the SPSO, respects the in-flight cap, and delivers every record until it is accepted or archived', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const { lab, violations } = simulate(run);
        assert.deepEqual(violations.slice(0, 5), []);
        // Every produced record was delivered until accepted or archived: the SPSO reached the log end.
        const leo = lab.sim.topics.get('t')!.logEndOffsets;
        for (const sp of lab.group().partitions.values()) assert.equal(sp.spso, leo[sp.partition], `${sp.name} drained`);
        assert.equal(lab.group().partitions.size, run.partitions);
        const s = lab.snap().totals;
        assert.equal(s.accepted + s.rejected + s.archivedAtLimit, leo.reduce((a, b) => a + b, 0));
      }),
      {
        numRuns: 25,
        // Found by this test: an always-failing consumer holding most of a 10-record window drains slowly.
        examples: [[{ seed: 1, partitions: 1, initial: 1, maxPoll: 6, cap: 10, fails: [{ n: 1, ack: 'release', by: 'count' }, undefined, undefined, undefined, undefined], actions: [[0, { kind: 'crash', c: 'c1' }]] }]],
      },
    );
  });

  it('is deterministic: the same inputs give the same events', () => {
    fc.assert(
      fc.property(runArb, (run) => {
        const a = simulate(run).lab.events;
        const b = simulate(run).lab.events;
        assert.deepEqual(b, a);
      }),
      { numRuns: 4 },
    );
  });
});
