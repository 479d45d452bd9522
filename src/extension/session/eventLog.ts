/**
 * The complete event log of a session, rebuilt by replay: the engine is deterministic, so running
 * the session's scenario again with the user's recorded actions at their virtual times gives the
 * same events, byte for byte, without the live simulation keeping them all in memory.
 *
 * No `vscode` import (unit-tested in Node).
 */
import { formatEventJson } from '../../sim';
import { Simulation } from '../../sim';
import type { PersistedSession } from './simulationSession';

/** Replays `state` and returns the event log as JSON lines (one event per line, a final newline). */
export function replayEventLog(state: PersistedSession): string {
  const lines: string[] = [];
  const sim = new Simulation(state.scenario, (e) => lines.push(formatEventJson(e)));
  for (const { at, action } of state.actions) {
    sim.runUntil(at);
    sim.apply(action);
  }
  sim.runUntil(Math.max(state.t, sim.now));
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
