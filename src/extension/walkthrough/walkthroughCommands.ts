/**
 * The guided walkthrough's step button: `kafkaLab.walkthrough.openStep` with a step number (1-11)
 * or a step id. It loads the step's built-in scenario into the one live session (from its start,
 * so "reset to this step" always works), opens the simulator panel next to the walkthrough and
 * plays. The steps complete on context keys set from the session (contextKeys/contextKeys.ts), so doing a step
 * any other way (palette, panel) completes it too.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../commands/commandSupport';
import { reportError } from '../commands/commandSupport';
import { showValue } from '../../sim';
import { builtinScenariosDir } from '../scenarios/builtinScenarios';
import { formatScenarioErrors, loadScenario } from '../../sim';
import { OPEN_STEP_COMMAND, WALKTHROUGH_STEPS, resolveWalkthroughStep } from './walkthroughSteps';

export function registerWalkthroughCommands(ctx: CommandContext): vscode.Disposable[] {
  return [vscode.commands.registerCommand(OPEN_STEP_COMMAND, (arg?: unknown) => openWalkthroughStep(ctx, arg))];
}

/** Resolves to the scenario file loaded, or undefined when the argument named no step. */
async function openWalkthroughStep(ctx: CommandContext, arg: unknown): Promise<string | undefined> {
  const title = vscode.l10n.t('Open Walkthrough Step');
  const step = resolveWalkthroughStep(arg);
  if (!step) {
    void reportError(
      ctx,
      vscode.l10n.t('Kafka Lab: {0}: {1}', title, vscode.l10n.t('step: {0} is not valid: expected a step number from 1 to {1} or a step id such as "{2}"', showValue(arg), WALKTHROUGH_STEPS.length, WALKTHROUGH_STEPS[0]!.id)),
    );
    return undefined;
  }
  const uri = vscode.Uri.joinPath(builtinScenariosDir(ctx.extensionUri), step.scenario);
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    void reportError(ctx, vscode.l10n.t('Kafka Lab: {0}: {1}', title, vscode.l10n.t('cannot read the built-in scenario {0}: {1}', step.scenario, e instanceof Error ? e.message : String(e))));
    return undefined;
  }
  const loaded = loadScenario(text);
  if (!loaded.ok) {
    ctx.log.error(`Built-in scenario ${step.scenario} is not valid:\n${formatScenarioErrors(loaded.errors)}`);
    void reportError(ctx, vscode.l10n.t('Kafka Lab: {0}: {1}', title, vscode.l10n.t('the built-in scenario {0} is not valid', step.scenario)));
    return undefined;
  }
  ctx.host.load(loaded.scenario, { kind: 'builtin', fileName: step.scenario });
  await showPanelBesideWalkthrough(ctx);
  ctx.host.session.play();
  ctx.log.info(`Walkthrough: step ${step.step} (${step.id}) loaded ${step.scenario} and plays.`);
  return step.scenario;
}

/**
 * Shows the simulator panel without covering the walkthrough: a panel that is not open yet goes
 * to a new editor group on the right when the active group shows something (the walkthrough),
 * and the keyboard focus goes back to where it was.
 */
async function showPanelBesideWalkthrough(ctx: CommandContext): Promise<void> {
  if (ctx.panels.current) {
    ctx.panels.show(true);
    return;
  }
  if (vscode.window.tabGroups.activeTabGroup.tabs.length > 0) {
    await vscode.commands.executeCommand('workbench.action.newGroupRight');
    ctx.panels.show(false);
    await vscode.commands.executeCommand('workbench.action.focusPreviousGroup');
  } else {
    ctx.panels.show(true);
  }
}
