import { strict as assert } from 'node:assert';
import { describeMembers, describeOffsets, describeState, formatAssignment, labColumns } from '../../../src/sim/describe';
import type { Group } from '../../../src/sim/group/group';
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

  it('prints --members as Kafka 4.x does: #PARTITIONS padded and followed by a space, GROUP-INSTANCE-ID only for static members', () => {
    const r = stableRun();
    const g = r.sim.groups.get('g')!;
    const members = describeMembers(g, 'g');
    const id = members.rows[0]!.consumerId.length;
    const lines = members.text.split('\n');
    assert.equal(lines[0], '');
    assert.equal(lines[1], ['GROUP'.padEnd(15), 'CONSUMER-ID'.padEnd(id), 'HOST'.padEnd(15), 'CLIENT-ID'.padEnd(15), '#PARTITIONS'.padEnd(15)].join(' ') + ' ');
    assert.equal(lines[2], ['g'.padEnd(15), members.rows[0]!.consumerId, '/127.0.0.1'.padEnd(15), 'c1'.padEnd(15), '2'.padEnd(15)].join(' ') + ' ');
    assert.equal(lines.length, 5, 'header, two members, and the final newline');

    const s = new Recorder(simpleScenario({ consumers: [{ clientId: 'c1', config: { 'group.instance.id': 'static-1' } }] }));
    s.sim.runUntil(10_000);
    assert.match(describeMembers(s.sim.groups.get('g')!, 'g').text, /GROUP-INSTANCE-ID[\s\S]*static-1/);
  });

  it('prints --members --verbose with the KIP-1099 columns; a classic group has no epochs or target', () => {
    const r = stableRun();
    const g = r.sim.groups.get('g')!;
    const members = describeMembers(g, 'g', true);
    assert.deepEqual(
      members.rows.map((m) => [m.clientId, m.partitions, m.currentEpoch, m.assignment, m.targetEpoch, m.targetAssignment, m.upgraded]),
      [['c1', 2, null, 't:0,1', null, '-', null], ['c2', 1, null, 't:2', null, '-', null]],
    );
    const id = members.rows[0]!.consumerId.length;
    const lines = members.text.split('\n');
    const kafkaColumns = (cols: string[]): string => [cols[0]!.padEnd(15), cols[1]!.padEnd(id), cols[2]!.padEnd(15), cols[3]!.padEnd(15), cols[4]!.padEnd(15)].join(' ') + ' ';
    assert.equal(lines[1], kafkaColumns(['GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS']) + ['CURRENT-EPOCH'.padEnd(15), 'CURRENT-ASSIGNMENT'.padEnd(20), 'TARGET-EPOCH'.padEnd(15), 'TARGET-ASSIGNMENT'.padEnd(20)].join(' '));
    assert.equal(lines[2], kafkaColumns(['g', members.rows[0]!.consumerId, '/127.0.0.1', 'c1', '2']) + ['-'.padEnd(15), 't:0,1'.padEnd(20), '-'.padEnd(15), '-'.padEnd(20)].join(' '));
    assert.doesNotMatch(members.text, /UPGRADED|GROUP-INSTANCE-ID|\(0,1\)/);
  });

  it('formats assignments as topic:0,1 with topics joined by ; (partitions in number order, entries in string order)', () => {
    assert.equal(formatAssignment([]), '-');
    assert.equal(
      formatAssignment([{ topic: 'orders', partition: 10 }, { topic: 'audit', partition: 2 }, { topic: 'orders', partition: 9 }, { topic: 'a-b', partition: 1 }]),
      'a-b:1;audit:2;orders:9,10',
    );
  });

  it('prints a KIP-848 member whose current assignment differs from its target, with member and target epochs', () => {
    const consumer = { 'group.protocol': 'consumer' };
    const r = new Recorder(
      simpleScenario({
        partitions: 4,
        rate: 30,
        consumers: [{ clientId: 'c1', ratePerSec: 100, config: consumer }],
        timeline: [{ at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'c2', ratePerSec: 100, config: consumer } }],
      }),
    );
    r.sim.runUntil(20_200);
    const g = r.sim.groups.get('g')!;
    assert.equal(g.state, 'Reconciling');
    const members = describeMembers(g, 'g', true);
    assert.deepEqual(
      members.rows.map((m) => [m.clientId, m.partitions, m.currentEpoch, m.assignment, m.targetEpoch, m.targetAssignment, m.upgraded]),
      [['c1', 2, 1, 't:0,1', 2, 't:0,1', true], ['c2', 0, 2, '-', 2, 't:2,3', true]],
    );
    assert.equal(members.notice, "Warning: Consumer group 'g' is rebalancing.");
    const id = members.rows[0]!.consumerId.length;
    assert.equal(
      members.text.split('\n')[3],
      ['g'.padEnd(15), members.rows[1]!.consumerId.padEnd(id), '/127.0.0.1'.padEnd(15), 'c2'.padEnd(15), '0'.padEnd(15)].join(' ') + ' ' + ['2'.padEnd(15), '-'.padEnd(20), '2'.padEnd(15), 't:2,3'.padEnd(20)].join(' '),
    );
    // Only members of both protocols bring UPGRADED.
    assert.doesNotMatch(members.text, /UPGRADED/);

    const state = describeState(g, 'g', true);
    assert.deepEqual(state.rows[0], { group: 'g', coordinator: 'localhost:9092  (0)', assignmentStrategy: 'uniform', state: 'Reconciling', groupEpoch: 2, targetAssignmentEpoch: 2, members: 2 });
    assert.equal(state.text.split('\n')[1], ['GROUP'.padEnd(15), 'COORDINATOR (ID)'.padEnd(25), 'ASSIGNMENT-STRATEGY'.padEnd(20), 'STATE'.padEnd(20), 'GROUP-EPOCH'.padEnd(15), 'TARGET-ASSIGNMENT-EPOCH'.padEnd(25), '#MEMBERS'].join(' '));
    assert.equal(state.text.split('\n')[2], ['g'.padEnd(15), 'localhost:9092  (0)'.padEnd(25), 'uniform'.padEnd(20), 'Reconciling'.padEnd(20), '2'.padEnd(15), '2'.padEnd(25), '2'].join(' '));
  });

  it('adds UPGRADED when a consumer group has classic members (read from usesConsumerProtocol)', () => {
    const consumer = { 'group.protocol': 'consumer' };
    const r = new Recorder(simpleScenario({ partitions: 2, consumers: [{ clientId: 'c1', config: consumer }, { clientId: 'c2', config: consumer }] }));
    r.sim.runUntil(20_000);
    const g = r.sim.groups.get('g')!;
    // A consumer group in the middle of an online upgrade: c2 still speaks JoinGroup/SyncGroup.
    const members = new Map([...g.members].map(([id, m]) => [id, m.clientId === 'c2' ? { ...m, usesConsumerProtocol: false } : m]));
    const mixed = Object.assign(Object.create(g) as Group, { members });
    const out = describeMembers(mixed, 'g', true);
    assert.deepEqual(out.rows.map((m) => [m.clientId, m.upgraded]), [['c1', true], ['c2', false]]);
    const lines = out.text.split('\n');
    assert.match(lines[1]!, / TARGET-ASSIGNMENT {4}UPGRADED$/);
    assert.match(lines[2]!, / t:\d {18}true$/);
    assert.match(lines[3]!, / t:\d {18}false$/);
    assert.doesNotMatch(describeMembers(g, 'g', true).text, /UPGRADED/);
  });

  it('prints --state with Kafka 4.x widths (GROUP at least 15, STATE 20), and --verbose epochs as - for a classic group', () => {
    const r = stableRun();
    const g = r.sim.groups.get('g')!;
    const state = describeState(g, 'g');
    assert.deepEqual(state.rows[0], { group: 'g', coordinator: 'localhost:9092  (0)', assignmentStrategy: 'range', state: 'Stable', groupEpoch: null, targetAssignmentEpoch: null, members: 2 });
    assert.equal(state.text, '\n' + ['GROUP'.padEnd(15), 'COORDINATOR (ID)'.padEnd(25), 'ASSIGNMENT-STRATEGY'.padEnd(20), 'STATE'.padEnd(20), '#MEMBERS'].join(' ') + '\n' + ['g'.padEnd(15), 'localhost:9092  (0)'.padEnd(25), 'range'.padEnd(20), 'Stable'.padEnd(20), '2'].join(' ') + '\n');
    assert.equal(describeState(g, 'g', true).text.split('\n')[2], ['g'.padEnd(15), 'localhost:9092  (0)'.padEnd(25), 'range'.padEnd(20), 'Stable'.padEnd(20), '-'.padEnd(15), '-'.padEnd(25), '2'].join(' '));
  });

  it('prints the --members header for an Empty group, and nothing for a group that does not exist', () => {
    const r = stableRun();
    r.sim.apply({ action: 'stop-consumer', consumer: 'c1' });
    r.sim.apply({ action: 'stop-consumer', consumer: 'c2' });
    r.sim.advance(1_000);
    const empty = describeMembers(r.sim.groups.get('g')!, 'g', true);
    assert.equal(empty.notice, "Consumer group 'g' has no active members.");
    assert.match(empty.text, /^\nGROUP {11}CONSUMER-ID {5}HOST {12}CLIENT-ID {7}#PARTITIONS {5}CURRENT-EPOCH {3}CURRENT-ASSIGNMENT {3}TARGET-EPOCH {4}TARGET-ASSIGNMENT {3}\n$/);
    assert.equal(describeMembers(undefined, 'nope').text, '');
  });
});

