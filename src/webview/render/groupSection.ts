/**
 * One group's section, for consumer groups and share groups alike: a header with the group's icon,
 * its name and a state badge (icon, text, tooltip; turning while a classic group rebalances),
 * then the facts the kind of group shows; a body with the consumers on one side and what the kind
 * adds (the lag chart, the partitions' windows) on the other. The add-consumer form both use is
 * here too: a client.id (the first free one by default, checked against every consumer) and a rate.
 */
import { MAX_RATE_PER_SEC } from '../../sim';
import type { Action, SimSnapshot } from '../../sim';
import type { WebviewStringKey } from '../../protocol/webviewStrings';
import { h, icon, setAttr, setClassWithPrefix, setText, toggleClass, uid } from '../dom';
import { allClientIds, groupStateLook } from '../viewModel';
import { RenderContext, t } from './context';
import { checkNewId, checkRate, Field, InlineForm } from './forms';

/** Group states (classic, KIP-848's Assigning / Reconciling, share groups'); an unknown one shows as it is. */
const STATE_KEY: Readonly<Record<string, WebviewStringKey>> = {
  Empty: 'stateEmpty',
  PreparingRebalance: 'statePreparingRebalance',
  CompletingRebalance: 'stateCompletingRebalance',
  Assigning: 'stateAssigning',
  Reconciling: 'stateReconciling',
  Stable: 'stateStable',
  Dead: 'stateDead',
};
/** KIP-848's states get a one-line explanation as the badge's tooltip. */
const STATE_TITLE: Readonly<Record<string, WebviewStringKey>> = { Assigning: 'stateAssigningTitle', Reconciling: 'stateReconcilingTitle' };

export interface GroupSectionParts {
  /** `group` or `share-group`: the section's test id, and its name's and state's (`${testid}-name`, `${testid}-state`). */
  readonly testid: string;
  /** An extra class on the section (`share-group`) and on its body (`share-body`). */
  readonly sectionClass?: string;
  readonly bodyClass?: string;
  /** The codicon before the name. */
  readonly icon: string;
  /** The header's rows after the name (facts, totals). */
  readonly head: readonly Node[];
  /** The consumers' column. */
  readonly consumers: readonly Node[];
  /** The side column; null for none. */
  readonly side: readonly Node[] | null;
}

export class GroupSectionFrame {
  readonly root: HTMLElement;
  private readonly name: HTMLHeadingElement;
  private readonly stateBadge: HTMLSpanElement;
  private readonly stateIcon: HTMLSpanElement;
  private readonly stateText: HTMLSpanElement;

  constructor(private readonly ctx: RenderContext, parts: GroupSectionParts) {
    const d = ctx.doc;
    const nameId = uid(parts.testid);
    this.name = h(d, 'h3', { id: nameId, class: 'group-name', 'data-testid': `${parts.testid}-name` });
    this.stateIcon = icon(d, 'pass');
    this.stateText = h(d, 'span', { 'data-testid': `${parts.testid}-state` });
    this.stateBadge = h(d, 'span', { class: 'state-badge' }, this.stateIcon, this.stateText);
    const withClass = (base: string, extra: string | undefined): string => (extra ? `${base} ${extra}` : base);
    this.root = h(
      d,
      'section',
      { class: withClass('group', parts.sectionClass), 'data-testid': parts.testid, 'aria-labelledby': nameId },
      h(d, 'header', { class: 'group-head' }, h(d, 'div', { class: 'group-title-row' }, icon(d, parts.icon, 'group-icon'), this.name, this.stateBadge), ...parts.head),
      h(
        d,
        'div',
        { class: withClass('group-body', parts.bodyClass) },
        h(d, 'div', { class: 'group-consumers' }, ...parts.consumers),
        parts.side ? h(d, 'div', { class: 'group-side' }, ...parts.side) : null,
      ),
    );
  }

