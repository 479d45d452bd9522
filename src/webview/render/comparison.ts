/**
 * "Compare protocols" (panel): the session's scenario run once per rebalance protocol (classic
 * eager, classic cooperative-sticky, KIP-848), side by side. A table of the figures, each cell
 * with a small bar scaled to its column, so every column is a little bar chart; a caption
 * explains the columns. The extension computes the rows (`compare-protocols` → `comparison`).
 */
import type { HostMessage, ProtocolComparisonRow } from '../../protocol/messages';
import type { WebviewStringKey } from '../../protocol/webviewStrings';
import { h, icon, KeyedList, setAttr, setHidden, setText, setVar, toggleClass } from '../dom';
import { formatCount } from '../format';
import { COMPARE_METRICS, CompareMetric, comparisonScale, ComparisonScale, HIGHER_IS_BETTER } from '../viewModel';
import { dur, RenderContext, t } from './context';

type Comparison = Extract<HostMessage, { type: 'comparison' }>;

const HEADER: Record<CompareMetric, WebviewStringKey> = {
  rounds: 'colRounds',
  maxUnownedMs: 'colMaxUnowned',
  totalUnownedMs: 'colTotalUnowned',
  processed: 'colProcessed',
  duplicates: 'colDuplicates',
  outOfOrder: 'colOutOfOrder',
};
const EXPLAIN: Record<CompareMetric, WebviewStringKey> = {
  rounds: 'explainColRounds',
  maxUnownedMs: 'explainColMaxUnowned',
  totalUnownedMs: 'explainColTotalUnowned',
  processed: 'explainColProcessed',
  duplicates: 'explainColDuplicates',
  outOfOrder: 'explainColOutOfOrder',
};
const VARIANT: Record<ProtocolComparisonRow['variant'], WebviewStringKey> = {
  'classic-eager': 'variantClassicEager',
  'classic-cooperative': 'variantClassicCooperative',
  kip848: 'variantKip848',
};
interface RowInput {
  readonly row: ProtocolComparisonRow;
  readonly scale: ComparisonScale;
}

class CompareRow {
  readonly root: HTMLTableRowElement;
  private readonly name: HTMLTableCellElement;
  private readonly cells: Record<CompareMetric, { value: HTMLSpanElement; fill: HTMLSpanElement; best: HTMLSpanElement; cell: HTMLTableCellElement }>;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.name = h(d, 'th', { scope: 'row', class: 'cmp-name', 'data-testid': 'compare-variant' });
    const cells = {} as Record<CompareMetric, { value: HTMLSpanElement; fill: HTMLSpanElement; best: HTMLSpanElement; cell: HTMLTableCellElement }>;
    for (const m of COMPARE_METRICS) {
      const value = h(d, 'span', { class: 'cmp-value', 'data-testid': `compare-${m}` });
      const best = h(d, 'span', { class: 'cmp-best', hidden: true }, icon(d, 'star-full'));
      const fill = h(d, 'span', { class: 'cmp-fill' });
      const cell = h(d, 'td', { class: 'num cmp-cell' }, h(d, 'span', { class: 'cmp-cell-inner' }, h(d, 'span', { class: 'cmp-bar', 'aria-hidden': 'true' }, fill), h(d, 'span', { class: 'cmp-top' }, best, value)));
      cells[m] = { value, fill, best, cell };
    }
    this.cells = cells;
    this.root = h(d, 'tr', { 'data-testid': 'compare-row' }, this.name, ...COMPARE_METRICS.map((m) => cells[m].cell));
  }

  update(input: RowInput): void {
    const ctx = this.ctx;
    const r = input.row;
    setAttr(this.root, 'data-variant', r.variant);
    setText(this.name, VARIANT[r.variant] ? t(ctx, VARIANT[r.variant]) : r.label);
    for (const m of COMPARE_METRICS) {
      const v = r[m];
      const c = this.cells[m];
      setText(c.value, m.endsWith('Ms') ? dur(ctx, v) : formatCount(v));
      setAttr(c.value, 'data-value', String(v));
      const max = input.scale.max[m];
      setVar(c.fill, '--w', `${max > 0 ? ((v / max) * 100).toFixed(1) : '0'}%`);
      const best = input.scale.best[m];
      const isBest = best !== null && v === best;
      setHidden(c.best, !isBest);
      setAttr(c.best, 'title', t(ctx, 'compareBest'));
      setAttr(c.best, 'aria-label', t(ctx, 'compareBest'));
      setAttr(c.best, 'role', 'img');
      toggleClass(c.cell, 'best', isBest);
      toggleClass(c.cell, 'bad', !HIGHER_IS_BETTER.has(m) && v > 0 && !isBest);
    }
  }
}

