/**
 * What the views show, derived from a snapshot: which groups are shown, each topic's partitions
 * by group, each consumer's state and card, who is busy and who idles, which share consumers share
 * a partition, which consumer groups neighbour a share group, the lag worth charting, the ids the
 * forms suggest, the events the timeline lists. Pure functions of their arguments (no DOM, no strings): the renderers in render/
 * only turn these into elements.
 */
import { SPEEDS } from '../protocol/messages';
import type { ProtocolComparisonRow, ViewKind } from '../protocol/messages';
import { comparePartitions, partitionName, suggestId } from '../sim';
import type { ConsumerSnapshot, GroupPartitionSnapshot, GroupSnapshot, MemberSnapshot, SimSnapshot, TopicSnapshot } from '../sim';
import type { ShareGroupSnapshot, ShareMemberSnapshot, SharePartitionSnapshot, SimEvent, TopicPartition } from '../sim';
import { heatLevel, partitionColor } from './colors';
import { eventCategory, EventCategory } from './explanations';
import { ReconciliationModel, reconciliationModel } from './reconciliation';

// ---- topics and their colours ----------------------------------------------------------------

/** topic name → its place in the snapshot (what a partition's colour is computed from). */
export type TopicOrder = ReadonlyMap<string, number>;

export function topicOrder(snap: SimSnapshot): TopicOrder {
  return new Map(snap.topics.map((topic, i) => [topic.name, i]));
}

/** The colour class index (pc-N) of a partition: its row, chips and chart line share it. */
export function partitionColour(order: TopicOrder, tp: TopicPartition): number {
  return partitionColor(order.get(tp.topic) ?? 0, tp.partition);
}

// ---- which groups are shown --------------------------------------------------------------------

/** The group the sidebar shows and the heat strip colours: the chosen one while it exists, else the first. */
export function selectedGroupId(snap: SimSnapshot, chosen: string | null): string | null {
  return snap.groups.some((g) => g.groupId === chosen) ? chosen : (snap.groups[0]?.groupId ?? null);
}

/** Every group in the panel; the selected one in the sidebar. */
export function shownGroups(snap: SimSnapshot, view: ViewKind, selected: string | null): GroupSnapshot[] {
  return view === 'panel' ? snap.groups : snap.groups.filter((g) => g.groupId === selected);
}

export function consumersByGroup(snap: SimSnapshot): Map<string, ConsumerSnapshot[]> {
  const byGroup = new Map<string, ConsumerSnapshot[]>();
  for (const c of snap.consumers) {
    const list = byGroup.get(c.group) ?? [];
    list.push(c);
    byGroup.set(c.group, list);
  }
  return byGroup;
}

// ---- topics: partitions by group ------------------------------------------------------------

export interface TopicModel {
  readonly topic: TopicSnapshot;
  readonly topicIndex: number;
  /** The shown groups that read this topic (or have offsets for it). */
  readonly groups: readonly GroupSnapshot[];
  /** group id → partition number → the group's view of it (this topic only). */
  readonly byGroup: ReadonlyMap<string, ReadonlyMap<number, GroupPartitionSnapshot>>;
  /** The group whose lag the heat strip shows. */
  readonly heatGroup: string | null;
  /** The highest log-end offset of its partitions (the logs' common scale), and their sum. */
  readonly maxLogEnd: number;
  readonly totalLogEnd: number;
}

export function topicModels(snap: SimSnapshot, groups: readonly GroupSnapshot[], heatGroup: string | null): TopicModel[] {
  return snap.topics.map((topic, topicIndex) => {
    const byGroup = new Map<string, Map<number, GroupPartitionSnapshot>>();
    for (const g of groups) {
      const partitions = new Map<number, GroupPartitionSnapshot>();
      for (const p of g.partitions) if (p.topic === topic.name) partitions.set(p.partition, p);
      byGroup.set(g.groupId, partitions);
    }
    const readers = groups.filter((g) => (byGroup.get(g.groupId)?.size ?? 0) > 0);
    const maxLogEnd = topic.partitions.reduce((m, p) => Math.max(m, p.logEndOffset), 0);
    const totalLogEnd = topic.partitions.reduce((s, p) => s + p.logEndOffset, 0);
    return { topic, topicIndex, groups: readers, byGroup, heatGroup, maxLogEnd, totalLogEnd };
  });
}

export interface HeatStripModel {
  /** Per partition (by number): its lag bucket and whether the group has it unowned. */
  readonly cells: ReadonlyArray<{ readonly level: number; readonly unowned: boolean }>;
  readonly maxLag: number;
  /** The partition with the highest lag (the first of them). */
  readonly maxAt: number;
  readonly unowned: number;
}

