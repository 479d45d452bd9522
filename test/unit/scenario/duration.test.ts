import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DURATION_PATTERN, formatDuration, parseDuration } from '../../../src/sim/scenario/duration';
import { readSchema } from './helpers';

describe('durations', () => {
  it('parses milliseconds and unit strings', () => {
    const cases: Array<[number | string, number]> = [
      [0, 0],
      [250, 250],
      ['500ms', 500],
      ['30s', 30_000],
      ['2m', 120_000],
      ['1h', 3_600_000],
      ['1m30s', 90_000],
      ['1h15m', 4_500_000],
      ['2s500ms', 2_500],
      ['1h2m3s4ms', 3_723_004],
      ['0s', 0],
      ['90s', 90_000],
    ];
    for (const [input, ms] of cases) assert.equal(parseDuration(input), ms, String(input));
  });

  it('rejects malformed values with a RangeError naming the value', () => {
    for (const bad of [-1, 1.5, NaN, Infinity, '', '30', '1.5s', '30 s', ' 30s', 's', 'ms', '1d', '30s1m', '1s1s', '1m1h', '-5s', '1S', '99999999999999999h']) {
      assert.throws(
        () => parseDuration(bad),
        (e: unknown) => e instanceof RangeError && e.message.includes(typeof bad === 'string' ? JSON.stringify(bad) : String(bad)),
        String(bad),
      );
    }
    assert.throws(() => parseDuration(null as unknown as number), RangeError);
  });

  it('formats compactly', () => {
    assert.equal(formatDuration(0), '0ms');
    assert.equal(formatDuration(250), '250ms');
    assert.equal(formatDuration(1_500), '1s500ms');
    assert.equal(formatDuration(30_000), '30s');
    assert.equal(formatDuration(90_000), '1m30s');
    assert.equal(formatDuration(3_600_000), '1h');
    assert.equal(formatDuration(90_000_000), '25h');
    assert.throws(() => formatDuration(-1), RangeError);
    assert.throws(() => formatDuration(0.5), RangeError);
  });

  it('round-trips: parseDuration(formatDuration(ms)) === ms (property)', () => {
    fc.assert(fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), (ms) => parseDuration(formatDuration(ms)) === ms), { numRuns: 500 });
    fc.assert(fc.property(fc.nat({ max: 400_000_000 }), (ms) => parseDuration(formatDuration(ms)) === ms), { numRuns: 500 });
  });

  it('the schema uses the same pattern as the parser', () => {
    const schema = readSchema() as { definitions: { durationString: { pattern: string } } };
    const schemaRe = new RegExp(schema.definitions.durationString.pattern, 'u');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9hms]{0,8}$/), (s) => {
        assert.equal(schemaRe.test(s), DURATION_PATTERN.test(s), s);
      }),
      { numRuns: 500 },
    );
  });
});
