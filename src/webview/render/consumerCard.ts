/**
 * One consumer: its state, the partitions it reads (chips in the partitions' colours), a heartbeat
 * pulse, a session-timeout countdown when heartbeats stop, and its actions (stop, crash, stall,
 * restart) as icon buttons.
 */
import type { ConsumerSnapshot, MemberSnapshot } from '../../sim';
import { partitionColor } from '../colors';
import { h, icon, setAttr, setClassWithPrefix, setHidden, setText, setVar, toggleClass, uid } from '../dom';
import { formatCount } from '../format';
import { dur, RenderContext, t } from './context';

/** Chips shown per card before "+N more". */
export const MAX_CHIPS = 16;
/** How long a revoked chip stays (fading out) before it is removed, when motion is allowed. */
export const CHIP_LEAVE_MS = 350;

export interface CardInput {
  readonly consumer: ConsumerSnapshot;
  /** The coordinator's member for this consumer, if it is one. */
  readonly member: MemberSnapshot | undefined;
  readonly leader: boolean;
  readonly topicIndex: ReadonlyMap<string, number>;
}

/**
 * Silence after which the card shows the session countdown: a heartbeat is due every
 * heartbeat.interval.ms (default 3 s, and at most a third of the session timeout is recommended),
 * so a longer silence means heartbeats stopped.
 */
export function silentAfterMs(member: MemberSnapshot): number {
  return Math.min(member.sessionTimeoutMs / 3, 3000) + 500;
}

type ConsumerState = 'running' | 'idle' | 'stalled' | 'joining' | 'unjoined' | 'stopped' | 'crashed';

export function consumerState(c: ConsumerSnapshot): ConsumerState {
  if (c.status === 'crashed') return 'crashed';
  if (c.status === 'stopped') return 'stopped';
  if (c.stalledForMs > 0) return 'stalled';
  if (c.membership === 'joining') return 'joining';
  if (c.membership === 'unjoined') return 'unjoined';
  if (c.idle) return 'idle';
  return 'running';
}

const STATE_ICON: Record<ConsumerState, string> = {
  running: 'pass',
  idle: 'circle-slash',
  stalled: 'watch',
  joining: 'sync',
  unjoined: 'circle-outline',
  stopped: 'debug-stop',
  crashed: 'error',
};

class ChipList {
  readonly root: HTMLDivElement;
  private readonly chips = new Map<string, HTMLSpanElement>();
  private readonly more: HTMLSpanElement;
  private readonly empty: HTMLSpanElement;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.more = h(d, 'span', { class: 'chip more' });
    this.empty = h(d, 'span', { class: 'chips-empty muted' });
    this.root = h(d, 'div', { class: 'chips', 'data-testid': 'consumer-partitions' }, this.empty, this.more);
  }

  update(assigned: ConsumerSnapshot['assigned'], topicIndex: ReadonlyMap<string, number>, multiTopic: boolean): void {
    const ctx = this.ctx;
    const sorted = [...assigned].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    const shown = sorted.slice(0, MAX_CHIPS);
    const keep = new Set<string>();
    let cursor: Element | null = this.root.firstElementChild;
    for (const a of shown) {
      const key = `${a.topic}-${a.partition}`;
      keep.add(key);
      let chip = this.chips.get(key);
      if (!chip || chip.classList.contains('chip-leave')) {
        chip?.remove();
        chip = h(ctx.doc, 'span', { class: 'chip chip-enter', 'data-testid': 'partition-chip', 'data-partition': a.partition, 'data-topic': a.topic });
        setClassWithPrefix(chip, 'pc-', String(partitionColor(topicIndex.get(a.topic) ?? 0, a.partition)));
        this.chips.set(key, chip);
      }
      setText(chip, multiTopic ? `${a.topic}·${t(ctx, 'partitionShort', a.partition)}` : t(ctx, 'partitionShort', a.partition));
      setAttr(chip, 'title', `${key} @ ${formatCount(a.position)}`);
      // Skip chips that are fading out when looking for the insertion point.
      while (cursor && cursor !== this.empty && cursor !== this.more && cursor.classList.contains('chip-leave')) cursor = cursor.nextElementSibling;
      if (chip === cursor) cursor = cursor.nextElementSibling;
      else this.root.insertBefore(chip, cursor ?? this.empty);
    }
    for (const [key, chip] of this.chips) {
      if (keep.has(key)) continue;
      if (chip.classList.contains('chip-leave')) continue;
      if (ctx.reducedMotion()) {
        chip.remove();
        this.chips.delete(key);
      } else {
        chip.classList.remove('chip-enter');
        chip.classList.add('chip-leave');
        setAttr(chip, 'aria-hidden', 'true');
        const win = ctx.doc.defaultView;
        const done = (): void => {
          if (this.chips.get(key) === chip) this.chips.delete(key);
          chip.remove();
        };
        if (win) win.setTimeout(done, CHIP_LEAVE_MS);
        else done();
      }
    }
    const hiddenCount = sorted.length - shown.length;
    setText(this.more, t(ctx, 'morePartitions', formatCount(hiddenCount)));
    setHidden(this.more, hiddenCount <= 0);
    setText(this.empty, t(ctx, 'noPartitions'));
    setHidden(this.empty, sorted.length > 0);
  }
}

