/**
 * The built-in tutorial scenarios shipped inside the extension (`dist/scenarios/*.kafkalab.json`,
 * copied there by the build from `src/sim/scenarios/builtin/`). Uses only the `vscode` API (no Node
 * built-ins), so it also runs in VS Code for the Web.
 */
import * as vscode from 'vscode';

export const SCENARIO_SUFFIX = '.kafkalab.json';

export interface BuiltinScenario {
  /** File name, e.g. `01-one-consumer.kafkalab.json`. */
  readonly fileName: string;
  readonly uri: vscode.Uri;
  /** The scenario's `name`, or the file name when the file has none or does not parse. */
  readonly name: string;
  readonly description?: string;
}

export function builtinScenariosDir(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'scenarios');
}

/** Lists whatever scenario files the build shipped, sorted by file name. */
export async function listBuiltinScenarios(extensionUri: vscode.Uri): Promise<BuiltinScenario[]> {
  const dir = builtinScenariosDir(extensionUri);
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(dir);
  } catch {
    return [];
  }
  const files = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith(SCENARIO_SUFFIX))
    .map(([name]) => name)
    .sort((a, b) => a.localeCompare(b, 'en'));
  return Promise.all(files.map((fileName) => describeScenario(vscode.Uri.joinPath(dir, fileName), fileName)));
}

async function describeScenario(uri: vscode.Uri, fileName: string): Promise<BuiltinScenario> {
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      const { name, description } = json as { name?: unknown; description?: unknown };
      return {
        fileName,
        uri,
        name: typeof name === 'string' && name.trim() ? localizeScenarioText(name) : fileName,
        ...(typeof description === 'string' && description.trim() ? { description: localizeScenarioText(description) } : {}),
      };
    }
  } catch {
    // Unreadable or not JSON: still listed, under its file name.
  }
  return { fileName, uri, name: fileName };
}

/**
 * A built-in scenario's name or description in the display language (the l10n bundle carries
 * them; scenarios of the user's own come back unchanged).
 */
export function localizeScenarioText(text: string): string {
  return vscode.l10n.t(/* l10n-extract: BUILTIN_SCENARIOS */ text);
}
