/**
 * Input at the limits of src/sim/limits.ts, checked on the extension host's thread: the target is
 * that anything within the limits is accepted, and anything beyond refused, in well under a
 * second.
 *
 *   load-at-limits         a scenario at every limit at once: 100 topics with 10,000 partitions in
 *                          all, 100 producers, 2 groups × 500 consumers, 10,000 timeline entries
 *                          (JSON text → parse → schema → semantic checks). Target < 1,000 ms.
 *   load-beyond-limits     the same with 100,000 timeline entries: refused. Target < 1,000 ms.
 *   message-at-limits      a webview add-group with 500 consumers, validated. Target < 50 ms.
 */
import type { BenchCase } from '../harness';
import { loadScenario } from '../../src/sim/scenario/load';
import { checkWebviewMessage } from '../../src/protocol/messageChecks';
import { MAX_CONSUMERS_PER_GROUP, MAX_TIMELINE_ENTRIES, MAX_TOPICS, MAX_TOTAL_PARTITIONS } from '../../src/sim/limits';

function scenarioText(timelineEntries: number): string {
  const topics = Array.from({ length: MAX_TOPICS }, (_, i) => ({ name: `topic-${i}`, partitions: MAX_TOTAL_PARTITIONS / MAX_TOPICS }));
  const producers = topics.map((t, i) => ({ id: `producer-${i}`, topic: t.name, ratePerSec: 100 }));
  const groups = [0, 1].map((g) => ({
    groupId: `group-${g}`,
    consumers: Array.from({ length: MAX_CONSUMERS_PER_GROUP }, (_, i) => ({ clientId: `g${g}-consumer-${i}`, ratePerSec: 10, topics: ['topic-0', 'topic-1'] })),
  }));
  const timeline = Array.from({ length: timelineEntries }, (_, i) => ({ at: `${i}s`, action: 'set-producer-rate', producer: `producer-${i % MAX_TOPICS}`, ratePerSec: i % 1000 }));
  return JSON.stringify({ name: 'at the limits', topics, producers, groups, timeline }, null, 2);
}

function loadCase(name: string, entries: number, expectOk: boolean): BenchCase {
  let text = '';
  let ok = false;
  return {
    name,
    runs: 5,
    setup() {
      text = scenarioText(entries);
    },
    run() {
      ok = loadScenario(text).ok;
    },
    verify() {
      if (ok !== expectOk) throw new Error(`${name}: expected the loader to ${expectOk ? 'accept' : 'refuse'} it`);
      return { kB: Math.round(text.length / 1024), accepted: ok ? 1 : 0 };
    },
  };
}

const message = {
  type: 'action',
  action: { action: 'add-group', group: { groupId: 'big', consumers: Array.from({ length: MAX_CONSUMERS_PER_GROUP }, (_, i) => ({ clientId: `c${i}`, ratePerSec: 10 })) } },
};

export const cases: BenchCase[] = [
  loadCase('load-at-limits', MAX_TIMELINE_ENTRIES, true),
  loadCase('load-beyond-limits', 100_000, false),
  {
    name: 'message-at-limits',
    run() {
      if (!checkWebviewMessage(message).ok) throw new Error('the message at the limits was refused');
    },
  },
];
