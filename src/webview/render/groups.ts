/**
 * Each consumer group: the shared group section (groupSection.ts) with its generation, assignor
 * and protocol, members, who is busy (next to share groups) and total lag; its consumers as cards
 * (paginated); adding a consumer and changing the assignment strategy; the lag chart; and the
 * describe table.
 */
import type { AssignorName, GroupSnapshot } from '../../sim';
import { h, icon, KeyedList, setAttr, setHidden, setText, toggleClass, uid } from '../dom';
import { formatCount } from '../format';
import type { Store } from '../store';
import { ConsumerCardModel, GroupModel, pageOf, suggestClientId } from '../viewModel';
import { ConsumerCard } from './consumerCard';
import { dur, RenderContext, t } from './context';
import { DescribeView } from './describeView';
import { AddConsumerForm, GroupSectionFrame } from './groupSection';
import { LagChart } from './lagChart';

const ASSIGNOR_CHOICES: ReadonlyArray<{ value: string; assignor: AssignorName | readonly AssignorName[] }> = [
  { value: 'default', assignor: ['range', 'cooperative-sticky'] },
  { value: 'range', assignor: 'range' },
  { value: 'roundrobin', assignor: 'roundrobin' },
  { value: 'sticky', assignor: 'sticky' },
  { value: 'cooperative-sticky', assignor: 'cooperative-sticky' },
];

export class GroupView {
  readonly root: HTMLElement;
  private readonly frame: GroupSectionFrame;
  private readonly generation: HTMLSpanElement;
  private readonly assignor: HTMLSpanElement;
  private readonly lag: HTMLSpanElement;
  private readonly timeLag: HTMLSpanElement;
  private readonly members: HTMLSpanElement;
  private readonly busy: HTMLSpanElement;
  private readonly delivery: HTMLParagraphElement;
  private readonly consumersHeading: HTMLHeadingElement;
  private readonly noConsumers: HTMLParagraphElement;
  private readonly cards: KeyedList<ConsumerCardModel, ConsumerCard>;
  private readonly pager: HTMLDivElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly pageText: HTMLSpanElement;
  private readonly addConsumer: AddConsumerForm;
  private readonly assignorLabel: HTMLLabelElement;
  private readonly assignorSelect: HTMLSelectElement;
  private readonly assignorOptions: HTMLOptionElement[];
  private readonly assignorButton: HTMLButtonElement;
  private readonly assignorButtonText: HTMLSpanElement;
  private readonly chart: LagChart;
  private readonly describe: DescribeView;
  private model: GroupModel | null = null;

