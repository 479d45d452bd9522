/**
 * Random worlds for the engine's invariants: several topics and groups at once (classic eager and
 * cooperative, KIP-848, static members, manual commit, a share group), driven by random actions.
 * Used by `world.property.test.ts` (fast-check, in `npm test`) and by the soak run
 * (`test/soak/soak.ts`, `npm run test:soak`, ≥ 10^6 actions). Everything is seeded: a world is its
 * seed and its action list, and replays byte for byte.
 */
import type { SimEvent } from '../../../src/sim/events';
import { formatEventJson } from '../../../src/sim/events';
import type { Action, Scenario } from '../../../src/sim/scenario/types';
import { Simulation, SimulationError } from '../../../src/sim/simulation';
import { snapshot } from '../../../src/sim/snapshot';

export const TOPICS = ['orders', 'payments', 'audit'] as const;
/** Consumers by group: g-eager (range), g-coop (cooperative-sticky, static), g-848 (KIP-848, manual commit). */
export const GROUP_CLIENTS: Record<string, readonly string[]> = {
  'g-eager': ['e1', 'e2', 'e3', 'e4'],
  'g-coop': ['s1', 's2', 's3'],
  'g-848': ['k1', 'k2', 'k3', 'k4'],
};
export const SHARE_CLIENTS = ['w1', 'w2', 'w3'] as const;
export const ALL_CLIENTS = [...Object.values(GROUP_CLIENTS).flat(), ...SHARE_CLIENTS];

/** One random step: an action (or nothing), then `waitMs` of virtual time. */
export interface WorldStep {
  readonly action: Action | undefined;
  readonly waitMs: number;
}

/** Numbers in [0, 1): the generator's only source of choice (fast-check's or a seeded PRNG). */
export type Pick = (n: number) => number;

export function worldScenario(seed: number): Scenario {
  const member = (clientId: string, extra: Record<string, unknown>) => ({ clientId, ratePerSec: 80, config: { 'max.poll.records': 50, 'auto.offset.reset': 'earliest', 'metadata.max.age.ms': 5_000, ...extra } });
  return {
    name: 'world',
    seed,
    topics: [
      { name: 'orders', partitions: 3 },
      { name: 'payments', partitions: 2 },
      { name: 'audit', partitions: 1 },
    ],
    producers: [
      { id: 'p-orders', topic: 'orders', ratePerSec: 90, keys: 20 },
      { id: 'p-payments', topic: 'payments', ratePerSec: 40, keys: 5 },
      { id: 'p-audit', topic: 'audit', ratePerSec: 10, keys: 0 },
    ],
    groups: [
      { groupId: 'g-eager', assignor: 'range', consumers: [member('e1', { 'session.timeout.ms': 10_000 }), member('e2', { 'session.timeout.ms': 10_000 })].map((c) => ({ ...c, topics: ['orders', 'payments'] })) },
      {
        groupId: 'g-coop',
        assignor: 'cooperative-sticky',
        consumers: [member('s1', { 'group.instance.id': 'static-1', 'session.timeout.ms': 10_000 }), member('s2', { 'group.instance.id': 'static-2', 'session.timeout.ms': 10_000 })].map((c) => ({ ...c, topics: ['orders', 'audit'] })),
      },
      { groupId: 'g-848', consumers: [member('k1', { 'group.protocol': 'consumer', 'enable.auto.commit': false })].map((c) => ({ ...c, topics: ['payments', 'orders'] })) },
    ],
    shareGroups: [{ groupId: 'sg', config: { 'share.auto.offset.reset': 'earliest' }, consumers: [{ clientId: 'w1', ratePerSec: 40, topics: ['orders'] }] }],
    broker: { 'group.consumer.session.timeout.ms': 10_000 },
  } as Scenario;
}

const groupOf = (clientId: string): string => Object.entries(GROUP_CLIENTS).find(([, cs]) => cs.includes(clientId))?.[0] ?? 'sg';

