/**
 * Drives the real VS Code workbench (code-server in headless chromium) the way a user does:
 * keyboard, command palette, clicks. scripts/vscode-host/run-e2e-tests.mjs starts code-server and
 * the browser and hands them over in a global before it runs the *.e2e.js specs.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';

export interface E2EEnvironment {
  browser: Browser;
  /** Workbench URL with the e2e workspace folder open. */
  workbenchUrl: string;
  /** The workspace folder on disk. */
  workspaceDir: string;
  /** The built scenarios (dist/scenarios) the installed extension ships. */
  builtinScenariosDir: string;
  /** test-results/e2e */
  screenshotsDir: string;
  /** The extension's .vsix the run installed. */
  vsix: string;
  /** Starts another code-server (scripts/vscode-host/code-server.mjs startCodeServer). */
  startCodeServer(opts: {
    name?: string;
    folder?: string;
    installExtensions?: string[];
    runDir?: string;
    keepRunDir?: boolean;
    userSettings?: Record<string, unknown>;
  }): Promise<{ url: string; userDataDir: string; runDir: string; workbenchUrl(o?: { folder?: string }): string; stop(): Promise<void> }>;
  /** Lets a context load only from 127.0.0.1; returns the list of blocked URLs. */
  restrictToLoopback(context: BrowserContext): Promise<string[]>;
}

declare global {
  // eslint-disable-next-line no-var
  var __kafkaLabE2E: E2EEnvironment | undefined;
}

export function e2eEnvironment(): E2EEnvironment {
  const env = globalThis.__kafkaLabE2E;
  if (!env) throw new Error('run the e2e specs through scripts/vscode-host/run-e2e-tests.mjs (npm run test:e2e)');
  return env;
}

/** Text as the user reads it: monaco renders spaces as no-break spaces. */
export function normalizeText(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

export class Workbench {
  private step = 0;
  private readonly shotsDir: string;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly blockedRequests: string[],
    spec: string,
  ) {
    this.shotsDir = path.join(e2eEnvironment().screenshotsDir, spec);
    fs.rmSync(this.shotsDir, { recursive: true, force: true });
    fs.mkdirSync(this.shotsDir, { recursive: true });
  }

  /** Opens the workbench in a fresh browser context; `spec` names the screenshot folder. */
  static async open(spec: string, workbenchUrl?: string): Promise<Workbench> {
    const env = e2eEnvironment();
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const blocked = await env.restrictToLoopback(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const wb = new Workbench(page, context, blocked, spec);
    await page.goto(workbenchUrl ?? env.workbenchUrl);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer shows the workspace once the remote connection is up.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    return wb;
  }

  /** Saves test-results/e2e/<spec>/<NN-name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    this.step += 1;
    const file = path.join(this.shotsDir, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** A row of the open quick input (command palette or quick pick) whose label is `label`. */
  quickInputRow(label: string): Locator {
    return this.quickInput.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) });
  }

  /** F1, type the command's title, choose it. Retries once: the palette lists what was registered when it opened. */
  async runCommand(title: string): Promise<void> {
    await this.paletteChoose(title, this.quickInputRow(title).first(), (row) => row.click());
  }

  /**
   * F1, type `typed` (a command's English title works in every display language: the palette
   * also matches a localized command's English alias), wait for a match and run the first one.
   */
  async runCommandMatching(typed: string): Promise<void> {
    await this.paletteChoose(typed, this.quickInput.locator('.monaco-list-row').first(), () => this.page.keyboard.press('Enter'));
  }

  /** Opens the command palette, types `text`, waits for `row`, then `choose`s; one retry. */
  private async paletteChoose(text: string, row: Locator, choose: (row: Locator) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      try {
        await this.quickInput.waitFor({ state: 'visible', timeout: 5_000 });
      } catch (err) {
        if (attempt >= 2) throw err;
        // Focus back on the workbench (a webview iframe may hold the keyboard); the title bar's
        // drag region lies over the title, so skip Playwright's hit test.
        await this.page.locator('.part.titlebar .window-title').click({ force: true, timeout: 5_000 });
        continue;
      }
      await this.page.keyboard.type(text);
      try {
        await row.waitFor({ state: 'visible', timeout: 10_000 });
      } catch (err) {
        if (attempt >= 2) throw err;
        continue;
      }
      await choose(row);
      return;
    }
  }

  /** The active editor tab's label, as shown. */
  async activeTabLabel(): Promise<string> {
    const tab = this.page.locator('.tabs-container .tab.active .label-name');
    await tab.waitFor({ state: 'visible' });
    return (await tab.innerText()).trim();
  }

  /** The visible lines of the active editor, as the user reads them. */
  async activeEditorText(): Promise<string> {
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await lines.waitFor({ state: 'visible' });
    return normalizeText(await lines.innerText());
  }

  /**
   * The content of a webview: VS Code nests it in two iframes (the outer `iframe.webview`, then
   * `#active-frame`). `outer` selects the outer iframe.
   */
  webview(outer: string): FrameLocator {
    return this.page.frameLocator(outer).frameLocator('#active-frame');
  }

  /** A sidebar (or panel-area) webview view contributed by extension `extensionId`. */
  webviewView(extensionId: string): FrameLocator {
    return this.webview(`iframe.webview[src*="purpose=webviewView"][src*="extensionId=${extensionId}"]`);
  }

  /** A webview panel (editor area) of extension `extensionId`: not a webview view. */
  webviewPanel(extensionId: string): FrameLocator {
    return this.webview(`iframe.webview[src*="extensionId=${extensionId}"]:not([src*="purpose=webviewView"])`);
  }

  /**
   * Preferences: Color Theme, then the theme's name as the picker shows it (e.g. "Light Modern",
   * "Dark High Contrast"; the setting value "Default Light Modern" is shown beside it).
   */
  async setColorTheme(label: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    await this.page.keyboard.type(label);
    await this.quickInput.locator('.monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}
