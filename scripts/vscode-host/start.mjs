// `npm start`: builds the extension, packages it as a .vsix, and opens it in a real VS Code:
// code-server (VS Code 1.100.3 in the browser, installed on demand into .vscode-test/), bound to
// 127.0.0.1 with no auth, telemetry or update checks, with the .vsix installed and a sample
// workspace holding the built-in scenarios. Prints the URL and runs until Ctrl-C, then stops
// everything it started.
//
//   npm start                      a free port
//   PORT=8080 npm start            a fixed port
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HostUnavailableError, startCodeServer } from './code-server.mjs';
import { ensureCodeServer } from './install-code-server.mjs';
import { packageVsix } from './package-vsix.mjs';
import { repoRoot, sampleWorkspaceDir, vscodeTestDir } from './paths.mjs';
import { onCleanup, runCleanups } from './process-cleanup.mjs';
import { prepareSampleWorkspace } from './workspace.mjs';

async function main() {
  if (!existsSync(path.join(repoRoot, 'node_modules', '@vscode', 'vsce'))) {
    throw new Error('dependencies are missing: run bash scripts/setup.sh (system packages, npm ci, the VS Code host), or npm ci');
  }
  // Install the host first: it is the slow part, and the one that can fail for want of packages.
  await ensureCodeServer();
  console.log('Building and packaging the extension ...');
  const vsix = await packageVsix({ quiet: true });
  const { dir: folder, scenarioFiles } = await prepareSampleWorkspace(sampleWorkspaceDir);

  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  let exited;
  const stopped = new Promise((resolve) => (exited = resolve));
  const server = await startCodeServer({
    name: 'start',
    folder,
    installExtensions: [vsix],
    ...(port ? { port } : {}),
    // Keeps settings and open editors from one `npm start` to the next.
    runDir: path.join(vscodeTestDir, 'start'),
    keepRunDir: true,
    onExit: (code) => exited(code),
    onOutput: process.env.KAFKALAB_VERBOSE ? (line) => console.log(`[code-server] ${line}`) : undefined,
  });
  onCleanup(() => console.log('Stopped code-server.'));

  const url = server.workbenchUrl({ folder });
  console.log('');
  console.log(`  Kafka Consumer Group Lab is running in VS Code ${'1.100.3'} (code-server), on this machine only:`);
  console.log('');
  console.log(`    ${url}`);
  console.log('');
  console.log(`  Extension: ${path.relative(repoRoot, vsix)} (installed)`);
  console.log(`  Workspace: ${path.relative(repoRoot, folder)} (${scenarioFiles.length} built-in scenarios in scenarios/)`);
  console.log('  Try: F1 > "Kafka Lab: Open Tutorial Scenario".   Press Ctrl-C to stop.');
  console.log('');
  const code = await stopped;
  console.error(`code-server exited on its own (code ${code}).`);
  return 1;
}

try {
  process.exitCode = await main();
} catch (err) {
  if (err instanceof HostUnavailableError) console.error(`\nCannot open the extension in VS Code: the VS Code host is unavailable.\n${err.message}`);
  else console.error(`\nnpm start failed: ${err?.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await runCleanups();
}
