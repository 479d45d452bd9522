import { strict as assert } from 'node:assert';
import { CHANGE_INTERVAL_MS, FRAME_MS, SessionChange, SimulationSession } from '../../../src/extension/session/simulationSession';
import { FakeTimer } from './fakeTimer';
import { SimulationError } from '../../../src/sim/simulation';
import { formatEventJson } from '../../../src/sim/events';
import { Simulation } from '../../../src/sim/simulation';
import { builtinScenario } from '../engine/helpers';
import { checkScenario } from '../../../src/sim/scenario/load';

describe('SimulationSession: one live simulation for every view', () => {
  it('runs at the chosen speed while playing and stops when paused', () => {
    const timer = new FakeTimer();
    const s = new SimulationSession(builtinScenario('04'), timer);
    s.play();
    timer.tick(1_000);
    assert.ok(Math.abs(s.simulation.now - 1_000) <= FRAME_MS, `${s.simulation.now}`);
    s.setSpeed(10);
    timer.tick(1_000);
    assert.ok(Math.abs(s.simulation.now - 11_000) <= 10 * FRAME_MS, `${s.simulation.now}`);
    s.pause();
    const t = s.simulation.now;
    timer.tick(5_000);
    assert.equal(s.simulation.now, t);
    assert.equal(timer.active, 0, 'no timer left running');
    s.setSpeed(1_000);
    assert.equal(s.speed, 100);
    s.setSpeed(0);
    assert.equal(s.speed, 0.25);
  });

  it('tells listeners about changes at most every CHANGE_INTERVAL_MS, with the events since the last one', () => {
    const timer = new FakeTimer();
    const s = new SimulationSession(builtinScenario('04'), timer);
    const changes: SessionChange[] = [];
    s.onDidChange((c) => changes.push(c));
    s.setSpeed(50);
    s.play();
    timer.tick(2_000);
    s.pause();
    assert.ok(changes.length <= 2_000 / CHANGE_INTERVAL_MS + 3 && changes.length >= 10, `${changes.length} changes`);
    const seqs = changes.flatMap((c) => c.events.map((e) => e.seq));
    seqs.forEach((seq, i) => assert.equal(seq, i, 'every event once, in order'));
  });

  it('records user actions with their virtual time and refuses bad ones without recording them', () => {
    const timer = new FakeTimer();
    const s = new SimulationSession(builtinScenario('05'), timer);
    s.advance(15_000);
    s.apply({ action: 'crash-consumer', consumer: 'consumer02' });
    assert.throws(() => s.apply({ action: 'crash-consumer', consumer: 'consumer02' }), SimulationError);
    assert.throws(() => s.apply({ action: 'add-partitions', topic: 'peter-01', partitions: 2 }), /partitions: 2 is not valid/);
    assert.deepEqual(s.actions, [{ at: 15_000, action: { action: 'crash-consumer', consumer: 'consumer02' } }]);
    assert.equal(s.status().userActions, 1);
  });

  it('survives a reload: restoring the persisted state rebuilds the same simulation', () => {
    const timer = new FakeTimer();
    const s = new SimulationSession(builtinScenario('05'), timer);
    s.advance(12_345);
    s.apply({ action: 'add-partitions', topic: 'peter-01', partitions: 5 });
    s.advance(20_000);
    s.apply({ action: 'stop-consumer', consumer: 'consumer01' });
    s.advance(30_000);
    s.setSpeed(5);
    const stored = JSON.parse(JSON.stringify(s.persisted()));
    const restored = SimulationSession.restore(stored, new FakeTimer());
    assert.equal(restored.simulation.now, s.simulation.now);
    assert.equal(restored.speed, 5);
    assert.deepEqual(restored.snapshot(), s.snapshot());
    assert.deepEqual(restored.actions, s.actions);
  });

  it('saves as a scenario that replays the session', () => {
    const timer = new FakeTimer();
    const s = new SimulationSession(builtinScenario('01'), timer);
    s.advance(10_000);
    s.apply({ action: 'set-producer-rate', producer: 'producer-1', ratePerSec: 200 });
    s.advance(5_000);
    s.apply({ action: 'add-consumer', group: 'consumer-group-01', consumer: { clientId: 'consumer02', ratePerSec: 50 } });
    s.advance(20_000);
    const scenario = JSON.parse(JSON.stringify(s.toScenario('saved')));
    assert.equal(scenario.name, 'saved');
    const loaded = checkScenario(scenario);
    assert.ok(loaded.ok, JSON.stringify(loaded));
    assert.equal(scenario.duration, 35_000);
    const replay = new Simulation(scenario);
    replay.runUntil(35_000);
    assert.deepEqual(
      replay.recentEvents().map(formatEventJson),
      s.simulation.recentEvents().map(formatEventJson),
    );
  });

  it('reset starts over (paused unless it was running) and tells views to drop what they had', () => {
    const timer = new FakeTimer();
    const s = new SimulationSession(builtinScenario('01'), timer);
    const changes: SessionChange[] = [];
    s.onDidChange((c) => changes.push(c));
    s.advance(10_000);
    s.apply({ action: 'set-producer-rate', producer: 'producer-1', ratePerSec: 200 });
    s.reset();
    assert.equal(s.simulation.now, 0);
    assert.equal(s.actions.length, 0);
    assert.equal(changes.at(-1)!.reset, true);
    s.reset(builtinScenario('04'));
    assert.equal(s.scenario.name, builtinScenario('04').name);
  });
});
