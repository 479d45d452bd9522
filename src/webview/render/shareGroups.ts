/**
 * Share groups (KIP-932): each one as a section like a consumer group's (state, group epoch,
 * totals), its consumers as cards (several consumers can share a partition), the in-flight window
 * of each partition (SPSO … SPEO, a stacked bar of acquired / available / acknowledged /
 * archived records, and who shares it), and the trade-off next to the consumer groups reading
 * the same topic: every share consumer busy, at the price of records out of key order.
 * The sidebar shows a compact form (no partition windows, no form).
 */
import { comparePartitions, MAX_RATE_PER_SEC as MAX_RATE, partitionName } from '../../sim';
import type { ConsumerSnapshot, GroupSnapshot, SimSnapshot } from '../../sim';
import type { ShareGroupSnapshot, ShareMemberSnapshot, SharePartitionSnapshot } from '../../sim';
import { partitionColor } from '../colors';
import { h, icon, KeyedList, setAttr, setClassWithPrefix, setHidden, setText, setVar, toggleClass, uid } from '../dom';
import { formatCount } from '../format';
import { dur, RenderContext, t } from './context';
import { Field, InlineForm, NAME_PATTERN, parseNumber } from './forms';


export type ShareConsumerState = 'busy' | 'waiting' | 'stalled' | 'unjoined' | 'stopped' | 'crashed';

export function shareConsumerState(m: ShareMemberSnapshot): ShareConsumerState {
  if (m.status === 'crashed') return 'crashed';
  if (m.status === 'stopped') return 'stopped';
  if (m.stalled) return 'stalled';
  if (!m.inGroup) return 'unjoined';
  return m.assignment.length > 0 ? 'busy' : 'waiting';
}

/** Running share consumers, and how many of them have partitions to fetch from. */
export function shareBusy(g: ShareGroupSnapshot): { busy: number; running: number } {
  const running = g.members.filter((m) => m.status === 'running');
  return { busy: running.filter((m) => shareConsumerState(m) === 'busy').length, running: running.length };
}

/** A consumer group's running members: how many read a partition, how many wait idle. */
export function groupBusy(consumers: readonly ConsumerSnapshot[]): { busy: number; idle: number; running: number } {
  const running = consumers.filter((c) => c.status === 'running' && !c.standalone);
  const busy = running.filter((c) => c.assigned.length > 0 && c.stalledForMs === 0).length;
  return { busy, idle: running.filter((c) => c.idle).length, running: running.length };
}

const CARD_ICON: Record<ShareConsumerState, string> = {
  busy: 'pass',
  waiting: 'circle-outline',
  stalled: 'watch',
  unjoined: 'circle-outline',
  stopped: 'debug-stop',
  crashed: 'error',
};

// ---- one share consumer --------------------------------------------------------------------

interface ShareCardInput {
  readonly member: ShareMemberSnapshot;
  /** partition name → client ids of the consumers that fetch from it. */
  readonly sharers: ReadonlyMap<string, readonly string[]>;
  readonly topicIndex: ReadonlyMap<string, number>;
}

