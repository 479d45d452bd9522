/**
 * A real client's request sequence drives a group next to simulated consumers: the requests below
 * are what Kafka's Java consumer (4.x, `group.protocol=classic`, default strategies range and
 * cooperative-sticky) sends, in its order — JoinGroup without a member id, JoinGroup again with
 * the id from MEMBER_ID_REQUIRED, SyncGroup (with the assignment when it is the leader), Heartbeat
 * every heartbeat.interval.ms, OffsetCommit with its generation — and the outcomes are Kafka's.
 */
import * as assert from 'node:assert/strict';
import {
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
  Simulation,
  type GroupTransport,
  type JoinGroupResponse,
  type ResponseTo,
  type GroupRequest,
  type Scenario,
  type SimEvent,
} from '../../../src/sim';

const GROUP = 'g';
const TOPIC = 't';

function scenario(consumers: string[]): Scenario {
  return {
    name: 'java client',
    seed: 11,
    topics: [{ name: TOPIC, partitions: 4 }],
    producers: [{ id: 'p', topic: TOPIC, ratePerSec: 40, keys: 8 }],
    groups: [{ groupId: GROUP, consumers: consumers.map((clientId) => ({ clientId, ratePerSec: 100 })) }],
  };
}

/** The Java consumer's side of the protocol, one request at a time; the test decides when. */
class JavaClient {
  memberId = '';
  generation = -1;
  readonly responses: Array<{ api: string; response: unknown }> = [];
  constructor(private readonly transport: GroupTransport) {}

  /** Sends and returns a holder that is filled when the (possibly delayed) response arrives. */
  send<R extends GroupRequest>(request: R): { response: ResponseTo<R> | undefined } {
    const holder: { response: ResponseTo<R> | undefined } = { response: undefined };
    this.transport.send(request, (response) => {
      holder.response = response;
      this.responses.push({ api: request.api, response });
    });
    return holder;
  }

  joinGroup() {
    const subscription = (name: string) => ({ name, metadata: encodeSubscription({ topics: [TOPIC], userData: null, ownedPartitions: [], generationId: this.generation, rackId: null }) });
    return this.send({
      api: 'JoinGroup',
      groupId: GROUP,
      sessionTimeoutMs: 45_000,
      rebalanceTimeoutMs: 300_000,
      memberId: this.memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [subscription('range'), subscription('cooperative-sticky')],
      reason: this.memberId === '' ? null : 'rebalance failed due to MemberIdRequiredException',
    });
  }

  syncGroup(assignments: Array<{ memberId: string; partitions: number[] }> = []) {
    return this.send({
      api: 'SyncGroup',
      groupId: GROUP,
      generationId: this.generation,
      memberId: this.memberId,
      groupInstanceId: null,
      protocolType: 'consumer',
      protocolName: 'range',
      assignments: assignments.map((a) => ({ memberId: a.memberId, assignment: encodeAssignment({ partitions: a.partitions.map((partition) => ({ topic: TOPIC, partition })), userData: null }) })),
    });
  }

  heartbeat() {
    return this.send({ api: 'Heartbeat', groupId: GROUP, generationId: this.generation, memberId: this.memberId, groupInstanceId: null });
  }

  commit(partition: number, offset: number) {
    return this.send({
      api: 'OffsetCommit',
      groupId: GROUP,
      generationIdOrMemberEpoch: this.generation,
      memberId: this.memberId,
      groupInstanceId: null,
      topics: [{ name: TOPIC, partitions: [{ partitionIndex: partition, committedOffset: offset, committedMetadata: null }] }],
    });
  }

  /** MEMBER_ID_REQUIRED, then the same JoinGroup with the given id (KIP-394). */
  joinWithId(): { response: JoinGroupResponse | undefined } {
    const first = this.joinGroup();
    assert.equal(first.response?.errorCode, 'MEMBER_ID_REQUIRED');
    assert.match(first.response.memberId, /^java-client-[0-9a-f-]{36}$/);
    this.memberId = first.response.memberId;
    return this.joinGroup();
  }

  accept(join: JoinGroupResponse): void {
    assert.equal(join.errorCode, 'NONE');
    this.generation = join.generationId;
  }
}

/** Runs the simulation tick by tick until `done()` (at most `limitMs` of virtual time), heartbeating every 3 s. */
function runUntil(sim: Simulation, client: JavaClient | undefined, done: () => boolean, limitMs: number): void {
  const end = sim.now + limitMs;
  let nextHeartbeat = sim.now + 3_000;
  while (!done()) {
    assert.ok(sim.now < end, `condition not reached within ${limitMs} ms`);
    sim.step();
    if (client && client.generation >= 0 && sim.now >= nextHeartbeat) {
      nextHeartbeat = sim.now + 3_000;
      client.heartbeat();
    }
  }
}

