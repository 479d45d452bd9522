/**
 * The project's benchmark runner.
 *
 *   npm run bench                       readable table
 *   npm run bench -- --json             one JSON object: { "<case>": { ms, peakMB, ...counts } }
 *   npm run bench -- --filter coop      only cases whose name contains "coop"
 *   npm run bench -- --runs 9           timed runs per case (default 7, at least 5)
 *
 * To add cases: write `bench/cases/<area>.ts` exporting `cases: BenchCase[]` and list it in
 * CASE_MODULES below. See harness.ts for what is timed and what peakMB means.
 */
import { BenchCase, BenchResult, formatTable, runCase, toJson } from './harness';
import { cases as assignorCases } from './cases/assignors';
import { cases as simulationCases } from './cases/simulation';
import { cases as viewCases } from './cases/views';
import { cases as limitCases } from './cases/limits';

const CASE_MODULES: readonly (readonly BenchCase[])[] = [simulationCases, assignorCases, viewCases, limitCases];

interface Args {
  json: boolean;
  filter: string | undefined;
  runs: number | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { json: false, filter: undefined, runs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const [, inline] = a.split('=', 2);
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`option ${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--filter' || a.startsWith('--filter=')) args.filter = value();
    else if (a === '--runs' || a.startsWith('--runs=')) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 5) throw new Error('--runs needs an integer ≥ 5');
      args.runs = n;
    } else throw new Error(`unknown argument '${a}' (expected --json, --filter S, --runs N)`);
  }
  return args;
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  const all = CASE_MODULES.flat();
  const selected = args.filter === undefined ? all : all.filter((c) => c.name.includes(args.filter!));
  if (selected.length === 0) {
    process.stderr.write(`bench: no case matches '${args.filter}'. Cases: ${all.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  if (!(globalThis as { gc?: unknown }).gc && !args.json) {
    process.stderr.write('bench: run with node --expose-gc for peakMB (npm run bench does)\n');
  }
  const results: BenchResult[] = [];
  for (const c of selected) {
    if (!args.json) process.stderr.write(`running ${c.name}…\n`);
    results.push(runCase(c, args.runs !== undefined ? { runs: args.runs } : {}));
  }
  if (args.json) process.stdout.write(JSON.stringify(toJson(results)) + '\n');
  else process.stdout.write(`\nnode ${process.version}, ${new Date().toISOString()}\n\n` + formatTable(results));
  return 0;
}

process.exitCode = main();
