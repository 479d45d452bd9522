/**
 * The integration suite's entry point: the standard `run()` that VS Code's extension host calls
 * for `extensionTestsPath`. The same index runs under code-server in a headless browser
 * (scripts/vscode-host/run-integration-tests.mjs) and under @vscode/test-electron
 * (test/electron/run.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
// Mocha 11 is CommonJS: `require('mocha')` is the Mocha class.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import Mocha = require('mocha');

/**
 * When set (by run-integration-tests.mjs), mocha's report lines start with this marker, so the
 * runner can tell them from the workbench's own log lines, which reach it by the same channel.
 */
const REPORT_MARKER = process.env.KAFKALAB_TEST_REPORT_MARKER ?? '';

export function run(): Promise<void> {
  if (REPORT_MARKER) {
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(REPORT_MARKER + util.format(...args));
  }
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: 300_000,
    // KAFKALAB_TEST_GREP narrows the run, like mocha --grep.
    ...(process.env.KAFKALAB_TEST_GREP ? { grep: process.env.KAFKALAB_TEST_GREP } : {}),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no integration test files (*.test.js) in ${__dirname}`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const total = runner.stats?.tests ?? 0;
        if (failures > 0) reject(new Error(`${failures} of ${total} integration tests failed.`));
        else if (total === 0) reject(new Error('no integration tests ran: a run that tests nothing fails.'));
        else {
          console.log(`${REPORT_MARKER}integration: ${runner.stats?.passes ?? 0} passing, ${runner.stats?.pending ?? 0} pending`);
          resolve();
        }
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