  constructor(private readonly ctx: RenderContext, store: Store) {
    const d = ctx.doc;
    this.generation = h(d, 'span', { class: 'fact', 'data-testid': 'group-generation' });
    this.assignor = h(d, 'span', { class: 'fact', 'data-testid': 'group-assignor' });
    this.lag = h(d, 'span', { class: 'fact lag-fact', 'data-testid': 'group-lag' });
    this.timeLag = h(d, 'span', { class: 'fact lag-fact', 'data-testid': 'group-time-lag' });
    this.members = h(d, 'span', { class: 'fact', 'data-testid': 'group-members' });
    this.busy = h(d, 'span', { class: 'fact busy-fact', 'data-testid': 'group-busy', hidden: true });
    this.delivery = h(d, 'p', { class: 'muted delivery', 'data-testid': 'group-delivery' });

    this.consumersHeading = h(d, 'h4', { class: 'subsection-title' });
    this.noConsumers = h(d, 'p', { class: 'muted' });
    this.cards = new KeyedList(h(d, 'div', { class: 'cards', 'data-testid': 'consumer-list' }), (c) => c.consumer.clientId, () => new ConsumerCard(ctx));
    this.prev = h(d, 'button', { type: 'button', class: 'icon-button', 'data-testid': 'consumers-prev' }, icon(d, 'chevron-left'));
    this.next = h(d, 'button', { type: 'button', class: 'icon-button', 'data-testid': 'consumers-next' }, icon(d, 'chevron-right'));
    this.pageText = h(d, 'span', { class: 'muted', 'data-testid': 'consumers-page' });
    this.pager = h(d, 'div', { class: 'pager', role: 'group' }, this.prev, this.pageText, this.next);
    this.prev.addEventListener('click', () => this.turn(-1));
    this.next.addEventListener('click', () => this.turn(1));

    this.addConsumer = new AddConsumerForm(ctx, {
      testid: 'add-consumer',
      heading: 'addConsumerHeading',
      button: 'addConsumer',
      defaultRate: 50,
      suggest: suggestClientId,
      action: (group, consumer) => ({ action: 'add-consumer', group, consumer }),
    });

    const assignorId = uid('assignor');
    this.assignorLabel = h(d, 'label', { for: assignorId, class: 'field-label' });
    this.assignorOptions = ASSIGNOR_CHOICES.map((c) => h(d, 'option', { value: c.value }, c.value));
    this.assignorSelect = h(d, 'select', { id: assignorId, class: 'select', 'data-testid': 'assignor-select' }, ...this.assignorOptions);
    this.assignorButtonText = h(d, 'span');
    this.assignorButton = h(d, 'button', { type: 'submit', class: 'button secondary', 'data-testid': 'assignor-submit' }, icon(d, 'arrow-swap'), this.assignorButtonText);
    const assignorForm = h(d, 'form', { class: 'inline-form', 'data-testid': 'assignor-form' }, h(d, 'div', { class: 'field' }, this.assignorLabel, this.assignorSelect), this.assignorButton);
    assignorForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.submitAssignor();
    });

    this.chart = new LagChart(ctx, store);
    this.describe = new DescribeView(ctx);

    this.frame = new GroupSectionFrame(ctx, {
      testid: 'group',
      icon: 'organization',
      head: [h(d, 'div', { class: 'facts' }, this.generation, this.assignor, this.members, this.busy, this.lag, this.timeLag), this.delivery],
      consumers: [
        h(d, 'div', { class: 'row-head' }, this.consumersHeading, this.pager),
        this.noConsumers,
        this.cards.container,
        h(d, 'div', { class: 'group-tools' }, this.addConsumer.heading, this.addConsumer.form.root, assignorForm),
      ],
      side: [this.chart.root, this.describe.root],
    });
    this.root = this.frame.root;
  }

  private pageSize(): number {
    return this.ctx.view === 'sidebar' ? 6 : 12;
  }

  private turn(delta: number): void {
    if (!this.model) return;
    const id = this.model.group.groupId;
    this.ctx.ui.consumerPage[id] = pageOf(this.model.cards.length, this.pageSize(), (this.ctx.ui.consumerPage[id] ?? 0) + delta).page;
    this.ctx.uiChanged();
  }

  update(model: GroupModel): void {
    const ctx = this.ctx;
    this.model = model;
    const g = model.group;
    this.frame.update(g.groupId, g.state);
    setText(this.generation, t(ctx, 'generation', g.generation));
    setAttr(this.generation, 'data-generation', String(g.generation));
    const kip848 = g.protocol === 'CONSUMER';
    setText(this.assignor, !g.assignor ? t(ctx, 'noAssignor') : kip848 ? t(ctx, 'protocolKip848', g.assignor) : t(ctx, 'assignorProtocol', g.assignor, g.protocol ?? ''));
    setAttr(this.assignor, 'title', kip848 ? t(ctx, 'protocolKip848Title') : null);
    setAttr(this.assignor, 'data-protocol', g.protocol ?? null);
    // Next to a share group, the consumer group's side of the trade-off: who is busy, who idles.
    const b = model.busy;
    setHidden(this.busy, !b);
    if (b) {
      setText(this.busy, t(ctx, 'groupBusy', b.busy, b.running, b.idle));
      setAttr(this.busy, 'title', t(ctx, 'groupBusyTitle'));
      toggleClass(this.busy, 'has-idle', b.idle > 0);
    }
    setText(this.lag, t(ctx, 'totalLag', formatCount(g.totalLag)));
    setAttr(this.lag, 'data-lag', String(g.totalLag));
    setText(this.timeLag, t(ctx, 'groupTimeLag', dur(ctx, g.maxTimeLagMs)));
    setAttr(this.timeLag, 'data-time-lag', String(g.maxTimeLagMs));
    setAttr(this.timeLag, 'title', t(ctx, 'groupTimeLagTitle', dur(ctx, g.maxTimeLagMs)));
    setText(this.members, t(ctx, 'memberCount', g.members.length));
    setText(this.delivery, t(ctx, 'deliverySummary', formatCount(g.delivery.processed), formatCount(g.delivery.duplicates), formatCount(g.delivery.outOfOrder)));

    // Consumers, one page at a time.
    setText(this.consumersHeading, t(ctx, 'consumersHeading'));
    setText(this.noConsumers, t(ctx, 'noConsumers'));
    setHidden(this.noConsumers, model.cards.length > 0);
    const page = pageOf(model.cards.length, this.pageSize(), ctx.ui.consumerPage[g.groupId] ?? 0);
    this.cards.sync(model.cards.slice(page.start, page.end));
    setHidden(this.pager, page.pages <= 1);
    setAttr(this.prev, 'aria-label', t(ctx, 'pagePrev'));
    setAttr(this.prev, 'title', t(ctx, 'pagePrev'));
    setAttr(this.next, 'aria-label', t(ctx, 'pageNext'));
    setAttr(this.next, 'title', t(ctx, 'pageNext'));
    if (page.pages > 1) {
      setText(this.pageText, t(ctx, 'pageRange', formatCount(page.start + 1), formatCount(page.end), formatCount(model.cards.length)));
      if (this.prev.disabled !== (page.page === 0)) this.prev.disabled = page.page === 0;
      if (this.next.disabled !== page.page >= page.pages - 1) this.next.disabled = page.page >= page.pages - 1;
    }

    // Tools.
    this.addConsumer.update(g.groupId, model.snapshot);
    setText(this.assignorLabel, t(ctx, 'assignorLabel'));
    setText(this.assignorOptions[0]!, t(ctx, 'assignorDefault'));
    setText(this.assignorButtonText, t(ctx, 'setAssignor'));

    this.chart.update(g, model.topicOrder);
    this.describe.update(model.snapshot, g);
  }

  private submitAssignor(): void {
    if (!this.model) return;
    const choice = ASSIGNOR_CHOICES.find((c) => c.value === this.assignorSelect.value);
    if (!choice) return;
    this.ctx.post({ type: 'action', action: { action: 'set-assignor', group: this.model.group.groupId, assignor: choice.assignor } });
  }
}

