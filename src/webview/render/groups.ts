/**
 * Each consumer group: state badge, generation, assignor and protocol, total lag; its consumers as
 * cards (paginated); adding a consumer and changing the assignment strategy; the lag chart; and
 * the describe table.
 */
import { MAX_RATE_PER_SEC } from '../../sim';
import type { AssignorName } from '../../sim';
import type { ConsumerSnapshot, GroupSnapshot, SimSnapshot } from '../../sim';
import type { WebviewStringKey } from '../../protocol/webviewStrings';
import { h, icon, KeyedList, setAttr, setClassWithPrefix, setHidden, setText, toggleClass, uid } from '../dom';
import { formatCount } from '../format';
import type { Store } from '../store';
import { CardInput, ConsumerCard } from './consumerCard';
import { RenderContext, t } from './context';
import { suggestClientId } from './controls';
import { DescribeView } from './describeView';
import { Field, InlineForm, NAME_PATTERN, parseNumber } from './forms';
import { LagChart } from './lagChart';
import { groupBusy } from './shareGroups';

/** Group states (classic, and KIP-848's Assigning / Reconciling); an unknown one shows as it is. */
const STATE_KEY: Readonly<Record<string, WebviewStringKey>> = {
  Empty: 'stateEmpty',
  PreparingRebalance: 'statePreparingRebalance',
  CompletingRebalance: 'stateCompletingRebalance',
  Assigning: 'stateAssigning',
  Reconciling: 'stateReconciling',
  Stable: 'stateStable',
  Dead: 'stateDead',
};

const STATE_ICON: Readonly<Record<string, string>> = { Empty: 'circle-outline', Stable: 'pass', Dead: 'circle-slash', Assigning: 'server-process', Reconciling: 'arrow-swap' };
/** KIP-848's states get a one-line explanation as the badge's tooltip. */
const STATE_TITLE: Readonly<Record<string, WebviewStringKey>> = { Assigning: 'stateAssigningTitle', Reconciling: 'stateReconcilingTitle' };
/** Icons that turn while the group rebalances (the KIP-848 ones do not: nothing stops). */
const SPINNING = new Set(['PreparingRebalance', 'CompletingRebalance']);

const ASSIGNOR_CHOICES: ReadonlyArray<{ value: string; assignor: AssignorName | readonly AssignorName[] }> = [
  { value: 'default', assignor: ['range', 'cooperative-sticky'] },
  { value: 'range', assignor: 'range' },
  { value: 'roundrobin', assignor: 'roundrobin' },
  { value: 'sticky', assignor: 'sticky' },
  { value: 'cooperative-sticky', assignor: 'cooperative-sticky' },
];

export interface GroupInput {
  readonly group: GroupSnapshot;
  readonly snapshot: SimSnapshot;
  readonly consumers: readonly ConsumerSnapshot[];
  readonly topicIndex: ReadonlyMap<string, number>;
}

export class GroupView {
  readonly root: HTMLElement;
  private readonly name: HTMLHeadingElement;
  private readonly stateBadge: HTMLSpanElement;
  private readonly stateIcon: HTMLSpanElement;
  private readonly stateText: HTMLSpanElement;
  private readonly generation: HTMLSpanElement;
  private readonly assignor: HTMLSpanElement;
  private readonly lag: HTMLSpanElement;
  private readonly members: HTMLSpanElement;
  private readonly busy: HTMLSpanElement;
  private readonly delivery: HTMLParagraphElement;
  private readonly consumersHeading: HTMLHeadingElement;
  private readonly noConsumers: HTMLParagraphElement;
  private readonly cards: KeyedList<CardInput, ConsumerCard>;
  private readonly pager: HTMLDivElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly pageText: HTMLSpanElement;
  private readonly addHeading: HTMLHeadingElement;
  private readonly clientField: Field;
  private readonly rateField: Field;
  private readonly addForm: InlineForm;
  private readonly assignorLabel: HTMLLabelElement;
  private readonly assignorSelect: HTMLSelectElement;
  private readonly assignorOptions: HTMLOptionElement[];
  private readonly assignorButton: HTMLButtonElement;
  private readonly assignorButtonText: HTMLSpanElement;
  private readonly chart: LagChart;
  private readonly describe: DescribeView;
  private input: GroupInput | null = null;

