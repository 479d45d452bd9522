/**
 * The one live simulation of the extension: the engine, a clock that runs it at a chosen speed,
 * and the actions the user applied. Every view renders this session and sends it intents; nothing
 * else holds simulation state.
 *
 * No `vscode` import: the clock and the timer are injected, so the session runs (and is tested)
 * in plain Node. Persistence is by replay: the scenario, the user's actions with their virtual
 * times, and the current virtual time are enough to rebuild the exact same state, because the
 * engine is deterministic.
 */
import type { SimEvent } from '../../sim';
import type { Action, Scenario, TimelineEntry } from '../../sim';
import { Simulation, SimulationError } from '../../sim';
import { snapshot, SimSnapshot } from '../../sim';
import { MAX_SPEED, MIN_SPEED, SessionStatus } from '../../protocol/messages';
import { checkAction } from '../../protocol/messageChecks';
import { MAX_RUN_MS, MAX_RUN_TEXT, MAX_TIMELINE_ENTRIES } from '../../sim';

export interface Timer {
  /** Real time in ms (performance.now() or Date.now()). */
  now(): number;
  setInterval(callback: () => void, ms: number): { dispose(): void };
}

export interface RecordedAction {
  /** Virtual time (ms) at which the user applied it. */
  readonly at: number;
  readonly action: Action;
}

export interface PersistedSession {
  readonly version: 1;
  readonly scenario: Scenario;
  readonly actions: readonly RecordedAction[];
  /** Virtual time reached. */
  readonly t: number;
  readonly speed: number;
  /** Whether the clock was running (sessions stored before this field come back paused). */
  readonly running?: boolean;
}

/** A stored user action that no longer applies on replay (restore skips it and says so). */
export interface SkippedAction {
  readonly index: number;
  readonly at: number;
  readonly action: Action;
  readonly reason: string;
}

export interface SessionChange {
  /** Events since the previous change notification (at most MAX_EVENTS_PER_CHANGE, the newest). */
  readonly events: readonly SimEvent[];
  /** True when the simulation was replaced (reset, a new scenario): views drop what they had. */
  readonly reset: boolean;
}

/** How often the clock advances the simulation while it runs (real ms). */
export const FRAME_MS = 50;
/** Views hear about changes at most this often (real ms) while running. */
export const CHANGE_INTERVAL_MS = 100;
/** One frame never advances more than this much real time (after a pause of the host, a sleep...). */
const MAX_FRAME_REAL_MS = 250;
export const MAX_EVENTS_PER_CHANGE = 500;

export class SimulationSession {
  private sim: Simulation;
  private scenarioValue: Scenario;
  private recorded: RecordedAction[] = [];
  private runningValue = false;
  private speedValue = 1;
  private frameTimer: { dispose(): void } | undefined;
  private lastFrameAt = 0;
  /**
   * Virtual time owed to the engine, under one millisecond: real time × speed is fractional, and
   * the virtual clock stays in whole milliseconds (so saved sessions hold whole-ms times).
   */
  private carryMs = 0;
  private readonly failureListeners = new Set<(error: unknown) => void>();
  /** User actions a restore could not replay (empty for a session that was not restored). */
  skippedOnRestore: readonly SkippedAction[] = [];
  private lastChangeAt = -Infinity;
  private pendingEvents: SimEvent[] = [];
  private pendingReset = false;
  private readonly listeners = new Set<(change: SessionChange) => void>();
  private disposed = false;
  /** How many events of each type the simulation emitted since the scenario started. */
  private counts = new Map<SimEvent['type'], number>();

  constructor(scenario: Scenario, private readonly timer: Timer) {
    this.scenarioValue = scenario;
    this.sim = this.createSimulation(scenario);
  }