class ShareConsumerCard {
  readonly root: HTMLElement;
  private readonly name: HTMLHeadingElement;
  private readonly stateIcon: HTMLSpanElement;
  private readonly stateText: HTMLSpanElement;
  private readonly busyBadge: HTMLSpanElement;
  private readonly busyText: HTMLSpanElement;
  private readonly chips: HTMLDivElement;
  private readonly chipMap = new Map<string, { chip: HTMLSpanElement; label: HTMLSpanElement; shared: HTMLSpanElement }>();
  private readonly noChips: HTMLSpanElement;
  private readonly inFlight: HTMLSpanElement;
  private readonly processed: HTMLSpanElement;
  private readonly rate: HTMLSpanElement;
  private readonly buttons: Record<'stop' | 'crash' | 'stall' | 'restart', HTMLButtonElement>;
  private clientId = '';

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    const nameId = uid('share-consumer');
    this.name = h(d, 'h4', { id: nameId, class: 'card-title', 'data-testid': 'share-consumer-name' });
    this.stateIcon = icon(d, 'pass');
    this.stateText = h(d, 'span', { 'data-testid': 'share-consumer-status' });
    this.busyText = h(d, 'span');
    this.busyBadge = h(d, 'span', { class: 'badge busy-badge', 'data-testid': 'share-busy-badge', hidden: true }, icon(d, 'zap'), this.busyText);
    this.noChips = h(d, 'span', { class: 'chips-empty muted' });
    this.chips = h(d, 'div', { class: 'chips', 'data-testid': 'share-consumer-partitions' }, this.noChips);
    this.inFlight = h(d, 'span', { 'data-testid': 'share-consumer-inflight' });
    this.processed = h(d, 'span', { 'data-testid': 'share-consumer-processed' });
    this.rate = h(d, 'span', { class: 'muted rate' });
    const action = (testid: string, codicon: string, onClick: () => void): HTMLButtonElement => {
      const b = h(d, 'button', { type: 'button', class: 'icon-button', 'data-testid': testid }, icon(d, codicon));
      b.addEventListener('click', onClick);
      return b;
    };
    this.buttons = {
      stop: action('share-consumer-stop', 'debug-stop', () => ctx.post({ type: 'action', action: { action: 'stop-consumer', consumer: this.clientId } })),
      crash: action('share-consumer-crash', 'flame', () => ctx.post({ type: 'action', action: { action: 'crash-consumer', consumer: this.clientId } })),
      stall: action('share-consumer-stall', 'watch', () => ctx.post({ type: 'action', action: { action: 'stall-consumer', consumer: this.clientId, duration: ctx.ui.stallMs } })),
      restart: action('share-consumer-restart', 'debug-restart', () => ctx.post({ type: 'action', action: { action: 'restart-consumer', consumer: this.clientId } })),
    };
    this.root = h(
      d,
      'article',
      { class: 'card share-card', 'data-testid': 'share-consumer-card', 'aria-labelledby': nameId },
      h(d, 'div', { class: 'card-head' }, this.name, h(d, 'span', { class: 'spacer' }), h(d, 'span', { class: 'state-pill' }, this.stateIcon, this.stateText)),
      h(d, 'div', { class: 'card-badges' }, this.busyBadge),
      this.chips,
      h(d, 'div', { class: 'share-metrics' }, this.inFlight, this.processed),
      h(d, 'div', { class: 'card-foot' }, this.rate, h(d, 'span', { class: 'spacer' }), h(d, 'div', { class: 'card-actions', role: 'group' }, this.buttons.stop, this.buttons.crash, this.buttons.stall, this.buttons.restart)),
    );
  }

  update(input: ShareCardInput): void {
    const ctx = this.ctx;
    const m = input.member;
    this.clientId = m.clientId;
    const state = shareConsumerState(m);
    setAttr(this.root, 'data-client', m.clientId);
    setAttr(this.root, 'data-status', m.status);
    setAttr(this.root, 'data-state', state);
    setClassWithPrefix(this.root, 'state-', state === 'busy' ? 'running' : state === 'waiting' ? 'idle' : state);
    setText(this.name, m.clientId);
    setText(
      this.stateText,
      state === 'crashed' ? t(ctx, 'consumerCrashed')
      : state === 'stopped' ? t(ctx, 'consumerStopped')
      : state === 'stalled' ? t(ctx, 'shareStalled')
      : state === 'unjoined' ? t(ctx, 'membershipUnjoined')
      : t(ctx, 'consumerRunning'),
    );
    const iconClass = `codicon codicon-${CARD_ICON[state]}`;
    if (this.stateIcon.className !== iconClass) this.stateIcon.className = iconClass;
    setText(this.busyText, t(ctx, 'shareBusyBadge'));
    setAttr(this.busyBadge, 'title', t(ctx, 'shareBusyBadgeTitle'));
    setHidden(this.busyBadge, state !== 'busy');

    // Partitions it fetches from; a "×n" mark when n consumers share one.
    const sorted = [...m.assignment].sort(comparePartitions);
    const names = sorted.map((tp) => partitionName(tp.topic, tp.partition));
    const multiTopic = input.topicIndex.size > 1;
    const keep = new Set(names);
    let cursor: Element | null = this.chips.firstElementChild;
    for (const { topic, partition } of sorted) {
      const name = partitionName(topic, partition);
      let entry = this.chipMap.get(name);
      if (!entry) {
        const label = h(ctx.doc, 'span');
        const shared = h(ctx.doc, 'span', { class: 'shared-mark', 'data-testid': 'shared-mark' });
        const chip = h(ctx.doc, 'span', { class: 'chip', 'data-testid': 'share-partition-chip', 'data-partition': partition, 'data-topic': topic }, label, shared);
        setClassWithPrefix(chip, 'pc-', String(partitionColor(input.topicIndex.get(topic) ?? 0, partition)));
        entry = { chip, label, shared };
        this.chipMap.set(name, entry);
      }
      const sharers = input.sharers.get(name) ?? [m.clientId];
      setText(entry.label, multiTopic ? `${topic}·${t(ctx, 'partitionShort', partition)}` : t(ctx, 'partitionShort', partition));
      setText(entry.shared, sharers.length > 1 ? `×${sharers.length}` : '');
      setHidden(entry.shared, sharers.length <= 1);
      setAttr(entry.chip, 'data-shared', String(sharers.length));
      setAttr(entry.chip, 'title', t(ctx, 'sharedChipTitle', t(ctx, 'partitionName', name), sharers.join(', ')));
      if (entry.chip === cursor) cursor = cursor.nextElementSibling;
      else this.chips.insertBefore(entry.chip, cursor ?? this.noChips);
    }
    for (const [name, entry] of this.chipMap) {
      if (keep.has(name)) continue;
      entry.chip.remove();
      this.chipMap.delete(name);
    }
    setText(this.noChips, t(ctx, 'noPartitions'));
    setHidden(this.noChips, names.length > 0);

    setText(this.inFlight, t(ctx, 'shareInFlight', formatCount(m.acquired)));
    setAttr(this.inFlight, 'data-count', String(m.acquired));
    setText(this.processed, t(ctx, 'shareProcessed', formatCount(m.processed)));
    setAttr(this.processed, 'data-count', String(m.processed));
    setText(this.rate, t(ctx, 'consumerRate', formatCount(m.ratePerSec)));

    const running = m.status === 'running';
    const label = (b: HTMLButtonElement, text: string, enabled: boolean): void => {
      setAttr(b, 'aria-label', text);
      setAttr(b, 'title', text);
      if (b.disabled === enabled) b.disabled = !enabled;
    };
    label(this.buttons.stop, t(ctx, 'stopConsumer', m.clientId), running);
    label(this.buttons.crash, t(ctx, 'crashConsumer', m.clientId), running);
    label(this.buttons.stall, t(ctx, 'stallConsumer', m.clientId, dur(ctx, ctx.ui.stallMs)), running && !m.stalled);
    label(this.buttons.restart, t(ctx, 'restartConsumer', m.clientId), !running);
  }
}