  constructor(private readonly ctx: RenderContext, store: Store) {
    const d = ctx.doc;
    const nameId = uid('group');
    this.name = h(d, 'h3', { id: nameId, class: 'group-name', 'data-testid': 'group-name' });
    this.stateIcon = icon(d, 'pass');
    this.stateText = h(d, 'span', { 'data-testid': 'group-state' });
    this.stateBadge = h(d, 'span', { class: 'state-badge' }, this.stateIcon, this.stateText);
    this.generation = h(d, 'span', { class: 'fact', 'data-testid': 'group-generation' });
    this.assignor = h(d, 'span', { class: 'fact', 'data-testid': 'group-assignor' });
    this.lag = h(d, 'span', { class: 'fact lag-fact', 'data-testid': 'group-lag' });
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

    this.addHeading = h(d, 'h4', { class: 'visually-hidden' });
    this.clientField = new Field(ctx, { testid: 'add-consumer-client-id', size: 14 });
    this.rateField = new Field(ctx, { testid: 'add-consumer-rate', type: 'number', min: 0, max: 1_000_000, step: 'any', inputmode: 'decimal', size: 6 });
    this.addForm = new InlineForm(ctx, { testid: 'add-consumer-form', icon: 'person-add', fields: [this.clientField, this.rateField], onSubmit: () => this.submitConsumer() });

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

    this.root = h(
      d,
      'section',
      { class: 'group', 'data-testid': 'group', 'aria-labelledby': nameId },
      h(
        d,
        'header',
        { class: 'group-head' },
        h(d, 'div', { class: 'group-title-row' }, icon(d, 'organization', 'group-icon'), this.name, this.stateBadge),
        h(d, 'div', { class: 'facts' }, this.generation, this.assignor, this.members, this.busy, this.lag),
        this.delivery,
      ),
      h(d, 'div', { class: 'group-body' },
        h(d, 'div', { class: 'group-consumers' },
          h(d, 'div', { class: 'row-head' }, this.consumersHeading, this.pager),
          this.noConsumers,
          this.cards.container,
          h(d, 'div', { class: 'group-tools' }, this.addHeading, this.addForm.root, assignorForm),
        ),
        h(d, 'div', { class: 'group-side' }, this.chart.root, this.describe.root),
      ),
    );
  }

  private pageSize(): number {
    return this.ctx.view === 'sidebar' ? 6 : 12;
  }

  private turn(delta: number): void {
    if (!this.input) return;
    const id = this.input.group.groupId;
    const pages = Math.max(1, Math.ceil(this.input.consumers.length / this.pageSize()));
    const page = Math.min(pages - 1, Math.max(0, (this.ctx.ui.consumerPage[id] ?? 0) + delta));
    this.ctx.ui.consumerPage[id] = page;
    this.ctx.uiChanged();
  }

