/**
 * The webview application: receives host messages (validated), keeps the store, and renders the
 * view incrementally, at most once per animation frame. Everything it needs from the browser is
 * passed in (the root element, the host API, the frame scheduler), so tests run it in happy-dom.
 */
import type { HostMessage, ViewKind, WebviewMessage } from '../protocol/messages';
import { checkHostMessage } from '../protocol/messageChecks';
import type { SimEvent, SimSnapshot } from '../sim';
import { h, icon, setHidden, setText, toggleClass } from './dom';
import type { Host } from './host';
import { ComparisonView } from './render/comparison';
import { RenderContext, t } from './render/context';
import { ClusterControls, Toolbar } from './render/controls';
import { GroupsSection } from './render/groups';
import { TopicsSection } from './render/partitions';
import { ShareGroupsSection } from './render/shareGroups';
import { Timeline } from './render/timeline';
import { Store } from './store';
import { restoreUiState, UiState } from './uiState';
import { viewModel } from './viewModel';

export interface AppOptions {
  readonly root: HTMLElement;
  readonly host: Host;
  /** Runs `callback` before the next paint (requestAnimationFrame); tests pass their own. */
  readonly schedule?: (callback: () => void) => void;
  readonly log?: Pick<Console, 'error'>;
}

const MAX_NOTICES = 3;

export class App {
  readonly store = new Store();
  readonly view: ViewKind;
  readonly ui: UiState;
  private readonly root: HTMLElement;
  private readonly doc: Document;
  private readonly host: Host;
  private readonly schedule: (callback: () => void) => void;
  private readonly log: Pick<Console, 'error'>;
  private readonly ctx: RenderContext;
  private readonly waiting: HTMLParagraphElement;
  private readonly notices: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private readonly layout: HTMLElement;
  private readonly toolbar: Toolbar;
  private readonly topics: TopicsSection;
  private readonly groups: GroupsSection;
  private readonly cluster: ClusterControls;
  private readonly timeline: Timeline;
  private readonly shareGroups: ShareGroupsSection;
  readonly compare: ComparisonView | null;
  private pending = false;
  private announcements: string[] = [];
  private restoredScroll = false;

