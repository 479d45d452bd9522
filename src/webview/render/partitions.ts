/**
 * The topic's partitions as logs. Up to HEAT_STRIP_THRESHOLD partitions: a table, one row per
 * partition: its log (filled to the log-end offset) with one lane per group showing the committed
 * offset and the lag after it, and per group the owning consumer, the lag in records, how far
 * behind in time (the age of the oldest record not yet committed) and the client-side records-lag
 * (log-end offset minus the consumer's fetch position). Beyond
 * that, a heat strip of lag for one chosen group, with a text summary and the top partitions.
 */
import type { GroupPartitionSnapshot } from '../../sim';
import { partitionColor } from '../colors';
import { h, icon, KeyedList, setAttr, setClassWithPrefix, setHidden, setText, setVar, toggleClass } from '../dom';
import { formatCount } from '../format';
import { heatStrip, mostLagging, TopicModel } from '../viewModel';
import { dur, RenderContext, t } from './context';

export const HEAT_STRIP_THRESHOLD = 64;
/** Partitions the heat strip lists by lag. */
const HEAT_TOP = 10;

const frac = (v: number, max: number): string => (max <= 0 ? '0' : (Math.min(1, Math.max(0, v / max))).toFixed(4));

interface RowInput {
  readonly partition: number;
  readonly logEndOffset: number;
  readonly maxLeo: number;
  readonly input: TopicModel;
}

class GroupLane {
  readonly lane: HTMLDivElement;
  private readonly done: HTMLDivElement;
  private readonly lagBar: HTMLDivElement;
  readonly cell: HTMLTableCellElement;
  private readonly owner: HTMLSpanElement;
  private readonly ownerName: HTMLSpanElement;
  private readonly lagText: HTMLSpanElement;
  private readonly timeLagText: HTMLSpanElement;
  private readonly recordsLagText: HTMLSpanElement;

  constructor(ctx: RenderContext, groupId: string) {
    const d = ctx.doc;
    this.done = h(d, 'div', { class: 'lane-done' });
    this.lagBar = h(d, 'div', { class: 'lane-lag' });
    this.lane = h(d, 'div', { class: 'lane', 'data-group': groupId }, this.done, this.lagBar, h(d, 'div', { class: 'lane-marker' }));
    this.ownerName = h(d, 'span', { class: 'owner-name', 'data-testid': 'partition-owner-name' });
    this.owner = h(d, 'span', { class: 'owner' }, icon(d, 'person'), this.ownerName);
    this.lagText = h(d, 'span', { class: 'lag-text', 'data-testid': 'partition-lag' });
    this.timeLagText = h(d, 'span', { class: 'lag-text time-lag', 'data-testid': 'partition-time-lag' });
    this.recordsLagText = h(d, 'span', { class: 'lag-text records-lag', 'data-testid': 'partition-records-lag' });
    this.cell = h(d, 'td', { class: 'owner-cell', 'data-testid': 'partition-owner', 'data-group': groupId }, this.owner, this.lagText, this.timeLagText, this.recordsLagText);
  }

  update(ctx: RenderContext, p: GroupPartitionSnapshot | undefined, leo: number, maxLeo: number): void {
    const committed = p && p.committed >= 0 ? p.committed : null;
    setVar(this.lane, '--c', frac(committed ?? 0, maxLeo));
    setVar(this.lane, '--l', frac(leo, maxLeo));
    toggleClass(this.lane, 'no-commit', committed === null);
    const owner = p?.owner ?? null;
    setText(this.ownerName, owner ?? t(ctx, 'unassigned'));
    setAttr(this.cell, 'data-owner', owner ?? '');
    toggleClass(this.cell, 'unowned', owner === null);
    const lag = p?.lag ?? null;
    setText(this.lagText, lag === null ? t(ctx, 'noCommit') : t(ctx, 'lag', formatCount(lag)));
    setAttr(this.lagText, 'data-lag', lag === null ? '' : String(lag));
    toggleClass(this.lagText, 'has-lag', lag !== null && lag > 0);
    const timeLag = p?.timeLagMs ?? null;
    setHidden(this.timeLagText, timeLag === null);
    setText(this.timeLagText, timeLag === null ? '' : t(ctx, 'timeLag', dur(ctx, timeLag)));
    setAttr(this.timeLagText, 'data-time-lag', timeLag === null ? '' : String(timeLag));
    setAttr(this.timeLagText, 'title', timeLag === null ? '' : t(ctx, 'timeLagTitle', dur(ctx, timeLag)));
    toggleClass(this.timeLagText, 'has-lag', timeLag !== null && timeLag > 0);
    const recordsLag = p?.recordsLag ?? null;
    setHidden(this.recordsLagText, recordsLag === null);
    setText(this.recordsLagText, recordsLag === null ? '' : t(ctx, 'recordsLag', formatCount(recordsLag)));
    setAttr(this.recordsLagText, 'data-records-lag', recordsLag === null ? '' : String(recordsLag));
    setAttr(this.recordsLagText, 'title', t(ctx, 'recordsLagTitle'));
    setAttr(this.cell, 'title', committed === null ? t(ctx, 'noCommit') : t(ctx, 'committed', formatCount(committed)));
  }
}

