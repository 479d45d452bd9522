/** Add Partitions…, Set Producer Rate…. */
import * as vscode from 'vscode';
import { addPartitionsArgs, parseNumberInput, setProducerRateArgs } from './arguments';
import { CommandContext, checker, inputChecked, pickOneUnlessOnly, registerActionCommand } from './commandSupport';
import { COMMANDS } from '../ids';

export function registerTopicCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    registerActionCommand(ctx, COMMANDS.addPartitions, () => vscode.l10n.t('Add Partitions'), addPartitionsArgs, async (title) => {
      const snap = ctx.host.session.snapshot();
      const topic = await pickOneUnlessOnly(
        title,
        vscode.l10n.t('Choose a topic'),
        snap.topics.map((t) => ({ label: t.name, description: vscode.l10n.t('{0} partitions', t.partitions.length), value: t.name })),
      );
      if (topic === undefined) return undefined;
      const check = checker(ctx);
      const current = check.partitionCount(topic);
      const partitions = await inputChecked(
        title,
        vscode.l10n.t("New total number of partitions of '{0}' (now {1}; partitions only grow, at most 10,000)", topic, current),
        String(current + 1),
        (t) => check.newPartitionTotal(vscode.l10n.t('partitions'), topic, parseNumberInput(t)),
      );
      return partitions === undefined ? undefined : { topic, partitions };
    }),
    registerActionCommand(ctx, COMMANDS.setProducerRate, () => vscode.l10n.t('Set Producer Rate'), setProducerRateArgs, async (title) => {
      const snap = ctx.host.session.snapshot();
      if (snap.producers.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Kafka Lab: the simulation has no producer.'));
        return undefined;
      }
      const producer = await pickOneUnlessOnly(
        title,
        vscode.l10n.t('Choose a producer'),
        snap.producers.map((p) => ({ label: p.id, description: vscode.l10n.t('{0} → {1} records/s', p.topic, p.ratePerSec), value: p.id })),
      );
      if (producer === undefined) return undefined;
      const check = checker(ctx);
      const now = snap.producers.find((p) => p.id === producer)?.ratePerSec ?? 0;
      const ratePerSec = await inputChecked(title, vscode.l10n.t('Records {0} produces per second (0 pauses it)', producer), String(now), (t) => check.rate(vscode.l10n.t('rate'), parseNumberInput(t)));
      return ratePerSec === undefined ? undefined : { producer, ratePerSec };
    }),
  ];
}
