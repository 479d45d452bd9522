/**
 * The simulator webview's entry point (bundled to dist/webview/main.js, an IIFE). The HTML shell
 * provides `<div id="app" data-view="sidebar|panel">`; this script says `ready`, then renders
 * every `init` / `update` the extension sends.
 */
import { App } from './app';
import { Host, VsCodeApi } from './host';

declare function acquireVsCodeApi(): VsCodeApi;

function boot(): void {
  const root = document.getElementById('app');
  if (!root) {
    console.error('Kafka Lab webview: no #app element in the page');
    return;
  }
  const app = new App({ root, host: new Host(acquireVsCodeApi()) });
  window.addEventListener('message', (event: MessageEvent) => app.receive(event.data));
  app.start();
}

boot();
