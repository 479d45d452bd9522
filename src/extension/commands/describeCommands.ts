/** Describe Group…: the `kafka-consumer-groups.sh --describe` output of a group, in a new untitled document. */
import * as vscode from 'vscode';
import { describeGroupText } from './describeDocument';
import { describeGroupArgs } from './arguments';
import { CommandContext, checker, reportError } from './commandSupport';
import { pickGroup } from './consumerCommands';
import { COMMANDS } from '../ids';

export function registerDescribeCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.describeGroup, async (args?: unknown) => {
      const title = vscode.l10n.t('Describe Group');
      let group: string | undefined;
      if (args === undefined) {
        group = await pickGroup(ctx, title);
        if (group === undefined) return undefined;
      } else {
        const r = describeGroupArgs(checker(ctx), args);
        if (!r.ok) {
          void reportError(ctx, vscode.l10n.t('Kafka Lab: {0}: {1}', title, r.message));
          return undefined;
        }
        group = r.value;
      }
      const content = describeGroupText(
        ctx.host.session.simulation,
        group,
        vscode.l10n.t("Kafka Lab only (not Kafka's tool): TIME-LAG-MS is the age of the oldest unconsumed record; RECORDS-LAG is the log-end offset minus the consumer's fetch position (records fetched but not yet committed make it smaller than LAG)"),
      );
      const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
      await vscode.window.showTextDocument(document, { preview: false });
      return document;
    }),
  ];
}
