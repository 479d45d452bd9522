/**
 * Comparisons: the same scenario run several ways, measured the same way (rebalance rounds, how
 * long partitions had no consumer, records processed twice).
 *
 * Protocols: the same scenario under the three ways a consumer group can rebalance, side by side:
 * the classic protocol with an eager assignor (everyone stops), the classic protocol with
 * cooperative-sticky (KIP-429: only what moves stops, in two rounds), and the KIP-848 consumer
 * protocol (the coordinator assigns; members reconcile one heartbeat at a time).
 */
import type { ConsumerSpec, GroupSpec, Scenario, TimelineEntry } from './scenario/types';
import { parseDuration } from './scenario/duration';
import { Simulation } from './simulation';

export type ProtocolVariant = 'classic-eager' | 'classic-cooperative' | 'kip848';

export const PROTOCOL_VARIANTS: ReadonlyArray<{ readonly variant: ProtocolVariant; readonly label: string }> = [
  { variant: 'classic-eager', label: 'classic, eager (range)' },
  { variant: 'classic-cooperative', label: 'classic, cooperative-sticky' },
  { variant: 'kip848', label: 'KIP-848 consumer (uniform)' },
];

/** One protocol's figures in a comparison (sent to the webviews as they are). */
export interface ProtocolComparisonRow extends RunMeasures {
  readonly variant: ProtocolVariant;
  /** English label from the engine; views show their own localised name for `variant`. */
  readonly label: string;
}

function consumerFor(variant: ProtocolVariant, c: ConsumerSpec): ConsumerSpec {
  const config = { ...(c.config ?? {}) } as Record<string, unknown>;
  delete config['partition.assignment.strategy'];
  delete config['group.protocol'];
  delete config['group.remote.assignor'];
  if (variant === 'classic-eager') config['partition.assignment.strategy'] = 'range';
  else if (variant === 'classic-cooperative') config['partition.assignment.strategy'] = 'cooperative-sticky';
  else {
    config['group.protocol'] = 'consumer';
    config['group.remote.assignor'] = 'uniform';
    // The broker's group.consumer.* settings apply instead (Kafka 4.x clients refuse these).
    delete config['session.timeout.ms'];
    delete config['heartbeat.interval.ms'];
  }
  return { ...c, config: config as ConsumerSpec['config'] };
}

function groupFor(variant: ProtocolVariant, g: GroupSpec): GroupSpec {
  const { assignor: _assignor, ...rest } = g;
  return { ...rest, consumers: (g.consumers ?? []).map((c) => consumerFor(variant, c)) };
}

/** The scenario rewritten so that every group member uses the variant's protocol. */
export function scenarioForVariant(scenario: Scenario, variant: ProtocolVariant): Scenario {
  const timeline: TimelineEntry[] = [];
  for (const e of scenario.timeline ?? []) {
    if (e.action === 'set-assignor') continue; // the variant decides the protocol
    if (e.action === 'add-consumer') timeline.push({ ...e, consumer: consumerFor(variant, e.consumer) });
    else if (e.action === 'add-group') timeline.push({ ...e, group: groupFor(variant, e.group) });
    else timeline.push(e);
  }
  return { ...scenario, groups: (scenario.groups ?? []).map((g) => groupFor(variant, g)), timeline };
}

/** What one run of a variant measured. */
export interface RunMeasures {
  /** Assignment rounds in the measured window (rebalances, or KIP-848 target assignments). */
  readonly rounds: number;
  /** The longest time one partition had no running consumer, in the measured window (ms). */
  readonly maxUnownedMs: number;
  /** Partition-milliseconds without a running consumer, summed over partitions. */
  readonly totalUnownedMs: number;
  readonly processed: number;
  /** Records processed twice. */
  readonly duplicates: number;
  readonly outOfOrder: number;
}

/**
 * Runs a scenario until `untilMs` and measures its rebalances. What is measured starts at the
 * scenario's first timeline action (the change the scenario is about), so that the groups'
 * formation at the start (one initial rebalance for classic groups, one epoch per arriving member
 * for KIP-848) is left out; a scenario without a timeline is measured once its groups are Stable.
 */
