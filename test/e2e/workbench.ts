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
  /** The main code-server's user-data dir (its logs/ folder holds the server and extension-host logs). */
  userDataDir: string;
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

/**
 * Generous time limits: a wait ends as soon as its condition holds, so a long limit costs nothing
 * on a fast machine and keeps a busy one (CI, `npm run test:stress`) from failing a correct run.
 */
export const WAIT_MS = 60_000;

/**
 * Waits until `read()` gives a value `ok` accepts (re-reading every 200 ms; a read that throws
 * counts as "not yet") and returns it; after `timeoutMs` it fails with `what` and the last value.
 */
export async function waitUntil<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = WAIT_MS): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > end) {
      const detail = last !== undefined ? `last value: ${JSON.stringify(last)}` : `last error: ${String(lastError)}`;
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; ${detail}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What a workbench leaves behind for a failing test (see saveFailureArtifacts). */
interface Evidence {
  spec: string;
  shotsDir: string;
  screenshot: Buffer | undefined;
  console: string[];
  steps: string[];
  /** A folder holding (a copy of) the code-server logs/ folder. */
  logsDir: string | undefined;
}

/** Workbenches open now, and the evidence of those closed during the current test. */
const openWorkbenches = new Set<Workbench>();
let closedThisTest: Evidence[] = [];

/** The runner calls this before each test. */
export function startTestEvidence(): void {
  for (const e of closedThisTest) if (e.logsDir?.includes(STAGED_LOGS)) fs.rmSync(e.logsDir, { recursive: true, force: true });
  closedThisTest = [];
}

/** Where close() keeps a copy of the logs until the test's outcome is known. */
const STAGED_LOGS = '.staged-logs-';

/**
 * The runner calls this after a failed test: for every workbench the test used (open or closed by
 * then) it writes, under test-results/e2e/<spec>/failure-<test>/, the last screenshot, the
 * browser console (the workbench's own log), the steps the test took (the last one is where it
 * stopped) and a copy of the code-server logs (server, extension host, the extension's output).
 */
export async function saveFailureArtifacts(testTitle: string, error: unknown): Promise<string[]> {
  const evidence = [...closedThisTest];
  for (const wb of openWorkbenches) evidence.push(await wb.evidence());
  const slug = testTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'test';
  const written: string[] = [];
  for (const e of evidence) {
    const dir = path.join(e.shotsDir, `failure-${slug}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    if (e.screenshot) fs.writeFileSync(path.join(dir, 'screenshot.png'), e.screenshot);
    fs.writeFileSync(path.join(dir, 'browser-console.log'), e.console.join('\n') + '\n');
    const last = e.steps[e.steps.length - 1] ?? '(none)';
    fs.writeFileSync(
      path.join(dir, 'steps.txt'),
      `test: ${testTitle}\nerror: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nlast step: ${last}\n\nsteps:\n${e.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}\n`,
    );
    if (e.logsDir && fs.existsSync(e.logsDir)) fs.cpSync(e.logsDir, path.join(dir, 'code-server-logs'), { recursive: true });
    written.push(dir);
  }
  return written;
}

export class Workbench {
  private shotCount = 0;
  private readonly shotsDir: string;
  private readonly consoleLines: string[] = [];
  private readonly steps: string[] = [];
  private closed = false;

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly blockedRequests: string[],
    private readonly spec: string,
    private readonly userDataDir: string | undefined,
  ) {
    this.shotsDir = path.join(e2eEnvironment().screenshotsDir, spec);
    fs.rmSync(this.shotsDir, { recursive: true, force: true });
    fs.mkdirSync(this.shotsDir, { recursive: true });
    const started = Date.now();
    const stamp = (): string => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s`;
    page.on('console', (msg) => this.keepConsole(`${stamp()} [${msg.type()}] ${msg.text()}`));
    page.on('pageerror', (err) => this.keepConsole(`${stamp()} [page error] ${err.stack ?? err.message}`));
  }

  /**
   * Opens the workbench in a fresh browser context; `spec` names the screenshot folder. For a
   * second code-server, pass its workbench URL and user-data dir (for the logs of a failure).
   */
  static async open(spec: string, workbenchUrl?: string, userDataDir?: string): Promise<Workbench> {
    const env = e2eEnvironment();
    // The clipboard is how activeEditorText reads a document, as a user copies it.
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const blocked = await env.restrictToLoopback(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const wb = new Workbench(page, context, blocked, spec, workbenchUrl ? userDataDir : (userDataDir ?? env.userDataDir));
    openWorkbenches.add(wb);
    wb.note(`open the workbench ${workbenchUrl ?? env.workbenchUrl}`);
    await page.goto(workbenchUrl ?? env.workbenchUrl);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 120_000 });
    // The explorer shows the workspace once the remote connection is up.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 120_000 });
    return wb;
  }

  /** Records a step of the test (kept for the failure report; the last one is where it stopped). */
  note(step: string): void {
    this.steps.push(step);
  }

  private keepConsole(line: string): void {
    this.consoleLines.push(line);
    if (this.consoleLines.length > 5_000) this.consoleLines.splice(0, 1_000);
  }

  /** Saves test-results/e2e/<spec>/<NN-name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    this.shotCount += 1;
    this.note(`screenshot ${name}`);
    const file = path.join(this.shotsDir, `${String(this.shotCount).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** What this workbench shows and logged so far (saveFailureArtifacts writes it). */
  async evidence(): Promise<Evidence> {
    const screenshot = await this.page.screenshot({ timeout: 15_000 }).catch(() => undefined);
    const logs = this.userDataDir ? path.join(this.userDataDir, 'logs') : undefined;
    return { spec: this.spec, shotsDir: this.shotsDir, screenshot, console: [...this.consoleLines], steps: [...this.steps], logsDir: logs && fs.existsSync(logs) ? logs : undefined };
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
    this.note(`run command "${title}"`);
    await this.paletteChoose(title, this.quickInputRow(title).first(), (row) => row.click());
  }

  /**
   * F1, type `typed` (a command's English title works in every display language: the palette
   * also matches a localized command's English alias), wait for a match and run the first one.
   */
  async runCommandMatching(typed: string): Promise<void> {
    this.note(`run the first command matching "${typed}"`);
    await this.paletteChoose(typed, this.quickInput.locator('.monaco-list-row').first(), () => this.page.keyboard.press('Enter'));
  }

  /** Opens the command palette, types `text`, waits for `row`, then `choose`s; one retry. */
  private async paletteChoose(text: string, row: Locator, choose: (row: Locator) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      try {
        await this.quickInput.waitFor({ state: 'visible', timeout: 15_000 });
      } catch (err) {
        if (attempt >= 2) throw err;
        // Focus back on the workbench (a webview iframe may hold the keyboard); the title bar's
        // drag region lies over the title, so skip Playwright's hit test.
        await this.page.locator('.part.titlebar .window-title').click({ force: true, timeout: 15_000 });
        continue;
      }
      await this.page.keyboard.type(text);
      try {
        await row.waitFor({ state: 'visible', timeout: 30_000 });
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

  /**
   * The whole text of the active editor, as a user gets it: select all and copy. (The editor's
   * DOM holds only the lines on screen, and overlays can cover them, so it is never read for
   * content.) `editor` selects another editor, e.g. the Output panel's.
   */
  async activeEditorText(editor = '.editor-group-container.active .monaco-editor'): Promise<string> {
    this.note(`copy the text of ${editor}`);
    const lines = this.page.locator(`${editor} .view-lines`).first();
    await lines.waitFor({ state: 'visible' });
    const marker = `kafka-lab-e2e-clipboard-${Date.now()}`;
    await this.page.evaluate((m) => navigator.clipboard.writeText(m), marker);
    await lines.click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+C');
    const copied = await waitUntil('the editor text on the clipboard', () => this.page.evaluate(() => navigator.clipboard.readText()), (t) => t !== marker, 30_000);
    // Leave the selection as it was found: nothing selected, cursor at the start.
    await this.page.keyboard.press('Control+Home');
    return copied;
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
    if (this.closed) return;
    // Kept in case the test fails after this (a spec may close its workbench, and stop its
    // code-server, in a finally): the logs are copied, since the server's folder may go.
    const evidence = await this.evidence();
    if (evidence.logsDir) {
      const staged = path.join(this.shotsDir, `${STAGED_LOGS}${closedThisTest.length}`);
      fs.rmSync(staged, { recursive: true, force: true });
      fs.cpSync(evidence.logsDir, staged, { recursive: true });
      evidence.logsDir = staged;
    }
    closedThisTest.push(evidence);
    this.closed = true;
    openWorkbenches.delete(this);
    await this.context.close().catch(() => undefined);
  }
}
