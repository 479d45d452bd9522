// The extraction behind `npm run l10n:extract` (scripts/l10n/extract.mjs) and the l10n unit test
// (test/unit/l10n/l10n.test.ts). CommonJS so that both the ES-module script and the compiled
// CommonJS test can load it.
//
// The English source bundle (l10n/bundle.l10n.json) is built from:
//  (a) the message of every `….l10n.t(…)` call in src/extension/**/*.ts (`vscode.l10n.t` and the
//      injected `this.l10n.t` of commands/arguments.ts), found with the TypeScript parser: a call
//      whose message is not a plain string literal is an error, not silently skipped, unless its
//      argument carries the comment `/* l10n-extract: WEBVIEW_STRINGS */` (the one call that
//      localises the webview's record);
//  (b) every value of WEBVIEW_STRINGS (src/protocol/webviewStrings.ts, loaded from out/, so run
//      `npm run compile-tests` first).
// Order: extension files by path, calls in source order, then WEBVIEW_STRINGS in declaration
// order; a message already present is not repeated.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');
const MARKER = 'l10n-extract: WEBVIEW_STRINGS';
/** Marks the l10n.t calls that translate the built-in scenarios' names and descriptions. */
const SCENARIO_MARKER = 'l10n-extract: BUILTIN_SCENARIOS';

function listTs(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listTs(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** `x.l10n.t` or `l10n.t` (the callee of a localised message). */
function isL10nT(node) {
  if (!ts.isPropertyAccessExpression(node) || node.name.text !== 't') return false;
  const obj = node.expression;
  return (ts.isIdentifier(obj) && obj.text === 'l10n') || (ts.isPropertyAccessExpression(obj) && obj.name.text === 'l10n');
}

function staticString(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return staticString(node.expression);
  return undefined;
}

function hasMarker(sf, node, marker = MARKER) {
  return sf.text.slice(node.pos, node.getStart(sf)).includes(marker);
}

/** The messages of one file: [{ key, message, comment?, where }], and errors. */
function scanFile(file, root) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const rel = path.relative(root, file).split(path.sep).join('/');
  const messages = [];
  const errors = [];
  let dynamic = 0;
  const where = (node) => `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const visit = (node) => {
    if (isL10nT(node)) {
      const parent = node.parent;
      if (!(ts.isCallExpression(parent) && parent.expression === node)) {
        errors.push(`${where(node)}: l10n.t is used without being called (aliases hide messages from the extractor)`);
      } else {
        const arg = parent.arguments[0];
        const literal = arg && staticString(arg);
        if (literal !== undefined) {
          messages.push({ key: literal, message: literal, where: where(arg) });
        } else if (arg && ts.isObjectLiteralExpression(arg)) {
          const prop = (name) => arg.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(sf) === name);
          const m = prop('message');
          const c = prop('comment');
          const message = m && staticString(m.initializer);
          let comment;
          if (c) {
            const init = c.initializer;
            const parts = ts.isArrayLiteralExpression(init) ? init.elements.map(staticString) : [staticString(init)];
            comment = parts.every((p) => p !== undefined) ? parts : undefined;
          }
          if (message === undefined || (c && comment === undefined)) {
            errors.push(`${where(arg)}: l10n.t({ message, comment }) needs string literals`);
          } else {
            const key = comment && comment.length ? `${message}/${comment.join('')}` : message;
            messages.push({ key, message, ...(comment && comment.length ? { comment } : {}), where: where(arg) });
          }
        } else if (arg && hasMarker(sf, arg)) {
          dynamic++;
        } else if (arg && hasMarker(sf, arg, SCENARIO_MARKER)) {
          // The built-in scenarios' texts, added below from their files.
        } else {
          errors.push(`${where(arg ?? parent)}: l10n.t's message must be a string literal, not \`${(arg ?? parent).getText(sf)}\` (a template or a concatenation cannot be translated)`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { messages, errors, dynamic };
}

/** Loads WEBVIEW_STRINGS from the compiled out/ tree. */
function loadWebviewStrings(root) {
  const compiled = path.join(root, 'out', 'src', 'protocol', 'webviewStrings.js');
  if (!fs.existsSync(compiled)) throw new Error(`${path.relative(root, compiled)} is missing: run \`npm run compile-tests\` first`);
  delete require.cache[require.resolve(compiled)];
  return require(compiled).WEBVIEW_STRINGS;
}

/**
 * Builds the English bundle. Returns { bundle, errors, sources } where sources maps each key to
 * where it was found (for messages).
 */
function extractBundle(root = ROOT) {
  const files = listTs(path.join(root, 'src', 'extension')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const bundle = {};
  const sources = {};
  const errors = [];
  let dynamic = 0;
  for (const file of files) {
    const r = scanFile(file, root);
    errors.push(...r.errors);
    dynamic += r.dynamic;
    for (const m of r.messages) {
      if (!(m.key in bundle)) {
        bundle[m.key] = m.comment ? { message: m.message, comment: m.comment } : m.message;
        sources[m.key] = m.where;
      }
    }
  }
  if (dynamic !== 1) errors.push(`expected exactly one l10n.t call marked /* ${MARKER} */ in src/extension (found ${dynamic})`);
  const strings = loadWebviewStrings(root);
  for (const [name, value] of Object.entries(strings)) {
    if (typeof value !== 'string') {
      errors.push(`WEBVIEW_STRINGS.${name} is not a string`);
      continue;
    }
    if (!(value in bundle)) {
      bundle[value] = value;
      sources[value] = `WEBVIEW_STRINGS.${name}`;
    }
  }
  // (c) The built-in scenarios' names and descriptions (shown in the quick pick and the views).
  const builtinDir = path.join(root, 'src', 'sim', 'scenarios', 'builtin');
  const scenarioFiles = fs.existsSync(builtinDir) ? fs.readdirSync(builtinDir).filter((n) => n.endsWith('.kafkalab.json')).sort() : [];
  for (const name of scenarioFiles) {
    const json = JSON.parse(fs.readFileSync(path.join(builtinDir, name), 'utf8'));
    for (const field of ['name', 'description']) {
      const value = json[field];
      if (typeof value === 'string' && !(value in bundle)) {
        bundle[value] = value;
        sources[value] = `${name} ${field}`;
      }
    }
  }
  return { bundle, errors, sources };
}

/** The file text of a bundle (2-space JSON, trailing newline). */
function bundleText(bundle) {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

module.exports = { extractBundle, bundleText, scanFile, MARKER, SCENARIO_MARKER, ROOT };
