import { CliIo, UsageError } from '../io';

// Placeholder until this command lands; replaced by its implementation.
export function runCommand(_args: string[], _io: CliIo): number {
  throw new UsageError('run: not available yet');
}