/** The heat strip of a topic with `count` partitions, for one group's view of them. */
export function heatStrip(count: number, parts: ReadonlyMap<number, GroupPartitionSnapshot> | undefined): HeatStripModel {
  let maxLag = 0;
  let maxAt = 0;
  let unowned = 0;
  for (let i = 0; i < count; i++) {
    const p = parts?.get(i);
    const lag = p?.lag ?? 0;
    if (lag > maxLag) {
      maxLag = lag;
      maxAt = i;
    }
    if (p && p.owner === null) unowned++;
  }
  const cells = Array.from({ length: count }, (_, i) => {
    const p = parts?.get(i);
    return { level: heatLevel(p?.lag ?? null, maxLag), unowned: p !== undefined && p.owner === null };
  });
  return { cells, maxLag, maxAt, unowned };
}

/** The `limit` partitions with the highest lag (by number on ties), as [partition, lag]. */
export function mostLagging(count: number, parts: ReadonlyMap<number, GroupPartitionSnapshot> | undefined, limit: number): Array<[number, number]> {
  const lags = Array.from({ length: count }, (_, i): [number, number] => [i, parts?.get(i)?.lag ?? 0]);
  return lags.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
}

/** A group's partitions with the highest lag first (the lines the chart draws per partition). */
export function partitionsByLag(group: GroupSnapshot, limit: number): GroupPartitionSnapshot[] {
  return [...group.partitions].sort((a, b) => (b.lag ?? 0) - (a.lag ?? 0) || comparePartitions(a, b)).slice(0, limit);
}

// ---- consumers ------------------------------------------------------------------------------

export type ConsumerState = 'running' | 'idle' | 'stalled' | 'joining' | 'unjoined' | 'stopped' | 'crashed';

export function consumerState(c: ConsumerSnapshot): ConsumerState {
  if (c.status === 'crashed') return 'crashed';
  if (c.status === 'stopped') return 'stopped';
  if (c.stalledForMs > 0) return 'stalled';
  if (c.membership === 'joining') return 'joining';
  if (c.membership === 'unjoined') return 'unjoined';
  if (c.idle) return 'idle';
  return 'running';
}

export type ShareConsumerState = 'busy' | 'waiting' | 'stalled' | 'unjoined' | 'stopped' | 'crashed';

export function shareConsumerState(m: ShareMemberSnapshot): ShareConsumerState {
  if (m.status === 'crashed') return 'crashed';
  if (m.status === 'stopped') return 'stopped';
  if (m.stalled) return 'stalled';
  if (!m.inGroup) return 'unjoined';
  return m.assignment.length > 0 ? 'busy' : 'waiting';
}

/** How a share consumer's card looks, in a consumer card's terms: busy looks running, waiting looks idle. */
export function shareCardLook(state: ShareConsumerState): ConsumerState {
  return state === 'busy' ? 'running' : state === 'waiting' ? 'idle' : state;
}

export interface Busy {
  readonly busy: number;
  readonly running: number;
}

/** A consumer group's running members: how many read a partition, how many wait idle. */
export function groupBusy(consumers: readonly ConsumerSnapshot[]): Busy & { readonly idle: number } {
  const running = consumers.filter((c) => c.status === 'running' && !c.standalone);
  const busy = running.filter((c) => c.assigned.length > 0 && c.stalledForMs === 0).length;
  return { busy, idle: running.filter((c) => c.idle).length, running: running.length };
}

/** Running share consumers, and how many of them have partitions to fetch from. */
export function shareBusy(g: ShareGroupSnapshot): Busy {
  const running = g.members.filter((m) => m.status === 'running');
  return { busy: running.filter((m) => shareConsumerState(m) === 'busy').length, running: running.length };
}

export const allBusy = (b: Busy): boolean => b.running > 0 && b.busy === b.running;

/** A partition a consumer reads, as its card's chip shows it. */
export interface ChipModel extends TopicPartition {
  /** `topic-N`: the chip's key. */
  readonly name: string;
  readonly colour: number;
  /** The snapshot has several topics: labels name the topic too. */
  readonly multiTopic: boolean;
  /** The position the consumer reads at (consumer groups). */
  readonly position?: number;
  /** client ids of the share consumers fetching from it (share groups). */
  readonly sharers?: readonly string[];
}

