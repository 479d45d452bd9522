import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProtocolComparison } from '../../../src/extension/views/protocolComparison';
import { SimulationSession, Timer } from '../../../src/extension/session/simulationSession';
import { checkWebviewMessage } from '../../../src/protocol/messageChecks';
import { WEBVIEW_STRINGS } from '../../../src/protocol/webviewStrings';
import { compareProtocols } from '../../../src/sim/comparisons';
import { snapshot } from '../../../src/sim/snapshot';
import { builtinScenario, Harness, mount, run, text } from './helpers';

const idleTimer: Timer = { now: () => 0, setInterval: () => ({ dispose() {} }) };

describe('webview: share groups (KIP-932) next to a consumer group', () => {
  let h: Harness;
  afterEach(() => {
    for (const m of h.api.posted) assert.equal(checkWebviewMessage(m).ok, true, `every posted message is valid: ${JSON.stringify(m)}`);
    h.close();
  });

  it('scenario 11: four share consumers all busy, the consumer group\'s consumer04 idle, the out-of-order price shown', () => {
    const r = run('11', 30_000);
    const snap = snapshot(r.sim);
    const share = snap.shareGroups[0]!;
    h = mount('panel');
    h.send(r.init('panel'));
    const section = h.q('[data-testid="share-group"]');
    assert.equal(section.dataset.group, 'share-group-01');
    assert.equal(text(h.q('[data-testid="share-group-state"]', section)), 'Stable');
    assert.equal(text(h.q('[data-testid="share-group-epoch"]', section)), `group epoch ${share.groupEpoch}`);

    const cards = h.qa('[data-testid="share-consumer-card"]', section);
    assert.deepEqual(cards.map((c) => c.dataset.client), ['worker01', 'worker02', 'worker03', 'worker04']);
    for (const c of cards) {
      assert.equal(c.dataset.state, 'busy', c.dataset.client);
      assert.equal(h.q('[data-testid="share-busy-badge"]', c).hidden, false);
    }
    const busy = h.q('[data-testid="share-group-busy"]', section);
    assert.equal(text(busy), '4 of 4 consumers busy');
    assert.ok(busy.classList.contains('all-busy'));

    // The consumer group on the same topic: consumer04 idle, 3 of 4 busy.
    const consumer04 = h.q('[data-testid="consumer-card"][data-client="consumer04"]');
    assert.equal(consumer04.dataset.idle, 'true');
    assert.equal(h.q('[data-testid="idle-badge"]', consumer04).hidden, false);
    assert.equal(text(h.q('[data-testid="group-busy"]')), '3 of 4 consumers busy · 1 idle');

    // The trade-off, side by side: busy vs idle, and the ordering price.
    const rows = h.qa('[data-testid="tradeoff-row"]', section);
    assert.deepEqual(rows.map((row) => row.dataset.group), ['consumer-group-01', 'share-group-01']);
    assert.equal(text(h.q('[data-testid="tradeoff-busy"]', rows[0])), '3 of 4 consumers busy · 1 idle');
    assert.equal(text(h.q('[data-testid="tradeoff-busy"]', rows[1])), '4 of 4 consumers busy');
    assert.ok(share.totals.outOfOrder > 0, 'the scenario shows the ordering price');
    assert.equal(h.q('[data-testid="tradeoff-order"]', rows[1]).dataset.count, String(share.totals.outOfOrder));
    assert.equal(h.q('[data-testid="tradeoff-order"]', rows[0]).dataset.count, String(snap.groups[0]!.delivery.outOfOrder));
    const ooo = h.q('[data-testid="share-total-out-of-order"]', section);
    assert.equal(text(ooo), `${share.totals.outOfOrder} out of key order`);
    assert.ok(ooo.classList.contains('has-problem'));
    assert.equal(h.q('[data-testid="share-total-accepted"]', section).dataset.count, String(share.totals.accepted));
    assert.equal(h.q('[data-testid="share-total-processed-again"]', section).dataset.count, String(share.totals.duplicates));
    assert.equal(h.q('[data-testid="share-total-archived"]', section).dataset.count, String(share.totals.archivedAtLimit));
    assert.equal(h.q('[data-testid="share-total-lock-timeouts"]', section).dataset.count, String(share.totals.lockTimeouts));

    // Cards: partitions fetched (shared ones marked ×n), records in flight, processed.
    for (const m of share.members) {
      const card = h.q(`[data-testid="share-consumer-card"][data-client="${m.clientId}"]`, section);
      const chips = h.qa('[data-testid="share-partition-chip"]', card);
      assert.deepEqual(chips.map((c) => `${c.dataset.topic}-${c.dataset.partition}`).sort(), m.assignment.map((tp) => `${tp.topic}-${tp.partition}`).sort());
      for (const chip of chips) {
        const name = `${chip.dataset.topic}-${chip.dataset.partition}`;
        const sharers = share.members.filter((o) => o.assignment.some((tp) => `${tp.topic}-${tp.partition}` === name)).length;
        assert.equal(chip.dataset.shared, String(sharers));
        assert.equal(h.q('[data-testid="shared-mark"]', chip).hidden, sharers <= 1);
      }
      assert.equal(h.q('[data-testid="share-consumer-inflight"]', card).dataset.count, String(m.acquired));
      assert.equal(h.q('[data-testid="share-consumer-processed"]', card).dataset.count, String(m.processed));
    }
    assert.ok(h.qa('[data-testid="shared-mark"]:not([hidden])', section).length > 0, 'some partition is shared');
  });

  it('shows each partition\'s in-flight window with the snapshot\'s counts and who shares it', () => {
    const r = run('11', 30_000);
    const share = snapshot(r.sim).shareGroups[0]!;
    h = mount('panel');
    h.send(r.init('panel'));
    const rows = h.qa('[data-testid="share-partition"]');
    assert.deepEqual(rows.map((row) => `${row.dataset.topic}-${row.dataset.partition}`), share.partitions.map((p) => `${p.topic}-${p.partition}`));
    for (const p of share.partitions) {
      const row = h.q(`[data-testid="share-partition"][data-topic="${p.topic}"][data-partition="${p.partition}"]`);
      assert.equal(text(h.q('[data-testid="share-window-range"]', row)), `SPSO ${p.spso.toLocaleString('en-US')} … SPEO ${p.speo.toLocaleString('en-US')}`);
      const total = p.inFlight.acquired + p.inFlight.available + p.inFlight.acknowledged + p.inFlight.archived;
      for (const s of ['acquired', 'available', 'acknowledged', 'archived'] as const) {
        assert.equal(h.q(`[data-testid="share-window-${s}"]`, row).dataset.count, String(p.inFlight[s]), `${p.partition} ${s}`);
        assert.equal(text(h.q(`[data-testid="share-window-${s}"]`, row)), `${p.inFlight[s]} ${s}`);
        const width = h.q(`[data-testid="share-window-bar-${s}"]`, row).style.getPropertyValue('--w');
        assert.equal(width, `${total > 0 ? ((p.inFlight[s] / total) * 100).toFixed(2) : '0'}%`);
      }
      assert.match(h.q('[data-testid="share-window-bar"]', row).getAttribute('aria-label')!, new RegExp(`${p.inFlight.acquired} acquired, ${p.inFlight.available} available`));
      assert.equal(text(h.q('[data-testid="share-window-consumers"]', row)), `shared by ${p.consumers.join(', ')}`);
    }
    // Updates in place: the same nodes after the next snapshot, new counts.
    const first = rows[0]!;
    h.send(r.update(2_000));
    assert.equal(h.qa('[data-testid="share-partition"]')[0], first);
    const next = snapshot(r.sim).shareGroups[0]!.partitions[0]!;
    assert.equal(h.q('[data-testid="share-window-acquired"]', first).dataset.count, String(next.inFlight.acquired));
  });

  it('adds a share consumer with a validated message, and rejects a client.id already used by any consumer', () => {
    const r = run('11', 10_000);
    h = mount('panel');
    h.send(r.init('panel'));
    h.api.posted.length = 0;
    const form = h.q('[data-testid="add-share-consumer-form"]');
    const id = h.q<HTMLInputElement>('[data-testid="add-share-consumer-client-id"]', form);
    assert.equal(id.getAttribute('placeholder'), 'worker05');
    id.value = 'consumer02';
    h.q<HTMLButtonElement>('[type="submit"]', form).click();
    assert.equal(h.api.intents().length, 0);
    assert.equal(text(h.q('[data-testid="add-share-consumer-client-id-error"]', form)), 'A consumer with client.id consumer02 already exists.');
    id.value = 'bad id!';
    h.q<HTMLButtonElement>('[type="submit"]', form).click();
    assert.equal(h.api.intents().length, 0);
    id.value = 'worker09';
    h.q<HTMLInputElement>('[data-testid="add-share-consumer-rate"]', form).value = '-5';
    h.q<HTMLButtonElement>('[type="submit"]', form).click();
    assert.equal(h.api.intents().length, 0);
    assert.match(text(h.q('[data-testid="add-share-consumer-rate-error"]', form)), /must be a number/);
    h.q<HTMLInputElement>('[data-testid="add-share-consumer-rate"]', form).value = '25';
    h.q<HTMLButtonElement>('[type="submit"]', form).click();
    const msg = { type: 'action', action: { action: 'add-share-consumer', group: 'share-group-01', consumer: { clientId: 'worker09', ratePerSec: 25 } } };
    assert.deepEqual(h.api.intents(), [msg]);
    assert.equal(checkWebviewMessage(msg).ok, true);
    // The engine takes it, and the card appears.
    r.sim.apply(msg.action as never);
    h.send(r.update(6_000));
    assert.ok(h.q('[data-testid="share-consumer-card"][data-client="worker09"]'));
  });

  it('card actions send the existing consumer intents by client.id', () => {
    const r = run('11', 10_000);
    h = mount('panel');
    h.send(r.init('panel'));
    h.api.posted.length = 0;
    const card = h.q('[data-testid="share-consumer-card"][data-client="worker02"]');
    h.q<HTMLButtonElement>('[data-testid="share-consumer-crash"]', card).click();
    h.q<HTMLButtonElement>('[data-testid="share-consumer-stall"]', card).click();
    assert.deepEqual(h.api.intents(), [
      { type: 'action', action: { action: 'crash-consumer', consumer: 'worker02' } },
      { type: 'action', action: { action: 'stall-consumer', consumer: 'worker02', duration: h.app.ui.stallMs } },
    ]);
    assert.equal(h.q<HTMLButtonElement>('[data-testid="share-consumer-restart"]', card).disabled, true);
    r.sim.apply({ action: 'crash-consumer', consumer: 'worker02' });
    h.send(r.update(500));
    assert.equal(card.dataset.state, 'crashed');
    assert.equal(h.q<HTMLButtonElement>('[data-testid="share-consumer-restart"]', card).disabled, false);
    assert.equal(text(h.q('[data-testid="share-group-busy"]')), '3 of 3 consumers busy');
  });

  it('shows a compact form in the sidebar (cards and the trade-off; no windows, no note)', () => {
    const r = run('11', 30_000);
    h = mount('sidebar');
    h.send(r.init('sidebar'));
    assert.equal(h.qa('[data-testid="share-consumer-card"]').length, 4);
    assert.equal(h.qa('[data-testid="share-partition"]').length, 0);
    assert.equal(h.qa('[data-testid="tradeoff-row"]').length, 2);
    assert.equal(h.qa('[data-testid="compare-protocols"]').length, 0, 'comparing is a panel feature');
  });

  it('hides the share-group section when the scenario has none', () => {
    const r = run('05', 10_000);
    h = mount('panel');
    h.send(r.init('panel'));
    assert.equal(h.q('[data-testid="share-groups"]').hidden, true);
    assert.equal(h.q('[data-testid="group-busy"]').hidden, true);
  });

  it('KIP-848: the protocol reads "KIP-848 consumer protocol · uniform"; Assigning/Reconciling have icons and explanations', () => {
    const r = run('10', 21_000);
    h = mount('panel');
    h.send(r.init('panel'));
    const group = h.q('[data-testid="group"]');
    const assignor = h.q('[data-testid="group-assignor"]', group);
    const waiting = snapshot(r.sim).consumers.filter((c) => c.status === 'running' && c.assigned.length === 0);
    assert.ok(waiting.length > 0 && waiting.every((c) => !c.idle), 'members waiting for released partitions are reported, not as idle');
    assert.equal(text(assignor), 'KIP-848 consumer protocol · uniform');
    assert.equal(assignor.getAttribute('title'), WEBVIEW_STRINGS.protocolKip848Title);
    // Drive the state through Reconciling by hand: a fresh snapshot with the state changed.
    for (const [state, iconName, title] of [
      ['Assigning', 'server-process', WEBVIEW_STRINGS.stateAssigningTitle],
      ['Reconciling', 'arrow-swap', WEBVIEW_STRINGS.stateReconcilingTitle],
    ] as const) {
      const msg = r.update(0) as { snapshot: { groups: Array<{ state: string }> } };
      msg.snapshot.groups[0]!.state = state;
      h.send(msg);
      assert.equal(text(h.q('[data-testid="group-state"]', group)), state);
      const badge = h.q('[data-testid="group-state"]', group).parentElement!;
      assert.ok(badge.querySelector(`.codicon-${iconName}`), `${state} icon`);
      assert.equal(badge.getAttribute('title'), title);
      assert.ok(!badge.classList.contains('spinning'), 'KIP-848 states do not spin: nothing stops');
      assert.equal(h.qa('[data-testid="idle-badge"]:not([hidden])', group).length, 0, 'members waiting for released partitions are not idle');
    }
  });

  it('respects reduced motion: the root carries reduce-motion (which switches off the bars\' transitions) and the comparison scrolls without smoothing', () => {
    for (const reduced of [false, true]) {
      const r = run('11', 20_000);
      h = mount('panel', reduced ? { bodyClass: 'vscode-reduce-motion' } : {});
      h.send(r.init('panel'));
      assert.equal(h.root.classList.contains('reduce-motion'), reduced);
      const scrolls: unknown[] = [];
      (h.q('[data-testid="comparison"]') as unknown as { scrollIntoView: (o: unknown) => void }).scrollIntoView = (o) => scrolls.push(o);
      h.q<HTMLButtonElement>('[data-testid="compare-protocols"]').click();
      assert.deepEqual(scrolls, [{ block: 'nearest', behavior: reduced ? 'auto' : 'smooth' }]);
      if (!reduced) h.close();
    }
    // The stylesheet turns every transition (the window and comparison bars use them) off under reduce-motion.
    const styles = join(__dirname, '..', '..', '..', '..', 'src', 'webview', 'styles');
    assert.match(readFileSync(join(styles, 'motion.css'), 'utf8'), /\.kafka-lab\.reduce-motion \*,[\s\S]*?transition: none !important;/);
    assert.match(readFileSync(join(styles, 'shareGroups.css'), 'utf8'), /\.window-bar \.seg \{[^}]*transition: width/);
  });
});

