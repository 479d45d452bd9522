import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StickyPartitioner } from '../../../src/sim/partitioner';

function run(p: StickyPartitioner, ticks: number, perTick: number, partitions: number, recordBytes: number): number[] {
  const out = new Array<number>(partitions).fill(0);
  for (let t = 0; t < ticks; t++) p.distribute(perTick, partitions, recordBytes, out);
  return out;
}

describe('StickyPartitioner (KIP-794, simplified)', () => {
  it('same seed → same distribution; different seed → (almost surely) different', () => {
    const a = run(new StickyPartitioner(7), 50, 333, 6, 100);
    const b = run(new StickyPartitioner(7), 50, 333, 6, 100);
    const c = run(new StickyPartitioner(8), 50, 333, 6, 100);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('counts sum to the input and never touch a partition ≥ numPartitions', () => {
    const out = new Int32Array(10);
    const p = new StickyPartitioner(1);
    p.distribute(12345, 4, 100, out);
    assert.equal(out.reduce((s, x) => s + x, 0), 12345);
    for (let i = 4; i < 10; i++) assert.equal(out[i], 0);
  });

  it('stays on one partition for ceil(batch.size / recordBytes) records, then picks again', () => {
    const p = new StickyPartitioner(3); // batch.size 16384, 100-byte records → 164 records per run
    const first: number[] = [];
    for (let i = 0; i < 164; i++) first.push(p.next(6, 100));
    assert.equal(new Set(first).size, 1);
    assert.equal(p.switchCount, 2, 'the 164th record reached 16400 ≥ 16384 bytes and triggered the next pick');

    const bulk = new StickyPartitioner(3);
    bulk.distribute(164 * 100, 6, 100, new Array(6).fill(0));
    assert.equal(bulk.switchCount, 101); // first pick + one per full run
  });

  it('distribute is record-for-record identical to calling next() (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 12 })), { maxLength: 15 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 5000 }),
        (seed, calls, recordBytes, batchSize) => {
          const bulk = new StickyPartitioner(seed, batchSize);
          const single = new StickyPartitioner(seed, batchSize);
          let maxP = 1;
          for (const [count, parts] of calls) {
            maxP = Math.max(maxP, parts); // partitions only grow
            const a = new Array<number>(maxP).fill(0);
            const b = new Array<number>(maxP).fill(0);
            bulk.distribute(count, maxP, recordBytes, a);
            for (let i = 0; i < count; i++) b[single.next(maxP, recordBytes)]!++;
            assert.deepEqual(a, b);
            assert.equal(a.reduce((s, x) => s + x, 0), count);
          }
          assert.deepEqual(bulk.getState(), single.getState());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('work is proportional to switches, not records', () => {
    // 1-byte records, 16384 per sticky run: 100M records must take ~6,100 loop iterations.
    const q = new StickyPartitioner(5, 16384);
    const out2 = new Float64Array(3);
    q.distribute(100_000_000, 3, 1, out2);
    assert.equal(q.switchCount, Math.floor(100_000_000 / 16384) + 1);
    assert.equal(out2.reduce((s, x) => s + x, 0), 100_000_000);
  });

  it('roughly uniform over many runs', () => {
    const out = run(new StickyPartitioner(11), 1000, 1640, 4, 100); // 10,000 sticky runs
    const total = out.reduce((s, x) => s + x, 0);
    for (const c of out) assert.ok(Math.abs(c / total - 0.25) < 0.03, `share ${c / total}`);
  });

  it('handles partitions added at run time', () => {
    const p = new StickyPartitioner(2);
    const out = new Array<number>(12).fill(0);
    p.distribute(10_000, 3, 100, out);
    for (let i = 3; i < 12; i++) assert.equal(out[i], 0);
    p.distribute(200_000, 12, 100, out);
    assert.ok(out.slice(3).some((c) => c > 0), 'new partitions receive records');
    assert.equal(out.reduce((s, x) => s + x, 0), 210_000);
  });

  it('re-picks if the current partition no longer exists', () => {
    const p = new StickyPartitioner(4);
    for (let i = 0; i < 50; i++) p.next(100, 100);
    assert.ok(p.currentPartition >= 0);
    assert.equal(p.next(1, 100), 0); // only partition 0 is left
    assert.equal(p.currentPartition, 0);
  });

  it('batch.size 0 is clamped to 1 byte: a new pick for every record', () => {
    const p = new StickyPartitioner(9, 0);
    p.distribute(10, 5, 100, new Array(5).fill(0));
    assert.equal(p.switchCount, 11);
  });

  it('getState / fromState round-trips through JSON and continues identically', () => {
    const a = new StickyPartitioner(99, 1000);
    a.distribute(777, 5, 37, new Array(5).fill(0));
    const b = StickyPartitioner.fromState(JSON.parse(JSON.stringify(a.getState())));
    const outA = new Array<number>(5).fill(0);
    const outB = new Array<number>(5).fill(0);
    a.distribute(5000, 5, 37, outA);
    b.distribute(5000, 5, 37, outB);
    assert.deepEqual(outA, outB);
    assert.deepEqual(a.getState(), b.getState());
  });

  it('rejects bad arguments', () => {
    const p = new StickyPartitioner(1);
    assert.throws(() => p.distribute(1, 0, 100, [0]), RangeError);
    assert.throws(() => p.distribute(-1, 1, 100, [0]), RangeError);
    assert.throws(() => p.distribute(1, 1, 0, [0]), RangeError);
    assert.throws(() => p.distribute(1, 3, 100, [0]), RangeError);
  });
});
