import { strict as assert } from 'node:assert';
import { contextKeyValues, changedContextKeys } from '../../../src/extension/contextKeys/contextKeyValues';
import { describeGroupText, LAB_COLUMNS_NOTE } from '../../../src/extension/commands/describeDocument';
import { createNonce, webviewHtml } from '../../../src/extension/views/webviewHtml';
import { replayEventLog } from '../../../src/extension/session/eventLog';
import { SimulationSession, Timer } from '../../../src/extension/session/simulationSession';
import { describeMembers, describeOffsets, describeState, labColumns } from '../../../src/sim/describe';
import { formatEventJson } from '../../../src/sim/events';
import { Simulation } from '../../../src/sim/simulation';
import { snapshot } from '../../../src/sim/snapshot';
import { builtinScenario } from '../engine/helpers';

const idleTimer: Timer = { now: () => 0, setInterval: () => ({ dispose() {} }) };
const facts = { running: false, builtinScenario: '05-idle-consumer.kafkalab.json', sessionTimeouts: 0, rebalances: 1, userActions: 0 };

describe('Context keys computed from a snapshot', () => {
  it('counts running group members and idle ones (4 consumers on 3 partitions: 1 idle)', () => {
    const sim = new Simulation(builtinScenario('05'));
    sim.runUntil(40_000);
    const keys = contextKeyValues(snapshot(sim), facts);
    assert.equal(keys['kafkaLab.consumerCount'], 4);
    assert.equal(keys['kafkaLab.idleConsumerCount'], 1);
    assert.equal(keys['kafkaLab.maxGroupMembers'], 4);
    assert.equal(keys['kafkaLab.partitionCount'], 3);
    assert.equal(keys['kafkaLab.primaryGroupState'], 'Stable');
    assert.deepEqual(keys['kafkaLab.groupStates'], ['consumer-group-01:Stable']);
    assert.equal(keys['kafkaLab.groupCount'], 1);
    assert.equal(keys['kafkaLab.scenario'], '05-idle-consumer.kafkalab.json');
    assert.equal(keys['kafkaLab.sessionActive'], true);
    assert.equal(keys['kafkaLab.sessionTimedOut'], false);
  });

  it('reports only the keys that changed (arrays by content)', () => {
    const a = { x: 1, y: ['a'], z: true };
    assert.deepEqual(changedContextKeys(a, { x: 1, y: ['a'], z: true }), []);
    assert.deepEqual(changedContextKeys(a, { x: 2, y: ['a', 'b'], z: true }), ['x', 'y']);
    assert.deepEqual(changedContextKeys({}, { x: 0 }), ['x']);
  });

  it('sessionTimedOut follows the session: a crash, then session.timeout.ms later', () => {
    const s = new SimulationSession(builtinScenario('04'), idleTimer);
    s.advance(30_000);
    s.apply({ action: 'crash-consumer', consumer: 'consumer02' });
    s.advance(10_000);
    assert.equal(s.eventCount('session-timed-out'), 0);
    s.advance(40_000);
    assert.equal(s.eventCount('session-timed-out'), 1);
    // A restored session replays and agrees.
    assert.equal(SimulationSession.restore(s.persisted(), idleTimer).eventCount('session-timed-out'), 1);
    s.reset();
    assert.equal(s.eventCount('session-timed-out'), 0);
  });
});