class PartitionRow {
  readonly root: HTMLTableRowElement;
  private readonly chip: HTMLSpanElement;
  private readonly track: HTMLDivElement;
  private readonly fill: HTMLDivElement;
  private readonly leoText: HTMLSpanElement;
  private readonly logCell: HTMLTableCellElement;
  private lanes: GroupLane[] = [];
  private laneKey = '';

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.chip = h(d, 'span', { class: 'pchip' });
    this.fill = h(d, 'div', { class: 'log-fill' });
    this.track = h(d, 'div', { class: 'track', 'aria-hidden': 'true' }, this.fill);
    this.leoText = h(d, 'span', { class: 'leo', 'data-testid': 'partition-leo' });
    this.logCell = h(d, 'td', { class: 'log-cell' }, this.track, this.leoText);
    this.root = h(d, 'tr', { class: 'partition-row', 'data-testid': 'partition-row' }, h(d, 'th', { scope: 'row', class: 'pcell' }, this.chip), this.logCell);
  }

  update(r: RowInput): void {
    const ctx = this.ctx;
    const { input } = r;
    const color = String(partitionColor(input.topicIndex, r.partition));
    setAttr(this.root, 'data-partition', r.partition);
    setAttr(this.root, 'data-topic', input.topic.name);
    setClassWithPrefix(this.root, 'pc-', color);
    setText(this.chip, t(ctx, 'partitionShort', r.partition));
    setAttr(this.chip, 'title', t(ctx, 'partitionName', r.partition));
    setAttr(this.logCell, 'aria-label', t(ctx, 'partitionRowLabel', r.partition, input.topic.name, formatCount(r.logEndOffset)));
    setVar(this.fill, '--l', frac(r.logEndOffset, r.maxLeo));
    setText(this.leoText, t(ctx, 'logEnd', formatCount(r.logEndOffset)));
    setAttr(this.leoText, 'data-leo', String(r.logEndOffset));
    const key = input.groups.map((g) => g.groupId).join('\u0000');
    if (key !== this.laneKey) {
      for (const l of this.lanes) {
        l.lane.remove();
        l.cell.remove();
      }
      this.lanes = input.groups.map((g) => new GroupLane(ctx, g.groupId));
      for (const l of this.lanes) {
        this.track.appendChild(l.lane);
        this.root.appendChild(l.cell);
      }
      this.laneKey = key;
    }
    input.groups.forEach((g, i) => this.lanes[i]!.update(ctx, input.byGroup.get(g.groupId)?.get(r.partition), r.logEndOffset, r.maxLeo));
  }
}

