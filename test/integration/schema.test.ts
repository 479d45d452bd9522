import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeExtension, closeAllEditors, validatedDiagnostics, waitForDiagnostics, workspaceFolder } from './helpers';

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
    const errors = (await validatedDiagnostics(uri)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors.map((d) => d.message), []);
  });

  it('every built-in scenario opens with no problems, its "$schema" resolving to the shipped schema', async () => {
    const ext = await activeExtension();
    const scenarios = await ext.exports.listBuiltinScenarios();
    assert.ok(scenarios.length > 0, 'no built-in scenarios');
    const problems: string[] = [];
    for (const s of scenarios) {
      const doc = await vscode.workspace.openTextDocument(s.uri);
      // VS Code validates nothing (and says nothing) when a file's "$schema" cannot be loaded.
      const ref = (JSON.parse(doc.getText()) as { $schema?: string }).$schema;
      if (ref !== undefined && !/^[a-z]+:/i.test(ref)) {
        const target = vscode.Uri.joinPath(s.uri, '..', ref);
        await vscode.workspace.fs.stat(target).then(undefined, () =>
          assert.fail(`${s.fileName}: "$schema": "${ref}" does not resolve (${target.toString()})`),
        );
      }
      for (const d of await validatedDiagnostics(s.uri)) {
        if (d.severity <= vscode.DiagnosticSeverity.Warning) problems.push(`${s.fileName}:${d.range.start.line + 1}: ${d.message}`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });
});
