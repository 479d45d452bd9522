/**
 * Loading a scenario file (`*.kafkalab.json`): JSON syntax → JSON Schema (`validate.ts`, which
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
 *  - heartbeat.interval.ms < session.timeout.ms (Kafka's rule), and for group members,
 *    group.min.session.timeout.ms ≤ session.timeout.ms ≤ group.max.session.timeout.ms (else the
 *    broker rejects the JoinGroup), defaults included;
 *  - the broker's min session timeout is not above its max;
 *  - every `at` and `duration` parses to a safe integer number of milliseconds.
 */
import type { ConsumerConfig, ConsumerSpec, GroupSpec, ProducerSpec, Scenario, ShareConsumerSpec, ShareGroupSpec, StandaloneConsumerSpec, TimelineEntry, TopicSpec } from './types';
import { formatDuration, tryParseDuration } from './duration';
import { MAX_ERRORS, ScenarioError, SchemaNode, childPath, scenarioSchema, show, validateScenarioShape } from './validate';

export type { ScenarioError } from './validate';

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

/** Parses and checks a scenario file's text. Never throws. */
export function loadScenario(text: string): LoadResult {
  try {
    if (typeof text !== 'string') return fail([{ path: '$', value: undefined, message: 'expected the text of a JSON file' }]);
    const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a UTF-8 BOM is not JSON
    let value: unknown;
    try {
      value = JSON.parse(src);
    } catch (e) {
      return fail([jsonSyntaxError(src, e)]);
    }
    return checkScenario(value);
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
    .map((e) => (e.value === undefined ? `${e.path}: ${e.message}` : `${e.path}: ${show(e.value)} is not valid: ${e.message}`))
    .join('\n');
}

function fail(errors: ScenarioError[]): LoadResult {
  return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
}

// --- JSON syntax errors ------------------------------------------------------------------------

function jsonSyntaxError(text: string, e: unknown): ScenarioError {
  const raw = e instanceof Error ? e.message : String(e);
  // V8: "... in JSON at position 12" (Node 20) and "... (line 2 column 5)" (newer V8); Firefox: "at line 2 column 5".
  let line: number | undefined;
  let column: number | undefined;
  const lc = /line (\d+) column (\d+)/.exec(raw);
  const pos = /at position (\d+)/.exec(raw);
  let message = cleanJsonMessage(raw);
  if (lc) {
    line = Number(lc[1]);
    column = Number(lc[2]);
  } else if (pos) {
    ({ line, column } = lineColumn(text, Math.min(Number(pos[1]), text.length)));
  } else {
    // Some messages carry no position (e.g. "Unexpected token '}', ... is not valid JSON",
    // "Unexpected end of JSON input"): find it with our own scanner.
    const found = locateJsonError(text);
    if (found) {
      ({ line, column } = lineColumn(text, found.position));
      message = `${message} (${found.message})`;
    }
  }
  if (line === undefined || column === undefined) {
    return { path: '$', value: undefined, message: `invalid JSON (position not available): ${message}` };
  }
  return { path: '$', value: undefined, message: `invalid JSON at line ${line}, column ${column}: ${message}`, line, column };
}

function cleanJsonMessage(raw: string): string {
  return (
    raw
      .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/^JSON\.parse: /, '')
      .trim() || 'syntax error'
  );
}

/** 1-based line and column (UTF-16 code units) of a position; \n, \r\n and \r end lines. */
export function lineColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.max(0, Math.min(position, text.length));
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Where the first JSON syntax error is (RFC 8259 grammar), or undefined if the text is valid JSON.
 * An iterative scanner: deep nesting cannot overflow the stack.
 */
