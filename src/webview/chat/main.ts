/** The chat webview's entry: connects the panel to the host and says `ready`. */
import type { HostMessage } from '../../core/chat/protocol';
import { ChatView } from './view';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function isHostMessage(data: unknown): data is HostMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

function start(): void {
  const api = acquireVsCodeApi();
  const saved = api.getState();
  const draft = typeof saved === 'object' && saved !== null && typeof (saved as { draft?: unknown }).draft === 'string'
    ? (saved as { draft: string }).draft
    : '';
  const root = document.getElementById('root') ?? document.body;
  const view = new ChatView(root, {
    post: (message) => api.postMessage(message),
    saveDraft: (text) => api.setState({ draft: text }),
    draft: () => draft,
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isHostMessage(event.data)) view.receive(event.data);
  });
  api.postMessage({ type: 'ready' });
}

start();
