/**
 * Owns the extension's one live SimulationSession: creates it (the first built-in tutorial
 * scenario when nothing is stored), restores it after a window reload from `workspaceState`,
 * persists it (debounced while it changes, and on deactivate) and tells every listener about each
 * change with one snapshot shared by all of them.
 */
import * as vscode from 'vscode';
import { Disposable } from '../base/disposable';
import type { Log } from '../base/outputChannel';
import { listBuiltinScenarios } from '../scenarios/builtinScenarios';
import { loadScenario, formatScenarioErrors, SimulationError } from '../../sim';
import type { Scenario } from '../../sim';
import type { SimSnapshot } from '../../sim';
import { PersistedSession, SessionChange, SimulationSession, Timer } from './simulationSession';

/** Where the session's scenario came from. */
export type ScenarioSource = { readonly kind: 'builtin'; readonly fileName: string } | { readonly kind: 'file'; readonly uri: string } | { readonly kind: 'inline' };

interface StoredSession {
  readonly format: 1;
  readonly session: PersistedSession;
  readonly source: ScenarioSource;
}

export const STORAGE_KEY = 'kafkaLab.session';
/** Where a stored session that cannot be restored is kept (never deleted). */
export const UNRESTORABLE_KEY = 'kafkaLab.session.unrestorable';
/** Persist at most this often while the session changes (real ms). */
export const PERSIST_DEBOUNCE_MS = 1_000;

/** One change of the session, as views, context keys and the status bar receive it. */
export interface SessionUpdate {
  readonly change: SessionChange;
  /** The snapshot after the change, built on first use and shared by every listener. */
  snapshot(): SimSnapshot;
}

/** Real time and intervals; `setInterval` exists in Node and in the web worker host alike. */
export const hostTimer: Timer = {
  now: () => performance.now(),
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    return { dispose: () => clearInterval(handle) };
  },
};

/** The scenario used when nothing is stored and the built-in ones cannot be read. */
const FALLBACK_SCENARIO: Scenario = {
  name: 'One consumer reads all three partitions',
  seed: 7,
  topics: [{ name: 'peter-01', partitions: 3 }],
  producers: [{ id: 'producer-1', topic: 'peter-01', ratePerSec: 30, keys: 30 }],
  groups: [{ groupId: 'consumer-group-01', consumers: [{ clientId: 'consumer01', ratePerSec: 50 }] }],
};

