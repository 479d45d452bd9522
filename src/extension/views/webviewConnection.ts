/**
 * The extension's end of one webview (the sidebar view or the panel): validates every incoming
 * message with `checkWebviewMessage` (a malformed or unknown one is logged with the reason, never
 * acted on), routes intents onto the session, and posts `init` (on `ready`, and when the view
 * becomes visible again) and `update` (on each session change, only while the view is visible).
 */
import * as vscode from 'vscode';
import { Disposable } from '../base/disposable';
import type { Log } from '../base/outputChannel';
import type { SessionHost, SessionUpdate } from '../session/sessionHost';
import { HostMessage, PROTOCOL_VERSION, SessionStatus, ViewKind } from '../../protocol/messages';
import { checkWebviewMessage } from '../../protocol/messageChecks';
import { WEBVIEW_STRINGS } from '../../protocol/webviewStrings';
import { SimulationError } from '../../sim';
import { COMMANDS } from '../ids';
import { localizeScenarioText } from '../scenarios/builtinScenarios';
import { webviewHtml, createNonce } from './webviewHtml';
import { runProtocolComparison } from './protocolComparison';

/** Events sent with `init` (the webview keeps about this many). */
export const INIT_EVENTS = 1_000;

/** What one connection has done: its view's state and counts of what it posted and refused. */
export interface ConnectionStats {
  readonly view: ViewKind;
  readonly visible: boolean;
  readonly ready: boolean;
  readonly inits: number;
  readonly updates: number;
  readonly rejected: number;
  readonly errors: number;
}

/** Roots the webviews may load from: the bundled UI and the media folder. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: localResourceRoots(extensionUri) };
}

/** Sets the webview's HTML (a fresh nonce each time). */
export function renderWebview(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind): void {
  const asUri = (...path: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', ...path)).toString();
  webview.html = webviewHtml({
    view,
    cspSource: webview.cspSource,
    scriptUri: asUri('main.js'),
    styleUri: asUri('main.css'),
    codiconsUri: asUri('codicons', 'codicon.css'),
    title: vscode.l10n.t('Kafka Consumer Group Lab'),
    lang: vscode.env.language,
    nonce: createNonce(),
  });
}

let localizedStrings: Record<string, string> | undefined;
/**
 * WEBVIEW_STRINGS, each value through vscode.l10n.t (computed once): the bundle's keys are the
 * English values (scripts/l10n/extract.mjs adds them), so `{name}` placeholders pass through
 * untouched (no arguments, no formatting) and the webview fills them.
 */
export function webviewStrings(): Record<string, string> {
  return (localizedStrings ??= Object.fromEntries(Object.entries(WEBVIEW_STRINGS as Record<string, string>).map(([k, v]) => [k, vscode.l10n.t(/* l10n-extract: WEBVIEW_STRINGS */ v)])));
}

export class WebviewConnection extends Disposable {
  private ready = false;
  private inits = 0;
  private updates = 0;
  private rejected = 0;
  private errors = 0;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly view: ViewKind,
    private readonly host: SessionHost,
    private readonly log: Log,
    private readonly isVisible: () => boolean,
  ) {
    super();
    this._register(webview.onDidReceiveMessage((m: unknown) => this.receive(m)));
    this._register(host.onDidChange((u) => this.postUpdate(u)));
  }

  stats(): ConnectionStats {
    return { view: this.view, visible: this.isVisible(), ready: this.ready, inits: this.inits, updates: this.updates, rejected: this.rejected, errors: this.errors };
  }

  /** The view became visible again: it missed updates while hidden, so it gets a fresh `init`. */
  visibilityChanged(): void {
    if (this.isVisible() && this.ready) this.postInit();
  }

  /** The webview's HTML was set again: wait for its `ready`. */
  reloaded(): void {
    this.ready = false;
  }

  /** Handles one message from the webview: checked, then acted on; a malformed one is only logged. */
  receive(raw: unknown): void {
    const checked = checkWebviewMessage(raw);
    if (!checked.ok) {
      this.rejected++;
      this.log.warn(`Ignored a message from the ${this.view} webview: ${checked.message}`);
      return;
    }
    const message = checked.value;
    const session = this.host.session;
    try {
      switch (message.type) {
        case 'ready':
          if (message.view !== this.view) this.log.warn(`The ${this.view} webview says it is the ${message.view} view.`);
          this.ready = true;
          this.postInit();
          return;
        case 'control':
          if (message.command === 'play') session.play();
          else if (message.command === 'pause') session.pause();
          else if (message.command === 'step') session.step();
          else session.reset();
          return;
        case 'set-speed':
          session.setSpeed(message.speed);
          return;
        case 'action':
          session.apply(message.action);
          return;
        case 'open-describe':
          void vscode.commands.executeCommand(COMMANDS.describeGroup, { group: message.group });
          return;
        case 'open-panel':
          void vscode.commands.executeCommand(COMMANDS.openSimulator);
          return;
        case 'compare-protocols':
          this.post(runProtocolComparison(session));
          return;
        default: {
          const unknown: never = message;
          this.log.warn(`Unhandled message from the ${this.view} webview: ${JSON.stringify(unknown)}`);
        }
      }
    } catch (e) {
      if (!(e instanceof SimulationError)) {
        this.log.error(`The ${this.view} webview's '${message.type}' failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      const text = e instanceof Error ? e.message : String(e);
      this.errors++;
      this.log.warn(`Could not apply the ${this.view} webview's '${message.type}': ${text}`);
      // The engine's detail (field, value) stays as it is; the sentence around it is localised.
      this.post({ type: 'error', message: vscode.l10n.t('This could not be done: {0}', text) });
    }
  }

  private postInit(): void {
    const session = this.host.session;
    const events = session.simulation.recentEvents();
    this.inits++;
    this.post({
      type: 'init',
      version: PROTOCOL_VERSION,
      view: this.view,
      status: localizedStatus(session.status()),
      snapshot: session.snapshot(),
      events: events.length > INIT_EVENTS ? events.slice(-INIT_EVENTS) : events,
      strings: webviewStrings(),
    });
  }

  private postUpdate(update: SessionUpdate): void {
    if (!this.ready || !this.isVisible()) return;
    this.updates++;
    this.post({ type: 'update', status: localizedStatus(this.host.session.status()), snapshot: update.snapshot(), events: update.change.events, reset: update.change.reset });
  }

  private post(message: HostMessage): void {
    this.webview.postMessage(message).then(undefined, (e: unknown) => this.log.debug(`postMessage to the ${this.view} webview failed: ${String(e)}`));
  }
}

/** The session status with a built-in scenario's name in the display language. */
function localizedStatus(status: SessionStatus): SessionStatus {
  return { ...status, scenarioName: localizeScenarioText(status.scenarioName) };
}

/** What the sidebar view and the panel share: their one live connection. */
export abstract class ConnectedWebviewHost extends Disposable {
  protected connection: WebviewConnection | undefined;

  /** The connection to the view's webview while the view is open. */
  get openConnection(): WebviewConnection | undefined {
    return this.connection;
  }

  override dispose(): void {
    this.connection?.dispose();
    super.dispose();
  }
}
