import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KafkaLabApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'kafka-lab.kafka-consumer-group-lab';

export async function activeExtension(): Promise<vscode.Extension<KafkaLabApi>> {
  const ext = vscode.extensions.getExtension<KafkaLabApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  await ext.activate();
  return ext;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need a workspace folder (the runner opens test/integration/workspace)');
  return folder;
}

/** Resolves with the diagnostics of `uri` once `accept` likes them, or rejects after `timeoutMs`. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (accept(current)) {
        cleanup();
        resolve(current);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const got = vscode.languages.getDiagnostics(uri).map((d) => `${d.source ?? '?'}: ${d.message}`);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${uri.toString()}; have: ${JSON.stringify(got)}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
