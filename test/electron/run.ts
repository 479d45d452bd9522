/**
 * `npm run test:electron`: the integration suite (test/integration) in desktop VS Code, downloaded
 * by @vscode/test-electron. Needs access to VS Code's download site (and a display, or xvfb-run, on
 * Linux). Where VS Code cannot be downloaded, `npm run test:integration` runs the same suite in
 * code-server instead.
 *
 *   npm run test:electron                       VS Code 1.100.3 (the oldest this extension supports)
 *   VSCODE_TEST_VERSION=stable npm run test:electron
 */
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  const workspace = path.join(repoRoot, '.vscode-test', 'test-workspace-electron');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, 'test', 'integration', 'workspace'), workspace, { recursive: true });
  const version = process.env.VSCODE_TEST_VERSION ?? '1.100.3';
  try {
    await runTests({
      version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|download|getaddrinfo|status code/i.test(message)) {
      console.error(
        `\n@vscode/test-electron could not download VS Code ${version}: ${message}\n` +
          'This machine cannot reach VS Code\'s download site. Run the same suite in code-server instead: npm run test:integration',
      );
    } else {
      console.error(`\nThe integration suite failed in desktop VS Code ${version}: ${message}`);
    }
    return 1;
  }
}

main().then((code) => process.exit(code));