// ---- one partition's in-flight window ------------------------------------------------------

const WINDOW_STATES = ['acquired', 'available', 'acknowledged', 'archived'] as const;
type WindowState = (typeof WINDOW_STATES)[number];
const WINDOW_KEY = { acquired: 'shareCountAcquired', available: 'shareCountAvailable', acknowledged: 'shareCountAcknowledged', archived: 'shareCountArchived' } as const;

interface WindowInput {
  readonly partition: SharePartitionSnapshot;
  readonly topicIndex: ReadonlyMap<string, number>;
}

class PartitionWindow {
  readonly root: HTMLElement;
  private readonly chip: HTMLSpanElement;
  private readonly range: HTMLSpanElement;
  private readonly limit: HTMLSpanElement;
  private readonly bar: HTMLDivElement;
  private readonly segments: Record<WindowState, HTMLSpanElement>;
  private readonly counts: Record<WindowState, HTMLSpanElement>;
  private readonly sharedBy: HTMLSpanElement;
  private readonly deliveries: HTMLSpanElement;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.chip = h(d, 'span', { class: 'pchip' });
    this.range = h(d, 'span', { class: 'window-range', 'data-testid': 'share-window-range' });
    this.limit = h(d, 'span', { class: 'badge limit-badge', 'data-testid': 'share-window-limit', hidden: true }, icon(d, 'warning'));
    const seg = (s: WindowState): HTMLSpanElement => h(d, 'span', { class: `seg seg-${s}`, 'data-testid': `share-window-bar-${s}` });
    this.segments = { acquired: seg('acquired'), available: seg('available'), acknowledged: seg('acknowledged'), archived: seg('archived') };
    this.bar = h(d, 'div', { class: 'window-bar', role: 'img', 'data-testid': 'share-window-bar' }, ...WINDOW_STATES.map((s) => this.segments[s]));
    const count = (s: WindowState): HTMLSpanElement => h(d, 'span', { class: `window-count count-${s}`, 'data-testid': `share-window-${s}` });
    this.counts = { acquired: count('acquired'), available: count('available'), acknowledged: count('acknowledged'), archived: count('archived') };
    this.sharedBy = h(d, 'span', { class: 'muted', 'data-testid': 'share-window-consumers' });
    this.deliveries = h(d, 'span', { class: 'muted', 'data-testid': 'share-window-deliveries' });
    this.root = h(
      d,
      'li',
      { class: 'share-window', 'data-testid': 'share-partition' },
      h(d, 'div', { class: 'window-head' }, this.chip, this.range, this.limit, h(d, 'span', { class: 'spacer' }), this.sharedBy),
      this.bar,
      h(d, 'div', { class: 'window-legend' }, ...WINDOW_STATES.map((s) => this.counts[s]), this.deliveries),
    );
  }

  update(input: WindowInput): void {
    const ctx = this.ctx;
    const p = input.partition;
    const { topic, partition } = p;
    setAttr(this.root, 'data-topic', topic);
    setAttr(this.root, 'data-partition', partition);
    setClassWithPrefix(this.chip, 'pc-', String(partitionColor(input.topicIndex.get(topic) ?? 0, partition)));
    setText(this.chip, input.topicIndex.size > 1 ? `${topic}·${t(ctx, 'partitionShort', partition)}` : t(ctx, 'partitionShort', partition));
    setText(this.range, t(ctx, 'shareWindowRange', formatCount(p.spso), formatCount(p.speo)));
    setAttr(this.range, 'title', t(ctx, 'shareWindowTitle'));
    setAttr(this.limit, 'title', t(ctx, 'shareAtLimit'));
    setAttr(this.limit, 'aria-label', t(ctx, 'shareAtLimit'));
    setHidden(this.limit, !p.atInFlightLimit);
    const total = WINDOW_STATES.reduce((a, s) => a + p.inFlight[s], 0);
    for (const s of WINDOW_STATES) {
      const n = p.inFlight[s];
      setVar(this.segments[s], '--w', `${total > 0 ? ((n / total) * 100).toFixed(2) : '0'}%`);
      setText(this.counts[s], t(ctx, WINDOW_KEY[s], formatCount(n)));
      setAttr(this.counts[s], 'data-count', String(n));
      toggleClass(this.counts[s], 'zero', n === 0);
    }
    setAttr(
      this.bar,
      'aria-label',
      t(ctx, 'shareWindowLabel', p.partition, formatCount(p.spso), formatCount(p.speo), p.inFlight.acquired, p.inFlight.available, p.inFlight.acknowledged, p.inFlight.archived),
    );
    toggleClass(this.bar, 'empty', total === 0);
    setText(this.sharedBy, p.consumers.length > 0 ? t(ctx, 'shareSharedBy', p.consumers.join(', ')) : t(ctx, 'shareNoReader'));
    setAttr(this.sharedBy, 'data-count', String(p.consumers.length));
    toggleClass(this.sharedBy, 'shared', p.consumers.length > 1);
    const attempts = Object.entries(p.deliveryCounts)
      .map(([k, v]) => [Number(k), v] as const)
      .filter(([, v]) => v > 0)
      .sort((a, b) => a[0] - b[0]);
    const redelivered = attempts.some(([k]) => k > 1);
    setText(this.deliveries, redelivered ? t(ctx, 'shareDeliveryCounts', attempts.map(([k, v]) => `#${k}: ${formatCount(v)}`).join(' · ')) : '');
    setHidden(this.deliveries, !redelivered);
  }
}

