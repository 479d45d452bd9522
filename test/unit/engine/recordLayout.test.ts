import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { partitionForKey } from '../../../src/sim/murmur2';
import { keyName, MAX_TIME_RUNS, RecordLayout, Topic } from '../../../src/sim/topic';
import { DeliveryLedger } from '../../../src/sim/delivery';

/** Brute force: materialise every record (producer seq) on every partition. */
function bruteForce(keyCount: number, plan: Array<{ produce: number } | { partitions: number }>, initialPartitions: number): number[][] {
  const logs: number[][] = Array.from({ length: initialPartitions }, () => []);
  let seq = 0;
  for (const step of plan) {
    if ('partitions' in step) {
      while (logs.length < step.partitions) logs.push([]);
    } else {
      for (let i = 0; i < step.produce; i++, seq++) logs[partitionForKey(keyName(seq % keyCount), logs.length)]!.push(seq);
    }
  }
  return logs;
}

function runLayout(keyCount: number, plan: Array<{ produce: number } | { partitions: number }>, initialPartitions: number): Topic {
  const topic = new Topic('t', initialPartitions);
  topic.layout = new RecordLayout(keyCount, initialPartitions);
  for (const step of plan) {
    if ('partitions' in step) {
      if (step.partitions > topic.partitionCount) topic.addPartitions(step.partitions);
    } else {
      const counts = new Array<number>(topic.partitionCount).fill(0);
      topic.layout.produce(step.produce, counts);
      counts.forEach((c, p) => (topic.logEndOffsets[p]! += c));
    }
  }
  return topic;
}

const planArb = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ produce: fc.integer({ min: 0, max: 200 }) }) },
    { weight: 1, arbitrary: fc.record({ partitions: fc.integer({ min: 1, max: 9 }) }) },
  ),
  { maxLength: 12 },
);

