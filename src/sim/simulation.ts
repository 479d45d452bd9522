/**
 * The simulation: a virtual millisecond clock that advances in fixed ticks (production,
 * consumption, heartbeats, timeouts) with the scenario's timeline actions applied at their exact
 * times in between. Deterministic: the same scenario, seed and actions give the same event log.
 *
 * Over 500 lines: it holds every action's checks and effects in one switch so that a refused action
 * provably changes nothing. Group work goes through the coordinator (src/sim/group) as requests.
 */
import type { AssignorName, TopicPartition } from './assignors/types';
import { isAssignorName } from './assignors';
import {
  CONSUMER_DEFAULTS,
  DEFAULT_HOST,
  DEFAULT_SEED,
  DEFAULT_TICK_MS,
  PRODUCER_DEFAULTS,
  resolveBrokerConfig,
  resolveConsumerConfig,
  ResolvedBrokerConfig,
  type ResolvedConsumerConfig,
} from './config';
import { ConsumerClient } from './client/consumer';
import { consumerControls, type ConsumerControls } from './client/consumerControls';
import { SimContext } from './context';
import type { SimEvent, SimEventBody } from './events';
import { DeliveryLedger } from './delivery';
import { GroupCoordinator } from './group/coordinator';
import type { Group } from './group/group';
import { LocalTransport, type GroupTransport } from './group/transport';
import { LagWatch } from './lagWatch';
import { Producer } from './producer';
import { Random } from './random';
import { parseDuration } from './scenario/duration';
import { MAX_CONSUMERS_PER_GROUP, MAX_CONSUMERS_TOTAL, MAX_GROUPS, MAX_TOPIC_PARTITIONS, MAX_TOPICS, MAX_TOTAL_PARTITIONS, nameProblem, rateProblem, TOPIC_NAME_PATTERN } from './limits';
import type { Action, ConsumerSpec, GroupSpec, ProducerSpec, Scenario, ShareGroupSpec, StandaloneConsumerSpec, TopicSpec } from './scenario/types';
import { Topic } from './topic';
import { ShareGroupEngine, ShareGroupError } from './shareGroup';
import type { ShareGroupEventBody } from './shareGroup';

/** An action that cannot be applied (unknown consumer, partitions shrinking, ...). */
export class SimulationError extends Error {}

export type EventListener = (event: SimEvent) => void;

/**
 * How many recent events the simulation keeps in memory at least (at most twice as many, trimmed
 * in batches); listeners see every event. Memory stays flat however long a simulation runs.
 */
export const RECENT_EVENT_LIMIT = 2_000;

/** Once a second (virtual) the groups' lag is compared with the thresholds. */
const LAG_CHECK_INTERVAL_MS = 1_000;

export class Simulation {
  readonly scenario: Scenario;
  readonly tickMs: number;
  readonly seed: number;
  private readonly rng: Random;
  private readonly broker: ResolvedBrokerConfig;
  private clock = 0;
  private lastTickAt = 0;
  private nextLagCheckAt = LAG_CHECK_INTERVAL_MS;
  private eventSeq = 0;
  private readonly listeners = new Set<EventListener>();
  private readonly recent: SimEvent[] = [];
  /** The scenario's timeline in time order; `index` is the entry's place in the file. */
  private readonly timeline: Array<{ at: number; index: number; action: Action }>;
  private timelineIndex = 0;
  readonly topics = new Map<string, Topic>();
  readonly producers = new Map<string, Producer>();
  /** The broker's group coordinator: every consumer group and its committed offsets. */
  readonly coordinator: GroupCoordinator;
  private readonly ledgers = new Map<string, DeliveryLedger>();
  private readonly lagWatches = new Map<string, LagWatch>();
  readonly consumers = new Map<string, ConsumerClient>();
  /** Share groups (KIP-932) and their consumers. */
  readonly shares: ShareGroupEngine;
  private readonly ctx: SimContext;