  /**
   * Rebuilds a session from `persisted()`. A stored action the engine now refuses is skipped (and
   * listed in `skippedOnRestore`) rather than losing the whole session; the play state comes back
   * with `wasRunning()`. Throws only for a scenario the engine cannot start at all.
   */
  static restore(state: PersistedSession, timer: Timer): SimulationSession {
    const session = new SimulationSession(state.scenario, timer);
    const skipped: SkippedAction[] = [];
    (Array.isArray(state.actions) ? state.actions : []).forEach((stored: unknown, index) => {
      const entry = stored as Partial<RecordedAction> | null;
      // Whole milliseconds (sessions stored by older versions may hold fractions).
      const at = typeof entry?.at === 'number' && Number.isFinite(entry.at) ? Math.min(MAX_RUN_MS, Math.max(0, Math.round(entry.at))) : undefined;
      const checked = checkAction(entry?.action);
      if (at === undefined || !checked.ok) {
        skipped.push({ index, at: at ?? 0, action: entry?.action as Action, reason: at === undefined ? `at: ${String(entry?.at)} is not a time` : checked.ok ? '' : checked.message });
        return;
      }
      session.sim.runUntil(Math.max(at, session.sim.now));
      try {
        session.sim.apply(checked.value);
        session.recorded.push({ at: session.sim.now, action: checked.value });
      } catch (e) {
        if (!(e instanceof SimulationError)) throw e;
        skipped.push({ index, at, action: checked.value, reason: e.message });
      }
    });
    session.skippedOnRestore = skipped;
    session.sim.runUntil(Math.max(Math.min(MAX_RUN_MS, Math.round(Number(state.t) || 0)), session.sim.now));
    session.speedValue = clampSpeed(state.speed);
    session.pendingEvents = [];
    session.pendingReset = true;
    return session;
  }

  get simulation(): Simulation {
    return this.sim;
  }

  get scenario(): Scenario {
    return this.scenarioValue;
  }

  get running(): boolean {
    return this.runningValue;
  }

  get speed(): number {
    return this.speedValue;
  }

  get actions(): readonly RecordedAction[] {
    return this.recorded;
  }

  status(): SessionStatus {
    return { running: this.runningValue, speed: this.speedValue, scenarioName: this.scenarioValue.name, userActions: this.recorded.length };
  }

  snapshot(): SimSnapshot {
    return snapshot(this.sim);
  }

  /** How many events of `type` happened since the scenario started (replays count too, so a restored session agrees). */
  eventCount(type: SimEvent['type']): number {
    return this.counts.get(type) ?? 0;
  }