// ---- one share group -----------------------------------------------------------------------

export interface ShareGroupInput {
  readonly group: ShareGroupSnapshot;
  readonly snapshot: SimSnapshot;
  readonly topicIndex: ReadonlyMap<string, number>;
  /** Consumer groups reading a topic this share group reads, with their consumers (the trade-off). */
  readonly neighbours: ReadonlyArray<{ readonly group: GroupSnapshot; readonly consumers: readonly ConsumerSnapshot[] }>;
}

interface TradeoffItem {
  readonly key: string;
  readonly share: boolean;
  readonly kind: string;
  readonly name: string;
  readonly busy: string;
  readonly busyTitle: string;
  readonly allBusy: boolean;
  readonly outOfOrder: number;
  readonly order: string;
}

class TradeoffRow {
  readonly root: HTMLLIElement;
  private readonly kind: HTMLSpanElement;
  private readonly name: HTMLSpanElement;
  private readonly busy: HTMLSpanElement;
  private readonly order: HTMLSpanElement;
  constructor(ctx: RenderContext, share: boolean) {
    const d = ctx.doc;
    this.kind = h(d, 'span', { class: 'tradeoff-kind muted' });
    this.name = h(d, 'span', { class: 'tradeoff-name' });
    this.busy = h(d, 'span', { class: 'tradeoff-busy', 'data-testid': 'tradeoff-busy' });
    this.order = h(d, 'span', { class: 'tradeoff-order', 'data-testid': 'tradeoff-order' });
    this.root = h(d, 'li', { class: `tradeoff-row ${share ? 'share' : 'classic'}`, 'data-testid': 'tradeoff-row' }, icon(d, share ? 'layers' : 'organization', 'tradeoff-icon'), h(d, 'span', { class: 'tradeoff-who' }, this.name, this.kind), this.busy, this.order);
  }
  update(x: TradeoffItem): void {
    setText(this.kind, x.kind);
    setText(this.name, x.name);
    setAttr(this.root, 'data-group', x.name);
    setText(this.busy, x.busy);
    setAttr(this.busy, 'title', x.busyTitle);
    toggleClass(this.busy, 'all-busy', x.allBusy);
    setText(this.order, x.order);
    setAttr(this.order, 'data-count', String(x.outOfOrder));
    toggleClass(this.order, 'has-problem', x.outOfOrder > 0);
  }
}

