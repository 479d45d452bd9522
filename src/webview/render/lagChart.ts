/**
 * Lag over time for one group: the total in records, (on demand) one line per partition, or the
 * time lag (the age of the group's oldest unconsumed record, its largest over the partitions), from
 * the history the webview records. SVG in theme colours, with a text summary (the SVG's accessible name) and a
 * table of samples as an alternative.
 */
import { partitionName } from '../../sim';
import type { GroupSnapshot } from '../../sim';
import { h, setAttr, setClassWithPrefix, setHidden, setText, svg, toggleClass, uid } from '../dom';
import { formatClock, formatCount } from '../format';
import { LagSeries, PARTITION_HISTORY_LIMIT } from '../history';
import type { Store } from '../store';
import type { ChartMode } from '../uiState';
import { partitionColour, partitionsByLag, TopicOrder } from '../viewModel';
import { dur, RenderContext, t } from './context';

const W = 600;
const H = 120;
/** Partition lines drawn at most (the ones with the most lag now). */
export const MAX_PARTITION_LINES = 8;
const TABLE_ROWS = 12;

function pathOf(series: LagSeries, t0: number, t1: number, maxV: number): string {
  const ts = series.times();
  const vs = series.values();
  if (ts.length === 0) return '';
  const span = Math.max(1, t1 - t0);
  let d = '';
  for (let i = 0; i < ts.length; i++) {
    const x = ((ts[i]! - t0) / span) * W;
    const y = H - (maxV > 0 ? (vs[i]! / maxV) * (H - 4) : 0) - 1;
    d += `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
  }
  if (ts.length === 1) d += `L${W} ${(H - (maxV > 0 ? (vs[0]! / maxV) * (H - 4) : 0) - 1).toFixed(1)}`;
  return d;
}

export class LagChart {
  readonly root: HTMLDivElement;
  private readonly heading: HTMLHeadingElement;
  private readonly totalButton: HTMLButtonElement;
  private readonly partitionsButton: HTMLButtonElement;
  private readonly timeButton: HTMLButtonElement;
  private readonly svgEl: SVGSVGElement;
  private readonly totalPath: SVGPathElement;
  private readonly partitionGroup: SVGGElement;
  private readonly maxLabel: HTMLSpanElement;
  private readonly spanLabel: HTMLSpanElement;
  private readonly summary: HTMLParagraphElement;
  private readonly note: HTMLParagraphElement;
  private readonly details: HTMLDetailsElement;
  private readonly detailsSummary: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly legend: HTMLUListElement;
  private groupId = '';
  private partitionPaths = new Map<string, SVGPathElement>();

  constructor(private readonly ctx: RenderContext, private readonly store: Store) {
    const d = ctx.doc;
    const headingId = uid('chart');
    this.heading = h(d, 'h4', { id: headingId, class: 'subsection-title' });
    const modeButton = (mode: ChartMode): HTMLButtonElement => {
      const b = h(d, 'button', { type: 'button', class: 'segment', 'data-testid': `chart-mode-${mode}` });
      b.addEventListener('click', () => {
        ctx.ui.chartMode[this.groupId] = mode;
        ctx.uiChanged();
      });
      return b;
    };
    this.totalButton = modeButton('total');
    this.partitionsButton = modeButton('partitions');
    this.timeButton = modeButton('time');
    this.totalPath = svg(d, 'path', { class: 'line total-line', 'vector-effect': 'non-scaling-stroke', fill: 'none' });
    this.partitionGroup = svg(d, 'g', { class: 'partition-lines' });
    this.svgEl = svg(
      d,
      'svg',
      { class: 'chart-svg', viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img', 'data-testid': 'lag-chart-svg' },
      svg(d, 'line', { class: 'grid', x1: 0, y1: H / 2, x2: W, y2: H / 2, 'vector-effect': 'non-scaling-stroke' }),
      svg(d, 'line', { class: 'axis', x1: 0, y1: H - 0.5, x2: W, y2: H - 0.5, 'vector-effect': 'non-scaling-stroke' }),
      this.partitionGroup,
      this.totalPath,
    );
    this.maxLabel = h(d, 'span', { class: 'chart-max', 'aria-hidden': 'true' });
    this.spanLabel = h(d, 'span', { class: 'chart-span', 'aria-hidden': 'true' });
    this.legend = h(d, 'ul', { class: 'chart-legend', 'aria-hidden': 'true' });
    this.summary = h(d, 'p', { class: 'chart-summary', 'data-testid': 'chart-summary' });
    this.note = h(d, 'p', { class: 'hint' });
    this.detailsSummary = h(d, 'summary');
    this.table = h(d, 'table', { class: 'data-table', 'data-testid': 'chart-table' });
    this.details = h(d, 'details', { class: 'details' }, this.detailsSummary, this.table);
    this.details.addEventListener('toggle', () => this.renderTable());
    this.root = h(
      d,
      'div',
      { class: 'chart', 'data-testid': 'lag-chart', role: 'group', 'aria-labelledby': headingId },
      h(d, 'div', { class: 'chart-head' }, this.heading, h(d, 'div', { class: 'segmented', role: 'group' }, this.totalButton, this.partitionsButton, this.timeButton)),
      h(d, 'div', { class: 'chart-frame' }, this.maxLabel, this.svgEl, this.spanLabel),
      this.legend,
      this.summary,
      this.note,
      this.details,
    );
  }

  update(group: GroupSnapshot, order: TopicOrder): void {
    const ctx = this.ctx;
    this.groupId = group.groupId;
    const mode = ctx.ui.chartMode[group.groupId] ?? 'total';
    setText(this.heading, t(ctx, 'lagChartHeading'));
    setText(this.totalButton, t(ctx, 'chartModeTotal'));
    setText(this.partitionsButton, t(ctx, 'chartModePartitions'));
    setText(this.timeButton, t(ctx, 'chartModeTime'));
    setAttr(this.timeButton, 'title', t(ctx, 'chartModeTimeTitle'));
    setAttr(this.totalButton, 'aria-pressed', mode === 'total' ? 'true' : 'false');
    setAttr(this.partitionsButton, 'aria-pressed', mode === 'partitions' ? 'true' : 'false');
    setAttr(this.timeButton, 'aria-pressed', mode === 'time' ? 'true' : 'false');
    setAttr(this.root, 'data-mode', mode);
    const timeMode = mode === 'time';
    const series = timeMode ? this.store.timeLagSeries(group.groupId) : this.store.lagSeries(group.groupId);
    /** A value as the chart labels it: records, or a duration in time mode. */
    const show = (v: number): string => (timeMode ? dur(ctx, v) : formatCount(v));
    const ts = series?.times() ?? [];
    const t0 = ts[0] ?? 0;
    const t1 = ts[ts.length - 1] ?? 0;

    // Which partition lines (if any) to draw.
    const partitionSeries: Array<{ key: string; name: string; color: number; s: LagSeries }> = [];
    const perPartitionAvailable = group.partitions.length <= PARTITION_HISTORY_LIMIT;
    if (mode === 'partitions' && perPartitionAvailable) {
      for (const p of partitionsByLag(group, MAX_PARTITION_LINES)) {
        const s = this.store.partitionSeries(group.groupId, p);
        if (s) partitionSeries.push({ key: partitionName(p.topic, p.partition), name: t(ctx, 'partitionShort', p.partition), color: partitionColour(order, p), s });
      }
    }
    let maxV = series ? series.range()[1] : 0;
    if (mode === 'partitions') for (const p of partitionSeries) maxV = Math.max(maxV, p.s.range()[1]);
    const niceMax = maxV <= 0 ? 1 : maxV;

    setAttr(this.totalPath, 'd', series ? pathOf(series, t0, t1, niceMax) : '');
    toggleClass(this.totalPath, 'dimmed', mode === 'partitions' && partitionSeries.length > 0);
    const keep = new Set<string>();
    for (const p of partitionSeries) {
      keep.add(p.key);
      let path = this.partitionPaths.get(p.key);
      if (!path) {
        path = svg(ctx.doc, 'path', { class: 'line partition-line', 'vector-effect': 'non-scaling-stroke', fill: 'none', 'data-partition': p.key });
        this.partitionPaths.set(p.key, path);
        this.partitionGroup.appendChild(path);
      }
      setClassWithPrefix(path, 'pc-', String(p.color));
      setAttr(path, 'd', pathOf(p.s, t0, t1, niceMax));
    }
    for (const [key, path] of this.partitionPaths) {
      if (keep.has(key)) continue;
      path.remove();
      this.partitionPaths.delete(key);
    }
    // Legend (partition mode only).
    const legendItems = mode === 'partitions' ? partitionSeries : [];
    while (this.legend.childElementCount < legendItems.length) this.legend.appendChild(h(ctx.doc, 'li', { class: 'legend-item' }));
    while (this.legend.childElementCount > legendItems.length) this.legend.lastElementChild!.remove();
    legendItems.forEach((p, i) => {
      const li = this.legend.children[i] as HTMLLIElement;
      setClassWithPrefix(li, 'pc-', String(p.color));
      setText(li, p.name);
    });
    setHidden(this.legend, legendItems.length === 0);

    setText(this.maxLabel, show(maxV));
    setText(this.spanLabel, ts.length > 1 ? `${formatClock(t0)} – ${formatClock(t1)}` : '');
    let summary: string;
    if (!series || series.length === 0) summary = t(ctx, 'chartNoData');
    else {
      const [lo, hi] = series.range();
      summary = t(ctx, timeMode ? 'chartTimeSummary' : 'chartSummary', group.groupId, show(series.last() ?? 0), show(lo), show(hi), dur(ctx, t1 - t0));
    }
    setText(this.summary, summary);
    setAttr(this.svgEl, 'aria-label', summary);
    const note =
      mode !== 'partitions' ? '' : !perPartitionAvailable ? t(ctx, 'chartPartitionsUnavailable', PARTITION_HISTORY_LIMIT) : group.partitions.length > MAX_PARTITION_LINES ? t(ctx, 'chartPartitionsLimited', MAX_PARTITION_LINES) : '';
    setText(this.note, note);
    setHidden(this.note, note === '');
    setText(this.detailsSummary, t(ctx, 'chartTable'));
    if (this.details.open) this.renderTable();
  }

  /** The last samples as a table (built only while the table is open). */
  private renderTable(): void {
    if (!this.details.open) return;
    const ctx = this.ctx;
    const d = ctx.doc;
    const timeMode = ctx.ui.chartMode[this.groupId] === 'time';
    const series = timeMode ? this.store.timeLagSeries(this.groupId) : this.store.lagSeries(this.groupId);
    const ts = series?.times() ?? [];
    const vs = series?.values() ?? [];
    const rows: Array<[number, number]> = [];
    const stepBy = Math.max(1, Math.ceil(ts.length / TABLE_ROWS));
    for (let i = ts.length - 1; i >= 0 && rows.length < TABLE_ROWS; i -= stepBy) rows.push([ts[i]!, vs[i]!]);
    let thead = this.table.tHead;
    if (!thead) {
      thead = this.table.createTHead();
      thead.appendChild(h(d, 'tr', {}, h(d, 'th', { scope: 'col' }), h(d, 'th', { scope: 'col' })));
    }
    const heads = thead.rows[0]!.cells;
    setText(heads[0]!, t(ctx, 'chartTime'));
    setText(heads[1]!, t(ctx, timeMode ? 'chartTimeLag' : 'chartLag'));
    const body = this.table.tBodies[0] ?? this.table.appendChild(h(d, 'tbody'));
    while (body.rows.length < rows.length) body.appendChild(h(d, 'tr', {}, h(d, 'td'), h(d, 'td', { class: 'num' })));
    while (body.rows.length > rows.length) body.lastElementChild!.remove();
    rows.forEach(([time, v], i) => {
      const r = body.rows[i]!;
      setText(r.cells[0]!, formatClock(time));
      setText(r.cells[1]!, timeMode ? dur(ctx, v) : formatCount(v));
    });
  }
}
