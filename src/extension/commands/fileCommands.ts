/**
 * Load Scenario File… / Run in Kafka Lab (a `*.kafkalab.json` into the session, validated),
 * Save Session as Scenario File…, Export Event Log….
 *
 * Arguments (all optional; without them the command uses the active editor or asks):
 *   loadScenarioFile / runScenarioFile: a Uri, `{ uri: Uri | string }` or `{ builtin: '<file name>' }`
 *   saveSessionAsScenario / exportEventLog: a Uri or `{ uri: Uri | string }` (the target file)
 */
import * as vscode from 'vscode';
import { builtinScenariosDir, SCENARIO_SUFFIX } from '../scenarios/builtinScenarios';
import { replayEventLog } from '../session/eventLog';
import type { ScenarioSource } from '../session/sessionHost';
import { formatScenarioErrors, loadScenario } from '../../sim';
import { showValue } from '../../sim';
import { CommandContext, reportError } from './commandSupport';
import { COMMANDS } from '../ids';

type Target = { ok: true; uri: vscode.Uri | undefined } | { ok: false; message: string };

/** Reads a Uri, `{ uri }` or (for loading) `{ builtin }` argument. `undefined` → no argument. */
function targetArg(ctx: CommandContext, args: unknown, allowBuiltin: boolean): Target {
  if (args === undefined) return { ok: true, uri: undefined };
  if (args instanceof vscode.Uri) return { ok: true, uri: args };
  if (typeof args === 'object' && args !== null && !Array.isArray(args)) {
    const a = args as { uri?: unknown; builtin?: unknown };
    const keys = Object.keys(a);
    if (allowBuiltin && keys.length === 1 && 'builtin' in a) {
      if (typeof a.builtin !== 'string' || !/^[\w.-]+\.kafkalab\.json$/.test(a.builtin)) {
        return { ok: false, message: vscode.l10n.t('builtin: {0} is not valid: expected the file name of a built-in scenario, e.g. "04-scale-out.kafkalab.json"', showValue(a.builtin)) };
      }
      return { ok: true, uri: vscode.Uri.joinPath(builtinScenariosDir(ctx.extensionUri), a.builtin) };
    }
    if (keys.length === 1 && 'uri' in a) {
      if (a.uri instanceof vscode.Uri) return { ok: true, uri: a.uri };
      if (typeof a.uri === 'string' && a.uri.length > 0) {
        try {
          return { ok: true, uri: /^[a-z][\w+.-]*:/i.test(a.uri) && !/^[a-z]:[\\/]/i.test(a.uri) ? vscode.Uri.parse(a.uri, true) : vscode.Uri.file(a.uri) };
        } catch {
          // fall through to the message below
        }
      }
      return { ok: false, message: vscode.l10n.t('uri: {0} is not valid: expected a file URI or an absolute path', showValue(a.uri)) };
    }
  }
  return {
    ok: false,
    message: allowBuiltin
      ? vscode.l10n.t('arguments: {0} is not valid: expected a Uri, {uri} or {builtin}', showValue(args))
      : vscode.l10n.t('arguments: {0} is not valid: expected a Uri or {uri}', showValue(args)),
  };
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function sourceOf(ctx: CommandContext, uri: vscode.Uri): ScenarioSource {
  const dir = builtinScenariosDir(ctx.extensionUri).toString();
  return uri.toString().startsWith(dir + '/') ? { kind: 'builtin', fileName: fileName(uri) } : { kind: 'file', uri: uri.toString() };
}

/** Loads `uri` (or the active scenario editor, or a file the user picks) into the session. */
async function loadScenarioFile(ctx: CommandContext, title: string, args: unknown): Promise<string | undefined> {
  const target = checkedTarget(ctx, title, args, true);
  if (!target) return undefined;
  let uri = target.uri;
  let text: string | undefined;
  if (!uri) {
    const active = vscode.window.activeTextEditor?.document;
    if (active && active.uri.path.endsWith(SCENARIO_SUFFIX)) {
      uri = active.uri;
      text = active.getText(); // what the user sees, saved or not
    } else {
      const picked = await vscode.window.showOpenDialog({
        title,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Load Scenario'),
        filters: { [vscode.l10n.t('Kafka Lab scenarios')]: ['json'] },
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      uri = picked?.[0];
      if (!uri) return undefined;
    }
  }
  if (text === undefined) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri!.toString());
    try {
      text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      void reportError(ctx, vscode.l10n.t('Kafka Lab: could not read {0}: {1}', uri.toString(true), e instanceof Error ? e.message : String(e)));
      return undefined;
    }
  }
  const loaded = loadScenario(text);
  if (!loaded.ok) {
    const name = fileName(uri);
    ctx.log.error(`${name} is not a valid scenario (${uri.toString(true)}):\n${formatScenarioErrors(loaded.errors)}`);
    const first = loaded.errors[0]!;
    const showOutput = vscode.l10n.t('Show Output');
    const showProblems = vscode.l10n.t('Show Problems');
    void reportError(
      ctx,
      vscode.l10n.t('Kafka Lab: {0} is not a valid scenario ({1} problem(s)). First: {2}', name, loaded.errors.length, formatScenarioErrors([first])),
      showOutput,
      showProblems,
    ).then((choice) => {
      if (choice === showOutput) ctx.log.show(true);
      else if (choice === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return undefined;
  }
  ctx.host.load(loaded.scenario, sourceOf(ctx, uri));
  ctx.panels.show();
  return loaded.scenario.name;
}

async function saveTarget(title: string, args: Target, defaultName: string, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  if (args.ok && args.uri) return args.uri;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({ title, saveLabel: vscode.l10n.t('Save'), filters, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaultName) } : {}) });
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'session'
  );
}

