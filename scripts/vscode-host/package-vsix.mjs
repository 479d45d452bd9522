// Packages the extension as a .vsix with @vscode/vsce (its `vscode:prepublish` script makes the
// release build first) into .vscode-test/vsix/.
//
//   node scripts/vscode-host/package-vsix.mjs        -> prints the .vsix path
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, vsixDir } from './paths.mjs';

export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return path.join(vsixDir, `${name}-${version}.vsix`);
}

/** @returns {Promise<string>} the .vsix path */
export async function packageVsix({ quiet = false } = {}) {
  const out = vsixPath();
  await fs.mkdir(vsixDir, { recursive: true });
  await fs.rm(out, { force: true });
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!existsSync(vsce)) throw new Error('@vscode/vsce is not installed: run npm install');
  // No repository URL yet (none is invented), so README's relative links stay relative: they
  // resolve inside the installed extension, which holds the files they name (e.g. schemas/).
  const args = [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out];
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : ['ignore', 'inherit', 'inherit'] });
    child.on('error', () => resolve(-1));
    child.on('close', resolve);
  });
  if (code !== 0 || !existsSync(out)) throw new Error(`vsce package failed (exit ${code})`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(await packageVsix());
  } catch (err) {
    console.error(`error: ${err.message}`);
    process.exit(1);
  }
}
