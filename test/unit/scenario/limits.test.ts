/**
 * Issue 10, items 3–6: bounded input. Every limit lives in src/sim/limits.ts; the schema writes the
 * same numbers; oversized input is refused with the path, the value and the limit, cheaply.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/kafka-lab';
import * as limits from '../../../src/sim/limits';
import { checkWebviewMessage } from '../../../src/protocol/messageChecks';
import { findDuplicateKey } from '../../../src/sim/scenario/jsonText';
import { formatScenarioErrors, loadScenario } from '../../../src/sim/scenario/load';
import { escapeForTerminal, showValue } from '../../../src/sim/showValue';
import { fakeIo } from '../cli/fakeIo';

const SCHEMA = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../schemas/kafkalab.schema.json'), 'utf8'));
const base = () => ({
  name: 'limits',
  topics: [{ name: 'orders', partitions: 3 }],
  producers: [{ id: 'p', topic: 'orders', ratePerSec: 10 }],
  groups: [{ groupId: 'g', consumers: [{ clientId: 'c1', ratePerSec: 10 }] }],
});
const errorsOf = (value: unknown) => {
  const r = loadScenario(typeof value === 'string' ? value : JSON.stringify(value));
  assert.ok(!r.ok, 'expected the loader to refuse it');
  return r.errors;
};
const deep = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('limits: one module, the same numbers in the schema', () => {
  it('the schema writes the limits of src/sim/limits.ts', () => {
    const d = SCHEMA.definitions;
    assert.equal(SCHEMA.properties.topics.maxItems, limits.MAX_TOPICS);
    assert.equal(SCHEMA.properties.producers.maxItems, limits.MAX_PRODUCERS);
    assert.equal(SCHEMA.properties.groups.maxItems, limits.MAX_GROUPS);
    assert.equal(SCHEMA.properties.shareGroups.maxItems, limits.MAX_GROUPS);
    assert.equal(SCHEMA.properties.standaloneConsumers.maxItems, limits.MAX_CONSUMERS_TOTAL);
    assert.equal(SCHEMA.properties.timeline.maxItems, limits.MAX_TIMELINE_ENTRIES);
    assert.equal(SCHEMA.properties.name.maxLength, limits.MAX_SCENARIO_NAME_LENGTH);
    assert.equal(SCHEMA.properties.description.maxLength, limits.MAX_DESCRIPTION_LENGTH);
    assert.equal(d.groupSpec.properties.consumers.maxItems, limits.MAX_CONSUMERS_PER_GROUP);
    assert.equal(d.shareGroupSpec.properties.consumers.maxItems, limits.MAX_CONSUMERS_PER_GROUP);
    assert.equal(d.standaloneConsumerSpec.properties.partitions.maxItems, limits.MAX_TOPIC_PARTITIONS);
    assert.equal(d.topicSpec.properties.partitions.maximum, limits.MAX_TOPIC_PARTITIONS);
    assert.equal(d.producerSpec.properties.ratePerSec.maximum, limits.MAX_RATE_PER_SEC);
    assert.equal(d.consumerSpec.properties.ratePerSec.maximum, limits.MAX_RATE_PER_SEC);
    assert.equal(d.durationMs.maximum, limits.MAX_RUN_MS);
    assert.equal(d.topicName.maxLength, limits.MAX_NAME_LENGTH);
    assert.equal(d.topicName.pattern, limits.TOPIC_NAME_PATTERN);
    for (const [where, node] of [
      ['producer id', d.producerSpec.properties.id],
      ['clientId', d.consumerSpec.properties.clientId],
      ['standalone clientId', d.standaloneConsumerSpec.properties.clientId],
      ['share clientId', d.shareConsumerSpec.properties.clientId],
      ['groupId', d.groupSpec.properties.groupId],
      ['share groupId', d.shareGroupSpec.properties.groupId],
      ['host', d.consumerSpec.properties.host],
    ] as const) {
      assert.equal(node.maxLength, limits.MAX_NAME_LENGTH, where);
      assert.equal(node.pattern, limits.NAME_SCHEMA_PATTERN, where);
    }
    assert.equal(new RegExp(limits.NAME_SCHEMA_PATTERN, 'u').test('consumer\u001b]0;x\u0007'), false);
    assert.equal(new RegExp(limits.NAME_SCHEMA_PATTERN, 'u').test('소비자-01'), true);
  });
});

describe('limits: oversized scenario files are refused with the path, the value and the limit', () => {
  it('40,000 listed partitions: one error on the list, not one per item', () => {
    const s = { ...base(), standaloneConsumers: [{ clientId: 's', groupId: 'g2', topic: 'orders', ratePerSec: 1, partitions: Array.from({ length: 40_000 }, (_, i) => i) }] };
    const errors = errorsOf(s);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.path, '$.standaloneConsumers[0].partitions');
    assert.match(errors[0]!.message, /at most 10000 items/);
  });

  it('uniqueItems is checked by value, in one pass: the duplicate at the end of a long list names its first place', () => {
    const topics = Array.from({ length: 99 }, (_, i) => `t${i}`);
    const s = { ...base(), topics: topics.map((name) => ({ name, partitions: 1 })), groups: [{ groupId: 'g', consumers: [{ clientId: 'c1', ratePerSec: 1, topics: [...topics, 't0'] }] }] };
    delete (s as { producers?: unknown }).producers;
    const errors = errorsOf(s);
    assert.deepEqual(errors.map((e) => [e.path, e.message]), [['$.groups[0].consumers[0].topics[99]', 'duplicate of item [0]: the items must be different']]);
  });

  it('100,000 timeline entries: refused at $.timeline; 10,000 valid entries load', () => {
    const entry = (i: number) => ({ at: i, action: 'set-producer-rate', producer: 'p', ratePerSec: i % 100 });
    const tooMany = errorsOf({ ...base(), timeline: Array.from({ length: 100_000 }, (_, i) => entry(i)) });
    assert.deepEqual(tooMany.map((e) => e.path), ['$.timeline']);
    assert.match(tooMany[0]!.message, /at most 10000 items/);
    const atLimit = loadScenario(JSON.stringify({ ...base(), timeline: Array.from({ length: 10_000 }, (_, i) => entry(i)) }));
    assert.ok(atLimit.ok, JSON.stringify(!atLimit.ok && atLimit.errors.slice(0, 3)));
  });

  it('a timeline entry with a wrong field is reported for its own action only', () => {
    const errors = errorsOf({ ...base(), timeline: [{ at: 0, action: 'add-partitions', topic: 'orders', partitions: 'many' }] });
    assert.deepEqual(errors.map((e) => e.path), ['$.timeline[0].partitions']);
  });

  it('consumers per group, consumers in all, partitions in all, topics and groups are capped', () => {
    const consumers = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ clientId: `${prefix}${i}`, ratePerSec: 1 }));
    const perGroup = errorsOf({ ...base(), groups: [{ groupId: 'g', consumers: consumers(501, 'c') }] });
    assert.deepEqual(perGroup.map((e) => e.path), ['$.groups[0].consumers']);
    assert.match(perGroup[0]!.message, /at most 500 items/);
    const viaTimeline = errorsOf({ ...base(), groups: [{ groupId: 'g', consumers: consumers(500, 'c') }], timeline: [{ at: 1, action: 'add-consumer', group: 'g', consumer: { clientId: 'late', ratePerSec: 1 } }] });
    assert.deepEqual(viaTimeline.map((e) => e.path), ['$.timeline[0].consumer']);
    assert.match(viaTimeline[0]!.message, /group "g" would have 501 consumers here; at most 500 per group/);
    const total = errorsOf({ ...base(), groups: [0, 1, 2].map((g) => ({ groupId: `g${g}`, consumers: consumers(400, `g${g}-c`) })) });
    assert.equal(total.length, 1);
    assert.match(formatScenarioErrors(total), /would have 1001 consumers here; at most 1000/);
    const partitions = errorsOf({ ...base(), topics: [{ name: 'a', partitions: 6_000 }, { name: 'orders', partitions: 5_000 }] });
    assert.deepEqual(partitions.map((e) => e.path), ['$.topics[1].partitions']);
    assert.match(partitions[0]!.message, /11000 partitions in all topics together here; at most 10000/);
    const grown = errorsOf({ ...base(), topics: [{ name: 'orders', partitions: 9_000 }, { name: 'b', partitions: 900 }], timeline: [{ at: 5, action: 'add-partitions', topic: 'orders', partitions: 9_500 }] });
    assert.deepEqual(grown.map((e) => e.path), ['$.timeline[0].partitions']);
    assert.equal(errorsOf({ ...base(), topics: Array.from({ length: 101 }, (_, i) => ({ name: `t${i}`, partitions: 1 })), producers: [] })[0]!.path, '$.topics');
  });

  it('names: at most 249 characters and no control characters, anywhere a name goes', () => {
    const long = 'c'.repeat(250);
    const e1 = errorsOf({ ...base(), groups: [{ groupId: 'g', consumers: [{ clientId: long, ratePerSec: 1 }] }] });
    assert.equal(e1[0]!.path, '$.groups[0].consumers[0].clientId');
    assert.match(e1[0]!.message, /at most 249 characters/);
    for (const bad of ['a\nb', 'x\u001b]0;pwned\u0007', 'x\u001b[2J', 'tab\there', 'del\u007f', 'c1\u0085', 'rtl\u202eoverride']) {
      const errors = errorsOf({ ...base(), groups: [{ groupId: bad, consumers: [] }] });
      assert.equal(errors[0]!.path, '$.groups[0].groupId', JSON.stringify(bad));
      assert.match(errors[0]!.message, /a name without control characters/);
      // The value in the message is printed escaped.
      assert.doesNotMatch(formatScenarioErrors(errors), /[\u0000-\u001f\u007f-\u009f\u202e]/);
    }
    const ok = loadScenario(JSON.stringify({ ...base(), groups: [{ groupId: '주문-그룹.v1', consumers: [{ clientId: 'c'.repeat(249), ratePerSec: 1 }] }] }));
    assert.ok(ok.ok);
  });

  it('durations: at most 30 days, and numbers too large for milliseconds are refused, not thrown', () => {
    for (const duration of ['99999999999999999999h', '9007199254740991ms', '721h', 2_592_000_001, 1e300]) {
      const errors = errorsOf({ ...base(), duration });
      assert.equal(errors[0]!.path, '$.duration', String(duration));
    }
    assert.match(formatScenarioErrors(errorsOf({ ...base(), duration: '9007199254740991ms' })), /at most 30 days \(2592000000 ms\)/);
    assert.ok(loadScenario(JSON.stringify({ ...base(), duration: '720h' })).ok);
    assert.equal(errorsOf({ ...base(), timeline: [{ at: '800h', action: 'crash-consumer', consumer: 'c1' }] })[0]!.path, '$.timeline[0].at');
    assert.equal(errorsOf({ ...base(), timeline: [{ at: 0, action: 'stall-consumer', consumer: 'c1', duration: '99999999h' }] })[0]!.path, '$.timeline[0].duration');
  });
});

describe('limits: the CLI', () => {
  const cli = (args: string[], files: Record<string, string> = {}) => {
    const io = fakeIo(files);
    const code = main(args, io);
    return { code, out: io.stdout, err: io.stderr };
  };
  const file = JSON.stringify({ ...base(), duration: '10s' });

  it('--until beyond 30 days or not a duration: exit 2 with the usual message', () => {
    for (const until of ['9007199254740991', '99999999999999999999h', '1e300', '31d']) {
      const r = cli(['run', 's.json', '--until', until], { 's.json': file });
      assert.equal(r.code, 2, until);
      assert.match(r.err, /^kafka-lab run: --until: /, until);
      assert.doesNotMatch(r.err, /unexpected error|at \w+ \(/);
    }
    assert.equal(cli(['run', 's.json', '--until', '2s'], { 's.json': file }).code, 0);
  });

  it('a file that stops a consumer twice runs to the end and shows the skipped action', () => {
    const twice = JSON.stringify({ ...base(), duration: '5s', timeline: [{ at: '1s', action: 'stop-consumer', consumer: 'c1' }, { at: '2s', action: 'stop-consumer', consumer: 'c1' }] });
    const r = cli(['run', 's.json'], { 's.json': twice });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\[ +2\.000s\] timeline action \$\.timeline\[1\] \(stop-consumer\) skipped: consumer: 'c1' is not running/);
  });

  it('nothing it prints can drive the terminal: control characters in arguments come out escaped', () => {
    const r = cli(['run', 'evil\u001b]0;pwned\u0007\n[   1.000s] forged.json']);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.err, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.match(r.err, /evil\\u001b\]0;pwned\\u0007/);
    assert.equal(escapeForTerminal('a\u001b[2Jb\n\tc\u202e'), 'a\\u001b[2Jb\n\tc\\u202e');
  });

  it('assign: 10 million partitions or 20,000 members are refused at once; a BOM is accepted; syntax errors have line and column', () => {
    const input = (topics: Record<string, number>, members = 1) => JSON.stringify({ topics, members: Array.from({ length: members }, (_, i) => ({ id: `m${i}`, subscription: Object.keys(topics) })) });
    const big = cli(['assign', '--strategy', 'range', 'in.json'], { 'in.json': input({ t: 10_000_000 }) });
    assert.equal(big.code, 2);
    assert.match(big.err, /expected an integer from 0 to 1000000/);
    const many = cli(['assign', '--strategy', 'range', 'in.json'], { 'in.json': input({ t: 3 }, 20_000) });
    assert.equal(many.code, 2);
    assert.match(many.err, /\$\.members: 20000 members; at most 10000/);
    const bom = cli(['assign', '--strategy', 'range', 'in.json'], { 'in.json': '\ufeff' + input({ t: 2 }) });
    assert.equal(bom.code, 0, bom.err);
    assert.deepEqual(JSON.parse(bom.out), { m0: [['t', 0], ['t', 1]] });
    const broken = cli(['assign', '--strategy', 'range', 'in.json'], { 'in.json': '{\n  "topics": {"t": 3},\n  "members": [\n}' });
    assert.equal(broken.code, 2);
    assert.match(broken.err, /invalid JSON at line 4, column 1/);
  });
});

describe('limits: webview messages', () => {
  it('an add-group with 20,000 consumers is refused, naming the field and the limit', () => {
    const consumers = Array.from({ length: 20_000 }, (_, i) => ({ clientId: `c${i}`, ratePerSec: 1 }));
    const r = checkWebviewMessage({ type: 'action', action: { action: 'add-group', group: { groupId: 'big', consumers } } });
    assert.ok(!r.ok);
    assert.match(r.message, /^action\.group\.consumers: .* is not valid: expected a list of at most 500 items$/);
  });

  it('a group id in open-describe is a name: bounded, no control characters', () => {
    assert.ok(checkWebviewMessage({ type: 'open-describe', group: 'consumer-group-01' }).ok);
    for (const group of ['', 'g'.repeat(250), 'g\u001b[2J', 42]) {
      const r = checkWebviewMessage({ type: 'open-describe', group });
      assert.ok(!r.ok, JSON.stringify(group));
      assert.match(r.message, /^group: .* is not valid: expected a group id \(/);
    }
  });

  it('deeply nested values are printed bounded, never overflowing the stack', () => {
    const nested = deep(200_000);
    const r = checkWebviewMessage({ type: 'set-speed', speed: nested });
    assert.ok(!r.ok);
    assert.ok(r.message.length < 200, r.message);
    assert.equal(showValue(nested), '[[[[[...]]]]]');
    const wide = showValue({ a: 'x'.repeat(10_000), b: Array.from({ length: 1_000 }, (_, i) => i) }, 40);
    assert.ok(wide.length <= 40, wide);
    assert.doesNotThrow(() => checkWebviewMessage({ type: 'action', action: { action: 'add-group', group: deep(100_000) } }));
  });
});

describe('limits: duplicate JSON keys', () => {
  it('are refused, naming the key, its path and line, as VS Code flags them', () => {
    const text = '{\n  "name": "a",\n  "topics": [{ "name": "orders", "partitions": 1, "partitions": 2 }],\n  "name": "b"\n}';
    const errors = errorsOf(text);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.path, '$.topics[0].partitions');
    assert.equal(errors[0]!.line, 3);
    assert.match(errors[0]!.message, /^duplicate key "partitions" at line 3, column \d+: the key already appears at line 3 of this object/);
    assert.equal(findDuplicateKey('{"a": {"b": 1}, "c": {"b": 2}, "s": "\\"a\\": 1, \\"a\\""}'), undefined, 'the same key in different objects, or inside strings, is fine');
    assert.equal(findDuplicateKey('[{"a":1},{"a":2},{"x":[{"k":1,"k":2}]}]')?.path, '$[2].x[0].k');
  });
});

describe('limits: keys from a file are quoted and escaped in every message', () => {
  it('an unknown property with a line break cannot forge a line of output', () => {
    const text = JSON.stringify({ ...base(), 'x\n[   1.000s] forged': 1, 'k\u001b]0;t\u0007': 2 });
    const lines = formatScenarioErrors(errorsOf(text)).split('\n');
    assert.equal(lines.length, 2, lines.join('\n'));
    for (const line of lines) assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f]/);
    assert.match(lines[0]!, /unknown property "x\\n\[ {3}1\.000s\] forged"/);
  });
});

describe('limits: the text of a file is bounded before it is parsed', () => {
  it('deep nesting and oversized text are refused at once, with a position', () => {
    const deepText = `{"name":"x","seed":${'['.repeat(2_000_000)}1${']'.repeat(2_000_000)},"topics":[]}`;
    const deepErrors = errorsOf(deepText);
    assert.deepEqual(deepErrors.map((e) => [e.path, e.line, e.column]), [['$', 1, 19 + 64]]);
    assert.match(deepErrors[0]!.message, /^nested more than 64 levels deep at line 1, column 83$/);
    const big = errorsOf(JSON.stringify({ ...base(), description: 'x'.repeat(8_000_001) }));
    assert.match(big[0]!.message, /characters; at most 8000000 are read/);
    assert.ok(loadScenario(JSON.stringify({ ...base(), description: '[[[[ not nesting, a string ]]]]'.repeat(10) })).ok, 'brackets inside strings do not count');
  });
});