class ShareGroupView {
  readonly root: HTMLElement;
  private readonly name: HTMLHeadingElement;
  private readonly stateBadge: HTMLSpanElement;
  private readonly stateIcon: HTMLSpanElement;
  private readonly stateText: HTMLSpanElement;
  private readonly epoch: HTMLSpanElement;
  private readonly busy: HTMLSpanElement;
  private readonly totals: Record<'accepted' | 'duplicates' | 'outOfOrder' | 'archived' | 'lockTimeouts', HTMLSpanElement>;
  private readonly tradeoff: HTMLElement;
  private readonly tradeoffHeading: HTMLHeadingElement;
  private readonly tradeoffRows: KeyedList<TradeoffItem, TradeoffRow>;
  private readonly tradeoffNote: HTMLParagraphElement;
  private readonly consumersHeading: HTMLHeadingElement;
  private readonly noConsumers: HTMLParagraphElement;
  private readonly cards: KeyedList<ShareCardInput, ShareConsumerCard>;
  private readonly windowHeading: HTMLHeadingElement;
  private readonly windows: KeyedList<WindowInput, PartitionWindow>;
  private readonly windowBlock: HTMLDivElement;
  private readonly clientField: Field;
  private readonly rateField: Field;
  private readonly addForm: InlineForm;
  private readonly addHeading: HTMLHeadingElement;
  private input: ShareGroupInput | null = null;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    const nameId = uid('share-group');
    this.name = h(d, 'h3', { id: nameId, class: 'group-name', 'data-testid': 'share-group-name' });
    this.stateIcon = icon(d, 'pass');
    this.stateText = h(d, 'span', { 'data-testid': 'share-group-state' });
    this.stateBadge = h(d, 'span', { class: 'state-badge' }, this.stateIcon, this.stateText);
    this.epoch = h(d, 'span', { class: 'fact', 'data-testid': 'share-group-epoch' });
    this.busy = h(d, 'span', { class: 'fact busy-fact', 'data-testid': 'share-group-busy' });
    const total = (testid: string, extra = ''): HTMLSpanElement => h(d, 'span', { class: `fact total ${extra}`.trim(), 'data-testid': testid });
    this.totals = {
      accepted: total('share-total-accepted'),
      duplicates: total('share-total-processed-again'),
      outOfOrder: total('share-total-out-of-order', 'order-fact'),
      archived: total('share-total-archived'),
      lockTimeouts: total('share-total-lock-timeouts'),
    };