export function chipModels<T extends TopicPartition>(assigned: readonly T[], order: TopicOrder, extra: (tp: T) => Partial<ChipModel> = () => ({})): ChipModel[] {
  return [...assigned].sort(comparePartitions).map((tp) => ({ topic: tp.topic, partition: tp.partition, name: partitionName(tp.topic, tp.partition), colour: partitionColour(order, tp), multiTopic: order.size > 1, ...extra(tp) }));
}

/**
 * Silence after which a card shows the session countdown: a heartbeat is due every
 * heartbeat.interval.ms (default 3 s, and at most a third of the session timeout is recommended),
 * so a longer silence means heartbeats stopped.
 */
export function silentAfterMs(member: MemberSnapshot): number {
  return Math.min(member.sessionTimeoutMs / 3, 3000) + 500;
}

export interface SessionCountdown {
  /** The share of the session timeout left, 0..1. */
  readonly fraction: number;
  readonly expiresInMs: number;
  /** Less than a quarter left. */
  readonly urgent: boolean;
}

/** The coordinator's view of a member whose heartbeats stopped; undefined while it heartbeats. */
export function sessionCountdown(member: MemberSnapshot | undefined): SessionCountdown | undefined {
  if (!member || member.sinceHeartbeatMs <= silentAfterMs(member)) return undefined;
  return {
    fraction: member.sessionTimeoutMs > 0 ? member.sessionExpiresInMs / member.sessionTimeoutMs : 0,
    expiresInMs: member.sessionExpiresInMs,
    urgent: member.sessionExpiresInMs < member.sessionTimeoutMs / 4,
  };
}

export interface ConsumerCardModel {
  readonly consumer: ConsumerSnapshot;
  readonly state: ConsumerState;
  /** The coordinator's member for this consumer, if it is one. */
  readonly member: MemberSnapshot | undefined;
  readonly leader: boolean;
  readonly chips: readonly ChipModel[];
  readonly session: SessionCountdown | undefined;
  /** A KIP-848 member whose partitions differ from its target: both, and what moves. */
  readonly reconciliation: ReconciliationModel | undefined;
}

export function consumerCards(group: GroupSnapshot, consumers: readonly ConsumerSnapshot[], order: TopicOrder): ConsumerCardModel[] {
  const byClient = new Map(group.members.map((m) => [m.clientId, m]));
  const leaderClient = group.members.find((m) => m.memberId === group.leader)?.clientId ?? null;
  return consumers.map((consumer) => {
    const member = consumer.memberId ? (group.members.find((m) => m.memberId === consumer.memberId) ?? byClient.get(consumer.clientId)) : undefined;
    return {
      consumer,
      state: consumerState(consumer),
      member,
      leader: consumer.clientId === leaderClient,
      chips: chipModels(consumer.assigned, order, (a) => ({ position: a.position })),
      session: sessionCountdown(member),
      reconciliation: reconciliationModel(group, consumer, member),
    };
  });
}

export interface Page {
  readonly page: number;
  readonly pages: number;
  /** Index of the first item shown, and one past the last. */
  readonly start: number;
  readonly end: number;
}

/** Page `requested` (clamped) of `total` items, `size` a page. */
export function pageOf(total: number, size: number, requested: number): Page {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(pages - 1, Math.max(0, requested));
  return { page, pages, start: page * size, end: Math.min(total, page * size + size) };
}

// ---- groups ---------------------------------------------------------------------------------

export interface GroupModel {
  readonly group: GroupSnapshot;
  readonly snapshot: SimSnapshot;
  readonly topicOrder: TopicOrder;
  readonly cards: readonly ConsumerCardModel[];
  /** Who is busy and who idles: shown next to share groups (undefined without any). */
  readonly busy: (Busy & { readonly idle: number }) | undefined;
}

export function groupModels(snap: SimSnapshot, groups: readonly GroupSnapshot[], order: TopicOrder, byGroup: ReadonlyMap<string, readonly ConsumerSnapshot[]>): GroupModel[] {
  const sharing = snap.shareGroups.length > 0;
  return groups.map((group) => {
    const consumers = byGroup.get(group.groupId) ?? [];
    return { group, snapshot: snap, topicOrder: order, cards: consumerCards(group, consumers, order), busy: sharing ? groupBusy(consumers) : undefined };
  });
}

/** How a group's state badge looks: its icon, whether it is rebalancing, whether the icon turns. */
export interface GroupStateLook {
  readonly icon: string;
  readonly rebalancing: boolean;
  readonly spinning: boolean;
}

