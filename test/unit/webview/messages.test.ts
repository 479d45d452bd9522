import { strict as assert } from 'node:assert';
import { WEBVIEW_STRINGS, format, resolveStrings } from '../../../src/protocol/webviewStrings';
import { snapshot } from '../../../src/sim/snapshot';
import { restoreUiState } from '../../../src/webview/uiState';
import { Harness, mount, run, text } from './helpers';

describe('webview: host messages and strings', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('ignores malformed host messages, logs them and shows a notice', () => {
    const r = run('05', 25_000);
    h = mount('panel');
    h.send(r.init('panel'));
    const lag = text(h.q('[data-testid="group-lag"]'));
    const good = r.update(3_000) as { snapshot: unknown };
    const bad: unknown[] = [
      null,
      'update',
      { type: 'explode' },
      { type: 'update', status: { running: true, speed: 1, scenarioName: 'x' }, snapshot: good.snapshot, events: [] },
      { type: 'update', status: { running: true, speed: 1, scenarioName: 'x' }, snapshot: { ...(good.snapshot as object), groups: 'none' }, events: [], reset: false },
      { type: 'update', status: { running: 'yes', speed: 1, scenarioName: 'x' }, snapshot: good.snapshot, events: [], reset: false },
      { type: 'update', status: { running: true, speed: 1, scenarioName: 'x' }, snapshot: good.snapshot, events: [{ type: 'x' }], reset: false },
      { type: 'init', view: 'editor', version: 1, status: {}, snapshot: {}, events: [], strings: {} },
      { type: 'error' },
    ];
    for (const m of bad) h.send(m);
    assert.equal(h.errors.length, bad.length);
    for (const e of h.errors) assert.match(String(e[0]), /^Kafka Lab webview: ignored a malformed message: /);
    assert.match(String(h.errors[4]![0]), /snapshot\.groups: "none" is not valid/);
    assert.equal(text(h.q('[data-testid="group-lag"]')), lag, 'nothing was applied');
    const notices = h.qa('[data-testid="notice-warning"]');
    assert.equal(notices.length, 3, 'the latest three are shown');
    for (const n of notices) assert.equal(n.getAttribute('role'), 'alert');
    assert.match(text(notices.at(-1)), /^Ignored a malformed message from the extension: message: /);
    assert.equal(h.api.intents().length, 0, 'nothing is sent back');
  });

  it('renders every piece of interface text from the strings it was given (no hard-coded English)', () => {
    const r = run('07', 30_000);
    const strings = Object.fromEntries(Object.entries(WEBVIEW_STRINGS).map(([k, v]) => [k, `§${v}`]));
    h = mount('panel');
    h.send(r.init('panel', strings));
    // Open everything that renders lazily: an explanation, the chart table.
    h.q('[data-testid="timeline-event-button"]').click();
    const details = h.q<HTMLDetailsElement>('[data-testid="lag-chart"] details');
    details.open = true;
    details.dispatchEvent(new h.window.Event('toggle') as unknown as Event);
    h.send({ type: 'error', message: 'from the host' });
    h.send({ type: 'nope' });
    h.app.flush();
    const snap = snapshot(r.sim);
    const data = new Set<string>([
      snap.scenario,
      ...snap.topics.map((t) => t.name),
      ...snap.producers.map((p) => p.id),
      ...snap.groups.map((g) => g.groupId),
      ...snap.consumers.map((c) => c.clientId),
      'range',
      'roundrobin',
      'sticky',
      'cooperative-sticky',
      'from the host',
    ]);
    const engineText = '.event-text, [data-testid="describe-text"], [data-testid="describe-notice"], .waiting';
    const walker = h.document.createTreeWalker(h.root, 4 /* SHOW_TEXT */);
    const offenders: string[] = [];
    let checked = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const value = (n.textContent ?? '').trim();
      if (!/[a-z]{2,}/i.test(value)) continue;
      if (n.parentElement?.closest(engineText)) continue;
      checked++;
      if (!value.includes('§') && !data.has(value)) offenders.push(value);
    }
    for (const el of h.qa('[aria-label], [title], [placeholder]')) {
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(attr);
        if (!value || !/[a-z]{2,}/i.test(value) || value.includes('§') || data.has(value)) continue;
        if (attr === 'placeholder' && /^consumer(-group)?-?\d+$/.test(value)) continue; // suggested names
        if (attr === 'title' && el.matches('[data-testid="partition-chip"]')) continue; // partition@offset
        offenders.push(`${attr}="${value}"`);
      }
    }
    assert.ok(checked > 80, `checked ${checked} text nodes`);
    assert.deepEqual(offenders, []);
  });

  it('falls back to the English source for missing keys, and formats placeholders', () => {
    assert.equal(resolveStrings({ play: 'Abspielen', bogus: 'x' }).play, 'Abspielen');
    assert.equal(resolveStrings({}).pause, 'Pause');
    assert.equal((resolveStrings({}) as Record<string, string>).bogus, undefined);
    assert.equal(format('{0} of {1}, {0} again; {2} stays', 'a', 3), 'a of 3, a again; {2} stays');
    const r = run('05', 5_000);
    h = mount('panel');
    h.send(r.init('panel', { play: 'Abspielen' }));
    assert.equal(h.q('[data-testid="control-play"]').getAttribute('aria-label'), 'Abspielen');
    assert.equal(text(h.q('[data-testid="control-step"]')), 'Step');
  });

  it('keeps UI state across reloads (selected group, filters, chart mode) and ignores junk in it', () => {
    const r = run('08', 45_000);
    h = mount('sidebar', { state: { selectedGroup: 'consumer-group-02', categories: ['commit', 'bogus'], filterText: 'analytics', chartMode: { 'consumer-group-02': 'partitions', x: 'pie' }, consumerPage: { g: -1 }, stallMs: 7 } });
    h.send(r.init('sidebar'));
    assert.deepEqual(h.qa('[data-testid="group"]').map((g) => g.dataset.group), ['consumer-group-02']);
    assert.equal(h.q<HTMLInputElement>('[data-testid="timeline-filter"]').value, 'analytics');
    assert.ok(h.qa('[data-testid="timeline-event"]').every((e) => e.dataset.category === 'commit'));
    assert.equal(h.q('[data-testid="chart-mode-partitions"]').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(restoreUiState({ categories: ['commit', 'bogus'], chartMode: { x: 'pie' }, consumerPage: { g: -1 }, stallMs: 7 }), { ...restoreUiState(undefined), categories: ['commit'] });
    h.q('[data-testid="chart-mode-total"]').click();
    assert.equal((h.api.state as { chartMode: Record<string, string> }).chartMode['consumer-group-02'], 'total');
    // The time-lag mode survives a reload too.
    assert.deepEqual(restoreUiState({ chartMode: { g: 'time' } }).chartMode, { g: 'time' });
  });

  it('starts over on a reset update: history and events are dropped', () => {
    const r = run('05', 25_000);
    h = mount('panel');
    h.send(r.init('panel'));
    h.send(r.update(1_000));
    assert.ok(h.app.store.events.length > 10);
    assert.ok((h.app.store.lagSeries('consumer-group-01')?.length ?? 0) >= 2);
    const fresh = run('05', 0);
    const reset = fresh.update(0, true);
    h.send(reset);
    assert.equal(h.app.store.events.length, (reset as unknown as { events: unknown[] }).events.length);
    assert.ok((h.app.store.lagSeries('consumer-group-01')?.length ?? 0) <= 1);
    assert.equal(text(h.q('[data-testid="virtual-time"]')), '00:00.0');
  });
});