describe('describe: time lag and records-lag (lab columns)', () => {
  it('keeps the default output exactly Kafka’s and appends TIME-LAG-MS and RECORDS-LAG only when asked', () => {
    const r = new Recorder(simpleScenario({ partitions: 2, rate: 20, consumers: [{ clientId: 'c1', ratePerSec: 100 }] }));
    // Between two auto-commits (every 5 s): the committed offsets trail the positions.
    r.sim.runUntil(32_000);
    const g = r.sim.groups.get('g')!;
    const topicOf = (t: string) => r.sim.topics.get(t);
    const plain = describeOffsets(g, 'g', topicOf);
    const quiet = describeOffsets(g, 'g', topicOf, labColumns(r.sim, 'g', false));
    const lab = describeOffsets(g, 'g', topicOf, labColumns(r.sim, 'g', true));
    assert.equal(quiet.text, plain.text, 'the lab data does not change the tool’s table');
    assert.doesNotMatch(plain.text, /TIME-LAG/);
    const header = lab.text.split('\n')[1]!;
    assert.ok(header.startsWith(plain.text.split('\n')[1]!.replace(/CLIENT-ID$/, 'CLIENT-ID'.padEnd(15))));
    assert.match(header, / CLIENT-ID {7}TIME-LAG-MS {5}RECORDS-LAG$/);
    const topic = r.sim.topics.get('t')!;
    const consumer = r.sim.consumers.get('c1')!;
    for (const row of lab.rows) {
      // Committed offsets trail the position (auto-commit every 5 s): the committed lag is in records not yet committed, records-lag only in those not yet fetched.
      const position = consumer.owned.find((o) => o.partition === row.partition)!.position;
      assert.equal(row.recordsLag, row.logEndOffset - position);
      assert.ok(row.lag! > row.recordsLag!, `partition ${row.partition}: committed lag ${row.lag} > records-lag ${row.recordsLag}`);
      const appended = topic.recordTimes.timestampAt(row.partition, row.currentOffset!)!;
      assert.equal(row.timeLagMs, r.sim.now - appended);
      assert.ok(row.timeLagMs! > 0 && row.timeLagMs! <= 5_100, `time lag ${row.timeLagMs} ms, at most an auto-commit interval`);
      assert.ok(lab.text.includes(` ${String(row.timeLagMs).padEnd(15)} ${row.recordsLag}\n`));
    }
  });

  it('is 0 for a caught-up partition, - without a commit or (records-lag) without a consumer', () => {
    const r = new Recorder(simpleScenario({ partitions: 1, rate: 20, consumers: [{ clientId: 'c1', ratePerSec: 100 }] }));
    r.sim.runUntil(20_000);
    r.sim.apply({ action: 'set-producer-rate', producer: 'p', ratePerSec: 0 });
    r.sim.apply({ action: 'stop-consumer', consumer: 'c1' });
    r.sim.advance(1_000);
    const g = r.sim.groups.get('g')!;
    const out = describeOffsets(g, 'g', (t) => r.sim.topics.get(t), labColumns(r.sim, 'g', true));
    assert.deepEqual(out.rows.map((row) => [row.lag, row.timeLagMs, row.recordsLag]), [[0, 0, null]]);
    assert.match(out.text.split('\n')[2]!, / 0 {15}-$/);
  });
});
