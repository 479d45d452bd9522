/**
 * Regression tests for behaviours where the engine once differed from Kafka (found in review).
 * Each names the Kafka code it follows.
 */
import { strict as assert } from 'node:assert';
import type { Scenario } from '../../../src/sim/scenario/types';
import { describeMembers, describeOffsets, describeState } from '../../../src/sim/describe';
import { snapshot } from '../../../src/sim/snapshot';
import { decodeAssignment, encodeAssignment, encodeSubscription, Simulation, type GroupRequest, type GroupTransport, type JoinGroupRequest, type JoinGroupResponse, type ResponseTo } from '../../../src/sim';
import { builtinScenario, Recorder } from './helpers';

/** Sends a request as a client outside the engine; the answer if it came at once. */
function call<R extends GroupRequest>(t: GroupTransport, request: R): ResponseTo<R> | undefined {
  let out: ResponseTo<R> | undefined;
  t.send(request, (r) => (out = r));
  return out;
}

const classicJoin = (groupId: string, memberId: string): JoinGroupRequest => ({
  api: 'JoinGroup',
  groupId,
  sessionTimeoutMs: 45_000,
  rebalanceTimeoutMs: 60_000,
  memberId,
  groupInstanceId: null,
  protocolType: 'consumer',
  protocols: [{ name: 'range', metadata: encodeSubscription({ topics: ['t'], userData: null, ownedPartitions: [], generationId: -1, rackId: null }) }],
  reason: null,
});

const scenario = (s: Partial<Scenario> & Pick<Scenario, 'groups'>): Scenario => ({
  name: 'fidelity',
  seed: 5,
  topics: [{ name: 't', partitions: 3 }],
  producers: [{ id: 'p', topic: 't', ratePerSec: 10 }],
  ...s,
});

