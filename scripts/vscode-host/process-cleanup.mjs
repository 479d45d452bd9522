// Makes sure what a harness script started is stopped when it ends: normally, on an uncaught
// error, on Ctrl-C (SIGINT), SIGTERM or SIGHUP. Children run in their own process groups; a
// cleanup kills the whole group.

/** @type {Set<() => Promise<void> | void>} */
const asyncCleanups = new Set();
/** @type {Set<number>} process-group ids to SIGKILL synchronously at exit, as a last resort */
const groupsToKill = new Set();
let installed = false;
let shuttingDown = false;

/** Registers an async cleanup; returns a function that unregisters it. */
export function onCleanup(fn) {
  install();
  asyncCleanups.add(fn);
  return () => asyncCleanups.delete(fn);
}

/** Remembers a detached child's process group so it is killed even on a hard exit. */
export function trackProcessGroup(pid) {
  install();
  groupsToKill.add(pid);
  return () => groupsToKill.delete(pid);
}

export function killProcessGroup(pid, signal = 'SIGTERM') {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs every registered cleanup (in reverse order of registration), once. A call made while
 * cleanups are running waits for them (a signal and the normal end of a run may both ask).
 */
let running = null;
export function runCleanups() {
  if (!running) {
    running = (async () => {
      while (asyncCleanups.size) {
        const fns = [...asyncCleanups].reverse();
        asyncCleanups.clear();
        for (const fn of fns) {
          try {
            await fn();
          } catch (err) {
            console.error(`cleanup failed: ${err?.message ?? err}`);
          }
        }
      }
    })().finally(() => {
      running = null;
    });
  }
  return running;
}

function install() {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const pid of groupsToKill) killProcessGroup(pid, 'SIGKILL');
  });
  const onSignal = (signal, code) => {
    if (shuttingDown) {
      // Second Ctrl-C: stop waiting.
      for (const pid of groupsToKill) killProcessGroup(pid, 'SIGKILL');
      process.exit(code);
    }
    shuttingDown = true;
    console.error(`\n${signal}: stopping everything this run started ...`);
    const hardStop = setTimeout(() => process.exit(code), 15_000);
    hardStop.unref();
    runCleanups().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => onSignal('SIGINT', 130));
  process.on('SIGTERM', () => onSignal('SIGTERM', 143));
  process.on('SIGHUP', () => onSignal('SIGHUP', 129));
}
