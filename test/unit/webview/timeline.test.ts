import { strict as assert } from 'node:assert';
import { WEBVIEW_STRINGS } from '../../../src/protocol/webviewStrings';
import { Simulation } from '../../../src/sim/simulation';
import { EVENT_INFO } from '../../../src/webview/explanations';
import { formatClock } from '../../../src/webview/format';
import { builtinScenario, Harness, mount, run, text } from './helpers';

describe('webview: the timeline', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const mounted = (): Harness => {
    const r = run('07', 70_000); // a crash, missed heartbeats, a session timeout, rebalances, commits
    h = mount('panel');
    h.send(r.init('panel'));
    return h;
  };
  const shown = (): HTMLElement[] => h.qa('[data-testid="timeline-event"]');
  const click = (sel: string): void => {
    h.q(sel).click();
    h.app.flush();
  };

  it('lists events newest first with virtual timestamps mm:ss.s', () => {
    mounted();
    const rows = shown();
    assert.ok(rows.length > 20);
    const seqs = rows.map((r) => Number(r.dataset.seq));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
    for (const r of rows.slice(0, 10)) assert.match(text(h.q('.event-time', r)), /^\d{2}:\d{2}\.\d$/);
    assert.equal(formatClock(61_250), '01:01.2');
    assert.equal(formatClock(3_723_400), '62:03.4');
  });

  it('filters by category', () => {
    mounted();
    const all = shown().length;
    for (const cat of ['commit', 'membership', 'topic', 'delivery', 'rebalance']) click(`[data-testid="timeline-cat-${cat}"]`);
    assert.equal(h.q('[data-testid="timeline-cat-session"]').getAttribute('aria-pressed'), 'true');
    assert.equal(h.q('[data-testid="timeline-cat-commit"]').getAttribute('aria-pressed'), 'false');
    const sessions = shown();
    assert.ok(sessions.length > 0 && sessions.length < all);
    assert.ok(sessions.every((r) => r.dataset.category === 'session'));
    assert.ok(sessions.some((r) => r.dataset.type === 'session-timed-out'));
    assert.ok(sessions.some((r) => r.dataset.type === 'heartbeat-missed'));
    assert.deepEqual((h.api.state as { categories: string[] }).categories, ['session'], 'the filter is remembered');
  });

  it('filters by text', () => {
    mounted();
    const input = h.q<HTMLInputElement>('[data-testid="timeline-filter"]');
    input.value = 'TIMED OUT';
    input.dispatchEvent(new h.window.Event('input') as unknown as Event);
    h.app.flush();
    const rows = shown();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.dataset.type, 'session-timed-out');
    assert.match(text(h.q('[data-testid="timeline-count"]')), /^Showing 1 of 1 events$/);
    input.value = 'zzz-nothing';
    input.dispatchEvent(new h.window.Event('input') as unknown as Event);
    h.app.flush();
    assert.equal(shown().length, 0);
  });

  it('explains an event when it is activated (a button: click, Enter or Space), and hides it again', () => {
    mounted();
    const row = shown().find((r) => r.dataset.type === 'session-timed-out')!;
    const button = h.q<HTMLButtonElement>('[data-testid="timeline-event-button"]', row);
    assert.equal(button.tagName, 'BUTTON');
    assert.equal(button.getAttribute('aria-expanded'), 'false');
    const explanation = h.q('[data-testid="event-explanation"]', row);
    assert.equal(explanation.closest('.event-explain')!.hasAttribute('hidden'), true);
    button.click();
    h.app.flush();
    assert.equal(button.getAttribute('aria-expanded'), 'true');
    assert.equal(explanation.closest('.event-explain')!.hasAttribute('hidden'), false);
    assert.equal(text(explanation), WEBVIEW_STRINGS.explainSessionTimedOut);
    assert.equal(h.document.getElementById(button.getAttribute('aria-controls')!), explanation.closest('.event-explain'));
    button.click();
    h.app.flush();
    assert.equal(button.getAttribute('aria-expanded'), 'false');
  });

  it('has a category and an explanation for every event type the built-in scenarios emit', () => {
    const types = new Set<string>();
    for (const prefix of ['01', '02', '03', '04', '05', '06', '07', '08', '09']) {
      const sim = new Simulation(builtinScenario(prefix), (e) => types.add(e.type));
      sim.runUntil(120_000);
      sim.apply({ action: 'add-partitions', topic: [...sim.topics.keys()][0]!, partitions: [...sim.topics.values()][0]!.logEndOffsets.length + 1 });
      for (const c of [...sim.consumers.values()].slice(0, 1)) if (c.status === 'running') sim.apply({ action: 'stall-consumer', consumer: c.clientId, duration: '6m' });
      sim.runUntil(600_000);
    }
    assert.ok(types.size >= 20, `${types.size} types`);
    for (const type of types) {
      const info = EVENT_INFO[type];
      assert.ok(info, `no timeline info for '${type}'`);
      assert.ok(WEBVIEW_STRINGS[info.explanation].length > 40, `explanation of ${type}`);
    }
  });
});
