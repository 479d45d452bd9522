/**
 * `kafka-lab partition --partitions N KEY...`: the partition Kafka's default partitioner
 * (murmur2 over the UTF-8 key bytes) picks for each key, printed as `KEY<TAB>PARTITION`.
 * Keys that start with `--` can be given after a `--` separator.
 */
import { partitionForKey } from '../../sim';
import { CliIo, UsageError, parseOptions } from '../io';

export const MAX_CLI_PARTITIONS = 1_000_000;

export function partitionCommand(args: string[], io: CliIo): number {
  const sep = args.indexOf('--');
  const optionArgs = sep < 0 ? args : args.slice(0, sep);
  const { options, positional } = parseOptions(optionArgs, { partitions: 'value' });
  const keys = sep < 0 ? positional : [...positional, ...args.slice(sep + 1)];

  const raw = options.get('partitions');
  if (raw === undefined) throw new UsageError(`missing option '--partitions N' (N from 1 to ${MAX_CLI_PARTITIONS})`);
  const n = parsePartitionCount(String(raw));
  if (keys.length === 0) throw new UsageError('no keys given: usage: kafka-lab partition --partitions N KEY...');

  let text = '';
  for (const key of keys) text += `${key}\t${partitionForKey(key, n)}\n`;
  io.out(text);
  return 0;
}

function parsePartitionCount(raw: string): number {
  const bad = (why: string): UsageError => new UsageError(`option '--partitions' has bad value '${raw}': ${why}`);
  if (!/^[+]?\d+$/.test(raw.trim())) throw bad(`expected an integer from 1 to ${MAX_CLI_PARTITIONS}`);
  const n = Number(raw.trim());
  if (n < 1) throw bad('a topic has at least 1 partition');
  if (n > MAX_CLI_PARTITIONS) throw bad(`at most ${MAX_CLI_PARTITIONS} partitions`);
  return n;
}
