import * as fs from 'node:fs';
import { CliIo, UsageError } from '../../../src/cli/io';

/**
 * A CliIo for running commands in-process: it collects stdout and stderr, and reads `files` by
 * name (with `fromDisk`, other paths from the real file system).
 */
export function fakeIo(files: Record<string, string> = {}, fromDisk = false): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    readFile(p: string): string {
      if (p in files) return files[p]!;
      if (fromDisk) return fs.readFileSync(p, 'utf8');
      throw new UsageError(`cannot read '${p}': ENOENT`);
    },
  };
  return io;
}
