import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Workbench, e2eEnvironment, normalizeText } from './workbench';

interface ScenarioFile {
  fileName: string;
  name: string;
}

function builtinScenarios(): ScenarioFile[] {
  const dir = e2eEnvironment().builtinScenariosDir;
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.kafkalab.json')).sort() : [];
  return files.map((fileName) => ({ fileName, name: (JSON.parse(fs.readFileSync(path.join(dir, fileName), 'utf8')) as { name: string }).name }));
}

describe('Open Tutorial Scenario (command palette)', function () {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open('open-tutorial-scenario');
  });
  after(async () => {
    await wb?.close();
  });

  it('lists the built-in scenarios and opens the one the user picks, read-only', async () => {
    const scenarios = builtinScenarios();
    assert.ok(scenarios.length > 0, 'the extension ships no built-in scenarios (dist/scenarios is empty)');
    const chosen = scenarios[scenarios.length - 1]!;
    await wb.screenshot('workbench');

    await wb.runCommand('Kafka Lab: Open Tutorial Scenario');
    // The quick pick offers every built-in scenario, the first one by its name.
    await wb.quickInputRow(scenarios[0]!.name).first().waitFor({ state: 'visible' });
    const firstRow = wb.quickInput.locator('.monaco-list-row').first();
    assert.strictEqual(await firstRow.getAttribute('aria-setsize'), String(scenarios.length));
    assert.strictEqual(
      normalizeText(await wb.quickInput.locator('.quick-input-title').innerText()).trim(),
      'Kafka Lab: Open Tutorial Scenario',
    );
    await wb.screenshot('scenario-quick-pick');

    // The user narrows the list by typing part of the name, then clicks the scenario.
    await wb.page.keyboard.type(chosen.name.slice(0, 12));
    await wb.quickInputRow(chosen.name).first().click();
    await wb.quickInput.waitFor({ state: 'hidden' });
    assert.strictEqual(await wb.activeTabLabel(), chosen.fileName);
    // The editor holds the shipped file, all of it (copied out as a user would).
    const shipped = fs.readFileSync(path.join(e2eEnvironment().builtinScenariosDir, chosen.fileName), 'utf8');
    assert.strictEqual(await wb.activeEditorText(), shipped);
    await wb.screenshot('scenario-open');

    // The file belongs to the installed extension: typing into it changes nothing.
    await wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await wb.page.keyboard.type('x');
    await wb.page.locator('.monaco-editor-overlaymessage', { hasText: /read-?only/i }).waitFor({ state: 'visible' });
    await wb.screenshot('read-only');
    await wb.page.keyboard.press('Escape');
    assert.strictEqual(await wb.page.locator('.tabs-container .tab.active.dirty').count(), 0, 'the tab is not marked as modified');
    assert.strictEqual(await wb.activeEditorText(), shipped);
  });
});