/** A random action over the world's names; many will be refused by the engine, which is fine. */
export function randomAction(pick: Pick): Action | undefined {
  const any = <T>(xs: readonly T[]): T => xs[Math.floor(pick(xs.length) * xs.length) % xs.length]!;
  const client = any(ALL_CLIENTS);
  switch (Math.floor(pick(12) * 12)) {
    case 0: {
      const group = groupOf(client);
      if (group === 'sg') return { action: 'add-share-consumer', group, consumer: { clientId: client, ratePerSec: 40, topics: ['orders'] } };
      const config: Record<string, unknown> = { 'max.poll.records': 50, 'auto.offset.reset': 'earliest', 'metadata.max.age.ms': 5_000 };
      if (group === 'g-848') Object.assign(config, { 'group.protocol': 'consumer', 'enable.auto.commit': false });
      else config['session.timeout.ms'] = 10_000;
      if (group === 'g-coop') config['group.instance.id'] = `static-${client.slice(1)}`;
      const topics = group === 'g-eager' ? ['orders', 'payments'] : group === 'g-coop' ? ['orders', 'audit'] : ['payments', 'orders'];
      return { action: 'add-consumer', group, consumer: { clientId: client, ratePerSec: 80, topics, config } } as Action;
    }
    case 1:
      return { action: 'stop-consumer', consumer: client };
    case 2:
      return { action: 'crash-consumer', consumer: client };
    case 3:
    case 4:
      return { action: 'restart-consumer', consumer: client };
    case 5:
      return { action: 'stall-consumer', consumer: client, duration: 1_000 + Math.floor(pick(30_000) * 30_000) };
    case 6:
      return { action: 'set-consumer-rate', consumer: client, ratePerSec: 10 + Math.floor(pick(300) * 300) };
    case 7: {
      const topic = any(TOPICS);
      return { action: 'set-producer-rate', producer: `p-${topic}`, ratePerSec: Math.floor(pick(200) * 200) };
    }
    case 8:
      return { action: 'add-partitions', topic: any(TOPICS), partitions: 2 + Math.floor(pick(6) * 6) };
    case 9:
      return { action: 'set-assignor', group: any(['g-eager', 'g-coop']), assignor: any(['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const) };
    default:
      return undefined; // just let time pass
  }
}

export function randomStep(pick: Pick): WorldStep {
  return { action: randomAction(pick), waitMs: Math.floor(pick(3_000) * 3_000) };
}

export interface WorldResult {
  readonly sim: Simulation;
  readonly events: SimEvent[];
  readonly violations: string[];
  readonly applied: number;
  readonly refused: number;
  readonly checks: number;
}

/**
 * Runs `steps` on a fresh world, checking every invariant after each step. Keeps at most
 * `keepEvents` events; `onEvent` sees every one (the soak run hashes them instead of keeping them).
 */
export function runWorld(seed: number, steps: readonly WorldStep[], keepEvents = Infinity, onEvent?: (e: SimEvent) => void): WorldResult {
  const events: SimEvent[] = [];
  const violations: string[] = [];
  let lastSeq = -1;
  let lastT = 0;
  const sim = new Simulation(worldScenario(seed), (e) => {
    if (e.seq !== lastSeq + 1) violations.push(`event seq ${e.seq} after ${lastSeq}`);
    if (e.t < lastT) violations.push(`event at ${e.t} after one at ${lastT}`);
    if (e.type === 'offset-moved-backwards') violations.push(`t=${e.t}: ${e.group}'s committed offset of ${e.partition} moved back ${e.from} → ${e.to}`);
    lastSeq = e.seq;
    lastT = e.t;
    if (events.length < keepEvents) events.push(e);
    onEvent?.(e);
  });
  let applied = 0;
  let refused = 0;
  let checks = 0;
  for (const step of steps) {
    if (step.action) {
      try {
        sim.apply(step.action);
        applied++;
      } catch (e) {
        if (!(e instanceof SimulationError)) throw e;
        refused++;
      }
    }
    sim.advance(step.waitMs);
    checks++;
    checkInvariants(sim, violations);
    if (violations.length > 20) break;
  }
  return { sim, events, violations, applied, refused, checks };
}

/** The invariants that hold at every moment, whatever happened before. */
export function checkInvariants(sim: Simulation, violations: string[]): void {
  const at = `t=${sim.now}`;
  if (!Number.isSafeInteger(sim.now)) violations.push(`${at}: virtual time is not a whole number of ms`);
  for (const g of sim.groups.values()) {
    // 1. The coordinator never gives one partition to two members of one group.
    const byCoordinator = new Map<string, string>();
    for (const m of g.members.values()) {
      for (const tp of m.assignment) {
        const k = `${tp.topic}-${tp.partition}`;
        const other = byCoordinator.get(k);
        if (other !== undefined) violations.push(`${at}: ${g.groupId}: ${k} assigned to ${other} and ${m.clientId}`);
        byCoordinator.set(k, m.clientId);
      }
    }
    // 2. Nor do two running, settled clients of one group process one partition.
    const byClients = new Map<string, string>();
    for (const c of sim.consumers.values()) {
      if (c.groupId !== g.groupId || c.standalone || c.status !== 'running' || c.membership !== 'stable') continue;
      if (g.protocolType !== 'consumer' && c.generation !== g.generation) continue;
      for (const name of c.ownedNames()) {
        const other = byClients.get(name);
        if (other !== undefined) violations.push(`${at}: ${g.groupId}: ${name} owned by ${other} and ${c.clientId}`);
        byClients.set(name, c.clientId);
      }
    }
    // 3. Committed offsets lie within the log (-1: nothing committed yet).
    for (const [name, topic] of sim.topics) {
      for (let p = 0; p < topic.partitionCount; p++) {
        const committed = g.offsets.committed(name, p);
        if (committed < -1 || committed > topic.logEndOffsets[p]!) violations.push(`${at}: ${g.groupId}: committed ${committed} outside ${name}-${p} [0, ${topic.logEndOffsets[p]}]`);
      }
    }
  }
  // 4. Share groups: each partition's window lies within the log, and its counts add up.
  for (const sg of snapshot(sim).shareGroups ?? []) {
    for (const p of sg.partitions) {
      if (!(p.spso >= 0 && p.spso <= p.speo && p.speo <= p.logEndOffset)) violations.push(`${at}: ${sg.groupId}: ${p.partition} window ${p.spso}..${p.speo} outside log end ${p.logEndOffset}`);
      const inFlight = p.inFlight.available + p.inFlight.acquired + p.inFlight.acknowledged + p.inFlight.archived;
      if (inFlight > p.speo - p.spso) violations.push(`${at}: ${sg.groupId}: ${p.partition} has ${inFlight} in-flight records in a window of ${p.speo - p.spso}`);
      if (p.lag < 0) violations.push(`${at}: ${sg.groupId}: ${p.partition} lag ${p.lag}`);
    }
  }
}

/** The event log as text (what the CLI's --json prints), for determinism checks. */
export function eventLog(events: readonly SimEvent[]): string {
  return events.map(formatEventJson).join('\n');
}
