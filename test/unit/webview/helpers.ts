/** Rendering the webview in happy-dom, driven by a real engine. */
import { Window } from 'happy-dom';
import type { HostMessage, SessionStatus, ViewKind } from '../../../src/protocol/messages';
import { WEBVIEW_STRINGS } from '../../../src/protocol/webviewStrings';
import type { SimEvent } from '../../../src/sim/events';
import type { Scenario } from '../../../src/sim/scenario/types';
import { Simulation } from '../../../src/sim/simulation';
import { snapshot } from '../../../src/sim/snapshot';
import { App } from '../../../src/webview/app';
import { Host } from '../../../src/webview/host';
import { builtinScenario } from '../engine/helpers';

export { builtinScenario };

export class FakeVsCodeApi {
  readonly posted: unknown[] = [];
  state: unknown;
  setStateCalls = 0;
  postMessage(m: unknown): void {
    this.posted.push(JSON.parse(JSON.stringify(m)));
  }
  getState(): unknown {
    return this.state;
  }
  setState(s: unknown): void {
    this.state = JSON.parse(JSON.stringify(s));
    this.setStateCalls++;
  }
  /** Posted messages other than `ready`. */
  intents(): unknown[] {
    return this.posted.filter((m) => (m as { type: string }).type !== 'ready');
  }
}

export interface Harness {
  readonly window: Window;
  readonly document: Document;
  readonly root: HTMLElement;
  readonly api: FakeVsCodeApi;
  readonly app: App;
  readonly errors: unknown[][];
  /** Animation frames the app asked for (it renders in them), all told. */
  framesRequested(): number;
  /** Runs the frames asked for and not run yet (what the browser does before the next paint). */
  runFrames(): void;
  /** Delivers a host message and renders (what one animation frame does). */
  send(msg: unknown): void;
  q<T extends Element = HTMLElement>(selector: string, from?: ParentNode): T;
  qa<T extends Element = HTMLElement>(selector: string, from?: ParentNode): T[];
  close(): void;
}

export function mount(view: ViewKind = 'panel', opts: { state?: unknown; bodyClass?: string } = {}): Harness {
  const window = new Window({ url: 'https://webview.test/', width: view === 'panel' ? 1280 : 320, height: 800 });
  const document = window.document as unknown as Document;
  if (opts.bodyClass) document.body.classList.add(opts.bodyClass);
  const root = document.createElement('div');
  root.id = 'app';
  root.dataset.view = view;
  document.body.appendChild(root);
  const api = new FakeVsCodeApi();
  api.state = opts.state;
  const errors: unknown[][] = [];
  const log = { error: (...a: unknown[]) => errors.push(a) };
  const frames: Array<() => void> = [];
  let requested = 0;
  const schedule = (callback: () => void): void => {
    requested++;
    frames.push(callback);
  };
  const app = new App({ root, host: new Host(api, log), schedule, log });
  app.start();
  const q = <T extends Element = HTMLElement>(selector: string, from: ParentNode = root): T => {
    const el = from.querySelector(selector);
    if (!el) throw new Error(`no element matches ${selector}`);
    return el as T;
  };
  return {
    window,
    document,
    root,
    api,
    app,
    errors,
    framesRequested: () => requested,
    runFrames(): void {
      for (const callback of frames.splice(0)) callback();
    },
    send(msg: unknown): void {
      app.receive(msg);
      app.flush();
    },
    q,
    qa: <T extends Element = HTMLElement>(selector: string, from: ParentNode = root): T[] => [...from.querySelectorAll(selector)] as T[],
    close: () => void window.happyDOM.close(),
  };
}

/** A running simulation with its events, as the extension's session would hold it. */
export class Run {
  readonly events: SimEvent[] = [];
  readonly sim: Simulation;
  private sent = 0;
  running = false;
  speed = 1;
  constructor(readonly scenario: Scenario) {
    this.sim = new Simulation(scenario, (e) => this.events.push(e));
  }
  status(): SessionStatus {
    return { running: this.running, speed: this.speed, scenarioName: this.scenario.name, userActions: 0 };
  }
  init(view: ViewKind = 'panel', strings: Record<string, string> = { ...WEBVIEW_STRINGS }): HostMessage {
    this.sent = this.events.length;
    return { type: 'init', version: 1, view, status: this.status(), snapshot: snapshot(this.sim), events: this.events.slice(-500), strings };
  }
  /** Advances and returns the update the extension would send. */
  update(ms: number, reset = false): HostMessage {
    if (ms > 0) this.sim.advance(ms);
    const events = this.events.slice(this.sent);
    this.sent = this.events.length;
    return { type: 'update', status: this.status(), snapshot: snapshot(this.sim), events, reset };
  }
}

export function run(prefix: string, ms: number): Run {
  const r = new Run(builtinScenario(prefix));
  r.sim.runUntil(ms);
  return r;
}

/** Text of an element with whitespace collapsed. */
export const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
