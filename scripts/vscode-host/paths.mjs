// Where the VS Code host harness keeps its things. Everything it creates lives under
// `.vscode-test/` (ignored by git), except screenshots, which go to `test-results/`.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** code-server 4.100.3 embeds VS Code 1.100.3 and is the last line that runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';

export const vscodeTestDir = path.join(repoRoot, '.vscode-test');
export const codeServerPrefix = path.join(vscodeTestDir, 'code-server');
export const codeServerPackageDir = path.join(codeServerPrefix, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerPackageDir, 'out', 'node', 'entry.js');
export const codeServerInstalledMarker = path.join(codeServerPrefix, '.installed');

/** Sample workspace opened by `npm start`, holding copies of the built-in scenarios. */
export const sampleWorkspaceDir = path.join(vscodeTestDir, 'sample-workspace');
/** Workspace the integration and e2e tests open (recreated by each run). */
export const testWorkspaceDir = path.join(vscodeTestDir, 'test-workspace');
/** Where `npm run package` / `npm start` put the .vsix. */
export const vsixDir = path.join(vscodeTestDir, 'vsix');

export const builtinScenariosSrcDir = path.join(repoRoot, 'src', 'sim', 'scenarios', 'builtin');
export const builtinScenariosDistDir = path.join(repoRoot, 'dist', 'scenarios');

export const testResultsDir = path.join(repoRoot, 'test-results');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const RIPGREP_PATH = process.env.RIPGREP_PATH || '/usr/bin/rg';