  onDidChange(listener: (change: SessionChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Hears about an error the running clock met (the session pauses; nothing is lost). */
  onDidFail(listener: (error: unknown) => void): { dispose(): void } {
    this.failureListeners.add(listener);
    return { dispose: () => this.failureListeners.delete(listener) };
  }

  // ---- controls -------------------------------------------------------------------------

  play(): void {
    if (this.runningValue || this.disposed) return;
    this.runningValue = true;
    this.lastFrameAt = this.timer.now();
    this.carryMs = 0;
    this.frameTimer = this.timer.setInterval(() => this.frame(), FRAME_MS);
    this.flush(true);
  }

  pause(): void {
    if (!this.runningValue) return;
    this.runningValue = false;
    this.frameTimer?.dispose();
    this.frameTimer = undefined;
    this.flush(true);
  }

  /** One tick of the engine (pauses first). */
  step(): void {
    this.pause();
    this.sim.step();
    this.flush(true);
  }

  /** Advances virtual time by `ms` at once (for commands and tests). */
  advance(ms: number): void {
    // Whole milliseconds, as the frame clock keeps them, and never past MAX_RUN_MS.
    this.sim.advance(Math.min(Math.max(0, Math.round(ms)), MAX_RUN_MS - this.sim.now));
    this.flush(true);
  }

  /** True once the session reached MAX_RUN_MS (30 days of virtual time): it cannot run further. */
  get atTimeLimit(): boolean {
    return this.sim.now >= MAX_RUN_MS;
  }

  setSpeed(speed: number): void {
    this.speedValue = clampSpeed(speed);
    this.flush(true);
  }

  /** Starts over from `scenario` (default: the current one), paused. */
  reset(scenario: Scenario = this.scenarioValue): void {
    const wasRunning = this.runningValue;
    this.pause();
    this.scenarioValue = scenario;
    this.recorded = [];
    this.counts = new Map();
    this.sim = this.createSimulation(scenario);
    this.pendingEvents = [];
    this.pendingReset = true;
    if (wasRunning) this.play();
    else this.flush(true);
  }

  /** Applies a user action now; throws SimulationError (with the field and value) if it cannot. */
  apply(action: Action): void {
    // What a saved session may hold: the scenario's timeline and the user's actions together.
    if ((this.scenarioValue.timeline?.length ?? 0) + this.recorded.length >= MAX_TIMELINE_ENTRIES) {
      throw new SimulationError(`this session already holds ${MAX_TIMELINE_ENTRIES} timeline actions (the scenario's and yours), the most a scenario file can; reset or load a scenario to go on`);
    }
    this.sim.apply(action);
    this.recorded.push({ at: this.sim.now, action });
    this.flush(true);
  }

  persisted(): PersistedSession {
    return { version: 1, scenario: this.scenarioValue, actions: this.recorded.slice(), t: this.sim.now, speed: this.speedValue, running: this.runningValue };
  }

  /**
   * The session as a scenario file: the original scenario with the user's actions added to its
   * timeline (in time order) and the duration set to the time reached, so running it replays
   * this session.
   */
  toScenario(name?: string): Scenario {
    const base = this.scenarioValue;
    const timeline: TimelineEntry[] = [...(base.timeline ?? []), ...this.recorded.map(({ at, action }) => ({ at, ...action }) as TimelineEntry)];
    return { ...base, ...(name ? { name } : {}), duration: Math.max(this.sim.now, 1), timeline };
  }

  dispose(): void {
    this.pause();
    this.disposed = true;
    this.listeners.clear();
  }

  // ---- internals ------------------------------------------------------------------------

  private createSimulation(scenario: Scenario): Simulation {
    return new Simulation(scenario, (e) => {
      this.counts.set(e.type, (this.counts.get(e.type) ?? 0) + 1);
      this.pendingEvents.push(e);
      if (this.pendingEvents.length > MAX_EVENTS_PER_CHANGE * 2) this.pendingEvents.splice(0, this.pendingEvents.length - MAX_EVENTS_PER_CHANGE);
    });
  }

  private frame(): void {
    const now = this.timer.now();
    const real = Math.min(MAX_FRAME_REAL_MS, Math.max(0, now - this.lastFrameAt));
    this.lastFrameAt = now;
    const owed = this.carryMs + real * this.speedValue;
    const whole = Math.min(Math.floor(owed), MAX_RUN_MS - this.sim.now);
    this.carryMs = owed - Math.floor(owed);
    if (whole <= 0 && this.atTimeLimit) {
      // 30 virtual days: the longest a scenario (and so a saved session) may run.
      this.pause();
      for (const l of this.failureListeners) l(new SimulationError(`the session reached ${MAX_RUN_TEXT} of virtual time, the longest a scenario can run, and is paused`));
      return;
    }
    try {
      if (whole > 0) this.sim.advance(whole);
    } catch (e) {
      // Never out of a timer callback, where nobody would hear of it: pause and tell.
      this.pause();
      for (const l of this.failureListeners) l(e);
      return;
    }
    this.flush(false);
  }

  private flush(force: boolean): void {
    const now = this.timer.now();
    if (!force && now - this.lastChangeAt < CHANGE_INTERVAL_MS) return;
    this.lastChangeAt = now;
    const events = this.pendingEvents.length > MAX_EVENTS_PER_CHANGE ? this.pendingEvents.slice(-MAX_EVENTS_PER_CHANGE) : this.pendingEvents;
    const change: SessionChange = { events, reset: this.pendingReset };
    this.pendingEvents = [];
    this.pendingReset = false;
    for (const l of this.listeners) l(change);
  }
}

function clampSpeed(speed: number): number {
  return Number.isFinite(speed) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) : 1;
}
