/**
 * What the coordinator refuses, and how, when a client outside the engine sends requests a
 * simulated consumer never would: Kafka's error codes for each, and nothing that hangs or throws.
 */
import * as assert from 'node:assert/strict';
import {
  decodeAssignment,
  decodeSubscription,
  encodeSubscription,
  Simulation,
  type GroupRequest,
  type GroupTransport,
  type JoinGroupRequest,
  type ResponseTo,
  type Scenario,
  type SimEvent,
} from '../../../src/sim';

const scenario = (consumers: Array<{ clientId: string; config?: Record<string, unknown> }> = [{ clientId: 'sim-1' }]): Scenario => ({
  name: 'validation',
  seed: 5,
  topics: [{ name: 't', partitions: 2 }],
  producers: [{ id: 'p', topic: 't', ratePerSec: 20, keys: 4 }],
  groups: [{ groupId: 'g', consumers: consumers.map((c) => ({ clientId: c.clientId, ratePerSec: 50, ...(c.config ? { config: c.config } : {}) })) }],
});

function call<R extends GroupRequest>(t: GroupTransport, request: R): ResponseTo<R> | undefined {
  let out: ResponseTo<R> | undefined;
  t.send(request, (r) => (out = r));
  return out;
}

const join = (over: Partial<JoinGroupRequest> = {}): JoinGroupRequest => ({
  api: 'JoinGroup',
  groupId: 'g',
  sessionTimeoutMs: 45_000,
  rebalanceTimeoutMs: 60_000,
  memberId: '',
  groupInstanceId: null,
  protocolType: 'consumer',
  protocols: [{ name: 'range', metadata: encodeSubscription({ topics: ['t'], userData: null, ownedPartitions: [], generationId: -1, rackId: null }) }],
  reason: null,
  ...over,
});