class HeatStrip {
  readonly root: HTMLDivElement;
  private readonly groupLabel: HTMLLabelElement;
  private readonly groupSelect: HTMLSelectElement;
  private readonly groupField: HTMLDivElement;
  private readonly cells: HTMLDivElement;
  private readonly summary: HTMLParagraphElement;
  private readonly legendLow: HTMLSpanElement;
  private readonly legendHigh: HTMLSpanElement;
  private readonly topSummary: HTMLElement;
  private readonly topList: HTMLOListElement;
  private readonly topDetails: HTMLDetailsElement;
  private cellEls: HTMLDivElement[] = [];
  private groupKey = '';
  private last: { parts: ReadonlyMap<number, GroupPartitionSnapshot> | undefined } = { parts: undefined };

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    const id = `heat-group-${Math.random().toString(36).slice(2, 8)}`;
    this.groupLabel = h(d, 'label', { for: id, class: 'inline-label' });
    this.groupSelect = h(d, 'select', { id, class: 'select', 'data-testid': 'heat-group' });
    this.groupSelect.addEventListener('change', () => {
      ctx.ui.selectedGroup = this.groupSelect.value;
      ctx.uiChanged();
    });
    this.groupField = h(d, 'div', { class: 'heat-group' }, this.groupLabel, this.groupSelect);
    this.cells = h(d, 'div', { class: 'heat-cells', role: 'img', 'data-testid': 'heat-cells' });
    // A cell's tooltip is filled in when the pointer reaches it (not for 1,000 cells on every update).
    this.cells.addEventListener('mouseover', (ev) => {
      const i = this.cellEls.indexOf(ev.target as HTMLDivElement);
      if (i < 0) return;
      const p = this.last.parts?.get(i);
      setAttr(this.cellEls[i]!, 'title', t(ctx, 'heatCell', i, formatCount(p?.lag ?? 0), p?.owner ?? t(ctx, 'unassigned')));
    });
    this.legendLow = h(d, 'span');
    this.legendHigh = h(d, 'span');
    this.summary = h(d, 'p', { class: 'heat-summary', 'data-testid': 'heat-summary' });
    this.topSummary = h(d, 'summary');
    this.topList = h(d, 'ol', { class: 'heat-top', 'data-testid': 'heat-top' });
    this.topDetails = h(d, 'details', { class: 'details' }, this.topSummary, this.topList);
    this.root = h(
      d,
      'div',
      { class: 'heat', 'data-testid': 'heat-strip' },
      this.groupField,
      this.cells,
      h(d, 'div', { class: 'heat-legend', 'aria-hidden': 'true' }, this.legendLow, h(d, 'span', { class: 'heat-gradient' }), this.legendHigh),
      this.summary,
      this.topDetails,
    );
  }

  update(input: TopicModel): void {
    const ctx = this.ctx;
    const d = ctx.doc;
    const groups = input.groups;
    const key = groups.map((g) => g.groupId).join('\u0000');
    if (key !== this.groupKey) {
      this.groupSelect.replaceChildren(...groups.map((g) => h(d, 'option', { value: g.groupId }, g.groupId)));
      this.groupKey = key;
    }
    setHidden(this.groupField, groups.length < 2);
    setText(this.groupLabel, t(ctx, 'heatStripGroup'));
    const groupId = input.heatGroup && groups.some((g) => g.groupId === input.heatGroup) ? input.heatGroup : (groups[0]?.groupId ?? null);
    if (groupId !== null && this.groupSelect.value !== groupId) this.groupSelect.value = groupId;
    const parts = groupId === null ? undefined : input.byGroup.get(groupId);
    const n = input.topic.partitions.length;
    while (this.cellEls.length < n) {
      const c = h(d, 'div', { class: 'heat-cell' });
      this.cellEls.push(c);
      this.cells.appendChild(c);
    }
    while (this.cellEls.length > n) this.cellEls.pop()!.remove();
    const strip = heatStrip(n, parts);
    strip.cells.forEach((cell, i) => {
      const c = this.cellEls[i]!;
      setClassWithPrefix(c, 'lvl-', String(cell.level));
      toggleClass(c, 'unowned', cell.unowned);
    });
    this.last = { parts };
    const summary = t(ctx, 'heatStripSummary', formatCount(n), formatCount(strip.unowned), formatCount(strip.maxLag), strip.maxAt);
    setText(this.summary, summary);
    setAttr(this.cells, 'aria-label', summary);
    setText(this.legendLow, t(ctx, 'heatLegendLow'));
    setText(this.legendHigh, t(ctx, 'heatLegendHigh'));
    setText(this.topSummary, t(ctx, 'heatTopHeading'));
    if (this.topDetails.open || this.topList.childElementCount === 0) {
      const top = mostLagging(n, parts, HEAT_TOP);
      while (this.topList.childElementCount < top.length) this.topList.appendChild(h(d, 'li'));
      while (this.topList.childElementCount > top.length) this.topList.lastElementChild!.remove();
      top.forEach(([p, lag], i) => setText(this.topList.children[i]!, t(ctx, 'heatCell', p, formatCount(lag), parts?.get(p)?.owner ?? t(ctx, 'unassigned'))));
    }
  }
}

