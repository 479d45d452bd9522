/**
 * The architecture rules in eslint.config.mjs can fail: ESLint, with the project's own config,
 * refuses a deep import into src/sim from the extension, the webview, the protocol or the CLI, and
 * a `vscode` or Node import inside the engine; it accepts the same code through src/sim/index.ts.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../../..');

async function problems(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('lint: the engine has one way in', () => {
  for (const file of ['src/extension/x.ts', 'src/webview/render/x.ts', 'src/protocol/x.ts', 'src/cli/commands/x.ts']) {
    it(`${file}: a deep import into src/sim is an error, the index is fine`, async () => {
      const up = '../'.repeat(file.split('/').length - 2);
      const deep = await problems(file, `import { snapshot } from '${up}sim/snapshot';\nexport const s = snapshot;\n`);
      assert.equal(deep.length, 1, deep.join('\n'));
      assert.match(deep[0]!, /^no-restricted-imports: .*src\/sim\/index\.ts/);
      assert.deepEqual(await problems(file, `import { snapshot } from '${up}sim';\nexport const s = snapshot;\n`), []);
    });
  }

  it('src/sim: no vscode, no Node built-ins', async () => {
    for (const spec of ['vscode', 'node:fs', 'fs', 'path']) {
      const found = await problems('src/sim/x.ts', `import * as m from '${spec}';\nexport const x = m;\n`);
      assert.equal(found.length, 1, `${spec}: ${found.join('\n')}`);
      assert.match(found[0]!, /^no-restricted-imports: /);
    }
    assert.deepEqual(await problems('src/sim/x.ts', `import { EVENT_TEMPLATES } from './eventText';\nexport const x = EVENT_TEMPLATES;\n`), [], 'a module named like a built-in ("events") inside src/sim is fine');
  });
});
