/**
 * Add Consumer…, Stop/Crash/Stall/Restart Consumer…, Add Consumer Group…, Change Assignor….
 * Without arguments each asks (quick picks, input boxes checked as you type); with an arguments
 * object it checks them the same way and asks nothing.
 */
import * as vscode from 'vscode';
import type { AssignorName } from '../../sim';
import type { ConsumerStatus } from '../../sim';
import { addConsumerArgs, addGroupArgs, changeAssignorArgs, consumerArgs, everyConsumer, parseNumberInput, stallConsumerArgs } from './arguments';
import { CommandContext, checker, inputChecked, pickOne, registerActionCommand } from './commandSupport';
import { COMMANDS } from '../ids';

/** Asks for a group when there is more than one; undefined when cancelled or there is none. */
export async function pickGroup(ctx: CommandContext, title: string): Promise<string | undefined> {
  const snap = ctx.host.session.snapshot();
  if (snap.groups.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Kafka Lab: the simulation has no consumer group.'));
    return undefined;
  }
  if (snap.groups.length === 1) return snap.groups[0]!.groupId;
  return pickOne(
    title,
    vscode.l10n.t('Choose a consumer group'),
    snap.groups.map((g) => ({
      label: g.groupId,
      description: vscode.l10n.t('{0}, generation {1}', g.state, g.generation),
      detail: vscode.l10n.t('{0} member(s), lag {1}', g.members.length, g.totalLag),
      value: g.groupId,
    })),
  );
}

async function pickConsumer(ctx: CommandContext, title: string, statuses: readonly ConsumerStatus[]): Promise<string | undefined> {
  const snap = ctx.host.session.snapshot();
  const fitting = everyConsumer(snap).filter((c) => statuses.includes(c.status));
  if (fitting.length === 0) {
    void vscode.window.showInformationMessage(
      statuses.includes('running') ? vscode.l10n.t('Kafka Lab: no consumer is running.') : vscode.l10n.t('Kafka Lab: no consumer is stopped or crashed.'),
    );
    return undefined;
  }
  return pickOne(
    title,
    vscode.l10n.t('Choose a consumer'),
    fitting.map((c) => ({
      label: c.clientId,
      description: `${c.group}${c.kind === 'standalone' ? ` (${vscode.l10n.t('standalone')})` : c.kind === 'share' ? ` (${vscode.l10n.t('share group')})` : ''} · ${c.status}`,
      detail: c.reads.length ? vscode.l10n.t('reads {0}', c.reads.join(', ')) : c.status === 'running' ? vscode.l10n.t('idle: no partition') : undefined,
      value: c.clientId,
    })),
  );
}

const ASSIGNOR_DESCRIPTIONS = (): Record<AssignorName, string> => ({
  range: vscode.l10n.t('Per topic, consecutive partitions to members in order (eager; Kafka’s default first choice)'),
  roundrobin: vscode.l10n.t('All partitions dealt one by one to members in turn (eager)'),
  sticky: vscode.l10n.t('Balanced, and keeps as many previous assignments as it can (eager)'),
  'cooperative-sticky': vscode.l10n.t('Sticky, revoking only the partitions that move, in two rounds (cooperative)'),
});

export function registerConsumerCommands(ctx: CommandContext): vscode.Disposable[] {
  const consumerCommand = (id: string, title: () => string, action: 'stop-consumer' | 'crash-consumer' | 'restart-consumer') =>
    registerActionCommand(ctx, id, title, consumerArgs(action), async (t) => {
      const consumer = await pickConsumer(ctx, t, action === 'restart-consumer' ? ['stopped', 'crashed'] : ['running']);
      return consumer === undefined ? undefined : { consumer };
    });

  return [
    registerActionCommand(ctx, COMMANDS.addConsumer, () => vscode.l10n.t('Add Consumer'), addConsumerArgs, async (title) => {
      const group = await pickGroup(ctx, title);
      if (group === undefined) return undefined;
      const check = checker(ctx);
      const clientId = await inputChecked(title, vscode.l10n.t('client.id of the new consumer in {0} (unique)', group), check.suggestClientId(), (t) => checker(ctx).newClientId(vscode.l10n.t('client id'), t.trim()));
      if (clientId === undefined) return undefined;
      const ratePerSec = await inputChecked(title, vscode.l10n.t('Records {0} processes per second', clientId), String(check.suggestRate(group)), (t) => check.rate(vscode.l10n.t('rate'), parseNumberInput(t)));
      return ratePerSec === undefined ? undefined : { group, clientId, ratePerSec };
    }),
    consumerCommand(COMMANDS.stopConsumer, () => vscode.l10n.t('Stop Consumer'), 'stop-consumer'),
    consumerCommand(COMMANDS.crashConsumer, () => vscode.l10n.t('Crash Consumer'), 'crash-consumer'),
    consumerCommand(COMMANDS.restartConsumer, () => vscode.l10n.t('Restart Consumer'), 'restart-consumer'),
    registerActionCommand(ctx, COMMANDS.stallConsumer, () => vscode.l10n.t('Stall Consumer'), stallConsumerArgs, async (title) => {
      const consumer = await pickConsumer(ctx, title, ['running']);
      if (consumer === undefined) return undefined;
      const check = checker(ctx);
      const readDuration = (t: string): string | number => (/^\s*\d+\s*$/.test(t) ? Number(t) : t.trim());
      const duration = await inputChecked(title, vscode.l10n.t('How long {0} stops polling: milliseconds or e.g. 30s, 2m, 1m30s', consumer), '30s', (t) => {
        const r = check.duration(vscode.l10n.t('duration'), readDuration(t));
        return r.ok ? { ok: true, value: readDuration(t) } : r;
      });
      return duration === undefined ? undefined : { consumer, duration };
    }),
    registerActionCommand(ctx, COMMANDS.addConsumerGroup, () => vscode.l10n.t('Add Consumer Group'), addGroupArgs, async (title) => {
      const check = checker(ctx);
      const groupId = await inputChecked(title, vscode.l10n.t('group.id of the new group (it reads the same topic from its own offsets)'), check.suggestGroupId(), (t) => checker(ctx).newGroupId(vscode.l10n.t('group id'), t.trim()));
      if (groupId === undefined) return undefined;
      const consumers = await inputChecked(title, vscode.l10n.t('How many consumers start in {0} (0 to 50)', groupId), '1', (t) => check.integer(vscode.l10n.t('consumers'), parseNumberInput(t), 0, 50));
      return consumers === undefined ? undefined : { groupId, consumers };
    }),
    registerActionCommand(ctx, COMMANDS.changeAssignor, () => vscode.l10n.t('Change Assignor'), changeAssignorArgs, async (title) => {
      const group = await pickGroup(ctx, title);
      if (group === undefined) return undefined;
      const current = ctx.host.session.snapshot().groups.find((g) => g.groupId === group)?.assignor;
      const descriptions = ASSIGNOR_DESCRIPTIONS();
      const assignor = await pickOne(
        title,
        vscode.l10n.t('partition.assignment.strategy for every member of {0} (a rolling change: members rejoin)', group),
        (Object.keys(descriptions) as AssignorName[]).map((name) => ({
          label: name,
          description: name === current ? vscode.l10n.t('in use') : undefined,
          detail: descriptions[name],
          value: name,
        })),
      );
      return assignor === undefined ? undefined : { group, assignor };
    }),
  ];
}