describe('The coordinator refuses what Kafka refuses', () => {
  it('classic: session timeouts outside the broker bounds, an empty group id, a stale static instance, an unknown group', () => {
    const sim = new Simulation(scenario([{ clientId: 'static-1', config: { 'group.instance.id': 'i-1' } }]));
    sim.runUntil(5_000);
    const t = sim.connect('outsider', '/10.0.0.1');
    assert.equal(call(t, join({ sessionTimeoutMs: 5_999 }))?.errorCode, 'INVALID_SESSION_TIMEOUT');
    assert.equal(call(t, join({ sessionTimeoutMs: 1_800_001 }))?.errorCode, 'INVALID_SESSION_TIMEOUT');
    assert.equal(call(t, join({ groupId: '' }))?.errorCode, 'INVALID_GROUP_ID');
    // A JoinGroup naming a live static instance with a member id that is not its own is an old instance: fenced.
    assert.equal(call(t, join({ groupInstanceId: 'i-1', memberId: 'i-1-not-mine' }))?.errorCode, 'FENCED_INSTANCE_ID');
    assert.equal(call(t, join({ groupInstanceId: 'i-unknown', memberId: 'made-up' }))?.errorCode, 'UNKNOWN_MEMBER_ID');
    assert.equal(sim.groups.get('g')!.state, 'Stable', 'none of these started a rebalance');
    assert.equal(call(t, { api: 'Heartbeat', groupId: 'no-such-group', generationId: 1, memberId: 'x', groupInstanceId: null })?.errorCode, 'UNKNOWN_MEMBER_ID');
    assert.equal(call(t, { api: 'SyncGroup', groupId: 'no-such-group', generationId: 1, memberId: 'x', groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] })?.errorCode, 'UNKNOWN_MEMBER_ID');
  });

  it('classic: a JoinGroup retried while the group waits for the leader gets the same generation, no new rebalance', () => {
    const events: SimEvent[] = [];
    const sim = new Simulation(scenario([]), (e) => events.push(e));
    const t = sim.connect('leader', '/10.0.0.1');
    const id = call(t, join())!.memberId;
    let first: ResponseTo<JoinGroupRequest> | undefined;
    t.send(join({ memberId: id }), (r) => (first = r));
    sim.runUntil(3_100);
    assert.equal(first?.errorCode, 'NONE');
    assert.equal(sim.groups.get('g')!.state, 'CompletingRebalance');
    const retry = call(t, join({ memberId: id }));
    assert.equal(retry?.errorCode, 'NONE');
    assert.equal(retry.generationId, first.generationId);
    assert.equal(retry.members.length, 1, 'the leader gets the member list again');
    assert.equal(events.filter((e) => e.type === 'rebalance-started').length, 1);
  });

  it('classic: any non-empty protocol type forms a group (Kafka Connect says "connect"); members must agree on it', () => {
    const sim = new Simulation(scenario([]));
    const a = sim.connect('worker-a', '/10.0.0.1');
    const b = sim.connect('worker-b', '/10.0.0.2');
    const connect = (memberId: string) => join({ memberId, protocolType: 'connect', protocols: [{ name: 'sessioned', metadata: Uint8Array.of(1, 2, 3) }] });
    const idA = call(a, connect(''))!.memberId;
    let joined: ResponseTo<JoinGroupRequest> | undefined;
    a.send(connect(idA), (r) => (joined = r));
    sim.runUntil(3_100);
    assert.equal(joined?.errorCode, 'NONE');
    assert.equal(joined.protocolType, 'connect');
    assert.deepEqual(joined.members.map((m) => [...m.metadata]), [[1, 2, 3]], 'the leader gets the metadata as it was sent');
    assert.equal(call(b, join({ memberId: '' }))?.errorCode, 'INCONSISTENT_GROUP_PROTOCOL', 'a consumer cannot join a connect group');
  });

  it('DescribeGroups shows a Stable group\'s members with their subscription and the leader\'s assignment bytes, as sent', () => {
    const sim = new Simulation(scenario([{ clientId: 'sim-1' }, { clientId: 'sim-2' }]));
    sim.runUntil(8_000); // the initial delay, extended once because sim-2 joined during it
    const t = sim.connect('admin', '/10.0.0.1');
    const described = call(t, { api: 'DescribeGroups', groups: ['g'] })!.groups[0]!;
    assert.equal(described.groupState, 'Stable');
    assert.equal(described.protocolType, 'consumer');
    assert.equal(described.protocolData, 'range');
    for (const m of described.members) {
      assert.deepEqual(decodeSubscription(m.memberMetadata).topics, ['t']);
      const mine = decodeAssignment(m.memberAssignment).partitions.map((tp) => `${tp.topic}-${tp.partition}`);
      assert.deepEqual(mine, sim.consumers.get(m.clientId)!.ownedNames());
    }
  });

  it('offsets: unknown partitions are refused per partition (no array grows to 2^31), metadata is kept, an unknown group is not created', () => {
    const sim = new Simulation(scenario([]));
    const t = sim.connect('committer', '/10.0.0.1');
    const commit = (partitionIndex: number, topic = 't', committedMetadata: string | null = null, groupId = 'g', generation = -1) =>
      call(t, { api: 'OffsetCommit', groupId, generationIdOrMemberEpoch: generation, memberId: '', groupInstanceId: null, topics: [{ name: topic, partitions: [{ partitionIndex, committedOffset: 5, committedMetadata }] }] });
    assert.equal(commit(2_147_483_647)?.topics[0]!.partitions[0]!.errorCode, 'UNKNOWN_TOPIC_OR_PARTITION');
    assert.equal(commit(-1)?.topics[0]!.partitions[0]!.errorCode, 'UNKNOWN_TOPIC_OR_PARTITION');
    assert.equal(commit(0, 'no-such-topic')?.topics[0]!.partitions[0]!.errorCode, 'UNKNOWN_TOPIC_OR_PARTITION');
    assert.deepEqual([...sim.groups.get('g')!.offsets.entries()], [], 'nothing was stored');
    assert.equal(commit(1, 't', 'checkpoint-7')?.errorCode, 'NONE');
    const fetched = call(t, { api: 'OffsetFetch', groupId: 'g', topics: null });
    assert.deepEqual(fetched?.topics, [{ name: 't', partitions: [{ partitionIndex: 1, committedOffset: 5, metadata: 'checkpoint-7', errorCode: 'NONE' }] }]);
    assert.equal(commit(0, 't', null, 'ghost', 3)?.errorCode, 'GROUP_ID_NOT_FOUND');
    assert.equal(sim.groups.has('ghost'), false);
    assert.equal(commit(0, 't', null, 'simple', -1)?.errorCode, 'NONE', 'a consumer outside any group may commit to a new group id');
    assert.equal(sim.groups.get('simple')!.offsets.committed('t', 0), 5);
  });

  it('KIP-848: a member id is made for an empty one, unchanged fields may be null, unknown assignors and bad epochs are refused', () => {
    const sim = new Simulation(scenario([]));
    const t = sim.connect('new-consumer', '/10.0.0.1');
    const hb = (over: Record<string, unknown>) =>
      call(t, { api: 'ConsumerGroupHeartbeat', groupId: 'g', memberId: '', memberEpoch: 0, instanceId: null, rackId: null, rebalanceTimeoutMs: 60_000, subscribedTopicNames: ['t'], serverAssignor: null, topicPartitions: [], ...over } as GroupRequest & { api: 'ConsumerGroupHeartbeat' });
    assert.equal(hb({ serverAssignor: 'sticky' })?.errorCode, 'UNSUPPORTED_ASSIGNOR');
    assert.equal(hb({ memberEpoch: -3, memberId: 'x' })?.errorCode, 'INVALID_REQUEST');
    assert.equal(hb({ memberEpoch: 3 })?.errorCode, 'INVALID_REQUEST', 'a member id is required after joining');
    assert.equal(hb({ subscribedTopicNames: null })?.errorCode, 'INVALID_REQUEST');
    const joined = hb({});
    assert.equal(joined?.errorCode, 'NONE');
    assert.match(joined.memberId, /^[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(joined.assignment?.map((tp) => tp.partition).sort(), [0, 1], 'a join gets the whole assignment');
    // An incremental heartbeat: nothing changed, so nothing is sent; the subscription stays.
    const again = hb({ memberId: joined.memberId, memberEpoch: joined.memberEpoch, subscribedTopicNames: null, topicPartitions: null, rebalanceTimeoutMs: -1 });
    assert.equal(again?.errorCode, 'NONE');
    assert.equal(again.assignment, null);
    assert.equal(sim.groups.get('g')!.members.get(joined.memberId)!.assignment.length, 2);
    assert.equal(hb({ groupId: 'other', memberId: 'x', memberEpoch: 4 })?.errorCode, 'GROUP_ID_NOT_FOUND', 'only a join creates a group');
    // DescribeGroups is the classic protocol's: a consumer group is Dead to it (ConsumerGroupDescribe describes it).
    assert.equal(call(t, { api: 'DescribeGroups', groups: ['g'] })?.groups[0]!.groupState, 'Dead');
    const described = call(t, { api: 'ConsumerGroupDescribe', groupIds: ['g'] })?.groups[0];
    assert.equal(described?.groupState, 'Stable');
    assert.deepEqual(described.members.map((m) => [m.memberId, m.memberEpoch, m.assignment.length, m.targetAssignment.length]), [[joined.memberId, joined.memberEpoch, 2, 2]]);
    assert.equal(hb({ memberId: 'never-joined', memberEpoch: -1 })?.errorCode, 'UNKNOWN_MEMBER_ID', 'leaving as an unknown member');
    // Joining again with epoch 0 (it lost its partitions): it starts over and is sent everything.
    const rejoined = hb({ memberId: joined.memberId });
    assert.equal(rejoined?.errorCode, 'NONE');
    assert.deepEqual(rejoined.assignment?.map((tp) => tp.partition).sort(), [0, 1]);
  });

  it('KIP-848: a dynamic member whose session expired is unknown, not fenced: it rejoins and consumes again', () => {
    const events: SimEvent[] = [];
    const kip848 = { 'group.protocol': 'consumer' };
    const sim = new Simulation(scenario([{ clientId: 'c1', config: kip848 }, { clientId: 'c2', config: kip848 }]), (e) => events.push(e));
    sim.runUntil(5_000);
    sim.apply({ action: 'stall-consumer', consumer: 'c2', duration: '60s' });
    // A stalled client's background thread keeps heartbeating; a crashed-and-restarted one is the case here.
    sim.apply({ action: 'crash-consumer', consumer: 'c2' });
    sim.runUntil(60_000);
    assert.ok(events.some((e) => e.type === 'session-timed-out' && e.clientId === 'c2'));
    sim.apply({ action: 'restart-consumer', consumer: 'c2' });
    sim.runUntil(80_000);
    assert.equal(events.filter((e) => e.type === 'consumer-failed').length, 0, JSON.stringify(events.filter((e) => e.type === 'consumer-failed')));
    assert.equal(sim.consumers.get('c2')!.ownedNames().length, 1);

    // The same member id heartbeating after its session expired (a client cut off for a while) is told UNKNOWN_MEMBER_ID.
    const t = sim.connect('cut-off', '/10.0.0.3');
    const hb = (memberId: string, memberEpoch: number) => {
      let out: ResponseTo<GroupRequest & { api: 'ConsumerGroupHeartbeat' }> | undefined;
      t.send({ api: 'ConsumerGroupHeartbeat', groupId: 'g', memberId, memberEpoch, instanceId: null, rackId: null, rebalanceTimeoutMs: 60_000, subscribedTopicNames: ['t'], serverAssignor: null, topicPartitions: memberEpoch === 0 ? [] : null }, (r) => (out = r));
      return out;
    };
    const joined = hb('', 0);
    assert.equal(joined?.memberId.length, 22);
    sim.runUntil(sim.now + 46_000);
    assert.ok(events.some((e) => e.type === 'session-timed-out' && e.clientId === 'cut-off'));
    assert.equal(hb(joined!.memberId, joined!.memberEpoch)?.errorCode, 'UNKNOWN_MEMBER_ID');
    assert.equal(hb(joined!.memberId, 0)?.errorCode, 'NONE', 'and may join again with its id');
  });

  it('KIP-848: a member that never revokes what it was asked to give up is fenced after its rebalance timeout', () => {
    const events: SimEvent[] = [];
    const sim = new Simulation(scenario([]), (e) => events.push(e));
    const t = sim.connect('stubborn', '/10.0.0.4');
    const hb = (memberId: string, memberEpoch: number, owned: Array<{ topic: string; partition: number }> | null) => {
      let out: ResponseTo<GroupRequest & { api: 'ConsumerGroupHeartbeat' }> | undefined;
      t.send({ api: 'ConsumerGroupHeartbeat', groupId: 'g', memberId, memberEpoch, instanceId: null, rackId: null, rebalanceTimeoutMs: 30_000, subscribedTopicNames: memberEpoch === 0 ? ['t'] : null, serverAssignor: null, topicPartitions: owned }, (r) => (out = r));
      return out!;
    };
    const joined = hb('', 0, []);
    const all = [{ topic: 't', partition: 0 }, { topic: 't', partition: 1 }];
    const epoch = hb(joined.memberId, joined.memberEpoch, []).memberEpoch;
    sim.apply({ action: 'add-consumer', group: 'g', consumer: { clientId: 'sim-1', ratePerSec: 50, config: { 'group.protocol': 'consumer' } } });
    sim.runUntil(sim.now + 1_000);
    // Its next heartbeat asks it to give one partition up; it keeps reporting both (and keeps its session alive).
    const asked = sim.now;
    assert.equal(hb(joined.memberId, epoch, all).errorCode, 'NONE');
    for (let at = asked + 4_000; at < asked + 29_000; at += 4_000) {
      sim.runUntil(at);
      assert.equal(hb(joined.memberId, epoch, all).errorCode, 'NONE');
    }
    assert.ok(!events.some((e) => e.type === 'member-removed-on-rebalance-timeout'), 'not before its rebalance timeout');
    sim.runUntil(asked + 30_100);
    const fenced = events.find((e) => e.type === 'member-removed-on-rebalance-timeout');
    assert.ok(fenced && fenced.type === 'member-removed-on-rebalance-timeout' && fenced.clientId === 'stubborn' && fenced.cause === 'revoke', JSON.stringify(fenced));
    assert.equal(hb(joined.memberId, epoch, all).errorCode, 'UNKNOWN_MEMBER_ID');
    sim.runUntil(sim.now + 10_000);
    assert.equal(sim.consumers.get('sim-1')!.ownedNames().length, 2, 'the other member gets everything');
  });

  it('KIP-848: a static newcomer whose instance id still belongs to a member that did not leave gets UNRELEASED_INSTANCE_ID', () => {
    const sim = new Simulation(scenario([{ clientId: 'i1', config: { 'group.protocol': 'consumer', 'group.instance.id': 'inst-1' } }]));
    sim.runUntil(5_000);
    const t = sim.connect('impostor', '/10.0.0.5');
    let out: ResponseTo<GroupRequest & { api: 'ConsumerGroupHeartbeat' }> | undefined;
    t.send({ api: 'ConsumerGroupHeartbeat', groupId: 'g', memberId: 'new-id-000000000000000', memberEpoch: 0, instanceId: 'inst-1', rackId: null, rebalanceTimeoutMs: 60_000, subscribedTopicNames: ['t'], serverAssignor: null, topicPartitions: [] }, (r) => (out = r));
    assert.equal(out?.errorCode, 'UNRELEASED_INSTANCE_ID');
    assert.match(out!.errorMessage!, /instance id inst-1 cannot join the group because the instance id is owned by/);
    assert.equal(sim.consumers.get('i1')!.status, 'running', 'the owner is untouched');
    // Once the owner has left with epoch -2 (a graceful stop of a static member), the instance id is free.
    sim.apply({ action: 'stop-consumer', consumer: 'i1' });
    t.send({ api: 'ConsumerGroupHeartbeat', groupId: 'g', memberId: 'new-id-000000000000000', memberEpoch: 0, instanceId: 'inst-1', rackId: null, rebalanceTimeoutMs: 60_000, subscribedTopicNames: ['t'], serverAssignor: null, topicPartitions: [] }, (r) => (out = r));
    assert.equal(out?.errorCode, 'NONE');
  });
});
