import { strict as assert } from 'node:assert';
import { ArgumentChecker } from '../../../src/extension/commands/arguments';
import { checkWebviewMessage } from '../../../src/protocol/messageChecks';
import { snapshot } from '../../../src/sim/snapshot';
import { Harness, mount, run, Run, text } from './helpers';

describe('webview: controls send validated intents', () => {
  let h: Harness;
  let r: Run;
  afterEach(() => {
    for (const m of h.api.posted) assert.equal(checkWebviewMessage(m).ok, true, `every posted message is valid: ${JSON.stringify(m)}`);
    h.close();
  });

  beforeEach(() => {
    r = run('05', 25_000);
    h = mount('panel');
    h.send(r.init('panel'));
    h.api.posted.length = 0;
  });

  const click = (sel: string, from?: ParentNode): void => {
    h.q(sel, from).click();
    h.app.flush();
  };
  const type = (sel: string, value: string, from?: ParentNode): void => {
    const input = h.q<HTMLInputElement>(sel, from);
    input.value = value;
    input.dispatchEvent(new h.window.Event('input') as unknown as Event);
  };
  const submit = (formSel: string, from?: ParentNode): void => {
    h.q<HTMLButtonElement>(`${formSel} [type="submit"]`, from).click();
    h.app.flush();
  };
  const error = (testid: string, from?: ParentNode): HTMLElement => h.q(`[data-testid="${testid}-error"]`, from);

  it('play/pause, step, reset and speed', () => {
    const play = h.q('[data-testid="control-play"]');
    assert.equal(play.tagName, 'BUTTON');
    assert.equal(play.getAttribute('aria-label'), 'Play');
    click('[data-testid="control-play"]');
    r.running = true;
    h.send(r.update(100));
    assert.equal(play.getAttribute('aria-label'), 'Pause');
    assert.equal(text(h.q('[data-testid="run-status"]')), 'Running');
    click('[data-testid="control-play"]');
    click('[data-testid="control-step"]');
    click('[data-testid="control-reset"]');
    const speed = h.q<HTMLSelectElement>('[data-testid="control-speed"]');
    assert.deepEqual([...speed.options].map((o) => Number(o.value)), [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100]);
    assert.equal(text(speed.selectedOptions[0]), '1×');
    speed.value = '25';
    speed.dispatchEvent(new h.window.Event('change') as unknown as Event);
    assert.deepEqual(h.api.posted, [
      { type: 'control', command: 'play' },
      { type: 'control', command: 'pause' },
      { type: 'control', command: 'step' },
      { type: 'control', command: 'reset' },
      { type: 'set-speed', speed: 25 },
    ]);
  });

  it('per-consumer actions on the card, with accessible names', () => {
    const card = h.q('[data-testid="consumer-card"][data-client="consumer02"]');
    for (const [testid, label] of [['consumer-stop', /^Stop consumer02 gracefully/], ['consumer-crash', /^Crash consumer02/], ['consumer-stall', /^Stall consumer02 for 30 s/], ['consumer-restart', /^Restart consumer02$/]] as const) {
      const b = h.q<HTMLButtonElement>(`[data-testid="${testid}"]`, card);
      assert.equal(b.tagName, 'BUTTON');
      assert.match(b.getAttribute('aria-label')!, label);
      assert.equal(b.getAttribute('title'), b.getAttribute('aria-label'));
    }
    assert.equal(h.q<HTMLButtonElement>('[data-testid="consumer-restart"]', card).disabled, true, 'a running consumer cannot be restarted');
    click('[data-testid="consumer-crash"]', card);
    click('[data-testid="consumer-stop"]', card);
    const stall = h.q<HTMLSelectElement>('[data-testid="stall-duration"]');
    stall.value = '360000';
    stall.dispatchEvent(new h.window.Event('change') as unknown as Event);
    h.app.flush();
    assert.match(h.q('[data-testid="consumer-stall"]', card).getAttribute('aria-label')!, /for 6 min/);
    click('[data-testid="consumer-stall"]', card);
    assert.deepEqual(h.api.posted, [
      { type: 'action', action: { action: 'crash-consumer', consumer: 'consumer02' } },
      { type: 'action', action: { action: 'stop-consumer', consumer: 'consumer02' } },
      { type: 'action', action: { action: 'stall-consumer', consumer: 'consumer02', duration: 360000 } },
    ]);
  });

  it('adds a consumer to the group: the next free client.id by default, validated input otherwise', () => {
    const group = h.q('[data-testid="group"][data-group="consumer-group-01"]');
    assert.equal(h.q<HTMLInputElement>('[data-testid="add-consumer-client-id"]', group).placeholder, 'consumer05');
    submit('[data-testid="add-consumer-form"]', group);
    type('[data-testid="add-consumer-client-id"]', 'consumer01', group);
    submit('[data-testid="add-consumer-form"]', group);
    const err = error('add-consumer-client-id', group);
    assert.equal(err.hidden, false);
    assert.equal(text(err), 'A consumer with client.id consumer01 already exists.');
    assert.equal(h.q('[data-testid="add-consumer-client-id"]', group).getAttribute('aria-invalid'), 'true');
    assert.equal(h.q('[data-testid="add-consumer-client-id"]', group).getAttribute('aria-describedby'), err.id);
    type('[data-testid="add-consumer-client-id"]', 'bad name!', group);
    assert.equal(err.hidden, true, 'typing clears the error');
    submit('[data-testid="add-consumer-form"]', group);
    assert.match(text(err), /may only contain letters/);
    type('[data-testid="add-consumer-client-id"]', 'fast-one', group);
    type('[data-testid="add-consumer-rate"]', '-3', group);
    submit('[data-testid="add-consumer-form"]', group);
    assert.match(text(error('add-consumer-rate', group)), /must be a number from 0 to 1,000,000/);
    type('[data-testid="add-consumer-rate"]', '250', group);
    submit('[data-testid="add-consumer-form"]', group);
    assert.deepEqual(h.api.posted, [
      { type: 'action', action: { action: 'add-consumer', group: 'consumer-group-01', consumer: { clientId: 'consumer05', ratePerSec: 50 } } },
      { type: 'action', action: { action: 'add-consumer', group: 'consumer-group-01', consumer: { clientId: 'fast-one', ratePerSec: 250 } } },
    ]);
  });

  it('adds partitions: only more, at most 10,000, whole numbers', () => {
    const form = '[data-testid="add-partitions-form"]';
    for (const bad of ['3', '2', '10001', '4.5', '-1']) {
      type('[data-testid="add-partitions-input"]', bad);
      submit(form);
      assert.equal(error('add-partitions-input').hidden, false, bad);
    }
    assert.match(text(error('add-partitions-input')), /Partitions only grow: enter a number from 4 to 10,000\./);
    type('[data-testid="add-partitions-input"]', '4.5');
    submit(form);
    assert.match(text(error('add-partitions-input')), /whole number/);
    type('[data-testid="add-partitions-input"]', '6');
    submit(form);
    assert.equal(error('add-partitions-input').hidden, true);
    assert.deepEqual(h.api.posted, [{ type: 'action', action: { action: 'add-partitions', topic: 'peter-01', partitions: 6 } }]);
  });

  it('sets the producer rate, adds a group, changes the assignment strategy', () => {
    type('[data-testid="producer-rate-input"]', '-1');
    submit('[data-testid="producer-rate-form"]');
    assert.equal(error('producer-rate-input').hidden, false);
    type('[data-testid="producer-rate-input"]', '500');
    submit('[data-testid="producer-rate-form"]');
    type('[data-testid="add-group-input"]', 'consumer-group-01');
    submit('[data-testid="add-group-form"]');
    assert.equal(text(error('add-group-input')), 'A group with group.id consumer-group-01 already exists.');
    type('[data-testid="add-group-input"]', 'audit');
    submit('[data-testid="add-group-form"]');
    const select = h.q<HTMLSelectElement>('[data-testid="assignor-select"]');
    select.value = 'cooperative-sticky';
    submit('[data-testid="assignor-form"]');
    assert.deepEqual(h.api.posted, [
      { type: 'action', action: { action: 'set-producer-rate', producer: 'producer-1', ratePerSec: 500 } },
      { type: 'action', action: { action: 'add-group', group: { groupId: 'audit', consumers: [{ clientId: 'consumer05', ratePerSec: 50, topics: ['peter-01'] }] } } },
      { type: 'action', action: { action: 'set-assignor', group: 'consumer-group-01', assignor: 'cooperative-sticky' } },
    ]);
  });

  it('shows an error the extension sends back as an alert', () => {
    h.send({ type: 'error', message: "consumer 'consumer02' is not running (it is crashed)" });
    const alert = h.q('[data-testid="notice-error"]');
    assert.equal(alert.getAttribute('role'), 'alert');
    assert.equal(text(alert), "consumer 'consumer02' is not running (it is crashed)");
    click('[data-testid="notice-dismiss"]', alert);
    assert.equal(h.qa('[data-testid="notice-error"]').length, 0);
  });

  it('every control is labelled and keyboard reachable (buttons are buttons, inputs have labels)', () => {
    for (const el of h.qa('input, select')) {
      const id = el.id;
      const label = id ? h.root.querySelector(`label[for="${id}"]`) : null;
      assert.ok(label && text(label).length > 0, `a label for ${el.outerHTML.slice(0, 80)}`);
    }
    for (const b of h.qa('button')) {
      const name = b.getAttribute('aria-label') ?? text(b);
      assert.ok(name.length > 0, `an accessible name for ${b.outerHTML.slice(0, 120)}`);
      assert.notEqual(b.getAttribute('tabindex'), '-1');
    }
    assert.equal(h.qa('[onclick], [onchange], [oninput], [onsubmit]').length, 0, 'no inline handlers');
    // Visible headings (the comparison and share-group sections stay hidden until they have content).
    assert.deepEqual(h.qa('h1, h2').filter((e) => !e.closest('[hidden]')).map((e) => e.tagName), ['H1', 'H2', 'H2', 'H2', 'H2']);
  });
});