  update(input: GroupInput): void {
    const ctx = this.ctx;
    this.input = input;
    const g = input.group;
    setAttr(this.root, 'data-group', g.groupId);
    setAttr(this.root, 'data-state', g.state);
    setText(this.name, g.groupId);
    const stateKey = STATE_KEY[g.state];
    setText(this.stateText, stateKey ? t(ctx, stateKey) : String(g.state));
    setClassWithPrefix(this.stateBadge, 'state-', g.state);
    const stateIcon = `codicon codicon-${STATE_ICON[g.state] ?? 'sync'}`;
    toggleClass(this.stateBadge, 'rebalancing', g.state !== 'Stable' && g.state !== 'Empty' && g.state !== 'Dead');
    toggleClass(this.stateBadge, 'spinning', SPINNING.has(g.state));
    if (this.stateIcon.className !== stateIcon) this.stateIcon.className = stateIcon;
    const stateTitle = STATE_TITLE[g.state];
    setAttr(this.stateBadge, 'title', stateTitle ? t(ctx, stateTitle) : t(ctx, 'groupStateLabel'));
    setText(this.generation, t(ctx, 'generation', g.generation));
    setAttr(this.generation, 'data-generation', String(g.generation));
    const kip848 = g.protocol === 'CONSUMER';
    setText(this.assignor, !g.assignor ? t(ctx, 'noAssignor') : kip848 ? t(ctx, 'protocolKip848', g.assignor) : t(ctx, 'assignorProtocol', g.assignor, g.protocol ?? ''));
    setAttr(this.assignor, 'title', kip848 ? t(ctx, 'protocolKip848Title') : null);
    setAttr(this.assignor, 'data-protocol', g.protocol ?? null);
    // Next to a share group, the consumer group's side of the trade-off: who is busy, who idles.
    const sharing = (input.snapshot.shareGroups ?? []).length > 0;
    setHidden(this.busy, !sharing);
    if (sharing) {
      const b = groupBusy(input.consumers);
      setText(this.busy, t(ctx, 'groupBusy', b.busy, b.running, b.idle));
      setAttr(this.busy, 'title', t(ctx, 'groupBusyTitle'));
      toggleClass(this.busy, 'has-idle', b.idle > 0);
    }
    setText(this.lag, t(ctx, 'totalLag', formatCount(g.totalLag)));
    setAttr(this.lag, 'data-lag', String(g.totalLag));
    setText(this.members, t(ctx, 'memberCount', g.members.length));
    setText(this.delivery, t(ctx, 'deliverySummary', formatCount(g.delivery.processed), formatCount(g.delivery.duplicates), formatCount(g.delivery.outOfOrder)));

    // Consumers, one page at a time.
    setText(this.consumersHeading, t(ctx, 'consumersHeading'));
    setText(this.noConsumers, t(ctx, 'noConsumers'));
    setHidden(this.noConsumers, input.consumers.length > 0);
    const size = this.pageSize();
    const pages = Math.max(1, Math.ceil(input.consumers.length / size));
    const page = Math.min(pages - 1, ctx.ui.consumerPage[g.groupId] ?? 0);
    const shown = input.consumers.slice(page * size, page * size + size);
    const members = new Map(g.members.map((m) => [m.clientId, m]));
    const leaderClient = g.members.find((m) => m.memberId === g.leader)?.clientId ?? null;
    this.cards.sync(shown.map((c) => ({ consumer: c, member: c.memberId ? (g.members.find((m) => m.memberId === c.memberId) ?? members.get(c.clientId)) : undefined, leader: c.clientId === leaderClient, topicIndex: input.topicIndex })));
    setHidden(this.pager, pages <= 1);
    setAttr(this.prev, 'aria-label', t(ctx, 'pagePrev'));
    setAttr(this.prev, 'title', t(ctx, 'pagePrev'));
    setAttr(this.next, 'aria-label', t(ctx, 'pageNext'));
    setAttr(this.next, 'title', t(ctx, 'pageNext'));
    if (pages > 1) {
      setText(this.pageText, t(ctx, 'pageRange', formatCount(page * size + 1), formatCount(page * size + shown.length), formatCount(input.consumers.length)));
      if (this.prev.disabled !== (page === 0)) this.prev.disabled = page === 0;
      if (this.next.disabled !== page >= pages - 1) this.next.disabled = page >= pages - 1;
    }

    // Tools.
    setText(this.addHeading, t(ctx, 'addConsumerHeading', g.groupId));
    this.clientField.setLabel(t(ctx, 'clientIdLabel'));
    this.clientField.setPlaceholder(suggestClientId(input.snapshot));
    this.rateField.setLabel(t(ctx, 'consumerRateLabel'));
    this.rateField.setPlaceholder('50');
    this.addForm.setButtonText(t(ctx, 'addConsumer'));
    setAttr(this.addForm.button, 'title', t(ctx, 'addConsumerHeading', g.groupId));
    setText(this.assignorLabel, t(ctx, 'assignorLabel'));
    setText(this.assignorOptions[0]!, t(ctx, 'assignorDefault'));
    setText(this.assignorButtonText, t(ctx, 'setAssignor'));

    this.chart.update(g, input.topicIndex);
    this.describe.update(input.snapshot, g);
  }

  private submitConsumer(): void {
    const input = this.input;
    if (!input) return;
    const ctx = this.ctx;
    const clientId = this.clientField.value || suggestClientId(input.snapshot);
    if (!NAME_PATTERN.test(clientId)) return this.clientField.setError(t(ctx, 'errName', t(ctx, 'clientIdLabel')));
    if (input.snapshot.consumers.some((c) => c.clientId === clientId)) return this.clientField.setError(t(ctx, 'errDuplicateConsumer', clientId));
    this.clientField.setError(null);
    const rateText = this.rateField.value === '' ? '50' : this.rateField.value;
    const rate = parseNumber(rateText, 0, MAX_RATE_PER_SEC, false);
    if (typeof rate !== 'number') return this.rateField.setError(t(ctx, 'errNumber', t(ctx, 'consumerRateLabel'), 0, formatCount(MAX_RATE_PER_SEC)));
    this.rateField.setError(null);
    const failed = ctx.post({ type: 'action', action: { action: 'add-consumer', group: input.group.groupId, consumer: { clientId, ratePerSec: rate } } });
    if (failed) this.clientField.setError(failed);
    else {
      this.clientField.input.value = '';
      this.rateField.input.value = '';
    }
  }

  private submitAssignor(): void {
    if (!this.input) return;
    const choice = ASSIGNOR_CHOICES.find((c) => c.value === this.assignorSelect.value);
    if (!choice) return;
    this.ctx.post({ type: 'action', action: { action: 'set-assignor', group: this.input.group.groupId, assignor: choice.assignor } });
  }
}

export class GroupsSection {
  readonly root: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly empty: HTMLParagraphElement;
  private readonly selectField: HTMLDivElement;
  private readonly selectLabel: HTMLLabelElement;
  private readonly select: HTMLSelectElement;
  private readonly groups: KeyedList<GroupInput, GroupView>;
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
  update(all: readonly GroupSnapshot[], shown: readonly GroupInput[], selected: string | null): void {
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
