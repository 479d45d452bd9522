/**
 * The session toolbar (play/pause, step, reset, speed, virtual time) and the "change the cluster"
 * section (producer rates, add partitions, add a group, the stall duration used by the cards).
 */
import { MAX_RATE_PER_SEC as MAX_RATE, MAX_TOPIC_PARTITIONS as MAX_PARTITIONS } from '../../sim';
import { SPEEDS, SessionStatus } from '../../protocol/messages';
import type { SimSnapshot } from '../../sim';
import { h, icon, KeyedList, setAttr, setText } from '../dom';
import { formatClock, formatCount } from '../format';
import { STALL_CHOICES_MS } from '../uiState';
import { nearestSpeed, suggestClientId, suggestGroupId } from '../viewModel';
import { dur, RenderContext, t } from './context';
import { checkNewId, checkPartitionCount, checkRate, Field, InlineForm } from './forms';

export class Toolbar {
  readonly root: HTMLElement;
  private readonly title: HTMLHeadingElement;
  private readonly time: HTMLSpanElement;
  private readonly status: HTMLSpanElement;
  private readonly statusText: HTMLSpanElement;
  private readonly playButton: HTMLButtonElement;
  private readonly playIcon: HTMLSpanElement;
  private readonly playText: HTMLSpanElement;
  private readonly stepButton: HTMLButtonElement;
  private readonly stepText: HTMLSpanElement;
  private readonly resetButton: HTMLButtonElement;
  private readonly resetText: HTMLSpanElement;
  private readonly speedLabel: HTMLLabelElement;
  private readonly speedSelect: HTMLSelectElement;
  private readonly speedOptions: HTMLOptionElement[];
  private readonly openPanel: HTMLButtonElement | null;
  private readonly openPanelText: HTMLSpanElement | null;
  private readonly compareButton: HTMLButtonElement | null;
  private readonly compareText: HTMLSpanElement | null;
  private running = false;

  /** `onCompare`: the panel's "Compare protocols" button (absent in the sidebar). */
  constructor(private readonly ctx: RenderContext, onCompare?: () => void) {
    const d = ctx.doc;
    this.title = h(d, 'h1', { class: 'scenario-title', 'data-testid': 'scenario-name' });
    this.time = h(d, 'span', { class: 'virtual-time', 'data-testid': 'virtual-time' });
    this.statusText = h(d, 'span');
    this.status = h(d, 'span', { class: 'run-status', 'data-testid': 'run-status' }, icon(d, 'circle-filled', 'run-dot'), this.statusText);
    this.playIcon = icon(d, 'debug-start');
    this.playText = h(d, 'span', { class: 'button-text' });
    this.playButton = h(d, 'button', { type: 'button', class: 'button primary', 'data-testid': 'control-play' }, this.playIcon, this.playText);
    this.playButton.addEventListener('click', () => ctx.post({ type: 'control', command: this.running ? 'pause' : 'play' }));
    this.stepText = h(d, 'span', { class: 'button-text' });
    this.stepButton = h(d, 'button', { type: 'button', class: 'button secondary', 'data-testid': 'control-step' }, icon(d, 'debug-step-over'), this.stepText);
    this.stepButton.addEventListener('click', () => ctx.post({ type: 'control', command: 'step' }));
    this.resetText = h(d, 'span', { class: 'button-text' });
    this.resetButton = h(d, 'button', { type: 'button', class: 'button secondary', 'data-testid': 'control-reset' }, icon(d, 'debug-restart'), this.resetText);
    this.resetButton.addEventListener('click', () => ctx.post({ type: 'control', command: 'reset' }));
    const speedId = 'speed-select';
    this.speedLabel = h(d, 'label', { for: speedId, class: 'inline-label' });
    this.speedOptions = SPEEDS.map((s) => h(d, 'option', { value: String(s) }));
    this.speedSelect = h(d, 'select', { id: speedId, class: 'select', 'data-testid': 'control-speed' }, ...this.speedOptions);
    this.speedSelect.addEventListener('change', () => {
      const speed = Number(this.speedSelect.value);
      ctx.post({ type: 'set-speed', speed });
    });
    if (ctx.view === 'sidebar') {
      this.openPanelText = h(d, 'span', { class: 'button-text' });
      this.openPanel = h(d, 'button', { type: 'button', class: 'button icon-button', 'data-testid': 'open-panel' }, icon(d, 'link-external'), this.openPanelText);
      this.openPanel.addEventListener('click', () => ctx.post({ type: 'open-panel' }));
    } else {
      this.openPanel = null;
      this.openPanelText = null;
    }
    if (onCompare && ctx.view === 'panel') {
      this.compareText = h(d, 'span', { class: 'button-text' });
      this.compareButton = h(d, 'button', { type: 'button', class: 'button secondary compare-button', 'data-testid': 'compare-protocols' }, icon(d, 'graph'), this.compareText);
      this.compareButton.addEventListener('click', onCompare);
    } else {
      this.compareButton = null;
      this.compareText = null;
    }
    const controls = h(
      d,
      'div',
      { class: 'toolbar-controls', role: 'group', 'data-testid': 'session-controls' },
      this.playButton,
      this.stepButton,
      this.resetButton,
      h(d, 'span', { class: 'speed' }, this.speedLabel, this.speedSelect),
      this.compareButton,
    );
    this.root = h(
      d,
      'header',
      { class: 'toolbar', 'data-testid': 'toolbar' },
      h(d, 'div', { class: 'toolbar-title' }, icon(d, 'beaker', 'title-icon'), this.title, this.openPanel),
      h(d, 'div', { class: 'toolbar-status' }, this.status, this.time),
      controls,
    );
  }

