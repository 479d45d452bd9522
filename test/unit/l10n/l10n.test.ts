/**
 * English and Korean stay in step: the same keys in package.nls.json / package.nls.ko.json and in
 * l10n/bundle.l10n.json / l10n/bundle.l10n.ko.json, the English bundle is what the extractor
 * builds from the sources today (every l10n.t message and every WEBVIEW_STRINGS value), every
 * translation keeps its placeholders, and no Korean value is left empty or in English unless it
 * is a pure code token on the allow-lists below.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WEBVIEW_STRINGS } from '../../../src/protocol/webviewStrings';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface ExtractCore {
  extractBundle(root?: string): { bundle: Record<string, unknown>; errors: string[]; sources: Record<string, string> };
  bundleText(bundle: Record<string, unknown>): string;
  scanFile(file: string, root: string): { messages: Array<{ key: string }>; errors: string[]; dynamic: number };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require(path.join(ROOT, 'scripts', 'l10n', 'extract-core.cjs')) as ExtractCore;

type Messages = Record<string, string>;
const readJson = (rel: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;
/** A bundle entry is a string, or { message, comment } for messages with a translator comment. */
const text = (v: unknown): string => (typeof v === 'string' ? v : (v as { message: string }).message);
const asMessages = (o: Record<string, unknown>): Messages => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, text(v)]));

/** Values that are the same in Korean because they are code, ids, state names or the product name. */
const SAME_IN_KOREAN_BUNDLE = new Set<string>([
  'Kafka Consumer Group Lab',
  'Kafka Lab: {0}',
  'Kafka Lab: {0}: {1}',
  '{0} Kafka Lab',
  '{0}',
  '{0}, {1}',
  '{0} · {1}',
  'P{0}',
  'group.id',
  'client.id',
  'partition.assignment.strategy',
  'kafka-consumer-groups.sh --describe',
  '$ kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group {0}',
  // Group states, as Kafka names them (the glossary: state names are never translated).
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Assigning',
  'Reconciling',
  'Stable',
  'Dead',
  '{group}: {from} → {to}',
  '{group}: partition.assignment.strategy → {assignor}',
]);
const SAME_IN_KOREAN_NLS = new Set<string>(['category', 'viewContainer.title']);

function placeholders(s: string): string[] {
  return (s.match(/\{[^{}]+\}/g) ?? []).sort();
}

function sameKeys(a: Messages, b: Messages, aName: string, bName: string): void {
  const onlyA = Object.keys(a).filter((k) => !(k in b));
  const onlyB = Object.keys(b).filter((k) => !(k in a));
  assert.deepEqual({ [`only in ${aName}`]: onlyA, [`only in ${bName}`]: onlyB }, { [`only in ${aName}`]: [], [`only in ${bName}`]: [] });
}

/** How a Korean value is checked: translated text, a code token kept as is, or a file path (walkthrough pages). */
type Kind = 'text' | 'same' | 'path';

function checkTranslations(en: Messages, ko: Messages, kindOf: (key: string) => Kind, file: string): void {
  const problems: string[] = [];
  for (const [key, english] of Object.entries(en)) {
    const korean = ko[key];
    if (typeof korean !== 'string') continue; // reported by the key tests
    if (korean.trim() === '') problems.push(`${file}: ${JSON.stringify(key)} is empty`);
    if (JSON.stringify(placeholders(korean)) !== JSON.stringify(placeholders(english))) {
      problems.push(`${file}: ${JSON.stringify(key)} has placeholders ${placeholders(korean).join(' ')} instead of ${placeholders(english).join(' ')}`);
    }
    const kind = kindOf(key);
    if (kind !== 'same' && korean === english) problems.push(`${file}: ${JSON.stringify(key)} is not translated`);
    if (kind === 'text' && !/[\uac00-\ud7a3]/.test(korean)) problems.push(`${file}: ${JSON.stringify(key)} has no Korean in ${JSON.stringify(korean)}`);
    if (kind === 'path' && !fs.existsSync(path.join(ROOT, korean))) problems.push(`${file}: ${JSON.stringify(key)} names a missing file ${korean}`);
    if (kind === 'same' && korean !== english) problems.push(`${file}: ${JSON.stringify(key)} is on the allow-list of code tokens but differs from English`);
  }
  assert.deepEqual(problems, []);
}

