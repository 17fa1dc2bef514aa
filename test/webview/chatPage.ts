/**
 * A static page for testing the chat webview in headless Chromium: the real bundle (built from
 * src/webview/chat/main.ts with esbuild into a temp dir), the real stylesheet and the production
 * HTML with its CSP, served from 127.0.0.1. `acquireVsCodeApi` is stubbed to record posted messages.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chatHtml } from '../../src/vscode/chat/html';
import { tempDir } from '../support/tmp';

const ROOT = path.resolve(__dirname, '../..');

export interface ChatPageServer {
  /** The page with the production CSP. */
  url: string;
  /** The same page without the CSP meta tag: the renderer alone must keep answers inert. */
  urlWithoutCsp: string;
  close(): Promise<void>;
}

export async function buildChatBundle(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'chat.js');
  await build({
    entryPoints: [path.join(ROOT, 'src/webview/chat/main.ts')],
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', outfile, logLevel: 'warning',
  });
  return outfile;
}

export async function serveChatPage(): Promise<ChatPageServer> {
  const tmp = tempDir('gw-webview-');
  const script = readFileSync(await buildChatBundle(tmp.dir), 'utf8');
  const style = readFileSync(path.join(ROOT, 'media/chat.css'), 'utf8');
  let origin = '';
  const page = (csp: boolean) => {
    const html = chatHtml({ cspSource: origin, nonce: 'testnonce123', scriptUri: `${origin}/chat.js`, styleUri: `${origin}/chat.css` });
    return csp ? html : html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '');
  };
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/chat.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    if (url === '/chat.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(style);
    if (url === '/' || url === '/nocsp') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(url === '/'));
    if (url === '/favicon.ico') return void res.writeHead(204).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    urlWithoutCsp: `${origin}/nocsp`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          tmp.cleanup();
          resolve();
        });
      }),
  };
}

/** Runs in the page before its scripts: the VS Code webview API, recording what the panel posts. */
export const STUB_VSCODE_API = `
  window.__posted = [];
  window.__state = undefined;
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
`;