describe('Kafka fidelity: the coordinator', () => {
  it('restarts every member’s session clock when a join completes (onCompleteJoin): no false "heartbeat missed"', () => {
    const r = new Recorder(builtinScenario('07'));
    r.sim.runUntil(9_000);
    assert.deepEqual(r.of('heartbeat-missed'), [], 'healthy members waiting in the initial rebalance are not late');
    // New members that waited long in a rebalance are not timed out the moment it completes.
    const slow = new Recorder(
      scenario({
        groups: [{ groupId: 'g', consumers: ['a', 'b', 'c'].map((clientId) => ({ clientId, ratePerSec: 100, config: { 'session.timeout.ms': 6_000 } })) }],
        timeline: [],
      }),
    );
    slow.sim.runUntil(30_000);
    assert.deepEqual(slow.of('session-timed-out'), []);
    assert.equal(slow.of('rebalance-completed').length, 1);
  });

  it('completes a rebalance at once when its only member rejoins (no wait for the rebalance timeout)', () => {
    const r = new Recorder(
      scenario({
        topics: [{ name: 't', partitions: 2 }],
        groups: [{ groupId: 'g', consumers: [{ clientId: 'a', ratePerSec: 100, config: { 'metadata.max.age.ms': 5_000 } }] }],
        timeline: [{ at: '20s', action: 'add-partitions', topic: 't', partitions: 4 }],
      }),
    );
    r.sim.runUntil(40_000);
    const done = r.of('rebalance-completed');
    assert.equal(done.length, 2);
    assert.ok(done[1]!.t <= 25_100, `second rebalance at ${done[1]!.t}`);
    assert.deepEqual(r.owners('g').get('a'), ['t-0', 't-1', 't-2', 't-3']);
  });

  it('extends the delayed join whenever the group was Empty, not only at generation 0 (Kafka 4.x InitialDelayedJoin)', () => {
    const r = new Recorder(
      scenario({
        groups: [{ groupId: 'g', consumers: [{ clientId: 'a', ratePerSec: 100 }] }],
        timeline: [
          { at: '10s', action: 'stop-consumer', consumer: 'a' },
          { at: '20s', action: 'restart-consumer', consumer: 'a' },
          { at: '21s', action: 'add-consumer', group: 'g', consumer: { clientId: 'b', ratePerSec: 100 } },
        ],
      }),
    );
    r.sim.runUntil(40_000);
    const second = r.of('rebalance-completed').find((e) => e.t > 20_000)!;
    assert.ok(second.generation > 1, 'the group had a generation before it emptied');
    assert.equal(second.t, 20_100 + 3_000 + 3_000, 'b joined during the 3 s delay: it is extended once more');
  });

  it('keeps static members that have not rejoined when the rebalance times out (they leave only by session timeout)', () => {
    const r = new Recorder(
      scenario({
        groups: [{ groupId: 'g', consumers: [{ clientId: 'a', ratePerSec: 100, config: { 'group.instance.id': 'a', 'session.timeout.ms': 600_000 } }, { clientId: 'b', ratePerSec: 100 }] }],
        timeline: [
          { at: '10s', action: 'crash-consumer', consumer: 'a' },
          { at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'c', ratePerSec: 100 } },
          { at: '400s', action: 'restart-consumer', consumer: 'a' },
        ],
      }),
    );
    r.sim.runUntil(420_000);
    assert.deepEqual(r.of('member-removed-on-rebalance-timeout'), []);
    const rebalancesBefore = r.of('rebalance-completed').filter((e) => e.t < 400_000).length;
    assert.equal(r.of('static-member-rejoined').length, 1);
    assert.equal(r.of('rebalance-completed').length, rebalancesBefore, 'the static restart causes no rebalance');
    assert.ok(r.owners('g').get('a')!.length > 0);
  });

  it('waits another rebalance timeout when only static members that have not rejoined remain (no generation without a member)', () => {
    const statics = ['s1', 's2'].map((clientId) => ({ clientId, ratePerSec: 100, config: { 'group.instance.id': clientId, 'session.timeout.ms': 60_000, 'max.poll.interval.ms': 10_000 } }));
    const r = new Recorder(
      scenario({
        groups: [{ groupId: 'g', consumers: [...statics, { clientId: 'd', ratePerSec: 100, config: { 'max.poll.interval.ms': 10_000 } }] }],
        timeline: [
          { at: '10s', action: 'crash-consumer', consumer: 's1' },
          { at: '10s', action: 'crash-consumer', consumer: 's2' },
          { at: '11s', action: 'stop-consumer', consumer: 'd' },
        ],
      }),
    );
    r.sim.runUntil(11_000);
    const generation = r.sim.groups.get('g')!.generation;
    r.sim.runUntil(69_000);
    // Before: at 21 s the join phase "completed" with a leader that never asked, and the group sat in CompletingRebalance.
    const g = r.sim.groups.get('g')!;
    assert.equal(g.state, 'PreparingRebalance');
    assert.equal(g.generation, generation, 'no new generation while nobody has rejoined');
    assert.equal(r.of('group-state-changed').filter((e) => e.t > 11_000 && e.to === 'CompletingRebalance').length, 0);
    r.sim.runUntil(75_000);
    assert.equal(r.of('session-timed-out').length, 2);
    assert.equal(r.sim.groups.get('g')!.state, 'Empty');
  });

  it('fences the older of two consumers with the same group.instance.id (FENCED_INSTANCE_ID)', () => {
    const cfg = { 'group.instance.id': 'same' };
    const r = new Recorder(scenario({ topics: [{ name: 't', partitions: 2 }], groups: [{ groupId: 'g', consumers: [{ clientId: 'a', ratePerSec: 100, config: cfg }, { clientId: 'b', ratePerSec: 100, config: cfg }] }] }));
    r.sim.runUntil(20_000);
    const failed = r.of('consumer-failed');
    assert.deepEqual(failed.map((e) => [e.clientId, e.error.split(':')[0]]), [['a', 'FencedInstanceIdException']]);
    assert.deepEqual([...r.owners('g').keys()], ['b']);
    assert.equal(r.sim.consumers.get('b')!.membership, 'stable');
  });

  it('describes a rebalancing classic group with the previous owners and no strategy, as Kafka 4.x does (describeNoMetadata keeps the assignment)', () => {
    const r = new Recorder(
      scenario({
        groups: [{ groupId: 'g', consumers: [{ clientId: 'a', ratePerSec: 100 }, { clientId: 'b', ratePerSec: 100, config: { 'max.poll.interval.ms': 60_000 } }] }],
        timeline: [{ at: '15s', action: 'stall-consumer', consumer: 'b', duration: '2m' }, { at: '16s', action: 'add-consumer', group: 'g', consumer: { clientId: 'c', ratePerSec: 100 } }],
      }),
    );
    r.sim.runUntil(14_000);
    const before = new Map(describeOffsets(r.sim.groups.get('g'), 'g', (t) => r.sim.topics.get(t)).rows.map((row) => [row.partition, row.clientId]));
    r.sim.runUntil(40_000);
    const g = r.sim.groups.get('g')!;
    assert.equal(g.state, 'PreparingRebalance');
    const offsets = describeOffsets(g, 'g', (t) => r.sim.topics.get(t));
    assert.equal(offsets.notice, "Warning: Consumer group 'g' is rebalancing.");
    // Every partition is still listed with the owner the last SyncGroup gave it.
    assert.ok(offsets.rows.length > 0);
    assert.deepEqual(new Map(offsets.rows.map((row) => [row.partition, row.clientId])), before);
    assert.ok(offsets.rows.every((row) => row.clientId === 'a' || row.clientId === 'b'));
    const members = describeMembers(g, 'g');
    assert.deepEqual(members.rows.map((m) => [m.clientId, m.partitions > 0]), [['a', true], ['b', true], ['c', false]], 'c joined in this round: nothing yet');
    assert.equal(describeState(g, 'g').rows[0]!.assignmentStrategy, '');
    assert.match(describeState(g, 'g').text.split('\n')[2]!, /^g {15}localhost:9092 {2}\(0\) {7}- {20}PreparingRebalance {3}3$/);
    const snap = snapshot(r.sim).groups[0]!;
    assert.deepEqual(new Map(snap.partitions.map((p) => [p.partition, p.owner])), before);
    // DescribeGroups itself: assignments in every state, no protocol name outside Stable.
    const described = call(r.sim.connect('admin', '/10.0.0.9'), { api: 'DescribeGroups', groups: ['g'] })!.groups[0]!;
    assert.equal(described.protocolData, '');
    assert.deepEqual(described.members.map((m) => decodeAssignment(m.memberAssignment).partitions.length > 0), [true, true, false]);
  });

  it('resets every assignment when a round restarts before the leader’s SyncGroup (CompletingRebalance → PreparingRebalance)', () => {
    const sim = new Simulation(scenario({ groups: [{ groupId: 'other', consumers: [{ clientId: 'x', ratePerSec: 10 }] }] }));
    const a = sim.connect('a', '/10.0.0.1');
    const b = sim.connect('b', '/10.0.0.2');
    const c = sim.connect('c', '/10.0.0.3');
    const joinAs = (t: GroupTransport, memberId = ''): JoinGroupResponse | undefined => call(t, classicJoin('x', memberId));
    const joined: Record<string, JoinGroupResponse> = {};
    const joinTwice = (t: GroupTransport, name: string): void => {
      const first = joinAs(t);
      assert.equal(first?.errorCode, 'MEMBER_ID_REQUIRED');
      t.send(classicJoin('x', first!.memberId), (r) => (joined[name] = r));
    };
    joinTwice(a, 'a');
    sim.advance(4_000);
    assert.equal(joined['a']?.errorCode, 'NONE');
    const aId = joined['a']!.memberId;
    const assignment = encodeAssignment({ partitions: [{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }], userData: null });
    assert.equal(call(a, { api: 'SyncGroup', groupId: 'x', generationId: joined['a']!.generationId, memberId: aId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [{ memberId: aId, assignment }] })?.errorCode, 'NONE');
    const g = sim.groups.get('x')!;
    assert.equal(g.state, 'Stable');
    // b joins: a rejoins, the join completes, and until a's SyncGroup a is still listed with its partitions.
    joinTwice(b, 'b');
    a.send(classicJoin('x', aId), (r) => (joined['a2'] = r));
    sim.advance(100);
    assert.equal(g.state, 'CompletingRebalance');
    assert.deepEqual(describeMembers(g, 'x').rows.map((m) => [m.clientId, m.partitions]), [['a', 2], ['b', 0]]);
    // c joins before the leader's SyncGroup: the round restarts and every assignment is reset.
    joinTwice(c, 'c');
    assert.equal(g.state, 'PreparingRebalance');
    assert.deepEqual(describeMembers(g, 'x').rows.map((m) => [m.clientId, m.partitions]), [['a', 0], ['b', 0], ['c', 0]]);
  });
});

