// Installs code-server (VS Code in the browser) on demand into .vscode-test/code-server/.
//
//   node scripts/vscode-host/install-code-server.mjs     install if missing, print the version
//
// Idempotent: when the pinned version is already installed it returns at once. The install needs
// the npm registry plus Debian's build packages (libkrb5-dev build-essential pkg-config python3)
// and ripgrep: code-server's @vscode/ripgrep would download `rg` from the internet, so we put
// Debian's /usr/bin/rg into the cache it looks in first.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION,
  RIPGREP_PATH,
  codeServerEntry,
  codeServerInstalledMarker,
  codeServerPackageDir,
  codeServerPrefix,
  vscodeTestDir,
} from './paths.mjs';
import { killProcessGroup, onCleanup, trackProcessGroup } from './process-cleanup.mjs';

/** Thrown when the VS Code host cannot be installed or started; the message says what is missing. */
export class HostUnavailableError extends Error {
  constructor(message) {
    super(message);
    this.name = 'HostUnavailableError';
  }
}

/** The @vscode/ripgrep version code-server 4.100.3 pins (lib/vscode/package.json), and its asset. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET_VERSION = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

export function installedCodeServerVersion() {
  if (!existsSync(codeServerInstalledMarker) || !existsSync(codeServerEntry)) return undefined;
  try {
    return JSON.parse(readFileSync(path.join(codeServerPackageDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, cmd))) return path.join(dir, cmd);
  }
  return undefined;
}

/** Lists what the install needs and is missing, as "what (how to get it)". */
export function missingInstallPrerequisites() {
  const missing = [];
  if (process.platform !== 'linux') missing.push(`a Linux machine (this harness installs code-server for Linux only; on ${process.platform} use F5 in desktop VS Code or npm run test:electron)`);
  if (!existsSync(RIPGREP_PATH)) missing.push(`ripgrep at ${RIPGREP_PATH} (apt-get install ripgrep)`);
  if (!which('make') || !which('g++')) missing.push('make and g++ (apt-get install build-essential)');
  if (!which('python3')) missing.push('python3 (apt-get install python3)');
  if (!which('pkg-config')) missing.push('pkg-config (apt-get install pkg-config)');
  if (!which('krb5-config') && !existsSync('/usr/include/krb5.h')) missing.push('Kerberos headers (apt-get install libkrb5-dev)');
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) missing.push(`Node.js 20 (code-server ${CODE_SERVER_VERSION} declares engines.node 20; this is ${process.version})`);
  return missing;
}

/** Runs a command in its own process group, killed if this process is interrupted. */
export function run(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const untrack = child.pid ? trackProcessGroup(child.pid) : () => {};
    const unregister = child.pid ? onCleanup(() => void killProcessGroup(child.pid, 'SIGKILL')) : () => {};
    let out = '';
    const keep = (chunk) => {
      out += chunk.toString();
      if (out.length > 200_000) out = out.slice(-100_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => resolve({ code: -1, out: out + String(err) }));
    child.on('close', (code) => {
      untrack();
      unregister();
      resolve({ code, out });
    });
  });
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks before downloading. */
async function seedRipgrepCache(tmpDir) {
  const target = RIPGREP_TARGETS[process.arch];
  if (!target) return;
  const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const tarball = path.join(cacheDir, `ripgrep-${RIPGREP_ASSET_VERSION}-${target}.tar.gz`);
  if (existsSync(tarball)) return;
  const staging = path.join(tmpDir, 'rg-staging');
  await fs.mkdir(staging, { recursive: true });
  await fs.mkdir(cacheDir, { recursive: true });
  await fs.copyFile(RIPGREP_PATH, path.join(staging, 'rg'));
  await fs.chmod(path.join(staging, 'rg'), 0o755);
  const r = await run('tar', ['-czf', tarball, '-C', staging, 'rg'], {});
  if (r.code !== 0) throw new HostUnavailableError(`could not create the ripgrep cache tarball: ${r.out.trim()}`);
}

/**
 * Makes sure code-server is installed; returns the path of its entry script.
 * @param {{ log?: (msg: string) => void }} [opts]
 */
export async function ensureCodeServer(opts = {}) {
  const log = opts.log ?? ((msg) => console.log(msg));
  if (installedCodeServerVersion() === CODE_SERVER_VERSION) return codeServerEntry;

  const missing = missingInstallPrerequisites();
  if (missing.length) {
    throw new HostUnavailableError(
      `cannot install the VS Code host (code-server ${CODE_SERVER_VERSION}); missing:\n  - ${missing.join('\n  - ')}\n` +
        `On Debian or Ubuntu, bash scripts/setup.sh installs these (bash scripts/setup.sh --check lists them).`,
    );
  }

  log(`Installing code-server ${CODE_SERVER_VERSION} (VS Code 1.100.3) into ${path.relative(process.cwd(), codeServerPrefix) || codeServerPrefix} ... (about a minute, once)`);
  const started = Date.now();
  await fs.rm(codeServerPrefix, { recursive: true, force: true });
  await fs.mkdir(codeServerPrefix, { recursive: true });
  // A package.json of its own so npm does not walk up to the project's.
  await fs.writeFile(
    path.join(codeServerPrefix, 'package.json'),
    JSON.stringify({ name: 'vscode-test-code-server', private: true, description: 'Installed on demand by scripts/vscode-host/install-code-server.mjs' }, null, 2) + '\n',
  );
  const tmpDir = path.join(vscodeTestDir, 'tmp');
  await fs.mkdir(tmpDir, { recursive: true });
  await seedRipgrepCache(tmpDir);

  const env = {
    ...process.env,
    TMPDIR: tmpDir, // where @vscode/ripgrep looks for its cache (os.tmpdir())
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses root otherwise
    npm_config_yes: 'true', // node-pty's install runs `npx node-gyp`
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = await run(
    npm,
    ['install', '--prefix', codeServerPrefix, '--no-save', '--no-package-lock', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
    { cwd: codeServerPrefix, env },
  );
  if (r.code !== 0 || !existsSync(codeServerEntry)) {
    const tail = r.out.trim().split('\n').filter((l) => !/^npm error\s+at /.test(l)).slice(-20).join('\n');
    throw new HostUnavailableError(
      `npm install of code-server@${CODE_SERVER_VERSION} failed (exit ${r.code}). It needs the npm registry and the Debian packages ` +
        `libkrb5-dev build-essential pkg-config python3 ripgrep. Last output:\n${tail}`,
    );
  }
  const version = installedCodeServerVersion() ?? JSON.parse(readFileSync(path.join(codeServerPackageDir, 'package.json'), 'utf8')).version;
  if (version !== CODE_SERVER_VERSION) throw new HostUnavailableError(`installed code-server is ${version}, expected ${CODE_SERVER_VERSION}`);
  await fs.writeFile(codeServerInstalledMarker, `${CODE_SERVER_VERSION}\n`);
  log(`Installed code-server ${CODE_SERVER_VERSION} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return codeServerEntry;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const entry = await ensureCodeServer();
    // XDG_*: code-server writes a default config into ~/.config otherwise.
    const xdg = path.join(vscodeTestDir, 'tmp', 'xdg');
    const env = { ...process.env, XDG_CONFIG_HOME: `${xdg}/config`, XDG_DATA_HOME: `${xdg}/data` };
    const r = await run(process.execPath, [entry, '--version'], { env });
    console.log(r.out.trim());
    process.exit(r.code === 0 ? 0 : 1);
  } catch (err) {
    console.error(`error: ${err instanceof HostUnavailableError ? err.message : err?.stack ?? err}`);
    process.exit(1);
  }
}
