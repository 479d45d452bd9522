import assert from 'node:assert/strict';
import { checkScenario, formatScenarioErrors, lineColumn, loadScenario, locateJsonError } from '../../../src/sim/scenario/load';
import type { ScenarioError } from '../../../src/sim/scenario/validate';
import { edited, readFixture } from './helpers';

const minimal = JSON.parse(readFixture('minimal.kafkalab.json'));
const everything = JSON.parse(readFixture('everything.kafkalab.json'));

function errorsOf(value: unknown): ScenarioError[] {
  const r = checkScenario(value);
  if (r.ok) assert.fail('expected errors, but the scenario loaded');
  return r.errors;
}
function expectError(value: unknown, path: string, valueOrUndefined: unknown, messagePart: RegExp): ScenarioError[] {
  const errors = errorsOf(value);
  const hit = errors.find((e) => e.path === path);
  assert.ok(hit, `no error at ${path}; got:\n${formatScenarioErrors(errors)}`);
  assert.deepEqual(hit.value, valueOrUndefined);
  assert.match(hit.message, messagePart);
  return errors;
}

describe('loadScenario: valid files', () => {
  for (const name of ['minimal.kafkalab.json', 'everything.kafkalab.json']) {
    it(`loads ${name}`, () => {
      const r = loadScenario(readFixture(name));
      assert.ok(r.ok, r.ok ? '' : formatScenarioErrors(r.errors));
      assert.equal(r.scenario.name, JSON.parse(readFixture(name)).name);
    });
  }
  it('accepts a UTF-8 BOM and CRLF line ends', () => {
    const r = loadScenario('\ufeff' + readFixture('minimal.kafkalab.json').replace(/\n/g, '\r\n'));
    assert.ok(r.ok);
  });
  it('timeline entries may use things created by earlier entries, in time order (not file order)', () => {
    const s = edited(minimal, (d) => {
      d.timeline = [
        { at: '20s', action: 'crash-consumer', consumer: 'late' },
        { at: '10s', action: 'add-consumer', group: 'billing', consumer: { clientId: 'late', ratePerSec: 1 } },
        { at: '10s', action: 'stop-consumer', consumer: 'late' }, // same time, later in the file
      ];
    });
    assert.ok(checkScenario(s).ok);
  });
});

describe('loadScenario: JSON syntax errors', () => {
  it('reports line and column', () => {
    const text = '{\n  "name": "x",\n  "topics": [ { "name": "t", "partitions": 3 }, ]\n}';
    const r = loadScenario(text);
    assert.ok(!r.ok);
    assert.equal(r.errors.length, 1);
    const e = r.errors[0]!;
    assert.equal(e.path, '$');
    assert.equal(e.line, 3);
    assert.equal(e.column, text.split('\n')[2]!.indexOf(']') + 1);
    assert.match(e.message, /^invalid JSON at line 3, column \d+: /);
    assert.doesNotMatch(e.message, /is not valid JSON/, 'the echo of the source text is dropped');
    assert.ok(!e.message.includes('\n'), 'one line');
  });
  it('missing comma (a message with a position)', () => {
    const r = loadScenario('{\n"name": "x"\n"topics": []}');
    assert.ok(!r.ok);
    assert.equal(r.errors[0]!.line, 3);
    assert.equal(r.errors[0]!.column, 1);
  });
  it('unexpected end of input', () => {
    const r = loadScenario('{\n  "name": "x",\n  "topics": [');
    assert.ok(!r.ok);
    assert.deepEqual([r.errors[0]!.line, r.errors[0]!.column], [3, 14]);
  });
  it('empty text', () => {
    const r = loadScenario('');
    assert.ok(!r.ok);
    assert.deepEqual([r.errors[0]!.line, r.errors[0]!.column], [1, 1]);
  });
  it('lineColumn handles \\n, \\r\\n and \\r', () => {
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
    assert.deepEqual(lineColumn('ab\r\ncd', 5), { line: 2, column: 2 });
    assert.deepEqual(lineColumn('ab\rcd', 3), { line: 2, column: 1 });
    assert.deepEqual(lineColumn('', 0), { line: 1, column: 1 });
  });
  it('locateJsonError finds the first error where JSON.parse fails, and nothing where it succeeds', () => {
    const cases: Array<[string, number | undefined]> = [
      ['{"a":}', 5],
      ['[1,2,]', 5],
      ['{"a":1', 6],
      ['{"a" 1}', 5],
      ['{a:1}', 1],
      ['[1 2]', 3],
      ['nul', 3],
      ['{"a":1}}', 7],
      ['"\\q"', 2],
      ['01', 1],
      ['"a\nb"', 2],
      ['-', 1],
      ['1.', 2],
      ['1e', 2],
      ['"\\u12G4"', 5],
      ['', 0],
      ['  ', 2],
      ['{"a":[1,{"b":null}],"c":"\\u00e9"}', undefined],
      ['[[[[]]]]', undefined],
      [' -0.5e+3 ', undefined],
    ];
    for (const [text, pos] of cases) {
      const found = locateJsonError(text);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      assert.equal(found === undefined, parses, `${JSON.stringify(text)} agrees with JSON.parse`);
      assert.equal(found?.position, pos, JSON.stringify(text));
    }
    assert.equal(locateJsonError('['.repeat(100_000))?.position, 100_000, 'deep nesting does not overflow');
  });
});

