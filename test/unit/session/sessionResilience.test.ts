/**
 * Issue 10, items 1, 2 and 6 (restore): nothing a user does breaks the session.
 *  - a timeline action that no longer applies is skipped with a visible event, and the run goes on;
 *  - the virtual clock stays in whole milliseconds under a real, fractional clock, so a saved
 *    session loads and replays;
 *  - a restore never discards a session, and brings back the play state.
 */
import { strict as assert } from 'node:assert';
import { SimulationSession } from '../../../src/extension/session/simulationSession';
import { FakeTimer } from './fakeTimer';
import { formatEventJson } from '../../../src/sim/events';
import { formatEventLine } from '../../../src/sim/eventText';
import { loadScenario } from '../../../src/sim/scenario/load';
import { Simulation } from '../../../src/sim/simulation';
import { builtinScenario } from '../engine/helpers';

/** Real time that moves by fractional milliseconds, as performance.now() does. */
class FractionalTimer extends FakeTimer {
  constructor() {
    super(1234.5678);
  }
}

describe('session: a timeline action that no longer applies', () => {
  it('is skipped with a timeline-action-skipped event naming $.timeline[i], and the run goes on', () => {
    const s = new SimulationSession(builtinScenario('07'), new FractionalTimer());
    const timeline = s.scenario.timeline ?? [];
    const index = timeline.findIndex((e) => e.action === 'crash-consumer' && e.consumer === 'consumer04');
    assert.ok(index >= 0, 'scenario 07 crashes consumer04 on its timeline');
    s.advance(5_000);
    s.apply({ action: 'stop-consumer', consumer: 'consumer04' });
    assert.doesNotThrow(() => s.advance(60_000));
    const skipped = s.simulation.recentEvents().filter((e) => e.type === 'timeline-action-skipped');
    assert.equal(skipped.length, 1);
    const e = skipped[0]!;
    assert.ok(e.type === 'timeline-action-skipped');
    assert.equal(e.path, `$.timeline[${index}]`);
    assert.equal(e.action, 'crash-consumer');
    assert.match(e.reason, /consumer: 'consumer04' is not running/);
    assert.match(formatEventLine(e), new RegExp(`timeline action \\$\\.timeline\\[${index}\\] \\(crash-consumer\\) skipped: consumer: 'consumer04' is not running`));
    assert.equal(s.simulation.now, 65_000, 'the run went on');
    // The other consumers kept the group going.
    assert.ok(s.snapshot().groups[0]!.members.length >= 3);
  });

  it('restores and exports such a session (the replay skips the same action)', () => {
    const s = new SimulationSession(builtinScenario('07'), new FractionalTimer());
    s.advance(5_000);
    s.apply({ action: 'stop-consumer', consumer: 'consumer04' });
    s.advance(40_000);
    const restored = SimulationSession.restore(JSON.parse(JSON.stringify(s.persisted())), new FractionalTimer());
    assert.deepEqual(restored.skippedOnRestore, []);
    assert.deepEqual(restored.snapshot(), s.snapshot());
    const saved = loadScenario(JSON.stringify(s.toScenario()));
    assert.ok(saved.ok, JSON.stringify(!saved.ok && saved.errors));
    const replay = new Simulation(saved.scenario);
    replay.runUntil(45_000);
    assert.deepEqual(replay.recentEvents().map(formatEventJson), s.simulation.recentEvents().map(formatEventJson));
  });

  it('in a scenario file: stopping a consumer twice or restarting a running one skips, never throws', () => {
    const base = builtinScenario('05');
    const scenario = {
      ...base,
      timeline: [
        { at: '1s', action: 'stop-consumer' as const, consumer: 'consumer01' },
        { at: '2s', action: 'stop-consumer' as const, consumer: 'consumer01' },
        { at: '3s', action: 'restart-consumer' as const, consumer: 'consumer02' },
      ],
    };
    const sim = new Simulation(scenario);
    assert.doesNotThrow(() => sim.runUntil(10_000));
    const skipped = sim.recentEvents().filter((e) => e.type === 'timeline-action-skipped');
    assert.deepEqual(
      skipped.map((e) => e.type === 'timeline-action-skipped' && [e.t, e.path, e.action]),
      [
        [2_000, '$.timeline[1]', 'stop-consumer'],
        [3_000, '$.timeline[2]', 'restart-consumer'],
      ],
    );
  });
});

