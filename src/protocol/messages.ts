/**
 * The typed messages between the extension host and its webviews, in both directions: one
 * discriminated union each way. Both sides validate what they receive (`validate.ts`); an unknown
 * or malformed message is reported, never acted on.
 *
 * No `vscode` and no DOM here: the same file is bundled into the extension and the webview.
 */
import type { Action } from '../sim';
import type { SimEvent } from '../sim';
import type { SimSnapshot } from '../sim';
import type { ProtocolComparisonRow } from '../sim';

/** One protocol's figures in a comparison: the engine's own row type (`compareProtocols`). */
export type { ProtocolComparisonRow } from '../sim';

export const PROTOCOL_VERSION = 1;

/** Which webview is talking. */
export type ViewKind = 'sidebar' | 'panel';

export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;

/** The session's controls, as every view shows them. */
export interface SessionStatus {
  readonly running: boolean;
  /** Virtual ms per real ms. */
  readonly speed: number;
  /** The scenario the session started from. */
  readonly scenarioName: string;
  /** Actions applied by the user since the scenario started. */
  readonly userActions: number;
}

// ---- extension → webview ------------------------------------------------------------------

export type HostMessage =
  /** The first message after `ready`: everything needed to render. */
  | { readonly type: 'init'; readonly version: number; readonly view: ViewKind; readonly status: SessionStatus; readonly snapshot: SimSnapshot; readonly events: readonly SimEvent[]; readonly strings: Readonly<Record<string, string>> }
  /** A throttled update: the new snapshot and only the events since the previous message. */
  | { readonly type: 'update'; readonly status: SessionStatus; readonly snapshot: SimSnapshot; readonly events: readonly SimEvent[]; readonly reset: boolean }
  /** An intent could not be carried out (e.g. "consumer 'x' is not running"). */
  | { readonly type: 'error'; readonly message: string }
  /** The answer to `compare-protocols`: the session's scenario run once per rebalance protocol. */
  | { readonly type: 'comparison'; readonly rows: readonly ProtocolComparisonRow[]; readonly scenarioName: string; readonly untilMs: number };

// ---- webview → extension ------------------------------------------------------------------

export type ControlCommand = 'play' | 'pause' | 'step' | 'reset';

export type WebviewMessage =
  | { readonly type: 'ready'; readonly view: ViewKind }
  | { readonly type: 'control'; readonly command: ControlCommand }
  | { readonly type: 'set-speed'; readonly speed: number }
  /** Apply one engine action now (add a consumer, crash one, add partitions, ...). */
  | { readonly type: 'action'; readonly action: Action }
  /** Open the describe table of a group as a text document. */
  | { readonly type: 'open-describe'; readonly group: string }
  /** Open the simulator panel (from the sidebar). */
  | { readonly type: 'open-panel' }
  /** Run the session's scenario under classic eager, classic cooperative-sticky and KIP-848 (answered by `comparison`). */
  | { readonly type: 'compare-protocols' };

export type WebviewMessageType = WebviewMessage['type'];
export type HostMessageType = HostMessage['type'];
