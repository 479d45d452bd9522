/** What every command group shares: the session, the log, the panel, and error reporting. */
import * as vscode from 'vscode';
import type { Log } from '../base/outputChannel';
import type { SessionHost } from '../session/sessionHost';
import { ArgumentChecker, Build } from './arguments';
import { checkAction } from '../../protocol/messageChecks';
import type { Action, Result } from '../../sim';
import { SimulationError } from '../../sim';

/**
 * What the commands need of the simulator panel (views/simulatorPanel.ts's SimulatorPanels is
 * one), so that commands/ does not depend on views/.
 */
export interface SimulatorPanelControl {
  /** The panel when it is open. */
  readonly current: vscode.WebviewPanel | undefined;
  /** Reveals the panel, creating it if needed. */
  show(preserveFocus?: boolean): vscode.WebviewPanel;
}

/** Shows an error notification with `buttons`; resolves to the button chosen (vscode.window.showErrorMessage's shape). */
export type ShowError = (message: string, ...buttons: string[]) => Thenable<string | undefined>;

export interface CommandContext {
  readonly extensionUri: vscode.Uri;
  readonly host: SessionHost;
  readonly log: Log;
  readonly panels: SimulatorPanelControl;
  /** How reportError shows a message (vscode.window.showErrorMessage). */
  readonly showError: ShowError;
}

/** Shows `message` as an error notification and writes it to the log. */
export function reportError(ctx: CommandContext, message: string, ...buttons: string[]): Thenable<string | undefined> {
  ctx.log.warn(message);
  return ctx.showError(message, ...buttons);
}

export function checker(ctx: CommandContext): ArgumentChecker {
  return new ArgumentChecker(ctx.host.session.snapshot(), vscode.l10n);
}

/** Applies `action` to the session; reports an action the engine refuses. Resolves to it, or undefined. */
export function applyAction(ctx: CommandContext, title: string, action: Action): Action | undefined {
  const checked = checkAction(action);
  if (!checked.ok) {
    void reportError(ctx, vscode.l10n.t('Kafka Lab: {0}: {1}', title, checked.message));
    return undefined;
  }
  try {
    ctx.host.session.apply(checked.value);
    ctx.log.info(`${title}: ${JSON.stringify(checked.value)}`);
    return checked.value;
  } catch (e) {
    if (!(e instanceof SimulationError)) throw e;
    void reportError(ctx, vscode.l10n.t('Kafka Lab: {0}: {1}', title, e.message));
    return undefined;
  }
}

/** Checks programmatic (or collected) arguments with `build` and applies the action. */
/**
 * A command that turns its arguments into an engine action: called with an arguments object it
 * checks and applies it; called without (the palette), `ask` asks for them first, and undefined
 * from `ask` (cancelled) applies nothing.
 */
export function registerActionCommand(ctx: CommandContext, id: string, title: () => string, build: Build, ask: (title: string) => Promise<unknown>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (args?: unknown) => {
    const t = title();
    const given = args === undefined ? await ask(t) : args;
    return given === undefined ? undefined : applyArgs(ctx, t, build, given);
  });
}

export function applyArgs(ctx: CommandContext, title: string, build: Build, args: unknown): Action | undefined {
  const result = build(checker(ctx), args);
  if (!result.ok) {
    void reportError(ctx, vscode.l10n.t('Kafka Lab: {0}: {1}', title, result.message));
    return undefined;
  }
  return applyAction(ctx, title, result.value);
}

/** A quick pick of plain items; undefined when cancelled. */
export async function pickOne<T>(
  title: string,
  placeHolder: string,
  items: ReadonlyArray<vscode.QuickPickItem & { value: T }>,
): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.value;
}

/** The only item's value without asking, else a quick pick. */
export async function pickOneUnlessOnly<T>(title: string, placeHolder: string, items: ReadonlyArray<vscode.QuickPickItem & { value: T }>): Promise<T | undefined> {
  return items.length === 1 ? items[0]!.value : pickOne(title, placeHolder, items);
}

/** An input box whose text is checked live by `check` (it returns the value or a message). */
export async function inputChecked<T>(
  title: string,
  prompt: string,
  value: string,
  check: (text: string) => Result<T>,
): Promise<T | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt,
    value,
    valueSelection: [0, value.length],
    ignoreFocusOut: true,
    validateInput: (t) => {
      const r = check(t);
      return r.ok ? undefined : { message: r.message, severity: vscode.InputBoxValidationSeverity.Error };
    },
  });
  if (text === undefined) return undefined;
  const r = check(text);
  return r.ok ? r.value : undefined;
}
