/** The chat webview's HTML: strict CSP, one nonce'd script, one stylesheet, no inline code. */
import { randomBytes } from 'node:crypto';

export interface ChatHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  /** `asWebviewUri` of dist/webview/chat.js and media/chat.css. */
  scriptUri: string;
  styleUri: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function chatHtml(options: ChatHtmlOptions): string {
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(options.styleUri)}">
<title>Groundwork Chat</title>
</head>
<body>
<div id="root"></div>
<script nonce="${attr(options.nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>`;
}
