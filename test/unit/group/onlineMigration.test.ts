/**
 * Online migration between the protocols (Kafka 4.0's group.consumer.migration.policy,
 * default bidirectional): a consumer-protocol member upgrades a running classic group, classic
 * members live on inside the consumer group, and the last consumer-protocol member leaving turns
 * the group classic again. Before this, every mixed join was refused with INCONSISTENT_GROUP_PROTOCOL.
 */
import * as assert from 'node:assert/strict';
import type { Scenario } from '../../../src/sim/scenario/types';
import { loadScenario } from '../../../src/sim/scenario/load';
import { decodeAssignment, encodeSubscription, Simulation, snapshot, type GroupRequest, type GroupTransport, type JoinGroupRequest, type ResponseTo } from '../../../src/sim';
import { Recorder } from '../engine/helpers';

const CONSUMER = { 'group.protocol': 'consumer' } as const;

function scenario(opts: { consumers: Array<{ clientId: string; config?: Record<string, unknown> }>; timeline?: unknown[]; policy?: string; partitions?: number }): Scenario {
  return {
    name: 'migration',
    seed: 5,
    ...(opts.policy ? { broker: { 'group.consumer.migration.policy': opts.policy as never } } : {}),
    topics: [{ name: 't', partitions: opts.partitions ?? 6 }],
    producers: [{ id: 'p', topic: 't', ratePerSec: 60, keys: 12 }],
    groups: [{ groupId: 'g', consumers: opts.consumers.map((c) => ({ ratePerSec: 100, ...c, config: { 'max.poll.records': 100, ...(c.config ?? {}) } })) as never }],
    timeline: (opts.timeline ?? []) as never,
  };
}

/** client.id → partitions it owns now, as the client sees them. */
function owned(r: Recorder): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of snapshot(r.sim).consumers) if (c.status === 'running') out.set(c.clientId, c.assigned.map((tp) => `${tp.topic}-${tp.partition}`).sort());
  return out;
}

