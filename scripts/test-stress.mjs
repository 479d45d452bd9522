// `npm run test:stress`: runs the whole `npm test` several times with the machine made busy by
// CPU hogs (one busy-looping process per core), to show the suite does not depend on the
// machine's speed. Prints one line per run and a summary; exits non-zero if any run failed.
//
//   npm run test:stress                         5 runs in this checkout, one hog per core
//   npm run test:stress -- --runs 3 --hogs 1    fewer runs, one hog
//   npm run test:stress -- --clone              a fresh clone of this checkout's HEAD (set up with
//                                               scripts/setup.sh --no-start, as CI does) instead
//
// Each run's output goes to test-results/stress/run-<N>.log (in this checkout).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < (name === 'hogs' ? 0 : 1)) {
    console.error(`test:stress: --${name} needs a whole number${name === 'hogs' ? '' : ' from 1'}, got '${args[i + 1] ?? ''}'`);
    process.exit(2);
  }
  return value;
}
for (const a of args) {
  if (a.startsWith('--') && !['--runs', '--hogs', '--clone'].includes(a)) {
    console.error(`test:stress: unknown option '${a}' (expected --runs N, --hogs N, --clone)`);
    process.exit(2);
  }
}
const runs = option('runs', 5);
const hogCount = option('hogs', os.availableParallelism?.() ?? os.cpus().length);
const useClone = args.includes('--clone');

const logsDir = path.join(repoRoot, 'test-results', 'stress');
fs.mkdirSync(logsDir, { recursive: true });

/** Runs `cmd` with its output teed to `logFile`; resolves with the exit code and the output. */
function runLogged(cmd, cmdArgs, cwd, logFile) {
  return new Promise((resolve) => {
    const log = fs.createWriteStream(logFile);
    let out = '';
    const child = spawn(cmd, cmdArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: process.env.CI ?? '' } });
    const keep = (chunk) => {
      log.write(chunk);
      out += chunk.toString();
      if (out.length > 2_000_000) out = out.slice(-1_000_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('close', (code, signal) => log.end(() => resolve({ code: code ?? (signal ? 128 : 1), out })));
  });
}

/** The counts each layer prints at its end. */
function summarise(out) {
  const unit = /(\d+) passing[^\n]*\n(?:\s*(\d+) pending\n)?(?:\s*(\d+) failing)?/.exec(out);
  const integration = /integration: (\d+) passing/.exec(out);
  const e2e = /e2e: (\d+) tests, (\d+) failing/.exec(out);
  return [
    unit ? `unit ${unit[1]} passed${unit[3] ? `, ${unit[3]} failed` : ''}` : 'unit ?',
    integration ? `integration ${integration[1]} passed` : /integration tests failed/i.test(out) ? 'integration FAILED' : 'integration ?',
    e2e ? `e2e ${Number(e2e[1]) - Number(e2e[2])} passed, ${e2e[2]} failed` : 'e2e ?',
  ].join('; ');
}

let cwd = repoRoot;
if (useClone) {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-stress-'));
  console.log(`test:stress: cloning HEAD into ${cwd} and setting it up (scripts/setup.sh --no-start)`);
  execFileSync('git', ['clone', '--quiet', repoRoot, cwd], { stdio: 'inherit' });
  const setup = await runLogged('bash', ['scripts/setup.sh', '--no-start'], cwd, path.join(logsDir, 'setup.log'));
  if (setup.code !== 0) {
    console.error(`test:stress: setup failed (exit ${setup.code}); see ${path.relative(repoRoot, path.join(logsDir, 'setup.log'))}`);
    process.exit(1);
  }
}

const hogs = Array.from({ length: hogCount }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopHogs = () => hogs.forEach((h) => h.kill('SIGKILL'));
process.on('exit', stopHogs);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));
console.log(`test:stress: ${runs} run(s) of npm test in ${cwd}, with ${hogCount} CPU hog(s) on ${os.cpus().length} core(s)`);

const results = [];
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  const logFile = path.join(logsDir, `run-${i}.log`);
  const { code, out } = await runLogged('npm', ['test'], cwd, logFile);
  const seconds = Math.round((Date.now() - started) / 1000);
  const line = `run ${i}/${runs}: ${code === 0 ? 'PASS' : `FAIL (exit ${code})`} in ${Math.floor(seconds / 60)} min ${seconds % 60} s: ${summarise(out)}`;
  results.push({ code, line });
  console.log(line);
}
stopHogs();
const failed = results.filter((r) => r.code !== 0).length;
console.log(`test:stress: ${runs - failed} of ${runs} runs passed with ${hogCount} CPU hog(s); logs in ${path.relative(repoRoot, logsDir)}/`);
process.exit(failed === 0 ? 0 : 1);
