/**
 * What the webview knows: the latest status and snapshot from the extension, the recent events,
 * and the lag history it records itself from successive snapshots (bounded rings).
 */
import type { HostMessage, SessionStatus, ViewKind } from '../protocol/messages';
import { partitionName } from '../sim';
import type { SimEvent, SimSnapshot, TopicPartition } from '../sim';
import { resolveStrings, WebviewStrings } from '../protocol/webviewStrings';
import { LagSeries, PARTITION_HISTORY_LIMIT } from './history';

/** Events kept for the timeline (the newest). */
export const EVENT_LIMIT = 2_000;

export interface StoreChange {
  /** A new snapshot or status arrived. */
  readonly snapshot: boolean;
  /** Events were added or dropped. */
  readonly events: boolean;
  /** The simulation was replaced: history and events were cleared. */
  readonly reset: boolean;
}

const partitionKey = (group: string, tp: TopicPartition): string => `${group}\u0000${partitionName(tp.topic, tp.partition)}`;

export class Store {
  status: SessionStatus | null = null;
  snapshot: SimSnapshot | null = null;
  strings: WebviewStrings = resolveStrings(undefined);
  view: ViewKind | null = null;
  private eventList: SimEvent[] = [];
  /** Bumped whenever the event list changes (cheap change detection for the timeline). */
  eventsVersion = 0;
  /** Bumped on every snapshot. */
  snapshotVersion = 0;
  readonly groupLag = new Map<string, LagSeries>();
  /** The group's largest time lag (ms) per sample. */
  readonly groupTimeLag = new Map<string, LagSeries>();
  /** key: `group\0topic-N` */
  readonly partitionLag = new Map<string, LagSeries>();
  /** The previous snapshot (for heartbeat pulses and chip transitions). */
  previous: SimSnapshot | null = null;

  get events(): readonly SimEvent[] {
    return this.eventList;
  }

  /** Applies an `init` or `update` (an `error` or a `comparison` changes nothing here). */
  apply(msg: HostMessage): StoreChange {
    switch (msg.type) {
      case 'init':
        this.view = msg.view;
        this.strings = resolveStrings(msg.strings);
        this.clear();
        this.setSnapshot(msg.status, msg.snapshot);
        this.addEvents(msg.events);
        return { snapshot: true, events: true, reset: true };
      case 'update': {
        if (msg.reset) this.clear();
        this.setSnapshot(msg.status, msg.snapshot);
        if (msg.events.length > 0) this.addEvents(msg.events);
        return { snapshot: true, events: msg.events.length > 0 || msg.reset, reset: msg.reset };
      }
      case 'error':
      case 'comparison':
        return { snapshot: false, events: false, reset: false };
    }
  }

  lagSeries(group: string): LagSeries | undefined {
    return this.groupLag.get(group);
  }

  timeLagSeries(group: string): LagSeries | undefined {
    return this.groupTimeLag.get(group);
  }

  partitionSeries(group: string, tp: TopicPartition): LagSeries | undefined {
    return this.partitionLag.get(partitionKey(group, tp));
  }

  private clear(): void {
    this.eventList = [];
    this.eventsVersion++;
    this.groupLag.clear();
    this.groupTimeLag.clear();
    this.partitionLag.clear();
    this.previous = null;
    this.snapshot = null;
  }

  private setSnapshot(status: SessionStatus, snap: SimSnapshot): void {
    if (this.snapshot && snap.t < this.snapshot.t) {
      // Time went backwards without a reset flag: treat it as a new simulation.
      this.groupLag.clear();
      this.groupTimeLag.clear();
      this.partitionLag.clear();
    }
    this.previous = this.snapshot;
    this.status = status;
    this.snapshot = snap;
    this.snapshotVersion++;
    for (const g of snap.groups) {
      let s = this.groupLag.get(g.groupId);
      if (!s) this.groupLag.set(g.groupId, (s = new LagSeries()));
      s.add(snap.t, g.totalLag);
      let ts = this.groupTimeLag.get(g.groupId);
      if (!ts) this.groupTimeLag.set(g.groupId, (ts = new LagSeries()));
      ts.add(snap.t, g.maxTimeLagMs);
      if (g.partitions.length <= PARTITION_HISTORY_LIMIT) {
        for (const p of g.partitions) {
          const key = partitionKey(g.groupId, p);
          let ps = this.partitionLag.get(key);
          if (!ps) this.partitionLag.set(key, (ps = new LagSeries()));
          ps.add(snap.t, p.lag ?? 0);
        }
      }
    }
  }

  private addEvents(events: readonly SimEvent[]): void {
    // Events arrive in log order; one already seen (a repeated message) is skipped.
    let lastSeq = this.eventList.length > 0 ? this.eventList[this.eventList.length - 1]!.seq : -1;
    for (const e of events) {
      if (e.seq <= lastSeq) continue;
      this.eventList.push(e);
      lastSeq = e.seq;
    }
    if (this.eventList.length > EVENT_LIMIT * 2) this.eventList.splice(0, this.eventList.length - EVENT_LIMIT);
    this.eventsVersion++;
  }
}
