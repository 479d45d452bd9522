/**
 * A consumer group's consumer: the shared card (card.ts) with its badges (leader, standalone,
 * idle), the partitions it reads (fading in and out as rebalances move them), for a KIP-848
 * member that is still reconciling what it owns against its target assignment (partitions to
 * revoke struck through, partitions to receive marked), a heartbeat pulse, and a session-timeout
 * countdown when heartbeats stop.
 */
import { h, icon, setAttr, setHidden, setText, setVar, toggleClass } from '../dom';
import { formatCount } from '../format';
import type { ReconciliationModel } from '../reconciliation';
import type { ConsumerCardModel, ConsumerState } from '../viewModel';
import { CardFrame } from './card';
import { ChipKind, partitionLabel, PartitionChips } from './chips';
import { dur, RenderContext, t } from './context';

/** Chips shown per card before "+N more". */
export const MAX_CHIPS = 16;

const STATE_ICON: Record<ConsumerState, string> = {
  running: 'pass',
  // An idle consumer runs: the idle badge says the rest.
  idle: 'pass',
  stalled: 'watch',
  joining: 'sync',
  unjoined: 'circle-outline',
  stopped: 'debug-stop',
  crashed: 'error',
};

/** A chip shows the partition and, as its title, the offset the consumer reads at. */
const CONSUMER_CHIPS: ChipKind<undefined> = {
  listTestid: 'consumer-partitions',
  chipTestid: 'partition-chip',
  animate: true,
  limit: MAX_CHIPS,
  create: () => undefined,
  update(ctx, chip, _parts, model) {
    setText(chip, partitionLabel(ctx, model, model.multiTopic));
    setAttr(chip, 'title', `${model.name} @ ${formatCount(model.position ?? 0)}`);
  },
};

