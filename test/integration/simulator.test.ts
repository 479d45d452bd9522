/**
 * The extension's simulator inside VS Code's real extension host: the one live session, every
 * contributed command acting on it (with programmatic arguments), argument validation, the views,
 * the context keys, the status bar and persistence across a reload.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KafkaLabTestHooks } from '../../src/extension/testing/testHooks';
import { loadScenario } from '../../src/sim/scenario/load';
import { activeExtension, closeAllEditors, testHooks, workspaceFolder } from './helpers';

let hooks: KafkaLabTestHooks;

async function load(builtin: string): Promise<void> {
  const name = await vscode.commands.executeCommand<string | undefined>('kafkaLab.loadScenarioFile', { builtin });
  assert.ok(name, `loading ${builtin} failed: ${hooks.errors().join('\n')}`);
}

const session = () => hooks.session();
const snap = () => session().snapshot();
const consumer = (id: string) => snap().consumers.find((c) => c.clientId === id);
const state = () => JSON.stringify(session().persisted());

async function waitFor(what: string, ok: () => boolean, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Simulator: one live session', () => {
  before(async () => {
    hooks = await testHooks();
  });
  beforeEach(async () => {
    await vscode.commands.executeCommand('kafkaLab.pause');
    hooks.errors(true);
  });
  after(closeAllEditors);

  it('activates with a session, its context keys and a status bar item', async () => {
    assert.ok(session(), 'a session exists');
    assert.strictEqual(hooks.contextKeys()['kafkaLab.sessionActive'], true);
    assert.match(hooks.statusBarText(), /Kafka Lab/);
  });

  it('registers every contributed command, titled and categorised from package.nls.json', async () => {
    const ext = await activeExtension();
    const contributed: Array<{ command: string; title: string; category: string }> = ext.packageJSON.contributes.commands;
    assert.ok(contributed.length >= 20, `${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`);
      assert.ok(['Kafka Lab', '%category%'].includes(c.category), `${c.command} category ${c.category}`);
    }
  });

  it('Play, Pause, Step, Reset and Set Speed drive the clock', async () => {
    await load('01-one-consumer.kafkalab.json');
    assert.strictEqual(hooks.contextKeys()['kafkaLab.scenario'], '01-one-consumer.kafkalab.json');
    assert.strictEqual(await vscode.commands.executeCommand('kafkaLab.setSpeed', { speed: 10 }), 10);
    assert.strictEqual(await vscode.commands.executeCommand('kafkaLab.play'), true);
    await waitFor('the running context key', () => hooks.contextKeys()['kafkaLab.running'] === true);
    await waitFor('virtual time to pass', () => session().simulation.now > 2_000);
    assert.strictEqual(await vscode.commands.executeCommand('kafkaLab.pause'), false);
    await waitFor('the running context key to clear', () => hooks.contextKeys()['kafkaLab.running'] === false);
    const t = session().simulation.now;
    assert.strictEqual(session().running, false, 'paused: the clock is stopped');
    // One step from where it paused: had the clock gone on, the step would start later than t.
    const stepped = await vscode.commands.executeCommand<number>('kafkaLab.step');
    assert.ok(stepped > t && stepped - t <= 100, `step advanced ${stepped - t} ms`);
    assert.strictEqual(await vscode.commands.executeCommand('kafkaLab.reset'), 0);
    assert.strictEqual(session().simulation.now, 0);
    assert.strictEqual(await vscode.commands.executeCommand('kafkaLab.setSpeed', { speed: 1 }), 1);
  });

  it('consumer commands change the live simulation', async () => {
    await load('04-scale-out.kafkalab.json');
    session().advance(30_000);
    const added = await vscode.commands.executeCommand('kafkaLab.addConsumer', { group: 'consumer-group-01', clientId: 'consumer09', ratePerSec: 40 });
    assert.deepStrictEqual(added, { action: 'add-consumer', group: 'consumer-group-01', consumer: { clientId: 'consumer09', ratePerSec: 40 } });
    assert.strictEqual(consumer('consumer09')?.status, 'running');
    await vscode.commands.executeCommand('kafkaLab.stallConsumer', { consumer: 'consumer01', duration: '5s' });
    assert.ok(consumer('consumer01')!.stalledForMs > 0, 'consumer01 stalls');
    await vscode.commands.executeCommand('kafkaLab.stopConsumer', { consumer: 'consumer02' });
    assert.strictEqual(consumer('consumer02')?.status, 'stopped');
    await vscode.commands.executeCommand('kafkaLab.crashConsumer', { consumer: 'consumer03' });
    assert.strictEqual(consumer('consumer03')?.status, 'crashed');
    await vscode.commands.executeCommand('kafkaLab.restartConsumer', { consumer: 'consumer03' });
    assert.strictEqual(consumer('consumer03')?.status, 'running');
    assert.deepStrictEqual(
      session().actions.map((a) => a.action.action),
      ['add-consumer', 'stall-consumer', 'stop-consumer', 'crash-consumer', 'restart-consumer'],
    );
  });

  it('topic, producer and group commands change the live simulation', async () => {
    await load('01-one-consumer.kafkalab.json');
    session().advance(10_000);
    await vscode.commands.executeCommand('kafkaLab.addPartitions', { topic: 'peter-01', partitions: 4 });
    assert.strictEqual(snap().topics[0]!.partitions.length, 4);
    assert.strictEqual(hooks.contextKeys()['kafkaLab.partitionCount'], 4);
    await vscode.commands.executeCommand('kafkaLab.setProducerRate', { producer: 'producer-1', ratePerSec: 120 });
    assert.strictEqual(snap().producers[0]!.ratePerSec, 120);
    await vscode.commands.executeCommand('kafkaLab.addConsumerGroup', { groupId: 'consumer-group-02', consumers: 2 });
    assert.deepStrictEqual(snap().groups.map((g) => g.groupId), ['consumer-group-01', 'consumer-group-02']);
    assert.strictEqual(hooks.contextKeys()['kafkaLab.groupCount'], 2);
    await vscode.commands.executeCommand('kafkaLab.changeAssignor', { group: 'consumer-group-01', assignor: 'cooperative-sticky' });
    session().advance(10_000);
    assert.strictEqual(snap().groups[0]!.assignor, 'cooperative-sticky');
  });

  it('bad arguments change nothing and say which field and value are wrong', async () => {
    await load('01-one-consumer.kafkalab.json');
    session().advance(5_000);
    const before = state();
    const cases: Array<[string, unknown, RegExp]> = [
      ['kafkaLab.addPartitions', { topic: 'peter-01', partitions: 2 }, /Add Partitions: partitions: 2 is not valid: expected the new total, an integer from 4 to 10000/],
      ['kafkaLab.addPartitions', { topic: 'nope', partitions: 5 }, /topic: "nope" is not valid/],
      ['kafkaLab.addPartitions', { topic: 'peter-01', partitions: 10_001 }, /partitions: 10001 is not valid/],
      ['kafkaLab.addConsumer', { group: 'consumer-group-01', clientId: 'consumer01', ratePerSec: 10 }, /clientId: "consumer01" is not valid/],
      ['kafkaLab.addConsumer', { group: 'consumer-group-01', clientId: 'c7' }, /ratePerSec: undefined is not valid/],
      ['kafkaLab.crashConsumer', { consumer: 'ghost' }, /consumer: "ghost" is not valid/],
      ['kafkaLab.restartConsumer', { consumer: 'consumer01' }, /the consumer is running/],
      ['kafkaLab.stallConsumer', { consumer: 'consumer01', duration: 'forever' }, /duration: "forever" is not valid/],
      ['kafkaLab.setProducerRate', { producer: 'producer-1', ratePerSec: -5 }, /ratePerSec: -5 is not valid/],
      ['kafkaLab.changeAssignor', { group: 'consumer-group-01', assignor: 'fair' }, /assignor: "fair" is not valid/],
      ['kafkaLab.addConsumerGroup', { groupId: 'consumer-group-01' }, /groupId: "consumer-group-01" is not valid: a group with this id already exists/],
      ['kafkaLab.describeGroup', { group: 'nope' }, /group: "nope" is not valid/],
      ['kafkaLab.setSpeed', { speed: 1000 }, /speed: 1000 is not valid/],
      ['kafkaLab.loadScenarioFile', { builtin: '../x' }, /builtin: "..\/x" is not valid/],
      ['kafkaLab.addPartitions', 4, /arguments: 4 is not valid/],
    ];
    for (const [command, args, expected] of cases) {
      hooks.errors(true);
      const result = await vscode.commands.executeCommand(command, args);
      assert.strictEqual(result, undefined, `${command} ${JSON.stringify(args)} returned ${JSON.stringify(result)}`);
      const errors = hooks.errors();
      assert.strictEqual(errors.length, 1, `${command}: one error message, got ${JSON.stringify(errors)}`);
      assert.match(errors[0]!, expected);
      assert.strictEqual(state(), before, `${command} ${JSON.stringify(args)} changed the session`);
    }
  });

  it('context keys: an idle consumer (4 consumers, 3 partitions), then a session timeout after a crash', async () => {
    await load('05-idle-consumer.kafkalab.json');
    session().advance(40_000);
    await waitFor('context keys', () => hooks.contextKeys()['kafkaLab.idleConsumerCount'] === 1);
    const keys = hooks.contextKeys();
    assert.strictEqual(keys['kafkaLab.consumerCount'], 4);
    assert.strictEqual(keys['kafkaLab.maxGroupMembers'], 4);
    assert.strictEqual(keys['kafkaLab.primaryGroupState'], 'Stable');
    assert.strictEqual(keys['kafkaLab.sessionTimedOut'], false);
    assert.strictEqual(keys['kafkaLab.scenario'], '05-idle-consumer.kafkalab.json');
    const owner = snap().groups[0]!.partitions[0]!.owner!;
    await vscode.commands.executeCommand('kafkaLab.crashConsumer', { consumer: owner });
    session().advance(50_000); // session.timeout.ms is 45 s
    await waitFor('sessionTimedOut', () => hooks.contextKeys()['kafkaLab.sessionTimedOut'] === true);
    assert.strictEqual(hooks.contextKeys()['kafkaLab.consumerCount'], 3);
    assert.strictEqual(hooks.contextKeys()['kafkaLab.idleConsumerCount'], 0, 'the idle consumer took over');
    assert.match(hooks.statusBarText(), /gen \d+ · lag/);
  });

  it('the session survives a reload: same virtual time, same snapshot', async () => {
    await load('04-scale-out.kafkalab.json');
    session().advance(20_000);
    await vscode.commands.executeCommand('kafkaLab.crashConsumer', { consumer: 'consumer02' });
    session().advance(12_345);
    const before = session();
    const t = before.simulation.now;
    const picture = JSON.stringify(before.snapshot());
    await hooks.reloadSession();
    assert.notStrictEqual(session(), before, 'a new session object');
    assert.strictEqual(session().simulation.now, t);
    assert.strictEqual(JSON.stringify(session().snapshot()), picture);
    assert.strictEqual(session().actions.length, 1);
    assert.strictEqual(hooks.contextKeys()['kafkaLab.scenario'], '04-scale-out.kafkalab.json');
  });

  it('a timeline action that no longer applies is skipped; reload and Export Event Log keep working; the play state comes back', async () => {
    await load('07-session-timeout.kafkalab.json');
    session().advance(5_000);
    await vscode.commands.executeCommand('kafkaLab.stopConsumer', { consumer: 'consumer04' });
    session().advance(20_000); // past the timeline's crash of consumer04 at 10 s
    const skipped = session().simulation.recentEvents().filter((e) => e.type === 'timeline-action-skipped');
    assert.strictEqual(skipped.length, 1, 'the crash of a stopped consumer is skipped, visibly');
    assert.deepStrictEqual(hooks.errors(), []);
    await vscode.commands.executeCommand('kafkaLab.setSpeed', { speed: 1 });
    await vscode.commands.executeCommand('kafkaLab.play');
    const before = session();
    await hooks.reloadSession();
    assert.notStrictEqual(session(), before);
    assert.strictEqual(hooks.contextKeys()['kafkaLab.scenario'], '07-session-timeout.kafkalab.json', 'the session was restored, not replaced');
    assert.strictEqual(session().actions.length, 1);
    assert.strictEqual(session().running, true, 'a playing session plays again after a reload');
    await vscode.commands.executeCommand('kafkaLab.pause');
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'skipped-events.jsonl');
    const exported = await vscode.commands.executeCommand<{ uri: vscode.Uri; events: number }>('kafkaLab.exportEventLog', { uri: uri.toString() });
    assert.ok(exported && exported.events > 0);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(text, /"type":"timeline-action-skipped"/);
    await vscode.workspace.fs.delete(uri);
  });

  it('Describe Group opens the describe tables in a new document', async () => {
    await load('04-scale-out.kafkalab.json');
    session().advance(30_000);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('kafkaLab.describeGroup', { group: 'consumer-group-01' });
    assert.ok(doc.isUntitled);
    assert.strictEqual(vscode.window.activeTextEditor?.document, doc);
    const text = doc.getText();
    assert.ok(text.startsWith('$ kafka-consumer-groups.sh --describe --group consumer-group-01   # at 30.000s\n'), text.slice(0, 200));
    assert.match(text, /GROUP\s+TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+LOG-END-OFFSET\s+LAG\s+CONSUMER-ID\s+HOST\s+CLIENT-ID/);
    // Kafka 4.x's verbose members and state (a classic group: no epochs, no target).
    assert.match(text, /--members --verbose[^\n]*\nGROUP\s+CONSUMER-ID\s+HOST\s+CLIENT-ID\s+#PARTITIONS\s+CURRENT-EPOCH\s+CURRENT-ASSIGNMENT\s+TARGET-EPOCH\s+TARGET-ASSIGNMENT\s*\nconsumer-group-01\s+consumer01-\S+\s+\/127\.0\.0\.1\s+consumer01\s+1\s+-\s+peter-01:0\s+-\s+-/);
    assert.match(text, /--state --verbose[^\n]*\nGROUP\s+COORDINATOR \(ID\)\s+ASSIGNMENT-STRATEGY\s+STATE\s+GROUP-EPOCH\s+TARGET-ASSIGNMENT-EPOCH\s+#MEMBERS\nconsumer-group-01\s+localhost:9092\s+\(0\)\s+range\s+Stable\s+-\s+-\s+3/);
    // Then the lab's own columns, said to be the lab's.
    assert.match(text, /Kafka Lab only \(not Kafka's tool\)[^\n]*\nGROUP\s+TOPIC[^\n]*CLIENT-ID\s+TIME-LAG-MS\s+RECORDS-LAG\n/);
  });

  it('Save Session as Scenario File writes a scenario that replays the session', async () => {
    await load('04-scale-out.kafkalab.json');
    session().advance(15_000);
    await vscode.commands.executeCommand('kafkaLab.addConsumer', { group: 'consumer-group-01', clientId: 'consumer07', ratePerSec: 30 });
    session().advance(5_000);
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'saved-session.kafkalab.json');
    const written = await vscode.commands.executeCommand<vscode.Uri>('kafkaLab.saveSessionAsScenario', { uri: uri.toString() });
    assert.strictEqual(written?.toString(), uri.toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.ok(text.startsWith('{\n  "name": '), 'pretty JSON without $schema');
    const loaded = loadScenario(text);
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
    assert.strictEqual(loaded.scenario.duration, 20_000);
    assert.ok(loaded.scenario.timeline?.some((e) => e.action === 'add-consumer' && e.at === 15_000));
    // Loading it back gives the same picture at the same time.
    const picture = JSON.stringify({ ...snap(), scenario: '' });
    await vscode.commands.executeCommand('kafkaLab.loadScenarioFile', uri);
    assert.strictEqual(hooks.contextKeys()['kafkaLab.scenario'], '');
    session().advance(20_000);
    assert.strictEqual(JSON.stringify({ ...snap(), scenario: '' }), picture);
  });

  it('Export Event Log writes the complete log as JSON lines', async () => {
    await load('07-session-timeout.kafkalab.json');
    session().advance(70_000);
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'events.jsonl');
    const result = await vscode.commands.executeCommand<{ uri: vscode.Uri; events: number }>('kafkaLab.exportEventLog', uri);
    const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).trimEnd().split('\n');
    assert.strictEqual(lines.length, result.events);
    const events = lines.map((l) => JSON.parse(l) as { type: string; seq: number; t: number });
    assert.strictEqual(events[0]!.seq, 0, 'from the very first event');
    assert.deepStrictEqual(events.map((e) => e.seq), events.map((_, i) => i));
    assert.ok(events.some((e) => e.type === 'session-timed-out'));
    assert.ok(events[events.length - 1]!.t <= 70_000);
  });

  it('Load Scenario File refuses an invalid file, names the problem and keeps the session', async () => {
    await load('01-one-consumer.kafkalab.json');
    const before = state();
    const broken = vscode.Uri.joinPath(workspaceFolder().uri, 'broken.kafkalab.json');
    assert.strictEqual(await vscode.commands.executeCommand('kafkaLab.loadScenarioFile', broken), undefined);
    const [message] = hooks.errors();
    assert.match(message ?? '', /broken\.kafkalab\.json is not a valid scenario \(\d+ problem\(s\)\)\. First: \$\.topics: "orders" is not valid/);
    assert.strictEqual(state(), before);
  });

  it('offers "Run in Kafka Lab" as a CodeLens on *.kafkalab.json files, which loads the file', async () => {
    const valid = vscode.Uri.joinPath(workspaceFolder().uri, 'valid.kafkalab.json');
    await vscode.window.showTextDocument(valid);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', valid);
    const lens = lenses.find((l) => l.command?.command === 'kafkaLab.runScenarioFile');
    assert.ok(lens, `no Run in Kafka Lab lens: ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    assert.strictEqual(lens.range.start.line, 0);
    assert.match(lens.command!.title, /Run in Kafka Lab/);
    const name = await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.strictEqual(name, session().scenario.name);
    assert.strictEqual(hooks.contextKeys()['kafkaLab.scenario'], '');
  });
});

describe('Simulator views', () => {
  before(async () => {
    hooks = await testHooks();
  });
  after(closeAllEditors);

  it('the sidebar view resolves, renders and receives the session', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.kafkaLab');
    await waitFor('the sidebar webview to say ready and get init', () => (hooks.views().sidebar?.inits ?? 0) > 0);
    assert.strictEqual(hooks.views().sidebar?.visible, true);
    session().advance(1_000); // a change reaches the visible view as an update
    await waitFor('an update to the sidebar', () => (hooks.views().sidebar?.updates ?? 0) > 0);
  });

  it('Open Simulator opens one panel in the editor area; both views get the same updates', async () => {
    await vscode.commands.executeCommand('kafkaLab.openSimulator');
    await vscode.commands.executeCommand('kafkaLab.openSimulator');
    const allTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const simulatorTabs = () => allTabs().filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('kafkaLab.simulator'));
    await waitFor('the simulator tab', () => simulatorTabs().length > 0, 5_000).catch(() => {
      throw new Error(`no simulator tab; tabs: ${JSON.stringify(allTabs().map((t) => [t.label, t.input]))}`);
    });
    const tabs = simulatorTabs();
    assert.strictEqual(tabs.length, 1, 'exactly one simulator panel');
    assert.strictEqual(tabs[0]!.label, 'Kafka Lab Simulator');
    await waitFor('the panel webview to get init', () => (hooks.views().panel?.inits ?? 0) > 0);
    const before = hooks.views().panel!.updates;
    session().advance(500);
    await waitFor('an update to the panel', () => hooks.views().panel!.updates > before);
  });

  it('a hidden panel gets no updates, and a fresh init when it is shown again', async () => {
    await vscode.commands.executeCommand('kafkaLab.openSimulator');
    await waitFor('the panel to be visible and ready', () => hooks.views().panel?.visible === true && hooks.views().panel!.ready);
    // Another editor in the same group hides the panel.
    const doc = await vscode.workspace.openTextDocument({ content: 'hides the simulator panel' });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
    await waitFor('the panel to be hidden', () => hooks.views().panel?.visible === false);
    const hidden = hooks.views().panel!;
    // Each advance tells the views at once (a forced change), so the counts are final here.
    session().advance(2_000);
    session().advance(2_000);
    assert.strictEqual(hooks.views().panel!.updates, hidden.updates, 'nothing is posted to a hidden panel');
    // Closing that editor shows the panel again.
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString());
    assert.ok(tab, 'the hiding editor has a tab');
    await vscode.window.tabGroups.close(tab, true);
    await waitFor('a fresh init for the panel shown again', () => hooks.views().panel?.visible === true && hooks.views().panel!.inits > hidden.inits);
  });

  it('validates messages from a webview: malformed ones are logged and ignored, intents act on the session', async () => {
    await load('01-one-consumer.kafkalab.json');
    session().advance(5_000);
    const panel = () => hooks.views().panel!;
    const rejected = panel().rejected;
    const before = state();
    for (const bad of [{ type: 'nope' }, { type: 'action', action: { action: 'add-partitions', topic: 'peter-01' } }, { type: 'set-speed', speed: 'fast' }, 42]) {
      assert.ok(hooks.sendFromWebview('panel', bad));
    }
    assert.strictEqual(panel().rejected, rejected + 4);
    assert.strictEqual(state(), before);
    // A well-formed intent the engine refuses: an error goes back to the view, nothing changes.
    const errors = panel().errors;
    hooks.sendFromWebview('panel', { type: 'action', action: { action: 'add-partitions', topic: 'peter-01', partitions: 2 } });
    assert.strictEqual(panel().errors, errors + 1);
    assert.strictEqual(state(), before);
    // Good intents.
    hooks.sendFromWebview('panel', { type: 'action', action: { action: 'add-partitions', topic: 'peter-01', partitions: 5 } });
    assert.strictEqual(snap().topics[0]!.partitions.length, 5);
    hooks.sendFromWebview('sidebar', { type: 'control', command: 'step' });
    assert.strictEqual(session().simulation.now, 5_100);
    hooks.sendFromWebview('sidebar', { type: 'set-speed', speed: 5 });
    assert.strictEqual(session().speed, 5);
    hooks.sendFromWebview('sidebar', { type: 'set-speed', speed: 1 });
  });
});
