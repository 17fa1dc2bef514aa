/**
 * The Chat webview view: sets up the webview (scripts on, local resources limited to dist/webview
 * and media, strict CSP) and connects it to the session. A view can be destroyed and resolved again
 * (when it is hidden and shown): each time the new webview re-attaches and says `ready`.
 */
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat/session';
import type { Logger } from '../../core/log';
import { chatHtml, createNonce } from './html';

export const CHAT_VIEW_ID = 'groundwork.chat';

export class ChatViewProvider implements vscode.WebviewViewProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: ChatSession,
    private readonly logger: Logger,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const scripts = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const webview = view.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [scripts, media] };
    webview.html = chatHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'chat.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.css')).toString(),
    });

    const detach = this.session.attach((message) => {
      webview.postMessage(message).then(
        (delivered) => delivered || this.logger.debug(`chat: the panel did not take a ${message.type} message (hidden?)`),
        (err: unknown) => this.logger.warn(`chat: could not post ${message.type} to the panel: ${String(err)}`),
      );
    });
    const received = webview.onDidReceiveMessage((raw: unknown) => {
      this.session.handle(raw).catch((err: unknown) => this.logger.error('chat: handling a panel message failed', err));
    });
    view.onDidDispose(() => {
      received.dispose();
      detach();
    });
  }
}
