// Starts and stops code-server (VS Code 1.100.3 in the browser) for the harness.
//
//   const server = await startCodeServer({ folder, extensionsDir });
//   server.url          -> http://127.0.0.1:<port>/
//   server.workbenchUrl({ folder, payload })
//   await server.stop()
//
// Each server gets a fresh user-data dir and config under .vscode-test/runs/, binds to 127.0.0.1
// on a free port, has no auth, telemetry, update checks, workspace trust or extension gallery, and
// runs in its own process group, which stop() (and any exit of this process) kills.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { HostUnavailableError, ensureCodeServer, run } from './install-code-server.mjs';
import { killProcessGroup, onCleanup, trackProcessGroup } from './process-cleanup.mjs';
import { vscodeTestDir } from './paths.mjs';

export const HOST = '127.0.0.1';

/** Settings for every test/demo profile: nothing reaches out, nothing pops up. */
export const DEFAULT_USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'git.enabled': false,
  'git.autofetch': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealthz(url, child, timeoutMs, outputTail) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new HostUnavailableError(`code-server exited (${child.exitCode ?? child.signalCode}) before it answered /healthz:\n${outputTail()}`);
    }
    try {
      const res = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new HostUnavailableError(`code-server did not answer ${url}healthz within ${timeoutMs / 1000} s:\n${outputTail()}`);
}

/**
 * @param {object} opts
 * @param {string} [opts.folder] folder the workbench opens by default
 * @param {string} [opts.extensionsDir] extensions dir (default: a fresh empty one)
 * @param {string[]} [opts.installExtensions] .vsix files to install before starting
 * @param {Record<string, unknown>} [opts.userSettings] extra user settings
 * @param {number} [opts.port] fixed port (default: a free one)
 * @param {string} [opts.name] label for the run directory
 * @param {string} [opts.runDir] directory for config, user data and extensions (default: a new one under .vscode-test/runs/)
 * @param {boolean} [opts.keepRunDir] keep the run directory after stop (default false)
 * @param {(code: number | null) => void} [opts.onExit] called when code-server exits
 * @param {(line: string) => void} [opts.onOutput] receives code-server's output lines
 */
export async function startCodeServer(opts = {}) {
  const entry = await ensureCodeServer();
  const runDir = opts.runDir ?? path.join(vscodeTestDir, 'runs', `${opts.name ?? 'code-server'}-${process.pid}-${Date.now()}`);
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = opts.extensionsDir ?? path.join(runDir, 'extensions');
  const xdgDir = path.join(runDir, 'xdg');
  const configFile = path.join(runDir, 'config.yaml');
  await fs.mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await fs.mkdir(extensionsDir, { recursive: true });
  await fs.mkdir(xdgDir, { recursive: true });
  // A kept run dir (npm start) keeps the user's own settings; ours are put on top.
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  let existing = {};
  try {
    existing = JSON.parse(await fs.readFile(settingsFile, 'utf8'));
  } catch {
    // none yet, or not plain JSON: start over
  }
  await fs.writeFile(settingsFile, JSON.stringify({ ...existing, ...DEFAULT_USER_SETTINGS, ...opts.userSettings }, null, 2));

  const env = {
    ...process.env,
    // Keep code-server away from the user's home (it writes a default config/data there otherwise).
    XDG_CONFIG_HOME: path.join(xdgDir, 'config'),
    XDG_DATA_HOME: path.join(xdgDir, 'data'),
    XDG_CACHE_HOME: path.join(xdgDir, 'cache'),
    // No extension gallery: nothing to fetch from the internet.
    EXTENSIONS_GALLERY: '{}',
    // Not inherited from the shell: the browser talks to code-server directly.
    VSCODE_PROXY_URI: '',
  };
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI;
  for (const key of ['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE']) delete env[key];

  const baseArgs = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of opts.installExtensions ?? []) {
    const r = await run(process.execPath, [entry, ...baseArgs, '--install-extension', vsix, '--force'], { env });
    if (r.code !== 0 || !/successfully installed/i.test(r.out)) {
      throw new HostUnavailableError(`code-server --install-extension ${vsix} failed (exit ${r.code}):\n${r.out.trim()}`);
    }
  }

  const port = opts.port ?? (await freePort());
  await fs.writeFile(
    configFile,
    [
      `bind-addr: ${HOST}:${port}`,
      'auth: none',
      'cert: false',
      'disable-telemetry: true',
      'disable-update-check: true',
      'disable-workspace-trust: true',
      'disable-getting-started-override: true',
      '',
    ].join('\n'),
  );

  const args = [entry, ...baseArgs, '--ignore-last-opened'];
  if (opts.folder) args.push(opts.folder);
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const untrack = trackProcessGroup(child.pid);
  let tail = [];
  const onData = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 80) tail = tail.slice(-60);
      opts.onOutput?.(line);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let stopped = false;
  void exited.then((code) => {
    if (!stopped) opts.onExit?.(code); // only an exit we did not ask for
  });

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    unregister();
    if (child.exitCode === null && child.signalCode === null) {
      killProcessGroup(child.pid, 'SIGTERM');
      const t = setTimeout(() => killProcessGroup(child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    // Extension hosts and other helpers may outlive the main process: kill what is left.
    killProcessGroup(child.pid, 'SIGKILL');
    untrack();
    if (!opts.keepRunDir) await fs.rm(runDir, { recursive: true, force: true }).catch(() => {});
  };
  const unregister = onCleanup(stop);

  const url = `http://${HOST}:${port}/`;
  try {
    await waitForHealthz(url, child, 60_000, () => tail.join('\n'));
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    url,
    port,
    pid: child.pid,
    runDir,
    userDataDir,
    extensionsDir,
    output: () => tail.join('\n'),
    /**
     * The workbench URL for a folder, optionally with development arguments (the web
     * equivalent of --extensionDevelopmentPath / --extensionTestsPath).
     * @param {{ folder?: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} o
     */
    workbenchUrl(o = {}) {
      const u = new URL(url);
      const folder = o.folder ?? opts.folder;
      if (folder) u.searchParams.set('folder', folder);
      const payload = [];
      const remote = (p) => `vscode-remote://${HOST}:${port}${p}`;
      if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(o.extensionDevelopmentPath)]);
      if (o.extensionTestsPath) payload.push(['extensionTestsPath', remote(o.extensionTestsPath)]);
      if (payload.length) u.searchParams.set('payload', JSON.stringify(payload));
      return u.toString();
    },
    stop,
  };
}

export { HostUnavailableError };
