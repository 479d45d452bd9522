// Wires the guided walkthrough from media/walkthrough/steps.json into the manifest:
// package.json `contributes.walkthroughs` (plus the kafkaLab.walkthrough.openStep command, hidden
// from the palette) and the `walkthrough.*` keys of package.nls.json (English) and
// package.nls.ko.json (Korean). Only those entries change; every file is re-read right before it is
// written, so edits others make to the other keys are kept.
//
//   node scripts/walkthrough/wire-walkthrough.mjs            (writes the three files)
//   node scripts/walkthrough/wire-walkthrough.mjs --check    (exit 1 when a file is out of date)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const steps = JSON.parse(fs.readFileSync(path.join(root, 'media/walkthrough/steps.json'), 'utf8'));
const OPEN_STEP = 'kafkaLab.walkthrough.openStep';

/** The `walkthrough.*` nls keys for `lang` ('en' | 'ko'). */
export function nlsKeys(lang) {
  const w = steps.walkthrough;
  const keys = {
    'walkthrough.title': w.title[lang],
    'walkthrough.description': w.description[lang],
    'walkthrough.command.openStep': lang === 'ko' ? '연습 단계 열기' : 'Open Walkthrough Step',
  };
  for (const s of steps.steps) {
    keys[`walkthrough.${s.id}.title`] = s.title[lang];
    keys[`walkthrough.${s.id}.description`] = s.description[lang];
    keys[`walkthrough.${s.id}.markdown`] = lang === 'ko' ? s.media.markdownKo : s.media.markdown;
  }
  return keys;
}

/** package.json with the walkthrough, the openStep command and its palette entry in place. */
export function wirePackageJson(pkg) {
  const c = pkg.contributes;
  const command = { command: OPEN_STEP, title: '%walkthrough.command.openStep%', category: '%category%' };
  const i = c.commands.findIndex((x) => x.command === OPEN_STEP);
  if (i >= 0) c.commands[i] = command;
  else c.commands.push(command);
  const palette = c.menus.commandPalette;
  const j = palette.findIndex((x) => x.command === OPEN_STEP);
  // It takes an argument (the step): the walkthrough's buttons run it, the palette does not list it.
  const entry = { command: OPEN_STEP, when: 'false' };
  if (j >= 0) palette[j] = entry;
  else palette.push(entry);
  c.walkthroughs = [
    {
      id: steps.walkthrough.id,
      title: '%walkthrough.title%',
      description: '%walkthrough.description%',
      steps: steps.steps.map((s) => ({
        id: s.id,
        title: `%walkthrough.${s.id}.title%`,
        description: `%walkthrough.${s.id}.description%`,
        media: { markdown: `%walkthrough.${s.id}.markdown%` },
        completionEvents: s.completion.completionEvents,
      })),
    },
  ];
  return pkg;
}

/** `nls` with the walkthrough keys set (others untouched, order kept, new keys appended). */
export function wireNls(nls, lang) {
  const keys = nlsKeys(lang);
  for (const k of Object.keys(nls)) if (k.startsWith('walkthrough.') && !(k in keys)) delete nls[k];
  return Object.assign(nls, keys);
}

const files = [
  ['package.json', (o) => wirePackageJson(o)],
  ['package.nls.json', (o) => wireNls(o, 'en')],
  ['package.nls.ko.json', (o) => wireNls(o, 'ko')],
];

export function wireText(file, text) {
  const fn = files.find(([f]) => f === file)[1];
  return JSON.stringify(fn(text === undefined ? {} : JSON.parse(text)), null, 2) + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '')) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file] of files) {
    const p = path.join(root, file);
    const before = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined; // re-read right before writing
    const after = wireText(file, before);
    if (after === before) continue;
    stale++;
    if (check) console.error(`${file} is out of date: run node scripts/walkthrough/wire-walkthrough.mjs`);
    else {
      fs.writeFileSync(p, after);
      console.log(`${file}: walkthrough entries written`);
    }
  }
  if (check && stale) process.exit(1);
}

function pathToFileURL(p) {
  return p ? `file://${path.resolve(p)}` : '';
}