describe('online migration between the classic and the consumer protocol (KIP-848, Kafka 4.0)', () => {
  it('a consumer-protocol member joining a running classic group upgrades it; the classic members stay and keep their partitions', () => {
    const r = new Recorder(scenario({ consumers: [{ clientId: 'c1' }, { clientId: 'c2' }], timeline: [{ at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'new', ratePerSec: 100, config: CONSUMER } }] }));
    r.sim.runUntil(19_000);
    const before = r.sim.groups.get('g')!;
    assert.equal(before.protocolType, 'classic');
    const generation = before.generation;
    const ownedBefore = owned(r);
    r.sim.runUntil(20_100);
    const converted = r.of('group-converted');
    assert.equal(converted.length, 1, 'one conversion');
    const { type, group, from, to, clientId, members } = converted[0]!;
    assert.deepEqual({ type, group, from, to, clientId, members }, { type: 'group-converted', group: 'g', from: 'classic', to: 'consumer', clientId: 'new', members: 2 });
    assert.equal(r.of('join-rejected').length, 0);
    const g = r.sim.groups.get('g')!;
    assert.equal(g.protocolType, 'consumer');
    // The group epoch continues from the classic generation: +1 for the member that joined.
    assert.equal(g.generation, generation + 1);
    // Nobody lost anything at the conversion itself.
    for (const id of ['c1', 'c2']) assert.deepEqual(owned(r).get(id), ownedBefore.get(id), `${id} keeps its partitions when the group is converted`);
    r.sim.runUntil(40_000);
    assert.equal(r.sim.groups.get('g')!.state, 'Stable');
    assert.deepEqual([...owned(r).values()].map((ps) => ps.length).sort(), [2, 2, 2]);
    // The classic members still rebalance the classic way: JoinGroup/SyncGroup, now answered by the consumer group.
    assert.equal(r.sim.consumers.get('c1')!.status, 'running');
    assert.equal(r.sim.consumers.get('new')!.status, 'running');
  });

  it('a classic member joins a running consumer group (no INCONSISTENT_GROUP_PROTOCOL) and gets its share through JoinGroup/SyncGroup', () => {
    const r = new Recorder(scenario({ consumers: [{ clientId: 'k1', config: CONSUMER }, { clientId: 'k2', config: CONSUMER }], timeline: [{ at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'old', ratePerSec: 100 } }] }));
    r.sim.runUntil(45_000);
    assert.equal(r.of('join-rejected').length, 0);
    assert.equal(r.sim.consumers.get('old')!.status, 'running');
    const g = r.sim.groups.get('g')!;
    assert.equal(g.protocolType, 'consumer');
    assert.equal(g.state, 'Stable');
    assert.deepEqual([...owned(r).values()].map((ps) => ps.length).sort(), [2, 2, 2]);
    // Every partition has exactly one owner.
    const all = [...owned(r).values()].flat().sort();
    assert.deepEqual(all, ['t-0', 't-1', 't-2', 't-3', 't-4', 't-5']);
  });

  it('a rolling upgrade (restart-consumer with group.protocol=consumer, one at a time) ends in a consumer group without classic members', () => {
    const r = new Recorder(
      scenario({
        consumers: [{ clientId: 'c1' }, { clientId: 'c2' }],
        timeline: [
          { at: '20s', action: 'stop-consumer', consumer: 'c1' },
          { at: '22s', action: 'restart-consumer', consumer: 'c1', config: CONSUMER },
          { at: '40s', action: 'stop-consumer', consumer: 'c2' },
          { at: '42s', action: 'restart-consumer', consumer: 'c2', config: CONSUMER },
        ],
      }),
    );
    r.sim.runUntil(70_000);
    assert.equal(r.of('group-converted').length, 1);
    const restarted = r.of('consumer-started').filter((e) => e.changed);
    assert.deepEqual(restarted.map((e) => [e.clientId, e.changed]), [['c1', CONSUMER], ['c2', CONSUMER]]);
    const g = r.sim.groups.get('g')!;
    assert.equal(g.protocolType, 'consumer');
    assert.equal(g.state, 'Stable');
    assert.deepEqual([...owned(r).values()].map((ps) => ps.length).sort(), [3, 3]);
  });

  it('when the last consumer-protocol member leaves, the group becomes classic again and its members rebalance the classic way', () => {
    const r = new Recorder(scenario({ consumers: [{ clientId: 'c1' }, { clientId: 'c2' }], timeline: [
      { at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'new', ratePerSec: 100, config: CONSUMER } },
      { at: '45s', action: 'stop-consumer', consumer: 'new' },
    ] }));
    r.sim.runUntil(44_000);
    assert.equal(r.sim.groups.get('g')!.protocolType, 'consumer');
    const epoch = r.sim.groups.get('g')!.generation;
    r.sim.runUntil(46_000);
    const back = r.of('group-converted').filter((e) => e.to === 'classic');
    assert.equal(back.length, 1);
    assert.equal(back[0]!.clientId, 'new');
    assert.equal(back[0]!.members, 2);
    const g = r.sim.groups.get('g')!;
    assert.equal(g.protocolType, 'classic');
    // The classic group starts at the group epoch and rebalances at once.
    assert.ok(r.of('rebalance-started').some((e) => e.reason === 'Downgrade group g from consumer to classic.' && e.generation === epoch));
    r.sim.runUntil(70_000);
    assert.equal(r.sim.groups.get('g')!.state, 'Stable');
    assert.equal(r.sim.groups.get('g')!.generation, epoch + 1);
    assert.deepEqual([...owned(r).entries()].filter(([id]) => id !== 'new').map(([, ps]) => ps.length).sort(), [3, 3]);
  });

  it('group.consumer.migration.policy=disabled: the consumer-protocol member is refused (GROUP_ID_NOT_FOUND) and stops', () => {
    const r = new Recorder(scenario({ policy: 'disabled', consumers: [{ clientId: 'c1' }], timeline: [{ at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'new', ratePerSec: 100, config: CONSUMER } }] }));
    r.sim.runUntil(25_000);
    assert.equal(r.of('group-converted').length, 0);
    assert.deepEqual(r.of('migration-refused').map((e) => [e.clientId, e.policy]), [['new', 'disabled']]);
    assert.equal(r.sim.consumers.get('new')!.status, 'stopped');
    assert.match(r.of('consumer-failed').find((e) => e.clientId === 'new')!.error, /GroupIdNotFoundException: Group g is not a consumer group/);
    assert.equal(r.sim.groups.get('g')!.protocolType, 'classic');
  });

  it("group.consumer.migration.policy=upgrade: no downgrade; the classic members stay in the consumer group", () => {
    const r = new Recorder(scenario({ policy: 'upgrade', consumers: [{ clientId: 'c1' }, { clientId: 'c2' }], timeline: [
      { at: '20s', action: 'add-consumer', group: 'g', consumer: { clientId: 'new', ratePerSec: 100, config: CONSUMER } },
      { at: '45s', action: 'stop-consumer', consumer: 'new' },
    ] }));
    r.sim.runUntil(70_000);
    assert.deepEqual(r.of('group-converted').map((e) => e.to), ['consumer']);
    const g = r.sim.groups.get('g')!;
    assert.equal(g.protocolType, 'consumer');
    assert.equal(g.state, 'Stable');
    assert.deepEqual([...owned(r).entries()].filter(([id]) => id !== 'new').map(([, ps]) => ps.length).sort(), [3, 3]);
  });
});

