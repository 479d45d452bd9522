import { strict as assert } from 'node:assert';
import { Random } from '../../../src/sim/random';
import { describeEvent, formatEventLine, humanDuration } from '../../../src/sim/eventText';
import type { SimEvent } from '../../../src/sim/events';
import { selectProtocol } from '../../../src/sim/group/classicProtocols';
import { resolveConsumerConfig, CONSUMER_DEFAULTS } from '../../../src/sim/config';
import { builtinScenario, Recorder } from './helpers';

describe('Random: seeded and portable', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 20 }, () => a.nextUint32());
    assert.deepEqual(Array.from({ length: 20 }, () => b.nextUint32()), sa);
    assert.notDeepEqual(Array.from({ length: 20 }, () => c.nextUint32()), sa);
  });

  it('pins the first values, so a change of algorithm (and of every event log) is noticed', () => {
    const r = new Random(1);
    assert.deepEqual([r.nextUint32(), r.nextUint32(), r.nextUint32()], [r2(1, 0), r2(1, 1), r2(1, 2)]);
  });

  it('stays in range and is roughly uniform', () => {
    const r = new Random(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      assert.ok(x >= 0 && x < 1);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const n of buckets) assert.ok(Math.abs(n - 10_000) < 500, `bucket ${n}`);
    assert.throws(() => r.nextInt(0), /positive integer, got 0/);
  });

  it('makes UUID-shaped member-id suffixes and restores its state', () => {
    const r = new Random(5);
    assert.match(r.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const state = r.getState();
    const next = r.nextUint32();
    r.setState(state);
    assert.equal(r.nextUint32(), next);
  });
});

/** mulberry32 written out independently, as the reference for the pinned values. */
function r2(seed: number, index: number): number {
  let state = (Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  let out = 0;
  for (let i = 0; i <= index; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out = (t ^ (t >>> 14)) >>> 0;
  }
  return out;
}

describe('event descriptions', () => {
  it('describes every event of the tutorial runs in words, with its virtual time', () => {
    const seen = new Set<string>();
    for (const prefix of ['03', '04', '06', '07', '08']) {
      const r = new Recorder(builtinScenario(prefix));
      r.sim.runUntil(90_000);
      for (const e of r.events) {
        const text = describeEvent(e);
        assert.ok(text.length > 5 && !text.includes('undefined'), `${e.type}: ${text}`);
        seen.add(e.type);
      }
    }
    assert.ok(seen.size >= 20, `only ${seen.size} event types seen`);
    const e = { t: 12_300, seq: 1, type: 'session-timed-out', group: 'g', memberId: 'm', clientId: 'c4', sessionTimeoutMs: 45_000 } as SimEvent;
    assert.equal(formatEventLine(e), "[    12.300s] g: c4's session timed out after 45s without heartbeats; it is removed");
    assert.deepEqual([18_100, 45_000, 300_000, 90_500, 250].map(humanDuration), ['18.1s', '45s', '5m', '1m30.5s', '0.3s']);
  });
});

describe('protocol selection and configs', () => {
  it('the coordinator picks the strategy all members support, by votes', () => {
    assert.equal(selectProtocol([['range', 'cooperative-sticky'], ['cooperative-sticky', 'range'], ['cooperative-sticky']]), 'cooperative-sticky');
    assert.equal(selectProtocol([['range', 'cooperative-sticky'], ['range', 'cooperative-sticky']]), 'range');
    assert.throws(() => selectProtocol([['range'], ['sticky']]), /share no partition assignment strategy/);
  });

  it('uses Kafka’s defaults for what a scenario leaves out', () => {
    const c = resolveConsumerConfig(undefined);
    assert.equal(c.sessionTimeoutMs, 45_000);
    assert.equal(c.heartbeatIntervalMs, 3_000);
    assert.equal(c.maxPollIntervalMs, 300_000);
    assert.equal(c.maxPollRecords, 500);
    assert.equal(c.autoOffsetReset, 'latest');
    assert.deepEqual(c.assignors, ['range', 'cooperative-sticky']);
    assert.deepEqual(resolveConsumerConfig({ 'partition.assignment.strategy': 'sticky' }).assignors, ['sticky']);
    assert.deepEqual(resolveConsumerConfig(undefined, 'roundrobin').assignors, ['roundrobin']);
    assert.equal(CONSUMER_DEFAULTS['auto.commit.interval.ms'], 5_000);
  });
});