const STATE_ICON: Readonly<Record<string, string>> = { Empty: 'circle-outline', Stable: 'pass', Dead: 'circle-slash', Assigning: 'server-process', Reconciling: 'arrow-swap' };
/** Icons that turn while the group rebalances (the KIP-848 ones do not: nothing stops). */
const SPINNING = new Set(['PreparingRebalance', 'CompletingRebalance']);

/** For consumer groups and share groups alike; an unknown state shows as rebalancing. */
export function groupStateLook(state: string): GroupStateLook {
  return { icon: STATE_ICON[state] ?? 'sync', rebalancing: state !== 'Stable' && state !== 'Empty' && state !== 'Dead', spinning: SPINNING.has(state) };
}

// ---- share groups ---------------------------------------------------------------------------

/** `topic-N` → client ids of the running share consumers fetching from it. */
export function sharersByPartition(g: ShareGroupSnapshot): Map<string, string[]> {
  const sharers = new Map<string, string[]>();
  for (const m of g.members) {
    if (m.status !== 'running') continue;
    for (const tp of m.assignment) {
      const name = partitionName(tp.topic, tp.partition);
      sharers.set(name, [...(sharers.get(name) ?? []), m.clientId]);
    }
  }
  return sharers;
}

export interface ShareCardModel {
  readonly member: ShareMemberSnapshot;
  readonly state: ShareConsumerState;
  readonly chips: readonly ChipModel[];
}

export function shareCards(g: ShareGroupSnapshot, order: TopicOrder): ShareCardModel[] {
  const sharers = sharersByPartition(g);
  return g.members.map((member) => ({
    member,
    state: shareConsumerState(member),
    chips: chipModels(member.assignment, order, (tp) => ({ sharers: sharers.get(partitionName(tp.topic, tp.partition)) ?? [member.clientId] })),
  }));
}

export interface Neighbour {
  readonly group: GroupSnapshot;
  readonly busy: Busy & { readonly idle: number };
}

/** The consumer groups reading a topic the share group reads (the trade-off is shown next to them). */
export function shareNeighbours(snap: SimSnapshot, share: ShareGroupSnapshot, byGroup: ReadonlyMap<string, readonly ConsumerSnapshot[]>): Neighbour[] {
  const topics = new Set(share.partitions.map((p) => p.topic));
  return snap.groups.filter((g) => g.partitions.some((p) => topics.has(p.topic))).map((group) => ({ group, busy: groupBusy(byGroup.get(group.groupId) ?? []) }));
}

export const WINDOW_STATES = ['acquired', 'available', 'acknowledged', 'archived'] as const;
export type WindowState = (typeof WINDOW_STATES)[number];

export interface WindowModel {
  readonly partition: SharePartitionSnapshot;
  readonly colour: number;
  readonly multiTopic: boolean;
  /** Records in flight (all four states). */
  readonly total: number;
  /** Each state's share of the records in flight (0 when none are). */
  readonly shares: Readonly<Record<WindowState, number>>;
  /** Records by delivery attempt (attempts with none left out), first attempt first. */
  readonly attempts: ReadonlyArray<readonly [attempt: number, records: number]>;
  /** Some record is being delivered more than once. */
  readonly redelivered: boolean;
}

export function windowModel(p: SharePartitionSnapshot, order: TopicOrder): WindowModel {
  const total = WINDOW_STATES.reduce((sum, s) => sum + p.inFlight[s], 0);
  const shares = Object.fromEntries(WINDOW_STATES.map((s) => [s, total > 0 ? p.inFlight[s] / total : 0])) as Record<WindowState, number>;
  const attempts = Object.entries(p.deliveryCounts)
    .map(([k, v]) => [Number(k), v] as const)
    .filter(([, v]) => v > 0)
    .sort((a, b) => a[0] - b[0]);
  return { partition: p, colour: partitionColour(order, p), multiTopic: order.size > 1, total, shares, attempts, redelivered: attempts.some(([k]) => k > 1) };
}

export interface ShareGroupModel {
  readonly group: ShareGroupSnapshot;
  readonly snapshot: SimSnapshot;
  readonly busy: Busy;
  readonly cards: readonly ShareCardModel[];
  readonly neighbours: readonly Neighbour[];
  readonly windows: readonly WindowModel[];
}

export function shareGroupModels(snap: SimSnapshot, order: TopicOrder, byGroup: ReadonlyMap<string, readonly ConsumerSnapshot[]>): ShareGroupModel[] {
  return snap.shareGroups.map((group) => ({
    group,
    snapshot: snap,
    busy: shareBusy(group),
    cards: shareCards(group, order),
    neighbours: shareNeighbours(snap, group, byGroup),
    windows: group.partitions.map((p) => windowModel(p, order)),
  }));
}

