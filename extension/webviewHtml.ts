import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import * as vscode from 'vscode';
import { pageLoadWatch } from './pageLoadWatch';
import { canvasCsp } from './webviewCsp';

/**
 * The folders a canvas webview may load from: the extension's bundle and media, and the renders of
 * the canvas's own project (03_Renders, for thumbnails and players); nothing else in the workspace.
 */
export function webviewOptions(extensionUri: vscode.Uri, renders?: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media'), ...(renders ? [renders] : [])],
  };
}

/**
 * The canvas page: a root element, the bundle, and one inline script that reports a bundle or
 * stylesheet that failed to load (pageLoadWatch.ts). The nonce comes from the CSPRNG
 * and is new for every page, so no injected script or style can guess it.
 *
 * Styles: the bundle's CSS is a file from cspSource. React sets inline styles through the CSSOM
 * (`element.style`), which CSP does not govern, and lit (@vscode-elements) uses constructable
 * stylesheets (`adoptedStyleSheets`), also outside style-src; so 'unsafe-inline' is not needed. A
 * library that does append a <style> element must give it this nonce: the webview can read it from
 * its own script tag (`document.currentScript.nonce`, e.g. for `window.litNonce`).
 */
export function canvasHtml(webview: vscode.Webview, extensionUri: vscode.Uri, connect: readonly string[] = []): string {
  const nonce = randomBytes(18).toString('base64');
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js'));
  const cssFile = vscode.Uri.joinPath(dist, 'webview.css');
  // esbuild writes webview.css only when the webview imports CSS; linking a missing file would log a 404.
  const css = fs.existsSync(cssFile.fsPath) ? webview.asWebviewUri(cssFile) : undefined;
  const csp = canvasCsp(nonce, webview.cspSource, connect);
  const watch = pageLoadWatch([script.toString(), ...(css ? [css.toString()] : [])]);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<script nonce="${nonce}">${watch}</script>
${css ? `<link rel="stylesheet" href="${css.toString()}" nonce="${nonce}">\n` : ''}<title>BMAD Canvas</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
