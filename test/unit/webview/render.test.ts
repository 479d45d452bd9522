import { strict as assert } from 'node:assert';
import { snapshot } from '../../../src/sim/snapshot';
import { describeOffsets } from '../../../src/sim/describe';
import { Harness, mount, run, Run, text } from './helpers';

describe('webview: what the user sees', () => {
  let h: Harness;
  afterEach(() => h?.close());

  /** 05-idle-consumer after consumer04 joined and the group settled. */
  const idle = (): { h: Harness; r: Run } => {
    const r = run('05', 25_000);
    h = mount('panel');
    h.send(r.init('panel'));
    return { h, r };
  };

  it('says ready with its view, then waits for init', () => {
    h = mount('sidebar');
    assert.deepEqual(h.api.posted, [{ type: 'ready', view: 'sidebar' }]);
    assert.equal(h.q('[data-testid="waiting"]').hidden, false);
  });

  it('shows each partition with its owner and lag per group, as the coordinator assigned them', () => {
    const { r } = idle();
    const snap = snapshot(r.sim);
    const g = snap.groups[0]!;
    const rows = h.qa('[data-testid="partition-row"]');
    assert.equal(rows.length, 3);
    for (const row of rows) {
      const p = Number(row.dataset.partition);
      const cell = h.q(`[data-testid="partition-owner"][data-group="consumer-group-01"]`, row);
      const expected = g.partitions.find((x) => x.partition === p)!;
      assert.equal(cell.dataset.owner, expected.owner);
      assert.equal(text(h.q('[data-testid="partition-owner-name"]', cell)), expected.owner);
      assert.equal(h.q('[data-testid="partition-lag"]', cell).dataset.lag, String(expected.lag));
      assert.equal(text(h.q('[data-testid="partition-lag"]', cell)), `lag ${expected.lag!.toLocaleString('en-US')}`);
      assert.equal(h.q('[data-testid="partition-leo"]', row).dataset.leo, String(snap.topics[0]!.partitions[p]!.logEndOffset));
    }
    assert.deepEqual(rows.map((row) => h.q('[data-testid="partition-owner"]', row).dataset.owner), ['consumer01', 'consumer02', 'consumer03']);
  });

  it('shows consumer04 idle: an idle badge, no partition chips; the others hold one partition each', () => {
    idle();
    const cards = h.qa('[data-testid="consumer-card"]');
    assert.deepEqual(cards.map((c) => c.dataset.client), ['consumer01', 'consumer02', 'consumer03', 'consumer04']);
    const idleCard = cards.find((c) => c.dataset.client === 'consumer04')!;
    assert.equal(h.q('[data-testid="idle-badge"]', idleCard).hidden, false);
    assert.equal(text(h.q('[data-testid="idle-badge"]', idleCard)), 'idle');
    assert.equal(idleCard.dataset.idle, 'true');
    assert.equal(h.qa('[data-testid="partition-chip"]', idleCard).length, 0);
    for (const c of cards.filter((x) => x !== idleCard)) {
      assert.equal(h.q('[data-testid="idle-badge"]', c).hidden, true);
      assert.equal(h.qa('[data-testid="partition-chip"]', c).length, 1);
      assert.equal(text(h.q('[data-testid="consumer-status"]', c)), 'running');
    }
    // Chips carry the same colour class as their partition's row.
    const chip = h.q('[data-testid="consumer-card"][data-client="consumer02"] [data-testid="partition-chip"]');
    const row = h.q(`[data-testid="partition-row"][data-partition="${chip.dataset.partition}"]`);
    const colour = [...chip.classList].find((c) => c.startsWith('pc-'));
    assert.ok(colour && row.classList.contains(colour));
  });

  it('shows the group state, generation, assignor/protocol and total lag', () => {
    const { r } = idle();
    const g = snapshot(r.sim).groups[0]!;
    const group = h.q('[data-testid="group"][data-group="consumer-group-01"]');
    assert.equal(text(h.q('[data-testid="group-state"]', group)), 'Stable');
    assert.equal(text(h.q('[data-testid="group-generation"]', group)), `generation ${g.generation}`);
    assert.equal(g.generation, 2);
    assert.equal(text(h.q('[data-testid="group-assignor"]', group)), 'range · EAGER');
    assert.equal(h.q('[data-testid="group-lag"]', group).dataset.lag, String(g.totalLag));
    assert.equal(text(h.q('[data-testid="group-lag"]', group)), `total lag ${g.totalLag.toLocaleString('en-US')}`);
    assert.equal(text(h.q('[data-testid="virtual-time"]')), '00:25.0');
  });

  it('prints the describe table exactly as describeOffsets does, and asks to open it as a document', () => {
    const { r } = idle();
    const expected = describeOffsets(r.sim.groups.get('consumer-group-01'), 'consumer-group-01', (t) => r.sim.topics.get(t)).text;
    assert.ok(expected.includes('consumer01-'));
    assert.equal(h.q('[data-testid="describe-text"]').textContent, expected);
    h.q('[data-testid="open-describe"]').click();
    assert.deepEqual(h.api.intents(), [{ type: 'open-describe', group: 'consumer-group-01' }]);
  });

  it('updates incrementally: the same DOM nodes are kept and only their content changes', () => {
    const { r } = idle();
    const before = {
      row: h.q('[data-testid="partition-row"][data-partition="1"]'),
      card: h.q('[data-testid="consumer-card"][data-client="consumer01"]'),
      lag: h.q('[data-testid="group-lag"]'),
      describe: h.q('[data-testid="describe-text"]'),
      play: h.q('[data-testid="control-play"]'),
      event: h.qa('[data-testid="timeline-event"]').at(-1)!,
    };
    const lagText = before.lag.textContent;
    const framesBefore = h.framesRequested();
    h.send(r.update(2_000));
    assert.equal(h.framesRequested(), framesBefore + 1, 'one update, one frame');
    assert.equal(h.q('[data-testid="partition-row"][data-partition="1"]'), before.row);
    assert.equal(h.q('[data-testid="consumer-card"][data-client="consumer01"]'), before.card);
    assert.equal(h.q('[data-testid="group-lag"]'), before.lag);
    assert.equal(h.q('[data-testid="describe-text"]'), before.describe);
    assert.equal(h.q('[data-testid="control-play"]'), before.play);
    assert.ok(before.event.isConnected, 'an old timeline row stays in place');
    assert.notEqual(before.lag.textContent, lagText, 'the lag changed in place');
    assert.equal(text(h.q('[data-testid="virtual-time"]')), '00:27.0');
  });

  it('coalesces many updates into one render per frame', () => {
    const r = run('05', 5_000);
    h = mount('panel');
    h.send(r.init('panel'));
    h.runFrames();
    const time = h.q('[data-testid="virtual-time"]');
    assert.equal(text(time), '00:05.0');
    const frames = h.framesRequested();
    for (let i = 0; i < 5; i++) h.app.receive(r.update(100));
    assert.equal(h.framesRequested(), frames + 1, 'five updates ask for one frame');
    assert.equal(text(time), '00:05.0', 'nothing rendered before the frame');
    h.runFrames();
    assert.equal(text(time), '00:05.5', 'the frame renders the latest snapshot');
    h.runFrames();
    assert.equal(h.framesRequested(), frames + 1, 'and asks for no other');
  });

  it('animates a rebalance (revoked chips fade out) unless motion is reduced', () => {
    for (const reduced of [false, true]) {
      const r = run('04', 15_000); // consumer01 holds all three partitions; 02 and 03 join at 20 s
      h = mount('panel', reduced ? { bodyClass: 'vscode-reduce-motion' } : {});
      h.send(r.init('panel'));
      const card = h.q('[data-testid="consumer-card"][data-client="consumer01"]');
      assert.equal(h.qa('[data-testid="partition-chip"]', card).length, 3);
      h.send(r.update(10_000));
      assert.equal(h.root.classList.contains('reduce-motion'), reduced);
      const leaving = h.qa('.chip-leave', card);
      const current = h.qa('[data-testid="partition-chip"]:not(.chip-leave)', card);
      assert.equal(current.length, 1, 'consumer01 keeps one partition after the rebalance');
      if (reduced) assert.equal(leaving.length, 0, 'no fading chips when motion is reduced');
      else {
        assert.equal(leaving.length, 2, 'revoked chips fade out first');
        for (const l of leaving) assert.equal(l.getAttribute('aria-hidden'), 'true');
      }
      h.close();
    }
  });

  it('pulses the heartbeat only when motion is allowed', () => {
    for (const reduced of [false, true]) {
      const r = run('05', 25_000);
      h = mount('panel', reduced ? { bodyClass: 'vscode-reduce-motion' } : {});
      h.send(r.init('panel'));
      // 1.3 s later at least one heartbeat (every 3 s) ... step until one happened.
      let beat = false;
      for (let i = 0; i < 40 && !beat; i++) {
        h.send(r.update(100));
        beat = h.qa('.heart.beat, .heart.beat-alt').length > 0;
      }
      assert.equal(beat, !reduced);
      h.close();
    }
  });

  it('shows a session countdown for a crashed member until its session times out', () => {
    const r = run('07', 12_000); // consumer04 crashed at 10 s; session.timeout.ms 45 s
    h = mount('panel');
    h.send(r.init('panel'));
    const card = h.q('[data-testid="consumer-card"][data-client="consumer04"]');
    assert.equal(card.dataset.status, 'crashed');
    assert.equal(text(h.q('[data-testid="consumer-status"]', card)), 'crashed');
    h.send(r.update(10_000));
    const countdown = h.q('[data-testid="session-countdown"]', card);
    assert.equal(countdown.closest('.session')!.hasAttribute('hidden'), false);
    assert.match(text(countdown), /^session expires in \d+ s$/);
    const secs = Number(/(\d+) s/.exec(text(countdown))![1]);
    assert.ok(secs > 20 && secs <= 35, text(countdown));
    // Buttons follow the state: restart only for a crashed consumer.
    assert.equal(h.q<HTMLButtonElement>('[data-testid="consumer-restart"]', card).disabled, false);
    assert.equal(h.q<HTMLButtonElement>('[data-testid="consumer-crash"]', card).disabled, true);
  });

  it('announces rebalances in a polite live region', () => {
    const r = run('05', 9_000);
    h = mount('panel');
    h.send(r.init('panel'));
    const live = h.q('[data-testid="live-region"]');
    assert.equal(live.getAttribute('aria-live'), 'polite');
    h.send(r.update(1_500)); // consumer04 joins at 10 s: the rebalance starts
    assert.match(text(live), /consumer-group-01 is rebalancing\./);
    h.send(r.update(5_000));
    assert.match(text(live), /consumer-group-01: rebalance complete, generation 2\./);
  });

  it('collapses a 1,000-partition topic into a heat strip and pages 200 consumers', () => {
    const consumers = Array.from({ length: 200 }, (_, i) => ({ clientId: `c${String(i).padStart(3, '0')}`, ratePerSec: 100 }));
    const r = new Run({ name: 'big', seed: 1, topics: [{ name: 'events', partitions: 1000 }], producers: [{ id: 'p', topic: 'events', ratePerSec: 20_000, keys: 0 }], groups: [{ groupId: 'g', consumers }] });
    r.sim.runUntil(8_000);
    h = mount('panel');
    h.send(r.init('panel'));
    assert.equal(h.qa('[data-testid="partition-row"]').length, 0);
    assert.equal(h.qa('.heat-cell').length, 1000);
    assert.match(text(h.q('[data-testid="heat-summary"]')), /^1,000 partitions; \d+ unassigned; highest lag [\d,]+ on partition \d+$/);
    assert.equal(h.qa('[data-testid="consumer-card"]').length, 12);
    assert.equal(text(h.q('[data-testid="consumers-page"]')), '1–12 of 200');
    h.q('[data-testid="consumers-next"]').click();
    h.app.flush();
    assert.equal(h.qa('[data-testid="consumer-card"]')[0]!.dataset.client, 'c012');
    // Updates keep the collapsed layout (how fast they render is a benchmark's business, not a test's).
    for (let i = 0; i < 5; i++) h.send(r.update(100));
    assert.equal(h.qa('.heat-cell').length, 1000);
    assert.equal(h.qa('[data-testid="consumer-card"]').length, 12);
  });

  it('shows one group at a time in the sidebar, chosen with a select', () => {
    const r = run('08', 45_000);
    h = mount('sidebar');
    h.send(r.init('sidebar'));
    assert.deepEqual(h.qa('[data-testid="group"]').map((g) => g.dataset.group), ['consumer-group-01']);
    const select = h.q<HTMLSelectElement>('[data-testid="group-select"]');
    assert.deepEqual([...select.options].map((o) => o.value), ['consumer-group-01', 'consumer-group-02']);
    select.value = 'consumer-group-02';
    select.dispatchEvent(new h.window.Event('change') as unknown as Event);
    h.app.flush();
    assert.deepEqual(h.qa('[data-testid="group"]').map((g) => g.dataset.group), ['consumer-group-02']);
    assert.equal((h.api.state as { selectedGroup: string }).selectedGroup, 'consumer-group-02');
    assert.ok(h.qa('[data-testid="open-panel"]').length === 1);
  });
});