function owned(sim: Simulation, clientId: string): string[] {
  return sim.consumers.get(clientId)!.ownedNames();
}

describe('A Java client in a group with simulated consumers', () => {
  it('joins as a follower: MEMBER_ID_REQUIRED, a delayed JoinGroup, SyncGroup, heartbeats and commits', () => {
    const events: SimEvent[] = [];
    const sim = new Simulation(scenario(['sim-1']), (e) => events.push(e));
    sim.runUntil(5_000);
    assert.equal(sim.groups.get(GROUP)!.state, 'Stable');
    const java = new JavaClient(sim.connect('java-client', '/10.0.0.7'));

    const join = java.joinWithId();
    // The JoinGroup waits in purgatory until sim-1 learns of the rebalance from its heartbeat and rejoins.
    assert.equal(join.response, undefined);
    assert.equal(sim.groups.get(GROUP)!.state, 'PreparingRebalance');
    runUntil(sim, undefined, () => join.response !== undefined, 3_100);
    java.accept(join.response!);
    assert.equal(join.response!.generationId, 2);
    assert.equal(join.response!.protocolName, 'range');
    assert.notEqual(join.response!.leader, java.memberId, 'sim-1 stays the leader');
    assert.deepEqual(join.response!.members, [], 'only the leader gets the member list');

    const sync = java.syncGroup();
    assert.equal(sync.response?.errorCode, 'NONE');
    const mine = decodeAssignment(sync.response!.assignment).partitions.map((tp) => `${tp.topic}-${tp.partition}`);
    // RangeAssignor, members sorted by id: 'java-client-…' before 'sim-1-…'.
    assert.deepEqual(mine, ['t-0', 't-1']);
    assert.deepEqual(owned(sim, 'sim-1'), ['t-2', 't-3']);
    const done = events.find((e) => e.type === 'rebalance-completed' && e.generation === 2);
    assert.ok(done && done.type === 'rebalance-completed');
    assert.deepEqual(done.assignment[java.memberId], ['t-0', 't-1']);

    assert.equal(java.heartbeat().response?.errorCode, 'NONE');
    assert.equal(java.commit(0, 7).response?.errorCode, 'NONE');
    assert.equal(sim.groups.get(GROUP)!.offsets.committed(TOPIC, 0), 7);
    const fetched = java.send({ api: 'OffsetFetch', groupId: GROUP, topics: [{ name: TOPIC, partitionIndexes: [0, 1] }] });
    // t-1 still has what sim-1 committed while it owned every partition.
    const sim1Committed = sim.groups.get(GROUP)!.offsets.committed(TOPIC, 1);
    assert.ok(sim1Committed > 0);
    assert.deepEqual(fetched.response?.topics[0]!.partitions.map((p) => p.committedOffset), [7, sim1Committed]);
    // A commit with a stale generation is refused, as Kafka refuses it.
    assert.equal(java.send({ ...{ api: 'OffsetCommit' as const, groupId: GROUP, generationIdOrMemberEpoch: 1, memberId: java.memberId, groupInstanceId: null }, topics: [] }).response?.errorCode, 'ILLEGAL_GENERATION');

    // It keeps its partitions while it heartbeats; when it stops, its session expires and sim-1 takes all.
    runUntil(sim, java, () => sim.now >= 60_000, 60_000);
    assert.deepEqual(owned(sim, 'sim-1'), ['t-2', 't-3']);
    const silentFrom = sim.now;
    runUntil(sim, undefined, () => owned(sim, 'sim-1').length === 4, 60_000);
    const expired = events.find((e) => e.type === 'session-timed-out' && e.clientId === 'java-client');
    assert.ok(expired && expired.t - silentFrom >= 42_000 && expired.t - silentFrom <= 45_100, `expired at ${expired?.t}`);
    assert.equal(java.heartbeat().response?.errorCode, 'UNKNOWN_MEMBER_ID');
  });

  it('as the leader, assigns for the simulated member too; the group waits in CompletingRebalance for its SyncGroup', () => {
    const events: SimEvent[] = [];
    const sim = new Simulation(scenario([]), (e) => events.push(e));
    const java = new JavaClient(sim.connect('java-client', '/10.0.0.7'));
    const first = java.joinWithId();
    runUntil(sim, undefined, () => first.response !== undefined, 3_100); // group.initial.rebalance.delay.ms
    java.accept(first.response!);
    assert.equal(first.response!.leader, java.memberId);
    assert.equal(java.syncGroup([{ memberId: java.memberId, partitions: [0, 1, 2, 3] }]).response?.errorCode, 'NONE');

    sim.apply({ action: 'add-consumer', group: GROUP, consumer: { clientId: 'sim-1', ratePerSec: 100 } });
    // Its heartbeat tells the leader to rejoin, as the Java client's heartbeat thread would hear it.
    runUntil(sim, undefined, () => java.heartbeat().response?.errorCode === 'REBALANCE_IN_PROGRESS', 1_000);
    const rejoin = java.joinGroup();
    assert.ok(rejoin.response, 'everyone has joined: the response is sent at once');
    java.accept(rejoin.response);
    assert.equal(rejoin.response.leader, java.memberId);
    const subscriptions = rejoin.response.members.map((m) => ({ memberId: m.memberId, ...decodeSubscription(m.metadata) }));
    assert.equal(subscriptions.length, 2);
    const simMember = subscriptions.find((m) => m.memberId !== java.memberId)!;
    assert.deepEqual(simMember.topics, [TOPIC]);
    assert.equal(simMember.generationId, -1, 'a new member has no generation yet');

    // Until the leader's SyncGroup, the group waits and the simulated member owns nothing.
    runUntil(sim, java, () => sim.now >= 12_000, 10_000);
    assert.equal(sim.groups.get(GROUP)!.state, 'CompletingRebalance');
    assert.deepEqual(owned(sim, 'sim-1'), []);
    assert.equal(java.heartbeat().response?.errorCode, 'NONE', 'heartbeats after the JoinGroup response are normal ones');

    // The leader decides: not what range would give, to show the coordinator only carries it.
    const sync = java.syncGroup([
      { memberId: java.memberId, partitions: [3] },
      { memberId: simMember.memberId, partitions: [0, 1, 2] },
    ]);
    assert.equal(sync.response?.errorCode, 'NONE');
    assert.equal(sim.groups.get(GROUP)!.state, 'Stable');
    assert.deepEqual(owned(sim, 'sim-1'), ['t-0', 't-1', 't-2']);
    assert.deepEqual(decodeAssignment(sync.response!.assignment).partitions, [{ topic: TOPIC, partition: 3 }]);
    const before = sim.consumers.get('sim-1')!.owned.map((o) => o.position);
    runUntil(sim, java, () => sim.now >= 20_000, 10_000);
    const after = sim.consumers.get('sim-1')!.owned.map((o) => o.position);
    assert.ok(after.some((p, i) => p > before[i]!), 'sim-1 consumes what the leader gave it');
  });

  it('a member that never sends SyncGroup is removed after the rebalance timeout and the group rebalances without it', () => {
    const events: SimEvent[] = [];
    const sim = new Simulation(scenario(['sim-1']), (e) => events.push(e));
    sim.runUntil(5_000);
    const java = new JavaClient(sim.connect('java-client', '/10.0.0.7'));
    const join = java.joinWithId();
    runUntil(sim, undefined, () => join.response !== undefined, 3_100);
    java.accept(join.response!);
    // It heartbeats (so its session stays alive) but never syncs.
    runUntil(sim, java, () => events.some((e) => e.type === 'member-removed-on-rebalance-timeout'), 301_000);
    const removed = events.find((e) => e.type === 'member-removed-on-rebalance-timeout')!;
    assert.equal(removed.type === 'member-removed-on-rebalance-timeout' && removed.clientId, 'java-client');
    runUntil(sim, undefined, () => owned(sim, 'sim-1').length === 4, 10_000);
    assert.equal(java.heartbeat().response?.errorCode, 'UNKNOWN_MEMBER_ID');
  });

  it('a client with unreadable metadata or a leader with an unreadable assignment breaks no simulated consumer silently', () => {
    const events: SimEvent[] = [];
    const sim = new Simulation(scenario(['sim-1']), (e) => events.push(e));
    sim.runUntil(5_000);
    const broken = new JavaClient(sim.connect('broken', '/10.0.0.9'));
    const first = broken.send({ api: 'JoinGroup', groupId: GROUP, sessionTimeoutMs: 45_000, rebalanceTimeoutMs: 300_000, memberId: '', groupInstanceId: null, protocolType: 'consumer', protocols: [{ name: 'range', metadata: Uint8Array.of(0, 3, 0xff) }], reason: null });
    broken.memberId = first.response!.memberId;
    const join = broken.send({ api: 'JoinGroup', groupId: GROUP, sessionTimeoutMs: 45_000, rebalanceTimeoutMs: 300_000, memberId: broken.memberId, groupInstanceId: null, protocolType: 'consumer', protocols: [{ name: 'range', metadata: Uint8Array.of(0, 3, 0xff) }], reason: null });
    runUntil(sim, undefined, () => join.response !== undefined, 3_100);
    // sim-1 leads: the broken member subscribes to nothing it can read, so sim-1 keeps every partition.
    assert.deepEqual(owned(sim, 'sim-1'), ['t-0', 't-1', 't-2', 't-3']);
    assert.equal(sim.consumers.get('sim-1')!.status, 'running');

    // Now a leader outside the engine hands sim-2 garbage: sim-2's poll() fails, named, and the run goes on.
    const lab = new Simulation(scenario([]), (e) => events.push(e));
    const leader = new JavaClient(lab.connect('java-client', '/10.0.0.7'));
    const j = leader.joinWithId();
    runUntil(lab, undefined, () => j.response !== undefined, 3_100);
    leader.accept(j.response!);
    leader.syncGroup([{ memberId: leader.memberId, partitions: [0, 1, 2, 3] }]);
    lab.apply({ action: 'add-consumer', group: GROUP, consumer: { clientId: 'sim-2', ratePerSec: 100 } });
    runUntil(lab, undefined, () => leader.heartbeat().response?.errorCode === 'REBALANCE_IN_PROGRESS', 1_000);
    const again = leader.joinGroup();
    leader.accept(again.response!);
    const other = again.response!.members.find((m) => m.memberId !== leader.memberId)!;
    leader.send({ api: 'SyncGroup', groupId: GROUP, generationId: leader.generation, memberId: leader.memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [{ memberId: other.memberId, assignment: Uint8Array.of(0, 3, 0, 0, 0, 9) }] });
    const failed = events.find((e) => e.type === 'consumer-failed' && e.clientId === 'sim-2');
    assert.ok(failed && failed.type === 'consumer-failed' && /SchemaException: the assignment from the group leader cannot be read/.test(failed.error), JSON.stringify(failed));
    lab.runUntil(lab.now + 10_000);
  });

  it('refuses what Kafka refuses: an unknown member id, a sync of another generation, mismatched protocols', () => {
    const sim = new Simulation(scenario(['sim-1']), () => undefined);
    sim.runUntil(5_000);
    const java = new JavaClient(sim.connect('java-client', '/10.0.0.7'));
    java.memberId = 'made-up';
    assert.equal(java.joinGroup().response?.errorCode, 'UNKNOWN_MEMBER_ID');
    java.memberId = '';
    const join = java.joinWithId();
    runUntil(sim, undefined, () => join.response !== undefined, 3_100);
    java.accept(join.response!);
    const wrong = java.send({ api: 'SyncGroup', groupId: GROUP, generationId: 1, memberId: java.memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] });
    assert.equal(wrong.response?.errorCode, 'ILLEGAL_GENERATION');
    const other = java.send({ api: 'SyncGroup', groupId: GROUP, generationId: java.generation, memberId: java.memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'roundrobin', assignments: [] });
    assert.equal(other.response?.errorCode, 'INCONSISTENT_GROUP_PROTOCOL');
    const stranger = new JavaClient(sim.connect('stranger', '/10.0.0.8'));
    const odd = stranger.send({ api: 'JoinGroup', groupId: GROUP, sessionTimeoutMs: 45_000, rebalanceTimeoutMs: 300_000, memberId: '', groupInstanceId: null, protocolType: 'consumer', protocols: [{ name: 'my-own-assignor', metadata: new Uint8Array(0) }], reason: null });
    assert.equal(odd.response?.errorCode, 'INCONSISTENT_GROUP_PROTOCOL');
    const list = java.send({ api: 'ListGroups', statesFilter: [], typesFilter: [] });
    assert.deepEqual(list.response?.groups.map((g) => [g.groupId, g.groupType]), [[GROUP, 'classic']]);
    const described = java.send({ api: 'DescribeGroups', groups: [GROUP, 'nope'] });
    // The simulated leader has synced: Stable, even though this follower has not fetched its assignment.
    assert.deepEqual(described.response?.groups.map((g) => g.groupState), ['Stable', 'Dead']);
    assert.equal(described.response?.groups[0]!.members.length, 2);
  });
});
