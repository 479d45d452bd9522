/** What the CLI commands may touch, so tests can run them in-process. */
import * as fs from 'node:fs';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
}

/** Bad arguments or bad input: reported on stderr with exit code 2. */
export class UsageError extends Error {}

export const nodeIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  readFile: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read '${p}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  },
};

/** Parses `--name value` / `--flag` options; returns the positional arguments too. */
export function parseOptions(
  args: readonly string[],
  spec: Readonly<Record<string, 'value' | 'flag'>>,
): { options: Map<string, string | true>; positional: string[] } {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const rawName = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      const kind = Object.prototype.hasOwnProperty.call(spec, rawName) ? spec[rawName] : undefined;
      if (!kind) throw new UsageError(`unknown option '--${rawName}'`);
      if (kind === 'flag') {
        if (inline !== undefined) throw new UsageError(`option '--${rawName}' takes no value, got '--${rawName}=${inline}'`);
        options.set(rawName, true);
      } else {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`option '--${rawName}' needs a value`);
        options.set(rawName, value);
      }
    } else {
      positional.push(a);
    }
  }
  return { options, positional };
}