  constructor(scenario: Scenario, listener?: EventListener) {
    this.scenario = scenario;
    this.tickMs = scenario.tickMs ?? DEFAULT_TICK_MS;
    this.seed = scenario.seed ?? DEFAULT_SEED;
    this.rng = new Random(this.seed);
    this.broker = resolveBrokerConfig(scenario.broker);
    if (listener) this.listeners.add(listener);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context's getter reads the live clock
    const sim = this;
    this.ctx = {
      get now() {
        return sim.clock;
      },
      rng: this.rng,
      broker: this.broker,
      emit: (e) => this.emit(e),
      topic: (name) => this.topics.get(name),
    };
    this.coordinator = new GroupCoordinator(this.ctx);
    this.timeline = (scenario.timeline ?? [])
      .map((entry, index) => ({ at: parseDuration(entry.at), index, action: stripAt(entry) }))
      .sort((a, b) => a.at - b.at || a.index - b.index);

    this.shares = new ShareGroupEngine(this.ctx, (e) => this.emit(e), {
      defaultTopics: () => [this.scenario.topics[0]?.name ?? [...this.topics.keys()][0]!],
      connect: (clientId) => this.transportFor(clientId, DEFAULT_HOST, CONSUMER_DEFAULTS['heartbeat.interval.ms']),
    });
    this.coordinator.serveShareGroups(this.shares);
    for (const t of scenario.topics) this.addTopic(t);
    for (const p of scenario.producers ?? []) this.addProducer(p);
    for (const g of scenario.groups ?? []) this.addGroup(g);
    for (const s of scenario.standaloneConsumers ?? []) this.addStandaloneConsumer(s);
    for (const g of scenario.shareGroups ?? []) this.addShareGroup(g);
  }

  get now(): number {
    return this.clock;
  }

  /** Every consumer group (classic or KIP-848), in creation order. */
  get groups(): ReadonlyMap<string, Group> {
    return this.coordinator.groups;
  }

  /**
   * A connection for a client outside the simulation (a test, the lab broker): its requests reach
   * the same coordinator as the simulated consumers' do, and it is a member like them.
   */
  connect(clientId: string, clientHost: string): GroupTransport {
    return new LocalTransport(this.coordinator, { clientId, clientHost, heartbeatIntervalMs: CONSUMER_DEFAULTS['heartbeat.interval.ms'] });
  }

  /** What a group's consumers have processed: duplicates and ordering (the lab's observation). */
  ledger(groupId: string): DeliveryLedger {
    let l = this.ledgers.get(groupId);
    if (!l) this.ledgers.set(groupId, (l = new DeliveryLedger()));
    return l;
  }