  update(status: SessionStatus, snap: SimSnapshot): void {
    const ctx = this.ctx;
    this.running = status.running;
    setText(this.title, status.scenarioName || snap.scenario);
    setAttr(this.title, 'title', t(ctx, 'scenario', status.scenarioName || snap.scenario));
    setText(this.time, formatClock(snap.t));
    setAttr(this.time, 'aria-label', t(ctx, 'virtualTime', formatClock(snap.t)));
    setText(this.statusText, status.running ? t(ctx, 'statusRunning') : t(ctx, 'statusPaused'));
    this.status.classList.toggle('running', status.running);
    const playLabel = status.running ? t(ctx, 'pause') : t(ctx, 'play');
    setText(this.playText, playLabel);
    setAttr(this.playButton, 'aria-label', playLabel);
    setAttr(this.playButton, 'title', playLabel);
    setAttr(this.playButton, 'data-state', status.running ? 'running' : 'paused');
    this.playIcon.className = `codicon codicon-${status.running ? 'debug-pause' : 'debug-start'}`;
    setText(this.stepText, t(ctx, 'step'));
    setAttr(this.stepButton, 'title', t(ctx, 'stepTitle'));
    setText(this.resetText, t(ctx, 'reset'));
    setAttr(this.resetButton, 'title', t(ctx, 'resetTitle'));
    setText(this.speedLabel, t(ctx, 'speed'));
    this.speedOptions.forEach((o, i) => setText(o, t(ctx, 'speedOption', SPEEDS[i]!)));
    const nearest = nearestSpeed(status.speed);
    if (this.ctx.doc.activeElement !== this.speedSelect && this.speedSelect.value !== String(nearest)) this.speedSelect.value = String(nearest);
    if (this.compareButton && this.compareText) {
      setText(this.compareText, t(ctx, 'compareProtocols'));
      setAttr(this.compareButton, 'title', t(ctx, 'compareProtocolsTitle'));
    }
    if (this.openPanel && this.openPanelText) {
      setText(this.openPanelText, t(ctx, 'openPanelShort'));
      setAttr(this.openPanel, 'title', t(ctx, 'openPanel'));
      setAttr(this.openPanel, 'aria-label', t(ctx, 'openPanel'));
    }
  }
}

// ---- the cluster section ---------------------------------------------------------------------