describe('webview: the forms suggest the first free id, counting every consumer', () => {
  let h: Harness;
  afterEach(() => h.close());

  /** consumer01 and consumer04 in consumer-group-02, consumer02 and worker02 in a share group. */
  const mounted = (): Run => {
    const r = new Run({
      name: 'gaps',
      seed: 1,
      topics: [{ name: 'orders', partitions: 2 }],
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 10, keys: 5 }],
      groups: [{ groupId: 'consumer-group-02', consumers: [{ clientId: 'consumer01', ratePerSec: 10 }, { clientId: 'consumer04', ratePerSec: 10 }] }],
      shareGroups: [{ groupId: 'queue', consumers: [{ clientId: 'consumer02', ratePerSec: 10 }, { clientId: 'worker02', ratePerSec: 10 }] }],
    } as never);
    r.sim.runUntil(5_000);
    h = mount('panel');
    h.send(r.init('panel'));
    h.api.posted.length = 0;
    return r;
  };
  const placeholder = (testid: string): string | null => h.q(`[data-testid="${testid}"]`).getAttribute('placeholder');

  it('suggests consumer03 (not the highest + 1; consumer02 is a share consumer), worker01 and consumer-group-01, and adds them when the fields stay empty', () => {
    const r = mounted();
    assert.equal(placeholder('add-consumer-client-id'), 'consumer03');
    assert.equal(placeholder('add-share-consumer-client-id'), 'worker01');
    assert.equal(placeholder('add-group-input'), 'consumer-group-01');
    const palette = new ArgumentChecker(snapshot(r.sim), { t: (message) => message });
    assert.deepEqual([palette.suggestClientId(), palette.suggestGroupId()], ['consumer03', 'consumer-group-01'], 'the command palette suggests the same');
    assert.match(text(h.q('[data-testid="add-group-form"]').nextElementSibling), /consumer03/, 'the new group\'s consumer is the suggested one');
    for (const form of ['add-consumer-form', 'add-share-consumer-form', 'add-group-form']) h.q<HTMLButtonElement>(`[data-testid="${form}"] [type="submit"]`).click();
    assert.deepEqual(h.api.intents(), [
      { type: 'action', action: { action: 'add-consumer', group: 'consumer-group-02', consumer: { clientId: 'consumer03', ratePerSec: 50 } } },
      { type: 'action', action: { action: 'add-share-consumer', group: 'queue', consumer: { clientId: 'worker01', ratePerSec: 40 } } },
      { type: 'action', action: { action: 'add-group', group: { groupId: 'consumer-group-01', consumers: [{ clientId: 'consumer03', ratePerSec: 50, topics: ['orders'] }] } } },
    ]);
  });

  it('refuses, in the consumer group\'s form, a client.id a share consumer has', () => {
    mounted();
    const form = h.q('[data-testid="add-consumer-form"]');
    h.q<HTMLInputElement>('[data-testid="add-consumer-client-id"]', form).value = 'worker02';
    h.q<HTMLButtonElement>('[type="submit"]', form).click();
    assert.equal(text(h.q('[data-testid="add-consumer-client-id-error"]', form)), 'A consumer with client.id worker02 already exists.');
    assert.deepEqual(h.api.intents(), []);
  });

  it('suggests the next free id once the suggested one is taken', () => {
    const r = mounted();
    r.sim.apply({ action: 'add-consumer', group: 'consumer-group-02', consumer: { clientId: 'consumer03', ratePerSec: 10 } });
    r.sim.apply({ action: 'add-share-consumer', group: 'queue', consumer: { clientId: 'worker01', ratePerSec: 10 } });
    h.send(r.update(1_000));
    assert.equal(placeholder('add-consumer-client-id'), 'consumer05');
    assert.equal(placeholder('add-share-consumer-client-id'), 'worker03');
  });
});
