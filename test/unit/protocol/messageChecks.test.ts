import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkAction, checkHostMessage, checkWebviewMessage } from '../../../src/protocol/messageChecks';

describe('protocol: messages from a webview are validated on receipt', () => {
  it('accepts every well-formed intent', () => {
    const good: unknown[] = [
      { type: 'ready', view: 'sidebar' },
      { type: 'control', command: 'play' },
      { type: 'set-speed', speed: 2.5 },
      { type: 'action', action: { action: 'crash-consumer', consumer: 'consumer04' } },
      { type: 'action', action: { action: 'add-partitions', topic: 'peter-01', partitions: 4 } },
      { type: 'action', action: { action: 'add-consumer', group: 'g', consumer: { clientId: 'c9', ratePerSec: 50 } } },
      { type: 'open-describe', group: 'consumer-group-01' },
      { type: 'open-panel' },
    ];
    for (const m of good) assert.deepEqual(checkWebviewMessage(m), { ok: true, value: m });
  });

  it('rejects unknown and malformed messages with the field, the value and what was expected', () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /message: expected an object, got null/],
      ['play', /message: expected an object, got "play"/],
      [{ type: 'launch-missiles' }, /type: "launch-missiles" is not a known message type/],
      [{ type: 'control', command: 'rewind' }, /command: "rewind" is not valid: expected one of play, pause, step, reset/],
      [{ type: 'set-speed', speed: 1000 }, /speed: 1000 is not valid: expected a number from 0.25 to 100/],
      [{ type: 'set-speed', speed: '2' }, /speed: "2" is not valid/],
      [{ type: 'ready', view: 'sidebar', extra: 1 }, /unexpected field\(s\) 'extra'/],
      [{ type: 'action', action: { action: 'add-partitions', topic: 'peter-01', partitions: -3 } }, /action\.partitions: -3 is not valid/],
      [{ type: 'action', action: { action: 'crash-consumer' } }, /action.*consumer/],
      [{ type: 'action', action: { action: 'teleport', consumer: 'x' } }, /action\.action: "teleport" is not valid/],
      [{ type: 'action', action: { action: 'crash-consumer', consumer: 'c', at: 5 } }, /action\.at: 5 is not allowed/],
      [{ type: 'open-describe', group: '' }, /group: "" is not valid/],
    ];
    for (const [m, reason] of cases) {
      const r = checkWebviewMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.match(r.message, reason);
    }
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (v) => {
        checkWebviewMessage(v);
        checkHostMessage(v);
        checkAction(v);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.record({ type: fc.constantFrom('ready', 'control', 'set-speed', 'action', 'open-describe', 'open-panel'), view: fc.anything(), command: fc.anything(), speed: fc.anything(), action: fc.anything(), group: fc.anything() }, { requiredKeys: ['type'] }), (v) => {
      checkWebviewMessage(v);
    }));
  });

  it('checks the host messages a webview receives', () => {
    assert.equal(checkHostMessage({ type: 'error', message: 'x' }).ok, true);
    assert.equal(checkHostMessage({ type: 'update', snapshot: {}, status: {}, events: [] }).ok, false);
    assert.equal(checkHostMessage({ type: 'nope' }).ok, false);
  });

  it('checks the shape of host snapshots, statuses and events, naming the field', () => {
    const status = { running: false, speed: 1, scenarioName: 's', userActions: 0 };
    const snap = { t: 0, tickMs: 100, seed: 1, scenario: 's', topics: [{ name: 't', partitions: [] }], producers: [], groups: [{ groupId: 'g', state: 'Empty', members: [], partitions: [] }], consumers: [{ clientId: 'c', group: 'g', assigned: [] }] };
    const init = { type: 'init', version: 1, view: 'panel', status, snapshot: snap, events: [{ t: 0, seq: 0, type: 'group-created', group: 'g' }], strings: { play: 'Play' } };
    assert.equal(checkHostMessage(init).ok, true);
    assert.equal(checkHostMessage({ type: 'update', status, snapshot: snap, events: [], reset: false }).ok, true);
    const cases: Array<[unknown, RegExp]> = [
      [{ ...init, view: 'editor' }, /^view: "editor" is not valid/],
      [{ ...init, strings: { play: 3 } }, /^strings: .* expected a record of strings/],
      [{ ...init, status: { ...status, running: 'yes' } }, /^status\.running: "yes" is not valid/],
      [{ ...init, snapshot: { ...snap, t: 'now' } }, /^snapshot\.t: "now" is not valid/],
      [{ ...init, snapshot: { ...snap, groups: [{ groupId: 'g' }] } }, /^snapshot\.groups: .* expected a list of \{ groupId, state, members, partitions/],
      [{ ...init, snapshot: { ...snap, consumers: 'none' } }, /^snapshot\.consumers: "none" is not valid/],
      [{ ...init, events: [{ type: 'x' }] }, /^events\[0\]: .* expected an event/],
      [{ type: 'update', status, snapshot: snap, events: [] }, /^reset: undefined is not valid/],
      [{ type: 'error', message: 4 }, /^message: 4 is not valid/],
    ];
    for (const [m, reason] of cases) {
      const r = checkHostMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.match(r.message, reason);
    }
  });
});

