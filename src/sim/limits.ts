/**
 * The limits every layer shares: the engine, the scenario loader and its JSON Schema, the webview
 * message validators, the palette commands, the webview forms and the CLI read them from here.
 * (`schemas/kafkalab.schema.json` writes the same numbers; a unit test checks they agree.)
 *
 * The sizes are those the engine handles in well under a second: a scenario at every limit at
 * once loads, and a webview message at the limits is checked, in milliseconds (`npm run bench`,
 * case `load-at-limits`). Anything larger is refused with the field, the value and the limit.
 */

/** Messages per second, for producers and consumers. */
export const MAX_RATE_PER_SEC = 1_000_000;
/** Partitions of one topic (Kafka allows more; a lesson never needs them). */
export const MAX_TOPIC_PARTITIONS = 10_000;
/** Partitions of all topics of a scenario together, the timeline's additions included. */
export const MAX_TOTAL_PARTITIONS = 10_000;
export const MAX_TOPICS = 100;
export const MAX_PRODUCERS = 100;
/** Consumer groups and share groups, each. */
export const MAX_GROUPS = 100;
/** Consumers of one consumer group or share group. */
export const MAX_CONSUMERS_PER_GROUP = 500;
/** Every consumer of the scenario: group members, standalone consumers and share consumers. */
export const MAX_CONSUMERS_TOTAL = 1_000;
export const MAX_TIMELINE_ENTRIES = 10_000;
/** Virtual time: a scenario's duration, a timeline time, a stall, `kafka-lab run --until`. */
export const MAX_RUN_MS = 30 * 24 * 3_600_000;
export const MAX_RUN_TEXT = '30 days';

/**
 * Names (topics, group ids, client ids, producer ids, group.instance.id): at most 249 characters,
 * as Kafka's topic names, and none of them a control character, so a name can never move the
 * cursor, retitle a terminal or forge a line of output. Topic names are further limited to
 * Kafka's legal characters (`TOPIC_NAME_PATTERN`).
 */
export const MAX_NAME_LENGTH = 249;
/** What a name may not contain: C0 and C1 control characters, DEL, the bidirectional overrides, and lone surrogates (in "u" mode a paired surrogate is one code point and passes). */
export const NAME_FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
/** The same rule as a JSON Schema pattern (what the schema file writes). */
export const NAME_SCHEMA_PATTERN = '^[^\\u0000-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff]+$';
/** Kafka's legal topic characters (Topic.java: `[a-zA-Z0-9._-]`, not "." or ".."). */
export const TOPIC_NAME_PATTERN = '^(?!\\.\\.?$)[a-zA-Z0-9._-]+$';
/**
 * One `kafka-lab assign` call (the shape of Kafka's assignor tests): partitions in total and
 * members. The largest benchmark case is 2,000 members × 1,000,000 partitions.
 */
export const MAX_ASSIGN_PARTITIONS = 1_000_000;
export const MAX_ASSIGN_MEMBERS = 10_000;

/**
 * A scenario file's text: at most this many characters, nested at most this deep (a scenario at
 * every limit at once is about 1.4 MB and 8 levels deep). Checked before the text is parsed.
 */
export const MAX_SCENARIO_TEXT_LENGTH = 8_000_000;
export const MAX_JSON_DEPTH = 64;

/** A scenario's title and description. */
export const MAX_SCENARIO_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2_000;

/** Why `name` is not a valid name, or undefined when it is. */
export function nameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'expected a string';
  if (name.length === 0) return 'expected a non-empty string';
  if ([...name].length > MAX_NAME_LENGTH) return `expected at most ${MAX_NAME_LENGTH} characters`;
  if (NAME_FORBIDDEN_CHARACTERS.test(name)) return 'control characters (and bidirectional overrides) are not allowed in names';
  return undefined;
}

/** Why `rate` is not a valid messages-per-second rate, or undefined when it is. */
export function rateProblem(rate: unknown): string | undefined {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > MAX_RATE_PER_SEC) {
    return `expected a number of messages per second from 0 to ${MAX_RATE_PER_SEC}`;
  }
  return undefined;
}
