/**
 * The consumer's embedded protocol inside JoinGroup and SyncGroup (Kafka's `ConsumerProtocol`):
 * a member's subscription is sent as the metadata of each protocol it offers (one per assignor),
 * and the leader's assignment for each member travels as bytes in SyncGroup. Both are versioned
 * structs with a leading int16 version; the lab writes the versions the Java client 4.x writes
 * (subscription v3, assignment v3) and reads v0 to v3, as a broker must for any client.
 *
 * The eager StickyAssignor also puts its own userData in the subscription
 * (`StickyAssignorUserData` v1: the member's last assignment and its generation).
 */
import type { TopicPartition } from '../assignors/types';
import { ByteFormatError, ByteReader, ByteWriter } from './bytes';

export const SUBSCRIPTION_VERSION = 3;
export const ASSIGNMENT_VERSION = 3;

export interface ConsumerSubscription {
  readonly topics: readonly string[];
  readonly userData: Uint8Array | null;
  readonly ownedPartitions: readonly TopicPartition[];
  /** -1 when the member has no generation (or wrote a version below 2). */
  readonly generationId: number;
  readonly rackId: string | null;
}

export interface ConsumerAssignment {
  readonly partitions: readonly TopicPartition[];
  readonly userData: Uint8Array | null;
}

/** Topic-grouped partitions, topics in first-seen order, as the Java client writes them. */
function byTopic(partitions: readonly TopicPartition[]): Array<[string, number[]]> {
  const grouped = new Map<string, number[]>();
  for (const tp of partitions) {
    let list = grouped.get(tp.topic);
    if (!list) grouped.set(tp.topic, (list = []));
    list.push(tp.partition);
  }
  return [...grouped];
}

function writePartitions(w: ByteWriter, partitions: readonly TopicPartition[]): void {
  w.array(byTopic(partitions), ([topic, ps]) => {
    w.string(topic);
    w.array(ps, (p) => w.int32(p));
  });
}

function readPartitions(r: ByteReader, field: string): TopicPartition[] {
  const out: TopicPartition[] = [];
  r.array(field, (i) => {
    const topic = r.string(`${field}[${i}].topic`);
    for (const partition of r.array(`${field}[${i}].partitions`, (j) => r.int32(`${field}[${i}].partitions[${j}]`))) out.push({ topic, partition });
  });
  return out;
}

export function encodeSubscription(s: ConsumerSubscription, version = SUBSCRIPTION_VERSION): Uint8Array {
  const w = new ByteWriter().int16(version);
  w.array(s.topics, (t) => w.string(t));
  w.bytes(s.userData);
  if (version >= 1) writePartitions(w, s.ownedPartitions);
  if (version >= 2) w.int32(s.generationId);
  if (version >= 3) w.nullableString(s.rackId);
  return w.done();
}

/** Reads any version; fields a lower version lacks get Kafka's defaults. Throws ByteFormatError. */
export function decodeSubscription(data: Uint8Array): ConsumerSubscription {
  const r = new ByteReader(data, 'ConsumerProtocolSubscription');
  const version = r.int16('version');
  if (version < 0) throw new ByteFormatError(`ConsumerProtocolSubscription: version ${version} is not valid`);
  const topics = r.array('topics', (i) => r.string(`topics[${i}]`));
  const userData = r.bytes('userData');
  // Newer versions only add fields at the end: read what is there (as the Java client does).
  const ownedPartitions = version >= 1 && r.remaining > 0 ? readPartitions(r, 'ownedPartitions') : [];
  const generationId = version >= 2 && r.remaining > 0 ? r.int32('generationId') : -1;
  const rackId = version >= 3 && r.remaining > 0 ? r.nullableString('rackId') : null;
  return { topics, userData, ownedPartitions, generationId, rackId };
}

export function encodeAssignment(a: ConsumerAssignment, version = ASSIGNMENT_VERSION): Uint8Array {
  const w = new ByteWriter().int16(version);
  writePartitions(w, a.partitions);
  w.bytes(a.userData);
  return w.done();
}

/** An empty byte array is an empty assignment (what the coordinator fills in for members the leader left out). */
export function decodeAssignment(data: Uint8Array): ConsumerAssignment {
  if (data.length === 0) return { partitions: [], userData: null };
  const r = new ByteReader(data, 'ConsumerProtocolAssignment');
  const version = r.int16('version');
  if (version < 0) throw new ByteFormatError(`ConsumerProtocolAssignment: version ${version} is not valid`);
  const partitions = readPartitions(r, 'assignedPartitions');
  const userData = r.remaining > 0 ? r.bytes('userData') : null;
  return { partitions, userData };
}

/** The eager StickyAssignor's userData (v1): the member's previous assignment and its generation. */
export interface StickyUserData {
  readonly partitions: readonly TopicPartition[];
  readonly generation: number;
}

export function encodeStickyUserData(d: StickyUserData): Uint8Array {
  const w = new ByteWriter();
  writePartitions(w, d.partitions);
  w.int32(d.generation);
  return w.done();
}

/** v0 (no generation) reads with generation -1. */
export function decodeStickyUserData(data: Uint8Array): StickyUserData {
  const r = new ByteReader(data, 'StickyAssignorUserData');
  const partitions = readPartitions(r, 'previousAssignment');
  const generation = r.remaining >= 4 ? r.int32('generation') : -1;
  return { partitions, generation };
}
