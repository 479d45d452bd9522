/**
 * Committed offsets (Kafka's `OffsetMetadataManager`): per group id, per topic, per partition;
 * -1 means none. A group's offsets outlive its members and a change of protocol. Which commits
 * are allowed is each group's rule (its generation or member epoch); storing them is this one.
 */
import type { Topic } from '../topic';

export class GroupOffsets {
  private readonly byTopic = new Map<string, number[]>();
  /** The metadata string a commit carried, when it carried one. */
  private readonly metadataOf = new Map<string, string>();

  constructor(readonly groupId: string) {}

  committed(topic: string, partition: number): number {
    return this.byTopic.get(topic)?.[partition] ?? -1;
  }

  /** The caller checked that the partition exists (the array grows to it). */
  commit(topic: string, partition: number, offset: number, metadata: string | null = null): void {
    const key = `${topic}-${partition}`;
    if (metadata === null) this.metadataOf.delete(key);
    else this.metadataOf.set(key, metadata);
    let arr = this.byTopic.get(topic);
    if (!arr) this.byTopic.set(topic, (arr = []));
    while (arr.length <= partition) arr.push(-1);
    arr[partition] = offset;
  }

  metadata(topic: string, partition: number): string | null {
    return this.metadataOf.get(`${topic}-${partition}`) ?? null;
  }

  topics(): IterableIterator<string> {
    return this.byTopic.keys();
  }

  /** Topic → per-partition offsets (-1 = none), in the order topics were first committed. */
  entries(): IterableIterator<[string, readonly number[]]> {
    return this.byTopic.entries();
  }

  /** Total lag over partitions with a committed offset. */
  totalLag(topicOf: (name: string) => Topic | undefined): number {
    let lag = 0;
    for (const [name, arr] of this.byTopic) {
      const topic = topicOf(name);
      if (!topic) continue;
      for (let p = 0; p < arr.length; p++) {
        const c = arr[p]!;
        if (c >= 0) lag += Math.max(0, (topic.logEndOffsets[p] ?? 0) - c);
      }
    }
    return lag;
  }
}

export class OffsetMetadataManager {
  private readonly groups = new Map<string, GroupOffsets>();

  forGroup(groupId: string): GroupOffsets {
    let g = this.groups.get(groupId);
    if (!g) this.groups.set(groupId, (g = new GroupOffsets(groupId)));
    return g;
  }
}