export class GroupsSection {
  readonly root: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly empty: HTMLParagraphElement;
  private readonly selectField: HTMLDivElement;
  private readonly selectLabel: HTMLLabelElement;
  private readonly select: HTMLSelectElement;
  private readonly groups: KeyedList<GroupModel, GroupView>;
  private selectKey = '';

  constructor(private readonly ctx: RenderContext, store: Store) {
    const d = ctx.doc;
    this.heading = h(d, 'h2', { id: 'groups-heading', class: 'section-title' });
    this.empty = h(d, 'p', { class: 'muted' });
    const selectId = 'group-select';
    this.selectLabel = h(d, 'label', { for: selectId, class: 'inline-label' });
    this.select = h(d, 'select', { id: selectId, class: 'select', 'data-testid': 'group-select' });
    this.select.addEventListener('change', () => {
      ctx.ui.selectedGroup = this.select.value;
      ctx.uiChanged();
    });
    this.selectField = h(d, 'div', { class: 'group-select' }, this.selectLabel, this.select);
    this.groups = new KeyedList(h(d, 'div', { class: 'groups' }), (g) => g.group.groupId, () => new GroupView(ctx, store));
    this.root = h(d, 'section', { class: 'section groups-section', 'aria-labelledby': 'groups-heading', 'data-testid': 'groups' }, h(d, 'div', { class: 'row-head' }, this.heading, this.selectField), this.empty, this.groups.container);
  }

  /** `all`: every group; `shown`: the ones rendered (the selected one in the sidebar). */
  update(all: readonly GroupSnapshot[], shown: readonly GroupModel[], selected: string | null): void {
    const ctx = this.ctx;
    setText(this.heading, t(ctx, 'groupsHeading'));
    setText(this.empty, t(ctx, 'noGroups'));
    setHidden(this.empty, all.length > 0);
    const key = all.map((g) => g.groupId).join('\u0000');
    if (key !== this.selectKey) {
      this.select.replaceChildren(...all.map((g) => h(ctx.doc, 'option', { value: g.groupId }, g.groupId)));
      this.selectKey = key;
    }
    setText(this.selectLabel, t(ctx, 'groupSelectLabel'));
    setHidden(this.selectField, ctx.view !== 'sidebar' || all.length < 2);
    if (selected !== null && this.select.value !== selected) this.select.value = selected;
    this.groups.sync(shown);
  }
}
