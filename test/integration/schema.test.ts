import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeExtension, closeAllEditors, waitForDiagnostics, workspaceFolder } from './helpers';

interface JsonValidation {
  fileMatch: string | string[];
  url: string;
}

describe('Scenario file schema (*.kafkalab.json)', () => {
  afterEach(closeAllEditors);

  it('is contributed for *.kafkalab.json and the schema file ships with the extension', async () => {
    const ext = await activeExtension();
    const validations: JsonValidation[] = ext.packageJSON.contributes?.jsonValidation ?? [];
    const entry = validations.find((v) => ([] as string[]).concat(v.fileMatch).includes('*.kafkalab.json'));
    assert.ok(entry, 'contributes.jsonValidation has an entry for *.kafkalab.json');
    const schemaUri = vscode.Uri.joinPath(ext.extensionUri, entry.url);
    const schema = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(schemaUri))) as object;
    assert.strictEqual(typeof schema, 'object');
  });

  it("reports a broken scenario file through VS Code's JSON language service", async () => {
    await activeExtension();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'broken.kafkalab.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'json');
    // `"topics": "orders"` is not an array: only the schema knows that.
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => /array/i.test(d.message)));
    const typeError = diagnostics.find((d) => /array/i.test(d.message));
    assert.ok(typeError);
    assert.strictEqual(doc.getText(typeError.range), '"orders"');
  });

  it('reports nothing for a valid scenario file', async () => {
    await activeExtension();
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, 'valid.kafkalab.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // Wait until the language service has looked at the file (it publishes an empty list too),
    // then make sure it stays clean.
    await new Promise((r) => setTimeout(r, 3000));
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors.map((d) => d.message), []);
  });
});
