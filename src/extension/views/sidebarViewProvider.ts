/** The sidebar webview view (activity bar › Kafka Lab): a compact live picture and the controls. */
import * as vscode from 'vscode';
import type { Log } from '../base/outputChannel';
import type { SessionHost } from '../session/sessionHost';
import { ConnectedWebviewHost, WebviewConnection, renderWebview, webviewOptions } from './webviewConnection';

export class SidebarViewProvider extends ConnectedWebviewHost implements vscode.WebviewViewProvider {

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: SessionHost,
    private readonly log: Log,
  ) {
    super();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.connection?.dispose();
    view.webview.options = webviewOptions(this.extensionUri);
    const connection = new WebviewConnection(view.webview, 'sidebar', this.host, this.log, () => view.visible);
    this.connection = connection;
    const subs = [view.onDidChangeVisibility(() => connection.visibilityChanged())];
    view.onDidDispose(() => {
      subs.forEach((s) => s.dispose());
      connection.dispose();
      if (this.connection === connection) this.connection = undefined;
    });
    renderWebview(view.webview, this.extensionUri, 'sidebar');
  }
}