  update(groupId: string, state: string): void {
    const ctx = this.ctx;
    setAttr(this.root, 'data-group', groupId);
    setAttr(this.root, 'data-state', state);
    setText(this.name, groupId);
    const stateKey = STATE_KEY[state];
    setText(this.stateText, stateKey ? t(ctx, stateKey) : String(state));
    setClassWithPrefix(this.stateBadge, 'state-', state);
    const look = groupStateLook(state);
    toggleClass(this.stateBadge, 'rebalancing', look.rebalancing);
    toggleClass(this.stateBadge, 'spinning', look.spinning);
    const iconClass = `codicon codicon-${look.icon}`;
    if (this.stateIcon.className !== iconClass) this.stateIcon.className = iconClass;
    const stateTitle = STATE_TITLE[state];
    setAttr(this.stateBadge, 'title', stateTitle ? t(ctx, stateTitle) : t(ctx, 'groupStateLabel'));
  }
}

export interface AddConsumerKind {
  /** `add-consumer` or `add-share-consumer`: the form's test id and its fields' (`${testid}-client-id`, `${testid}-rate`). */
  readonly testid: string;
  readonly heading: WebviewStringKey;
  readonly button: WebviewStringKey;
  /** The rate an empty field means (msg/s). */
  readonly defaultRate: number;
  /** The client.id an empty field means. */
  suggest(snap: SimSnapshot): string;
  action(groupId: string, consumer: { clientId: string; ratePerSec: number }): Action;
}

/** Adds a consumer to one group: a visually hidden heading and an inline form. */
export class AddConsumerForm {
  readonly heading: HTMLHeadingElement;
  readonly form: InlineForm;
  private readonly clientField: Field;
  private readonly rateField: Field;
  private target: { groupId: string; snapshot: SimSnapshot } | null = null;

  constructor(private readonly ctx: RenderContext, private readonly kind: AddConsumerKind) {
    this.heading = h(ctx.doc, 'h4', { class: 'visually-hidden' });
    this.clientField = new Field(ctx, { testid: `${kind.testid}-client-id`, size: 14 });
    this.rateField = new Field(ctx, { testid: `${kind.testid}-rate`, type: 'number', min: 0, max: MAX_RATE_PER_SEC, step: 'any', inputmode: 'decimal', size: 6 });
    this.form = new InlineForm(ctx, { testid: `${kind.testid}-form`, icon: 'person-add', fields: [this.clientField, this.rateField], onSubmit: () => this.submit() });
  }

  update(groupId: string, snapshot: SimSnapshot): void {
    const ctx = this.ctx;
    this.target = { groupId, snapshot };
    setText(this.heading, t(ctx, this.kind.heading, groupId));
    this.clientField.setLabel(t(ctx, 'clientIdLabel'));
    this.clientField.setPlaceholder(this.kind.suggest(snapshot));
    this.rateField.setLabel(t(ctx, 'consumerRateLabel'));
    this.rateField.setPlaceholder(String(this.kind.defaultRate));
    this.form.setButtonText(t(ctx, this.kind.button));
    setAttr(this.form.button, 'title', t(ctx, this.kind.heading, groupId));
  }

  private submit(): void {
    const target = this.target;
    if (!target) return;
    const ctx = this.ctx;
    const clientId = checkNewId(ctx, this.clientField.value || this.kind.suggest(target.snapshot), t(ctx, 'clientIdLabel'), allClientIds(target.snapshot), 'errDuplicateConsumer');
    if (!this.clientField.report(clientId)) return;
    const rate = checkRate(ctx, this.rateField.value === '' ? String(this.kind.defaultRate) : this.rateField.value, t(ctx, 'consumerRateLabel'), MAX_RATE_PER_SEC);
    if (!this.rateField.report(rate)) return;
    const sent = ctx.post({ type: 'action', action: this.kind.action(target.groupId, { clientId: clientId.value, ratePerSec: rate.value }) });
    if (!sent.ok) this.clientField.setError(sent.message);
    else {
      this.clientField.input.value = '';
      this.rateField.input.value = '';
    }
  }
}
