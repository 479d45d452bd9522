// Builds l10n/bundle.l10n.json, the English source bundle of vscode.l10n, from the l10n.t calls
// in src/extension/** and the values of WEBVIEW_STRINGS (see extract-core.cjs).
//
//   npm run l10n:extract                      compile, then write l10n/bundle.l10n.json
//   node scripts/l10n/extract.mjs --check     exit 1 if the committed bundle is out of date
//
// Exit codes: 0 done (or up to date), 1 a message the extractor cannot read, or --check failed.
// The Korean bundle (l10n/bundle.l10n.ko.json) is written by hand; the unit test
// test/unit/l10n/l10n.test.ts checks that it has exactly the same keys.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { extractBundle, bundleText, ROOT } = require('./extract-core.cjs');

const target = join(ROOT, 'l10n', 'bundle.l10n.json');
const { bundle, errors } = extractBundle(ROOT);
if (errors.length > 0) {
  for (const e of errors) console.error(`l10n:extract: ${e}`);
  process.exit(1);
}
const text = bundleText(bundle);
const count = Object.keys(bundle).length;
if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error('l10n:extract: l10n/bundle.l10n.json is out of date: run `npm run l10n:extract`');
    process.exit(1);
  }
  console.log(`l10n:extract: l10n/bundle.l10n.json is up to date (${count} messages)`);
} else {
  writeFileSync(target, text);
  console.log(`l10n:extract: wrote l10n/bundle.l10n.json (${count} messages)`);
}
