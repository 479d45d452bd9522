/**
 * Hostile input, thrown by the thousand at what reads it (issue 10): generated scenario files at
 * the loader, generated messages at the webview message validator. Each one must end in a clear
 * error (a JSON path, a message, no control characters) or a sensible result (a scenario the engine
 * runs; a message the session applies or refuses with a SimulationError), never an exception.
 * Inputs come from fast-check under the suite's fixed seed (test/unit/seededProperties.ts).
 * How long they take is the benchmark's business (`npm run bench -- --filter limits`); the work is
 * bounded here by the limits themselves (oversized input is refused before it is looked at).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkWebviewMessage } from '../../../src/protocol/messageChecks';
import { formatScenarioErrors, loadScenario } from '../../../src/sim/scenario/load';
import type { Scenario } from '../../../src/sim/scenario/types';
import { Simulation, SimulationError } from '../../../src/sim/simulation';
import { builtinScenario } from '../engine/helpers';
import { readFixture } from '../scenario/helpers';
import { allPaths } from '../scenario/mutate';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202e]/;

/** Values chosen to hurt: extremes, wrong types, control characters, prototype names, size. */
const hostileLeaf: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    -1, 0, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 0.5, -0, 4294967296, 10_001, 1_000_001,
    '', ' ', '-1', 'NaN', 'Infinity', '1e400', '99999999999999999999h', '9007199254740991ms', '30s30s', '1h1h',
    '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x\u001b]0;pwned\u0007', 'line\nbreak', 'rtl\u202e', '\u0000',
    'peter-01', 'consumer-group-01', 'consumer01', 'consumer04', 'producer-1', 'range', 'cooperative-sticky',
    true, false, null, [], {}, [[]], { __proto__: 1 } as unknown as Json,
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
);
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: hostileLeaf },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.constantFrom<Json>('x'.repeat(100_000), Array.from({ length: 20_000 }, (_, i) => i), Array.from({ length: 600 }, (_, i) => ({ clientId: `c${i}`, ratePerSec: 1 }))) },
);

/** Up to three edits (replace, delete, add a key) at paths picked by index. */
const editsArb = fc.array(fc.record({ kind: fc.constantFrom('replace', 'replace', 'delete', 'add'), at: fc.nat(), value: hostileValue, key: fc.oneof(fc.constantFrom('name', 'partitions', 'action', 'at', '__proto__', 'constructor', 'extra', 'session.timeout.ms', 'group.protocol', 'x\n[   1.000s] forged', 'k\u001b]0;t\u0007', 'bidi\u202e', 'c1\u0085'), fc.string({ maxLength: 6 })) }), { minLength: 1, maxLength: 3 });

function edit(base: Json, edits: ReadonlyArray<{ kind: string; at: number; value: Json; key: string }>): Json {
  let doc = JSON.parse(JSON.stringify(base)) as Json;
  for (const original of edits) {
    // A copy: fast-check hands out the same constant instances again and again.
    const e = { ...original, value: JSON.parse(JSON.stringify(original.value)) as Json };
    const paths = allPaths(doc);
    const path = paths[e.at % paths.length]!;
    if (path.length === 0) {
      if (e.kind === 'replace') doc = e.value;
      continue;
    }
    let parent: any = doc;
    for (const k of path.slice(0, -1)) parent = parent[k];
    const last = path[path.length - 1]!;
    if (e.kind === 'replace') parent[last] = e.value;
    else if (e.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    }
    else {
      const target = parent[last];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
      else if (Array.isArray(target)) target.push(e.value);
    }
  }
  return doc;
}

/** Text-level damage JSON.stringify cannot make: a duplicated key, a BOM, deep nesting, truncation. */
const textDamage = fc.constantFrom('none', 'none', 'duplicate-key', 'bom', 'deep', 'truncate', 'nul');
function damage(text: string, kind: string, n: number): string {
  switch (kind) {
    case 'duplicate-key':
      return text.replace(/"name": ("[^"]*")/, '"name": $1, "name": $1');
    case 'bom':
      return '\ufeff' + text;
    case 'deep':
      return text.replace(/"seed": \d+/, `"seed": ${'['.repeat(2_000 + (n % 3_000))}1${']'.repeat(2_000 + (n % 3_000))}`);
    case 'truncate':
      return text.slice(0, n % text.length);
    case 'nul':
      return text.slice(0, n % text.length) + '\u0000' + text.slice(n % text.length);
    default:
      return text;
  }
}

const BASES: Json[] = [
  JSON.parse(readFixture('everything.kafkalab.json')),
  JSON.parse(readFixture('minimal.kafkalab.json')),
  ...['01', '04', '07', '08', '10', '11', '12'].map((id) => builtinScenario(id) as unknown as Json),
];

function assertClearErrors(errors: ReadonlyArray<{ path: string; message: string }>): void {
  assert.ok(errors.length >= 1 && errors.length <= 50, `${errors.length} errors`);
  for (const e of errors) {
    assert.match(e.path, /^\$/);
    assert.ok(e.message.length > 0);
  }
  for (const e of errors) {
    const line = formatScenarioErrors([e as never]);
    assert.doesNotMatch(line, CONTROL, `error text never carries control characters: ${JSON.stringify(line)}`);
    assert.ok(line.length < 800, `error text is bounded: ${line.length} characters`);
  }
}

describe('fuzz: 1,200 hostile scenario files at the loader', () => {
  it('each ends in clear errors, or a scenario the engine runs without throwing', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: BASES.length - 1 }), editsArb, textDamage, fc.nat({ max: 100_000 }), (b, edits, dmg, n) => {
        const text = damage(JSON.stringify(edit(BASES[b]!, edits), null, 2), dmg, n);
        const r = loadScenario(text);
        if (!r.ok) {
          refused++;
          assertClearErrors(r.errors);
          return;
        }
        accepted++;
        const sim = new Simulation(r.scenario as Scenario);
        sim.runUntil(5_000);
        assert.ok(Number.isInteger(sim.now));
      }),
      { numRuns: 1_200 },
    );
    // Both outcomes are exercised (a generator that only ever breaks files proves little).
    assert.ok(accepted >= 50, `${accepted} accepted`);
    assert.ok(refused >= 500, `${refused} refused`);
  });
});