  /** Actions of the scenario's timeline not yet applied. */
  get pendingTimeline(): ReadonlyArray<{ at: number; action: Action }> {
    return this.timeline.slice(this.timelineIndex).map(({ at, action }) => ({ at, action }));
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The most recent events (RECENT_EVENT_LIMIT to twice that once that many happened), oldest first. */
  recentEvents(): readonly SimEvent[] {
    return this.recent;
  }

  private emit(body: SimEventBody | ShareGroupEventBody): void {
    const event = { t: this.clock, seq: this.eventSeq++, ...body } as SimEvent;
    this.recent.push(event);
    if (this.recent.length > RECENT_EVENT_LIMIT * 2) this.recent.splice(0, this.recent.length - RECENT_EVENT_LIMIT);
    for (const l of this.listeners) l(event);
  }

  // ---- time -----------------------------------------------------------------------------

  /** Runs until virtual time `target` (ms), applying due timeline actions. */
  runUntil(target: number): void {
    if (!(target >= this.clock)) throw new SimulationError(`cannot run back in time: now ${this.clock} ms, target ${target} ms`);
    for (;;) {
      const nextTick = this.lastTickAt + this.tickMs;
      const nextAction = this.timelineIndex < this.timeline.length ? this.timeline[this.timelineIndex]!.at : Infinity;
      if (Math.min(nextTick, nextAction) > target) break;
      if (nextAction < nextTick) {
        this.clock = nextAction;
        this.applyTimelineEntry(this.timeline[this.timelineIndex++]!);
      } else {
        this.clock = nextTick;
        this.tick();
        this.lastTickAt = nextTick;
      }
    }
    this.clock = target;
  }

  advance(ms: number): void {
    this.runUntil(this.clock + ms);
  }

  /**
   * A timeline action that cannot apply at its time (the consumer it names was already stopped by
   * the user, a restart of a consumer that runs) is skipped with a visible event naming the entry
   * and why; the run goes on. Only the engine's own refusals are skipped: anything else is a bug.
   */
  private applyTimelineEntry(entry: { index: number; action: Action }): void {
    try {
      this.apply(entry.action);
    } catch (e) {
      if (!(e instanceof SimulationError)) throw e;
      this.emit({ type: 'timeline-action-skipped', path: `$.timeline[${entry.index}]`, action: entry.action.action, reason: e.message });
    }
  }

  /** Runs to the next tick boundary. */
  step(): void {
    this.runUntil(this.lastTickAt + this.tickMs);
  }

  private tick(): void {
    const now = this.clock;
    const dt = this.tickMs;
    for (const p of this.producers.values()) p.step(dt, now);
    this.shares.step(now, dt);
    this.coordinator.tick(now);
    for (const c of this.consumers.values()) c.step(now, dt);
    if (now >= this.nextLagCheckAt) {
      this.nextLagCheckAt = now + LAG_CHECK_INTERVAL_MS;
      for (const g of this.groups.values()) {
        let watch = this.lagWatches.get(g.groupId);
        if (!watch) this.lagWatches.set(g.groupId, (watch = new LagWatch(g.groupId)));
        watch.sample(g.offsets.totalLag((t) => this.topics.get(t)), (e) => this.emit(e));
      }
    }
  }

  // ---- actions --------------------------------------------------------------------------

  /**
   * Applies one action now. Throws SimulationError (naming the field and value) if it cannot; a
   * refused action changes nothing (additions are checked whole before anything is added).
   */
  apply(action: Action): void {
    this.checkAdditions(action);
    switch (action.action) {
      case 'set-producer-rate': {
        const p = this.requireProducer(action.producer);
        requireRate('ratePerSec', action.ratePerSec);
        const from = p.ratePerSec;
        p.ratePerSec = action.ratePerSec;
        this.emit({ type: 'producer-rate-changed', producer: p.id, from, to: action.ratePerSec });
        return;
      }
      case 'add-producer':
        return this.addProducer(action.producer);
      case 'add-consumer':
        return void this.addConsumer(this.requireGroup(action.group), action.consumer);
      case 'add-standalone-consumer':
        return void this.addStandaloneConsumer(action.consumer);
      case 'stop-consumer':
        return this.controlsOf(action.consumer).stop();
      case 'crash-consumer':
        return this.controlsOf(action.consumer).crash();
      case 'stall-consumer': {
        const controls = this.controlsOf(action.consumer);
        return controls.stall(parseDurationField('duration', action.duration));
      }
      case 'restart-consumer':
        return this.controlsOf(action.consumer).restart(action.config);
      case 'set-consumer-rate': {
        const controls = this.controlsOf(action.consumer);
        requireRate('ratePerSec', action.ratePerSec);
        return controls.setRate(action.ratePerSec);
      }
      case 'add-partitions': {
        const topic = this.requireTopic(action.topic);
        const from = topic.partitionCount;
        if (!Number.isInteger(action.partitions) || action.partitions <= from || action.partitions > MAX_TOPIC_PARTITIONS) {
          throw new SimulationError(`partitions: ${String(action.partitions)} is not valid: topic '${topic.name}' has ${from} partitions; the new total must be an integer from ${from + 1} to ${MAX_TOPIC_PARTITIONS} (partitions only grow)`);
        }
        topic.addPartitions(action.partitions);
        this.emit({ type: 'partitions-added', topic: topic.name, from, to: action.partitions });
        return;
      }
      case 'add-topic':
        return void this.addTopic(action.topic);
      case 'add-group':
        if (this.shares.hasGroup(action.group.groupId)) throw new SimulationError(`group: '${action.group.groupId}' already exists (a share group)`);
        this.addGroup(action.group);
        return;
      case 'add-share-group':
        return this.addShareGroup(action.group);
      case 'add-share-consumer':
        this.requireNewClientId(action.consumer.clientId);
        return this.shareAction(() => this.shares.addConsumer(action.group, action.consumer));
      case 'set-assignor': {
        const g = this.requireGroup(action.group);
        if (g.protocolType === 'consumer') {
          throw new SimulationError(`group: '${g.groupId}' uses the KIP-848 consumer protocol; its assignor runs on the broker (group.remote.assignor), not in partition.assignment.strategy`);
        }
        const list = typeof action.assignor === 'string' ? [action.assignor] : [...action.assignor];
        if (list.length === 0 || !list.every(isAssignorName)) {
          throw new SimulationError(`assignor: ${JSON.stringify(action.assignor)} is not valid: expected range, roundrobin, sticky or cooperative-sticky`);
        }
        this.emit({ type: 'assignor-changed', group: g.groupId, assignor: list });
        for (const c of this.consumers.values()) if (c.groupId === g.groupId && !c.standalone) c.setAssignors(list);
        this.groupAssignors.set(g.groupId, list);
        this.coordinator.changeAssignors(g.groupId, list);
        return;
      }
      default: {
        const unknown: never = action;
        throw new SimulationError(`action: ${JSON.stringify((unknown as { action?: unknown }).action)} is not a known action`);
      }
    }
  }

  /**
   * Everything an action would add, checked before any of it is: names, ids unused (and not given
   * twice), rates, topics, and the totals of src/sim/limits.ts (the loader checks the same for a
   * file; this holds them for actions from the views and the timeline too).
   */
  private checkAdditions(action: Action): void {
    const joining: Array<{ spec: { clientId: string; ratePerSec: number; topics?: readonly string[] }; group: string; path: string }> = [];
    let newGroups = 0;
    let newTopics = 0;
    let newPartitions = 0;
    switch (action.action) {
      case 'add-consumer':
        joining.push({ spec: action.consumer, group: action.group, path: 'consumer' });
        break;
      case 'add-standalone-consumer':
        joining.push({ spec: action.consumer, group: action.consumer.groupId, path: 'consumer' });
        if (!this.groups.has(action.consumer.groupId)) newGroups++;
        break;
      case 'add-share-consumer':
        joining.push({ spec: action.consumer, group: action.group, path: 'consumer' });
        break;
      case 'add-group':
      case 'add-share-group': {
        const problem = nameProblem(action.group.groupId);
        if (problem) throw new SimulationError(`group.groupId: ${JSON.stringify(action.group.groupId)} is not valid: ${problem}`);
        newGroups++;
        (action.group.consumers ?? []).forEach((c, i) => joining.push({ spec: c, group: action.group.groupId, path: `group.consumers[${i}]` }));
        break;
      }
      case 'add-topic': {
        const problem = nameProblem(action.topic.name) ?? (new RegExp(TOPIC_NAME_PATTERN, 'u').test(action.topic.name) ? undefined : "expected Kafka's legal topic characters a-z A-Z 0-9 . _ - (not \".\" or \"..\")");
        if (problem) throw new SimulationError(`topic.name: ${JSON.stringify(action.topic.name)} is not valid: ${problem}`);
        newTopics++;
        newPartitions += Number.isInteger(action.topic.partitions) ? action.topic.partitions : 0;
        break;
      }
      case 'add-partitions': {
        const t = this.topics.get(action.topic);
        if (t && Number.isInteger(action.partitions)) newPartitions += Math.max(0, action.partitions - t.partitionCount);
        break;
      }
      default:
        return;
    }
    const seen = new Set<string>();
    const perGroup = new Map<string, number>();
    for (const { spec, group, path } of joining) {
      const problem = nameProblem(spec.clientId);
      if (problem) throw new SimulationError(`${path}.clientId: ${JSON.stringify(spec.clientId)} is not valid: ${problem}`);
      if (seen.has(spec.clientId) || this.consumers.has(spec.clientId) || this.shares.hasConsumer(spec.clientId)) throw new SimulationError(`${path}.clientId: '${spec.clientId}' is already used by another consumer`);
      seen.add(spec.clientId);
      const rate = rateProblem(spec.ratePerSec);
      if (rate) throw new SimulationError(`${path}.ratePerSec: ${String(spec.ratePerSec)} is not valid: ${rate}`);
      for (const t of spec.topics ?? []) this.requireTopic(t);
      perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
    }
    for (const [group, added] of perGroup) {
      const members = [...this.consumers.values()].filter((c) => c.groupId === group).length + [...this.shares.consumers.values()].filter((c) => c.group.groupId === group).length;
      if (members + added > MAX_CONSUMERS_PER_GROUP) throw new SimulationError(`group: '${group}' would have ${members + added} consumers; at most ${MAX_CONSUMERS_PER_GROUP} per group`);
    }
    const consumers = this.consumers.size + this.shares.consumers.size + joining.length;
    if (consumers > MAX_CONSUMERS_TOTAL) throw new SimulationError(`the simulation would have ${consumers} consumers; at most ${MAX_CONSUMERS_TOTAL} in all`);
    const groups = this.groups.size + this.shares.groups.size + newGroups;
    if (groups > 2 * MAX_GROUPS) throw new SimulationError(`the simulation would have ${groups} groups; at most ${MAX_GROUPS} consumer groups and ${MAX_GROUPS} share groups`);
    if (this.topics.size + newTopics > MAX_TOPICS) throw new SimulationError(`the simulation would have ${this.topics.size + newTopics} topics; at most ${MAX_TOPICS}`);
    const partitions = [...this.topics.values()].reduce((n, t) => n + t.partitionCount, 0) + newPartitions;
    if (partitions > MAX_TOTAL_PARTITIONS) throw new SimulationError(`the simulation would have ${partitions} partitions in all topics together; at most ${MAX_TOTAL_PARTITIONS}`);
  }

  private addTopic(spec: TopicSpec): Topic {
    if (this.topics.has(spec.name)) throw new SimulationError(`topic: '${spec.name}' already exists`);
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1 || spec.partitions > MAX_TOPIC_PARTITIONS) {
      throw new SimulationError(`partitions: ${String(spec.partitions)} is not valid for topic '${spec.name}': expected an integer from 1 to ${MAX_TOPIC_PARTITIONS}`);
    }
    const topic = new Topic(spec.name, spec.partitions);
    this.topics.set(spec.name, topic);
    this.emit({ type: 'topic-created', topic: spec.name, partitions: spec.partitions });
    return topic;
  }

