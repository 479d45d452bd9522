// Runs the integration suite (test/integration, compiled to out/test/integration) inside a real
// VS Code extension host: code-server serves VS Code 1.100.3, a headless chromium opens the
// workbench with the development arguments (extensionDevelopmentPath = this repository,
// extensionTestsPath = the suite's index) and the suite's result comes back through
// window.codeAutomationExit.
//
//   node scripts/vscode-host/run-integration-tests.mjs [--grep <pattern>] [--keep]
//
// Exit code: 0 when the suite passed and ran at least one test; 1 otherwise, including when the
// VS Code host cannot be installed or started (the message says what is missing).
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import util from 'node:util';
import { launchBrowser, restrictToLoopback } from './browser.mjs';
import { HostUnavailableError, startCodeServer } from './code-server.mjs';
import { repoRoot, testResultsDir, testWorkspaceDir } from './paths.mjs';
import { runCleanups } from './process-cleanup.mjs';
import { freshCopy } from './workspace.mjs';

const TIMEOUT_MS = Number(process.env.KAFKALAB_INTEGRATION_TIMEOUT_MS || 900_000);
const argv = process.argv.slice(2);
const grep = argv.includes('--grep') ? argv[argv.indexOf('--grep') + 1] : undefined;
const verbose = argv.includes('--verbose') || !!process.env.KAFKALAB_TEST_VERBOSE;

const REPORT_MARKER = '\u2063[mocha]';
/** Errors the workbench logged; printed when the suite fails. */
const workbenchErrors = [];
/** Everything the browser console said, for the evidence of a failure. */
const consoleLines = [];

const testsIndex = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
const extensionMain = path.join(repoRoot, 'dist', 'extension', 'extension.js');

async function main() {
  const started = Date.now();
  for (const [file, how] of [
    [testsIndex, 'npm run compile-tests'],
    [extensionMain, 'npm run build'],
  ]) {
    if (!existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run ${how} first`);
  }
  const folder = await freshCopy('test/integration/workspace', testWorkspaceDir);

  // Inherited by code-server's extension host, where the suite's index reads them.
  if (grep) process.env.KAFKALAB_TEST_GREP = grep;
  process.env.KAFKALAB_TEST_REPORT_MARKER = REPORT_MARKER;
  const server = await startCodeServer({
    name: 'integration',
    folder,
    onOutput: verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
  });
  console.log(`VS Code host: code-server at ${server.url} (pid ${server.pid})`);

  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const blocked = await restrictToLoopback(context);
  const page = await context.newPage();

  let resolveExit;
  const exitCode = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    consoleLines.push(`[suite:${type}] ${text.replace(REPORT_MARKER, '')}`);
    if (text.startsWith(REPORT_MARKER)) console.log(text.slice(REPORT_MARKER.length));
    else if (verbose) console.log(`[workbench:${type}] ${text}`);
    else if (type === 'error') workbenchErrors.push(text);
  });
  page.on('console', (msg) => {
    consoleLines.push(`[${msg.type()}] ${msg.text()}`);
    if (consoleLines.length > 20_000) consoleLines.splice(0, 5_000);
    if (verbose) console.log(`[browser:${msg.type()}] ${msg.text()}`);
  });
  page.on('pageerror', (err) => console.log(`[page error] ${err.message}`));

  const url = server.workbenchUrl({ folder, extensionDevelopmentPath: repoRoot, extensionTestsPath: testsIndex });
  await page.goto(url);

  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS)));
  const result = await Promise.race([exitCode, timeout]);
  clearTimeout(timer);
  if (result === 'timeout') {
    await keepEvidence(page, server, 'timeout');
    throw new Error(`the integration suite did not finish within ${TIMEOUT_MS / 1000} s (no codeAutomationExit). code-server output:\n${server.output()}`);
  }
  if (result !== 0 && workbenchErrors.length) console.log(`Errors the workbench logged:\n${workbenchErrors.join('\n')}`);
  if (result !== 0) await keepEvidence(page, server, String(result));
  console.log(`integration suite exited with code ${result} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (blocked.length) {
    console.error(`The workbench tried to reach beyond 127.0.0.1 (blocked; the run fails):\n  ${[...new Set(blocked)].join('\n  ')}`);
    return 1;
  }
  return result;
}

/**
 * After a failure: test-results/integration/ gets the workbench's screenshot, everything the
 * browser console and the suite logged, and a copy of code-server's logs (server, extension host,
 * the extension's output channel).
 */
async function keepEvidence(page, server, outcome) {
  const dir = path.join(testResultsDir, 'integration');
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, 'screenshot.png'), timeout: 15_000 }).catch(() => undefined);
  await fs.writeFile(path.join(dir, 'browser-console.log'), `outcome: ${outcome}\n${consoleLines.join('\n')}\n`);
  const logs = path.join(server.userDataDir, 'logs');
  if (existsSync(logs)) await fs.cp(logs, path.join(dir, 'code-server-logs'), { recursive: true });
  console.log(`Evidence of the failure: ${path.relative(repoRoot, dir)}/ (screenshot, browser console, code-server logs)`);
}

let code = 1;
try {
  code = await main();
} catch (err) {
  if (err instanceof HostUnavailableError) {
    console.error(`\nIntegration tests NOT run (nothing was tested): ${err.message}`);
  } else {
    console.error(`\nIntegration tests failed to run: ${err?.stack ?? err}`);
  }
  code = 1;
} finally {
  await runCleanups();
}
process.exit(code === 0 ? 0 : 1);