    this.tradeoffHeading = h(d, 'h4', { class: 'subsection-title' });
    this.tradeoffRows = new KeyedList(h(d, 'ul', { class: 'plain-list tradeoff-rows' }), (x) => x.key, (x) => new TradeoffRow(ctx, x.share));
    this.tradeoffNote = h(d, 'p', { class: 'muted tradeoff-note' });
    this.tradeoff = h(d, 'div', { class: 'tradeoff', 'data-testid': 'share-tradeoff' }, this.tradeoffHeading, this.tradeoffRows.container, this.tradeoffNote);

    this.consumersHeading = h(d, 'h4', { class: 'subsection-title' });
    this.noConsumers = h(d, 'p', { class: 'muted' });
    this.cards = new KeyedList(h(d, 'div', { class: 'cards', 'data-testid': 'share-consumer-list' }), (c) => c.member.clientId, () => new ShareConsumerCard(ctx));
    this.windowHeading = h(d, 'h4', { class: 'subsection-title' });
    this.windows = new KeyedList(h(d, 'ul', { class: 'plain-list share-windows', 'data-testid': 'share-partitions' }), (w) => partitionName(w.partition.topic, w.partition.partition), () => new PartitionWindow(ctx));
    this.windowBlock = h(d, 'div', { class: 'share-window-block' }, this.windowHeading, this.windows.container);

    this.addHeading = h(d, 'h4', { class: 'visually-hidden' });
    this.clientField = new Field(ctx, { testid: 'add-share-consumer-client-id', size: 14 });
    this.rateField = new Field(ctx, { testid: 'add-share-consumer-rate', type: 'number', min: 0, max: MAX_RATE, step: 'any', inputmode: 'decimal', size: 6 });
    this.addForm = new InlineForm(ctx, { testid: 'add-share-consumer-form', icon: 'person-add', fields: [this.clientField, this.rateField], onSubmit: () => this.submit() });

