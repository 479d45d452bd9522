/**
 * Kafka Consumer Group Lab: the VS Code extension's entry point.
 *
 * For now it contributes the JSON schema for `*.kafkalab.json` files (package.json
 * `contributes.jsonValidation`) and the command "Kafka Lab: Open Tutorial Scenario". The simulator
 * views come later. No Node built-ins here: the same code must run in VS Code for the Web.
 */
import * as vscode from 'vscode';
import { type BuiltinScenario, listBuiltinScenarios } from './scenarios';

export const COMMAND_OPEN_TUTORIAL_SCENARIO = 'kafkaLab.openSampleScenario';

/** What `activate` returns: `vscode.extensions.getExtension(id).exports`, used by the tests. */
export interface KafkaLabApi {
  listBuiltinScenarios(): Promise<BuiltinScenario[]>;
}

export function activate(context: vscode.ExtensionContext): KafkaLabApi {
  const extensionUri = context.extensionUri;
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_OPEN_TUTORIAL_SCENARIO, (fileName?: unknown) =>
      openTutorialScenario(extensionUri, typeof fileName === 'string' ? fileName : undefined),
    ),
  );
  return { listBuiltinScenarios: () => listBuiltinScenarios(extensionUri) };
}

export function deactivate(): void {
  // Nothing to release yet: everything is in context.subscriptions.
}

/**
 * Lets the user pick one of the built-in scenarios and opens it in an editor. With `fileName`
 * (e.g. from a walkthrough link or a test) it opens that one without asking.
 * Resolves to the editor shown, or undefined when there was nothing to open or the user cancelled.
 */
async function openTutorialScenario(extensionUri: vscode.Uri, fileName?: string): Promise<vscode.TextEditor | undefined> {
  const scenarios = await listBuiltinScenarios(extensionUri);
  if (scenarios.length === 0) {
    void vscode.window.showInformationMessage('Kafka Lab: this build has no built-in tutorial scenarios yet.');
    return undefined;
  }
  let chosen: BuiltinScenario | undefined;
  if (fileName !== undefined) {
    chosen = scenarios.find((s) => s.fileName === fileName);
    if (!chosen) {
      void vscode.window.showErrorMessage(`Kafka Lab: no built-in scenario named "${fileName}".`);
      return undefined;
    }
  } else {
    const picked = await vscode.window.showQuickPick(
      scenarios.map((s) => ({ label: s.name, description: s.fileName, detail: s.description, scenario: s })),
      { title: 'Kafka Lab: Open Tutorial Scenario', placeHolder: 'Choose a tutorial scenario to open', matchOnDescription: true, matchOnDetail: true },
    );
    chosen = picked?.scenario;
  }
  if (!chosen) return undefined;
  const document = await vscode.workspace.openTextDocument(chosen.uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  // The file lives inside the installed extension: show it read-only so it is never changed there.
  await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
  return editor;
}
