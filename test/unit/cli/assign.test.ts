/**
 * `kafka-lab assign` in-process, with a fake CliIo.
 */
import * as assert from 'node:assert/strict';
import { assignCommand } from '../../../src/cli/commands/assign';
import { main } from '../../../src/cli/kafka-lab';
import { fakeIo } from './fakeIo';


const JAVADOC_INPUT = JSON.stringify({
  topics: { t0: 3, t1: 3 },
  members: [
    { id: 'C1', subscription: ['t0', 't1'] },
    { id: 'C0', subscription: ['t0', 't1'] },
  ],
});

describe('kafka-lab assign', () => {
  it('prints the range assignment as JSON, every member in input order, lists sorted', () => {
    const io = fakeIo({ 'in.json': JAVADOC_INPUT });
    assert.equal(assignCommand(['--strategy', 'range', 'in.json'], io), 0);
    assert.equal(io.stderr, '');
    assert.equal(io.stdout, '{\n  "C1": [["t0", 2], ["t1", 2]],\n  "C0": [["t0", 0], ["t0", 1], ["t1", 0], ["t1", 1]]\n}\n');
    assert.deepEqual(Object.keys(JSON.parse(io.stdout)), ['C1', 'C0']);
  });

  it('runs every strategy; cooperative-sticky withholds what moves; accepts --strategy=S and extra top-level fields', () => {
    const doc = {
      id: 'a reference case',
      strategy: 'ignored',
      topics: { t: 4 },
      members: [
        { id: 'a', subscription: ['t'], ownedPartitions: [['t', 0], ['t', 1], ['t', 2], ['t', 3]], generation: 1 },
        { id: 'b', subscription: ['t'], generation: 1, groupInstanceId: null },
      ],
    };
    const expected: Record<string, unknown> = {
      range: { a: [['t', 0], ['t', 1]], b: [['t', 2], ['t', 3]] },
      roundrobin: { a: [['t', 0], ['t', 2]], b: [['t', 1], ['t', 3]] },
      sticky: { a: [['t', 0], ['t', 1]], b: [['t', 2], ['t', 3]] },
      'cooperative-sticky': { a: [['t', 0], ['t', 1]], b: [] },
    };
    for (const [strategy, want] of Object.entries(expected)) {
      const io = fakeIo({ 'in.json': JSON.stringify(doc) });
      assert.equal(assignCommand([`--strategy=${strategy}`, 'in.json'], io), 0, strategy);
      assert.deepEqual(JSON.parse(io.stdout), want, strategy);
    }
  });

  it('prints {} for no members', () => {
    const io = fakeIo({ 'in.json': '{"topics": {}, "members": []}' });
    assert.equal(assignCommand(['--strategy', 'sticky', 'in.json'], io), 0);
    assert.equal(io.stdout, '{}\n');
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"topics": ', /in\.json: invalid JSON at line 1, column 12: /],
    ['root not an object', '[1, 2]', /\$: expected an object .*got \[1,2\]/],
    ['topics missing', '{"members": []}', /\$\.topics: missing/],
    ['topics an array', '{"topics": [3], "members": []}', /\$\.topics: expected an object of topic name → partition count, got \[3\]/],
    ['negative partition count', '{"topics": {"orders": -1}, "members": []}', /\$\.topics\.orders: bad partition count -1; expected an integer from 0 to/],
    ['fractional partition count', '{"topics": {"my-topic": 1.5}, "members": []}', /\$\.topics\["my-topic"\]: bad partition count 1\.5/],
    ['partition count as a string', '{"topics": {"t": "3"}, "members": []}', /\$\.topics\.t: bad partition count "3"/],
    ['members not an array', '{"topics": {}, "members": {}}', /\$\.members: expected an array of members, got \{\}/],
    ['member id missing', '{"topics": {}, "members": [{"subscription": []}]}', /\$\.members\[0\]\.id: expected a non-empty member id string, got nothing/],
    ['duplicate member ids', '{"topics": {}, "members": [{"id": "a", "subscription": []}, {"id": "a", "subscription": []}]}', /\$\.members\[1\]\.id: duplicate member id "a" \(also at \$\.members\[0\]\.id\)/],
    ['subscription of numbers', '{"topics": {}, "members": [{"id": "a", "subscription": ["t", 7]}]}', /\$\.members\[0\]\.subscription\[1\]: expected a topic name \(non-empty string\), got 7/],
    ['typo in a field name', '{"topics": {}, "members": [{"id": "a", "subscriptions": ["t"]}]}', /\$\.members\[0\]\.subscriptions: unknown field/],
    ['owned partition not a pair', '{"topics": {"t": 1}, "members": [{"id": "a", "subscription": ["t"], "ownedPartitions": ["t-0"]}]}', /\$\.members\[0\]\.ownedPartitions\[0\]: expected a \["topic", partition\] pair, got "t-0"/],
    ['negative owned partition', '{"topics": {"t": 1}, "members": [{"id": "a", "subscription": ["t"], "ownedPartitions": [["t", -2]]}]}', /\$\.members\[0\]\.ownedPartitions\[0\]\[1\]: expected a partition number \(integer ≥ 0\), got -2/],
    ['bad generation', '{"topics": {}, "members": [{"id": "a", "subscription": [], "generation": "1"}]}', /\$\.members\[0\]\.generation: expected an integer from -1 \(none\) to \d+, got "1"/],
  ];
  for (const [what, text, message] of bad) {
    it(`bad input (${what}) → exit 2 with a message naming the path and the value, no stack trace`, () => {
      const io = fakeIo({ 'in.json': text });
      assert.equal(main(['assign', '--strategy', 'range', 'in.json'], io), 2);
      assert.equal(io.stdout, '');
      assert.match(io.stderr, /^kafka-lab assign: /);
      assert.match(io.stderr, message);
      assert.doesNotMatch(io.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  it('bad usage → exit 2: unknown or missing strategy, missing or extra file, unreadable file', () => {
    const cases: [string[], RegExp][] = [
      [['--strategy', 'uniform', 'in.json'], /option '--strategy' has bad value "uniform": expected one of range, roundrobin, sticky, cooperative-sticky/],
      [['in.json'], /missing option '--strategy'/],
      [['--strategy', 'range'], /missing INPUT\.json/],
      [['--strategy', 'range', 'in.json', 'other.json'], /expected one INPUT\.json, got 2 files/],
      [['--strategy', 'range', 'nope.json'], /cannot read 'nope\.json': ENOENT/],
      [['--strategy', 'range', '--json', 'in.json'], /unknown option '--json'/],
    ];
    for (const [args, message] of cases) {
      const io = fakeIo({ 'in.json': JAVADOC_INPUT });
      assert.equal(main(['assign', ...args], io), 2, args.join(' '));
      assert.match(io.stderr, message);
    }
  });
});