  private addProducer(spec: ProducerSpec): void {
    if (this.producers.has(spec.id)) throw new SimulationError(`producer: '${spec.id}' already exists`);
    const topic = this.requireTopic(spec.topic);
    requireRate('ratePerSec', spec.ratePerSec);
    const keys = spec.keys ?? PRODUCER_DEFAULTS.keys;
    try {
      const producer = new Producer(spec.id, topic, spec.ratePerSec, keys, spec.recordBytes ?? PRODUCER_DEFAULTS.recordBytes, spec['batch.size'] ?? PRODUCER_DEFAULTS['batch.size'], this.rng.nextUint32());
      this.producers.set(spec.id, producer);
    } catch (e) {
      throw new SimulationError(`producer '${spec.id}': ${(e as Error).message}`);
    }
    this.emit({ type: 'producer-started', producer: spec.id, topic: topic.name, ratePerSec: spec.ratePerSec, keys });
  }

  private addGroup(spec: GroupSpec): Group {
    if (this.groups.has(spec.groupId)) throw new SimulationError(`group: '${spec.groupId}' already exists`);
    for (const c of spec.consumers ?? []) {
      if (this.shares.hasConsumer(c.clientId)) throw new SimulationError(`clientId: '${c.clientId}' is already used by another consumer`);
    }
    const group = this.coordinator.createGroup(spec.groupId);
    this.groupAssignors.set(spec.groupId, spec.assignor);
    this.emit({ type: 'group-created', group: spec.groupId });
    for (const c of spec.consumers ?? []) this.addConsumer(group, c);
    return group;
  }