    const sidebar = ctx.view === 'sidebar';
    this.root = h(
      d,
      'section',
      { class: 'group share-group', 'data-testid': 'share-group', 'aria-labelledby': nameId },
      h(
        d,
        'header',
        { class: 'group-head' },
        h(d, 'div', { class: 'group-title-row' }, icon(d, 'layers', 'group-icon'), this.name, this.stateBadge),
        h(d, 'div', { class: 'facts' }, this.epoch, this.busy),
        h(d, 'div', { class: 'facts totals', 'data-testid': 'share-group-totals' }, this.totals.accepted, this.totals.duplicates, this.totals.outOfOrder, this.totals.archived, this.totals.lockTimeouts),
      ),
      h(
        d,
        'div',
        { class: 'group-body share-body' },
        h(d, 'div', { class: 'group-consumers' }, this.tradeoff, this.consumersHeading, this.noConsumers, this.cards.container, h(d, 'div', { class: 'group-tools' }, this.addHeading, this.addForm.root)),
        sidebar ? null : h(d, 'div', { class: 'group-side' }, this.windowBlock),
      ),
    );
  }

  update(input: ShareGroupInput): void {
    const ctx = this.ctx;
    this.input = input;
    const g = input.group;
    setAttr(this.root, 'data-group', g.groupId);
    setAttr(this.root, 'data-state', g.state);
    setText(this.name, g.groupId);
    setText(this.stateText, g.state === 'Stable' ? t(ctx, 'stateStable') : g.state === 'Empty' ? t(ctx, 'stateEmpty') : String(g.state));
    setClassWithPrefix(this.stateBadge, 'state-', g.state);
    const stateIcon = `codicon codicon-${g.state === 'Empty' ? 'circle-outline' : 'pass'}`;
    if (this.stateIcon.className !== stateIcon) this.stateIcon.className = stateIcon;
    setAttr(this.stateBadge, 'title', t(ctx, 'groupStateLabel'));
    setText(this.epoch, t(ctx, 'shareGroupEpoch', g.groupEpoch));
    setAttr(this.epoch, 'data-epoch', String(g.groupEpoch));
    const sb = shareBusy(g);
    setText(this.busy, t(ctx, 'shareBusy', sb.busy, sb.running));
    setAttr(this.busy, 'title', t(ctx, 'shareBusyTitle'));
    setAttr(this.busy, 'data-busy', String(sb.busy));
    setAttr(this.busy, 'data-running', String(sb.running));
    toggleClass(this.busy, 'all-busy', sb.running > 0 && sb.busy === sb.running);
    const tt = g.totals;
    const fact = (el: HTMLSpanElement, key: Parameters<typeof t>[1], n: number): void => {
      setText(el, t(ctx, key, formatCount(n)));
      setAttr(el, 'data-count', String(n));
    };
    fact(this.totals.accepted, 'shareAccepted', tt.accepted);
    fact(this.totals.duplicates, 'shareProcessedAgain', tt.duplicates);
    fact(this.totals.outOfOrder, 'shareOutOfOrder', tt.outOfOrder);
    setAttr(this.totals.outOfOrder, 'title', t(ctx, 'shareOutOfOrderTitle'));
    toggleClass(this.totals.outOfOrder, 'has-problem', tt.outOfOrder > 0);
    fact(this.totals.archived, 'shareArchived', tt.archivedAtLimit);
    fact(this.totals.lockTimeouts, 'shareLockTimeouts', tt.lockTimeouts);

    // The trade-off, next to the consumer groups that read the same topic.
    setHidden(this.tradeoff, input.neighbours.length === 0);
    setText(this.tradeoffHeading, t(ctx, 'tradeoffHeading'));
    setText(this.tradeoffNote, t(ctx, 'tradeoffNote'));
    setHidden(this.tradeoffNote, ctx.view === 'sidebar');
    const rows: TradeoffItem[] = [
      ...input.neighbours.map((n): TradeoffItem => {
        const b = groupBusy(n.consumers);
        const ooo = n.group.delivery.outOfOrder;
        return { key: `group:${n.group.groupId}`, share: false, kind: t(ctx, 'consumerGroupKind'), name: n.group.groupId, busy: t(ctx, 'groupBusy', b.busy, b.running, b.idle), busyTitle: t(ctx, 'groupBusyTitle'), allBusy: b.running > 0 && b.busy === b.running, outOfOrder: ooo, order: t(ctx, 'shareOutOfOrder', formatCount(ooo)) };
      }),
      { key: `share:${g.groupId}`, share: true, kind: t(ctx, 'shareGroupKind'), name: g.groupId, busy: t(ctx, 'shareBusy', sb.busy, sb.running), busyTitle: t(ctx, 'shareBusyTitle'), allBusy: sb.running > 0 && sb.busy === sb.running, outOfOrder: tt.outOfOrder, order: t(ctx, 'shareOutOfOrder', formatCount(tt.outOfOrder)) },
    ];
    this.tradeoffRows.sync(input.neighbours.length > 0 ? rows : []);

    // Consumers.
    setText(this.consumersHeading, t(ctx, 'shareConsumersHeading'));
    setText(this.noConsumers, t(ctx, 'noShareConsumers'));
    setHidden(this.noConsumers, g.members.length > 0);
    const sharers = new Map<string, string[]>();
    for (const m of g.members) {
      if (m.status !== 'running') continue;
      for (const tp of m.assignment) {
        const name = partitionName(tp.topic, tp.partition);
        sharers.set(name, [...(sharers.get(name) ?? []), m.clientId]);
      }
    }
    this.cards.sync(g.members.map((member) => ({ member, sharers, topicIndex: input.topicIndex })));

    // Partition windows (panel).
    setText(this.windowHeading, t(ctx, 'shareWindowHeading'));
    if (ctx.view === 'panel') this.windows.sync(g.partitions.map((partition) => ({ partition, topicIndex: input.topicIndex })));

    setText(this.addHeading, t(ctx, 'addShareConsumerHeading', g.groupId));
    this.clientField.setLabel(t(ctx, 'clientIdLabel'));
    this.clientField.setPlaceholder(suggestShareClientId(input.snapshot));
    this.rateField.setLabel(t(ctx, 'consumerRateLabel'));
    this.rateField.setPlaceholder('40');
    this.addForm.setButtonText(t(ctx, 'addShareConsumer'));
    setAttr(this.addForm.button, 'title', t(ctx, 'addShareConsumerHeading', g.groupId));
  }

  private submit(): void {
    const input = this.input;
    if (!input) return;
    const ctx = this.ctx;
    const clientId = this.clientField.value || suggestShareClientId(input.snapshot);
    if (!NAME_PATTERN.test(clientId)) return this.clientField.setError(t(ctx, 'errName', t(ctx, 'clientIdLabel')));
    if (allClientIds(input.snapshot).has(clientId)) return this.clientField.setError(t(ctx, 'errDuplicateConsumer', clientId));
    this.clientField.setError(null);
    const rateText = this.rateField.value === '' ? '40' : this.rateField.value;
    const rate = parseNumber(rateText, 0, MAX_RATE, false);
    if (typeof rate !== 'number') return this.rateField.setError(t(ctx, 'errNumber', t(ctx, 'consumerRateLabel'), 0, formatCount(MAX_RATE)));
    this.rateField.setError(null);
    const failed = ctx.post({ type: 'action', action: { action: 'add-share-consumer', group: input.group.groupId, consumer: { clientId, ratePerSec: rate } } });
    if (failed) this.clientField.setError(failed);
    else {
      this.clientField.input.value = '';
      this.rateField.input.value = '';
    }
  }
}

