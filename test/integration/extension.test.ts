import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, activeExtension, closeAllEditors } from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

describe('Kafka Lab extension', () => {
  afterEach(closeAllEditors);

  it('is installed and activates', async () => {
    const ext = await activeExtension();
    assert.strictEqual(ext.id, EXTENSION_ID);
    assert.strictEqual(ext.isActive, true);
    assert.strictEqual(typeof ext.exports.listBuiltinScenarios, 'function');
  });

  it('exposes its test hooks, since this suite runs it as a development extension (Test mode), not installed', async () => {
    const ext = await activeExtension();
    assert.ok(ext.exports.testing, 'activate returned no `testing`');
    assert.strictEqual(typeof ext.exports.testing.errors, 'function');
  });

  it('registers every command it contributes, under the "Kafka Lab" category', async () => {
    const ext = await activeExtension();
    const contributed: ContributedCommand[] = ext.packageJSON.contributes?.commands ?? [];
    assert.ok(
      contributed.some((c) => c.command === 'kafkaLab.openSampleScenario'),
      'kafkaLab.openSampleScenario is contributed',
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.ok(registered.has(c.command), `command ${c.command} is contributed but not registered`);
      assert.strictEqual(c.category, 'Kafka Lab', `category of ${c.command}`);
    }
  });

  it('"Open Tutorial Scenario" with an unknown file name opens nothing', async () => {
    await activeExtension();
    await vscode.commands.executeCommand('kafkaLab.openSampleScenario', 'no-such-scenario.kafkalab.json');
    assert.strictEqual(vscode.window.activeTextEditor, undefined);
  });

  it('ships the built-in tutorial scenarios', async () => {
    const ext = await activeExtension();
    const scenarios = await ext.exports.listBuiltinScenarios();
    assert.ok(scenarios.length > 0, 'dist/scenarios/ holds no *.kafkalab.json: the build did not copy src/sim/scenarios/builtin/');
    for (const s of scenarios) {
      assert.match(s.fileName, /\.kafkalab\.json$/);
      assert.notStrictEqual(s.name, s.fileName, `${s.fileName} has a "name"`);
    }
  });

  it('"Open Tutorial Scenario" opens the chosen scenario in an editor', async () => {
    const ext = await activeExtension();
    const [first] = await ext.exports.listBuiltinScenarios();
    assert.ok(first, 'no built-in scenario to open');
    await vscode.commands.executeCommand('kafkaLab.openSampleScenario', first.fileName);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.strictEqual(editor.document.uri.toString(), first.uri.toString());
    const json = JSON.parse(editor.document.getText()) as { name?: string };
    assert.strictEqual(json.name, first.name);
    assert.strictEqual(editor.document.isDirty, false);
  });
});
