// Preview the simulator webview in a plain browser, without VS Code.
//
//   node scripts/webview-preview.mjs                 serve on http://127.0.0.1:5178/ until Ctrl-C
//   node scripts/webview-preview.mjs --port 8123
//   node scripts/webview-preview.mjs --screenshots   light/dark/high-contrast × panel/sidebar PNGs
//                                                    into test-results/webview-preview/, then exit
//
// Needs `npm run build` first (dist/webview/). The page loads dist/webview/main.js and main.css
// exactly as the extension's HTML shell will (strict CSP, codicons), with a fake
// acquireVsCodeApi() (test/preview/previewHost.ts, bundled here with esbuild) that drives a real
// SimulationSession in the page. Page options (query string):
//   view=panel|sidebar  theme=light|dark|high-contrast  scenario=05-idle-consumer|big|<builtin prefix>
//   at=<virtual ms to run first>  play=true  speed=<n>  reduceMotion=true
// Screenshots include scenario 11 (a consumer group and a share group on one topic) and the
// "Compare protocols" view (the fake host answers `compare-protocols` like the extension);
// `--only <part of a name>` takes a subset, e.g. `--only share-groups`.
//   locale=ko     the strings the extension would send in Korean (l10n/bundle.l10n.ko.json)
// `--locale ko` makes that the default (screenshots get a `-ko` suffix).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { THEMES } from '../test/preview/themes.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};

const distWebview = join(root, 'dist/webview');
if (!existsSync(join(distWebview, 'main.js')) || !existsSync(join(distWebview, 'main.css'))) {
  console.error('webview-preview: dist/webview/main.js is missing: run `npm run build` first');
  process.exit(2);
}

