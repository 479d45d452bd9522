/**
 * The test hooks: the one place where the extension carries anything only for its tests.
 *
 * `activate` (extension.ts) creates a TestHooks only when VS Code runs the extension outside
 * `ExtensionMode.Production`. The integration suite loads it as a development extension with a
 * tests path (code-server's `extensionDevelopmentPath` and `extensionTestsPath` in
 * scripts/vscode-host/run-integration-tests.mjs; @vscode/test-electron in test/electron/run.ts),
 * which VS Code runs in `ExtensionMode.Test`; F5 (Run Extension) runs it in `Development`. An
 * installed extension (a .vsix: users, `npm start`, the e2e suite) runs in `Production` and has
 * none of this: no `testing` in its API and no record of the errors it showed.
 *
 * No runtime `vscode` import (unit-tested in Node): everything observed is passed in.
 */
import type { ShowError } from '../commands/commandSupport';
import type { ContextKeyValue } from '../contextKeys/contextKeyValues';
import type { SessionHost } from '../session/sessionHost';
import type { SimulationSession } from '../session/simulationSession';
import type { ConnectionStats, WebviewConnection } from '../views/webviewConnection';

/** `KafkaLabApi.testing`: how the integration tests observe and drive the live extension. Not a public API. */
export interface KafkaLabTestHooks {
  /** The one live session. */
  session(): SimulationSession;
  /** The context keys as last set by the extension (a copy). */
  contextKeys(): Record<string, ContextKeyValue>;
  /** Drops the in-memory session and restores it from workspaceState, as a window reload does. */
  reloadSession(): Promise<void>;
  /** Writes the session to workspaceState now (it is otherwise debounced). */
  persistSession(): Promise<void>;
  /** Error messages the extension showed, oldest first (the last SHOWN_ERRORS_KEPT); `clear` empties the list. */
  errors(clear?: boolean): string[];
  /** The status bar item's text. */
  statusBarText(): string;
  /** What the sidebar view and the panel received (undefined when not open). */
  views(): { sidebar: ConnectionStats | undefined; panel: ConnectionStats | undefined };
  /** Handles `message` as if the view's webview had sent it (validation included); false when that view is not open. */
  sendFromWebview(view: 'sidebar' | 'panel', message: unknown): boolean;
}

/** How many shown error messages the hooks keep; older ones are dropped. */
export const SHOWN_ERRORS_KEPT = 50;

/** A view whose webview may be open (the sidebar view provider, the simulator panels). */
export interface OpenableView {
  readonly openConnection: WebviewConnection | undefined;
}

/** The parts of the running extension the hooks read; each exists in production anyway. */
export interface ObservedExtension {
  readonly host: SessionHost;
  readonly contextKeys: { current(): Record<string, ContextKeyValue> };
  readonly statusBar: { readonly text: string };
  readonly sidebar: OpenableView;
  readonly panels: OpenableView;
}

export class TestHooks {
  private readonly shownErrors: string[] = [];

  /** `show` that also records each message for `errors()` (only the last SHOWN_ERRORS_KEPT). */
  recordingErrors(show: ShowError): ShowError {
    return (message, ...buttons) => {
      this.shownErrors.push(message);
      if (this.shownErrors.length > SHOWN_ERRORS_KEPT) this.shownErrors.splice(0, this.shownErrors.length - SHOWN_ERRORS_KEPT);
      return show(message, ...buttons);
    };
  }

  /** The `testing` API over the running extension's parts. */
  api(observed: ObservedExtension): KafkaLabTestHooks {
    const { host, contextKeys, statusBar, sidebar, panels } = observed;
    return {
      session: () => host.session,
      contextKeys: () => contextKeys.current(),
      reloadSession: () => host.reload(),
      persistSession: () => host.persistNow(),
      errors: (clear = false) => {
        const copy = this.shownErrors.slice();
        if (clear) this.shownErrors.length = 0;
        return copy;
      },
      statusBarText: () => statusBar.text,
      views: () => ({ sidebar: sidebar.openConnection?.stats(), panel: panels.openConnection?.stats() }),
      sendFromWebview: (view, message) => {
        const connection = (view === 'sidebar' ? sidebar : panels).openConnection;
        connection?.receive(message);
        return connection !== undefined;
      },
    };
  }
}