  private readonly groupAssignors = new Map<string, AssignorName | readonly AssignorName[] | undefined>();

  private addConsumer(group: Group, spec: ConsumerSpec): ConsumerClient {
    this.requireNewClientId(spec.clientId);
    requireRate('ratePerSec', spec.ratePerSec);
    const topics = spec.topics ?? [this.scenario.topics[0]?.name ?? [...this.topics.keys()][0]!];
    for (const t of topics) this.requireTopic(t);
    const config = resolveConsumerConfig(spec.config, this.groupAssignors.get(group.groupId));
    return this.startConsumer(group.groupId, spec, topics, config, spec.heartbeatMode ?? 'background', undefined);
  }

  private addStandaloneConsumer(spec: StandaloneConsumerSpec): ConsumerClient {
    this.requireNewClientId(spec.clientId);
    requireRate('ratePerSec', spec.ratePerSec);
    const topic = this.requireTopic(spec.topic);
    const partitions = spec.partitions ?? Array.from({ length: topic.partitionCount }, (_, i) => i);
    for (const p of partitions) {
      if (!Number.isInteger(p) || p < 0 || p >= topic.partitionCount) {
        throw new SimulationError(`partitions: ${p} is not a partition of topic '${topic.name}' (0 to ${topic.partitionCount - 1})`);
      }
    }
    let group = this.groups.get(spec.groupId);
    if (!group) group = this.addGroup({ groupId: spec.groupId });
    const manualAssignment: TopicPartition[] = partitions.map((p) => ({ topic: topic.name, partition: p }));
    return this.startConsumer(group.groupId, spec, [topic.name], resolveConsumerConfig(spec.config), 'background', manualAssignment);
  }