describe('loadScenario: schema errors', () => {
  it('the example from the docs: a negative partition count', () => {
    const errors = expectError(edited(minimal, (d) => (d.topics[0].partitions = -3)), '$.topics[0].partitions', -3, /^expected an integer ≥ 1$/);
    assert.equal(formatScenarioErrors(errors), '$.topics[0].partitions: -3 is not valid: expected an integer ≥ 1');
  });
  it('wrong types, ranges and enums', () => {
    expectError(edited(minimal, (d) => (d.topics[0].partitions = 10001)), '$.topics[0].partitions', 10001, /≤ 10000/);
    expectError(edited(minimal, (d) => (d.topics[0].partitions = 2.5)), '$.topics[0].partitions', 2.5, /an integer from 1 to 10000/);
    expectError(edited(minimal, (d) => (d.topics[0].partitions = '6')), '$.topics[0].partitions', '6', /an integer/);
    expectError(edited(minimal, (d) => (d.producers[0].ratePerSec = 2e6)), '$.producers[0].ratePerSec', 2e6, /a number ≤ 1000000/);
    expectError(edited(minimal, (d) => (d.groups[0].consumers[1].ratePerSec = -1)), '$.groups[0].consumers[1].ratePerSec', -1, /a number ≥ 0/);
    expectError(edited(minimal, (d) => (d.producers[0].keys = 100001)), '$.producers[0].keys', 100001, /≤ 100000/);
    expectError(edited(minimal, (d) => (d.groups[0].consumers[0].config = { 'session.timeout.ms': 0 })), '$.groups[0].consumers[0].config["session.timeout.ms"]', 0, /an integer > 0/);
    expectError(edited(minimal, (d) => (d.groups[0].consumers[0].config = { 'auto.offset.reset': 'earlest' })), '$.groups[0].consumers[0].config["auto.offset.reset"]', 'earlest', /one of "earliest", "latest", "none"; did you mean "earliest"\?/);
    expectError(edited(minimal, (d) => (d.groups[0].assignor = ['range', 'range'])), '$.groups[0].assignor[1]', 'range', /duplicate of item \[0\]/);
    expectError(edited(minimal, (d) => (d.groups[0].assignor = 'sticky-cooperative')), '$.groups[0].assignor', 'sticky-cooperative', /one of "range", "roundrobin", "sticky", "cooperative-sticky"/);
    expectError(edited(minimal, (d) => (d.topics[0].name = 'bad name!')), '$.topics[0].name', 'bad name!', /a string like "orders" or "payments.v1"/);
    expectError(edited(minimal, (d) => (d.topics = [])), '$.topics', [], /non-empty list/);
    expectError([], '$', [], /an object/);
  });
  it('missing and unknown properties', () => {
    expectError(edited(minimal, (d) => delete d.topics[0].partitions), '$.topics[0].partitions', undefined, /missing required property "partitions" \(an integer from 1 to 10000\)/);
    expectError(edited(minimal, (d) => delete d.name), '$.name', undefined, /missing required property "name"/);
    expectError(edited(minimal, (d) => (d.topics[0].partiton = 3)), '$.topics[0].partiton', 3, /unknown property "partiton"; did you mean "partitions"\?/);
    expectError(edited(minimal, (d) => (d.groups[0].consumers[0].config = { 'session.timeout': 1 })), '$.groups[0].consumers[0].config["session.timeout"]', 1, /did you mean "session.timeout.ms"/);
    expectError(edited(minimal, (d) => (d.zzz = true)), '$.zzz', true, /unknown property "zzz" \(allowed here: \$schema, name, /);
  });
  it('timeline actions: the errors of the branch named by "action", not "matches no branch"', () => {
    const errors = expectError(
      edited(minimal, (d) => (d.timeline = [{ at: '5s', action: 'add-partitions', topic: 'orders', partitions: 'twelve' }])),
      '$.timeline[0].partitions',
      'twelve',
      /expected an integer from 1 to 10000/,
    );
    assert.equal(errors.length, 1, formatScenarioErrors(errors));
    expectError(edited(minimal, (d) => (d.timeline = [{ at: '5s', action: 'crash-consumer' }])), '$.timeline[0].consumer', undefined, /missing required property "consumer"/);
    expectError(edited(minimal, (d) => (d.timeline = [{ at: '5s', action: 'crash-consumer', consumer: 'billing-1', extra: 1 }])), '$.timeline[0].extra', 1, /unknown property "extra"/);
    const unknownAction = errorsOf(edited(minimal, (d) => (d.timeline = [{ at: '5s', action: 'crash-consumr', consumer: 'x' }])));
    assert.equal(unknownAction.length, 1, formatScenarioErrors(unknownAction));
    assert.equal(unknownAction[0]!.path, '$.timeline[0].action');
    assert.match(unknownAction[0]!.message, /did you mean "crash-consumer"/);
    const noAt = errorsOf(edited(minimal, (d) => delete d.timeline[0].at));
    assert.deepEqual(noAt.map((e) => e.path), ['$.timeline[0].at'], formatScenarioErrors(noAt));
    const noAction = errorsOf(edited(minimal, (d) => (d.timeline = [{ at: '5s', consumer: 'x' }])));
    assert.equal(noAction.length, 1, formatScenarioErrors(noAction));
    assert.equal(noAction[0]!.path, '$.timeline[0].action');
  });
  it('durations: a clear message for a bad string or type', () => {
    expectError(edited(minimal, (d) => (d.timeline[0].at = '30 seconds')), '$.timeline[0].at', '30 seconds', /a string like "500ms", "30s", "2m" or "1m30s"/);
    expectError(edited(minimal, (d) => (d.timeline[0].at = -5)), '$.timeline[0].at', -5, /an integer ≥ 0/);
    expectError(edited(minimal, (d) => (d.timeline[0].at = true)), '$.timeline[0].at', true, /an integer from 0 to 2592000000 or a string like "500ms"/);
  });
  it('reports many errors at once, capped at 50', () => {
    const many = edited(minimal, (d) => {
      d.topics = Array.from({ length: 100 }, (_, i) => ({ name: `t${i}`, partitions: 0 }));
    });
    const errors = errorsOf(many);
    assert.equal(errors.length, 50);
    assert.equal(errors[49]!.path, '$.topics[49].partitions');
  });
});

describe('loadScenario: semantic errors', () => {
  it('duplicate topic names, producer ids, group ids and client ids', () => {
    expectError(edited(minimal, (d) => d.topics.push({ name: 'orders', partitions: 1 })), '$.topics[1].name', 'orders', /duplicate topic name; the topic is already defined at \$\.topics\[0\]\.name/);
    expectError(edited(minimal, (d) => d.producers.push({ id: 'web', topic: 'orders', ratePerSec: 1 })), '$.producers[1].id', 'web', /duplicate producer id/);
    expectError(edited(minimal, (d) => d.groups.push({ groupId: 'billing' })), '$.groups[1].groupId', 'billing', /duplicate groupId/);
    expectError(edited(minimal, (d) => d.groups.push({ groupId: 'other', consumers: [{ clientId: 'billing-1', ratePerSec: 1 }] })), '$.groups[1].consumers[0].clientId', 'billing-1', /duplicate consumer clientId; already used at \$\.groups\[0\]\.consumers\[0\]\.clientId/);
    expectError(
      edited(minimal, (d) => (d.standaloneConsumers = [{ clientId: 'billing-2', groupId: 'billing', topic: 'orders', ratePerSec: 1 }])),
      '$.standaloneConsumers[0].clientId',
      'billing-2',
      /duplicate consumer clientId/,
    );
    expectError(edited(everything, (d) => d.timeline.push({ at: '3m', action: 'add-topic', topic: { name: 'audit', partitions: 1 } })), '$.timeline[13].topic.name', 'audit', /duplicate topic name; the topic is already defined at \$\.timeline\[1\]\.topic\.name/);
  });
  it('unknown topics, producers, groups and consumers', () => {
    expectError(edited(minimal, (d) => (d.producers[0].topic = 'order')), '$.producers[0].topic', 'order', /unknown topic "order" \(known topics: "orders"\)/);
    expectError(edited(minimal, (d) => (d.groups[0].consumers[0].topics = ['orders', 'nope'])), '$.groups[0].consumers[0].topics[1]', 'nope', /unknown topic "nope"/);
    expectError(edited(minimal, (d) => (d.timeline[0].consumer = 'billing-9')), '$.timeline[0].consumer', 'billing-9', /unknown consumer "billing-9" \(known consumers: "billing-1", "billing-2"\)/);
    expectError(edited(minimal, (d) => d.timeline.push({ at: 0, action: 'set-producer-rate', producer: 'api', ratePerSec: 1 })), '$.timeline[1].producer', 'api', /unknown producer "api"/);
    expectError(edited(minimal, (d) => d.timeline.push({ at: 0, action: 'set-assignor', group: 'biling', assignor: 'range' })), '$.timeline[1].group', 'biling', /unknown group "biling"/);
    expectError(edited(minimal, (d) => d.timeline.push({ at: 0, action: 'add-consumer', group: 'x', consumer: { clientId: 'c', ratePerSec: 1 } })), '$.timeline[1].group', 'x', /unknown group "x" \(known groups: "billing"\)/);
    expectError(
      edited(minimal, (d) => (d.standaloneConsumers = [{ clientId: 's', groupId: 'g', topic: 'orders', partitions: [5, 6], ratePerSec: 1 }])),
      '$.standaloneConsumers[0].partitions[1]',
      6,
      /partitions 0 to 5/,
    );
  });
  it('referring to something the timeline creates only later says when it is created', () => {
    expectError(
      edited(minimal, (d) => {
        d.timeline = [
          { at: '1m', action: 'add-topic', topic: { name: 'later', partitions: 1 } },
          { at: '30s', action: 'add-partitions', topic: 'later', partitions: 2 },
        ];
      }),
      '$.timeline[1].topic',
      'later',
      /unknown topic "later" at this point: it is only created at 1m by \$\.timeline\[0\]/,
    );
  });
  it('add-partitions must increase the count, counting earlier add-partitions', () => {
    expectError(edited(minimal, (d) => d.timeline.push({ at: '1m', action: 'add-partitions', topic: 'orders', partitions: 6 })), '$.timeline[1].partitions', 6, /greater than the current partition count of "orders" \(6 at this point\)/);
    expectError(
      edited(minimal, (d) => {
        d.timeline.push({ at: '2m', action: 'add-partitions', topic: 'orders', partitions: 8 });
        d.timeline.push({ at: '1m', action: 'add-partitions', topic: 'orders', partitions: 10 });
      }),
      '$.timeline[1].partitions',
      8,
      /\(10 at this point\)/,
    );
    expectError(edited(minimal, (d) => d.timeline.push({ at: '1m', action: 'add-partitions', topic: 'orders', partitions: 10001 })), '$.timeline[1].partitions', 10001, /≤ 10000/);
  });
  it('refuses client-side session, heartbeat and assignor settings with group.protocol=consumer, as Kafka 4.x clients do', () => {
    const cfg = (c: object) => edited(minimal, (d) => (d.groups[0].consumers[0].config = { 'group.protocol': 'consumer', ...c }));
    expectError(cfg({ 'session.timeout.ms': 30000 }), '$.groups[0].consumers[0].config["session.timeout.ms"]', 30000, /not supported with group.protocol=consumer .*group.consumer.session.timeout.ms applies/);
    expectError(cfg({ 'heartbeat.interval.ms': 1000 }), '$.groups[0].consumers[0].config["heartbeat.interval.ms"]', 1000, /group.consumer.heartbeat.interval.ms applies/);
    expectError(cfg({ 'partition.assignment.strategy': 'range' }), '$.groups[0].consumers[0].config["partition.assignment.strategy"]', 'range', /choose its assignor with group.remote.assignor/);
    // The classic protocol takes them, and group.remote.assignor is the consumer protocol's way.
    const fine = loadScenario(JSON.stringify(edited(minimal, (d) => (d.groups[0].consumers[0].config = { 'group.protocol': 'consumer', 'group.remote.assignor': 'range' }))));
    assert.ok(fine.ok, JSON.stringify(fine));
  });

  it('heartbeat.interval.ms must be lower than session.timeout.ms (defaults included)', () => {
    const cfg = (c: object) => edited(minimal, (d) => (d.groups[0].consumers[0].config = c));
    expectError(cfg({ 'session.timeout.ms': 10000, 'heartbeat.interval.ms': 10000 }), '$.groups[0].consumers[0].config["heartbeat.interval.ms"]', 10000, /lower than session.timeout.ms \(10000\)/);
    expectError(cfg({ 'heartbeat.interval.ms': 50000 }), '$.groups[0].consumers[0].config["heartbeat.interval.ms"]', 50000, /\(45000, the default\)/);
    expectError(
      edited(minimal, (d) => {
        d.broker = { 'group.min.session.timeout.ms': 1000 };
        d.groups[0].consumers[0].config = { 'session.timeout.ms': 2000 };
      }),
      '$.groups[0].consumers[0].config["session.timeout.ms"]',
      2000,
      /greater than heartbeat.interval.ms \(3000, the default\)/,
    );
  });
  it('session.timeout.ms within the broker limits; min ≤ max', () => {
    expectError(edited(minimal, (d) => (d.groups[0].consumers[0].config = { 'session.timeout.ms': 5000, 'heartbeat.interval.ms': 1000 })), '$.groups[0].consumers[0].config["session.timeout.ms"]', 5000, /between the broker's group.min.session.timeout.ms \(6000\) and group.max.session.timeout.ms \(1800000\)/);
    expectError(edited(minimal, (d) => (d.broker = { 'group.max.session.timeout.ms': 30000 })), '$.groups[0].consumers[0]', undefined, /the default session.timeout.ms \(45000\) must be between/);
    expectError(edited(minimal, (d) => (d.broker = { 'group.min.session.timeout.ms': 60000, 'group.max.session.timeout.ms': 50000 })), '$.broker["group.min.session.timeout.ms"]', 60000, /not be greater than group.max.session.timeout.ms \(50000\)/);
    // Standalone consumers never join, so the broker limits do not apply to them.
    const standalone = edited(minimal, (d) => {
      d.standaloneConsumers = [{ clientId: 's', groupId: 'g', topic: 'orders', ratePerSec: 1, config: { 'session.timeout.ms': 4000, 'heartbeat.interval.ms': 1000 } }];
    });
    assert.ok(checkScenario(standalone).ok);
  });
  it('one producer per topic (records are derived from offsets), keyed or not', () => {
    const two = edited(minimal, (d) => d.producers.push({ id: 'app', topic: 'orders', ratePerSec: 5 }));
    expectError(two, '$.producers[1].topic', 'orders', /already has a producer \(\$\.producers\[0\]\.id\)/);
    const keyless = edited(minimal, (d) => d.producers.push({ id: 'app', topic: 'orders', ratePerSec: 5, keys: 0 }));
    expectError(keyless, '$.producers[1].topic', 'orders', /one producer per topic/);
  });

  it('timeline "at" that overflows', () => {
    expectError(edited(minimal, (d) => (d.timeline[0].at = '99999999999999999h')), '$.timeline[0].at', '99999999999999999h', /malformed or too large/);
  });
});

describe('formatScenarioErrors', () => {
  it('one line per error; missing values have no "is not valid"', () => {
    const text = formatScenarioErrors([
      { path: '$.a', value: 'x', message: 'expected a number' },
      { path: '$.b', value: undefined, message: 'missing required property "b"' },
    ]);
    assert.equal(text, '$.a: "x" is not valid: expected a number\n$.b: missing required property "b"');
  });
  it('shortens long values', () => {
    const text = formatScenarioErrors([{ path: '$', value: 'x'.repeat(500), message: 'm' }]);
    assert.ok(text.length < 120);
  });
});
