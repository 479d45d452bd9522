import * as assert from 'node:assert/strict';
import { Simulation, type Scenario, type ShareGroupHeartbeatResponse } from '../../../src/sim';

const scenario: Scenario = {
  name: 'share heartbeat',
  seed: 3,
  topics: [{ name: 't', partitions: 2 }],
  producers: [{ id: 'p', topic: 't', ratePerSec: 50, keys: 4 }],
  shareGroups: [{ groupId: 'sg', consumers: [{ clientId: 'worker01', ratePerSec: 100 }] }],
};

describe('ShareGroupHeartbeat through the coordinator', () => {
  it('lets a client outside the engine join a share group next to a simulated share consumer, and leave it', () => {
    const sim = new Simulation(scenario);
    sim.runUntil(2_000);
    const transport = sim.connect('outsider', '/10.0.0.9');
    let joined: ShareGroupHeartbeatResponse | undefined;
    transport.send({ api: 'ShareGroupHeartbeat', groupId: 'sg', memberId: '', memberEpoch: 0, rackId: null, subscribedTopicNames: ['t'] }, (r) => (joined = r));
    assert.equal(joined?.errorCode, 'NONE');
    assert.match(joined.memberId, /^outsider-/);
    assert.ok(joined.memberEpoch >= 2, 'its join bumped the group epoch');
    // The simple assignor balances 2 partitions over 2 members: one each.
    const mine = joined.assignment?.map((tp) => `${tp.topic}-${tp.partition}`) ?? [];
    assert.equal(mine.length, 1);
    assert.ok(sim.shares.groups.get('sg')!.members.has(joined.memberId));
    sim.runUntil(5_000);
    const worker = sim.shares.snapshot()[0]!.members.find((m) => m.clientId === 'worker01')!;
    assert.deepEqual(worker.targetAssignment.map((tp) => `${tp.topic}-${tp.partition}`), ['t-0', 't-1'].filter((p) => !mine.includes(p)));

    let again: ShareGroupHeartbeatResponse | undefined;
    transport.send({ api: 'ShareGroupHeartbeat', groupId: 'sg', memberId: joined.memberId, memberEpoch: joined.memberEpoch, rackId: null, subscribedTopicNames: ['t'] }, (r) => (again = r));
    assert.equal(again?.errorCode, 'NONE');
    transport.send({ api: 'ShareGroupHeartbeat', groupId: 'sg', memberId: joined.memberId, memberEpoch: -1, rackId: null, subscribedTopicNames: ['t'] }, () => undefined);
    assert.equal(sim.shares.groups.get('sg')!.members.has(joined.memberId), false);

    let unknown: ShareGroupHeartbeatResponse | undefined;
    transport.send({ api: 'ShareGroupHeartbeat', groupId: 'sg', memberId: 'nobody', memberEpoch: 4, rackId: null, subscribedTopicNames: ['t'] }, (r) => (unknown = r));
    assert.equal(unknown?.errorCode, 'UNKNOWN_MEMBER_ID');
    let missing: ShareGroupHeartbeatResponse | undefined;
    transport.send({ api: 'ShareGroupHeartbeat', groupId: 'nope', memberId: '', memberEpoch: 0, rackId: null, subscribedTopicNames: ['t'] }, (r) => (missing = r));
    assert.equal(missing?.errorCode, 'GROUP_ID_NOT_FOUND');
  });
});