export class ConsumerCard {
  readonly root: HTMLElement;
  private readonly name: HTMLHeadingElement;
  private readonly stateIcon: HTMLSpanElement;
  private readonly stateText: HTMLSpanElement;
  private readonly stateBadge: HTMLSpanElement;
  private readonly idleBadge: HTMLSpanElement;
  private readonly idleText: HTMLSpanElement;
  private readonly leaderBadge: HTMLSpanElement;
  private readonly leaderText: HTMLSpanElement;
  private readonly standaloneBadge: HTMLSpanElement;
  private readonly chips: ChipList;
  private readonly heart: HTMLSpanElement;
  private readonly heartText: HTMLSpanElement;
  private readonly heartbeat: HTMLDivElement;
  private readonly session: HTMLDivElement;
  private readonly sessionFill: HTMLDivElement;
  private readonly sessionText: HTMLSpanElement;
  private readonly rate: HTMLSpanElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly crashButton: HTMLButtonElement;
  private readonly stallButton: HTMLButtonElement;
  private readonly restartButton: HTMLButtonElement;
  private clientId = '';
  private lastSinceHeartbeat: number | null = null;
  private beatPhase = false;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    const nameId = uid('consumer');
    this.name = h(d, 'h4', { id: nameId, class: 'card-title', 'data-testid': 'consumer-name' });
    this.stateIcon = icon(d, 'pass');
    this.stateText = h(d, 'span', { 'data-testid': 'consumer-status' });
    this.stateBadge = h(d, 'span', { class: 'state-pill' }, this.stateIcon, this.stateText);
    this.idleText = h(d, 'span');
    this.idleBadge = h(d, 'span', { class: 'badge idle-badge', 'data-testid': 'idle-badge', hidden: true }, icon(d, 'circle-slash'), this.idleText);
    this.leaderText = h(d, 'span');
    this.leaderBadge = h(d, 'span', { class: 'badge leader-badge', 'data-testid': 'leader-badge', hidden: true }, icon(d, 'star-full'), this.leaderText);
    this.standaloneBadge = h(d, 'span', { class: 'badge', hidden: true });
    this.chips = new ChipList(ctx);
    this.heart = icon(d, 'heart', 'heart');
    this.heartText = h(d, 'span', { 'data-testid': 'consumer-heartbeat' });
    this.heartbeat = h(d, 'div', { class: 'heartbeat' }, this.heart, this.heartText);
    this.sessionFill = h(d, 'div', { class: 'session-fill' });
    this.sessionText = h(d, 'span', { class: 'session-text', 'data-testid': 'session-countdown' });
    this.session = h(d, 'div', { class: 'session', hidden: true }, h(d, 'div', { class: 'session-bar', 'aria-hidden': 'true' }, this.sessionFill), this.sessionText);
    this.rate = h(d, 'span', { class: 'muted rate' });
    const action = (testid: string, codicon: string, onClick: () => void): HTMLButtonElement => {
      const b = h(d, 'button', { type: 'button', class: 'icon-button', 'data-testid': testid }, icon(d, codicon));
      b.addEventListener('click', onClick);
      return b;
    };
    this.stopButton = action('consumer-stop', 'debug-stop', () => ctx.post({ type: 'action', action: { action: 'stop-consumer', consumer: this.clientId } }));
    this.crashButton = action('consumer-crash', 'flame', () => ctx.post({ type: 'action', action: { action: 'crash-consumer', consumer: this.clientId } }));
    this.stallButton = action('consumer-stall', 'watch', () => ctx.post({ type: 'action', action: { action: 'stall-consumer', consumer: this.clientId, duration: ctx.ui.stallMs } }));
    this.restartButton = action('consumer-restart', 'debug-restart', () => ctx.post({ type: 'action', action: { action: 'restart-consumer', consumer: this.clientId } }));
    this.root = h(
      d,
      'article',
      { class: 'card', 'data-testid': 'consumer-card', 'aria-labelledby': nameId },
      h(d, 'div', { class: 'card-head' }, this.name, h(d, 'span', { class: 'spacer' }), this.stateBadge),
      h(d, 'div', { class: 'card-badges' }, this.leaderBadge, this.standaloneBadge, this.idleBadge),
      this.chips.root,
      this.heartbeat,
      this.session,
      h(d, 'div', { class: 'card-foot' }, this.rate, h(d, 'span', { class: 'spacer' }), h(d, 'div', { class: 'card-actions', role: 'group' }, this.stopButton, this.crashButton, this.stallButton, this.restartButton)),
    );
  }

  update(input: CardInput): void {
    const ctx = this.ctx;
    const c = input.consumer;
    const m = input.member;
    this.clientId = c.clientId;
    const state = consumerState(c);
    setAttr(this.root, 'data-client', c.clientId);
    setAttr(this.root, 'data-status', c.status);
    setAttr(this.root, 'data-state', state);
    setAttr(this.root, 'data-idle', c.idle ? 'true' : 'false');
    setClassWithPrefix(this.root, 'state-', state);
    setText(this.name, c.clientId);
    const stateLabel =
      state === 'crashed' ? t(ctx, 'consumerCrashed')
      : state === 'stopped' ? t(ctx, 'consumerStopped')
      : state === 'stalled' ? t(ctx, 'stalled', dur(ctx, c.stalledForMs))
      : state === 'joining' ? t(ctx, 'membershipJoining')
      : state === 'unjoined' ? t(ctx, 'membershipUnjoined')
      : t(ctx, 'consumerRunning');
    setText(this.stateText, stateLabel);
    const iconClass = `codicon codicon-${STATE_ICON[state === 'idle' ? 'running' : state]}`;
    if (this.stateIcon.className !== iconClass) this.stateIcon.className = iconClass;
    setText(this.idleText, t(ctx, 'idle'));
    setAttr(this.idleBadge, 'title', t(ctx, 'idleTitle'));
    setHidden(this.idleBadge, !c.idle);
    setText(this.leaderText, t(ctx, 'leader'));
    setHidden(this.leaderBadge, !input.leader);
    setText(this.standaloneBadge, t(ctx, 'standalone'));
    setHidden(this.standaloneBadge, !c.standalone);
    const multiTopic = input.topicIndex.size > 1;
    this.chips.update(c.assigned, input.topicIndex, multiTopic);

    // Heartbeats: a pulse whenever the time since the last one went down (a new one was sent).
    const alive = c.status === 'running' && !c.standalone;
    setHidden(this.heartbeat, !alive);
    if (alive) {
      setText(this.heartText, t(ctx, 'heartbeatAgo', dur(ctx, c.sinceHeartbeatMs)));
      setAttr(this.heart, 'title', t(ctx, 'heartbeatLabel'));
      if (this.lastSinceHeartbeat !== null && c.sinceHeartbeatMs < this.lastSinceHeartbeat && !ctx.reducedMotion()) {
        // Two classes with the same keyframes under different names: switching restarts the
        // animation without forcing a synchronous layout.
        this.beatPhase = !this.beatPhase;
        this.heart.classList.remove('beat', 'beat-alt');
        this.heart.classList.add(this.beatPhase ? 'beat' : 'beat-alt');
      }
    }
    this.lastSinceHeartbeat = alive ? c.sinceHeartbeatMs : null;

    // Session countdown: the coordinator's view of a member whose heartbeats stopped.
    const silent = m !== undefined && m.sinceHeartbeatMs > silentAfterMs(m);
    setHidden(this.session, !silent);
    if (silent && m) {
      setVar(this.sessionFill, '--f', (m.sessionTimeoutMs > 0 ? m.sessionExpiresInMs / m.sessionTimeoutMs : 0).toFixed(4));
      setText(this.sessionText, m.sessionExpiresInMs > 0 ? t(ctx, 'sessionExpiresIn', dur(ctx, m.sessionExpiresInMs)) : t(ctx, 'sessionExpired'));
      toggleClass(this.session, 'urgent', m.sessionExpiresInMs < m.sessionTimeoutMs / 4);
    }
    setText(this.rate, t(ctx, 'consumerRate', formatCount(c.ratePerSec)));

    const running = c.status === 'running';
    const label = (b: HTMLButtonElement, text: string, enabled: boolean): void => {
      setAttr(b, 'aria-label', text);
      setAttr(b, 'title', text);
      if (b.disabled === enabled) b.disabled = !enabled;
    };
    label(this.stopButton, t(ctx, 'stopConsumer', c.clientId), running);
    label(this.crashButton, t(ctx, 'crashConsumer', c.clientId), running);
    label(this.stallButton, t(ctx, 'stallConsumer', c.clientId, dur(ctx, ctx.ui.stallMs)), running && c.stalledForMs === 0);
    label(this.restartButton, t(ctx, 'restartConsumer', c.clientId), !running);
  }
}