export class TopicView {
  readonly root: HTMLDivElement;
  private readonly name: HTMLSpanElement;
  private readonly summary: HTMLSpanElement;
  private readonly table: HTMLTableElement;
  private readonly headRow: HTMLTableRowElement;
  private readonly colPartition: HTMLTableCellElement;
  private readonly colLog: HTMLTableCellElement;
  private readonly rows: KeyedList<RowInput, PartitionRow>;
  private readonly tableWrap: HTMLDivElement;
  private heat: HeatStrip | null = null;
  private groupHeads: HTMLTableCellElement[] = [];
  private headKey = '';

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.name = h(d, 'span', { class: 'topic-name' });
    this.summary = h(d, 'span', { class: 'muted topic-summary', 'data-testid': 'topic-summary' });
    this.colPartition = h(d, 'th', { scope: 'col', class: 'pcell' });
    this.colLog = h(d, 'th', { scope: 'col', class: 'log-head' });
    this.headRow = h(d, 'tr', {}, this.colPartition, this.colLog);
    const body = h(d, 'tbody');
    this.rows = new KeyedList(body, (r) => String(r.partition), () => new PartitionRow(ctx));
    this.table = h(d, 'table', { class: 'partition-table', 'data-testid': 'partition-table' }, h(d, 'thead', {}, this.headRow), body);
    this.tableWrap = h(d, 'div', { class: 'table-wrap' }, this.table);
    this.root = h(d, 'div', { class: 'topic', 'data-testid': 'topic' }, h(d, 'h3', { class: 'topic-title' }, icon(d, 'database'), this.name, this.summary), this.tableWrap);
  }

  update(input: TopicModel): void {
    const ctx = this.ctx;
    const { topic } = input;
    setAttr(this.root, 'data-topic', topic.name);
    setText(this.name, topic.name);
    setText(this.summary, t(ctx, 'topicSummary', formatCount(topic.partitions.length), formatCount(input.totalLogEnd)));
    const useHeat = topic.partitions.length > HEAT_STRIP_THRESHOLD;
    setHidden(this.tableWrap, useHeat);
    if (useHeat) {
      if (!this.heat) {
        this.heat = new HeatStrip(ctx);
        this.root.appendChild(this.heat.root);
      }
      setHidden(this.heat.root, false);
      this.heat.update(input);
      if (this.rows.size > 0) this.rows.sync([]);
      return;
    }
    if (this.heat) setHidden(this.heat.root, true);
    setText(this.colPartition, t(ctx, 'colPartition'));
    setText(this.colLog, t(ctx, 'colLog'));
    const key = input.groups.map((g) => g.groupId).join('\u0000');
    if (key !== this.headKey) {
      for (const c of this.groupHeads) c.remove();
      this.groupHeads = input.groups.map((g) => h(ctx.doc, 'th', { scope: 'col', class: 'group-col', 'data-group': g.groupId }, g.groupId));
      for (const c of this.groupHeads) this.headRow.appendChild(c);
      this.headKey = key;
    }
    this.rows.sync(topic.partitions.map((p) => ({ partition: p.partition, logEndOffset: p.logEndOffset, maxLeo: input.maxLogEnd, input })));
  }
}

export class TopicsSection {
  readonly root: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly empty: HTMLParagraphElement;
  private readonly topics: KeyedList<TopicModel, TopicView>;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.heading = h(d, 'h2', { id: 'topics-heading', class: 'section-title' });
    this.empty = h(d, 'p', { class: 'muted' });
    this.topics = new KeyedList(h(d, 'div', { class: 'topics' }), (i) => i.topic.name, () => new TopicView(ctx));
    this.root = h(d, 'section', { class: 'section topics-section', 'aria-labelledby': 'topics-heading', 'data-testid': 'topics' }, this.heading, this.empty, this.topics.container);
  }

  update(inputs: readonly TopicModel[]): void {
    setText(this.heading, t(this.ctx, 'topicsHeading'));
    setText(this.empty, t(this.ctx, 'noTopics'));
    setHidden(this.empty, inputs.length > 0);
    this.topics.sync(inputs);
  }
}