describe('webview: compare protocols (panel)', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('asks the extension, shows "running", then renders the rows of a real comparison of scenario 09', () => {
    const r = run('09', 20_000);
    h = mount('panel');
    h.send(r.init('panel'));
    h.api.posted.length = 0;
    const section = h.q('[data-testid="comparison"]');
    assert.equal(section.hidden, true);
    h.q<HTMLButtonElement>('[data-testid="compare-protocols"]').click();
    assert.deepEqual(h.api.intents(), [{ type: 'compare-protocols' }]);
    assert.equal(section.hidden, false);
    assert.equal(h.q('[data-testid="compare-running"]', section).hidden, false);

    const rows = compareProtocols(builtinScenario('09'), 120_000);
    h.send({ type: 'comparison', rows, scenarioName: '9. Operate it', untilMs: 120_000 });
    assert.equal(h.q('[data-testid="compare-running"]', section).hidden, true);
    const trs = h.qa('[data-testid="compare-row"]', section);
    assert.deepEqual(trs.map((tr) => tr.dataset.variant), ['classic-eager', 'classic-cooperative', 'kip848']);
    assert.deepEqual(trs.map((tr) => text(h.q('[data-testid="compare-variant"]', tr))), [WEBVIEW_STRINGS.variantClassicEager, WEBVIEW_STRINGS.variantClassicCooperative, WEBVIEW_STRINGS.variantKip848]);
    rows.forEach((row, i) => {
      for (const m of ['rounds', 'maxUnownedMs', 'totalUnownedMs', 'processed', 'duplicates', 'outOfOrder'] as const) {
        assert.equal(h.q(`[data-testid="compare-${m}"]`, trs[i]).dataset.value, String(row[m]), `${row.variant} ${m}`);
      }
      assert.equal(text(h.q('[data-testid="compare-rounds"]', trs[i])), String(row.rounds));
      assert.equal(text(h.q('[data-testid="compare-processed"]', trs[i])), row.processed.toLocaleString('en-US'));
    });
    // Bars scale to the column's largest value.
    const maxProcessed = Math.max(...rows.map((x) => x.processed));
    const fill = h.q('[data-testid="compare-processed"]', trs[0]).closest('td')!.querySelector<HTMLElement>('.cmp-fill')!;
    assert.equal(fill.style.getPropertyValue('--w'), `${((rows[0]!.processed / maxProcessed) * 100).toFixed(1)}%`);
    assert.equal(text(h.q('[data-testid="compare-caption"]', section)), '“9. Operate it”, 2 min of virtual time, run once per rebalance protocol. Measured from the scenario’s first change.');
    for (const m of ['rounds', 'maxUnownedMs', 'totalUnownedMs', 'processed', 'duplicates', 'outOfOrder']) assert.ok(text(h.q(`[data-testid="compare-explain-${m}"]`, section)).length > 20);

    h.q<HTMLButtonElement>('[data-testid="compare-again"]').click();
    assert.deepEqual(h.api.intents().at(-1), { type: 'compare-protocols' });
    h.q<HTMLButtonElement>('[data-testid="compare-close"]').click();
    assert.equal(section.hidden, true);
  });

  it('the host side answers compare-protocols with the session\'s scenario run until max(now, duration)', () => {
    const session = new SimulationSession(builtinScenario('09'), idleTimer);
    session.advance(5_000);
    const msg = runProtocolComparison(session);
    assert.equal(msg.type, 'comparison');
    assert.equal(msg.untilMs, 120_000);
    assert.deepEqual(msg.rows, compareProtocols(session.toScenario(), 120_000));
    h = mount('panel');
    h.send(run('09', 1_000).init('panel'));
    h.send(msg);
    assert.equal(h.qa('[data-testid="compare-row"]').length, 3);
    session.dispose();
  });

  it('renders every piece of the new interface text from the strings it was given (no hard-coded English)', () => {
    const r = run('11', 30_000);
    const strings = Object.fromEntries(Object.entries(WEBVIEW_STRINGS).map(([k, v]) => [k, `§${v}`]));
    h = mount('panel');
    h.send(r.init('panel', strings));
    h.q<HTMLButtonElement>('[data-testid="compare-protocols"]').click();
    h.send({ type: 'comparison', rows: compareProtocols(builtinScenario('11'), 60_000), scenarioName: 'scenario-name', untilMs: 60_000 });
    const snap = snapshot(r.sim);
    const data = new Set<string>([
      snap.scenario,
      'scenario-name',
      ...snap.topics.map((t) => t.name),
      ...snap.producers.map((p) => p.id),
      ...snap.groups.map((g) => g.groupId),
      ...snap.consumers.map((c) => c.clientId),
      ...snap.shareGroups.flatMap((g) => [g.groupId, ...g.members.map((m) => m.clientId)]),
      'range',
      'roundrobin',
      'sticky',
      'cooperative-sticky',
    ]);
    const within = '[data-testid="share-groups"], [data-testid="comparison"], [data-testid="group-busy"], [data-testid="group-assignor"], [data-testid="toolbar"]';
    const offenders: string[] = [];
    let checked = 0;
    const walker = h.document.createTreeWalker(h.root, 4 /* SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const value = (n.textContent ?? '').trim();
      if (!/[a-z]{2,}/i.test(value) || !n.parentElement?.closest(within)) continue;
      checked++;
      if (!value.includes('§') && !data.has(value)) offenders.push(value);
    }
    for (const el of h.qa('[aria-label], [title], [placeholder]').filter((e) => e.closest(within))) {
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(attr);
        if (!value || !/[a-z]{2,}/i.test(value) || value.includes('§') || data.has(value)) continue;
        if (attr === 'placeholder' && /^(consumer|worker)\d+$/.test(value)) continue; // suggested names
        offenders.push(`${attr}="${value}"`);
      }
    }
    assert.ok(checked > 60, `checked ${checked} text nodes`);
    assert.deepEqual(offenders, []);
  });
});
