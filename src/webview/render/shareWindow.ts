/**
 * One share-partition's in-flight window (KIP-932): SPSO … SPEO, a stacked bar of acquired /
 * available / acknowledged / archived records with their counts, the consumers that share it, and
 * the records being delivered again by attempt.
 */
import { h, icon, setAttr, setClassWithPrefix, setHidden, setText, setVar, toggleClass } from '../dom';
import { formatCount } from '../format';
import { WINDOW_STATES, WindowModel, WindowState } from '../viewModel';
import { partitionLabel } from './chips';
import { RenderContext, t } from './context';

const WINDOW_KEY = { acquired: 'shareCountAcquired', available: 'shareCountAvailable', acknowledged: 'shareCountAcknowledged', archived: 'shareCountArchived' } as const;

export class PartitionWindow {
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

  update(w: WindowModel): void {
    const ctx = this.ctx;
    const p = w.partition;
    setAttr(this.root, 'data-topic', p.topic);
    setAttr(this.root, 'data-partition', p.partition);
    setClassWithPrefix(this.chip, 'pc-', String(w.colour));
    setText(this.chip, partitionLabel(ctx, p, w.multiTopic));
    setText(this.range, t(ctx, 'shareWindowRange', formatCount(p.spso), formatCount(p.speo)));
    setAttr(this.range, 'title', t(ctx, 'shareWindowTitle'));
    setAttr(this.limit, 'title', t(ctx, 'shareAtLimit'));
    setAttr(this.limit, 'aria-label', t(ctx, 'shareAtLimit'));
    setHidden(this.limit, !p.atInFlightLimit);
    for (const s of WINDOW_STATES) {
      const n = p.inFlight[s];
      setVar(this.segments[s], '--w', `${w.total > 0 ? (w.shares[s] * 100).toFixed(2) : '0'}%`);
      setText(this.counts[s], t(ctx, WINDOW_KEY[s], formatCount(n)));
      setAttr(this.counts[s], 'data-count', String(n));
      toggleClass(this.counts[s], 'zero', n === 0);
    }
    setAttr(
      this.bar,
      'aria-label',
      t(ctx, 'shareWindowLabel', p.partition, formatCount(p.spso), formatCount(p.speo), p.inFlight.acquired, p.inFlight.available, p.inFlight.acknowledged, p.inFlight.archived),
    );
    toggleClass(this.bar, 'empty', w.total === 0);
    setText(this.sharedBy, p.consumers.length > 0 ? t(ctx, 'shareSharedBy', p.consumers.join(', ')) : t(ctx, 'shareNoReader'));
    setAttr(this.sharedBy, 'data-count', String(p.consumers.length));
    toggleClass(this.sharedBy, 'shared', p.consumers.length > 1);
    setText(this.deliveries, w.redelivered ? t(ctx, 'shareDeliveryCounts', w.attempts.map(([k, v]) => `#${k}: ${formatCount(v)}`).join(' · ')) : '');
    setHidden(this.deliveries, !w.redelivered);
  }
}