// ---- the whole view -------------------------------------------------------------------------

export interface ViewModel {
  readonly topicOrder: TopicOrder;
  /** The selected group (see selectedGroupId). */
  readonly selectedGroup: string | null;
  readonly topics: readonly TopicModel[];
  readonly groups: readonly GroupModel[];
  readonly shareGroups: readonly ShareGroupModel[];
}

/** Everything a view renders from one snapshot; `chosenGroup` is the user's pick (UI state). */
export function viewModel(snap: SimSnapshot, view: ViewKind, chosenGroup: string | null): ViewModel {
  const order = topicOrder(snap);
  const selected = selectedGroupId(snap, chosenGroup);
  const shown = shownGroups(snap, view, selected);
  const byGroup = consumersByGroup(snap);
  return {
    topicOrder: order,
    selectedGroup: selected,
    topics: topicModels(snap, shown, selected),
    groups: groupModels(snap, shown, order, byGroup),
    shareGroups: shareGroupModels(snap, order, byGroup),
  };
}

// ---- what the forms suggest -----------------------------------------------------------------

/** Every client.id in use: consumer-group and share-group consumers (actions route by client.id). */
export function allClientIds(snap: SimSnapshot): Set<string> {
  return new Set([...snap.consumers.map((c) => c.clientId), ...snap.shareGroups.flatMap((g) => g.members.map((m) => m.clientId))]);
}

/** The first free `consumerNN` (what the command palette suggests too). */
export function suggestClientId(snap: SimSnapshot): string {
  return suggestId('consumer', allClientIds(snap));
}

/** The first free `workerNN`, for a share group. */
export function suggestShareClientId(snap: SimSnapshot): string {
  return suggestId('worker', allClientIds(snap));
}

/** The first free `consumer-group-NN`. */
export function suggestGroupId(snap: SimSnapshot): string {
  return suggestId('consumer-group-', snap.groups.map((g) => g.groupId));
}

// ---- the timeline ---------------------------------------------------------------------------

export interface EventFilter {
  readonly categories: readonly EventCategory[];
  /** Shown when the event's text or type contains it (case-insensitive); '' shows all. */
  readonly text: string;
  /** Rows shown at most (the newest matching events). */
  readonly limit: number;
}

/** The newest events that pass the filter, newest first, and how many pass it in all. */
export function visibleEvents(events: readonly SimEvent[], filter: EventFilter, textOf: (e: SimEvent) => string): { shown: SimEvent[]; matching: number } {
  const categories = new Set(filter.categories);
  const needle = filter.text.trim().toLowerCase();
  const shown: SimEvent[] = [];
  let matching = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (!categories.has(eventCategory(e))) continue;
    if (needle && !textOf(e).toLowerCase().includes(needle) && !e.type.includes(needle)) continue;
    matching++;
    if (shown.length < filter.limit) shown.push(e);
  }
  return { shown, matching };
}

// ---- the toolbar and the comparison ---------------------------------------------------------

/** The speed menu's entry closest to the session's speed. */
export function nearestSpeed(speed: number): number {
  return SPEEDS.reduce((best, s) => (Math.abs(s - speed) < Math.abs(best - speed) ? s : best), SPEEDS[0]);
}

export const COMPARE_METRICS = ['rounds', 'maxUnownedMs', 'totalUnownedMs', 'processed', 'duplicates', 'outOfOrder'] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];
/** Higher is better only for records processed. */
export const HIGHER_IS_BETTER: ReadonlySet<CompareMetric> = new Set(['processed']);

export interface ComparisonScale {
  /** Each column's largest value (its bars' full width). */
  readonly max: Record<CompareMetric, number>;
  /** Each column's best value, null where the protocols do not differ. */
  readonly best: Record<CompareMetric, number | null>;
}

export function comparisonScale(rows: readonly ProtocolComparisonRow[]): ComparisonScale {
  const max = {} as Record<CompareMetric, number>;
  const best = {} as Record<CompareMetric, number | null>;
  for (const m of COMPARE_METRICS) {
    const values = rows.map((r) => r[m]);
    max[m] = Math.max(0, ...values);
    const b = HIGHER_IS_BETTER.has(m) ? Math.max(...values) : Math.min(...values);
    best[m] = values.length > 1 && new Set(values).size > 1 ? b : null;
  }
  return { max, best };
}
