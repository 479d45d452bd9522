import { strict as assert } from 'node:assert';
import { checkScenario } from '../../../src/sim/scenario/load';
import { describeEvent } from '../../../src/sim/eventText';
import { formatEventJson } from '../../../src/sim/events';
import { Simulation, SimulationError } from '../../../src/sim/simulation';
import { snapshot } from '../../../src/sim/snapshot';
import { builtinScenario, Recorder } from './helpers';

describe('share groups in the simulation (KIP-932)', () => {
  it('11: the same topic read by a consumer group (one consumer idle) and a share group (all four busy)', () => {
    const r = new Recorder(builtinScenario('11'));
    r.sim.runUntil(60_000);
    const s = snapshot(r.sim);
    assert.deepEqual(s.consumers.filter((c) => c.idle).map((c) => c.clientId), ['consumer04']);
    const share = s.shareGroups[0]!;
    assert.equal(share.groupId, 'share-group-01');
    assert.deepEqual(share.members.map((m) => m.processed > 0), [true, true, true, true]);
    // The trade-off: no per-partition ordering in a share group.
    assert.ok(share.totals.outOfOrder > 0);
    assert.equal(s.groups[0]!.delivery.outOfOrder, 0);
    assert.ok(share.totals.accepted > s.groups[0]!.delivery.processed, 'four busy consumers get more done');
    for (const e of r.events) assert.ok(describeEvent(e).length > 3 && !describeEvent(e).includes('undefined'), e.type);
  });

  it('routes consumer actions to share consumers by client.id', () => {
    const r = new Recorder(builtinScenario('11'));
    r.sim.runUntil(5_000);
    r.sim.apply({ action: 'crash-consumer', consumer: 'worker02' });
    r.sim.apply({ action: 'stall-consumer', consumer: 'worker03', duration: '5s' });
    r.sim.apply({ action: 'set-consumer-rate', consumer: 'worker04', ratePerSec: 10 });
    r.sim.apply({ action: 'add-share-consumer', group: 'share-group-01', consumer: { clientId: 'worker05', ratePerSec: 40 } });
    r.sim.runUntil(10_000);
    r.sim.apply({ action: 'restart-consumer', consumer: 'worker02' });
    r.sim.apply({ action: 'stop-consumer', consumer: 'worker01' });
    const types = r.events.filter((e) => e.t >= 5_000 && e.type.startsWith('share-consumer')).map((e) => e.type);
    for (const t of ['share-consumer-crashed', 'share-consumer-stalled', 'share-consumer-rate-changed', 'share-consumer-started', 'share-consumer-stopped']) assert.ok(types.includes(t as never), t);
    assert.equal(r.of('consumer-crashed').length, 0, 'no consumer-group events for share consumers');
  });

  it('refuses mixing the two kinds, with clear errors', () => {
    const sim = new Simulation(builtinScenario('11'));
    assert.throws(() => sim.apply({ action: 'add-consumer', group: 'share-group-01', consumer: { clientId: 'x', ratePerSec: 1 } }), SimulationError);
    assert.throws(() => sim.apply({ action: 'add-share-consumer', group: 'consumer-group-01', consumer: { clientId: 'x', ratePerSec: 1 } }), /not a share group/);
    assert.throws(() => sim.apply({ action: 'add-share-consumer', group: 'share-group-01', consumer: { clientId: 'consumer01', ratePerSec: 1 } }), /clientId: 'consumer01' is already used/);
    assert.throws(() => sim.apply({ action: 'add-group', group: { groupId: 'share-group-01' } }), /already exists \(a share group\)/);
    assert.throws(() => sim.apply({ action: 'add-share-group', group: { groupId: 'consumer-group-01' } }), /already exists \(a consumer group\)/);
  });

  it('is deterministic with share groups too', () => {
    const log = (): string => {
      const lines: string[] = [];
      new Simulation(builtinScenario('11'), (e) => lines.push(formatEventJson(e))).runUntil(30_000);
      return lines.join('\n');
    };
    assert.equal(log(), log());
  });

  it('the loader checks share-group references and names', () => {
    const base = JSON.parse(JSON.stringify(builtinScenario('11')));
    const wrongKind = { ...base, timeline: [{ at: '5s', action: 'add-share-consumer', group: 'consumer-group-01', consumer: { clientId: 'w9', ratePerSec: 5 } }] };
    const r1 = checkScenario(wrongKind);
    assert.ok(!r1.ok && r1.errors.some((e) => e.path === '$.timeline[0].group' && /consumer group, not a share group/.test(e.message)));
    const clash = { ...base, shareGroups: [{ ...base.shareGroups[0], consumers: [{ clientId: 'consumer01', ratePerSec: 5 }] }] };
    const r2 = checkScenario(clash);
    assert.ok(!r2.ok && r2.errors.some((e) => /duplicate consumer clientId/.test(e.message)));
    const badFail = { ...base, shareGroups: [{ groupId: 's', consumers: [{ clientId: 'w', ratePerSec: 5, failEvery: { n: 0, ack: 'release' } }] }] };
    const r3 = checkScenario(badFail);
    assert.ok(!r3.ok && r3.errors.some((e) => e.path === '$.shareGroups[0].consumers[0].failEvery.n'));
  });
});
