import { strict as assert } from 'node:assert';
import { describeMembers, describeOffsets, describeState } from '../../../src/sim/describe';
import { Recorder, simpleScenario } from './helpers';

describe('describe: kafka-consumer-groups.sh --describe', () => {
  const stableRun = (): Recorder => {
    const r = new Recorder(
      simpleScenario({
        partitions: 3,
        rate: 30,
        consumers: [{ clientId: 'c1', ratePerSec: 100 }, { clientId: 'c2', ratePerSec: 100 }],
      }),
    );
    r.sim.runUntil(30_000);
    return r;
  };

  it('prints the offsets view with Kafka’s columns, widths and row order', () => {
    const r = stableRun();
    const g = r.sim.groups.get('g')!;
    const out = describeOffsets(g, 'g', (t) => r.sim.topics.get(t));
    assert.equal(out.notice, undefined);
    const lines = out.text.split('\n');
    assert.equal(lines[0], '', 'output begins with a blank line, every line starts with a newline');
    assert.match(lines[1]!, /^GROUP {11}TOPIC {11}PARTITION {2}CURRENT-OFFSET {2}LOG-END-OFFSET {2}LAG {13}CONSUMER-ID +HOST {12}CLIENT-ID$/);
    // c1 owns two partitions (range: 3 / 2 → first member gets the extra) and comes first.
    assert.deepEqual(out.rows.map((row) => [row.clientId, row.partition]), [['c1', 0], ['c1', 1], ['c2', 2]]);
    for (const row of out.rows) {
      assert.equal(row.lag, row.logEndOffset - row.currentOffset!);
      assert.equal(row.host, '/127.0.0.1');
      assert.match(row.consumerId!, new RegExp(`^${row.clientId}-`));
    }
    const memberIdWidth = out.rows[0]!.consumerId!.length;
    const first = lines[2]!;
    assert.equal(first.slice(0, 16), 'g'.padEnd(15) + ' ');
    assert.equal(first.slice(16, 32), 't'.padEnd(15) + ' ');
    assert.equal(first.slice(32, 43), '0'.padEnd(10) + ' ');
    assert.equal(first.slice(43 + 48, 43 + 48 + memberIdWidth), out.rows[0]!.consumerId);
    assert.ok(first.endsWith(' c1'));
  });

  it('lists committed partitions without an owner with dashes, and says the group has no active members', () => {
    const r = stableRun();
    r.sim.apply({ action: 'stop-consumer', consumer: 'c1' });
    r.sim.apply({ action: 'stop-consumer', consumer: 'c2' });
    r.sim.advance(1_000);
    const g = r.sim.groups.get('g')!;
    assert.equal(g.state, 'Empty');
    const out = describeOffsets(g, 'g', (t) => r.sim.topics.get(t));
    assert.equal(out.notice, "Consumer group 'g' has no active members.");
    assert.equal(out.rows.length, 3);
    for (const row of out.rows) {
      assert.equal(row.consumerId, null);
      assert.notEqual(row.currentOffset, null);
    }
    assert.match(out.text.split('\n')[2]!, / - +- +-$/);
  });

  it('warns while the group is rebalancing and reports a missing group', () => {
    const r = new Recorder(simpleScenario({}));
    r.sim.runUntil(1_000);
    const g = r.sim.groups.get('g')!;
    assert.equal(describeOffsets(g, 'g', (t) => r.sim.topics.get(t)).notice, "Warning: Consumer group 'g' is rebalancing.");
    const missing = describeOffsets(undefined, 'nope', () => undefined);
    assert.equal(missing.notice, "Error: Consumer group 'nope' does not exist.");
    assert.equal(missing.text, '');
  });

  it('prints --members (with GROUP-INSTANCE-ID only for static members) and --state', () => {
    const r = stableRun();
    const g = r.sim.groups.get('g')!;
    const members = describeMembers(g, 'g', true);
    assert.deepEqual(members.rows.map((m) => [m.clientId, m.partitions, m.assignment]), [['c1', 2, 't(0,1)'], ['c2', 1, 't(2)']]);
    assert.doesNotMatch(members.text, /GROUP-INSTANCE-ID/);
    assert.match(members.text.split('\n')[1]!, /^GROUP +CONSUMER-ID +HOST +CLIENT-ID +#PARTITIONS +ASSIGNMENT$/);

    const s = new Recorder(simpleScenario({ consumers: [{ clientId: 'c1', config: { 'group.instance.id': 'static-1' } }] }));
    s.sim.runUntil(10_000);
    assert.match(describeMembers(s.sim.groups.get('g')!, 'g').text, /GROUP-INSTANCE-ID[\s\S]*static-1/);

    const state = describeState(g, 'g');
    assert.deepEqual(state.rows[0], { group: 'g', coordinator: 'localhost:9092  (0)', assignmentStrategy: 'range', state: 'Stable', members: 2 });
    assert.equal(state.text.split('\n')[2], 'g'.padEnd(25) + ' ' + 'localhost:9092  (0)'.padEnd(25) + ' ' + 'range'.padEnd(20) + ' ' + 'Stable'.padEnd(15) + ' 2');
  });
});
