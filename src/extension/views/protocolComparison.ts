/**
 * The "Compare protocols" answer: the session's scenario (with the user's changes so far) run
 * under classic eager, classic cooperative-sticky and KIP-848 rebalancing, as a `comparison`
 * message for the webview. No `vscode` here, so it is unit-tested in plain Node.
 */
import type { HostMessage } from '../../protocol/messages';
import { compareProtocols } from '../../sim';
import { parseDuration } from '../../sim';
import type { Scenario } from '../../sim';

/** What the comparison needs from a SimulationSession. */
export interface ComparableSession {
  /** The scenario the session started from (its `duration`, if any). */
  readonly scenario: Scenario;
  readonly simulation: { readonly now: number };
  /** The scenario with the user's actions added to its timeline. */
  toScenario(): Scenario;
}

/** Runs when no duration is set: long enough for the built-in scenarios' changes to play out. */
export const DEFAULT_COMPARISON_MS = 60_000;

/** How far to run each protocol: the time reached, or the scenario's duration (60 s without one), whichever is later. */
export function comparisonUntilMs(session: ComparableSession): number {
  const d = session.scenario.duration;
  const duration = d === undefined ? DEFAULT_COMPARISON_MS : parseDuration(d);
  return Math.max(session.simulation.now, duration);
}

export function runProtocolComparison(session: ComparableSession): Extract<HostMessage, { type: 'comparison' }> {
  const scenario = session.toScenario();
  const untilMs = comparisonUntilMs(session);
  const rows = compareProtocols(scenario, untilMs).map((r) => ({
    variant: r.variant,
    label: r.label,
    rounds: r.rounds,
    maxUnownedMs: r.maxUnownedMs,
    totalUnownedMs: r.totalUnownedMs,
    processed: r.processed,
    duplicates: r.duplicates,
    outOfOrder: r.outOfOrder,
  }));
  return { type: 'comparison', rows, scenarioName: session.scenario.name, untilMs };
}