class ProducerRow {
  readonly root: HTMLLIElement;
  private readonly name: HTMLSpanElement;
  private readonly summary: HTMLSpanElement;
  private readonly field: Field;
  private readonly form: InlineForm;
  private id = '';

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    this.name = h(d, 'span', { class: 'producer-name' });
    this.summary = h(d, 'span', { class: 'muted' });
    this.field = new Field(ctx, { testid: 'producer-rate-input', type: 'number', min: 0, max: MAX_RATE, step: 'any', inputmode: 'decimal', size: 8 });
    this.form = new InlineForm(ctx, { testid: 'producer-rate-form', icon: 'check', fields: [this.field], onSubmit: () => this.submit() });
    this.root = h(d, 'li', { class: 'producer', 'data-testid': 'producer' }, h(d, 'div', { class: 'producer-head' }, icon(d, 'radio-tower'), this.name, this.summary), this.form.root);
  }

  update(p: SimSnapshot['producers'][number]): void {
    const ctx = this.ctx;
    this.id = p.id;
    setAttr(this.root, 'data-producer', p.id);
    setText(this.name, p.id);
    setText(this.summary, t(ctx, 'producerSummary', formatCount(p.ratePerSec), p.topic, formatCount(p.produced)));
    this.field.setLabel(t(ctx, 'producerRateLabel', p.id));
    this.field.setPlaceholder(String(p.ratePerSec));
    this.form.setButtonText(t(ctx, 'setRate'));
  }

  private submit(): void {
    const rate = checkRate(this.ctx, this.field.value, t(this.ctx, 'producerRateLabel', this.id), MAX_RATE);
    if (!this.field.report(rate)) return;
    const sent = this.ctx.post({ type: 'action', action: { action: 'set-producer-rate', producer: this.id, ratePerSec: rate.value } });
    if (!sent.ok) this.field.setError(sent.message);
    else this.field.input.value = '';
  }
}

class TopicGrowRow {
  readonly root: HTMLLIElement;
  private readonly field: Field;
  private readonly form: InlineForm;
  private topic = '';
  private current = 0;

  constructor(private readonly ctx: RenderContext) {
    this.field = new Field(ctx, { testid: 'add-partitions-input', type: 'number', min: 1, max: MAX_PARTITIONS, step: '1', inputmode: 'numeric', size: 6 });
    this.form = new InlineForm(ctx, { testid: 'add-partitions-form', icon: 'add', fields: [this.field], onSubmit: () => this.submit() });
    this.root = h(ctx.doc, 'li', { class: 'topic-grow' }, this.form.root);
  }

  update(topic: SimSnapshot['topics'][number]): void {
    this.topic = topic.name;
    this.current = topic.partitions.length;
    setAttr(this.root, 'data-topic', topic.name);
    this.field.setLabel(t(this.ctx, 'partitionsTotalLabel', topic.name));
    this.field.setPlaceholder(String(Math.min(MAX_PARTITIONS, this.current + 1)));
    setAttr(this.field.input, 'min', this.current + 1);
    this.form.setButtonText(t(this.ctx, 'addPartitions'));
  }

  private submit(): void {
    // Empty means one more (the placeholder); text a number input cannot parse is an error.
    const unparsable = this.field.input.validity?.badInput === true;
    const text = this.field.value === '' ? String(this.current + 1) : this.field.value;
    const partitions = checkPartitionCount(this.ctx, text, unparsable, this.current, MAX_PARTITIONS, t(this.ctx, 'partitionsTotalLabel', this.topic));
    if (!this.field.report(partitions)) return;
    const sent = this.ctx.post({ type: 'action', action: { action: 'add-partitions', topic: this.topic, partitions: partitions.value } });
    if (!sent.ok) this.field.setError(sent.message);
    else this.field.input.value = '';
  }
}