  /** A new consumer-group client (or, with `manualAssignment`, a standalone one) with its own connection. */
  private startConsumer(
    groupId: string,
    spec: { readonly clientId: string; readonly ratePerSec: number; readonly host?: string },
    topics: readonly string[],
    config: ResolvedConsumerConfig,
    heartbeatMode: 'background' | 'poll',
    manualAssignment: readonly TopicPartition[] | undefined,
  ): ConsumerClient {
    const host = spec.host ?? DEFAULT_HOST;
    const consumer = new ConsumerClient(this.ctx, {
      clientId: spec.clientId,
      groupId,
      transport: this.transportFor(spec.clientId, host, config.heartbeatIntervalMs),
      ledger: this.ledger(groupId),
      topics,
      ratePerSec: spec.ratePerSec,
      heartbeatMode,
      host,
      config,
      ...(manualAssignment ? { manualAssignment } : {}),
    });
    this.consumers.set(spec.clientId, consumer);
    this.emit({ type: 'consumer-started', clientId: spec.clientId, group: groupId, standalone: manualAssignment !== undefined });
    return consumer;
  }

  /** A simulated client's connection to the coordinator. */
  private transportFor(clientId: string, clientHost: string, heartbeatIntervalMs: number): LocalTransport {
    return new LocalTransport(this.coordinator, { clientId, clientHost, heartbeatIntervalMs });
  }

