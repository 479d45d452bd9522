/**
 * The engine's events, newest first, with virtual timestamps; filterable by category and text.
 * Activating an event (click, Enter or Space: it is a button) shows why it happened and what it
 * means in Kafka.
 */
import type { SimEvent } from '../../sim';
import type { EventTemplates } from '../../sim';
import { h, icon, KeyedList, setAttr, setHidden, setText, toggleClass, uid } from '../dom';
import { CATEGORY_ICON, CATEGORY_LABEL, EVENT_CATEGORIES, eventCategory, eventInfo, eventText, EventCategory } from '../explanations';
import { formatClock, formatCount } from '../format';
import type { Store } from '../store';
import { visibleEvents } from '../viewModel';
import { RenderContext, t } from './context';

/** Rows rendered at most (the newest matching events). */
export const TIMELINE_ROWS = { panel: 200, sidebar: 60 } as const;

const textCache = new WeakMap<SimEvent, string>();
function textOf(e: SimEvent, strings: EventTemplates): string {
  let s = textCache.get(e);
  if (s === undefined) {
    s = eventText(e, strings);
    textCache.set(e, s);
  }
  return s;
}

class EventRow {
  readonly root: HTMLLIElement;
  private readonly button: HTMLButtonElement;
  private readonly time: HTMLSpanElement;
  private readonly catIcon: HTMLSpanElement;
  private readonly text: HTMLSpanElement;
  private readonly explain: HTMLDivElement;
  private readonly explainTitle: HTMLElement;
  private readonly explainText: HTMLParagraphElement;
  private seq = -1;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    const explainId = uid('explain');
    this.time = h(d, 'span', { class: 'event-time' });
    this.catIcon = icon(d, 'info', 'event-icon');
    this.text = h(d, 'span', { class: 'event-text' });
    this.button = h(d, 'button', { type: 'button', class: 'event-row', 'aria-expanded': 'false', 'aria-controls': explainId, 'data-testid': 'timeline-event-button' }, this.time, this.catIcon, this.text, icon(d, 'chevron-down', 'event-chevron'));
    this.explainTitle = h(d, 'strong');
    this.explainText = h(d, 'p', { 'data-testid': 'event-explanation' });
    this.explain = h(d, 'div', { id: explainId, class: 'event-explain', hidden: true }, this.explainTitle, this.explainText);
    this.root = h(d, 'li', { class: 'event', 'data-testid': 'timeline-event' }, this.button, this.explain);
    this.button.addEventListener('click', () => {
      ctx.ui.expandedEvent = ctx.ui.expandedEvent === this.seq ? null : this.seq;
      ctx.uiChanged();
    });
  }

  update(e: SimEvent): void {
    const ctx = this.ctx;
    if (this.seq !== e.seq) {
      this.seq = e.seq;
      const cat = eventCategory(e);
      setAttr(this.root, 'data-seq', e.seq);
      setAttr(this.root, 'data-type', e.type);
      setAttr(this.root, 'data-category', cat);
      this.root.className = `event cat-${cat}`;
      this.catIcon.className = `codicon codicon-${CATEGORY_ICON[cat]} event-icon`;
      setText(this.time, formatClock(e.t));
      setText(this.text, textOf(e, ctx.strings));
    }
    const open = ctx.ui.expandedEvent === e.seq;
    setAttr(this.button, 'aria-expanded', open ? 'true' : 'false');
    toggleClass(this.root, 'expanded', open);
    setHidden(this.explain, !open);
    if (open) {
      setText(this.explainTitle, t(ctx, 'explainLabel'));
      setText(this.explainText, t(ctx, eventInfo(e).explanation));
    }
  }
}

export class Timeline {
  readonly root: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly filterLabel: HTMLLabelElement;
  private readonly filter: HTMLInputElement;
  private readonly catGroup: HTMLDivElement;
  private readonly catButtons = new Map<EventCategory, { button: HTMLButtonElement; text: HTMLSpanElement }>();
  private readonly count: HTMLParagraphElement;
  private readonly empty: HTMLParagraphElement;
  private readonly rows: KeyedList<SimEvent, EventRow>;
  private renderedKey = '';