const hostBundle = await esbuild.build({
  entryPoints: [join(root, 'test/preview/previewHost.ts')],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
const hostJs = hostBundle.outputFiles[0].text;

const builtinDir = join(root, 'src/sim/scenarios/builtin');

/** A big scenario: 1,000 partitions, one group of 200 consumers and one of 12. */
function bigScenario() {
  const consumers = (prefix, n, rate) => Array.from({ length: n }, (_, i) => ({ clientId: `${prefix}${String(i + 1).padStart(3, '0')}`, ratePerSec: rate }));
  return {
    name: 'Scale: 1,000 partitions, 212 consumers',
    seed: 11,
    topics: [{ name: 'events', partitions: 1000 }],
    producers: [{ id: 'producer-1', topic: 'events', ratePerSec: 20000, keys: 0 }],
    groups: [
      { groupId: 'billing', consumers: consumers('billing', 200, 120) },
      { groupId: 'analytics', consumers: consumers('analytics', 12, 900) },
    ],
  };
}

/** The "smooth" target: 12 partitions, 3 groups of 4 consumers. */
function twelveScenario() {
  const group = (id, rate) => ({ groupId: id, consumers: [1, 2, 3, 4].map((i) => ({ clientId: `${id}-c${i}`, ratePerSec: rate })) });
  return {
    name: '12 partitions × 3 groups',
    seed: 5,
    topics: [{ name: 'orders', partitions: 12 }],
    producers: [{ id: 'producer-1', topic: 'orders', ratePerSec: 1200, keys: 60 }],
    groups: [group('billing', 400), group('shipping', 250), group('analytics', 320)],
    timeline: [{ at: '20s', action: 'crash-consumer', consumer: 'shipping-c2' }],
  };
}

function scenarioText(name) {
  if (name === 'big') return JSON.stringify(bigScenario());
  if (name === 'twelve') return JSON.stringify(twelveScenario());
  const file = readdirSync(builtinDir).find((f) => f.startsWith(name) && f.endsWith('.kafkalab.json'));
  if (!file) throw new Error(`no built-in scenario starting with '${name}'`);
  return readFileSync(join(builtinDir, file), 'utf8');
}

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function themeCss(name) {
  const theme = THEMES[name] ?? THEMES.dark;
  const vars = Object.entries(theme.vars).map(([k, v]) => `  ${k}: ${v};`).join('\n');
  // VS Code sets the variables on <html> and adds its default webview styles.
  return `html {\n${vars}\n}\nhtml { background: var(--preview-bg); scrollbar-color: rgba(121,121,121,.4) transparent; }\nbody { background-color: transparent; color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-weight: var(--vscode-font-weight); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }\n`;
}

/** The l10n bundle for a locale (English: none, the webview's own strings). */
function l10nBundle(locale) {
  if (!locale || locale === 'en') return undefined;
  const file = join(root, 'l10n', `bundle.l10n.${locale}.json`);
  if (!existsSync(file)) throw new Error(`no l10n bundle for locale ${locale}`);
  return readFileSync(file, 'utf8');
}
const defaultLocale = option('--locale', 'en');

function page(query) {
  const locale = query.get('locale') ?? defaultLocale;
  const bundle = l10nBundle(locale);
  const view = query.get('view') === 'sidebar' ? 'sidebar' : 'panel';
  const themeName = THEMES[query.get('theme')] ? query.get('theme') : 'dark';
  const theme = THEMES[themeName];
  const scenario = scenarioText(query.get('scenario') ?? '05-idle-consumer').replace(/</g, '\\u003c');
  const at = Number(query.get('at') ?? '0') || 0;
  const bodyClasses = [theme.bodyClass, query.get('reduceMotion') === 'true' ? 'vscode-reduce-motion' : ''].filter(Boolean).join(' ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self' data:; script-src 'self';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kafka Lab webview preview (${escapeHtml(view)}, ${escapeHtml(themeName)})</title>
<link rel="stylesheet" href="/theme/${escapeHtml(themeName)}.css">
<link rel="stylesheet" href="/preview-bg-${view}.css">
<link rel="stylesheet" href="/dist/webview/codicons/codicon.css">
<link rel="stylesheet" href="/dist/webview/main.css">
</head>
<body class="${escapeHtml(bodyClasses)}" data-vscode-theme-kind="${escapeHtml(theme.kind)}" data-at="${at}" data-play="${query.get('play') === 'true'}" data-speed="${Number(query.get('speed') ?? '1') || 1}">
<script type="application/json" id="preview-scenario">${scenario}</script>
${bundle ? `<script type="application/json" id="preview-l10n">${bundle.replace(/</g, '\\u003c')}</script>\n` : ''}<div id="app" data-view="${view}"></div>
<script src="/preview-host.js"></script>
<script src="/dist/webview/main.js"></script>
</body>
</html>
`;
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json', '.html': 'text/html' };

function handler(req, res) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  try {
    if (url.pathname === '/' || url.pathname === '/index.html') return send(200, 'text/html; charset=utf-8', page(url.searchParams));
    if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
    if (url.pathname === '/preview-host.js') return send(200, 'text/javascript', hostJs);
    const theme = /^\/theme\/([a-z-]+)\.css$/.exec(url.pathname);
    if (theme) return send(200, 'text/css', themeCss(theme[1]));
    const bg = /^\/preview-bg-(panel|sidebar)\.css$/.exec(url.pathname);
    if (bg) return send(200, 'text/css', `html { --preview-bg: var(${bg[1] === 'sidebar' ? '--vscode-sideBar-background' : '--vscode-editor-background'}); }\n`);
    if (url.pathname.startsWith('/dist/webview/')) {
      const file = normalize(join(root, url.pathname));
      if (!file.startsWith(distWebview) || !existsSync(file)) return send(404, 'text/plain', 'not found');
      return send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
    }
    return send(404, 'text/plain', 'not found');
  } catch (err) {
    return send(500, 'text/plain', String(err?.stack ?? err));
  }
}

const server = createServer(handler);
const port = flag('--screenshots') ? 0 : Number(option('--port', '5178'));
await new Promise((r) => server.listen(port, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

if (!flag('--screenshots')) {
  console.log(`Kafka Lab webview preview: ${base}/?view=panel&theme=dark&scenario=05-idle-consumer&at=25000`);
  console.log(`  sidebar: ${base}/?view=sidebar&theme=light&scenario=07-session-timeout&at=20000&play=true`);
  console.log('  Ctrl-C to stop.');
} else {
  const { chromium } = await import('playwright-core');
  const out = resolve(root, option('--out', 'test-results/webview-preview'));
  mkdirSync(out, { recursive: true });
  const userDataDir = join(tmpdir(), `kafka-lab-preview-${process.pid}`);
  rmSync(userDataDir, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  const shots = [];
  const sizes = { panel: { width: 1280, height: 800 }, sidebar: { width: 320, height: 800 } };
  for (const theme of Object.keys(THEMES)) {
    for (const view of ['panel', 'sidebar']) shots.push({ name: `${view}-${theme}`, view, theme, scenario: '05-idle-consumer', at: 25000 });
  }
  shots.push({ name: 'panel-dark-session-timeout', view: 'panel', theme: 'dark', scenario: '07-session-timeout', at: 30000 });
  shots.push({ name: 'panel-light-many-groups', view: 'panel', theme: 'light', scenario: '08-many-groups', at: 45000, full: true });
  shots.push({ name: 'sidebar-dark-session-timeout', view: 'sidebar', theme: 'dark', scenario: '07-session-timeout', at: 30000, full: true });
  shots.push({ name: 'panel-dark-big', view: 'panel', theme: 'dark', scenario: 'big', at: 20000 });
  shots.push({ name: 'panel-high-contrast-full', view: 'panel', theme: 'high-contrast', scenario: '05-idle-consumer', at: 25000, full: true });
  shots.push({ name: 'panel-dark-twelve', view: 'panel', theme: 'dark', scenario: 'twelve', at: 30000, full: true });
  // Share groups next to a consumer group (scenario 11), and "Compare protocols" (scenarios 09, 10).
  for (const theme of Object.keys(THEMES)) {
    shots.push({ name: `panel-${theme}-share-groups`, view: 'panel', theme, scenario: '11', at: 30000, full: true });
    shots.push({ name: `sidebar-${theme}-share-groups`, view: 'sidebar', theme, scenario: '11', at: 30000, element: '[data-testid="share-groups"]' });
    shots.push({ name: `panel-${theme}-compare`, view: 'panel', theme, scenario: '09', at: 40000, compare: true });
  }
  shots.push({ name: 'panel-dark-kip848', view: 'panel', theme: 'dark', scenario: '10', at: 21000, full: true });
  const only = option('--only', '');
  for (const s of shots) {
    if (only && !s.name.includes(only)) continue;
    const p = await context.newPage();
    await p.setViewportSize(sizes[s.view]);
    p.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${s.name}: console ${m.type()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`${s.name}: page error: ${e.message}`));
    const q = new URLSearchParams({ view: s.view, theme: s.theme, scenario: s.scenario, at: String(s.at) });
    const t0 = Date.now();
    await p.goto(`${base}/?${q}`);
    await p.waitForSelector('[data-testid="group"]', { timeout: 20000 });
    if (s.compare) {
      await p.click('[data-testid="compare-protocols"]');
      await p.waitForSelector('[data-testid="compare-row"]', { timeout: 60000 });
    }
    await p.waitForTimeout(400);
    const file = join(out, `${s.name}${defaultLocale === 'en' ? '' : `-${defaultLocale}`}.png`);
    if (s.element) {
      // A full-page shot clipped to the element (an element shot would scroll, and the sticky toolbar would cover it).
      const box = await p.locator(s.element).evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
      });
      await p.screenshot({ path: file, fullPage: true, clip: { x: Math.max(0, box.x - 4), y: Math.max(0, box.y - 4), width: box.width + 8, height: box.height + 8 } });
    }
    else await p.screenshot({ path: file, fullPage: !!s.full });
    console.log(`${file} (${Date.now() - t0} ms)`);
    await p.close();
  }
  if (flag('--perf')) {
    // Play at 10× for 4 s and record long tasks (> 50 ms) and frame gaps: is it smooth?
    for (const scenario of ['twelve', 'big']) {
      const p = await context.newPage();
      await p.setViewportSize(sizes.panel);
      await p.goto(`${base}/?view=panel&theme=dark&scenario=${scenario}&at=10000&speed=10`);
      await p.waitForSelector('[data-testid="group"]', { timeout: 20000 });
      const result = await p.evaluate(async () => {
        const long = [];
        new PerformanceObserver((l) => long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: false });
        const gaps = [];
        let last = performance.now();
        let on = true;
        const frame = (t) => {
          gaps.push(t - last);
          last = t;
          if (on) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        const stats = window.kafkaLabPreview.stats;
        const host0 = stats.hostMs;
        let busy = 0;
        const origRaf = window.requestAnimationFrame;
        // Time every animation-frame callback (the webview renders in one).
        window.requestAnimationFrame = (cb) => origRaf((t) => {
          const s0 = performance.now();
          cb(t);
          busy += performance.now() - s0;
        });
        document.querySelector('[data-testid="control-play"]').click();
        await new Promise((r) => setTimeout(r, 4000));
        window.requestAnimationFrame = origRaf;
        on = false;
        gaps.sort((a, b) => a - b);
        return { hostMsPerSec: Math.round((stats.hostMs - host0) / 4), rafMsPerSec: Math.round(busy / 4), frames: gaps.length, p95FrameMs: Math.round(gaps[Math.floor(gaps.length * 0.95)]), longTasks: long.length, longestTaskMs: Math.round(Math.max(0, ...long)), time: document.querySelector('[data-testid="virtual-time"]').textContent };
      });
      console.log(`perf ${scenario}: ${JSON.stringify(result)}`);
      await p.close();
    }
  }
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  server.close();
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
}