describe('session: the virtual clock keeps whole milliseconds', () => {
  for (const speed of [1, 0.25, 3, 100]) {
    it(`at ${speed}x with a fractional, late real clock: saved sessions load and replay the same events`, () => {
      const timer = new FractionalTimer();
      const s = new SimulationSession(builtinScenario('04'), timer);
      s.setSpeed(speed);
      s.play();
      // Frames arrive 0.37 ms, 1.91 ms, ... late, never on whole milliseconds.
      timer.run(3_000, (i) => ((i * 7919) % 1000) / 523.7);
      s.apply({ action: 'add-consumer', group: 'consumer-group-01', consumer: { clientId: 'consumer09', ratePerSec: 40 } });
      timer.run(2_000, (i) => ((i * 104729) % 1000) / 311.3);
      s.pause();
      assert.ok(Number.isInteger(s.simulation.now), `virtual time ${s.simulation.now} is whole`);
      for (const a of s.actions) assert.ok(Number.isInteger(a.at), `action time ${a.at} is whole`);
      const file = s.toScenario('saved');
      assert.ok(Number.isInteger(file.duration), `duration ${String(file.duration)}`);
      const loaded = loadScenario(JSON.stringify(file, null, 2));
      assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
      const replay = new Simulation(loaded.scenario);
      replay.runUntil(s.simulation.now);
      assert.deepEqual(replay.recentEvents().map(formatEventJson), s.simulation.recentEvents().map(formatEventJson));
    });
  }
});

describe('session: restore never discards a session', () => {
  it('skips a stored action the engine now refuses and keeps the rest', () => {
    const s = new SimulationSession(builtinScenario('05'), new FractionalTimer());
    s.advance(15_000);
    s.apply({ action: 'add-partitions', topic: 'peter-01', partitions: 4 });
    s.advance(5_000);
    const stored = JSON.parse(JSON.stringify(s.persisted()));
    // As if written by another version: an action that cannot apply at its time.
    stored.actions.splice(0, 0, { at: 1_000, action: { action: 'restart-consumer', consumer: 'consumer01' } });
    const restored = SimulationSession.restore(stored, new FractionalTimer());
    assert.equal(restored.skippedOnRestore.length, 1);
    assert.equal(restored.skippedOnRestore[0]!.index, 0);
    assert.match(restored.skippedOnRestore[0]!.reason, /already running/);
    assert.equal(restored.simulation.now, 20_000);
    assert.equal(restored.snapshot().topics[0]!.partitions.length, 4);
    assert.deepEqual(restored.actions, s.actions);
  });

  it('brings back the play state: a running session plays again, a paused one stays paused', () => {
    const timer = new FractionalTimer();
    const s = new SimulationSession(builtinScenario('01'), timer);
    s.play();
    timer.run(1_000, () => 0.5);
    assert.equal(s.persisted().running, true);
    s.pause();
    assert.equal(s.persisted().running, false);
  });

  it('an unexpected error in the running clock pauses the session and is reported, never thrown into the timer', () => {
    const timer = new FractionalTimer();
    const s = new SimulationSession(builtinScenario('01'), timer);
    const failures: unknown[] = [];
    s.onDidFail((e) => failures.push(e));
    s.play();
    timer.run(500, () => 0);
    const sim = s.simulation as unknown as { advance(ms: number): void };
    sim.advance = () => {
      throw new TypeError('boom');
    };
    assert.doesNotThrow(() => timer.run(500, () => 0));
    assert.equal(failures.length, 1);
    assert.match(String(failures[0]), /boom/);
    assert.equal(s.running, false);
  });
});

