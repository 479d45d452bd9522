// Runs the end-to-end specs (test/e2e/*.e2e.ts, compiled to out/test/e2e) against the real
// workbench: installs the packaged .vsix into a fresh code-server, opens a fresh copy of the
// workspace `npm start` gives (the built-in scenarios), launches Debian's chromium
// through playwright-core and runs the specs with mocha in this process. Each spec saves a
// screenshot per step under test-results/e2e/<spec>/; a failing test also leaves, in
// test-results/e2e/<spec>/failure-<test>/, its last screenshot, the browser console, the steps it
// took (the last one is where it stopped) and the code-server logs (server and extension host).
//
//   node scripts/vscode-host/run-e2e-tests.mjs [--grep <pattern>] [--verbose]
//
// Expects `npm run package` and `npm run compile-tests` to have run (npm run test:e2e does both).
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Mocha from 'mocha';
import { launchBrowser, restrictToLoopback } from './browser.mjs';
import { HostUnavailableError, startCodeServer } from './code-server.mjs';
import { vsixPath } from './package-vsix.mjs';
import { builtinScenariosDistDir, repoRoot, testResultsDir, vscodeTestDir } from './paths.mjs';
import { runCleanups } from './process-cleanup.mjs';
import { prepareSampleWorkspace } from './workspace.mjs';

const argv = process.argv.slice(2);
const grep = argv.includes('--grep') ? argv[argv.indexOf('--grep') + 1] : undefined;
const verbose = argv.includes('--verbose') || !!process.env.KAFKALAB_TEST_VERBOSE;
const specsDir = path.join(repoRoot, 'out', 'test', 'e2e');
const screenshotsDir = path.join(testResultsDir, 'e2e');
/** Requests each browser context blocked because they were not for 127.0.0.1. */
const contextsBlocked = [];

async function main() {
  const started = Date.now();
  const vsix = vsixPath();
  if (!existsSync(vsix)) throw new Error(`${path.relative(repoRoot, vsix)} is missing: run npm run package first`);
  const specs = existsSync(specsDir) ? (await fs.readdir(specsDir)).filter((f) => f.endsWith('.e2e.js')).sort() : [];
  if (specs.length === 0) throw new Error(`no e2e specs (*.e2e.js) in ${path.relative(repoRoot, specsDir)}: run npm run compile-tests first`);

  // A fresh copy of the workspace a user gets from `npm start`.
  const workspaceDir = path.join(vscodeTestDir, 'e2e-workspace');
  await fs.rm(workspaceDir, { recursive: true, force: true });
  await prepareSampleWorkspace(workspaceDir);

  const server = await startCodeServer({
    name: 'e2e',
    folder: workspaceDir,
    installExtensions: [vsix],
    onOutput: verbose ? (line) => console.log(`[code-server] ${line}`) : undefined,
  });
  console.log(`VS Code host: code-server at ${server.url} (pid ${server.pid}), extension installed from ${path.relative(repoRoot, vsix)}`);
  const browser = await launchBrowser();

  await fs.rm(screenshotsDir, { recursive: true, force: true });
  await fs.mkdir(screenshotsDir, { recursive: true });
  globalThis.__kafkaLabE2E = {
    browser,
    userDataDir: server.userDataDir,
    workbenchUrl: server.workbenchUrl({ folder: workspaceDir }),
    workspaceDir,
    builtinScenariosDir: builtinScenariosDistDir,
    screenshotsDir,
    vsix,
    // A second VS Code host for specs that need their own (e.g. a display language): same options as
    // startCodeServer; stopped by the spec, or at the end of the run with everything else.
    startCodeServer: (opts) => startCodeServer({ ...opts, onOutput: verbose ? (line) => console.log(`[code-server ${opts.name ?? ''}] ${line}`) : undefined }),
    restrictToLoopback: async (context) => {
      const blocked = await restrictToLoopback(context);
      contextsBlocked.push(blocked);
      return blocked;
    },
  };

  const evidence = await import(pathToFileURL(path.join(specsDir, 'workbench.js')).href);
  const rootHooks = {
    beforeEach() {
      evidence.startTestEvidence();
    },
    async afterEach() {
      const test = this.currentTest;
      if (test?.state !== 'failed') return;
      const dirs = await evidence.saveFailureArtifacts(test.fullTitle(), test.err);
      for (const d of dirs) console.log(`      evidence of the failure: ${path.relative(repoRoot, d)}/`);
    },
  };
  // Limits guard against a hang; each wait inside a spec ends as soon as its condition holds.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 600_000, rootHooks, ...(grep ? { grep } : {}) });
  for (const f of specs) mocha.addFile(path.join(specsDir, f));
  await mocha.loadFilesAsync();
  const { failures, tests } = await new Promise((resolve) => {
    const runner = mocha.run((failures) => resolve({ failures, tests: runner.stats?.tests ?? 0 }));
  });
  console.log(`e2e: ${tests} tests, ${failures} failing, in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(repoRoot, screenshotsDir)}/`);
  const blocked = [...new Set(contextsBlocked.flat())];
  if (blocked.length) {
    console.error(`The workbench tried to reach beyond 127.0.0.1 (blocked; the run fails):\n  ${blocked.join('\n  ')}`);
    return 1;
  }
  if (tests === 0) {
    console.error('No e2e tests ran: a run that tests nothing fails.');
    return 1;
  }
  return failures === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  if (err instanceof HostUnavailableError) console.error(`\nEnd-to-end tests NOT run (nothing was tested): ${err.message}`);
  else console.error(`\nEnd-to-end tests failed to run: ${err?.stack ?? err}`);
  code = 1;
} finally {
  await runCleanups();
}
process.exit(code);