describe('RecordLayout: records are derived from offsets, never stored', () => {
  it('puts keyed records where the Java partitioner would, in producer order, across partition growth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 6 }), planArb, (keys, initial, plan) => {
        const normalized = plan.map((s) => ('partitions' in s ? { partitions: Math.max(s.partitions, initial) } : s));
        // Partition counts only grow.
        let max = initial;
        const grown = normalized.map((s) => ('partitions' in s ? { partitions: (max = Math.max(max, s.partitions)) } : s));
        const expected = bruteForce(keys, grown, initial);
        const topic = runLayout(keys, grown, initial);
        assert.deepEqual(topic.logEndOffsets, expected.map((l) => l.length));
        expected.forEach((log, p) =>
          log.forEach((seq, offset) => {
            const r = topic.layout!.record(p, offset);
            assert.equal(r.key, keyName(seq % keys));
            assert.equal(r.keySeq, Math.floor(seq / keys));
          }),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('summarises an offset range per key with consecutive sequences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), planArb, fc.nat(), fc.nat(), (keys, plan, a, b) => {
        let max = 3;
        const grown = plan.map((s) => ('partitions' in s ? { partitions: (max = Math.max(max, s.partitions)) } : s));
        const topic = runLayout(keys, grown, 3);
        for (let p = 0; p < topic.partitionCount; p++) {
          const end = topic.logEndOffsets[p]!;
          if (end === 0) continue;
          const from = a % end;
          const to = from + (b % (end - from + 1));
          const expected = new Map<string, number[]>();
          for (let o = from; o < to; o++) {
            const r = topic.layout!.record(p, o);
            expected.set(`${r.key}`, [...(expected.get(`${r.key}`) ?? []), r.keySeq!]);
          }
          const seen = new Map<string, number[]>();
          topic.layout!.forEachKeyRun(p, from, to, (k, first, last, count) => {
            assert.equal(last - first + 1, count);
            const list = seen.get(keyName(k)) ?? [];
            for (let s = first; s <= last; s++) list.push(s);
            seen.set(keyName(k), list);
          });
          for (const [k, seqs] of expected) assert.deepEqual([...(seen.get(k) ?? [])].sort((x, y) => x - y), seqs.sort((x, y) => x - y), `key ${k} p${p} [${from},${to})`);
          assert.equal(seen.size, expected.size);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps memory flat: a million records leave only numbers behind', () => {
    const topic = runLayout(30, [{ produce: 1_000_000 }], 3);
    assert.equal(topic.logEndOffsets.reduce((x, y) => x + y, 0), 1_000_000);
    assert.equal(topic.recentRecords(0, 5).length, 5);
    assert.equal(topic.recentRecords(0, 5)[4]!.offset, topic.logEndOffsets[0]! - 1);
  });

  it('rejects shrinking a topic', () => {
    const topic = new Topic('t', 3);
    assert.throws(() => topic.addPartitions(2), /new count must be a larger integer, got 2/);
    assert.throws(() => topic.addPartitions(3), /got 3/);
  });
});

describe('DeliveryLedger: duplicates and per-key order', () => {
  it('counts a replay as duplicates and as records behind a later one of their key', () => {
    const topic = runLayout(1, [{ produce: 100 }], 1); // one key: offset = key sequence
    const ledger = new DeliveryLedger();
    assert.deepEqual(ledger.process(topic, 0, 0, 50), { duplicates: 0, outOfOrder: 0 });
    // A new owner resumes from committed offset 40: 10 records again, 9 of them behind seq 49.
    assert.deepEqual(ledger.process(topic, 0, 40, 60), { duplicates: 10, outOfOrder: 9 });
    assert.equal(ledger.processedEnd('t', 0), 60);
    assert.deepEqual(ledger.processedRanges('t', 0), [[0, 60]]);
    assert.deepEqual(ledger.totals, { processed: 70, duplicates: 10, outOfOrder: 9 });
  });

  it('sees records skipped ahead and then processed late as out of order, not duplicates', () => {
    const topic = runLayout(1, [{ produce: 100 }], 1);
    const ledger = new DeliveryLedger();
    ledger.process(topic, 0, 50, 60);
    assert.deepEqual(ledger.process(topic, 0, 0, 10), { duplicates: 0, outOfOrder: 10 });
    assert.deepEqual(ledger.processedRanges('t', 0), [[0, 10], [50, 60]]);
  });
});

describe('Record append times (time lag)', () => {
  it('stamps each batch with the tick that appended it and finds the time of any offset', () => {
    const topic = new Topic('t', 2);
    topic.append(0, 5, 100); // offsets 0-4 at 100 ms
    topic.append(0, 3, 100); // same tick: one run, offsets 5-7
    topic.append(0, 2, 300); // offsets 8-9 at 300 ms
    topic.append(1, 0, 300); // nothing appended: no run
    assert.deepEqual([0, 4, 7, 8, 9].map((o) => topic.recordTimes.timestampAt(0, o)), [100, 100, 100, 300, 300]);
    assert.equal(topic.recordTimes.runCount(0), 2);
    assert.equal(topic.recordTimes.runCount(1), 0);
    assert.equal(topic.logEndOffsets[0], 10);
    // The age of the oldest record a consumer at this offset has not consumed; 0 at the log end.
    assert.equal(topic.timeLagMs(0, 6, 1_000), 900);
    assert.equal(topic.timeLagMs(0, 8, 1_000), 700);
    assert.equal(topic.timeLagMs(0, 10, 1_000), 0);
    assert.equal(topic.timeLagMs(1, 0, 1_000), 0);
  });

  it('keeps at most MAX_TIME_RUNS runs per partition; merged old runs only ever make records older', () => {
    const topic = new Topic('t', 1);
    const exact: number[] = [];
    for (let tick = 0; tick < 5_000; tick++) {
      topic.append(0, 2, tick * 100);
      exact.push(tick * 100, tick * 100);
    }
    assert.ok(topic.recordTimes.runCount(0) <= MAX_TIME_RUNS, `${topic.recordTimes.runCount(0)} runs`);
    for (let o = 0; o < exact.length; o += 37) {
      const t = topic.recordTimes.timestampAt(0, o)!;
      assert.ok(t <= exact[o]!, `offset ${o}: ${t} ≤ ${exact[o]}`);
    }
    // The newest records keep their exact times.
    for (let o = exact.length - 100; o < exact.length; o++) assert.equal(topic.recordTimes.timestampAt(0, o), exact[o]);
  });
});
