/**
 * Keeps VS Code's context keys in step with the session (the keys are documented in
 * contextKeyValues.ts). A key is set only when its value changed; the last values set are kept
 * for the tests (`KafkaLabApi.testing.contextKeys()`).
 */
import * as vscode from 'vscode';
import { Disposable } from '../base/disposable';
import { ContextKeyValue, changedContextKeys, contextKeyValues } from './contextKeyValues';
import type { SessionHost } from '../session/sessionHost';

export class ContextKeys extends Disposable {
  private values: Record<string, ContextKeyValue> = {};

  constructor(private readonly host: SessionHost) {
    super();
    this._register(host.onDidChange((u) => this.update(u.snapshot())));
    this.update(host.session.snapshot());
  }

  /** The values last set (a copy). */
  current(): Record<string, ContextKeyValue> {
    return { ...this.values };
  }

  private update(snap: ReturnType<SessionHost['session']['snapshot']>): void {
    const session = this.host.session;
    const source = this.host.source;
    const next = contextKeyValues(snap, {
      running: session.running,
      builtinScenario: source.kind === 'builtin' ? source.fileName : undefined,
      sessionTimeouts: session.eventCount('session-timed-out'),
      rebalances: session.eventCount('rebalance-completed'),
      userActions: session.actions.length,
    });
    for (const key of changedContextKeys(this.values, next)) {
      void vscode.commands.executeCommand('setContext', key, next[key]);
    }
    this.values = next;
  }
}