  constructor(opts: AppOptions) {
    this.root = opts.root;
    this.doc = opts.root.ownerDocument;
    this.host = opts.host;
    this.log = opts.log ?? console;
    const win = this.doc.defaultView;
    this.schedule = opts.schedule ?? ((cb) => (win?.requestAnimationFrame ? win.requestAnimationFrame(() => cb()) : setTimeout(cb, 16)));
    this.view = this.root.dataset.view === 'sidebar' ? 'sidebar' : 'panel';
    this.ui = restoreUiState(this.host.getState());
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the render context's getters read the live app
    const app = this;
    this.ctx = {
      doc: this.doc,
      view: this.view,
      strings: this.store.strings,
      ui: this.ui,
      post: (m: WebviewMessage) => app.host.post(m),
      uiChanged: () => app.uiChanged(),
      reducedMotion: () => app.reducedMotion(),
    };
    const d = this.doc;
    this.waiting = h(d, 'p', { class: 'waiting', 'data-testid': 'waiting' }, icon(d, 'loading', 'codicon-modifier-spin'), h(d, 'span', {}, t(this.ctx, 'waiting')));
    this.notices = h(d, 'div', { class: 'notices', 'data-testid': 'notices' });
    this.live = h(d, 'div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-testid': 'live-region' });
    this.compare = this.view === 'panel' ? new ComparisonView(this.ctx) : null;
    this.toolbar = new Toolbar(this.ctx, this.compare ? () => this.compare?.request() : undefined);
    this.shareGroups = new ShareGroupsSection(this.ctx);
    this.topics = new TopicsSection(this.ctx);
    this.groups = new GroupsSection(this.ctx, this.store);
    this.cluster = new ClusterControls(this.ctx);
    this.timeline = new Timeline(this.ctx, this.store);
    this.layout =
      this.view === 'panel'
        ? h(d, 'main', { class: 'layout layout-panel' }, h(d, 'div', { class: 'col col-left' }, this.topics.root, this.cluster.root, this.timeline.root), h(d, 'div', { class: 'col col-right' }, this.groups.root, this.shareGroups.root))
        : h(d, 'main', { class: 'layout layout-sidebar' }, this.topics.root, this.groups.root, this.shareGroups.root, this.cluster.root, this.timeline.root);
    setHidden(this.layout, true);
    this.toolbar.root.hidden = true;
    this.root.classList.add('kafka-lab', `view-${this.view}`);
    this.root.replaceChildren(this.toolbar.root, this.notices, this.live, this.waiting, ...(this.compare ? [this.compare.root] : []), this.layout);
    win?.addEventListener('scroll', () => this.onScroll(), { passive: true });
  }

  /** Tells the extension the view is ready for its `init`. */
  start(): void {
    this.host.post({ type: 'ready', view: this.view });
  }

  /** One message from the extension: validated, then applied; a malformed one is reported, not used. */
  receive(data: unknown): void {
    const checked = checkHostMessage(data);
    if (!checked.ok) {
      this.log.error(`Kafka Lab webview: ignored a malformed message: ${checked.message}`);
      this.notice(t(this.ctx, 'badMessage', checked.message), 'warning');
      return;
    }
    const msg: HostMessage = checked.value;
    if (msg.type === 'error') {
      this.notice(t(this.ctx, 'hostError', msg.message), 'error');
      return;
    }
    if (msg.type === 'comparison') {
      this.compare?.receive(msg);
      return;
    }
    this.store.apply(msg);
    this.ctx.strings = this.store.strings;
    this.collectAnnouncements(msg.events);
    this.requestRender();
  }

  /** Renders now if a render is pending (tests; the frame callback). */
  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.render();
  }

  requestRender(): void {
    if (this.pending) return;
    this.pending = true;
    this.schedule(() => this.flush());
  }

  reducedMotion(): boolean {
    const body = this.doc.body;
    if (body && body.classList.contains('vscode-reduce-motion')) return true;
    const win = this.doc.defaultView;
    try {
      return !!win?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    } catch {
      return false;
    }
  }

  private uiChanged(): void {
    this.persist();
    this.requestRender();
  }

  private persist(): void {
    this.host.setState({ ...this.ui });
  }

  private onScroll(): void {
    const y = this.doc.defaultView?.scrollY ?? 0;
    if (Math.abs(y - this.ui.scrollY) < 1) return;
    this.ui.scrollY = y;
    this.persist();
  }

  private notice(text: string, kind: 'error' | 'warning'): void {
    const d = this.doc;
    const message = h(d, 'span', { class: 'notice-text' }, text);
    const dismiss = h(d, 'button', { type: 'button', class: 'icon-button', 'aria-label': t(this.ctx, 'dismiss'), title: t(this.ctx, 'dismiss'), 'data-testid': 'notice-dismiss' }, icon(d, 'close'));
    const el = h(d, 'div', { class: `notice notice-${kind}`, role: 'alert', 'data-testid': `notice-${kind}` }, icon(d, kind === 'error' ? 'error' : 'warning'), message, dismiss);
    dismiss.addEventListener('click', () => el.remove());
    this.notices.appendChild(el);
    while (this.notices.childElementCount > MAX_NOTICES) this.notices.firstElementChild!.remove();
  }

  private collectAnnouncements(events: readonly SimEvent[]): void {
    for (const e of events) {
      if (e.type === 'rebalance-started') this.announcements.push(t(this.ctx, 'announceRebalanceStarted', e.group));
      else if (e.type === 'rebalance-completed') this.announcements.push(t(this.ctx, 'announceRebalanceCompleted', e.group, e.generation));
      else if (e.type === 'session-timed-out') this.announcements.push(t(this.ctx, 'announceSessionTimedOut', e.group, e.clientId));
    }
    // Only the latest few matter to a listener.
    if (this.announcements.length > 4) this.announcements.splice(0, this.announcements.length - 4);
  }

  private render(): void {
    const snap = this.store.snapshot;
    const status = this.store.status;
    if (!snap || !status) return;
    try {
      this.renderSnapshot(snap, status);
    } catch (err) {
      this.log.error('Kafka Lab webview: render failed', err);
      this.notice(t(this.ctx, 'badMessage', err instanceof Error ? err.message : String(err)), 'error');
    }
  }

  private renderSnapshot(snap: SimSnapshot, status: NonNullable<Store['status']>): void {
    toggleClass(this.root, 'reduce-motion', this.reducedMotion());
    setHidden(this.waiting, true);
    setHidden(this.layout, false);
    this.toolbar.root.hidden = false;
    this.toolbar.update(status, snap);

    const model = viewModel(snap, this.view, this.ui.selectedGroup);
    this.topics.update(model.topics);
    this.groups.update(snap.groups, model.groups, model.selectedGroup);
    this.shareGroups.update(model.shareGroups);
    this.compare?.render();
    this.cluster.update(snap);
    this.timeline.update();

    if (this.announcements.length > 0) {
      setText(this.live, this.announcements.join(' '));
      this.announcements = [];
    }
    if (!this.restoredScroll) {
      this.restoredScroll = true;
      const win = this.doc.defaultView;
      if (this.ui.scrollY > 0 && win) win.scrollTo(0, this.ui.scrollY);
    }
  }
}
