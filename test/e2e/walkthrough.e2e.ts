/**
 * The guided walkthrough in the real workbench, as a newcomer follows it: open it (English: from
 * the Welcome page; Korean: Welcome: Open Walkthrough...), then for each of the 11 steps click the
 * step, click its button, and wait until VS Code checks the step off (its completion event fired
 * on the live session's context keys). The simulation runs at 100x so the run stays short.
 * Korean: the fixture language pack (test/fixtures/language-pack-ko) is installed from inside the
 * workbench, the locale set in argv.json and the workbench restarted.
 * Screenshots: test-results/e2e/walkthrough-en/ and walkthrough-ko/.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { Workbench, e2eEnvironment } from './workbench';

const EXTENSION_ID = 'kafka-lab.kafka-consumer-group-lab';
const REPO = path.resolve(__dirname, '../../..');
const STEP_IDS = ['openLab', 'lagGrows', 'noGroup', 'scaleOut', 'idleConsumer', 'addPartitions', 'sessionTimeout', 'manyGroups', 'operate', 'noStopTheWorld', 'moreConsumersThanPartitions'];
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const nls: Record<'en' | 'ko', Record<string, string>> = {
  en: JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8')),
  ko: JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.ko.json'), 'utf8')),
};
/** A line of each step's page, to see which language's markdown the workbench shows. */
const PAGE_HEADING = { en: "What you'll see", ko: '무엇을 보게 되나요' };

/** The frame (a webview's inner document) whose text contains `text`, once one does. */
async function frameWithText(wb: Workbench, text: string, timeoutMs = 15_000): Promise<Frame> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of wb.page.frames()) {
      const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (body.includes(text)) return frame;
    }
    if (Date.now() > end) throw new Error(`no frame shows "${text}"`);
    await wb.page.waitForTimeout(250);
  }
}

/**
 * Shows the Kafka Lab sidebar view first: the workbench's webview service worker is then ready
 * before the walkthrough's page loads its picture (else the first picture request can go to the
 * network, and the harness blocks and reports it).
 */
async function warmUpWebviews(wb: Workbench): Promise<void> {
  await wb.page.locator('.activitybar .action-item a[aria-label^="Kafka Lab"]').first().click();
  await wb.webviewView(EXTENSION_ID).locator('body').waitFor({ state: 'visible', timeout: 30_000 });
  await wb.page.locator('.activitybar .action-item a[aria-label^="Kafka Lab"]').first().click(); // hide it again
}

async function setSpeed100(wb: Workbench): Promise<void> {
  // As a user would: the simulator panel's own speed control (the step's button opened the panel).
  const speed = wb.webviewPanel(EXTENSION_ID).locator('[data-testid="control-speed"]');
  await speed.waitFor({ state: 'visible', timeout: 30_000 });
  await speed.selectOption('100');
}

