/**
 * Kafka Consumer Group Lab: the extension's entry point (wiring only).
 *
 * One SimulationSession lives in the extension host (SessionHost); the sidebar view, the
 * simulator panel, the status bar item and the context keys all render it, and the commands and
 * the webviews' intents act on it. Activation happens on use only (a command, the view, a
 * restored panel). No Node built-ins anywhere under src/extension: the same code runs in VS Code
 * for the Web's web-worker extension host (package.json `browser`).
 */
import * as vscode from 'vscode';
import { type BuiltinScenario, listBuiltinScenarios } from './scenarios/builtinScenarios';
import { createLog } from './base/outputChannel';
import { SessionHost } from './session/sessionHost';
import { ContextKeys } from './contextKeys/contextKeys';
import { StatusBar } from './views/statusBar';
import { SidebarViewProvider } from './views/sidebarViewProvider';
import { SimulatorPanels } from './views/simulatorPanel';
import { COMMANDS, SIDEBAR_VIEW_ID } from './ids';
import type { CommandContext, ShowError } from './commands/commandSupport';
import { registerSessionCommands } from './commands/sessionCommands';
import { registerConsumerCommands } from './commands/consumerCommands';
import { registerTopicCommands } from './commands/topicCommands';
import { registerFileCommands } from './commands/fileCommands';
import { registerDescribeCommands } from './commands/describeCommands';
import { registerScenarioCodeLens } from './scenarios/scenarioCodeLens';
import { registerWalkthroughCommands } from './walkthrough/walkthroughCommands';
import { type KafkaLabTestHooks, TestHooks } from './testing/testHooks';

export const COMMAND_OPEN_TUTORIAL_SCENARIO = COMMANDS.openTutorialScenario;

/** What `activate` returns: `vscode.extensions.getExtension(id).exports`, used by the tests. */
export interface KafkaLabApi {
  listBuiltinScenarios(): Promise<BuiltinScenario[]>;
  /**
   * Test hooks (testing/testHooks.ts), only when the extension does not run in Production mode
   * (the integration suite runs it in Test mode). Not a public API; may change with any release.
   */
  readonly testing?: KafkaLabTestHooks;
}

let host: SessionHost | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<KafkaLabApi> {
  const extensionUri = context.extensionUri;
  const log = createLog();
  context.subscriptions.push(log);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openTutorialScenario, (fileName?: unknown) =>
      openTutorialScenario(extensionUri, typeof fileName === 'string' ? fileName : undefined),
    ),
  );

  const sessionHost = await SessionHost.create(context, log);
  host = sessionHost;
  const panels = new SimulatorPanels(extensionUri, sessionHost, log);
  const sidebar = new SidebarViewProvider(extensionUri, sessionHost, log);
  const contextKeys = new ContextKeys(sessionHost);
  const statusBar = new StatusBar(sessionHost);
  // An installed extension runs in Production mode and carries no test hooks.
  const testHooks = context.extensionMode === vscode.ExtensionMode.Production ? undefined : new TestHooks();
  const showError: ShowError = (message, ...buttons) => vscode.window.showErrorMessage(message, ...buttons);
  const ctx: CommandContext = { extensionUri, host: sessionHost, log, panels, showError: testHooks?.recordingErrors(showError) ?? showError };
  context.subscriptions.push(
    sessionHost,
    panels,
    sidebar,
    contextKeys,
    statusBar,
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    registerScenarioCodeLens(),
    ...registerSessionCommands(ctx),
    ...registerConsumerCommands(ctx),
    ...registerTopicCommands(ctx),
    ...registerFileCommands(ctx),
    ...registerDescribeCommands(ctx),
    ...registerWalkthroughCommands(ctx),
  );
  log.info(`Kafka Lab activated (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI, ${typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string' ? 'Node' : 'web worker'} extension host).`);

  return {
    listBuiltinScenarios: () => listBuiltinScenarios(extensionUri),
    ...(testHooks ? { testing: testHooks.api({ host: sessionHost, contextKeys, statusBar, sidebar, panels }) } : {}),
  };
}

export async function deactivate(): Promise<void> {
  // Save the session for the next window (a reload restores it); the rest is in context.subscriptions.
  await host?.persistNow();
  host = undefined;
}

/**
 * Lets the user pick one of the built-in scenarios and opens it in an editor. With `fileName`
 * (e.g. from a walkthrough link or a test) it opens that one without asking.
 * Resolves to the editor shown, or undefined when there was nothing to open or the user cancelled.
 */
async function openTutorialScenario(extensionUri: vscode.Uri, fileName?: string): Promise<vscode.TextEditor | undefined> {
  const scenarios = await listBuiltinScenarios(extensionUri);
  if (scenarios.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Kafka Lab: this build has no built-in tutorial scenarios yet.'));
    return undefined;
  }
  let chosen: BuiltinScenario | undefined;
  if (fileName !== undefined) {
    chosen = scenarios.find((s) => s.fileName === fileName);
    if (!chosen) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Kafka Lab: no built-in scenario named "{0}".', fileName));
      return undefined;
    }
  } else {
    const picked = await vscode.window.showQuickPick(
      scenarios.map((s) => ({ label: s.name, description: s.fileName, detail: s.description, scenario: s })),
      {
        title: vscode.l10n.t('Kafka Lab: Open Tutorial Scenario'),
        placeHolder: vscode.l10n.t('Choose a tutorial scenario to open'),
        matchOnDescription: true,
        matchOnDetail: true,
      },
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