describe('Kafka fidelity: the consumer', () => {
  it('the eager sticky assignor keeps partitions (previous assignment from userData, not the revoked ownedPartitions)', () => {
    const r = new Recorder(
      scenario({
        topics: [{ name: 't', partitions: 6 }],
        groups: [{ groupId: 'g', consumers: ['a', 'b', 'c'].map((clientId) => ({ clientId, ratePerSec: 100, config: { 'partition.assignment.strategy': ['sticky'] } })) }],
        timeline: [{ at: '20s', action: 'stop-consumer', consumer: 'b' }],
      }),
    );
    r.sim.runUntil(40_000);
    const [first, second] = r.of('rebalance-completed');
    assert.equal(second!.protocol, 'EAGER');
    const before = new Map(Object.entries(first!.assignment).map(([m, ps]) => [m.split('-')[0], ps]));
    const after = new Map(Object.entries(second!.assignment).map(([m, ps]) => [m.split('-')[0], ps]));
    for (const c of ['a', 'c']) for (const p of before.get(c)!) assert.ok(after.get(c)!.includes(p), `${c} kept ${p}`);
  });

  it('the leader watches every topic of the group, so partitions added to a follower’s topic get assigned', () => {
    const cfg = { 'metadata.max.age.ms': 5_000 };
    const r = new Recorder(
      scenario({
        topics: [{ name: 't1', partitions: 2 }, { name: 't2', partitions: 2 }],
        producers: [{ id: 'p', topic: 't2', ratePerSec: 10 }],
        groups: [{ groupId: 'g', consumers: [{ clientId: 'a', topics: ['t1'], ratePerSec: 100, config: cfg }, { clientId: 'b', topics: ['t2'], ratePerSec: 100, config: cfg }] }],
        timeline: [{ at: '20s', action: 'add-partitions', topic: 't2', partitions: 4 }],
      }),
    );
    r.sim.runUntil(60_000);
    assert.deepEqual(r.owners('g').get('b'), ['t2-0', 't2-1', 't2-2', 't2-3']);
  });

  it('a manual-commit consumer removed for exceeding max.poll.interval.ms gets a CommitFailedException', () => {
    const r = new Recorder(
      scenario({
        topics: [{ name: 't', partitions: 1 }],
        producers: [{ id: 'p', topic: 't', ratePerSec: 100 }],
        groups: [{ groupId: 'g', consumers: [{ clientId: 'a', ratePerSec: 100, config: { 'enable.auto.commit': false, 'max.poll.interval.ms': 10_000, 'max.poll.records': 500 } }, { clientId: 'b', ratePerSec: 100 }] }],
        timeline: [{ at: '20s', action: 'set-consumer-rate', consumer: 'a', ratePerSec: 20 }],
      }),
    );
    r.sim.runUntil(80_000);
    assert.ok(r.of('poll-timeout').some((e) => e.clientId === 'a'));
    const failed = r.of('commit-failed').filter((e) => e.clientId === 'a');
    assert.ok(failed.length > 0);
    assert.match(failed[0]!.error, /^CommitFailedException/);
    assert.ok(failed[0]!.t > r.of('poll-timeout')[0]!.t);
  });

  it('auto.offset.reset=none stops the consumer with NoOffsetForPartitionException', () => {
    const r = new Recorder(scenario({ groups: [{ groupId: 'g', consumers: [{ clientId: 'a', ratePerSec: 100, config: { 'auto.offset.reset': 'none' } }] }] }));
    r.sim.runUntil(10_000);
    const failed = r.of('consumer-failed');
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.error, /^NoOffsetForPartitionException: no committed offset for t-0, t-1, t-2/);
    assert.equal(r.sim.consumers.get('a')!.status, 'stopped');
    assert.equal(r.of('member-left')[0]!.reason, 'NoOffsetForPartitionException');
  });

  it('refuses a second producer on a topic', () => {
    const r = new Recorder(scenario({ groups: [] }));
    assert.throws(() => r.sim.apply({ action: 'add-producer', producer: { id: 'q', topic: 't', ratePerSec: 5, keys: 0 } }), /already has producer 'p'; the simulator supports one producer per topic/);
  });
});
