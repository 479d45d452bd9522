/**
 * The partitions a consumer reads, as chips in the partitions' colours: one list for consumer
 * groups' and share groups' cards. Chips come sorted by topic and number (viewModel's chipModels),
 * are updated in place, and stop at a limit with "+N more"; a consumer group's chips fade in and
 * out as a rebalance moves them (not when motion is reduced).
 */
import { h, setAttr, setClassWithPrefix, setHidden, setText } from '../dom';
import { formatCount } from '../format';
import type { ChipModel } from '../viewModel';
import { RenderContext, t } from './context';

/** How long a revoked chip stays (fading out) before it is removed, when motion is allowed. */
export const CHIP_LEAVE_MS = 350;

/** A partition's short label: `P2`, or `orders·P2` when the snapshot has several topics. */
export function partitionLabel(ctx: RenderContext, tp: { readonly topic: string; readonly partition: number }, multiTopic: boolean): string {
  return multiTopic ? `${tp.topic}·${t(ctx, 'partitionShort', tp.partition)}` : t(ctx, 'partitionShort', tp.partition);
}

/** What differs between the cards' chips: test ids, motion, limit, and the chip's content. */
export interface ChipKind<Parts> {
  readonly listTestid: string;
  readonly chipTestid: string;
  /** Fade chips in and out as the assignment changes; without it they come and go at once. */
  readonly animate: boolean;
  /** Chips shown before "+N more"; undefined shows them all. */
  readonly limit?: number;
  /** Builds a new chip's inner elements, once per chip. */
  create(ctx: RenderContext, chip: HTMLSpanElement): Parts;
  /** Shows `model` in the chip: its text, title and marks. */
  update(ctx: RenderContext, chip: HTMLSpanElement, parts: Parts, model: ChipModel): void;
}

export class PartitionChips<Parts> {
  readonly root: HTMLDivElement;
  private readonly chips = new Map<string, { chip: HTMLSpanElement; parts: Parts }>();
  private readonly more: HTMLSpanElement | null;
  private readonly empty: HTMLSpanElement;

  constructor(private readonly ctx: RenderContext, private readonly kind: ChipKind<Parts>) {
    const d = ctx.doc;
    this.empty = h(d, 'span', { class: 'chips-empty muted' });
    this.more = kind.limit === undefined ? null : h(d, 'span', { class: 'chip more' });
    this.root = h(d, 'div', { class: 'chips', 'data-testid': kind.listTestid }, this.empty, this.more);
  }

  update(models: readonly ChipModel[]): void {
    const ctx = this.ctx;
    const kind = this.kind;
    const shown = kind.limit === undefined ? models : models.slice(0, kind.limit);
    const keep = new Set<string>();
    let cursor: Element | null = this.root.firstElementChild;
    for (const model of shown) {
      keep.add(model.name);
      let entry = this.chips.get(model.name);
      if (!entry || entry.chip.classList.contains('chip-leave')) {
        entry?.chip.remove();
        const chip = h(ctx.doc, 'span', { class: kind.animate ? 'chip chip-enter' : 'chip', 'data-testid': kind.chipTestid, 'data-partition': model.partition, 'data-topic': model.topic });
        entry = { chip, parts: kind.create(ctx, chip) };
        setClassWithPrefix(chip, 'pc-', String(model.colour));
        this.chips.set(model.name, entry);
      }
      kind.update(ctx, entry.chip, entry.parts, model);
      // Skip chips that are fading out when looking for the insertion point.
      while (cursor && cursor !== this.empty && cursor !== this.more && cursor.classList.contains('chip-leave')) cursor = cursor.nextElementSibling;
      if (entry.chip === cursor) cursor = cursor.nextElementSibling;
      else this.root.insertBefore(entry.chip, cursor ?? this.empty);
    }
    for (const [name, { chip }] of this.chips) {
      if (keep.has(name) || chip.classList.contains('chip-leave')) continue;
      if (!kind.animate || ctx.reducedMotion()) {
        chip.remove();
        this.chips.delete(name);
        continue;
      }
      chip.classList.remove('chip-enter');
      chip.classList.add('chip-leave');
      setAttr(chip, 'aria-hidden', 'true');
      const done = (): void => {
        if (this.chips.get(name)?.chip === chip) this.chips.delete(name);
        chip.remove();
      };
      const win = ctx.doc.defaultView;
      if (win) win.setTimeout(done, CHIP_LEAVE_MS);
      else done();
    }
    if (this.more) {
      const hiddenCount = models.length - shown.length;
      setText(this.more, t(ctx, 'morePartitions', formatCount(hiddenCount)));
      setHidden(this.more, hiddenCount <= 0);
    }
    setText(this.empty, t(ctx, 'noPartitions'));
    setHidden(this.empty, models.length > 0);
  }
}