/** The command's target file argument, or undefined after saying what is wrong with it. */
function checkedTarget(ctx: CommandContext, title: string, args: unknown, allowBuiltin = false): Extract<Target, { ok: true }> | undefined {
  const target = targetArg(ctx, args, allowBuiltin);
  if (target.ok) return target;
  void reportError(ctx, vscode.l10n.t('Kafka Lab: {0}: {1}', title, target.message));
  return undefined;
}

export function registerFileCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.loadScenarioFile, (args?: unknown) => loadScenarioFile(ctx, vscode.l10n.t('Load Scenario File'), args)),
    vscode.commands.registerCommand(COMMANDS.runScenarioFile, (args?: unknown) => loadScenarioFile(ctx, vscode.l10n.t('Run in Kafka Lab'), args)),
    vscode.commands.registerCommand(COMMANDS.saveSessionAsScenario, async (args?: unknown) => {
      const title = vscode.l10n.t('Save Session as Scenario File');
      const target = checkedTarget(ctx, title, args);
      if (!target) return undefined;
      const session = ctx.host.session;
      // Only a file the loader accepts is written (the session stays within the scenario limits).
      const { $schema: _schema, ...scenario } = session.toScenario();
      const text = JSON.stringify(scenario, null, 2) + '\n';
      const check = loadScenario(text);
      if (!check.ok) {
        ctx.log.error(`Save Session as Scenario: the session does not make a valid scenario file:\n${formatScenarioErrors(check.errors)}`);
        void reportError(ctx, vscode.l10n.t('Kafka Lab: {0}: this session does not make a valid scenario file: {1}', title, formatScenarioErrors(check.errors.slice(0, 1))));
        return undefined;
      }
      const uri = await saveTarget(title, target, `${slug(session.scenario.name)}-session${SCENARIO_SUFFIX}`, { [vscode.l10n.t('Kafka Lab scenarios')]: ['json'] });
      if (!uri) return undefined;
      // No "$schema": contributes.jsonValidation covers every *.kafkalab.json wherever it is saved.
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      ctx.log.info(`Session saved as ${uri.toString(true)} (${session.actions.length} action(s) of yours added to the timeline).`);
      if (args === undefined) {
        const open = vscode.l10n.t('Open');
        void vscode.window.showInformationMessage(vscode.l10n.t('Kafka Lab: session saved as {0}.', fileName(uri)), open).then(async (c) => {
          if (c === open) await vscode.window.showTextDocument(uri);
        });
      }
      return uri;
    }),
    vscode.commands.registerCommand(COMMANDS.exportEventLog, async (args?: unknown) => {
      const title = vscode.l10n.t('Export Event Log');
      const target = checkedTarget(ctx, title, args);
      if (!target) return undefined;
      const session = ctx.host.session;
      const started = performance.now();
      const log = replayEventLog(session.persisted());
      const count = log === '' ? 0 : log.split('\n').length - 1;
      ctx.log.info(`Event log rebuilt by replay: ${count} events in ${(performance.now() - started).toFixed(0)} ms.`);
      const uri = await saveTarget(title, target, `${slug(session.scenario.name)}-events.jsonl`, { [vscode.l10n.t('JSON lines')]: ['jsonl'] });
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(log));
      if (args === undefined) void vscode.window.showInformationMessage(vscode.l10n.t('Kafka Lab: {0} events written to {1}.', count, fileName(uri)));
      return { uri, events: count };
    }),
  ];
}
