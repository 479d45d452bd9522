/**
 * VS Code for the Web: the extension's `browser` bundle in the web-worker extension host. A second
 * code-server is started with the user setting
 *   "remote.extensionKind": { "kafka-lab.kafka-consumer-group-lab": ["web"] }
 * which makes the workbench run the extension (installed on the server) in the browser's
 * web-worker extension host instead of the server's Node one. The spec checks that the extension
 * says so in its log, that the sidebar view renders and that a command works there.
 */
import * as assert from 'assert';
import * as path from 'path';
import { Workbench, e2eEnvironment, waitUntil } from './workbench';

const EXTENSION_ID = 'kafka-lab.kafka-consumer-group-lab';

interface CodeServer {
  userDataDir: string;
  workbenchUrl(o?: { folder?: string }): string;
  stop(): Promise<void>;
}

/** The harness is ESM (.mjs); this spec is compiled to CommonJS, where `import()` would become require(). */
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<Record<string, unknown>>;

describe('VS Code for the Web: the extension in the web-worker extension host', function () {
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;

  before(async () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const host = await importEsm(path.join(root, 'scripts', 'vscode-host', 'code-server.mjs'));
    const vsix = await importEsm(path.join(root, 'scripts', 'vscode-host', 'package-vsix.mjs'));
    const start = host.startCodeServer as (o: object) => Promise<CodeServer>;
    const workspaceDir = e2eEnvironment().workspaceDir;
    server = await start({
      name: 'e2e-web',
      folder: workspaceDir,
      installExtensions: [(vsix.vsixPath as () => string)()],
      userSettings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } },
    });
    wb = await Workbench.open('simulator-web', server.workbenchUrl({ folder: workspaceDir }), server.userDataDir);
  });
  after(async () => {
    await wb?.close();
    await server?.stop();
  });

  it('runs in the web worker: the sidebar view renders and a command changes the simulation', async () => {
    const page = wb!.page;
    await page.locator('.activitybar .action-item a[aria-label^="Kafka Lab"]').click();
    const sidebar = wb!.webviewView(EXTENSION_ID);
    await sidebar.locator('[data-testid="scenario-name"]').waitFor({ state: 'visible' });
    await wb!.screenshot('sidebar-in-web-worker');

    // The extension says where it runs in its output channel.
    await wb!.runCommand('Output: Show Output Channels...');
    await wb!.quickInput.locator('.monaco-list-row', { hasText: 'Kafka Lab' }).first().click();
    const log = await waitUntil('the activation line in the Kafka Lab output', () => wb!.activeEditorText('.part.panel .monaco-editor'), (t) => /Kafka Lab activated/.test(t));
    assert.match(log, /Kafka Lab activated \(web UI, web worker extension host\)/);
    await wb!.screenshot('output-web-worker');

    // A command with input, through the palette: the view follows.
    const rows = sidebar.locator('[data-testid="partition-row"]');
    const before = await rows.count();
    await wb!.runCommand('Kafka Lab: Add Partitions…');
    await wb!.quickInput.locator('input').waitFor({ state: 'visible' });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(String(before + 2));
    await page.keyboard.press('Enter');
    await waitUntil(`${before + 2} partition rows`, () => rows.count(), (n) => n === before + 2);
    await wb!.screenshot('command-in-web-worker');
  });
});