  private requireNewClientId(clientId: string): void {
    if (this.consumers.has(clientId) || this.shares.hasConsumer(clientId)) throw new SimulationError(`clientId: '${clientId}' is already used by another consumer`);
  }

  private addShareGroup(spec: ShareGroupSpec): void {
    if (this.groups.has(spec.groupId)) throw new SimulationError(`group: '${spec.groupId}' already exists (a consumer group)`);
    for (const c of spec.consumers ?? []) {
      if (this.consumers.has(c.clientId)) throw new SimulationError(`clientId: '${c.clientId}' is already used by another consumer`);
    }
    this.shareAction(() => this.shares.addGroup(spec));
  }

  /** Runs a share-group call, turning its errors into SimulationErrors. */
  private shareAction(call: () => void): void {
    try {
      call();
    } catch (e) {
      if (e instanceof ShareGroupError) throw new SimulationError(e.message);
      throw e;
    }
  }

  private requireTopic(name: string): Topic {
    return requireKnown(this.topics, 'topic', name);
  }

  private requireGroup(id: string): Group {
    return requireKnown(this.groups, 'group', id);
  }

  private requireProducer(id: string): Producer {
    return requireKnown(this.producers, 'producer', id);
  }

  /** Any consumer's controls: a consumer-group client's or a share consumer's. */
  private controlsOf(clientId: string): ConsumerControls {
    if (this.shares.hasConsumer(clientId)) {
      const shares = this.shares;
      const guard = (call: () => void) => () => this.shareAction(call);
      return {
        clientId,
        stop: guard(() => shares.stopConsumer(clientId)),
        crash: guard(() => shares.crashConsumer(clientId)),
        stall: (ms) => this.shareAction(() => shares.stallConsumer(clientId, ms)),
        restart: (changes) => {
          if (changes) throw new SimulationError(`config: consumer '${clientId}' is a share consumer: restart it without config (its settings cannot change here)`);
          this.shareAction(() => shares.restartConsumer(clientId));
        },
        setRate: (rate) => this.shareAction(() => shares.setConsumerRate(clientId, rate)),
      };
    }
    return consumerControls(this.requireConsumer(clientId), {
      now: () => this.clock,
      emit: (e) => this.emit(e),
      requireRunning: () => this.requireRunningConsumer(clientId),
      refuse: (message) => new SimulationError(message),
      replace: (replacement) => {
        this.consumers.delete(clientId);
        this.consumers.set(clientId, replacement);
      },
      create: (options) => new ConsumerClient(this.ctx, options),
    });
  }

  private requireRunningConsumer(clientId: string): ConsumerClient {
    const c = this.requireConsumer(clientId);
    if (c.status !== 'running') throw new SimulationError(`consumer: '${c.clientId}' is not running (it is ${c.status})`);
    return c;
  }

  private requireConsumer(clientId: string): ConsumerClient {
    return requireKnown(this.consumers, 'consumer', clientId);
  }
}

/** The named item, or a SimulationError that lists what exists. */
function requireKnown<T>(items: ReadonlyMap<string, T>, kind: string, id: string): T {
  const item = items.get(id);
  if (item === undefined) throw new SimulationError(`${kind}: '${id}' does not exist (${kind}s: ${[...items.keys()].join(', ') || 'none'})`);
  return item;
}

function stripAt(entry: { at: unknown } & Action): Action {
  const { at: _at, ...action } = entry;
  return action as Action;
}

function requireRate(field: string, value: number): void {
  const problem = rateProblem(value);
  if (problem) throw new SimulationError(`${field}: ${String(value)} is not valid: ${problem}`);
}

function parseDurationField(field: string, value: number | string): number {
  try {
    return parseDuration(value);
  } catch (e) {
    throw new SimulationError(`${field}: ${JSON.stringify(value)} is not valid: ${(e as Error).message}`);
  }
}
