/**
 * The webview's side of the channel: a typed wrapper around `acquireVsCodeApi()`. Every outgoing
 * message is checked with the same validator the extension uses on receipt, so a bug here shows
 * up in the webview's console instead of as an ignored intent.
 */
import type { WebviewMessage } from '../protocol/messages';
import { checkWebviewMessage } from '../protocol/messageChecks';
import type { Result } from '../sim';

/** What `acquireVsCodeApi()` returns (only the parts used). */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export class Host {
  constructor(private readonly api: VsCodeApi, private readonly log: Pick<Console, 'error'> = console) {}

  /** Sends `message` if it is well-formed (the message sent); refused, and logged, otherwise. */
  post(message: WebviewMessage): Result<WebviewMessage> {
    const checked = checkWebviewMessage(message);
    if (!checked.ok) this.log.error(`Kafka Lab webview: not sending an invalid message: ${checked.message}`);
    else this.api.postMessage(checked.value);
    return checked;
  }

  getState(): unknown {
    try {
      return this.api.getState();
    } catch {
      return undefined;
    }
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }
}