describe('classic requests to a consumer group, as the coordinator answers them', () => {
  function call<R extends GroupRequest>(t: GroupTransport, request: R): ResponseTo<R> {
    let out: ResponseTo<R> | undefined;
    t.send(request, (r) => (out = r));
    assert.ok(out, `${request.api} answered at once`);
    return out;
  }
  const join = (memberId: string): JoinGroupRequest => ({
    api: 'JoinGroup',
    groupId: 'g',
    sessionTimeoutMs: 45_000,
    rebalanceTimeoutMs: 60_000,
    memberId,
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: encodeSubscription({ topics: ['t'], userData: null, ownedPartitions: [], generationId: -1, rackId: null }) }],
    reason: null,
  });

  /** A consumer group with one simulated consumer-protocol member, and a client outside the engine. */
  function consumerGroup() {
    const sim = new Simulation(scenario({ partitions: 4, consumers: [{ clientId: 'k1', config: CONSUMER }] }));
    sim.runUntil(5_000);
    assert.equal(sim.groups.get('g')!.protocolType, 'consumer');
    return { sim, t: sim.connect('java', '/10.0.0.9') };
  }

  it('JoinGroup: MEMBER_ID_REQUIRED with a Kafka Uuid, then an immediate answer with no leader and the member epoch as generation', () => {
    const { sim, t } = consumerGroup();
    const epoch = sim.groups.get('g')!.generation;
    const first = call(t, join(''));
    assert.equal(first.errorCode, 'MEMBER_ID_REQUIRED');
    assert.match(first.memberId, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    const second = call(t, join(first.memberId));
    assert.equal(second.errorCode, 'NONE');
    assert.equal(second.leader, '');
    assert.deepEqual(second.members, []);
    assert.equal(second.protocolName, 'range');
    assert.equal(second.generationId, epoch + 1, 'the join bumped the group epoch and the member reconciled to it');
    const sync = call(t, { api: 'SyncGroup', groupId: 'g', generationId: second.generationId, memberId: second.memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] });
    assert.equal(sync.errorCode, 'NONE');
    // k1 still holds every partition until it revokes: the newcomer gets what is free (nothing yet).
    assert.deepEqual(decodeAssignment(sync.assignment).partitions, []);
    sim.runUntil(20_000);
    const later = call(t, join(second.memberId));
    const sync2 = call(t, { api: 'SyncGroup', groupId: 'g', generationId: later.generationId, memberId: later.memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] });
    assert.equal(decodeAssignment(sync2.assignment).partitions.length, 2, 'once k1 revoked, the classic member gets its half');
  });

  it('Heartbeat: ILLEGAL_GENERATION for another generation, UNKNOWN_MEMBER_ID for a consumer-protocol member, REBALANCE_IN_PROGRESS once the epoch moves on', () => {
    const { sim, t } = consumerGroup();
    const id = call(t, join('')).memberId;
    const gen = call(t, join(id)).generationId;
    call(t, { api: 'SyncGroup', groupId: 'g', generationId: gen, memberId: id, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] });
    assert.equal(call(t, { api: 'Heartbeat', groupId: 'g', generationId: gen + 5, memberId: id, groupInstanceId: null }).errorCode, 'ILLEGAL_GENERATION');
    const k1 = [...sim.groups.get('g')!.members.values()].find((m) => m.clientId === 'k1')!;
    assert.equal(call(t, { api: 'Heartbeat', groupId: 'g', generationId: gen, memberId: k1.memberId, groupInstanceId: null }).errorCode, 'UNKNOWN_MEMBER_ID');
    // k1 revokes what the newcomer gets; then the classic member is told to rejoin to collect it.
    sim.runUntil(20_000);
    assert.equal(call(t, { api: 'Heartbeat', groupId: 'g', generationId: gen, memberId: id, groupInstanceId: null }).errorCode, 'REBALANCE_IN_PROGRESS');
  });

  it('a classic member that never sends its SyncGroup is fenced after its rebalance timeout', () => {
    const { sim, t } = consumerGroup();
    const id = call(t, join('')).memberId;
    call(t, join(id));
    const joinedAt = sim.now;
    // It keeps heartbeating, so only the missing SyncGroup can remove it.
    const hb = () => call(t, { api: 'Heartbeat', groupId: 'g', generationId: sim.groups.get('g')!.generation, memberId: id, groupInstanceId: null });
    for (let at = joinedAt + 3_000; at < joinedAt + 59_000; at += 3_000) {
      sim.runUntil(at);
      hb();
    }
    assert.ok(sim.groups.get('g')!.members.has(id), 'still a member before the rebalance timeout');
    sim.runUntil(joinedAt + 60_200);
    assert.ok(!sim.groups.get('g')!.members.has(id), 'fenced once the rebalance timeout passed without a SyncGroup');
  });
});