export function measureRun(scenario: Scenario, untilMs: number): RunMeasures {
  const firstAction = Math.min(...(scenario.timeline ?? []).map((e) => parseDuration(e.at)));
  const windowStart = Number.isFinite(firstAction) ? firstAction : 0;
  let rounds = 0;
  const formed = new Set<string>();
  const sim = new Simulation(scenario, (e) => {
    if (e.type === 'group-state-changed' && e.to === 'Stable') formed.add(e.group);
    if ((e.type === 'rebalance-completed' || e.type === 'target-assignment-computed') && formed.has(e.group) && e.t >= windowStart) rounds++;
  });
  const unownedSince = new Map<string, number>();
  const unownedTotal = new Map<string, number>();
  let maxUnownedMs = 0;
  while (sim.now < untilMs) {
    sim.step();
    if (sim.now <= windowStart) continue;
    for (const groupId of sim.groups.keys()) {
      if (!formed.has(groupId)) continue;
      const members = [...sim.consumers.values()].filter((c) => c.groupId === groupId && !c.standalone);
      const running = members.filter((c) => c.status === 'running');
      if (running.length === 0) continue;
      const owned = new Set(running.flatMap((c) => c.ownedNames()));
      const topics = new Set(members.flatMap((c) => c.topics));
      for (const t of topics) {
        const topic = sim.topics.get(t);
        if (!topic) continue;
        for (let p = 0; p < topic.partitionCount; p++) {
          const name = `${groupId}\u0000${t}-${p}`;
          if (owned.has(`${t}-${p}`)) {
            unownedSince.delete(name);
          } else {
            const since = unownedSince.get(name) ?? sim.now - sim.tickMs;
            unownedSince.set(name, since);
            unownedTotal.set(name, (unownedTotal.get(name) ?? 0) + sim.tickMs);
            maxUnownedMs = Math.max(maxUnownedMs, sim.now - since);
          }
        }
      }
    }
  }
  let processed = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  for (const g of sim.groups.values()) {
    const ledger = sim.ledger(g.groupId);
    processed += ledger.totals.processed;
    duplicates += ledger.totals.duplicates;
    outOfOrder += ledger.totals.outOfOrder;
  }
  const totalUnownedMs = [...unownedTotal.values()].reduce((a, b) => a + b, 0);
  return { rounds, maxUnownedMs, totalUnownedMs, processed, duplicates, outOfOrder };
}

/** Runs the scenario under the three protocols (see measureRun for what is measured). */
export function compareProtocols(scenario: Scenario, untilMs: number): ProtocolComparisonRow[] {
  return PROTOCOL_VARIANTS.map(({ variant, label }) => ({ variant, label, ...measureRun(scenarioForVariant(scenario, variant), untilMs) }));
}

export type MembershipVariant = 'dynamic' | 'static';

/** The scenario with every group member dynamic, or static (`group.instance.id` = its client.id). */
export function scenarioForMembership(scenario: Scenario, variant: MembershipVariant): Scenario {
  const consumer = (c: ConsumerSpec): ConsumerSpec => {
    const config = { ...(c.config ?? {}) } as Record<string, unknown>;
    delete config['group.instance.id'];
    if (variant === 'static') config['group.instance.id'] = c.clientId;
    return { ...c, config: config as ConsumerSpec['config'] };
  };
  const group = (g: GroupSpec): GroupSpec => ({ ...g, consumers: (g.consumers ?? []).map(consumer) });
  const timeline = (scenario.timeline ?? []).map((e): TimelineEntry => (e.action === 'add-consumer' ? { ...e, consumer: consumer(e.consumer) } : e.action === 'add-group' ? { ...e, group: group(e.group) } : e));
  return { ...scenario, groups: (scenario.groups ?? []).map(group), timeline };
}

/** KIP-345: the same run with dynamic members and with static ones (e.g. a rolling restart). */
export function compareStaticMembership(scenario: Scenario, untilMs: number): Array<RunMeasures & { variant: MembershipVariant; label: string }> {
  return [
    { variant: 'dynamic' as const, label: 'dynamic members' },
    { variant: 'static' as const, label: 'static members (group.instance.id)' },
  ].map(({ variant, label }) => ({ variant, label, ...measureRun(scenarioForMembership(scenario, variant), untilMs) }));
}

/** A comparison (protocols or membership) as a text table. */
export function formatProtocolComparison(rows: ReadonlyArray<RunMeasures & { label: string }>): string {
  const header = ['VARIANT', 'ROUNDS', 'LONGEST-UNOWNED', 'UNOWNED-TOTAL', 'PROCESSED', 'PROCESSED-TWICE', 'OUT-OF-KEY-ORDER'];
  const body = rows.map((r) => [r.label, String(r.rounds), seconds(r.maxUnownedMs), seconds(r.totalUnownedMs), String(r.processed), String(r.duplicates), String(r.outOfOrder)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [header, ...body].map((cols) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
