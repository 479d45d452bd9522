/** Open Simulator, Play, Pause, Step, Reset, Set Speed. */
import * as vscode from 'vscode';
import { MAX_SPEED, MIN_SPEED, SPEEDS } from '../../protocol/messages';
import { CommandContext, pickOne, reportError } from './commandSupport';
import { showValue } from '../../sim';
import { COMMANDS } from '../ids';

export function registerSessionCommands(ctx: CommandContext): vscode.Disposable[] {
  const session = () => ctx.host.session;
  return [
    vscode.commands.registerCommand(COMMANDS.openSimulator, () => {
      ctx.panels.show();
      return true;
    }),
    vscode.commands.registerCommand(COMMANDS.play, () => {
      session().play();
      return session().running;
    }),
    vscode.commands.registerCommand(COMMANDS.pause, () => {
      session().pause();
      return session().running;
    }),
    vscode.commands.registerCommand(COMMANDS.step, () => {
      session().step();
      return session().simulation.now;
    }),
    vscode.commands.registerCommand(COMMANDS.reset, () => {
      session().reset();
      return session().simulation.now;
    }),
    vscode.commands.registerCommand(COMMANDS.setSpeed, async (args?: unknown) => {
      const title = vscode.l10n.t('Set Speed');
      let speed: unknown;
      if (args === undefined) {
        speed = await pickOne(
          title,
          vscode.l10n.t('Virtual seconds per real second'),
          SPEEDS.map((s) => ({ label: `${s}×`, value: s, ...(s === session().speed ? { description: vscode.l10n.t('current') } : {}) })),
        );
        if (speed === undefined) return undefined;
      } else {
        speed = typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as { speed?: unknown }).speed : args;
      }
      if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
        void reportError(ctx, vscode.l10n.t('Kafka Lab: {0}: {1}', title, vscode.l10n.t('speed: {0} is not valid: expected a number from {1} to {2}', showValue(speed), MIN_SPEED, MAX_SPEED)));
        return undefined;
      }
      session().setSpeed(speed);
      return session().speed;
    }),
  ];
}
