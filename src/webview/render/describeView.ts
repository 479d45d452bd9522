/**
 * The describe table exactly as `kafka-consumer-groups.sh --describe --group G` prints it, in a
 * monospace block, with the tool's notice (stderr) and a button that opens it as a document.
 * The text is computed only while the block is open.
 */
import type { GroupSnapshot, SimSnapshot } from '../../sim';
import { describeGroupFromSnapshot } from '../describeTable';
import { h, icon, setAttr, setHidden, setText } from '../dom';
import { HEAT_STRIP_THRESHOLD } from './partitions';
import { RenderContext, t } from './context';

export class DescribeView {
  readonly root: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly command: HTMLElement;
  private readonly pre: HTMLPreElement;
  private readonly notice: HTMLParagraphElement;
  private readonly open: HTMLButtonElement;
  private readonly openText: HTMLSpanElement;
  private groupId = '';
  private initialised = false;
  private last: { snap: SimSnapshot; group: GroupSnapshot } | null = null;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.summary = h(d, 'summary', { 'data-testid': 'describe-toggle' });
    this.command = h(d, 'code', { class: 'describe-command' });
    this.pre = h(d, 'pre', { class: 'describe-text', 'data-testid': 'describe-text', tabindex: 0 });
    this.notice = h(d, 'p', { class: 'describe-notice', 'data-testid': 'describe-notice' });
    this.openText = h(d, 'span');
    this.open = h(d, 'button', { type: 'button', class: 'button secondary', 'data-testid': 'open-describe' }, icon(d, 'go-to-file'), this.openText);
    this.open.addEventListener('click', () => ctx.post({ type: 'open-describe', group: this.groupId }));
    this.root = h(
      d,
      'details',
      { class: 'details describe', 'data-testid': 'describe' },
      this.summary,
      h(d, 'div', { class: 'describe-head' }, this.command, this.open),
      this.notice,
      this.pre,
    );
    this.root.addEventListener('toggle', () => {
      if (this.last) this.render(this.last.snap, this.last.group);
    });
  }

  update(snap: SimSnapshot, group: GroupSnapshot): void {
    if (!this.initialised) {
      // Open by default in the panel for small groups; the sidebar keeps it closed.
      this.root.open = this.ctx.view === 'panel' && group.partitions.length <= HEAT_STRIP_THRESHOLD;
      this.initialised = true;
    }
    this.last = { snap, group };
    this.render(snap, group);
  }

  private render(snap: SimSnapshot, group: GroupSnapshot): void {
    const ctx = this.ctx;
    this.groupId = group.groupId;
    setText(this.summary, t(ctx, 'describeHeading'));
    setText(this.openText, t(ctx, 'openDescribe'));
    setAttr(this.open, 'title', t(ctx, 'openDescribeTitle', group.groupId));
    setText(this.command, t(ctx, 'describeCommand', group.groupId));
    if (!this.root.open) return;
    const out = describeGroupFromSnapshot(snap, group.groupId);
    setText(this.pre, out.text);
    setHidden(this.pre, out.text === '');
    setText(this.notice, out.notice ?? '');
    setHidden(this.notice, out.notice === undefined);
  }
}
