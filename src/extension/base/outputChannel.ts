/** The "Kafka Lab" output channel (a LogOutputChannel: levels, timestamps, the user's log level). */
import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Kafka Lab', { log: true });
}