export function locateJsonError(text: string): { position: number; message: string } | undefined {
  const n = text.length;
  const stack: number[] = []; // 0 = object, 1 = array
  let i = 0;
  let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'after' = 'value';
  const at = (position: number, message: string) => ({ position, message });
  const describeChar = (p: number) => (p >= n ? 'the end of the input' : JSON.stringify(text[p]));
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

  const scanString = (): { position: number; message: string } | undefined => {
    i++; // opening quote
    for (;;) {
      if (i >= n) return at(n, 'unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const esc = text[i + 1];
        if (esc === undefined) return at(n, 'unterminated string');
        if (esc === 'u') {
          for (let k = 2; k < 6; k++) {
            if (i + k >= n) return at(n, 'unterminated string');
            if (!isHex(text.charCodeAt(i + k))) return at(i + k, 'bad \\u escape: expected 4 hex digits');
          }
          i += 6;
        } else if ('"\\/bfnrt'.includes(esc)) {
          i += 2;
        } else {
          return at(i + 1, `bad escape \\${esc} in a string`);
        }
      } else if (c < 0x20) {
        return at(i, 'control character (such as a line break or tab) inside a string; write \\n or \\t');
      } else {
        i++;
      }
    }
  };

  const scanNumber = (): { position: number; message: string } | undefined => {
    if (text[i] === '-') i++;
    if (i < n && text[i] === '0') i++;
    else if (i < n && isDigit(text.charCodeAt(i))) while (i < n && isDigit(text.charCodeAt(i))) i++;
    else return at(i, `expected a digit, found ${describeChar(i)}`);
    if (text[i] === '.') {
      i++;
      if (!(i < n && isDigit(text.charCodeAt(i)))) return at(i, `expected a digit after ".", found ${describeChar(i)}`);
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!(i < n && isDigit(text.charCodeAt(i)))) return at(i, `expected a digit in the exponent, found ${describeChar(i)}`);
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    }
    return undefined;
  };

  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
    if (i >= n) {
      if (state === 'after' && stack.length === 0) return undefined;
      return at(n, 'unexpected end of input');
    }
    const ch = text[i]!;
    switch (state) {
      case 'valueOrEnd':
        if (ch === ']') {
          i++;
          stack.pop();
          state = 'after';
        } else {
          state = 'value';
        }
        break;
      case 'keyOrEnd':
        if (ch === '}') {
          i++;
          stack.pop();
          state = 'after';
        } else {
          state = 'key';
        }
        break;
      case 'key': {
        if (ch !== '"') return at(i, `expected a property name in double quotes, found ${describeChar(i)}`);
        const err = scanString();
        if (err) return err;
        state = 'colon';
        break;
      }
      case 'colon':
        if (ch !== ':') return at(i, `expected ":" after the property name, found ${describeChar(i)}`);
        i++;
        state = 'value';
        break;
      case 'value': {
        if (ch === '{') {
          i++;
          stack.push(0);
          state = 'keyOrEnd';
          break;
        }
        if (ch === '[') {
          i++;
          stack.push(1);
          state = 'valueOrEnd';
          break;
        }
        if (ch === '"') {
          const err = scanString();
          if (err) return err;
          state = 'after';
          break;
        }
        if (ch === '-' || isDigit(ch.charCodeAt(0))) {
          const err = scanNumber();
          if (err) return err;
          state = 'after';
          break;
        }
        const lit = ['true', 'false', 'null'].find((l) => l[0] === ch);
        if (lit) {
          let k = 0;
          while (k < lit.length && text[i + k] === lit[k]) k++;
          if (k < lit.length) return at(i + k, i + k >= n ? 'unexpected end of input' : `expected ${lit}, found ${describeChar(i + k)}`);
          i += lit.length;
          state = 'after';
          break;
        }
        return at(i, `expected a value, found ${describeChar(i)}`);
      }
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) return at(i, `unexpected ${describeChar(i)} after the end of the JSON value`);
        if (ch === ',') {
          i++;
          state = top === 0 ? 'key' : 'value';
        } else if ((top === 0 && ch === '}') || (top === 1 && ch === ']')) {
          i++;
          stack.pop();
        } else {
          return at(i, `expected "," or "${top === 0 ? '}' : ']'}", found ${describeChar(i)}`);
        }
        break;
      }
    }
  }
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

  // What the timeline creates, and when: for "it only exists later" hints.
  const timeline = s.timeline ?? [];
  const order: Array<{ entry: TimelineEntry; index: number; atMs: number }> = [];
  timeline.forEach((entry, index) => {
    const atMs = tryParseDuration(entry.at);
    if (atMs === undefined) add(`$.timeline[${index}].at`, entry.at, 'expected a time: whole milliseconds or a string like "30s" (too large or malformed)');
    else order.push({ entry, index, atMs });
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

  const addTopic = (t: TopicSpec, path: string): void => {
    const first = topics.get(t.name);
    if (first) add(childPath(path, 'name'), t.name, `duplicate topic name; the topic is already defined at ${first.path}`);
    else topics.set(t.name, { partitions: t.partitions, path: childPath(path, 'name') });
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
    else clients.set(clientId, childPath(path, 'clientId'));
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
    if (joinsGroup && (session < minSession || session > maxSession)) {
      const where = sessionSet !== undefined ? childPath(cfgPath, 'session.timeout.ms') : path;
      add(
        where,
        sessionSet !== undefined ? session : undefined,
        `${sessionSet === undefined ? `the default session.timeout.ms (${session})` : 'session.timeout.ms'} must be between the broker's group.min.session.timeout.ms (${minSession}) and group.max.session.timeout.ms (${maxSession}); the broker rejects the JoinGroup (INVALID_SESSION_TIMEOUT)`,
      );
    }
  };
  const addConsumer = (c: ConsumerSpec, path: string): void => {
    addClient(c.clientId, path);
    (c.topics ?? []).forEach((t, i) => requireTopic(t, childPath(childPath(path, 'topics'), i)));
    checkConfig(c.config, path, true);
  };
  const addGroup = (g: GroupSpec, path: string): void => {
    const first = groups.get(g.groupId) ?? shareGroups.get(g.groupId);
    if (first !== undefined) add(childPath(path, 'groupId'), g.groupId, `duplicate groupId; the group is already defined at ${first}`);
    else groups.set(g.groupId, childPath(path, 'groupId'));
    (g.consumers ?? []).forEach((c, i) => addConsumer(c, childPath(childPath(path, 'consumers'), i)));
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
  };
  const shareGroups = new Map<string, string>();
  const addShareGroup = (g: ShareGroupSpec, path: string): void => {
    const first = groups.get(g.groupId) ?? shareGroups.get(g.groupId);
    if (first !== undefined) add(childPath(path, 'groupId'), g.groupId, `duplicate groupId; the group is already defined at ${first}`);
    else shareGroups.set(g.groupId, childPath(path, 'groupId'));
    (g.consumers ?? []).forEach((c, i) => addShareConsumer(c, childPath(childPath(path, 'consumers'), i)));
  };
  const addShareConsumer = (c: ShareConsumerSpec, path: string): void => {
    addClient(c.clientId, path);
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
        break;
      case 'add-standalone-consumer':
        addStandalone(e.consumer, `${p}.consumer`);
        break;
      case 'stop-consumer':
      case 'crash-consumer':
      case 'restart-consumer':
      case 'set-consumer-rate':
        requireConsumer(e.consumer, `${p}.consumer`);
        break;
      case 'stall-consumer':
        requireConsumer(e.consumer, `${p}.consumer`);
        if (tryParseDuration(e.duration) === undefined) add(`${p}.duration`, e.duration, 'expected a duration: whole milliseconds or a string like "30s" (too large or malformed)');
        break;
      case 'add-partitions': {
        const t = requireTopic(e.topic, `${p}.topic`);
        if (t) {
          if (e.partitions <= t.partitions) {
            add(`${p}.partitions`, e.partitions, `must be greater than the current partition count of "${e.topic}" (${t.partitions} at this point): it is the new total, and partitions can only be added, never removed`);
          } else {
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
        break;
    }
  }
  return errors;
}
