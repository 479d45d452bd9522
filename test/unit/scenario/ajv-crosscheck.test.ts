/**
 * Ajv (the reference JSON Schema implementation; tests only, it generates code at run time) proves
 * the schema is valid draft-07 and must agree with our interpreter on accept/reject.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { SchemaNode, validateScenarioShape, validateWithSchema } from '../../../src/sim/scenario/validate';
import { edited, readFixture, readSchema, repoRoot } from './helpers';
import { mutate, mutationArb } from './mutate';

const schema = readSchema();
const ajv = new Ajv({ strict: true, strictTypes: true, strictTuples: true, strictRequired: true, allErrors: true });
const ajvValidate = ajv.compile(schema);

const minimal = JSON.parse(readFixture('minimal.kafkalab.json'));
const everything = JSON.parse(readFixture('everything.kafkalab.json'));

function agree(value: unknown, label: string): boolean {
  const ajvOk = ajvValidate(value) as boolean;
  const ours = validateScenarioShape(value);
  assert.equal(ours.length === 0, ajvOk, `${label}: Ajv says ${ajvOk ? 'valid' : 'invalid: ' + ajv.errorsText(ajvValidate.errors)}, ours says ${JSON.stringify(ours)}`);
  return ajvOk;
}

describe('schemas/kafkalab.schema.json vs Ajv', () => {
  it('compiles in Ajv strict mode as draft-07', () => {
    assert.equal((schema as { $schema: string }).$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(ajv.validateSchema(schema), true, ajv.errorsText(ajv.errors));
  });

  it('the bundled copy the validator imports is the same file', async () => {
    const { scenarioSchema } = await import('../../../src/sim/scenario/validate');
    assert.deepEqual(scenarioSchema, schema);
  });

  it('every property has a title and a description', () => {
    const missing: string[] = [];
    const walk = (n: unknown, p: string): void => {
      if (n === null || typeof n !== 'object') return;
      const node = n as Record<string, unknown>;
      if (node.properties && typeof node.properties === 'object') {
        for (const [k, v] of Object.entries(node.properties as Record<string, Record<string, unknown>>)) {
          if (typeof v.title !== 'string' || typeof v.description !== 'string') missing.push(`${p}.${k}`);
        }
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${p}/${k}`);
    };
    walk(schema, '#');
    assert.deepEqual(missing, []);
  });

  it('our interpreter generates no code (it must run under a strict CSP, unlike Ajv)', () => {
    for (const f of ['validate.ts', 'load.ts', 'duration.ts']) {
      const src = fs.readFileSync(path.join(repoRoot, 'src/sim/scenario', f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      assert.doesNotMatch(src, /\beval\s*\(|\bFunction\s*\(|from 'ajv'/, f);
    }
  });

  it('agrees on a corpus of valid scenarios', () => {
    assert.ok(agree(minimal, 'minimal'));
    assert.ok(agree(everything, 'everything'));
    const builtin = path.join(repoRoot, 'src/sim/scenarios/builtin');
    if (fs.existsSync(builtin)) {
      for (const f of fs.readdirSync(builtin).filter((x) => x.endsWith('.kafkalab.json'))) {
        assert.ok(agree(JSON.parse(fs.readFileSync(path.join(builtin, f), 'utf8')), f), `${f} is valid`);
      }
    }
  });

  it('agrees on a corpus of broken scenarios', () => {
    const broken: Array<[string, (d: any) => void]> = [
      ['no name', (d) => delete d.name],
      ['empty name', (d) => (d.name = '')],
      ['no topics', (d) => delete d.topics],
      ['topics not a list', (d) => (d.topics = 'orders')],
      ['0 partitions', (d) => (d.topics[0].partitions = 0)],
      ['fractional partitions', (d) => (d.topics[0].partitions = 1.5)],
      ['too many partitions', (d) => (d.topics[0].partitions = 10001)],
      ['illegal topic name', (d) => (d.topics[0].name = 'a b')],
      ['topic named ..', (d) => (d.topics[0].name = '..')],
      ['long topic name', (d) => (d.topics[0].name = 'x'.repeat(250))],
      ['negative rate', (d) => (d.producers[0].ratePerSec = -1)],
      ['rate too high', (d) => (d.producers[0].ratePerSec = 1000001)],
      ['too many keys', (d) => (d.producers[0].keys = 100001)],
      ['unknown producer property', (d) => (d.producers[0].rate = 1)],
      ['unknown top-level property', (d) => (d.extra = 1)],
      ['unknown consumer config', (d) => (d.groups[0].consumers[0].config = { 'fetch.min.bytes': 1 })],
      ['zero session timeout', (d) => (d.groups[0].consumers[0].config = { 'session.timeout.ms': 0 })],
      ['string session timeout', (d) => (d.groups[0].consumers[0].config = { 'session.timeout.ms': '10s' })],
      ['bad auto.offset.reset', (d) => (d.groups[0].consumers[0].config = { 'auto.offset.reset': 'smallest' })],
      ['empty strategy list', (d) => (d.groups[0].assignor = [])],
      ['duplicate strategies', (d) => (d.groups[0].assignor = ['range', 'range'])],
      ['unknown strategy', (d) => (d.groups[0].assignor = 'uniform')],
      ['bad heartbeatMode', (d) => (d.groups[0].consumers[0].heartbeatMode = 'thread')],
      ['consumer without rate', (d) => delete d.groups[0].consumers[0].ratePerSec],
      ['empty topics list', (d) => (d.groups[0].consumers[0].topics = [])],
      ['bad group.instance.id', (d) => (d.groups[0].consumers[0].config = { 'group.instance.id': 'a/b' })],
      ['bad seed', (d) => (d.seed = 'abc')],
      ['tickMs 0', (d) => (d.tickMs = 0)],
      ['negative at', (d) => (d.timeline[0].at = -1)],
      ['bad at string', (d) => (d.timeline[0].at = '30 s')],
      ['at out of order units', (d) => (d.timeline[0].at = '30s1m')],
      ['fractional at', (d) => (d.timeline[0].at = 0.5)],
      ['unknown action', (d) => (d.timeline[0].action = 'kill-consumer')],
      ['missing action', (d) => delete d.timeline[0].action],
      ['missing at', (d) => delete d.timeline[0].at],
      ['action field of another branch', (d) => (d.timeline[0].ratePerSec = 5)],
      ['stall without duration', (d) => (d.timeline[0] = { at: 1, action: 'stall-consumer', consumer: 'billing-1' })],
      ['add-partitions too many', (d) => (d.timeline[0] = { at: 1, action: 'add-partitions', topic: 'orders', partitions: 20000 })],
      ['add-topic without partitions', (d) => (d.timeline[0] = { at: 1, action: 'add-topic', topic: { name: 'x' } })],
      ['timeline not a list', (d) => (d.timeline = {})],
      ['standalone duplicate partitions', (d) => (d.standaloneConsumers = [{ clientId: 's', groupId: 'g', topic: 'orders', partitions: [1, 1], ratePerSec: 1 }])],
      ['standalone without groupId', (d) => (d.standaloneConsumers = [{ clientId: 's', topic: 'orders', ratePerSec: 1 }])],
      ['broker unknown key', (d) => (d.broker = { 'group.max.size': 10 })],
      ['batch.size negative', (d) => (d.producers[0]['batch.size'] = -1)],
      ['recordBytes 0', (d) => (d.producers[0].recordBytes = 0)],
      ['null scenario', () => undefined],
    ];
    for (const [label, edit] of broken) {
      const value = label === 'null scenario' ? null : edited(minimal, edit);
      assert.equal(agree(value, label), false, `${label} must be rejected`);
    }
    for (const v of [0, 'x', [], true]) assert.equal(agree(v, JSON.stringify(v)), false);
  });

  it('agrees on random mutations of valid scenarios (property)', () => {
    let rejected = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (useBig, mutations) => {
        let v = useBig ? everything : minimal;
        for (const m of mutations) v = mutate(v, m);
        total++;
        if (!agree(v, JSON.stringify(mutations))) rejected++;
      }),
      { numRuns: 400 },
    );
    assert.ok(rejected > total / 4 && rejected < total, `a useful mix: ${rejected} of ${total} rejected`);
  });

  it('agrees on the other keywords the interpreter supports (if/then/else, not, const, $ref, additionalProperties schema)', () => {
    const s: SchemaNode & Record<string, unknown> = {
      type: 'object',
      definitions: { pos: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 } },
      properties: { kind: { enum: ['a', 'b'] }, n: { $ref: '#/definitions/pos' }, tags: { type: 'array', maxItems: 2, items: { type: 'string', maxLength: 3 } } },
      additionalProperties: { type: 'boolean' },
      if: { type: 'object', properties: { kind: { const: 'a' } }, required: ['kind'] },
      then: { type: 'object', required: ['n'] },
      else: { not: { type: 'object', required: ['n'] } },
    };
    const check = new Ajv({ strict: false }).compile(s);
    const values: unknown[] = [
      { kind: 'a', n: 1 },
      { kind: 'a' },
      { kind: 'b' },
      { kind: 'b', n: 1 },
      { kind: 'a', n: 10 },
      { kind: 'a', n: 0.75 },
      { kind: 'a', n: 2.5, x: true },
      { kind: 'a', n: 2.5, x: 1 },
      { tags: ['abc', 'd'] },
      { tags: ['abcd'] },
      { tags: ['a', 'b', 'c'] },
      { kind: 'c' },
      [],
    ];
    for (const v of values) {
      const ours = validateWithSchema(s, v);
      assert.equal(ours.length === 0, check(v), `${JSON.stringify(v)}: ${JSON.stringify(ours)}`);
    }
  });
});