/** Goes through the 11 steps of the open walkthrough, checking each off. */
async function followAllSteps(wb: Workbench, lang: 'en' | 'ko'): Promise<void> {
  const started = Date.now();
  for (const [i, id] of STEP_IDS.entries()) {
    const step = wb.page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);
    await step.click();
    const title = nls[lang][`walkthrough.${id}.title`]!;
    await assert.doesNotReject(step.locator('.step-title', { hasText: title }).waitFor({ state: 'visible', timeout: 5_000 }), `step ${i + 1} title "${title}"`);
    // The step's page (markdown media) in this language.
    await frameWithText(wb, PAGE_HEADING[lang]);
    const button = wb.page.locator(`[x-step-description-for$="#${id}"]`).locator('button, a').first();
    await button.click();
    if (i === 0) await setSpeed100(wb);
    const check = wb.page.locator(`.codicon[data-done-step-id$="#${id}"]`);
    await wb.page.waitForFunction(
      (sel) => document.querySelector(sel)?.classList.contains('complete') === true,
      `.codicon[data-done-step-id$="#${id}"]`,
      { timeout: 30_000 },
    );
    assert.equal(await check.getAttribute('aria-checked'), 'true', `step ${id} is checked`);
    await wb.screenshot(`step-${i + 1}-${id}`);
  }
  console.log(`      (${lang}: 11 steps in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

describe('Walkthrough: a newcomer follows all 11 steps', function () {
  this.timeout(180_000);

  it('in English, from the Welcome page', async () => {
    const wb = await Workbench.open('walkthrough-en');
    try {
      await warmUpWebviews(wb);
      await wb.runCommand('Help: Welcome');
      const title = nls.en['walkthrough.title']!;
      const entry = wb.page.locator('button.getting-started-category', { hasText: title });
      await wb.page.locator('.gettingStartedContainer').first().waitFor({ state: 'visible' });
      const listed = await entry
        .first()
        .waitFor({ state: 'visible', timeout: 8_000 })
        .then(() => true)
        .catch(() => false);
      await wb.screenshot('welcome');
      if (listed) await entry.first().click();
      else {
        // The Welcome page lists only a few walkthroughs: the rest are behind "More...", the same picker as this command.
        await wb.runCommandMatching('Welcome: Open Walkthrough...');
        await wb.quickInputRow(title).first().click();
      }
      await wb.page.locator('.getting-started-category-title, .category-title', { hasText: title }).first().waitFor({ state: 'visible' });
      await wb.screenshot('walkthrough');
      await followAllSteps(wb, 'en').catch(async (err) => {
        await wb.screenshot('failure').catch(() => undefined);
        throw err;
      });
      // Everything checked off.
      assert.equal(await wb.page.locator(`.codicon.complete[data-done-step-id*="${EXTENSION_ID}"]`).count(), 11);
    } finally {
      await wb.close();
    }
  });

  it('in Korean, with the fixture language pack installed from the workbench', async () => {
    const env = e2eEnvironment();
    const vsixDir = path.join(REPO, '.vscode-test', 'vsix');
    const packVsix = path.join(vsixDir, 'language-pack-ko.vsix');
    fs.mkdirSync(vsixDir, { recursive: true });
    execFileSync(
      process.execPath,
      [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', packVsix],
      { cwd: path.join(REPO, 'test/fixtures/language-pack-ko'), stdio: 'ignore' },
    );
    const runDir = path.join(REPO, '.vscode-test', 'runs', `e2e-ko-${process.pid}-${Date.now()}`);
    let server = await env.startCodeServer({ name: 'e2e-ko', folder: env.workspaceDir, installExtensions: [env.vsix], runDir, keepRunDir: true });
    let wb = await Workbench.open('walkthrough-ko-setup', server.workbenchUrl());
    try {
      // Installed with --install-extension a language pack never turns on: install it as a user does.
      await wb.runCommand('Extensions: Install from VSIX...');
      const input = wb.quickInput.locator('input');
      await input.waitFor({ state: 'visible' });
      // The simple file dialog sets its starting folder once it has listed it: type after that.
      await wb.quickInput.locator('.monaco-list-row').first().waitFor({ state: 'visible' });
      for (let i = 0; i < 5 && (await input.inputValue()) !== packVsix; i++) {
        await input.fill(packVsix);
        await wb.page.waitForTimeout(400);
      }
      await wb.screenshot('install-from-vsix');
      await wb.quickInput.locator('.monaco-button', { hasText: 'Install' }).first().click();
      const languagePacks = path.join(server.userDataDir, 'languagepacks.json');
      const end = Date.now() + 30_000;
      while (!(fs.existsSync(languagePacks) && /"ko"|ko/.test(fs.readFileSync(languagePacks, 'utf8')) && fs.readFileSync(languagePacks, 'utf8').trim() !== '{}')) {
        if (Date.now() > end) throw new Error(`the language pack did not register (${languagePacks})`);
        await wb.page.waitForTimeout(250);
      }
      await wb.screenshot('language-pack-installed');
    } catch (err) {
      await wb.screenshot('failure').catch(() => undefined);
      throw err;
    } finally {
      await wb.close();
      await server.stop();
    }
    fs.writeFileSync(path.join(server.userDataDir, 'User', 'argv.json'), JSON.stringify({ locale: 'ko' }, null, 2));
    server = await env.startCodeServer({ name: 'e2e-ko', folder: env.workspaceDir, runDir });
    wb = await Workbench.open('walkthrough-ko', server.workbenchUrl());
    try {
      await warmUpWebviews(wb);
      await wb.runCommandMatching('Welcome: Open Walkthrough...');
      const title = nls.ko['walkthrough.title']!;
      await wb.quickInputRow(title).first().waitFor({ state: 'visible' });
      await wb.screenshot('walkthrough-picker');
      await wb.quickInputRow(title).first().click();
      await wb.page.locator('.getting-started-category-title, .category-title', { hasText: title }).first().waitFor({ state: 'visible' });
      await wb.screenshot('walkthrough');
      await followAllSteps(wb, 'ko').catch(async (err) => {
        await wb.screenshot('failure').catch(() => undefined);
        throw err;
      });
      assert.equal(await wb.page.locator(`.codicon.complete[data-done-step-id*="${EXTENSION_ID}"]`).count(), 11);
      // The Korean page (package.nls.ko.json's markdown path) is the one shown, not the English one.
      const frame = await frameWithText(wb, PAGE_HEADING.ko);
      assert.ok(!(await frame.evaluate(() => document.body.innerText)).includes(PAGE_HEADING.en));
    } finally {
      await wb.close();
      await server.stop();
      fs.rmSync(runDir, { recursive: true, force: true });
    }
  });
});

void pkg;
