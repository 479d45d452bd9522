import * as assert from 'assert';
import * as vscode from 'vscode';
import type { KafkaLabApi } from '../../src/extension/extension';
import type { KafkaLabTestHooks } from '../../src/extension/testing/testHooks';

export const EXTENSION_ID = 'kafka-lab.kafka-consumer-group-lab';

export async function activeExtension(): Promise<vscode.Extension<KafkaLabApi>> {
  const ext = vscode.extensions.getExtension<KafkaLabApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  await ext.activate();
  return ext;
}

/**
 * The extension's test hooks. `activate` exposes them only outside Production mode; this suite
 * loads the extension as a development extension with a tests path, so VS Code runs it in Test mode.
 */
export async function testHooks(): Promise<KafkaLabTestHooks> {
  const ext = await activeExtension();
  assert.ok(ext.exports.testing, 'the extension exposes no test hooks: it runs in Production mode (installed), not as a development extension under test');
  return ext.exports.testing;
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
  timeoutMs = 120_000,
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

/** A top-level property the scenario schema forbids (it allows no additional properties). */
const CANARY_PROPERTY = 'kafkaLabValidationCanary';

/**
 * The problems VS Code's JSON language service reports for the (open) document at `uri`, once it
 * has certainly validated its current text against the schema. Waiting a while and reading the
 * diagnostics proves nothing on a busy machine (an empty list may only mean "not looked at yet"),
 * so this waits for conditions instead: it inserts a property the schema forbids, waits until the
 * service reports it (the schema is loaded and the file is being validated), takes it out again,
 * waits until that report is gone (the restored text was validated) and returns what remains.
 * The document is reverted, so nothing is written.
 */
export async function validatedDiagnostics(uri: vscode.Uri): Promise<readonly vscode.Diagnostic[]> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  const original = doc.getText();
  const brace = original.indexOf('{');
  assert.ok(brace >= 0, `${uri.toString()} is not a JSON object`);
  const insertAt = doc.positionAt(brace + 1);
  const canary = `"${CANARY_PROPERTY}": 1,`;
  const isCanary = (d: vscode.Diagnostic): boolean => d.message.includes(CANARY_PROPERTY);
  const insert = new vscode.WorkspaceEdit();
  insert.insert(uri, insertAt, canary);
  assert.ok(await vscode.workspace.applyEdit(insert), `could not edit ${uri.toString()} in memory`);
  await waitForDiagnostics(uri, (ds) => ds.some(isCanary), 120_000);
  const remove = new vscode.WorkspaceEdit();
  remove.delete(uri, new vscode.Range(insertAt, doc.positionAt(doc.offsetAt(insertAt) + canary.length)));
  assert.ok(await vscode.workspace.applyEdit(remove), `could not restore ${uri.toString()}`);
  assert.strictEqual(doc.getText(), original, 'the document is back to its text on disk');
  const diagnostics = await waitForDiagnostics(uri, (ds) => !ds.some(isCanary), 120_000);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  return diagnostics;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