describe('protocol: comparing rebalance protocols', () => {
  const row = { variant: 'kip848', label: 'KIP-848 consumer (uniform)', rounds: 2, maxUnownedMs: 0, totalUnownedMs: 0, processed: 1200, duplicates: 0, outOfOrder: 0 };

  it('accepts compare-protocols from a webview, and nothing else in it', () => {
    assert.deepEqual(checkWebviewMessage({ type: 'compare-protocols' }), { ok: true, value: { type: 'compare-protocols' } });
    const r = checkWebviewMessage({ type: 'compare-protocols', scenario: 'x' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /unexpected field\(s\) 'scenario' in a 'compare-protocols' message/);
    const unknown = checkWebviewMessage({ type: 'compare' });
    assert.equal(unknown.ok, false);
    if (!unknown.ok) assert.match(unknown.message, /expected ready, control, set-speed, action, open-describe, open-panel or compare-protocols/);
  });

  it('accepts a well-formed comparison and names the field of a malformed one', () => {
    const good = { type: 'comparison', rows: [row, { ...row, variant: 'classic-eager' }, { ...row, variant: 'classic-cooperative' }], scenarioName: '9. Operate it', untilMs: 120_000 };
    assert.deepEqual(checkHostMessage(good), { ok: true, value: good });
    assert.equal(checkHostMessage({ ...good, rows: [] }).ok, true);
    const cases: Array<[unknown, RegExp]> = [
      [{ ...good, rows: 'none' }, /^rows: "none" is not valid: expected a list/],
      [{ ...good, rows: [null] }, /^rows\[0\]: null is not valid: expected an object/],
      [{ ...good, rows: [{ ...row, variant: 'classic-lazy' }] }, /^rows\[0\]\.variant: "classic-lazy" is not valid: expected one of classic-eager, classic-cooperative, kip848/],
      [{ ...good, rows: [{ ...row, label: 3 }] }, /^rows\[0\]\.label: 3 is not valid/],
      [{ ...good, rows: [row, { ...row, duplicates: -1 }] }, /^rows\[1\]\.duplicates: -1 is not valid: expected a number ≥ 0/],
      [{ ...good, rows: [{ ...row, maxUnownedMs: 'long' }] }, /^rows\[0\]\.maxUnownedMs: "long" is not valid/],
      [{ ...good, scenarioName: undefined }, /^scenarioName: undefined is not valid: expected a string/],
      [{ ...good, untilMs: Number.NaN }, /^untilMs: null is not valid|^untilMs: NaN is not valid/],
    ];
    for (const [m, reason] of cases) {
      const r = checkHostMessage(m);
      assert.equal(r.ok, false, JSON.stringify(m));
      if (!r.ok) assert.match(r.message, reason);
    }
  });

  it('validates the add-share-consumer action a view sends', () => {
    const m = { type: 'action', action: { action: 'add-share-consumer', group: 'share-group-01', consumer: { clientId: 'worker05', ratePerSec: 40 } } };
    assert.deepEqual(checkWebviewMessage(m), { ok: true, value: m });
    assert.equal(checkWebviewMessage({ type: 'action', action: { action: 'add-share-consumer', group: 'share-group-01', consumer: { clientId: 'worker05', ratePerSec: -1 } } }).ok, false);
  });
});

describe('protocol: one result shape for every check', () => {
  it('refuses with { ok: false, message } and accepts with { ok: true, value }, as command arguments do', () => {
    assert.deepEqual(checkWebviewMessage({ type: 'control', command: 'rewind' }), {
      ok: false,
      message: 'command: "rewind" is not valid: expected one of play, pause, step, reset',
    });
    assert.deepEqual(checkAction({ action: 'crash-consumer', consumer: 'consumer04' }), { ok: true, value: { action: 'crash-consumer', consumer: 'consumer04' } });
  });
});
