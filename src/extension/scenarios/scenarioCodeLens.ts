/** "▶ Run in Kafka Lab" at the top of every `*.kafkalab.json` file. */
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';

export class ScenarioCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!document.uri.path.endsWith('.kafkalab.json')) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: vscode.l10n.t('▶ Run in Kafka Lab'),
        tooltip: vscode.l10n.t('Load this scenario into the simulation and open the simulator'),
        command: COMMANDS.runScenarioFile,
        arguments: [document.uri],
      }),
    ];
  }
}

export function registerScenarioCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider({ pattern: '**/*.kafkalab.json' }, new ScenarioCodeLensProvider());
}