/** Every client.id in use: consumer-group and share-group consumers (actions route by client.id). */
export function allClientIds(snap: SimSnapshot): Set<string> {
  return new Set([...snap.consumers.map((c) => c.clientId), ...(snap.shareGroups ?? []).flatMap((g) => g.members.map((m) => m.clientId))]);
}

/** The next free `workerNN`. */
export function suggestShareClientId(snap: SimSnapshot): string {
  const used = allClientIds(snap);
  for (let i = 1; ; i++) {
    const id = `worker${String(i).padStart(2, '0')}`;
    if (!used.has(id)) return id;
  }
}

export class ShareGroupsSection {
  readonly root: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly groups: KeyedList<ShareGroupInput, ShareGroupView>;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.heading = h(d, 'h2', { id: 'share-groups-heading', class: 'section-title' });
    this.groups = new KeyedList(h(d, 'div', { class: 'groups' }), (g) => g.group.groupId, () => new ShareGroupView(ctx));
    this.root = h(d, 'section', { class: 'section share-groups-section', 'aria-labelledby': 'share-groups-heading', 'data-testid': 'share-groups', hidden: true }, h(d, 'div', { class: 'row-head' }, this.heading), this.groups.container);
  }

  update(snap: SimSnapshot, topicIndex: ReadonlyMap<string, number>, consumersByGroup: ReadonlyMap<string, readonly ConsumerSnapshot[]>): void {
    const shares = snap.shareGroups ?? [];
    setHidden(this.root, shares.length === 0);
    setText(this.heading, t(this.ctx, 'shareGroupsHeading'));
    const inputs = shares.map((group): ShareGroupInput => {
      const topics = new Set(group.partitions.map((p) => p.topic));
      const neighbours = snap.groups
        .filter((g) => g.partitions.some((p) => topics.has(p.topic)))
        .map((g) => ({ group: g, consumers: consumersByGroup.get(g.groupId) ?? [] }));
      return { group, snapshot: snap, topicIndex, neighbours };
    });
    this.groups.sync(inputs);
  }
}

