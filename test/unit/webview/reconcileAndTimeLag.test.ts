import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WEBVIEW_STRINGS } from '../../../src/protocol/webviewStrings';
import { snapshot } from '../../../src/sim/snapshot';
import { Harness, mount, run, text } from './helpers';

describe('webview: KIP-848 current vs target assignment on the member cards', () => {
  let h: Harness;
  afterEach(() => h?.close());

  const card = (client: string): HTMLElement => h.q(`[data-testid="consumer-card"][data-client="${client}"]`);
  const reconcile = (client: string): HTMLElement => h.q('[data-testid="consumer-reconcile"]', card(client));

  it('shows what a member owns against its target, the partitions to revoke and to receive marked', () => {
    // 10-no-stop-the-world: at 20.1 s the coordinator's epoch-3 target gives P0 to consumer01, P2 to consumer02, P1 to consumer03.
    const r = run('10', 20_150);
    h = mount('panel');
    h.send(r.init('panel'));
    assert.equal(reconcile('consumer01').hidden, false);
    assert.equal(text(h.q('.reconcile-line', reconcile('consumer01'))), 'owns P0, P1, P2 · target P0');
    assert.equal(text(h.q('[data-testid="reconcile-moves"]', reconcile('consumer01'))), 'to revoke: P1, P2');
    const owned = h.qa('[data-testid="reconcile-owns"] .reconcile-partition', reconcile('consumer01'));
    assert.deepEqual(owned.map((el) => el.classList.contains('revoking')), [false, true, true]);
    assert.equal(text(h.q('.reconcile-line', reconcile('consumer02'))), 'owns nothing · target P2');
    assert.equal(text(h.q('[data-testid="reconcile-moves"]', reconcile('consumer02'))), 'to receive: P2');
    assert.ok(h.q('[data-testid="reconcile-target"] .reconcile-partition', reconcile('consumer02')).classList.contains('incoming'));
    assert.match(reconcile('consumer02').getAttribute('title')!, /Member epoch \d+, target epoch 3\./);

    // consumer01 gave up P1 and P2 at 20.2 s: it owns its target; consumer02 waits for its next heartbeat.
    h.send(r.update(1_000));
    assert.equal(reconcile('consumer01').hidden, true);
    assert.equal(text(h.q('[data-testid="reconcile-moves"]', reconcile('consumer02'))), 'to receive: P2');
    // At 25.1 s everyone owns its target: no card shows the line.
    h.send(r.update(5_000));
    for (const c of ['consumer01', 'consumer02', 'consumer03']) assert.equal(reconcile(c).hidden, true, c);
  });

  it('is what walkthrough step 10 tells the reader to look at, in English and Korean', () => {
    const root = path.resolve(__dirname, '../../../..');
    const ko = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
    const korean = Object.fromEntries(Object.entries(WEBVIEW_STRINGS).map(([k, v]) => [k, ko[v] ?? v]));
    for (const [lang, strings] of [['en', { ...WEBVIEW_STRINGS }], ['ko', korean]] as const) {
      const page = fs.readFileSync(path.join(root, `media/walkthrough/${lang}/10-no-stop-the-world.md`), 'utf8');
      const r = run('10', 20_150);
      h = mount('panel');
      h.send(r.init('panel', strings));
      const line = text(h.q('.reconcile-line', reconcile('consumer01')));
      assert.ok(page.includes(`**${line}**`), `${lang}: the page quotes "${line}"`);
      const moves = text(h.q('[data-testid="reconcile-moves"]', reconcile('consumer01'))).split(':')[0]!;
      assert.ok(page.includes(moves), `${lang}: the page names "${moves}"`);
      h.close();
    }
  });

  it('never shows it for a classic member', () => {
    const r = run('04', 21_500);
    h = mount('panel');
    h.send(r.init('panel'));
    assert.ok(h.qa('[data-testid="consumer-reconcile"]').length > 0);
    assert.ok(h.qa('[data-testid="consumer-reconcile"]').every((el) => el.hidden));
  });
});

describe('webview: time lag and records-lag', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('shows per partition how far behind in time it is and the client-side records-lag, and the group’s largest time lag', () => {
    const r = run('02', 32_000);
    h = mount('panel');
    h.send(r.init('panel'));
    const g = snapshot(r.sim).groups[0]!;
    assert.ok(g.maxTimeLagMs > 0);
    for (const p of g.partitions) {
      const cell = h.q(`[data-testid="partition-row"][data-partition="${p.partition}"] [data-testid="partition-owner"][data-group="${g.groupId}"]`);
      const timeLag = h.q('[data-testid="partition-time-lag"]', cell);
      assert.equal(timeLag.dataset.timeLag, String(p.timeLagMs));
      assert.match(text(timeLag), /behind$/);
      const recordsLag = h.q('[data-testid="partition-records-lag"]', cell);
      assert.equal(recordsLag.dataset.recordsLag, String(p.recordsLag));
      assert.equal(text(recordsLag), `records-lag ${p.recordsLag!.toLocaleString('en-US')}`);
      assert.match(recordsLag.getAttribute('title')!, /fetched but not committed yet/);
    }
    const groupTimeLag = h.q('[data-testid="group-time-lag"]');
    assert.equal(groupTimeLag.dataset.timeLag, String(g.maxTimeLagMs));
    assert.equal(g.maxTimeLagMs, Math.max(...g.partitions.map((p) => p.timeLagMs ?? 0)));
  });

  it('charts the group’s time lag as a third mode, with its own accessible summary', () => {
    const r = run('02', 10_000);
    h = mount('panel');
    h.send(r.init('panel'));
    for (let i = 0; i < 5; i++) {
      h.send(r.update(2_000));
      }
    const timeButton = h.q('[data-testid="chart-mode-time"]');
    assert.equal(text(timeButton), 'Time lag');
    assert.equal(timeButton.getAttribute('aria-pressed'), 'false');
    timeButton.click();
    h.app.flush();
    assert.equal(timeButton.getAttribute('aria-pressed'), 'true');
    assert.equal(h.q('[data-testid="lag-chart"]').dataset.mode, 'time');
    const summary = text(h.q('[data-testid="chart-summary"]'));
    assert.match(summary, /^Time lag of consumer-group-01 \(age of the oldest unconsumed record\): now \d/);
    assert.equal(h.q('[data-testid="lag-chart-svg"]').getAttribute('aria-label'), summary);
    // Back to records: the records summary again.
    h.q('[data-testid="chart-mode-total"]').click();
    h.app.flush();
    assert.match(text(h.q('[data-testid="chart-summary"]')), /^Lag of consumer-group-01: now \d/);
  });
});
