// Launches Debian's chromium through playwright-core (never a downloaded browser), headless,
// with the flags that keep it off the network, and closes it when this process ends.
import fs, { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HostUnavailableError } from './install-code-server.mjs';
import { CHROMIUM_PATH, repoRoot } from './paths.mjs';
import { onCleanup } from './process-cleanup.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

/**
 * @param {{ headless?: boolean }} [opts]
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchBrowser(opts = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new HostUnavailableError(`chromium not found at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (err) {
    throw new HostUnavailableError(`playwright-core is not installed (npm install): ${err.message}`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args: CHROMIUM_ARGS,
    // Our own handlers (process-cleanup.mjs) stop the browser and code-server in order;
    // Playwright's would exit the process before code-server is stopped.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Playwright gives each launch a fresh, temporary user-data dir and removes it on close.
  });
  const unregister = onCleanup(() => browser.close().catch(() => {}));
  browser.on('disconnected', () => unregister());
  return browser;
}

/**
 * Lets a page load only from 127.0.0.1 (and data:/blob: URLs); anything else is aborted and
 * recorded, so a test can assert the workbench talked to nothing but the local server.
 * @param {import('playwright-core').BrowserContext} context
 * @returns {Promise<string[]>} the list (filled as requests are blocked)
 */
export async function restrictToLoopback(context) {
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      // not a URL we know: blocked below
    }
    const host = parsed?.hostname ?? '';
    if (host === '127.0.0.1' || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    const local = parsed && localResourceFile(parsed);
    if (local) return route.fulfill({ path: local });
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return blocked;
}

/**
 * Webview resources (`https://<scheme>+<authority>.vscode-resource.vscode-cdn.net/<path>`) are
 * normally answered inside the browser by the webview's service worker from the VS Code server.
 * Before that worker is ready (e.g. a walkthrough page's first picture) the request reaches the
 * network; here it is answered from the same file on this machine instead, never from outside.
 * Only files under the repository or the system's temporary folder (the runs' extension dirs).
 */
function localResourceFile(url) {
  if (!url.hostname.endsWith('.vscode-resource.vscode-cdn.net')) return undefined;
  let file;
  try {
    file = path.resolve(decodeURIComponent(url.pathname));
  } catch {
    return undefined;
  }
  const roots = [repoRoot, os.tmpdir()].map((r) => path.resolve(r) + path.sep);
  if (!roots.some((r) => file.startsWith(r))) return undefined;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : undefined;
}