describe('restart-consumer with config, at load', () => {
  const base = {
    name: 'x',
    topics: [{ name: 't', partitions: 2 }],
    groups: [{ groupId: 'g', consumers: [{ clientId: 'c1', ratePerSec: 10, config: { 'session.timeout.ms': 10_000 } }] }],
    shareGroups: [{ groupId: 's', consumers: [{ clientId: 's1', ratePerSec: 10 }] }],
  };
  it('refuses group.protocol=consumer for a consumer whose settings Kafka 4.x would refuse with it, naming the restart', () => {
    const loaded = loadScenario(JSON.stringify({ ...base, timeline: [{ at: '5s', action: 'stop-consumer', consumer: 'c1' }, { at: '6s', action: 'restart-consumer', consumer: 'c1', config: { 'group.protocol': 'consumer' } }] }));
    assert.equal(loaded.ok, false);
    if (loaded.ok) return;
    const e = loaded.errors.find((x) => x.path === '$.timeline[1].config["session.timeout.ms"]');
    assert.ok(e, JSON.stringify(loaded.errors));
    assert.match(e.message, /not supported with group\.protocol=consumer/);
  });
  it('refuses config on a share consumer restart', () => {
    const loaded = loadScenario(JSON.stringify({ ...base, groups: [], timeline: [{ at: '6s', action: 'restart-consumer', consumer: 's1', config: { 'max.poll.records': 5 } }] }));
    assert.equal(loaded.ok, false);
    if (loaded.ok) return;
    assert.ok(loaded.errors.some((x) => x.path === '$.timeline[0].config' && /share consumer/.test(x.message)), JSON.stringify(loaded.errors));
  });
  it('accepts a restart that changes group.protocol when nothing conflicts', () => {
    const loaded = loadScenario(JSON.stringify({ ...base, groups: [{ groupId: 'g', consumers: [{ clientId: 'c1', ratePerSec: 10 }] }], timeline: [{ at: '6s', action: 'restart-consumer', consumer: 'c1', config: { 'group.protocol': 'consumer' } }] }));
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
  });
});
