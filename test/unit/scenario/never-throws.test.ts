import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkScenario, formatScenarioErrors, loadScenario } from '../../../src/sim/scenario/load';
import type { ScenarioError } from '../../../src/sim/scenario/validate';
import { readFixture } from './helpers';
import { mutate, mutationArb } from './mutate';

const minimal = JSON.parse(readFixture('minimal.kafkalab.json'));
const everything = JSON.parse(readFixture('everything.kafkalab.json'));

function wellFormed(r: ReturnType<typeof loadScenario>): void {
  if (r.ok) {
    assert.equal(typeof r.scenario, 'object');
    return;
  }
  assert.ok(r.errors.length >= 1 && r.errors.length <= 50);
  for (const e of r.errors as ScenarioError[]) {
    assert.equal(typeof e.path, 'string');
    assert.ok(e.path.startsWith('$'));
    assert.equal(typeof e.message, 'string');
    assert.ok(e.message.length > 0);
  }
  assert.equal(typeof formatScenarioErrors(r.errors), 'string');
}

describe('loadScenario never throws', () => {
  it('on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => wellFormed(loadScenario(s))), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => wellFormed(loadScenario(s))), { numRuns: 200 });
  });

  it('on truncated and spliced scenario text (syntax errors with positions)', () => {
    const text = readFixture('everything.kafkalab.json');
    fc.assert(
      fc.property(fc.nat({ max: text.length }), fc.nat({ max: text.length }), fc.string({ maxLength: 3 }), (a, b, ins) => {
        const broken = text.slice(0, Math.min(a, b)) + ins + text.slice(Math.max(a, b));
        const r = loadScenario(broken);
        wellFormed(r);
        let parses = true;
        try {
          JSON.parse(broken);
        } catch {
          parses = false;
        }
        if (!parses) {
          assert.ok(!r.ok);
          const e = r.errors[0]!;
          assert.ok(e.line !== undefined && e.column !== undefined, e.message);
          assert.ok(e.line >= 1 && e.line <= broken.split(/\r\n|\r|\n/).length + 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => wellFormed(loadScenario(JSON.stringify(v) ?? 'null'))), { numRuns: 300 });
    fc.assert(fc.property(fc.anything(), (v) => wellFormed(checkScenario(v))), { numRuns: 200 });
  });

  it('on random mutations of valid scenarios (schema and semantic checks)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (useBig, ms) => {
        let v = useBig ? everything : minimal;
        for (const m of ms) v = mutate(v, m);
        wellFormed(loadScenario(JSON.stringify(v)));
      }),
      { numRuns: 400 },
    );
  });

  it('on deeply nested input', () => {
    wellFormed(loadScenario('['.repeat(50_000) + ']'.repeat(50_000)));
    wellFormed(loadScenario('{"name":"x","topics":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}'));
    wellFormed(loadScenario('['.repeat(50_000)));
  });
});
