/**
 * The simulator panel: a webview panel in the editor area with the full picture. There is at
 * most one; "Open Simulator" reveals it. After a window reload VS Code revives it through the
 * serializer registered here (activation event `onWebviewPanel:kafkaLab.simulator`); the webview
 * keeps only UI state (getState/setState) and gets the simulation from the host on `ready`.
 */
import * as vscode from 'vscode';
import type { Log } from '../base/outputChannel';
import type { SessionHost } from '../session/sessionHost';
import { PANEL_VIEW_TYPE } from '../ids';
import { ConnectedWebviewHost, WebviewConnection, renderWebview, webviewOptions } from './webviewConnection';

export class SimulatorPanels extends ConnectedWebviewHost implements vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: SessionHost,
    private readonly log: Log,
  ) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, this));
  }

  /** Reveals the panel, creating it if needed; resolves to it. */
  show(preserveFocus = false): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      vscode.l10n.t('Kafka Lab Simulator'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
    );
    this.attach(panel);
    return panel;
  }

  /** VS Code restores a panel after a reload. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, _state: unknown): Promise<void> {
    if (this.panel) {
      // Only one simulator panel: a second restored one closes.
      panel.dispose();
      return;
    }
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
  }

  get current(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = {
      light: vscode.Uri.joinPath(this.extensionUri, 'media', 'kafka-lab-light.svg'),
      dark: vscode.Uri.joinPath(this.extensionUri, 'media', 'kafka-lab-dark.svg'),
    };
    const connection = new WebviewConnection(panel.webview, 'panel', this.host, this.log, () => panel.visible);
    this.connection = connection;
    const visibility = panel.onDidChangeViewState(() => connection.visibilityChanged());
    panel.onDidDispose(() => {
      visibility.dispose();
      connection.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.connection = undefined;
      }
    });
    renderWebview(panel.webview, this.extensionUri, 'panel');
  }
}

