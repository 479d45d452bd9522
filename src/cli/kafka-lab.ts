/**
 * `kafka-lab`: the command-line front end to the simulation engine.
 *
 *   kafka-lab run FILE [--until 120s] [--describe-every 10s] [--time-lag] [--json] [--compare-protocols | --compare-static]
 *   kafka-lab assign --strategy S INPUT.json
 *   kafka-lab partition --partitions N KEY...
 *
 * Exit codes: 0 success, 2 bad usage or bad input, 1 unexpected failure.
 */
import { runCommand } from './commands/run';
import { assignCommand } from './commands/assign';
import { partitionCommand } from './commands/partition';
import { CliIo, UsageError, nodeIo } from './io';
import { escapeForTerminal } from '../sim';

/** One subcommand: its usage text (what `kafka-lab CMD --help` prints) and what it does. */
interface Command {
  readonly usage: string;
  run(args: string[], io: CliIo): number;
}

/** Looked up in a Map, so only these names are commands (never `constructor` or `__proto__`). */
const COMMANDS = new Map<string, Command>([
  [
    'run',
    {
      usage: `  kafka-lab run FILE [--until 120s] [--describe-every 10s] [--time-lag] [--json] [--compare-protocols | --compare-static]
      Run a scenario (*.kafkalab.json) headless; print the event log and describe tables
      (--time-lag adds the lab's TIME-LAG-MS and RECORDS-LAG columns after CLIENT-ID),
      or compare classic eager, cooperative and KIP-848 rebalances (--compare-protocols),
      or dynamic and static members (--compare-static).
`,
      run: runCommand,
    },
  ],
  [
    'assign',
    {
      usage: `  kafka-lab assign --strategy range|roundrobin|sticky|cooperative-sticky INPUT.json
      One assignor call; prints {"<member id>": [["topic", partition], ...]} as JSON.
`,
      run: assignCommand,
    },
  ],
  [
    'partition',
    {
      usage: `  kafka-lab partition --partitions N KEY...
      The partition Kafka's default partitioner picks for each key (KEY<TAB>PARTITION).
      Keys that start with "-" go after a "--" separator.
`,
      run: partitionCommand,
    },
  ],
]);

export const USAGE = `Usage:
${[...COMMANDS.values()].map((c) => c.usage).join('')}  kafka-lab COMMAND --help
      The usage of one command.
`;

const isHelp = (arg: string): boolean => arg === '--help' || arg === '-h';

/** Everything the CLI prints goes through escapeForTerminal: no input can drive the terminal. */
function terminalSafe(io: CliIo): CliIo {
  return { out: (t) => io.out(escapeForTerminal(t)), err: (t) => io.err(escapeForTerminal(t)), readFile: (p) => io.readFile(p) };
}

export function main(argv: string[], rawIo: CliIo): number {
  const io = terminalSafe(rawIo);
  const [name, ...rest] = argv;
  if (name === undefined || isHelp(name) || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic !== undefined ? COMMANDS.get(topic) : undefined;
    if (topic !== undefined && !command) {
      io.err(`kafka-lab: unknown command '${topic}'.\n${USAGE}`);
      return 2;
    }
    (name === undefined ? io.err : io.out)(command ? `Usage:\n${command.usage}` : USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.get(name);
  if (!command) {
    io.err(`kafka-lab: unknown command '${name}'.\n${USAGE}`);
    return 2;
  }
  // `--help` anywhere before a `--` separator asks for this command's usage.
  const separator = rest.indexOf('--');
  if ((separator < 0 ? rest : rest.slice(0, separator)).some(isHelp)) {
    io.out(`Usage:\n${command.usage}`);
    return 0;
  }
  try {
    return command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kafka-lab ${name}: ${e.message}\n`);
      return 2;
    }
    io.err(`kafka-lab ${name}: unexpected error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  // `kafka-lab run ... | head`: a closed pipe ends the output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.exitCode = main(process.argv.slice(2), nodeIo);
}
