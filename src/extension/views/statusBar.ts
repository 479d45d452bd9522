/**
 * The status bar item: the session at a glance (running or paused, the first group's generation,
 * the total lag), details in the tooltip; a click opens the simulator panel.
 */
import * as vscode from 'vscode';
import { Disposable } from '../base/disposable';
import type { SessionHost } from '../session/sessionHost';
import type { SimSnapshot } from '../../sim';
import { COMMANDS } from '../ids';

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const full = new Intl.NumberFormat('en');

export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private lastText = '';

  constructor(private readonly host: SessionHost) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('kafkaLab.session', vscode.StatusBarAlignment.Left, 10));
    this.item.name = vscode.l10n.t('Kafka Lab simulation');
    this.item.command = COMMANDS.openSimulator;
    this._register(host.onDidChange((u) => this.render(u.snapshot())));
    this.render(host.session.snapshot());
    this.item.show();
  }

  /** What the item shows now (for the tests). */
  get text(): string {
    return this.item.text;
  }

  private render(snap: SimSnapshot): void {
    const session = this.host.session;
    const lag = snap.groups.reduce((n, g) => n + g.totalLag, 0);
    const primary = snap.groups[0];
    const icon = session.running ? '$(pulse)' : '$(debug-pause)';
    const text = primary
      ? vscode.l10n.t('{0} Kafka Lab: gen {1} · lag {2}', icon, primary.generation, compact.format(lag))
      : vscode.l10n.t('{0} Kafka Lab', icon);
    if (text !== this.lastText) {
      this.item.text = text;
      this.lastText = text;
    }
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escape(vscode.l10n.t('Kafka Lab: {0}', snap.scenario))}**\n\n`);
    md.appendMarkdown(
      escape(
        vscode.l10n.t('{0} at {1}× · virtual time {2}s', session.running ? vscode.l10n.t('Running') : vscode.l10n.t('Paused'), session.speed, (snap.t / 1000).toFixed(1)),
      ) + '\n\n',
    );
    for (const g of snap.groups) {
      md.appendMarkdown(
        `- ${escape(vscode.l10n.t('{0}: {1}, generation {2}, {3} member(s), lag {4}', g.groupId, g.state, g.generation, g.members.length, full.format(g.totalLag)))}\n`,
      );
    }
    md.appendMarkdown(`\n${escape(vscode.l10n.t('Click to open the simulator.'))}`);
    this.item.tooltip = md;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