describe('l10n: English and Korean', () => {
  const nlsEn = asMessages(readJson('package.nls.json'));
  const nlsKo = asMessages(readJson('package.nls.ko.json'));
  const bundleEn = asMessages(readJson('l10n/bundle.l10n.json'));
  const bundleKo = asMessages(readJson('l10n/bundle.l10n.ko.json'));

  it('package.nls.json and package.nls.ko.json have exactly the same keys', () => {
    sameKeys(nlsEn, nlsKo, 'package.nls.json', 'package.nls.ko.json');
  });

  it('l10n/bundle.l10n.json and l10n/bundle.l10n.ko.json have exactly the same keys', () => {
    sameKeys(bundleEn, bundleKo, 'bundle.l10n.json', 'bundle.l10n.ko.json');
  });

  it('every %key% in package.json exists in package.nls.json', () => {
    const used = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === 'string') {
        const m = /^%(.+)%$/.exec(v);
        if (m) used.add(m[1]!);
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(readJson('package.json'));
    assert.ok(used.size > 20, `expected the manifest to use %keys% (found ${used.size})`);
    assert.deepEqual([...used].filter((k) => !(k in nlsEn)), []);
  });

  it('package.json points vscode.l10n at the l10n folder', () => {
    assert.equal(readJson('package.json')['l10n'], './l10n');
  });

  it('l10n/bundle.l10n.json is what `npm run l10n:extract` builds from the sources today', () => {
    const { bundle, errors } = core.extractBundle(ROOT);
    assert.deepEqual(errors, []);
    const committed = readJson('l10n/bundle.l10n.json');
    const missing = Object.keys(bundle).filter((k) => !(k in committed));
    const stale = Object.keys(committed).filter((k) => !(k in bundle));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] }, 'run `npm run l10n:extract` and translate the new keys in l10n/bundle.l10n.ko.json');
    assert.equal(fs.readFileSync(path.join(ROOT, 'l10n/bundle.l10n.json'), 'utf8'), core.bundleText(bundle), 'same keys, different order or format: run `npm run l10n:extract`');
  });

  it('every WEBVIEW_STRINGS value (including the timeline templates) is a bundle key', () => {
    const missing = Object.entries(WEBVIEW_STRINGS as Record<string, string>).filter(([, v]) => !(v in bundleEn)).map(([k]) => k);
    assert.deepEqual(missing, []);
    assert.ok(Object.keys(WEBVIEW_STRINGS).length > 200);
  });

  it('the Korean bundle translates every message, keeping its placeholders', () => {
    checkTranslations(bundleEn, bundleKo, (key) => (SAME_IN_KOREAN_BUNDLE.has(key) ? 'same' : 'text'), 'bundle.l10n.ko.json');
    // The allow-list only names messages that exist.
    assert.deepEqual([...SAME_IN_KOREAN_BUNDLE].filter((k) => !(k in bundleEn)), []);
  });

  it('package.nls.ko.json translates every entry, keeping its placeholders', () => {
    checkTranslations(nlsEn, nlsKo, (key) => (SAME_IN_KOREAN_NLS.has(key) ? 'same' : /\.markdown$/.test(key) ? 'path' : 'text'), 'package.nls.ko.json');
  });

  describe('the extractor', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-extract-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const scan = (source: string) => {
      const file = path.join(dir, 'sample.ts');
      fs.writeFileSync(file, source);
      return core.scanFile(file, dir);
    };

    it('reads literal messages, from vscode.l10n.t and from an injected l10n.t', () => {
      const r = scan("vscode.l10n.t('Hello {0}', name);\nthis.l10n.t(\"Bye\");\nvscode.l10n.t(`Plain`);\nvscode.l10n.t({ message: 'Hi', comment: ['greeting'] });\n");
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.messages.map((m) => m.key), ['Hello {0}', 'Bye', 'Plain', 'Hi/greeting']);
    });

    it('reports templates, concatenations, variables and aliases instead of skipping them', () => {
      const r = scan("vscode.l10n.t(`Hi ${name}`);\nvscode.l10n.t('a' + b);\nvscode.l10n.t(message);\nconst t = vscode.l10n.t;\n");
      assert.equal(r.errors.length, 4, r.errors.join('\n'));
      assert.match(r.errors[0]!, /sample\.ts:1: .*string literal/);
      assert.match(r.errors[3]!, /sample\.ts:4: .*without being called/);
    });

    it('accepts the one marked call that localises WEBVIEW_STRINGS', () => {
      const r = scan('vscode.l10n.t(/* l10n-extract: WEBVIEW_STRINGS */ v);\n');
      assert.deepEqual(r.errors, []);
      assert.equal(r.dynamic, 1);
    });
  });
});
