import { strict as assert } from 'node:assert';
import { comparisonUntilMs, DEFAULT_COMPARISON_MS, runProtocolComparison } from '../../../src/extension/views/protocolComparison';
import { SimulationSession, Timer } from '../../../src/extension/session/simulationSession';
import { checkHostMessage } from '../../../src/protocol/messageChecks';
import { compareProtocols } from '../../../src/sim/comparisons';
import { builtinScenario } from '../engine/helpers';

const idleTimer: Timer = { now: () => 0, setInterval: () => ({ dispose() {} }) };

describe('Compare protocols (host side, vscode-free)', () => {
  it('runs until the later of the time reached and the scenario duration (60 s without one)', () => {
    const s = builtinScenario('10');
    const session = new SimulationSession(s, idleTimer);
    const duration = comparisonUntilMs(session);
    assert.ok(duration >= DEFAULT_COMPARISON_MS || s.duration !== undefined);
    session.advance(duration + 5_000);
    assert.equal(comparisonUntilMs(session), session.simulation.now);
    session.dispose();
    const noDuration = new SimulationSession({ ...s, duration: undefined }, idleTimer);
    assert.equal(comparisonUntilMs(noDuration), DEFAULT_COMPARISON_MS);
    noDuration.dispose();
  });

  it('answers with a valid comparison message that includes the user\'s own changes', () => {
    const session = new SimulationSession(builtinScenario('10'), idleTimer);
    session.advance(3_000);
    session.apply({ action: 'crash-consumer', consumer: 'consumer01' });
    const msg = runProtocolComparison(session);
    assert.equal(checkHostMessage(JSON.parse(JSON.stringify(msg))).ok, true);
    assert.equal(msg.scenarioName, builtinScenario('10').name);
    assert.deepEqual(msg.rows.map((r) => r.variant), ['classic-eager', 'classic-cooperative', 'kip848']);
    assert.deepEqual(msg.rows, compareProtocols(session.toScenario(), msg.untilMs));
    session.dispose();
  });
});
