/**
 * `kafka-lab`: the command-line front end to the simulation engine.
 *
 *   kafka-lab run FILE [--until 120s] [--describe-every 10s] [--json] [--compare-protocols | --compare-static]
 *   kafka-lab assign --strategy S INPUT.json
 *   kafka-lab partition --partitions N KEY...
 *
 * Exit codes: 0 success, 2 bad usage or bad input, 1 unexpected failure.
 */
import { runCommand } from './commands/run';
import { assignCommand } from './commands/assign';
import { partitionCommand } from './commands/partition';
import { CliIo, UsageError, nodeIo } from './io';

export const USAGE = `Usage:
  kafka-lab run FILE [--until 120s] [--describe-every 10s] [--json] [--compare-protocols | --compare-static]
      Run a scenario (*.kafkalab.json) headless; print the event log and describe tables,
      or compare classic eager, cooperative and KIP-848 rebalances (--compare-protocols),
      or dynamic and static members (--compare-static).
  kafka-lab assign --strategy range|roundrobin|sticky|cooperative-sticky INPUT.json
      One assignor call; prints {"<member id>": [["topic", partition], ...]} as JSON.
  kafka-lab partition --partitions N KEY...
      The partition Kafka's default partitioner picks for each key (KEY<TAB>PARTITION).
`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => number> = {
  run: runCommand,
  assign: assignCommand,
  partition: partitionCommand,
};

export function main(argv: string[], io: CliIo): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`kafka-lab: unknown command '${name}'.\n${USAGE}`);
    return 2;
  }
  try {
    return command(rest, io);
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
