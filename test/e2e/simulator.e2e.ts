/**
 * The simulator as a user meets it in the real workbench: the activity-bar view, a scenario file's
 * "▶ Run in Kafka Lab" CodeLens, the panel's controls and forms, the command palette, the describe
 * document, in a dark, a light and a high-contrast theme. One screenshot per step in
 * test-results/e2e/simulator/.
 */
import * as assert from 'assert';
import type { FrameLocator, Locator } from 'playwright-core';
import { Workbench, normalizeText, waitUntil } from './workbench';

const EXTENSION_ID = 'kafka-lab.kafka-consumer-group-lab';

const poll = waitUntil;

const text = async (l: Locator): Promise<string> => normalizeText(await l.first().innerText()).trim();

describe('Simulator views (sidebar, panel, commands) in the real workbench', function () {
  let wb: Workbench;
  let panel: FrameLocator;
  let sidebar: FrameLocator;

  before(async () => {
    wb = await Workbench.open('simulator');
    panel = wb.webviewPanel(EXTENSION_ID);
    sidebar = wb.webviewView(EXTENSION_ID);
  });
  after(async () => {
    await wb?.close();
  });

  it('the activity bar opens the Kafka Lab view with a live picture of the session', async () => {
    await wb.page.locator('.activitybar .action-item a[aria-label^="Kafka Lab"]').click();
    await sidebar.locator('[data-testid="scenario-name"]').waitFor({ state: 'visible' });
    assert.match(await text(sidebar.locator('[data-testid="scenario-name"]')), /One consumer reads all three partitions/);
    await sidebar.locator('[data-testid="control-play"]').waitFor({ state: 'visible' });
    // The view's title bar offers the main commands.
    // (With one view in the container they sit in the container's title; they show on hover.)
    await wb.page.locator('.part.sidebar .composite.title').hover();
    for (const title of ['Play', 'Step', 'Reset', 'Open Simulator']) {
      await wb.page.locator(`.part.sidebar .title-actions a.action-label[aria-label^="${title}"]`).first().waitFor({ state: 'visible' });
    }
    // The status bar item shows the session.
    await wb.page.locator('.statusbar-item', { hasText: 'Kafka Lab' }).first().waitFor({ state: 'visible' });
    await wb.screenshot('sidebar-view');
  });

  it('"▶ Run in Kafka Lab" on a scenario file loads it and opens the simulator panel', async () => {
    await wb.page.keyboard.press('Control+P');
    await wb.quickInput.waitFor({ state: 'visible' });
    await wb.page.keyboard.type('04-scale-out.kafkalab.json');
    await wb.quickInput.locator('.monaco-list-row').first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter');
    const lens = wb.page.locator('.codelens-decoration a', { hasText: 'Run in Kafka Lab' });
    await lens.waitFor({ state: 'visible' });
    // The editor title offers the same action.
    await wb.page.locator('.editor-actions a.action-label[aria-label^="Run in Kafka Lab"]').waitFor({ state: 'visible' });
    await wb.screenshot('scenario-codelens');
    await lens.click();
    await panel.locator('[data-testid="scenario-name"]').waitFor({ state: 'visible' });
    await poll('the panel to show scenario 4', () => text(panel.locator('[data-testid="scenario-name"]')), (t) => /scale/i.test(t) || /4\./.test(t));
    assert.strictEqual(await wb.activeTabLabel(), 'Kafka Lab Simulator');
    // The sidebar shows the same session.
    await poll('the sidebar to follow', () => text(sidebar.locator('[data-testid="scenario-name"]')), (t) => /4\./.test(t) || /scale/i.test(t));
    await wb.screenshot('panel-opened');
  });

  it('Play runs the simulation: the group becomes Stable with one partition per consumer', async () => {
    await panel.locator('[data-testid="control-speed"]').selectOption('10');
    await panel.locator('[data-testid="control-play"]').click();
    // The clock shows mm:ss.s.
    await poll('virtual time to pass 25 s', () => text(panel.locator('[data-testid="virtual-time"]')), (t) => {
      const m = /(\d+):(\d+(\.\d)?)/.exec(t);
      return !!m && Number(m[1]) * 60 + Number(m[2]) >= 25;
    });
    await panel.locator('[data-testid="control-play"]').click(); // pause
    const group = panel.locator('[data-testid="group"]').first();
    assert.match(await text(group.locator('[data-testid="group-state"]')), /Stable/);
    assert.match(await text(group.locator('[data-testid="group-generation"]')), /2/);
    const owners = (await panel.locator('[data-testid="partition-owner-name"]').allInnerTexts()).map((s) => s.trim());
    assert.deepStrictEqual(owners.slice(0, 3), ['consumer01', 'consumer02', 'consumer03']);
    await wb.screenshot('stable-after-scale-out');
  });

  it('adding a fourth consumer from the panel leaves one idle', async () => {
    await panel.locator('[data-testid="add-consumer-client-id"]').first().fill('consumer04');
    await panel.locator('[data-testid="add-consumer-rate"]').first().fill('50');
    await panel.locator('[data-testid="add-consumer-form-submit"]').first().click();
    await panel.locator('[data-testid="consumer-card"]', { hasText: 'consumer04' }).waitFor({ state: 'visible' });
    await panel.locator('[data-testid="control-play"]').click();
    const idle = panel.locator('[data-testid="consumer-card"]:has([data-testid="idle-badge"]:not([hidden]))');
    await idle.first().waitFor({ state: 'visible' });
    await panel.locator('[data-testid="control-play"]').click();
    assert.strictEqual(await idle.count(), 1, 'exactly one idle consumer');
    await wb.screenshot('idle-consumer');
  });

  it('crashing a consumer: after the session timeout another consumer takes its partition', async () => {
    const card = panel.locator('[data-testid="consumer-card"]', { hasText: 'consumer01' });
    await card.locator('[data-testid="consumer-crash"]').click();
    await poll('consumer01 to show as crashed', () => text(card.locator('[data-testid="consumer-status"]')), (t) => /crash/i.test(t));
    await wb.screenshot('consumer-crashed');
    await panel.locator('[data-testid="control-speed"]').selectOption('25');
    await panel.locator('[data-testid="control-play"]').click();
    await poll('partition 0 to get a new owner', async () => (await panel.locator('[data-testid="partition-owner-name"]').allInnerTexts()).map((s) => s.trim()), (o) => o.length >= 3 && !o.includes('consumer01') && o.every((x) => x !== ''), 60_000);
    await panel.locator('[data-testid="control-play"]').click();
    await poll('no idle consumer any more', () => panel.locator('[data-testid="consumer-card"]:has([data-testid="idle-badge"]:not([hidden]))').count(), (n) => n === 0);
    await wb.screenshot('after-session-timeout');
  });

  it('adding partitions from the panel and from the command palette', async () => {
    await panel.locator('[data-testid="add-partitions-input"]').first().fill('4');
    await panel.locator('[data-testid="add-partitions-form-submit"]').first().click();
    await poll('4 partition rows', () => panel.locator('[data-testid="partition-row"]').count(), (n) => n === 4);
    await wb.screenshot('four-partitions');
    await wb.runCommand('Kafka Lab: Add Partitions…');
    await wb.quickInput.locator('input').waitFor({ state: 'visible' });
    await wb.page.keyboard.type('2');
    // The input box explains what is wrong as the user types.
    await wb.quickInput.locator('.quick-input-message', { hasText: /partitions only grow/ }).waitFor({ state: 'visible' });
    await wb.screenshot('add-partitions-validation');
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.type('6');
    await wb.page.keyboard.press('Enter');
    await poll('6 partition rows', () => panel.locator('[data-testid="partition-row"]').count(), (n) => n === 6);
    await wb.screenshot('six-partitions');
  });

  it('Describe opens the kafka-consumer-groups.sh table in an editor', async () => {
    await panel.locator('[data-testid="open-describe"]').first().click();
    const doc = await poll('the describe document', () => wb.activeEditorText(), (t) => t.includes('kafka-consumer-groups.sh --describe --group consumer-group-01'));
    assert.match(doc, /GROUP\s+TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+LOG-END-OFFSET\s+LAG/);
    assert.match(doc, /consumer-group-01\s+peter-01\s+0\s+\d+/);
    await wb.screenshot('describe-document');
  });

  for (const theme of ['Light Modern', 'Dark High Contrast', 'Dark Modern']) {
    it(`renders in ${theme}`, async () => {
      await wb.setColorTheme(theme);
      await wb.runCommand('Kafka Lab: Open Simulator');
      await panel.locator('[data-testid="group-state"]').first().waitFor({ state: 'visible' });
      // VS Code marks the webview's body with the theme kind and hands it the theme's colours.
      const kind = theme.includes('High Contrast') ? 'vscode-high-contrast' : theme.includes('Light') ? 'vscode-light' : 'vscode-dark';
      await poll(`body.${kind}`, () => panel.locator('body').getAttribute('class'), (c) => (c ?? '').split(/\s+/).includes(kind));
      const color = await panel.locator('body').evaluate((b) => getComputedStyle(b).color);
      const rgb = (color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (rgb[0]! + rgb[1]! + rgb[2]!) / 3;
      if (kind === 'vscode-light') assert.ok(luminance < 110, `dark text on a light theme, got ${color}`);
      else assert.ok(luminance > 150, `light text on a dark theme, got ${color}`);
      assert.match(await text(panel.locator('[data-testid="group-state"]')), /Stable|Rebalanc|Empty/);
      await wb.screenshot(`theme-${theme.toLowerCase().replace(/\s+/g, '-')}`);
    });
  }
});
