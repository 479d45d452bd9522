/**
 * Loading a scenario file (`*.kafkalab.json`): JSON syntax and duplicate keys (`jsonText.ts`) → JSON Schema (`validate.ts`, which
 * interprets `schemas/kafkalab.schema.json`) → semantic checks the schema cannot express.
 * Every problem is reported with a JSON path and the offending value; nothing here ever throws.
 *
 * Semantic checks:
 *  - unique topic names, producer ids, group ids, and consumer client ids (across all groups and
 *    standalone consumers, including those created by the timeline);
 *  - references to topics, producers, groups and consumers must exist at that point: timeline entries
 *    run in time order (file order for equal times) and may use what earlier entries created;
 *  - add-partitions must increase the partition count (partitions never shrink);
 *  - standalone consumers' partitions must exist in their topic;
 *  - with group.protocol=consumer, no session.timeout.ms, heartbeat.interval.ms or
 *    partition.assignment.strategy (Kafka 4.x clients refuse them);
 *  - heartbeat.interval.ms < session.timeout.ms (Kafka's rule), and for group members,
 *    group.min.session.timeout.ms ≤ session.timeout.ms ≤ group.max.session.timeout.ms (else the
 *    broker rejects the JoinGroup), defaults included;
 *  - the broker's min session timeout is not above its max;
 *  - every `at` and `duration` parses to whole milliseconds, at most MAX_RUN_MS (30 days);
 *  - the totals that span the file stay within `../limits`: partitions of all topics (the
 *    timeline's growth included), consumers, groups and consumers per group.
 */
import type { ConsumerConfig, ConsumerSpec, GroupSpec, ProducerSpec, Scenario, ShareConsumerSpec, ShareGroupSpec, StandaloneConsumerSpec, TimelineEntry, TopicSpec } from './types';
import { formatDuration, tryParseDuration } from './duration';
import { MAX_CONSUMERS_PER_GROUP, MAX_CONSUMERS_TOTAL, MAX_GROUPS, MAX_RUN_MS, MAX_RUN_TEXT, MAX_TOPICS, MAX_TOTAL_PARTITIONS } from '../limits';
import { parseJsonText } from './jsonText';
import { MAX_ERRORS, ScenarioError, SchemaNode, childPath, scenarioSchema, validateScenarioShape } from './validate';
import { showValue } from '../showValue';

export type { ScenarioError } from './validate';
export { lineColumn, locateJsonError } from './jsonText';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** Parses and checks a scenario file's text. Never throws. */
export function loadScenario(text: string): LoadResult {
  try {
    if (typeof text !== 'string') return fail([{ path: '$', value: undefined, message: 'expected the text of a JSON file' }]);
    const parsed = parseJsonText(text);
    if (!parsed.ok) return fail([parsed.error]);
    return checkScenario(parsed.value);
  } catch (e) {
    return fail([{ path: '$', value: undefined, message: `internal error while loading: ${e instanceof Error ? e.message : String(e)}` }]);
  }
}

/** Checks an already-parsed value (schema, then semantics). Never throws. */
export function checkScenario(value: unknown): LoadResult {
  try {
    const shapeErrors = validateScenarioShape(value, MAX_ERRORS);
    if (shapeErrors.length) return fail(shapeErrors);
    const scenario = value as Scenario;
    const errors = semanticErrors(scenario);
    return errors.length ? fail(errors) : { ok: true, scenario };
  } catch (e) {
    return fail([{ path: '$', value: undefined, message: `internal error while checking: ${e instanceof Error ? e.message : String(e)}` }]);
  }
}

/**
 * One line per error:
 *   `$.topics[0].partitions: -3 is not valid: expected an integer ≥ 1`
 *   `$.topics[0].name: missing required property "name" (...)`
 */
export function formatScenarioErrors(errors: readonly ScenarioError[]): string {
  return errors
    .map((e) => (e.value === undefined ? `${e.path}: ${e.message}` : `${e.path}: ${showValue(e.value)} is not valid: ${e.message}`))
    .join('\n');
}

function fail(errors: ScenarioError[]): LoadResult {
  return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
}

// --- semantic checks ---------------------------------------------------------------------------

function schemaDefault(definition: string, property: string): unknown {
  const def = scenarioSchema.definitions?.[definition];
  const prop = typeof def === 'object' ? def.properties?.[property] : undefined;
  return typeof prop === 'object' ? (prop as SchemaNode).default : undefined;
}
function numberDefault(definition: string, property: string, fallback: number): number {
  const d = schemaDefault(definition, property);
  return typeof d === 'number' ? d : fallback;
}

