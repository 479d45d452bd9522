// Launches Debian's chromium through playwright-core (never a downloaded browser), headless,
// with the flags that keep it off the network, and closes it when this process ends.
import { existsSync } from 'node:fs';
import { HostUnavailableError } from './install-code-server.mjs';
import { CHROMIUM_PATH } from './paths.mjs';
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
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      // keep host empty
    }
    if (host === '127.0.0.1' || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return blocked;
}
