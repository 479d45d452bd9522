import { CliIo, UsageError } from '../io';

// Placeholder until this command lands; replaced by its implementation.
export function assignCommand(_args: string[], _io: CliIo): number {
  throw new UsageError('assign: not available yet');
}
