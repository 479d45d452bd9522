/**
 * Share groups (KIP-932): each one as the shared group section (groupSection.ts) with its group
 * epoch, who is busy and its totals; its consumers as the shared cards (several consumers can
 * share a partition: a "×n" mark), the in-flight window of each partition (shareWindow.ts), and
 * the trade-off next to the consumer groups reading the same topic: every share consumer busy, at
 * the price of records out of key order. The sidebar shows a compact form (no partition windows).
 */
import { partitionName } from '../../sim';
import type { WebviewStringKey } from '../../protocol/webviewStrings';
import { h, icon, KeyedList, setAttr, setHidden, setText, toggleClass } from '../dom';
import { formatCount } from '../format';
import { allBusy, shareCardLook, ShareCardModel, ShareConsumerState, ShareGroupModel, suggestShareClientId, WindowModel } from '../viewModel';
import { CardFrame } from './card';
import { ChipKind, partitionLabel, PartitionChips } from './chips';
import { RenderContext, t } from './context';
import { AddConsumerForm, GroupSectionFrame } from './groupSection';
import { PartitionWindow } from './shareWindow';

// ---- one share consumer --------------------------------------------------------------------

const CARD_ICON: Record<ShareConsumerState, string> = {
  busy: 'pass',
  waiting: 'circle-outline',
  stalled: 'watch',
  unjoined: 'circle-outline',
  stopped: 'debug-stop',
  crashed: 'error',
};

/** A chip shows the partition and, when n consumers share it, a "×n" mark; its title names them. */
const SHARE_CHIPS: ChipKind<{ label: HTMLSpanElement; shared: HTMLSpanElement }> = {
  listTestid: 'share-consumer-partitions',
  chipTestid: 'share-partition-chip',
  animate: false,
  create(ctx, chip) {
    const label = h(ctx.doc, 'span');
    const shared = h(ctx.doc, 'span', { class: 'shared-mark', 'data-testid': 'shared-mark' });
    chip.append(label, shared);
    return { label, shared };
  },
  update(ctx, chip, { label, shared }, model) {
    const sharers = model.sharers ?? [];
    setText(label, partitionLabel(ctx, model, model.multiTopic));
    setText(shared, sharers.length > 1 ? `×${sharers.length}` : '');
    setHidden(shared, sharers.length <= 1);
    setAttr(chip, 'data-shared', String(sharers.length));
    setAttr(chip, 'title', t(ctx, 'sharedChipTitle', t(ctx, 'partitionName', model.name), sharers.join(', ')));
  },
};

class ShareConsumerCard {
  readonly root: HTMLElement;
  private readonly frame: CardFrame;
  private readonly busyBadge: HTMLSpanElement;
  private readonly busyText: HTMLSpanElement;
  private readonly chips: PartitionChips<{ label: HTMLSpanElement; shared: HTMLSpanElement }>;
  private readonly inFlight: HTMLSpanElement;
  private readonly processed: HTMLSpanElement;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.busyText = h(d, 'span');
    this.busyBadge = h(d, 'span', { class: 'badge busy-badge', 'data-testid': 'share-busy-badge', hidden: true }, icon(d, 'zap'), this.busyText);
    this.chips = new PartitionChips(ctx, SHARE_CHIPS);
    this.inFlight = h(d, 'span', { 'data-testid': 'share-consumer-inflight' });
    this.processed = h(d, 'span', { 'data-testid': 'share-consumer-processed' });
    this.frame = new CardFrame(ctx, {
      testidPrefix: 'share-consumer',
      className: 'share-card',
      badges: [this.busyBadge],
      chips: this.chips.root,
      body: [h(d, 'div', { class: 'share-metrics' }, this.inFlight, this.processed)],
    });
    this.root = this.frame.root;
  }

  update(card: ShareCardModel): void {
    const ctx = this.ctx;
    const m = card.member;
    const state = card.state;
    const stateLabel =
      state === 'crashed' ? t(ctx, 'consumerCrashed')
      : state === 'stopped' ? t(ctx, 'consumerStopped')
      : state === 'stalled' ? t(ctx, 'shareStalled')
      : state === 'unjoined' ? t(ctx, 'membershipUnjoined')
      : t(ctx, 'consumerRunning');
    this.frame.update({ clientId: m.clientId, status: m.status, state, look: shareCardLook(state), stateLabel, stateIcon: CARD_ICON[state], ratePerSec: m.ratePerSec, running: m.status === 'running', stalled: m.stalled });
    setText(this.busyText, t(ctx, 'shareBusyBadge'));
    setAttr(this.busyBadge, 'title', t(ctx, 'shareBusyBadgeTitle'));
    setHidden(this.busyBadge, state !== 'busy');
    this.chips.update(card.chips);
    setText(this.inFlight, t(ctx, 'shareInFlight', formatCount(m.acquired)));
    setAttr(this.inFlight, 'data-count', String(m.acquired));
    setText(this.processed, t(ctx, 'shareProcessed', formatCount(m.processed)));
    setAttr(this.processed, 'data-count', String(m.processed));
  }
}

// ---- the trade-off next to the consumer groups ---------------------------------------------

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