  constructor(private readonly ctx: RenderContext, private readonly store: Store) {
    const d = ctx.doc;
    this.heading = h(d, 'h2', { id: 'timeline-heading', class: 'section-title' });
    const filterId = 'timeline-filter';
    this.filterLabel = h(d, 'label', { for: filterId, class: 'visually-hidden' });
    this.filter = h(d, 'input', { id: filterId, type: 'search', class: 'input', 'data-testid': 'timeline-filter', spellcheck: 'false', autocomplete: 'off' });
    this.filter.value = ctx.ui.filterText;
    this.filter.addEventListener('input', () => {
      ctx.ui.filterText = this.filter.value;
      ctx.uiChanged();
    });
    this.catGroup = h(d, 'div', { class: 'categories', role: 'group' });
    for (const cat of EVENT_CATEGORIES) {
      const text = h(d, 'span');
      const button = h(d, 'button', { type: 'button', class: `toggle cat-${cat}`, 'data-testid': `timeline-cat-${cat}`, 'data-category': cat }, icon(d, CATEGORY_ICON[cat]), text);
      button.addEventListener('click', () => {
        const on = ctx.ui.categories.includes(cat);
        ctx.ui.categories = on ? ctx.ui.categories.filter((c) => c !== cat) : EVENT_CATEGORIES.filter((c) => c === cat || ctx.ui.categories.includes(c));
        ctx.uiChanged();
      });
      this.catButtons.set(cat, { button, text });
      this.catGroup.appendChild(button);
    }
    this.count = h(d, 'p', { class: 'muted timeline-count', 'data-testid': 'timeline-count' });
    this.empty = h(d, 'p', { class: 'muted', hidden: true });
    this.rows = new KeyedList(h(d, 'ol', { class: 'events', 'data-testid': 'timeline-list', reversed: true }), (e) => String(e.seq), () => new EventRow(ctx));
    this.root = h(
      d,
      'section',
      { class: 'section timeline', 'aria-labelledby': 'timeline-heading', 'data-testid': 'timeline' },
      h(d, 'div', { class: 'row-head' }, this.heading, this.count),
      h(d, 'div', { class: 'timeline-filters' }, this.filterLabel, h(d, 'span', { class: 'search' }, icon(d, 'filter'), this.filter), this.catGroup),
      this.empty,
      this.rows.container,
    );
  }

  update(): void {
    const ctx = this.ctx;
    setText(this.heading, t(ctx, 'timelineHeading'));
    setText(this.filterLabel, t(ctx, 'timelineFilterLabel'));
    setAttr(this.filter, 'placeholder', t(ctx, 'timelineFilterPlaceholder'));
    setAttr(this.catGroup, 'aria-label', t(ctx, 'timelineCategories'));
    for (const [cat, { button, text }] of this.catButtons) {
      setText(text, t(ctx, CATEGORY_LABEL[cat]));
      setAttr(button, 'aria-pressed', ctx.ui.categories.includes(cat) ? 'true' : 'false');
    }
    if (this.filter.value !== ctx.ui.filterText && ctx.doc.activeElement !== this.filter) this.filter.value = ctx.ui.filterText;
    const key = `${this.store.eventsVersion}\u0000${ctx.ui.filterText}\u0000${ctx.ui.categories.join(',')}\u0000${ctx.ui.expandedEvent}\u0000${ctx.strings.timelineCount}`;
    if (key === this.renderedKey) return;
    this.renderedKey = key;
    const { shown, matching } = visibleEvents(this.store.events, { categories: ctx.ui.categories, text: ctx.ui.filterText, limit: TIMELINE_ROWS[ctx.view] }, (e) => textOf(e, ctx.strings));
    this.rows.sync(shown);
    setText(this.count, t(ctx, 'timelineCount', formatCount(shown.length), formatCount(matching)));
    setText(this.empty, t(ctx, 'timelineEmpty'));
    setHidden(this.empty, shown.length > 0);
  }
}
