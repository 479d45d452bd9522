import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

/** The webview's stylesheets: main.css imports one file per component from styles/. */
const webviewDir = join(__dirname, '..', '..', '..', '..', 'src', 'webview');
const stylesDir = join(webviewDir, 'styles');
const read = (file: string): string => readFileSync(file, 'utf8');
const withoutComments = (css: string): string => css.replace(/\/\*[\s\S]*?\*\//g, '');
const componentFiles = (): string[] => readdirSync(stylesDir).filter((f) => f.endsWith('.css')).sort();

/** The custom properties the webview's code sets on elements (setVar(el, '--x', …)). */
function propertiesSetByCode(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) for (const m of read(path).matchAll(/setVar\([^,]+,\s*'(--[a-z0-9-]+)'/g)) names.add(m[1]!);
    }
  };
  walk(webviewDir);
  return names;
}

describe('webview: stylesheets, one per component, bundled into one', () => {
  it('main.css only imports the component files, each exactly once', () => {
    const statements = withoutComments(read(join(webviewDir, 'main.css')))
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const imported = statements.map((s) => {
      const m = /^@import '\.\/styles\/([A-Za-z]+\.css)'$/.exec(s);
      assert.ok(m, `main.css holds only @import statements of styles/*.css, not: ${s}`);
      return m[1]!;
    });
    assert.deepEqual([...imported].sort(), componentFiles());
    assert.equal(new Set(imported).size, imported.length);
    assert.equal(imported[0], 'base.css', 'the theme variables come first');
    assert.equal(imported.at(-1), 'motion.css', 'reduced motion switches off what every file before it animates');
  });

  it('the build inlines every component into the one stylesheet the webview loads', () => {
    const out = esbuild.buildSync({ entryPoints: [join(webviewDir, 'main.css')], bundle: true, write: false, logLevel: 'silent', loader: { '.css': 'css' }, outfile: 'main.css' });
    assert.equal(out.outputFiles.length, 1);
    const bundled = withoutComments(out.outputFiles[0]!.text);
    assert.doesNotMatch(bundled, /@import/);
    for (const file of componentFiles()) {
      const firstSelector = /^([^{/][^{]*)\{/m.exec(withoutComments(read(join(stylesDir, file))))![1]!.trim();
      assert.ok(bundled.includes(firstSelector), `${file}'s rules (${firstSelector}) are in the bundle`);
    }
  });

  it('colours and fonts come from the theme: var() names a --vscode-* variable or one the views define', () => {
    const css = componentFiles().map((f) => withoutComments(read(join(stylesDir, f)))).join('\n');
    const defined = new Set([...css.matchAll(/(--[a-z0-9-]+)\s*:/g)].map((m) => m[1]!));
    for (const name of propertiesSetByCode()) defined.add(name);
    const unknown = [...css.matchAll(/var\((--[a-zA-Z0-9-]+)/g)].map((m) => m[1]!).filter((name) => !name.startsWith('--vscode-') && !defined.has(name));
    assert.deepEqual([...new Set(unknown)], []);
    assert.doesNotMatch(css, /#[0-9a-fA-F]{3,8}\b/, 'no hex colours');
    // A literal colour only as the last fallback of a theme variable.
    for (const line of css.split('\n').filter((l) => /\b(rgba?|hsla?)\(/.test(l))) assert.match(line, /var\(--vscode-[^,]+,.*\b(rgba?|hsla?)\(/, line);
  });
});