function tradeoffItems(ctx: RenderContext, model: ShareGroupModel): TradeoffItem[] {
  if (model.neighbours.length === 0) return [];
  const g = model.group;
  const sb = model.busy;
  return [
    ...model.neighbours.map(({ group, busy: b }): TradeoffItem => {
      const ooo = group.delivery.outOfOrder;
      return { key: `group:${group.groupId}`, share: false, kind: t(ctx, 'consumerGroupKind'), name: group.groupId, busy: t(ctx, 'groupBusy', b.busy, b.running, b.idle), busyTitle: t(ctx, 'groupBusyTitle'), allBusy: allBusy(b), outOfOrder: ooo, order: t(ctx, 'shareOutOfOrder', formatCount(ooo)) };
    }),
    { key: `share:${g.groupId}`, share: true, kind: t(ctx, 'shareGroupKind'), name: g.groupId, busy: t(ctx, 'shareBusy', sb.busy, sb.running), busyTitle: t(ctx, 'shareBusyTitle'), allBusy: allBusy(sb), outOfOrder: g.totals.outOfOrder, order: t(ctx, 'shareOutOfOrder', formatCount(g.totals.outOfOrder)) },
  ];
}

// ---- one share group -----------------------------------------------------------------------

type Total = 'accepted' | 'duplicates' | 'outOfOrder' | 'archived' | 'lockTimeouts';

class ShareGroupView {
  readonly root: HTMLElement;
  private readonly frame: GroupSectionFrame;
  private readonly epoch: HTMLSpanElement;
  private readonly busy: HTMLSpanElement;
  private readonly totals: Record<Total, HTMLSpanElement>;
  private readonly tradeoff: HTMLElement;
  private readonly tradeoffHeading: HTMLHeadingElement;
  private readonly tradeoffRows: KeyedList<TradeoffItem, TradeoffRow>;
  private readonly tradeoffNote: HTMLParagraphElement;
  private readonly consumersHeading: HTMLHeadingElement;
  private readonly noConsumers: HTMLParagraphElement;
  private readonly cards: KeyedList<ShareCardModel, ShareConsumerCard>;
  private readonly windowHeading: HTMLHeadingElement;
  private readonly windows: KeyedList<WindowModel, PartitionWindow>;
  private readonly addConsumer: AddConsumerForm;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
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

    this.addConsumer = new AddConsumerForm(ctx, {
      testid: 'add-share-consumer',
      heading: 'addShareConsumerHeading',
      button: 'addShareConsumer',
      defaultRate: 40,
      suggest: suggestShareClientId,
      action: (group, consumer) => ({ action: 'add-share-consumer', group, consumer }),
    });

    this.frame = new GroupSectionFrame(ctx, {
      testid: 'share-group',
      sectionClass: 'share-group',
      bodyClass: 'share-body',
      icon: 'layers',
      head: [
        h(d, 'div', { class: 'facts' }, this.epoch, this.busy),
        h(d, 'div', { class: 'facts totals', 'data-testid': 'share-group-totals' }, this.totals.accepted, this.totals.duplicates, this.totals.outOfOrder, this.totals.archived, this.totals.lockTimeouts),
      ],
      consumers: [this.tradeoff, this.consumersHeading, this.noConsumers, this.cards.container, h(d, 'div', { class: 'group-tools' }, this.addConsumer.heading, this.addConsumer.form.root)],
      side: ctx.view === 'sidebar' ? null : [h(d, 'div', { class: 'share-window-block' }, this.windowHeading, this.windows.container)],
    });
    this.root = this.frame.root;
  }

  update(model: ShareGroupModel): void {
    const ctx = this.ctx;
    const g = model.group;
    this.frame.update(g.groupId, g.state);
    setText(this.epoch, t(ctx, 'shareGroupEpoch', g.groupEpoch));
    setAttr(this.epoch, 'data-epoch', String(g.groupEpoch));
    const sb = model.busy;
    setText(this.busy, t(ctx, 'shareBusy', sb.busy, sb.running));
    setAttr(this.busy, 'title', t(ctx, 'shareBusyTitle'));
    setAttr(this.busy, 'data-busy', String(sb.busy));
    setAttr(this.busy, 'data-running', String(sb.running));
    toggleClass(this.busy, 'all-busy', allBusy(sb));
    const tt = g.totals;
    const fact = (el: HTMLSpanElement, key: WebviewStringKey, n: number): void => {
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
    setHidden(this.tradeoff, model.neighbours.length === 0);
    setText(this.tradeoffHeading, t(ctx, 'tradeoffHeading'));
    setText(this.tradeoffNote, t(ctx, 'tradeoffNote'));
    setHidden(this.tradeoffNote, ctx.view === 'sidebar');
    this.tradeoffRows.sync(tradeoffItems(ctx, model));

    // Consumers.
    setText(this.consumersHeading, t(ctx, 'shareConsumersHeading'));
    setText(this.noConsumers, t(ctx, 'noShareConsumers'));
    setHidden(this.noConsumers, g.members.length > 0);
    this.cards.sync(model.cards);

    // Partition windows (panel).
    setText(this.windowHeading, t(ctx, 'shareWindowHeading'));
    if (ctx.view === 'panel') this.windows.sync(model.windows);

    this.addConsumer.update(g.groupId, model.snapshot);
  }
}

export class ShareGroupsSection {
  readonly root: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly groups: KeyedList<ShareGroupModel, ShareGroupView>;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.heading = h(d, 'h2', { id: 'share-groups-heading', class: 'section-title' });
    this.groups = new KeyedList(h(d, 'div', { class: 'groups' }), (g) => g.group.groupId, () => new ShareGroupView(ctx));
    this.root = h(d, 'section', { class: 'section share-groups-section', 'aria-labelledby': 'share-groups-heading', 'data-testid': 'share-groups', hidden: true }, h(d, 'div', { class: 'row-head' }, this.heading), this.groups.container);
  }

  update(models: readonly ShareGroupModel[]): void {
    setHidden(this.root, models.length === 0);
    setText(this.heading, t(this.ctx, 'shareGroupsHeading'));
    this.groups.sync(models);
  }
}
