import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (works from test/… and from the compiled out/test/…). */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'out') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
})();

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test/fixtures/scenarios', name), 'utf8');
}

export function readSchema(): object {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/kafkalab.schema.json'), 'utf8'));
}

/** A deep copy of a JSON value, changed by `edit`. */
export function edited<T>(value: T, edit: (draft: any) => void): any {
  const copy = JSON.parse(JSON.stringify(value));
  edit(copy);
  return copy;
}
