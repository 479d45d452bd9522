import { strict as assert } from 'node:assert';
import type { SessionHost } from '../../../src/extension/session/sessionHost';
import type { WebviewConnection } from '../../../src/extension/views/webviewConnection';
import { ObservedExtension, SHOWN_ERRORS_KEPT, TestHooks } from '../../../src/extension/testing/testHooks';

/** A connection that only records what it was asked to handle. */
function fakeConnection(received: unknown[]): WebviewConnection {
  return {
    receive: (m: unknown) => received.push(m),
    stats: () => ({ view: 'panel', visible: true, ready: true, inits: 1, updates: 2, rejected: 0, errors: 0 }),
  } as unknown as WebviewConnection;
}

function observed(parts: Partial<ObservedExtension> = {}): ObservedExtension {
  return {
    host: {} as SessionHost,
    contextKeys: { current: () => ({ 'kafkaLab.running': true }) },
    statusBar: { text: '$(pulse) Kafka Lab' },
    sidebar: { openConnection: undefined },
    panels: { openConnection: undefined },
    ...parts,
  };
}

describe('Test hooks (only outside Production mode)', () => {
  it('record each error shown, oldest first, and still show it with its buttons', async () => {
    const hooks = new TestHooks();
    const shown: Array<[string, string[]]> = [];
    const show = hooks.recordingErrors((message, ...buttons) => {
      shown.push([message, buttons]);
      return Promise.resolve(buttons[0]);
    });
    assert.equal(await show('Kafka Lab: first'), undefined);
    assert.equal(await show('Kafka Lab: second', 'Open', 'Cancel'), 'Open');
    assert.deepEqual(shown, [['Kafka Lab: first', []], ['Kafka Lab: second', ['Open', 'Cancel']]]);
    const api = hooks.api(observed());
    assert.deepEqual(api.errors(), ['Kafka Lab: first', 'Kafka Lab: second']);
    assert.deepEqual(api.errors(true), ['Kafka Lab: first', 'Kafka Lab: second'], 'clear returns the list, then empties it');
    assert.deepEqual(api.errors(), []);
  });

  it(`keep only the last ${SHOWN_ERRORS_KEPT} errors`, () => {
    const hooks = new TestHooks();
    const show = hooks.recordingErrors(() => Promise.resolve(undefined));
    for (let i = 1; i <= SHOWN_ERRORS_KEPT + 20; i++) void show(`error ${i}`);
    const errors = hooks.api(observed()).errors();
    assert.equal(errors.length, SHOWN_ERRORS_KEPT);
    assert.equal(errors[0], 'error 21');
    assert.equal(errors.at(-1), `error ${SHOWN_ERRORS_KEPT + 20}`);
  });

  it('hand a message to the open view only, and say when the view is not open', () => {
    const received: unknown[] = [];
    const api = new TestHooks().api(observed({ panels: { openConnection: fakeConnection(received) } }));
    assert.equal(api.sendFromWebview('sidebar', { type: 'control', command: 'step' }), false);
    assert.equal(api.sendFromWebview('panel', { type: 'control', command: 'play' }), true);
    assert.deepEqual(received, [{ type: 'control', command: 'play' }]);
    assert.deepEqual(api.views(), { sidebar: undefined, panel: { view: 'panel', visible: true, ready: true, inits: 1, updates: 2, rejected: 0, errors: 0 } });
  });

  it('read the context keys and the status bar as the extension set them', () => {
    const api = new TestHooks().api(observed());
    assert.deepEqual(api.contextKeys(), { 'kafkaLab.running': true });
    assert.equal(api.statusBarText(), '$(pulse) Kafka Lab');
  });
});
