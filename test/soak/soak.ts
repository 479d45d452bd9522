/**
 * `npm run test:soak`: the long run of the engine's invariants (not part of `npm test`). Random
 * worlds (test/unit/engine/world.ts: three topics, an eager group, a cooperative group of static
 * members, a KIP-848 group with manual commit, a share group) take at least a million random
 * actions in all, every invariant checked after each one; each world is then replayed and must
 * give the same event log. Seeded: the same --seed gives the same run.
 *
 *   npm run test:soak                                 at least 1,000,000 actions, seed 1
 *   npm run test:soak -- --actions 200000 --seed 7    fewer, another seed
 *
 * Prints the counts; exits 1 (with the world's seed and step) on the first violation.
 */
import { createHash } from 'node:crypto';
import { Random } from '../../src/sim/random';
import { formatEventJson } from '../../src/sim/events';
import { randomStep, runWorld, WorldStep } from '../unit/engine/world';

const STEPS_PER_WORLD = 5_000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 1) {
    process.stderr.write(`test:soak: --${name} needs a positive whole number, got '${process.argv[i + 1] ?? ''}'\n`);
    process.exit(2);
  }
  return v;
}

const total = option('actions', 1_000_000);
const seed = option('seed', 1);
const rng = new Random(seed);
const started = Date.now();
let steps = 0;
let actions = 0;
let applied = 0;
let refused = 0;
let checks = 0;
let virtualMs = 0;
let events = 0;
let worlds = 0;
/** Runs a world, hashing its event log as it goes (nothing is kept). */
function run(worldSeed: number, plan: readonly WorldStep[]): { result: ReturnType<typeof runWorld>; digest: string; count: number } {
  const hash = createHash('sha256');
  let count = 0;
  const result = runWorld(worldSeed, plan, 0, (e) => {
    hash.update(formatEventJson(e));
    hash.update('\n');
    count++;
  });
  return { result, digest: hash.digest('hex'), count };
}

while (actions < total) {
  const worldSeed = rng.nextUint32();
  const plan: WorldStep[] = Array.from({ length: STEPS_PER_WORLD }, () => randomStep((n) => rng.nextInt(Math.max(1, n)) / Math.max(1, n)));
  const { result: first, digest, count } = run(worldSeed, plan);
  if (first.violations.length > 0) {
    process.stderr.write(`test:soak: world ${worlds} (seed ${worldSeed}) broke an invariant:\n  ${first.violations.slice(0, 10).join('\n  ')}\n`);
    process.exit(1);
  }
  // Determinism: the replay's event log hashes the same.
  if (run(worldSeed, plan).digest !== digest) {
    process.stderr.write(`test:soak: world ${worlds} (seed ${worldSeed}) did not replay to the same event log\n`);
    process.exit(1);
  }
  worlds++;
  steps += plan.length;
  actions += plan.filter((s) => s.action).length;
  applied += first.applied;
  refused += first.refused;
  checks += first.checks;
  virtualMs += first.sim.now;
  events += count;
  if (worlds % 20 === 0) process.stdout.write(`  ${actions.toLocaleString('en')} actions, ${worlds} worlds, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}
const days = (virtualMs / 86_400_000).toFixed(1);
process.stdout.write(
  [
    `test:soak: seed ${seed}: ${worlds} worlds, ${steps.toLocaleString('en')} steps, ${actions.toLocaleString('en')} random actions`,
    `  (${applied.toLocaleString('en')} applied, ${refused.toLocaleString('en')} refused by the engine as they should be),`,
    `  ${checks.toLocaleString('en')} invariant checks, ${events.toLocaleString('en')} events, ${days} virtual days, every world replayed identically;`,
    `  0 violations, in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
  ].join('\n'),
);
