/**
 * How partitions and new ids are named, once for every layer: a partition prints as `topic-N`
 * (as Kafka's TopicPartition.toString does) and parses back from the last '-'; a new consumer or
 * group id is the first free one in the tutorial's style (`consumer01`, `consumer02`, …).
 */
import type { TopicPartition } from './assignors/types';

export function partitionName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** `topic-N` back to its parts; undefined when it does not end in `-N`. */
export function parsePartitionName(name: string): TopicPartition | undefined {
  const cut = name.lastIndexOf('-');
  if (cut <= 0) return undefined;
  const digits = name.slice(cut + 1);
  if (!/^(0|[1-9]\d*)$/.test(digits)) return undefined;
  return { topic: name.slice(0, cut), partition: Number(digits) };
}

/** By topic, then partition number. */
export function comparePartitions(a: TopicPartition, b: TopicPartition): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;
}

/**
 * The first `${base}NN` (two digits at least, from 01) that `taken` does not hold: the palette and
 * the panels suggest the same id, counting every consumer (share consumers too).
 */
export function suggestId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let i = 1; ; i++) {
    const id = `${base}${String(i).padStart(2, '0')}`;
    if (!used.has(id)) return id;
  }
}