/** Message shapes: the real types with hostile fields, and anything at all. */
const actionNames = fc.constantFrom('set-producer-rate', 'add-producer', 'add-consumer', 'add-standalone-consumer', 'stop-consumer', 'crash-consumer', 'stall-consumer', 'restart-consumer', 'set-consumer-rate', 'add-partitions', 'add-topic', 'add-group', 'set-assignor', 'add-share-group', 'add-share-consumer', 'constructor', '__proto__');
const hostileAction = fc.record(
  {
    action: actionNames,
    producer: fc.oneof(hostileValue, fc.record({ id: hostileValue, topic: fc.constantFrom('peter-01', 'nope'), ratePerSec: hostileValue })),
    consumer: fc.oneof(hostileValue, fc.constantFrom('consumer01', 'consumer02', 'consumer09'), fc.record({ clientId: hostileValue, ratePerSec: hostileValue }, { requiredKeys: ['clientId'] })),
    group: fc.oneof(hostileValue, fc.constantFrom('consumer-group-01', 'share-01'), fc.record({ groupId: hostileValue, consumers: hostileValue }, { requiredKeys: ['groupId'] })),
    topic: fc.oneof(hostileValue, fc.constantFrom('peter-01'), fc.record({ name: hostileValue, partitions: hostileValue })),
    partitions: hostileValue,
    ratePerSec: hostileValue,
    duration: hostileValue,
    assignor: hostileValue,
    at: hostileValue,
  },
  { requiredKeys: ['action'] },
);
/** Mostly plausible values, sometimes hostile: real actions the session may or may not take. */
const maybe = (...plausible: Json[]): fc.Arbitrary<Json> => fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Json>(...plausible) }, { weight: 1, arbitrary: hostileValue });
const consumerName = maybe('consumer01', 'consumer02', 'consumer03', 'consumer09', 'share-consumer-1');
const plausibleAction: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ action: fc.constant('set-producer-rate'), producer: maybe('producer-1', 'producer-2'), ratePerSec: maybe(0, 10, 500, 1_000_000) }),
  fc.record({ action: fc.constant('add-consumer'), group: maybe('consumer-group-01'), consumer: fc.record({ clientId: maybe('consumer07', 'consumer01', 'c-x'), ratePerSec: maybe(5, 50) }) }),
  fc.record({ action: fc.constantFrom('stop-consumer', 'crash-consumer', 'restart-consumer'), consumer: consumerName }),
  fc.record({ action: fc.constant('stall-consumer'), consumer: consumerName, duration: maybe('10s', 30_000, '1m') }),
  fc.record({ action: fc.constant('set-consumer-rate'), consumer: consumerName, ratePerSec: maybe(1, 100) }),
  fc.record({ action: fc.constant('add-partitions'), topic: maybe('peter-01'), partitions: maybe(2, 4, 6, 10_000) }),
  fc.record({ action: fc.constant('add-topic'), topic: fc.record({ name: maybe('peter-02', 'peter-01'), partitions: maybe(1, 3) }) }),
  fc.record({ action: fc.constant('set-assignor'), group: maybe('consumer-group-01'), assignor: maybe('range', 'cooperative-sticky', ['sticky', 'range']) }),
);
const hostileMessage = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('action'), action: plausibleAction }) },
  fc.record({ type: fc.constantFrom('action'), action: hostileAction }),
  fc.record({ type: fc.constantFrom('ready', 'control', 'set-speed', 'action', 'open-describe', 'open-panel', 'compare-protocols', 'nope', '__proto__'), view: hostileValue, command: hostileValue, speed: hostileValue, action: hostileValue, group: hostileValue }, { requiredKeys: ['type'] }),
  { weight: 1, arbitrary: hostileValue },
  { weight: 1, arbitrary: fc.anything() },
);

describe('fuzz: 1,200 hostile webview messages at the validator', () => {
  it('each is refused with a bounded reason, or applies to the session or is refused by the engine', () => {
    let applied = 0;
    let refusedByEngine = 0;
    let refused = 0;
    const scenario = builtinScenario('04');
    fc.assert(
      fc.property(hostileMessage, (m) => {
        const r = checkWebviewMessage(m);
        if (!r.ok) {
          refused++;
          assert.ok(r.message.length > 0 && r.message.length < 1_000, r.message);
          assert.doesNotMatch(r.message, CONTROL);
          return;
        }
        if (r.value.type !== 'action') return;
        const sim = new Simulation(scenario);
        sim.runUntil(2_000);
        try {
          sim.apply(r.value.action);
          applied++;
        } catch (e) {
          if (!(e instanceof SimulationError)) throw e;
          refusedByEngine++;
          return;
        }
        sim.runUntil(4_000);
      }),
      { numRuns: 1_200 },
    );
    assert.ok(refused >= 500, `${refused} refused`);
    assert.ok(applied + refusedByEngine >= 20, `${applied} applied, ${refusedByEngine} refused by the engine`);
  });
});
