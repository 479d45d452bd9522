/**
 * A stand-in for the extension, for previewing the webview in a plain browser
 * (scripts/webview-preview.mjs): it defines `acquireVsCodeApi()` and answers the webview's
 * messages from a real SimulationSession running in the page, the way the extension will.
 *
 * The page provides the scenario as `<script type="application/json" id="preview-scenario">` and
 * options on `<body data-at="30000" data-play="true" data-speed="1">`; with a locale, the l10n bundle
 * as `<script type="application/json" id="preview-l10n">`, through which the host maps the
 * WEBVIEW_STRINGS values as the extension does with vscode.l10n.t.
 */
import type { HostMessage, WebviewMessage } from '../../src/protocol/messages';
import { checkWebviewMessage } from '../../src/protocol/messageChecks';
import { WEBVIEW_STRINGS } from '../../src/protocol/webviewStrings';
import { SimulationSession } from '../../src/extension/session/simulationSession';
import { loadScenario } from '../../src/sim/scenario/load';
import { runProtocolComparison } from '../../src/extension/views/protocolComparison';

interface PreviewWindow {
  acquireVsCodeApi?: () => unknown;
  kafkaLabPreview?: { session: SimulationSession; sent: HostMessage[]; received: unknown[]; stats: { hostMs: number; frames: number } };
}

const w = window as unknown as PreviewWindow;
const dataEl = document.getElementById('preview-scenario');
const loaded = loadScenario(dataEl?.textContent ?? '');
if (!loaded.ok) throw new Error(`preview: bad scenario: ${JSON.stringify(loaded.errors)}`);

/** WEBVIEW_STRINGS as the extension sends them: each value looked up in the locale's bundle. */
const l10n = JSON.parse(document.getElementById('preview-l10n')?.textContent ?? '{}') as Record<string, string>;
const strings: Record<string, string> = Object.fromEntries(Object.entries(WEBVIEW_STRINGS as Record<string, string>).map(([k, v]) => [k, l10n[v] ?? v]));

/** Time spent in the simulated extension (engine + snapshots), to tell it apart from rendering. */
const stats = { hostMs: 0, frames: 0 };
const session = new SimulationSession(loaded.scenario, {
  now: () => performance.now(),
  setInterval: (cb, ms) => {
    const id = window.setInterval(() => {
      const t0 = performance.now();
      cb();
      stats.hostMs += performance.now() - t0;
      stats.frames++;
    }, ms);
    return { dispose: () => window.clearInterval(id) };
  },
});
/** Virtual time to reach before the screenshot; reached in steps after `ready`, so the webview records lag history. */
const at = Number(document.body.dataset.at ?? '0');
const speed = Number(document.body.dataset.speed ?? '1');
if (speed !== 1) session.setSpeed(speed);

const sent: HostMessage[] = [];
const received: unknown[] = [];
let view: 'sidebar' | 'panel' = 'panel';
let ready = false;
let state: unknown = undefined;

function send(msg: HostMessage): void {
  sent.push(msg);
  if (sent.length > 50) sent.shift();
  // Delivered asynchronously, like VS Code's postMessage.
  setTimeout(() => window.dispatchEvent(new MessageEvent('message', { data: msg })), 0);
}

session.onDidChange((change) => {
  if (!ready) return;
  send({ type: 'update', status: session.status(), snapshot: session.snapshot(), events: change.events, reset: change.reset });
});

function onMessage(raw: unknown): void {
  received.push(raw);
  const checked = checkWebviewMessage(raw);
  if (!checked.ok) {
    console.error(`preview host: rejected ${checked.message}`);
    send({ type: 'error', message: checked.message });
    return;
  }
  const m: WebviewMessage = checked.value;
  switch (m.type) {
    case 'ready':
      view = m.view;
      ready = true;
      send({ type: 'init', version: 1, view, status: session.status(), snapshot: session.snapshot(), events: session.simulation.recentEvents().slice(-500), strings });
      if (at > 0) {
        // Half-second steps, each an update (as if it had been running): history for the charts.
        for (let t = 500; t <= at; t += 500) session.advance(Math.min(500, at - session.simulation.now));
      }
      if (document.body.dataset.play === 'true') session.play();
      return;
    case 'control':
      if (m.command === 'play') session.play();
      else if (m.command === 'pause') session.pause();
      else if (m.command === 'step') session.step();
      else session.reset();
      return;
    case 'set-speed':
      session.setSpeed(m.speed);
      return;
    case 'action':
      try {
        session.apply(m.action);
      } catch (err) {
        send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
      return;
    case 'open-describe':
      console.log(`preview host: open-describe ${m.group}`);
      return;
    case 'open-panel':
      console.log('preview host: open-panel');
      return;
    case 'compare-protocols':
      // Like the extension: run the session's scenario under the three protocols and answer.
      send(runProtocolComparison(session));
      return;
  }
}

w.acquireVsCodeApi = () => ({
  postMessage: (m: unknown) => onMessage(JSON.parse(JSON.stringify(m))),
  getState: () => state,
  setState: (s: unknown) => {
    state = s;
  },
});
w.kafkaLabPreview = { session, sent, received, stats };
