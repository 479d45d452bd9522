import { CliIo, UsageError } from '../io';

// Placeholder until this command lands; replaced by its implementation.
export function partitionCommand(_args: string[], _io: CliIo): number {
  throw new UsageError('partition: not available yet');
}
