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
import { WAIT_MS, Workbench, e2eEnvironment, waitUntil } from './workbench';

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

/** The first line of each frame's text, to say in a failure what the workbench showed instead. */
async function frameTexts(wb: Workbench): Promise<string[]> {
  const texts: string[] = [];
  for (const frame of wb.page.frames()) {
    const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    if (body.trim() !== '') texts.push(body.trim().split('\n')[0]!.slice(0, 60));
  }
  return texts;
}

/**
 * The frame (a webview's inner document) whose text contains `text`, once one does. `reselect`
 * clicks the step again: the workbench loads a step's page into a webview when the step is
 * selected, and under load that webview can come up empty (its service worker not yet serving
 * the page); selecting the step again, as a user would, reloads it. Tried every 15 s.
 */
async function frameWithText(wb: Workbench, text: string, reselect?: () => Promise<void>): Promise<Frame> {
  let lastSelect = Date.now();
  let seen: string[] = [];
  const found = await waitUntil(
    `a frame that shows "${text}"`,
    async () => {
      for (const frame of wb.page.frames()) {
        const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (body.includes(text)) return frame;
      }
      seen = await frameTexts(wb);
      if (reselect && Date.now() - lastSelect > 15_000) {
        lastSelect = Date.now();
        await reselect();
      }
      return undefined;
    },
    (f) => f !== undefined,
    2 * WAIT_MS,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; the frames showed: ${JSON.stringify(seen)}`);
  });
  return found!;
}

/**
 * Shows the Kafka Lab sidebar view first: the workbench's webview service worker is then ready
 * before the walkthrough's page loads its picture (else the first picture request can go to the
 * network, and the harness blocks and reports it).
 */
async function warmUpWebviews(wb: Workbench): Promise<void> {
  await wb.page.locator('.activitybar .action-item a[aria-label^="Kafka Lab"]').first().click();
  await wb.webviewView(EXTENSION_ID).locator('body').waitFor({ state: 'visible' });
  await wb.page.locator('.activitybar .action-item a[aria-label^="Kafka Lab"]').first().click(); // hide it again
}

async function setSpeed100(wb: Workbench): Promise<void> {
  // As a user would: the simulator panel's own speed control (the step's button opened the panel).
  const speed = wb.webviewPanel(EXTENSION_ID).locator('[data-testid="control-speed"]');
  await speed.waitFor({ state: 'visible' });
  await speed.selectOption('100');
}

/** Goes through the 11 steps of the open walkthrough, checking each off. */
async function followAllSteps(wb: Workbench, lang: 'en' | 'ko'): Promise<void> {
  const started = Date.now();
  for (const [i, id] of STEP_IDS.entries()) {
    const step = wb.page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);
    wb.note(`step ${i + 1} (${id}): open it`);
    await step.click();
    const title = nls[lang][`walkthrough.${id}.title`]!;
    await assert.doesNotReject(step.locator('.step-title', { hasText: title }).waitFor({ state: 'visible' }), `step ${i + 1} title "${title}"`);
    // The step's page (markdown media) in this language.
    await frameWithText(wb, PAGE_HEADING[lang], async () => {
      wb.note(`step ${i + 1} (${id}): its page has not shown yet, select the step again`);
      await step.click();
    });
    const button = wb.page.locator(`[x-step-description-for$="#${id}"]`).locator('button, a').first();
    wb.note(`step ${i + 1} (${id}): click its button, wait for the checkmark`);
    await button.click();
    if (i === 0) await setSpeed100(wb);
    const check = wb.page.locator(`.codicon[data-done-step-id$="#${id}"]`);
    await wb.page.waitForFunction(
      (sel) => document.querySelector(sel)?.classList.contains('complete') === true,
      `.codicon[data-done-step-id$="#${id}"]`,
      { timeout: 2 * WAIT_MS },
    );
    assert.equal(await check.getAttribute('aria-checked'), 'true', `step ${id} is checked`);
    await wb.screenshot(`step-${i + 1}-${id}`);
  }
  console.log(`      (${lang}: 11 steps in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

describe('Walkthrough: a newcomer follows all 11 steps', function () {

  it('in English, from the Welcome page', async () => {
    const wb = await Workbench.open('walkthrough-en');
    try {
      await warmUpWebviews(wb);
      await wb.runCommand('Help: Welcome');
      const title = nls.en['walkthrough.title']!;
      const entry = wb.page.locator('button.getting-started-category', { hasText: title });
      await wb.page.locator('.gettingStartedContainer').first().waitFor({ state: 'visible' });
      // Decided on what the page shows once it has listed its walkthroughs, never on how fast.
      await wb.page.locator('button.getting-started-category').first().waitFor({ state: 'visible' });
      const listed = (await entry.count()) > 0;
      await wb.screenshot('welcome');
      if (listed) await entry.first().click();
      else {
        // The Welcome page lists only a few walkthroughs: the rest are behind "More...", the same picker as this command.
        await wb.runCommandMatching('Welcome: Open Walkthrough...');
        await wb.quickInputRow(title).first().click();
      }
      await wb.page.locator('.getting-started-category-title, .category-title', { hasText: title }).first().waitFor({ state: 'visible' });
      await wb.screenshot('walkthrough');
      await followAllSteps(wb, 'en');
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
    let wb = await Workbench.open('walkthrough-ko-setup', server.workbenchUrl(), server.userDataDir);
    try {
      // Installed with --install-extension a language pack never turns on: install it as a user does.
      await wb.runCommand('Extensions: Install from VSIX...');
      const input = wb.quickInput.locator('input');
      await input.waitFor({ state: 'visible' });
      // The simple file dialog sets its starting folder once it has listed it: type after that.
      await wb.quickInput.locator('.monaco-list-row').first().waitFor({ state: 'visible' });
      await waitUntil(
        'the file dialog to keep the typed path',
        async () => {
          if ((await input.inputValue()) !== packVsix) await input.fill(packVsix);
          return input.inputValue();
        },
        (v) => v === packVsix,
      );
      await wb.screenshot('install-from-vsix');
      // The dialog checks the typed path before Install takes it; a click before that does
      // nothing, so click again (every 3 s) until the dialog closes.
      let lastClick = 0;
      await waitUntil(
        'the Install from VSIX dialog to take the file and close',
        async () => {
          if (!(await wb.quickInput.isVisible())) return true;
          if (Date.now() - lastClick > 3_000) {
            lastClick = Date.now();
            await wb.quickInput.locator('.monaco-button', { hasText: 'Install' }).first().click({ timeout: 5_000 });
          }
          return false;
        },
        (closed) => closed,
      );
      const languagePacks = path.join(server.userDataDir, 'languagepacks.json');
      await waitUntil(
        `the language pack to register in ${languagePacks}`,
        async () => (fs.existsSync(languagePacks) ? fs.readFileSync(languagePacks, 'utf8') : ''),
        (text) => /ko/.test(text) && text.trim() !== '{}',
      );
      await wb.screenshot('language-pack-installed');
    } finally {
      await wb.close();
      await server.stop();
    }
    fs.writeFileSync(path.join(server.userDataDir, 'User', 'argv.json'), JSON.stringify({ locale: 'ko' }, null, 2));
    server = await env.startCodeServer({ name: 'e2e-ko', folder: env.workspaceDir, runDir });
    wb = await Workbench.open('walkthrough-ko', server.workbenchUrl(), server.userDataDir);
    try {
      await warmUpWebviews(wb);
      await wb.runCommandMatching('Welcome: Open Walkthrough...');
      const title = nls.ko['walkthrough.title']!;
      await wb.quickInputRow(title).first().waitFor({ state: 'visible' });
      await wb.screenshot('walkthrough-picker');
      await wb.quickInputRow(title).first().click();
      await wb.page.locator('.getting-started-category-title, .category-title', { hasText: title }).first().waitFor({ state: 'visible' });
      await wb.screenshot('walkthrough');
      await followAllSteps(wb, 'ko');
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