export class ConsumerCard {
  readonly root: HTMLElement;
  private readonly frame: CardFrame;
  private readonly idleBadge: HTMLSpanElement;
  private readonly idleText: HTMLSpanElement;
  private readonly leaderBadge: HTMLSpanElement;
  private readonly leaderText: HTMLSpanElement;
  private readonly standaloneBadge: HTMLSpanElement;
  private readonly chips: PartitionChips<undefined>;
  private readonly reconcile: HTMLDivElement;
  private readonly ownsLabel: HTMLSpanElement;
  private readonly targetLabel: HTMLSpanElement;
  private readonly ownsList: HTMLSpanElement;
  private readonly targetList: HTMLSpanElement;
  private readonly movesText: HTMLSpanElement;
  private readonly heart: HTMLSpanElement;
  private readonly heartText: HTMLSpanElement;
  private readonly heartbeat: HTMLDivElement;
  private readonly session: HTMLDivElement;
  private readonly sessionFill: HTMLDivElement;
  private readonly sessionText: HTMLSpanElement;
  private lastSinceHeartbeat: number | null = null;
  private beatPhase = false;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.idleText = h(d, 'span');
    this.idleBadge = h(d, 'span', { class: 'badge idle-badge', 'data-testid': 'idle-badge', hidden: true }, icon(d, 'circle-slash'), this.idleText);
    this.leaderText = h(d, 'span');
    this.leaderBadge = h(d, 'span', { class: 'badge leader-badge', 'data-testid': 'leader-badge', hidden: true }, icon(d, 'star-full'), this.leaderText);
    this.standaloneBadge = h(d, 'span', { class: 'badge', hidden: true });
    this.chips = new PartitionChips(ctx, CONSUMER_CHIPS);
    this.ownsList = h(d, 'span', { class: 'reconcile-list', 'data-testid': 'reconcile-owns' });
    this.targetList = h(d, 'span', { class: 'reconcile-list', 'data-testid': 'reconcile-target' });
    this.movesText = h(d, 'span', { class: 'reconcile-moves', 'data-testid': 'reconcile-moves' });
    this.ownsLabel = h(d, 'span', { class: 'reconcile-label' });
    this.targetLabel = h(d, 'span', { class: 'reconcile-label' });
    this.reconcile = h(
      d,
      'div',
      { class: 'reconcile', 'data-testid': 'consumer-reconcile', role: 'group', hidden: true },
      h(d, 'div', { class: 'reconcile-line' }, icon(d, 'arrow-swap'), this.ownsLabel, ' ', this.ownsList, h(d, 'span', { class: 'reconcile-sep' }, ' · '), this.targetLabel, ' ', this.targetList),
      this.movesText,
    );
    this.heart = icon(d, 'heart', 'heart');
    this.heartText = h(d, 'span', { 'data-testid': 'consumer-heartbeat' });
    this.heartbeat = h(d, 'div', { class: 'heartbeat' }, this.heart, this.heartText);
    this.sessionFill = h(d, 'div', { class: 'session-fill' });
    this.sessionText = h(d, 'span', { class: 'session-text', 'data-testid': 'session-countdown' });
    this.session = h(d, 'div', { class: 'session', hidden: true }, h(d, 'div', { class: 'session-bar', 'aria-hidden': 'true' }, this.sessionFill), this.sessionText);
    this.frame = new CardFrame(ctx, {
      testidPrefix: 'consumer',
      badges: [this.leaderBadge, this.standaloneBadge, this.idleBadge],
      chips: this.chips.root,
      body: [this.reconcile, this.heartbeat, this.session],
    });
    this.root = this.frame.root;
  }

  update(card: ConsumerCardModel): void {
    const ctx = this.ctx;
    const c = card.consumer;
    const state = card.state;
    const stateLabel =
      state === 'crashed' ? t(ctx, 'consumerCrashed')
      : state === 'stopped' ? t(ctx, 'consumerStopped')
      : state === 'stalled' ? t(ctx, 'stalled', dur(ctx, c.stalledForMs))
      : state === 'joining' ? t(ctx, 'membershipJoining')
      : state === 'unjoined' ? t(ctx, 'membershipUnjoined')
      : t(ctx, 'consumerRunning');
    const running = c.status === 'running';
    this.frame.update({ clientId: c.clientId, status: c.status, state, look: state, stateLabel, stateIcon: STATE_ICON[state], ratePerSec: c.ratePerSec, running, stalled: c.stalledForMs > 0 });
    setAttr(this.root, 'data-idle', c.idle ? 'true' : 'false');
    setText(this.idleText, t(ctx, 'idle'));
    setAttr(this.idleBadge, 'title', t(ctx, 'idleTitle'));
    setHidden(this.idleBadge, !c.idle);
    setText(this.leaderText, t(ctx, 'leader'));
    setHidden(this.leaderBadge, !card.leader);
    setText(this.standaloneBadge, t(ctx, 'standalone'));
    setHidden(this.standaloneBadge, !c.standalone);
    this.chips.update(card.chips);
    this.updateReconciliation(card);

    // Heartbeats: a pulse whenever the time since the last one went down (a new one was sent).
    const alive = running && !c.standalone;
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
    const session = card.session;
    setHidden(this.session, session === undefined);
    if (session) {
      setVar(this.sessionFill, '--f', session.fraction.toFixed(4));
      setText(this.sessionText, session.expiresInMs > 0 ? t(ctx, 'sessionExpiresIn', dur(ctx, session.expiresInMs)) : t(ctx, 'sessionExpired'));
      toggleClass(this.session, 'urgent', session.urgent);
    }
  }

  /** "owns P0, P1 · target P0, P2", the partitions still to revoke or to receive marked (text and style). */
  private updateReconciliation(card: ConsumerCardModel): void {
    const ctx = this.ctx;
    const r = card.reconciliation;
    setHidden(this.reconcile, r === undefined);
    if (!r) return;
    const multiTopic = card.chips[0]?.multiTopic ?? false;
    const names = (tps: ReconciliationModel['owns']): Set<string> => new Set(tps.map((tp) => `${tp.topic}\u0000${tp.partition}`));
    const fill = (list: HTMLSpanElement, tps: ReconciliationModel['owns'], marked: Set<string>, markClass: string): void => {
      while (list.childElementCount < tps.length) list.appendChild(h(ctx.doc, 'span', { class: 'reconcile-partition' }));
      while (list.childElementCount > tps.length) list.lastElementChild!.remove();
      tps.forEach((tp, i) => {
        const el = list.children[i] as HTMLSpanElement;
        setText(el, partitionLabel(ctx, tp, multiTopic) + (i < tps.length - 1 ? ', ' : ''));
        toggleClass(el, markClass, marked.has(`${tp.topic}\u0000${tp.partition}`));
      });
    };
    setText(this.ownsLabel, r.owns.length === 0 ? t(ctx, 'reconcileOwnsNothing') : t(ctx, 'reconcileOwns'));
    fill(this.ownsList, r.owns, names(r.revoking), 'revoking');
    setText(this.targetLabel, r.target.length === 0 ? t(ctx, 'reconcileTargetNothing') : t(ctx, 'reconcileTarget'));
    fill(this.targetList, r.target, names(r.incoming), 'incoming');
    const label = (tps: ReconciliationModel['owns']): string => tps.map((tp) => partitionLabel(ctx, tp, multiTopic)).join(', ');
    const moves: string[] = [];
    if (r.revoking.length > 0) moves.push(t(ctx, 'reconcileRevoking', label(r.revoking)));
    if (r.incoming.length > 0) moves.push(t(ctx, 'reconcileIncoming', label(r.incoming)));
    setText(this.movesText, moves.join(' · '));
    // One sentence for the tooltip, with the epochs.
    const sentence = t(ctx, 'reconcileSummary', label(r.owns) || t(ctx, 'reconcileNone'), label(r.target) || t(ctx, 'reconcileNone'), moves.join('; '), r.memberEpoch ?? '-', r.targetEpoch ?? '-');
    setAttr(this.reconcile, 'title', sentence);
  }
}