/** Kafka defaults, read from the schema's `default`s so there is one source of truth. */
export const SCENARIO_DEFAULTS = {
  sessionTimeoutMs: numberDefault('consumerConfig', 'session.timeout.ms', 45000),
  heartbeatIntervalMs: numberDefault('consumerConfig', 'heartbeat.interval.ms', 3000),
  minSessionTimeoutMs: numberDefault('brokerConfig', 'group.min.session.timeout.ms', 6000),
  maxSessionTimeoutMs: numberDefault('brokerConfig', 'group.max.session.timeout.ms', 1800000),
} as const;

interface Later {
  readonly atMs: number;
  readonly path: string;
}

/**
 * Checks a scenario that already matches the schema. Exported for the UI, which builds scenarios
 * in memory; `loadScenario` calls it.
 */
export function semanticErrors(s: Scenario): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const add = (path: string, value: unknown, message: string): void => {
    if (errors.length < MAX_ERRORS) errors.push({ path, value, message });
  };

  const topics = new Map<string, { partitions: number; path: string }>();
  const producers = new Map<string, string>();
  const groups = new Map<string, string>();
  const clients = new Map<string, string>();

  // Broker limits.
  const minSession = s.broker?.['group.min.session.timeout.ms'] ?? SCENARIO_DEFAULTS.minSessionTimeoutMs;
  const maxSession = s.broker?.['group.max.session.timeout.ms'] ?? SCENARIO_DEFAULTS.maxSessionTimeoutMs;
  if (minSession > maxSession) {
    add('$.broker["group.min.session.timeout.ms"]', minSession, `must not be greater than group.max.session.timeout.ms (${maxSession})`);
  }

  /** A virtual time or duration: whole milliseconds up to MAX_RUN_MS, else an error at `path`. */
  const runTime = (value: number | string, path: string, what: string): number | undefined => {
    const ms = tryParseDuration(value);
    if (ms === undefined) add(path, value, `expected ${what}: whole milliseconds or a string like "30s" (malformed or too large)`);
    else if (ms > MAX_RUN_MS) add(path, value, `expected ${what} of at most ${MAX_RUN_TEXT} (${MAX_RUN_MS} ms)`);
    else return ms;
    return undefined;
  };
  if (s.duration !== undefined) runTime(s.duration, '$.duration', 'a duration');

  // What the timeline creates, and when: for "it only exists later" hints.
  const timeline = s.timeline ?? [];
  const order: Array<{ entry: TimelineEntry; index: number; atMs: number }> = [];
  timeline.forEach((entry, index) => {
    const atMs = runTime(entry.at, `$.timeline[${index}].at`, 'a time');
    if (atMs !== undefined) order.push({ entry, index, atMs });
  });
  order.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
  const later = { topic: new Map<string, Later>(), producer: new Map<string, Later>(), group: new Map<string, Later>(), shareGroup: new Map<string, Later>(), consumer: new Map<string, Later>() };
  const note = (m: Map<string, Later>, name: string, atMs: number, path: string) => {
    if (!m.has(name)) m.set(name, { atMs, path });
  };
  for (const { entry: e, index, atMs } of order) {
    const p = `$.timeline[${index}]`;
    if (e.action === 'add-topic') note(later.topic, e.topic.name, atMs, p);
    else if (e.action === 'add-producer') note(later.producer, e.producer.id, atMs, p);
    else if (e.action === 'add-group') {
      note(later.group, e.group.groupId, atMs, p);
      for (const c of e.group.consumers ?? []) note(later.consumer, c.clientId, atMs, p);
    } else if (e.action === 'add-share-group') {
      note(later.shareGroup, e.group.groupId, atMs, p);
      for (const c of e.group.consumers ?? []) note(later.consumer, c.clientId, atMs, p);
    } else if (e.action === 'add-consumer' || e.action === 'add-standalone-consumer' || e.action === 'add-share-consumer') note(later.consumer, e.consumer.clientId, atMs, p);
  }

  const unknown = (kind: string, known: ReadonlyMap<string, unknown>, laterMap: ReadonlyMap<string, Later>, name: string): string => {
    const l = laterMap.get(name);
    if (l) return `unknown ${kind} "${name}" at this point: it is only created at ${formatDuration(l.atMs)} by ${l.path}`;
    const names = [...known.keys()];
    const list = names.length === 0 ? `no ${kind}s exist at this point` : `known ${kind}s: ${names.slice(0, 8).map((x) => JSON.stringify(x)).join(', ')}${names.length > 8 ? ', ...' : ''}`;
    return `unknown ${kind} "${name}" (${list})`;
  };
  const requireTopic = (name: string, path: string): { partitions: number; path: string } | undefined => {
    const t = topics.get(name);
    if (!t) add(path, name, unknown('topic', topics, later.topic, name));
    return t;
  };

  // Totals across the file (the timeline's additions included), each reported once.
  let totalPartitions = 0;
  const reported = new Set<string>();
  const overLimit = (what: string, path: string, value: unknown, message: string): void => {
    if (reported.has(what)) return;
    reported.add(what);
    add(path, value, message);
  };
  const growPartitions = (by: number, path: string, value: unknown): void => {
    totalPartitions += by;
    if (totalPartitions > MAX_TOTAL_PARTITIONS) overLimit('partitions', path, value, `the scenario would have ${totalPartitions} partitions in all topics together here; at most ${MAX_TOTAL_PARTITIONS} are allowed`);
  };
  const addTopic = (t: TopicSpec, path: string): void => {
    const first = topics.get(t.name);
    if (first) add(childPath(path, 'name'), t.name, `duplicate topic name; the topic is already defined at ${first.path}`);
    else {
      topics.set(t.name, { partitions: t.partitions, path: childPath(path, 'name') });
      if (topics.size > MAX_TOPICS) overLimit('topics', childPath(path, 'name'), t.name, `the scenario would have ${topics.size} topics here; at most ${MAX_TOPICS} are allowed`);
      growPartitions(t.partitions, childPath(path, 'partitions'), t.partitions);
    }
  };
  const producerOf = new Map<string, string>();
  const addProducer = (p: ProducerSpec, path: string): void => {
    const first = producers.get(p.id);
    if (first !== undefined) add(childPath(path, 'id'), p.id, `duplicate producer id; already used at ${first}`);
    else producers.set(p.id, childPath(path, 'id'));
    requireTopic(p.topic, childPath(path, 'topic'));
    // The engine derives each record's key from its offset, which needs one producer per topic.
    const other = producerOf.get(p.topic);
    if (other !== undefined) add(childPath(path, 'topic'), p.topic, `topic already has a producer (${other}); the simulator supports one producer per topic (change its rate with set-producer-rate instead)`);
    else producerOf.set(p.topic, childPath(path, 'id'));
  };
  const addClient = (clientId: string, path: string): void => {
    const first = clients.get(clientId);
    if (first !== undefined) add(childPath(path, 'clientId'), clientId, `duplicate consumer clientId; already used at ${first} (client ids must be unique across all groups and standalone consumers)`);
    else {
      clients.set(clientId, childPath(path, 'clientId'));
      if (clients.size > MAX_CONSUMERS_TOTAL) overLimit('consumers', childPath(path, 'clientId'), clientId, `the scenario would have ${clients.size} consumers here; at most ${MAX_CONSUMERS_TOTAL} are allowed (group members, standalone and share consumers together)`);
    }
  };
  /** Members per group, the timeline's add-consumer / add-share-consumer included. */
  const membersOf = new Map<string, number>();
  const joinGroup = (groupId: string, path: string): void => {
    const n = (membersOf.get(groupId) ?? 0) + 1;
    membersOf.set(groupId, n);
    if (n > MAX_CONSUMERS_PER_GROUP) overLimit(`members:${groupId}`, path, groupId, `group "${groupId}" would have ${n} consumers here; at most ${MAX_CONSUMERS_PER_GROUP} per group are allowed`);
  };
  const countGroup = (path: string, groupId: string): void => {
    if (groups.size + shareGroups.size > MAX_GROUPS) overLimit('groups', path, groupId, `the scenario would have ${groups.size + shareGroups.size} groups here; at most ${MAX_GROUPS} are allowed (consumer and share groups together)`);
  };
  const checkConfig = (config: ConsumerConfig | undefined, path: string, joinsGroup: boolean): void => {
    const cfgPath = childPath(path, 'config');
    const sessionSet = config?.['session.timeout.ms'];
    const hbSet = config?.['heartbeat.interval.ms'];
    const session = sessionSet ?? SCENARIO_DEFAULTS.sessionTimeoutMs;
    const hb = hbSet ?? SCENARIO_DEFAULTS.heartbeatIntervalMs;
    if (hb >= session) {
      if (hbSet !== undefined) {
        add(childPath(cfgPath, 'heartbeat.interval.ms'), hb, `heartbeat.interval.ms must be lower than session.timeout.ms (${session}${sessionSet === undefined ? ', the default' : ''}); Kafka refuses to start such a consumer`);
      } else {
        add(childPath(cfgPath, 'session.timeout.ms'), session, `session.timeout.ms must be greater than heartbeat.interval.ms (${hb}, the default); Kafka refuses to start such a consumer`);
      }
    }
    if (joinsGroup && config?.['group.protocol'] === 'consumer') {
      // Kafka 4.x clients refuse these with group.protocol=consumer (ConfigException): the broker decides.
      const instead: Record<string, string> = {
        'session.timeout.ms': "the broker's group.consumer.session.timeout.ms applies",
        'heartbeat.interval.ms': "the broker's group.consumer.heartbeat.interval.ms applies",
        'partition.assignment.strategy': 'the broker assigns; choose its assignor with group.remote.assignor (uniform or range)',
      };
      for (const [key, why] of Object.entries(instead)) {
        const value = (config as Record<string, unknown>)[key];
        if (value !== undefined) add(childPath(cfgPath, key), value, `not supported with group.protocol=consumer (Kafka 4.x clients refuse it with a ConfigException): ${why}`);
      }
    }
    if (joinsGroup && (session < minSession || session > maxSession)) {
      const where = sessionSet !== undefined ? childPath(cfgPath, 'session.timeout.ms') : path;
      add(
        where,
        sessionSet !== undefined ? session : undefined,
        `${sessionSet === undefined ? `the default session.timeout.ms (${session})` : 'session.timeout.ms'} must be between the broker's group.min.session.timeout.ms (${minSession}) and group.max.session.timeout.ms (${maxSession}); the broker rejects the JoinGroup (INVALID_SESSION_TIMEOUT)`,
      );
    }
  };
  /** Each consumer's settings as the timeline goes (a restart with config changes them), and what it is. */
  const settings = new Map<string, { config: ConsumerConfig | undefined; kind: 'member' | 'standalone' | 'share' }>();
  const addConsumer = (c: ConsumerSpec, path: string): void => {
    addClient(c.clientId, path);
    (c.topics ?? []).forEach((t, i) => requireTopic(t, childPath(childPath(path, 'topics'), i)));
    checkConfig(c.config, path, true);
    if (!settings.has(c.clientId)) settings.set(c.clientId, { config: c.config, kind: 'member' });
  };
  /** A restart with changed settings: checked as the instance that starts will have them. */
  const restartWith = (clientId: string, changes: ConsumerConfig, path: string): void => {
    const current = settings.get(clientId);
    if (!current) return;
    if (current.kind === 'share') {
      add(childPath(path, 'config'), changes, `consumer "${clientId}" is a share consumer: restart it without config (its settings cannot change here)`);
      return;
    }
    const config = { ...current.config, ...changes };
    checkConfig(config, path, current.kind === 'member');
    settings.set(clientId, { config, kind: current.kind });
  };
  const addGroup = (g: GroupSpec, path: string): void => {
    const first = groups.get(g.groupId) ?? shareGroups.get(g.groupId);
    if (first !== undefined) add(childPath(path, 'groupId'), g.groupId, `duplicate groupId; the group is already defined at ${first}`);
    else {
      groups.set(g.groupId, childPath(path, 'groupId'));
      countGroup(childPath(path, 'groupId'), g.groupId);
    }
    (g.consumers ?? []).forEach((c, i) => {
      addConsumer(c, childPath(childPath(path, 'consumers'), i));
      joinGroup(g.groupId, childPath(childPath(path, 'consumers'), i));
    });
  };
  const addStandalone = (c: StandaloneConsumerSpec, path: string): void => {
    addClient(c.clientId, path);
    const t = requireTopic(c.topic, childPath(path, 'topic'));
    if (t && c.partitions) {
      c.partitions.forEach((p, i) => {
        if (p >= t.partitions) add(childPath(childPath(path, 'partitions'), i), p, `topic "${c.topic}" has partitions 0 to ${t.partitions - 1} at this point`);
      });
    }
    checkConfig(c.config, path, false);
    if (!settings.has(c.clientId)) settings.set(c.clientId, { config: c.config, kind: 'standalone' });
  };
  const shareGroups = new Map<string, string>();
  const addShareGroup = (g: ShareGroupSpec, path: string): void => {
    const first = groups.get(g.groupId) ?? shareGroups.get(g.groupId);
    if (first !== undefined) add(childPath(path, 'groupId'), g.groupId, `duplicate groupId; the group is already defined at ${first}`);
    else {
      shareGroups.set(g.groupId, childPath(path, 'groupId'));
      countGroup(childPath(path, 'groupId'), g.groupId);
    }
    (g.consumers ?? []).forEach((c, i) => {
      addShareConsumer(c, childPath(childPath(path, 'consumers'), i));
      joinGroup(g.groupId, childPath(childPath(path, 'consumers'), i));
    });
  };
  const addShareConsumer = (c: ShareConsumerSpec, path: string): void => {
    addClient(c.clientId, path);
    if (!settings.has(c.clientId)) settings.set(c.clientId, { config: undefined, kind: 'share' });
    (c.topics ?? []).forEach((t, i) => requireTopic(t, childPath(childPath(path, 'topics'), i)));
  };
  const requireGroup = (name: string, path: string): void => {
    if (shareGroups.has(name)) add(path, name, `"${name}" is a share group: use add-share-consumer for it`);
    else if (!groups.has(name)) add(path, name, unknown('group', groups, later.group, name));
  };
  const requireShareGroup = (name: string, path: string): void => {
    if (groups.has(name)) add(path, name, `"${name}" is a consumer group, not a share group: use add-consumer for it`);
    else if (!shareGroups.has(name)) add(path, name, unknown('share group', shareGroups, later.shareGroup, name));
  };
  const requireConsumer = (name: string, path: string): void => {
    if (!clients.has(name)) add(path, name, unknown('consumer', clients, later.consumer, name));
  };
  const requireProducer = (name: string, path: string): void => {
    if (!producers.has(name)) add(path, name, unknown('producer', producers, later.producer, name));
  };

  s.topics.forEach((t, i) => addTopic(t, `$.topics[${i}]`));
  (s.producers ?? []).forEach((p, i) => addProducer(p, `$.producers[${i}]`));
  (s.groups ?? []).forEach((g, i) => addGroup(g, `$.groups[${i}]`));
  (s.standaloneConsumers ?? []).forEach((c, i) => addStandalone(c, `$.standaloneConsumers[${i}]`));
  (s.shareGroups ?? []).forEach((g, i) => addShareGroup(g, `$.shareGroups[${i}]`));

  for (const { entry: e, index } of order) {
    const p = `$.timeline[${index}]`;
    switch (e.action) {
      case 'set-producer-rate':
        requireProducer(e.producer, `${p}.producer`);
        break;
      case 'add-producer':
        addProducer(e.producer, `${p}.producer`);
        break;
      case 'add-consumer':
        requireGroup(e.group, `${p}.group`);
        addConsumer(e.consumer, `${p}.consumer`);
        joinGroup(e.group, `${p}.consumer`);
        break;
      case 'add-standalone-consumer':
        addStandalone(e.consumer, `${p}.consumer`);
        break;
      case 'restart-consumer':
        requireConsumer(e.consumer, `${p}.consumer`);
        if (e.config !== undefined) restartWith(e.consumer, e.config, p);
        break;
      case 'stop-consumer':
      case 'crash-consumer':
      case 'set-consumer-rate':
        requireConsumer(e.consumer, `${p}.consumer`);
        break;
      case 'stall-consumer':
        requireConsumer(e.consumer, `${p}.consumer`);
        runTime(e.duration, `${p}.duration`, 'a duration');
        break;
      case 'add-partitions': {
        const t = requireTopic(e.topic, `${p}.topic`);
        if (t) {
          if (e.partitions <= t.partitions) {
            add(`${p}.partitions`, e.partitions, `must be greater than the current partition count of "${e.topic}" (${t.partitions} at this point): it is the new total, and partitions can only be added, never removed`);
          } else {
            growPartitions(e.partitions - t.partitions, `${p}.partitions`, e.partitions);
            t.partitions = e.partitions;
          }
        }
        break;
      }
      case 'add-topic':
        addTopic(e.topic, `${p}.topic`);
        break;
      case 'add-group':
        addGroup(e.group, `${p}.group`);
        break;
      case 'set-assignor':
        requireGroup(e.group, `${p}.group`);
        break;
      case 'add-share-group':
        addShareGroup(e.group, `${p}.group`);
        break;
      case 'add-share-consumer':
        requireShareGroup(e.group, `${p}.group`);
        addShareConsumer(e.consumer, `${p}.consumer`);
        joinGroup(e.group, `${p}.consumer`);
        break;
    }
  }
  return errors;
}
