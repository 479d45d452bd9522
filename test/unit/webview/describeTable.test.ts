import { strict as assert } from 'node:assert';
import { describeOffsets, labColumns } from '../../../src/sim/describe';
import { Simulation } from '../../../src/sim/simulation';
import { snapshot } from '../../../src/sim/snapshot';
import { describeGroupFromSnapshot } from '../../../src/webview/describeTable';
import { simpleScenario } from '../engine/helpers';
import { builtinScenario } from './helpers';

describe('webview: the describe table from a snapshot', () => {
  const same = (sim: Simulation, label: string): number => {
    const snap = snapshot(sim);
    let rows = 0;
    for (const groupId of [...sim.groups.keys(), 'no-such-group']) {
      const engine = describeOffsets(sim.groups.get(groupId), groupId, (t) => sim.topics.get(t), labColumns(sim, groupId, false));
      const view = describeGroupFromSnapshot(snap, groupId);
      assert.equal(view.text, engine.text, `${label}: ${groupId} at ${sim.now} ms`);
      const engineLab = describeOffsets(sim.groups.get(groupId), groupId, (t) => sim.topics.get(t), labColumns(sim, groupId, true));
      assert.equal(describeGroupFromSnapshot(snap, groupId, true).text, engineLab.text, `${label}: lab columns of ${groupId} at ${sim.now} ms`);
      assert.equal(view.notice, engine.notice, `${label}: notice of ${groupId} at ${sim.now} ms`);
      assert.deepEqual(view.rows, engine.rows);
      rows += engine.rows.length;
    }
    return rows;
  };

  it('prints exactly what describeOffsets prints, through every built-in scenario', () => {
    let rows = 0;
    const states = new Set<string>();
    for (const prefix of ['01', '03', '04', '05', '06', '07', '08', '09']) {
      const sim = new Simulation(builtinScenario(prefix));
      for (let t = 0; t <= 90_000; t += 700) {
        sim.runUntil(t);
        rows += same(sim, prefix);
        for (const g of sim.groups.values()) states.add(g.state);
      }
    }
    assert.ok(rows > 1000, `compared ${rows} rows`);
    for (const s of ['Stable', 'PreparingRebalance', 'Empty']) assert.ok(states.has(s), `covered state ${s}`);
  });

  it('lists committed partitions of an empty group without owners, like the tool', () => {
    const sim = new Simulation(simpleScenario({ partitions: 3, consumers: [{ clientId: 'c1' }, { clientId: 'c2' }] }));
    sim.runUntil(30_000);
    sim.apply({ action: 'stop-consumer', consumer: 'c1' });
    sim.apply({ action: 'stop-consumer', consumer: 'c2' });
    sim.advance(1_000);
    same(sim, 'empty');
    const out = describeGroupFromSnapshot(snapshot(sim), 'g');
    assert.equal(out.notice, "Consumer group 'g' has no active members.");
    assert.equal(out.rows.length, 3);
  });
});