describe('session: a refused action changes nothing, and the session stays within the scenario limits', () => {
  it('an add-group whose second consumer clashes is refused whole, from the views and on the timeline', () => {
    const s = new SimulationSession(builtinScenario('04'), new FractionalTimer());
    s.advance(5_000);
    const before = JSON.stringify(s.snapshot());
    const clash = { action: 'add-group' as const, group: { groupId: 'g2', consumers: [{ clientId: 'new-1', ratePerSec: 10 }, { clientId: 'consumer01', ratePerSec: 10 }] } };
    assert.throws(() => s.apply(clash), /group\.consumers\[1\]\.clientId: 'consumer01' is already used/);
    assert.equal(JSON.stringify(s.snapshot()), before, 'no half-made group, no consumer new-1');
    assert.equal(s.actions.length, 0);
    const sim = new Simulation({ ...builtinScenario('04'), timeline: [{ at: '1s', ...clash }] });
    sim.runUntil(3_000);
    assert.equal(sim.groups.has('g2'), false);
    assert.equal(sim.consumers.has('new-1'), false);
    assert.equal(sim.recentEvents().filter((e) => e.type === 'timeline-action-skipped').length, 1);
  });

  it('the engine holds the totals of src/sim/limits.ts for actions too, so a saved session always loads', () => {
    const s = new SimulationSession(builtinScenario('01'), new FractionalTimer());
    for (let i = 0; i < 9; i++) s.apply({ action: 'add-topic', topic: { name: `big-${i}`, partitions: 1_000 } });
    assert.throws(() => s.apply({ action: 'add-topic', topic: { name: 'one-too-many', partitions: 1_000 } }), /10003 partitions in all topics together; at most 10000/);
    assert.throws(() => s.apply({ action: 'add-partitions', topic: 'peter-01', partitions: 1_001 }), /10001 partitions in all topics together; at most 10000/);
    assert.throws(() => s.apply({ action: 'add-topic', topic: { name: 'bad\nname', partitions: 1 } }), /topic\.name: .* is not valid/);
    const consumers = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ clientId: `${prefix}-${i}`, ratePerSec: 1 }));
    s.apply({ action: 'add-group', group: { groupId: 'wide', consumers: consumers('w', 500) } });
    assert.throws(() => s.apply({ action: 'add-consumer', group: 'wide', consumer: { clientId: 'w-500', ratePerSec: 1 } }), /'wide' would have 501 consumers; at most 500 per group/);
    s.apply({ action: 'add-group', group: { groupId: 'wide-2', consumers: consumers('v', 499) } });
    // 1 + 500 + 499 = 1000 consumers: the next one is one too many.
    assert.throws(() => s.apply({ action: 'add-consumer', group: 'wide-2', consumer: { clientId: 'x', ratePerSec: 1 } }), /would have 1001 consumers; at most 1000 in all/);
    s.advance(1_000);
    const file = loadScenario(JSON.stringify(s.toScenario()));
    assert.ok(file.ok, JSON.stringify(!file.ok && file.errors.slice(0, 3)));
  });

  it('a session never runs past 30 days of virtual time, nor holds more actions than a file may', () => {
    const s = new SimulationSession({ name: 'tiny', topics: [{ name: 't', partitions: 1 }] }, new FractionalTimer());
    s.advance(31 * 24 * 3_600_000);
    assert.equal(s.simulation.now, 30 * 24 * 3_600_000);
    assert.equal(s.atTimeLimit, true);
    assert.ok(loadScenario(JSON.stringify(s.toScenario())).ok);
    const t = new SimulationSession({ name: 'tiny', topics: [{ name: 't', partitions: 1 }], producers: [{ id: 'p', topic: 't', ratePerSec: 1 }] }, new FractionalTimer());
    for (let i = 0; i < 10_000; i++) t.apply({ action: 'set-producer-rate', producer: 'p', ratePerSec: i % 7 });
    assert.throws(() => t.apply({ action: 'set-producer-rate', producer: 'p', ratePerSec: 1 }), /already holds 10000 timeline actions/);
  });

  it('restore rounds fractional action times of older sessions and skips stored actions that are not actions', () => {
    const s = new SimulationSession(builtinScenario('04'), new FractionalTimer());
    s.advance(3_000);
    const stored = JSON.parse(JSON.stringify(s.persisted()));
    stored.actions = [
      { at: 2005.48, action: { action: 'set-producer-rate', producer: 'producer-1', ratePerSec: 99 } },
      null,
      { at: 2500, action: { action: 'add-consumer', group: 'consumer-group-01' } },
      { at: 'soon', action: { action: 'crash-consumer', consumer: 'consumer01' } },
    ];
    const restored = SimulationSession.restore(stored, new FractionalTimer());
    assert.deepEqual(restored.actions.map((a) => a.at), [2005]);
    assert.deepEqual(restored.skippedOnRestore.map((k) => k.index), [1, 2, 3]);
    assert.ok(loadScenario(JSON.stringify(restored.toScenario())).ok);
  });
});
