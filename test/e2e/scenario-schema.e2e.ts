import * as assert from 'assert';
import { Workbench, normalizeText } from './workbench';

describe('Editing a scenario in the sample workspace (schema checks, Problems panel)', function () {
  let wb: Workbench;

  before(async () => {
    wb = await Workbench.open('scenario-schema');
  });
  after(async () => {
    await wb?.close();
  });

  it('shows a schema error as soon as the user types a wrong value', async () => {
    const explorer = wb.page.locator('.explorer-folders-view');
    await explorer.locator('.monaco-list-row', { hasText: /^scenarios$/ }).click();
    const file = explorer.locator('.monaco-list-row', { hasText: '01-one-consumer.kafkalab.json' });
    await file.click();
    assert.strictEqual(await wb.activeTabLabel(), '01-one-consumer.kafkalab.json');
    await wb.runCommand('View: Focus Problems');
    const panel = wb.page.locator('.markers-panel-container');
    await panel.getByText('No problems have been detected in the workspace.').waitFor({ state: 'visible' });
    await wb.screenshot('scenario-open-no-problems');

    // Line 2 is `"name": "...",`: add a line after it with a value of the wrong type.
    await wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.type('"tickMs": "fast",');
    // Waiting for the report below also waits for the editor to take what was typed.

    const problem = panel.locator('.monaco-list-row', { hasText: /Incorrect type\. Expected "integer"/ });
    await problem.first().waitFor({ state: 'visible' });
    assert.match(normalizeText(await problem.first().innerText()), /Incorrect type\. Expected "integer"/);
    // The editor underlines the wrong value too (schema violations are warnings in VS Code).
    await wb.page.locator('.editor-group-container.active .squiggly-warning').first().waitFor({ state: 'visible' });
    await wb.screenshot('wrong-value-reported');
  });
});