export class SessionHost extends Disposable {
  private current!: SimulationSession;
  private sourceValue: ScenarioSource = { kind: 'inline' };
  private sessionListener: { dispose(): void } | undefined;
  private failureListener: { dispose(): void } | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<SessionUpdate>());
  /** Fires after every change of the session (throttled by the session), and when it is replaced. */
  readonly onDidChange = this.changeEmitter.event;

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
    private readonly timer: Timer,
  ) {
    super();
  }

  /** Restores the stored session, or starts the default one. Never throws. */
  static async create(context: vscode.ExtensionContext, log: Log, timer: Timer = hostTimer): Promise<SessionHost> {
    const host = new SessionHost(context, log, timer);
    await host.restoreOrStart();
    return host;
  }

  get session(): SimulationSession {
    return this.current;
  }

  get source(): ScenarioSource {
    return this.sourceValue;
  }

  /** Starts over from `scenario` (a new scenario), keeping the play state. */
  load(scenario: Scenario, source: ScenarioSource): void {
    this.sourceValue = source;
    this.current.reset(scenario);
    this.log.info(`Session: scenario "${scenario.name}" loaded (${describeSource(source)}).`);
    this.schedulePersist();
  }

  /** Writes the session to workspaceState now (deactivate, tests). */
  async persistNow(): Promise<void> {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    const stored: StoredSession = { format: 1, session: this.current.persisted(), source: this.sourceValue };
    await this.context.workspaceState.update(STORAGE_KEY, stored);
  }

  /**
   * Drops the in-memory session and restores it from workspaceState, as a window reload does
   * (the tests' reloadSession hook). The session is persisted first unless `persistFirst` is false.
   */
  async reload(persistFirst = true): Promise<void> {
    if (persistFirst) await this.persistNow();
    this.current.dispose();
    await this.restoreOrStart();
    this.fireReplaced();
  }

  override dispose(): void {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.sessionListener?.dispose();
    this.failureListener?.dispose();
    this.current?.dispose();
    super.dispose();
  }

  // ---- internals ------------------------------------------------------------------------

  private async restoreOrStart(): Promise<void> {
    const stored = this.context.workspaceState.get<unknown>(STORAGE_KEY);
    if (stored !== undefined) {
      const outcome = this.restore(stored);
      if (outcome === 'restored') return;
      // Kept, not thrown away: a later version may read it, and the user can report it.
      await this.context.workspaceState.update(UNRESTORABLE_KEY, stored);
      if (outcome === 'restarted') return;
      await this.context.workspaceState.update(STORAGE_KEY, undefined);
    }
    const { scenario, source } = await this.defaultScenario();
    this.attach(new SimulationSession(scenario, this.timer), source);
    this.log.info(`Session started: "${scenario.name}".`);
  }

  /**
   * Brings a stored session back. A user action the engine now refuses is skipped and logged; a
   * replay that fails outright starts the stored scenario again from its beginning. Only a stored
   * value that is unreadable, or whose scenario is no longer valid, gives 'failed'.
   */
  private restore(stored: unknown): 'restored' | 'restarted' | 'failed' {
    const s = stored as StoredSession;
    if (!s || s.format !== 1 || !s.session || s.session.version !== 1) {
      this.log.warn(`The stored session has an unknown format (${JSON.stringify((s as { format?: unknown } | undefined)?.format)}); starting a new one (the old one is kept under ${UNRESTORABLE_KEY}).`);
      return 'failed';
    }
    const checked = loadScenario(JSON.stringify(s.session.scenario));
    if (!checked.ok) {
      this.log.warn(`The stored session's scenario is no longer valid; starting a new one (the old one is kept under ${UNRESTORABLE_KEY}):\n${formatScenarioErrors(checked.errors)}`);
      return 'failed';
    }
    const source = s.source ?? { kind: 'inline' };
    let session: SimulationSession;
    try {
      session = SimulationSession.restore(s.session, this.timer);
    } catch (e) {
      this.log.error(`The stored session could not be replayed (${e instanceof Error ? e.message : String(e)}); its scenario "${s.session.scenario.name}" starts again from the beginning (the stored session is kept under ${UNRESTORABLE_KEY}).`);
      try {
        this.attach(new SimulationSession(checked.scenario, this.timer), source);
      } catch (again) {
        this.log.error(`Its scenario cannot start either (${again instanceof Error ? again.message : String(again)}).`);
        return 'failed';
      }
      return 'restarted';
    }
    this.attach(session, source);
    for (const k of session.skippedOnRestore) {
      this.log.warn(`Restore: your action #${k.index + 1} (${k.action.action} at ${(k.at / 1000).toFixed(3)}s) no longer applies and was skipped: ${k.reason}`);
    }
    this.log.info(`Session restored: "${s.session.scenario.name}" at virtual time ${(session.simulation.now / 1000).toFixed(3)}s with ${session.actions.length} action(s) of yours${s.session.running ? ', playing' : ''}.`);
    if (s.session.running === true) session.play();
    return 'restored';
  }

  private async defaultScenario(): Promise<{ scenario: Scenario; source: ScenarioSource }> {
    try {
      const [first] = await listBuiltinScenarios(this.context.extensionUri);
      if (first) {
        const loaded = loadScenario(new TextDecoder().decode(await vscode.workspace.fs.readFile(first.uri)));
        if (loaded.ok) return { scenario: loaded.scenario, source: { kind: 'builtin', fileName: first.fileName } };
        this.log.error(`Built-in scenario ${first.fileName} is not valid:\n${formatScenarioErrors(loaded.errors)}`);
      } else {
        this.log.error('This build ships no built-in scenarios (dist/scenarios is empty).');
      }
    } catch (e) {
      this.log.error(`Could not read the built-in scenarios: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { scenario: FALLBACK_SCENARIO, source: { kind: 'inline' } };
  }

  private attach(session: SimulationSession, source: ScenarioSource): void {
    this.sessionListener?.dispose();
    this.failureListener?.dispose();
    this.current = session;
    this.sourceValue = source;
    this.sessionListener = session.onDidChange((change) => {
      this.fire(change);
      this.schedulePersist();
    });
    this.failureListener = session.onDidFail((e) => {
      const detail = e instanceof Error ? e.message : String(e);
      if (e instanceof SimulationError) {
        // An expected stop (30 days of virtual time): said, not reported as a fault.
        this.log.info(`The simulation paused: ${detail}`);
        void vscode.window.showInformationMessage(vscode.l10n.t('Kafka Lab: {0}', detail));
        return;
      }
      this.log.error(`The simulation stopped with an unexpected error and is paused: ${e instanceof Error ? (e.stack ?? detail) : detail}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Kafka Lab: the simulation met an unexpected error and is paused: {0}', detail));
    });
  }

  private fireReplaced(): void {
    this.fire({ events: [], reset: true });
  }

  private fire(change: SessionChange): void {
    let snap: SimSnapshot | undefined;
    const session = this.current;
    this.changeEmitter.fire({ change, snapshot: () => (snap ??= session.snapshot()) });
  }

  private schedulePersist(): void {
    if (this.persistTimer !== undefined || this.isDisposed) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      this.persistNow().then(undefined, (e: unknown) => this.log.error(`Could not save the session: ${String(e)}`));
    }, PERSIST_DEBOUNCE_MS);
  }
}

function describeSource(source: ScenarioSource): string {
  switch (source.kind) {
    case 'builtin':
      return `built-in ${source.fileName}`;
    case 'file':
      return source.uri;
    default:
      return 'inline';
  }
}