export class ClusterControls {
  readonly root: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly producersHeading: HTMLHeadingElement;
  private readonly producers: KeyedList<SimSnapshot['producers'][number], ProducerRow>;
  private readonly topics: KeyedList<SimSnapshot['topics'][number], TopicGrowRow>;
  private readonly groupField: Field;
  private readonly groupForm: InlineForm;
  private readonly groupHint: HTMLParagraphElement;
  private readonly stallLabel: HTMLLabelElement;
  private readonly stallSelect: HTMLSelectElement;
  private readonly stallOptions: HTMLOptionElement[];
  private snap: SimSnapshot | null = null;

  constructor(private readonly ctx: RenderContext) {
    const d = ctx.doc;
    const headingId = 'cluster-heading';
    this.heading = h(d, 'h2', { id: headingId, class: 'section-title' });
    this.producersHeading = h(d, 'h3', { class: 'subsection-title' });
    this.producers = new KeyedList(h(d, 'ul', { class: 'plain-list' }), (p) => p.id, () => new ProducerRow(ctx));
    this.topics = new KeyedList(h(d, 'ul', { class: 'plain-list' }), (tp) => tp.name, () => new TopicGrowRow(ctx));
    this.groupField = new Field(ctx, { testid: 'add-group-input', size: 18 });
    this.groupHint = h(d, 'p', { class: 'hint' });
    this.groupForm = new InlineForm(ctx, { testid: 'add-group-form', icon: 'organization', fields: [this.groupField], onSubmit: () => this.submitGroup() });
    const stallId = 'stall-select';
    this.stallLabel = h(d, 'label', { for: stallId, class: 'field-label' });
    this.stallOptions = STALL_CHOICES_MS.map((ms) => h(d, 'option', { value: String(ms) }));
    this.stallSelect = h(d, 'select', { id: stallId, class: 'select', 'data-testid': 'stall-duration' }, ...this.stallOptions);
    this.stallSelect.value = String(ctx.ui.stallMs);
    this.stallSelect.addEventListener('change', () => {
      ctx.ui.stallMs = Number(this.stallSelect.value);
      ctx.uiChanged();
    });
    this.root = h(
      d,
      'section',
      { class: 'section cluster', 'aria-labelledby': headingId, 'data-testid': 'cluster-controls' },
      this.heading,
      h(d, 'div', { class: 'cluster-grid' },
        h(d, 'div', { class: 'cluster-block' }, this.producersHeading, this.producers.container),
        h(d, 'div', { class: 'cluster-block' }, this.topics.container, this.groupForm.root, this.groupHint, h(d, 'div', { class: 'field' }, this.stallLabel, this.stallSelect)),
      ),
    );
  }

  update(snap: SimSnapshot): void {
    const ctx = this.ctx;
    this.snap = snap;
    setText(this.heading, t(ctx, 'clusterHeading'));
    setText(this.producersHeading, t(ctx, 'producersHeading'));
    this.producers.sync(snap.producers);
    this.topics.sync(snap.topics);
    this.groupField.setLabel(t(ctx, 'groupIdLabel'));
    this.groupField.setPlaceholder(suggestGroupId(snap));
    this.groupForm.setButtonText(t(ctx, 'addGroup'));
    setText(this.groupHint, t(ctx, 'addGroupHint', suggestClientId(snap)));
    setText(this.stallLabel, t(ctx, 'stallDurationLabel'));
    this.stallOptions.forEach((o, i) => setText(o, dur(ctx, STALL_CHOICES_MS[i]!)));
  }

  private submitGroup(): void {
    const snap = this.snap;
    if (!snap) return;
    const ctx = this.ctx;
    const groupId = checkNewId(ctx, this.groupField.value || suggestGroupId(snap), t(ctx, 'groupIdLabel'), new Set(snap.groups.map((g) => g.groupId)), 'errDuplicateGroup');
    if (!this.groupField.report(groupId)) return;
    const topic = snap.topics[0]?.name;
    const consumer = { clientId: suggestClientId(snap), ratePerSec: 50, ...(topic ? { topics: [topic] } : {}) };
    const sent = ctx.post({ type: 'action', action: { action: 'add-group', group: { groupId: groupId.value, consumers: [consumer] } } });
    if (!sent.ok) this.groupField.setError(sent.message);
    else this.groupField.input.value = '';
  }
}
