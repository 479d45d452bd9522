/**
 * One consumer's card, for consumer groups and share groups alike: its client id, a state pill
 * (icon and text), badges, the partitions it reads as chips, what the kind of group adds (a
 * heartbeat, records in flight…), its rate, and its actions (stop, crash, stall, restart) as
 * labelled icon buttons that act on its client.id.
 */
import type { Action } from '../../sim';
import { h, icon, setAttr, setClassWithPrefix, setText, uid } from '../dom';
import { formatCount } from '../format';
import { dur, RenderContext, t } from './context';

type ActionName = 'stop' | 'crash' | 'stall' | 'restart';

/** The four buttons; test ids `${prefix}-stop`, `${prefix}-crash`, … */
export class ConsumerActions {
  readonly root: HTMLDivElement;
  private readonly buttons: Record<ActionName, HTMLButtonElement>;
  private clientId = '';

  constructor(private readonly ctx: RenderContext, testidPrefix: string) {
    const d = ctx.doc;
    const button = (name: ActionName, codicon: string, action: () => Action): HTMLButtonElement => {
      const b = h(d, 'button', { type: 'button', class: 'icon-button', 'data-testid': `${testidPrefix}-${name}` }, icon(d, codicon));
      b.addEventListener('click', () => ctx.post({ type: 'action', action: action() }));
      return b;
    };
    this.buttons = {
      stop: button('stop', 'debug-stop', () => ({ action: 'stop-consumer', consumer: this.clientId })),
      crash: button('crash', 'flame', () => ({ action: 'crash-consumer', consumer: this.clientId })),
      stall: button('stall', 'watch', () => ({ action: 'stall-consumer', consumer: this.clientId, duration: ctx.ui.stallMs })),
      restart: button('restart', 'debug-restart', () => ({ action: 'restart-consumer', consumer: this.clientId })),
    };
    this.root = h(d, 'div', { class: 'card-actions', role: 'group' }, this.buttons.stop, this.buttons.crash, this.buttons.stall, this.buttons.restart);
  }

  /** Labels the buttons for `clientId`; a running consumer can be stopped, crashed or stalled (once), a stopped one restarted. */
  update(clientId: string, running: boolean, stalled: boolean): void {
    const ctx = this.ctx;
    this.clientId = clientId;
    const label = (b: HTMLButtonElement, text: string, enabled: boolean): void => {
      setAttr(b, 'aria-label', text);
      setAttr(b, 'title', text);
      if (b.disabled === enabled) b.disabled = !enabled;
    };
    label(this.buttons.stop, t(ctx, 'stopConsumer', clientId), running);
    label(this.buttons.crash, t(ctx, 'crashConsumer', clientId), running);
    label(this.buttons.stall, t(ctx, 'stallConsumer', clientId, dur(ctx, ctx.ui.stallMs)), running && !stalled);
    label(this.buttons.restart, t(ctx, 'restartConsumer', clientId), !running);
  }
}

export interface CardFrameParts {
  /** `consumer` or `share-consumer`: the card is `${prefix}-card`, its name `${prefix}-name`, … */
  readonly testidPrefix: string;
  /** An extra class on the card (`share-card`). */
  readonly className?: string;
  readonly badges: readonly Node[];
  readonly chips: Node;
  /** Between the chips and the foot. */
  readonly body: readonly Node[];
}

/** What the frame shows of a consumer. */
export interface CardFace {
  readonly clientId: string;
  readonly status: string;
  /** `data-state`: the kind's own state name. */
  readonly state: string;
  /** The `state-*` class the card is styled by (a consumer card's state). */
  readonly look: string;
  readonly stateLabel: string;
  readonly stateIcon: string;
  readonly ratePerSec: number;
  readonly running: boolean;
  readonly stalled: boolean;
}

export class CardFrame {
  readonly root: HTMLElement;
  private readonly name: HTMLHeadingElement;
  private readonly stateIcon: HTMLSpanElement;
  private readonly stateText: HTMLSpanElement;
  private readonly rate: HTMLSpanElement;
  private readonly actions: ConsumerActions;

  constructor(private readonly ctx: RenderContext, parts: CardFrameParts) {
    const d = ctx.doc;
    const prefix = parts.testidPrefix;
    const nameId = uid(prefix);
    this.name = h(d, 'h4', { id: nameId, class: 'card-title', 'data-testid': `${prefix}-name` });
    this.stateIcon = icon(d, 'pass');
    this.stateText = h(d, 'span', { 'data-testid': `${prefix}-status` });
    this.rate = h(d, 'span', { class: 'muted rate' });
    this.actions = new ConsumerActions(ctx, prefix);
    this.root = h(
      d,
      'article',
      { class: parts.className ? `card ${parts.className}` : 'card', 'data-testid': `${prefix}-card`, 'aria-labelledby': nameId },
      h(d, 'div', { class: 'card-head' }, this.name, h(d, 'span', { class: 'spacer' }), h(d, 'span', { class: 'state-pill' }, this.stateIcon, this.stateText)),
      h(d, 'div', { class: 'card-badges' }, ...parts.badges),
      parts.chips,
      ...parts.body,
      h(d, 'div', { class: 'card-foot' }, this.rate, h(d, 'span', { class: 'spacer' }), this.actions.root),
    );
  }

  update(face: CardFace): void {
    setAttr(this.root, 'data-client', face.clientId);
    setAttr(this.root, 'data-status', face.status);
    setAttr(this.root, 'data-state', face.state);
    setClassWithPrefix(this.root, 'state-', face.look);
    setText(this.name, face.clientId);
    setText(this.stateText, face.stateLabel);
    const iconClass = `codicon codicon-${face.stateIcon}`;
    if (this.stateIcon.className !== iconClass) this.stateIcon.className = iconClass;
    setText(this.rate, t(this.ctx, 'consumerRate', formatCount(face.ratePerSec)));
    this.actions.update(face.clientId, face.running, face.stalled);
  }
}