export class ComparisonView {
  readonly root: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly again: HTMLButtonElement;
  private readonly againText: HTMLSpanElement;
  private readonly close: HTMLButtonElement;
  private readonly running: HTMLParagraphElement;
  private readonly runningText: HTMLSpanElement;
  private readonly table: HTMLTableElement;
  private readonly caption: HTMLTableCaptionElement;
  private readonly headCells: Record<CompareMetric | 'name', HTMLTableCellElement>;
  private readonly rows: KeyedList<RowInput, CompareRow>;
  private readonly explain: HTMLUListElement;
  private readonly explainItems: Record<CompareMetric, HTMLLIElement>;
  private readonly empty: HTMLParagraphElement;
  private open = false;
  private waiting = false;
  private shown: Comparison | null = null;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.heading = h(d, 'h2', { id: 'compare-heading', class: 'section-title' });
    this.againText = h(d, 'span', { class: 'button-text' });
    this.again = h(d, 'button', { type: 'button', class: 'button secondary', 'data-testid': 'compare-again' }, icon(d, 'refresh'), this.againText);
    this.again.addEventListener('click', () => this.request());
    this.close = h(d, 'button', { type: 'button', class: 'icon-button', 'data-testid': 'compare-close' }, icon(d, 'close'));
    this.close.addEventListener('click', () => {
      this.open = false;
      this.render();
    });
    this.runningText = h(d, 'span');
    this.running = h(d, 'p', { class: 'muted compare-running', 'data-testid': 'compare-running', role: 'status' }, icon(d, 'loading', 'codicon-modifier-spin'), this.runningText);
    this.caption = h(d, 'caption', { class: 'cmp-caption', 'data-testid': 'compare-caption' });
    const th = (testid: string): HTMLTableCellElement => h(d, 'th', { scope: 'col', 'data-testid': testid });
    this.headCells = { name: th('compare-col-protocol'), ...Object.fromEntries(COMPARE_METRICS.map((m) => [m, th(`compare-col-${m}`)])) } as Record<CompareMetric | 'name', HTMLTableCellElement>;
    for (const m of COMPARE_METRICS) this.headCells[m].classList.add('num');
    this.rows = new KeyedList(h(d, 'tbody'), (r) => r.row.variant, () => new CompareRow(ctx));
    this.table = h(d, 'table', { class: 'data-table compare-table', 'data-testid': 'compare-table' }, this.caption, h(d, 'thead', {}, h(d, 'tr', {}, this.headCells.name, ...COMPARE_METRICS.map((m) => this.headCells[m]))), this.rows.container);
    this.explainItems = Object.fromEntries(COMPARE_METRICS.map((m) => [m, h(d, 'li', { 'data-testid': `compare-explain-${m}` })])) as Record<CompareMetric, HTMLLIElement>;
    this.explain = h(d, 'ul', { class: 'compare-explain muted', 'data-testid': 'compare-explain' }, ...COMPARE_METRICS.map((m) => this.explainItems[m]));
    this.empty = h(d, 'p', { class: 'muted', hidden: true });
    this.root = h(
      d,
      'section',
      { class: 'section compare', 'aria-labelledby': 'compare-heading', 'data-testid': 'comparison', hidden: true },
      h(d, 'div', { class: 'row-head' }, h(d, 'span', { class: 'compare-title' }, icon(d, 'graph'), this.heading), h(d, 'span', { class: 'spacer' }), this.again, this.close),
      this.running,
      h(d, 'div', { class: 'table-wrap' }, this.table),
      this.empty,
      this.explain,
    );
  }

  /** The toolbar's button: show the section and ask the extension for the figures. */
  request(): void {
    this.open = true;
    this.waiting = true;
    this.ctx.post({ type: 'compare-protocols' });
    this.render();
    this.root.scrollIntoView?.({ block: 'nearest', behavior: this.ctx.reducedMotion() ? 'auto' : 'smooth' });
  }

  /** A `comparison` arrived. */
  receive(c: Comparison): void {
    this.shown = c;
    this.waiting = false;
    this.open = true;
    this.render();
  }

  get isOpen(): boolean {
    return this.open;
  }

  render(): void {
    const ctx = this.ctx;
    setHidden(this.root, !this.open);
    setText(this.heading, t(ctx, 'compareHeading'));
    setText(this.againText, t(ctx, 'compareAgain'));
    setAttr(this.again, 'title', t(ctx, 'compareProtocolsTitle'));
    setAttr(this.close, 'aria-label', t(ctx, 'compareClose'));
    setAttr(this.close, 'title', t(ctx, 'compareClose'));
    if (!this.open) return;
    if (this.again.disabled !== this.waiting) this.again.disabled = this.waiting;
    setText(this.runningText, t(ctx, 'compareRunning'));
    setHidden(this.running, !this.waiting);
    setAttr(this.root, 'aria-busy', this.waiting ? 'true' : null);
    const c = this.shown;
    setHidden(this.table, c === null);
    setHidden(this.explain, c === null);
    if (!c) return;
    setText(this.caption, t(ctx, 'compareCaption', c.scenarioName, dur(ctx, c.untilMs)));
    setText(this.headCells.name, t(ctx, 'colProtocol'));
    for (const m of COMPARE_METRICS) {
      setText(this.headCells[m], t(ctx, HEADER[m]));
      setText(this.explainItems[m], t(ctx, EXPLAIN[m]));
    }
    const scale = comparisonScale(c.rows);
    this.rows.sync(c.rows.map((row) => ({ row, scale })));
    setText(this.empty, t(ctx, 'compareNoData'));
    setHidden(this.empty, c.rows.length > 0);
  }
}
