import { strict as assert } from 'node:assert';
import { LagSeries } from '../../../src/webview/history';

describe('webview: lag history rings', () => {
  it('keeps at most cap points however long it runs, spread over the whole span, ending at the latest value', () => {
    const s = new LagSeries(50);
    for (let t = 0; t <= 100_000; t += 100) {
      s.add(t, t / 100);
      assert.ok(s.length < 50, `length ${s.length} at ${t}`);
    }
    const ts = s.times();
    assert.equal(ts[0], 0, 'the oldest sample is kept');
    assert.equal(ts[ts.length - 1], 100_000);
    assert.equal(s.last(), 1000);
    assert.ok(s.length >= 20, `still ${s.length} points`);
    // Roughly even: no gap is more than 4× the average.
    const avg = 100_000 / (ts.length - 1);
    for (let i = 1; i < ts.length; i++) assert.ok(ts[i]! - ts[i - 1]! <= avg * 4, `gap ${ts[i]! - ts[i - 1]!} vs average ${avg}`);
    assert.deepEqual(s.range(), [0, 1000]);
  });

  it('replaces a sample at the same time and starts over when time goes back', () => {
    const s = new LagSeries(10);
    s.add(100, 1);
    s.add(100, 2);
    assert.deepEqual([s.times(), s.values()], [[100], [2]]);
    s.add(200, 3);
    s.add(50, 9);
    assert.deepEqual([s.times(), s.values()], [[50], [9]]);
  });

  it('rejects a cap too small to halve', () => {
    assert.throws(() => new LagSeries(2), /cap: 2 is not valid/);
  });
});