describe('Describe Group document', () => {
  it('holds the command lines, notices and the tables exactly as the describe functions produce them', () => {
    const sim = new Simulation(builtinScenario('04'));
    sim.runUntil(30_000);
    const text = describeGroupText(sim, 'consumer-group-01');
    const g = sim.groups.get('consumer-group-01');
    const strip = (s: string) => s.replace(/^\n/, '').replace(/\n$/, '');
    assert.ok(text.startsWith('$ kafka-consumer-groups.sh --describe --group consumer-group-01   # at 30.000s\n'));
    assert.ok(text.includes(strip(describeOffsets(g, 'consumer-group-01', (t) => sim.topics.get(t)).text)));
    assert.ok(text.includes(`$ kafka-consumer-groups.sh --describe --group consumer-group-01 --members --verbose   # at 30.000s\n${strip(describeMembers(g, 'consumer-group-01', true).text)}`));
    assert.ok(text.includes(`--state --verbose   # at 30.000s\n${strip(describeState(g, 'consumer-group-01', true).text)}`));
    assert.match(text, /CURRENT-EPOCH +CURRENT-ASSIGNMENT +TARGET-EPOCH +TARGET-ASSIGNMENT/);
    assert.match(text, /GROUP-EPOCH +TARGET-ASSIGNMENT-EPOCH +#MEMBERS/);
    // Then the lab's own columns, introduced as not Kafka's, with the caller's (localised) note.
    const lab = strip(describeOffsets(g, 'consumer-group-01', (t) => sim.topics.get(t), labColumns(sim, 'consumer-group-01', true)).text);
    assert.ok(text.includes(`# ${LAB_COLUMNS_NOTE}   # at 30.000s\n${lab}`));
    assert.match(lab, /CLIENT-ID +TIME-LAG-MS +RECORDS-LAG\n/);
    assert.match(describeGroupText(sim, 'consumer-group-01', 'NOTE-KO'), /# NOTE-KO {3}# at 30.000s\nGROUP +TOPIC/);
    assert.match(text, /consumer-group-01 peter-01\s+0\s+\d+\s+\d+\s+\d+\s+consumer01-/);
  });

  it('shows the notice of a group that does not exist or is rebalancing', () => {
    const sim = new Simulation(builtinScenario('01'));
    sim.runUntil(1_000);
    assert.match(describeGroupText(sim, 'nope'), /^\$ kafka-consumer-groups.sh --describe --group nope {3}# at 1.000s\nError: Consumer group 'nope' does not exist./);
    assert.match(describeGroupText(sim, 'consumer-group-01'), /Warning: Consumer group 'consumer-group-01' is rebalancing./);
  });
});

describe('Webview HTML', () => {
  const input = {
    view: 'panel' as const,
    cspSource: 'https://x.vscode-cdn.net',
    scriptUri: 'https://x.vscode-cdn.net/ext/dist/webview/main.js',
    styleUri: 'https://x.vscode-cdn.net/ext/dist/webview/main.css',
    codiconsUri: 'https://x.vscode-cdn.net/ext/dist/webview/codicons/codicon.css',
    title: 'Kafka <Lab>',
    lang: 'en',
  };

  it('has a strict CSP with the nonce, the bundled resources and no inline script or style', () => {
    const nonce = createNonce();
    const html = webviewHtml({ ...input, nonce });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src 'none'; img-src https://x.vscode-cdn.net data:; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; script-src 'nonce-${nonce}'`,
    );
    assert.ok(html.includes(`<script nonce="${nonce}" src="${input.scriptUri}"></script>`));
    assert.ok(html.includes(`<link rel="stylesheet" href="${input.styleUri}">`));
    assert.ok(html.includes(`<link rel="stylesheet" href="${input.codiconsUri}">`));
    assert.ok(html.includes('<div id="app" data-view="panel"></div>'));
    assert.ok(html.includes('<title>Kafka &lt;Lab&gt;</title>'));
    assert.doesNotMatch(html, /<style|style=|\son[a-z]+=|<script>(?!<)/i);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('uses a fresh nonce each render and refuses a weak one', () => {
    const seen = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(seen.size, 50);
    for (const n of seen) assert.match(n, /^[A-Za-z0-9]{32}$/);
    assert.throws(() => webviewHtml({ ...input, nonce: 'abc' }), /nonce/);
    assert.throws(() => webviewHtml({ ...input, nonce: 'x"><script>alert(1)</script>' }), /nonce/);
  });
});

describe('Event log export by replay', () => {
  it('equals the live simulation’s complete log, byte for byte', () => {
    const live: string[] = [];
    const s = new SimulationSession(builtinScenario('04'), idleTimer);
    // The full log of the same run, captured by an independent listener.
    const reference = new Simulation(builtinScenario('04'), (e) => live.push(formatEventJson(e)));
    s.advance(25_000);
    reference.runUntil(25_000);
    s.apply({ action: 'crash-consumer', consumer: 'consumer03' });
    reference.apply({ action: 'crash-consumer', consumer: 'consumer03' });
    s.advance(61_000);
    reference.runUntil(86_000);
    const log = replayEventLog(s.persisted());
    assert.equal(log, live.join('\n') + '\n');
    assert.ok(live.length > 50);
  });
});
