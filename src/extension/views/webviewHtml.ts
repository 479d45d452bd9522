/**
 * The HTML of both simulator webviews (the sidebar view and the panel): a strict Content
 * Security Policy with a fresh nonce per render, only the bundled script and stylesheets, no
 * inline script, handler or style. The webview script renders into `#app` and reads which view it
 * is from `data-view`.
 *
 * No `vscode` import (unit-tested in Node): the caller passes `webview.cspSource` and the
 * `asWebviewUri` strings.
 */
import type { ViewKind } from '../../protocol/messages';

export interface WebviewHtmlInput {
  readonly view: ViewKind;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(...)` of dist/webview/main.js, main.css and codicons/codicon.css. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly codiconsUri: string;
  /** Document title (localised) and language (`vscode.env.language`). */
  readonly title: string;
  readonly lang: string;
  /** A fresh nonce for this render (see `createNonce`). */
  readonly nonce: string;
}

/** 32 random characters from [A-Za-z0-9] (crypto.getRandomValues: the Node and web hosts both have it). */
export function createNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function webviewHtml(input: WebviewHtmlInput): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(input.nonce)) throw new Error('webviewHtml: the nonce must be at least 16 letters and digits');
  const a = escapeAttr;
  return `<!DOCTYPE html>
<html lang="${a(input.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${a(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${a(input.codiconsUri)}">
<link rel="stylesheet" href="${a(input.styleUri)}">
<title>${a(input.title)}</title>
</head>
<body>
<div id="app" data-view="${a(input.view)}"></div>
<script nonce="${a(input.nonce)}" src="${a(input.scriptUri)}"></script>
</body>
</html>
`;
}
