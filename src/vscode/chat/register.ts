/**
 * Wires the chat panel: the session (core) with its VS Code environment, the webview view provider,
 * the selection chip feed and the two commands. `registerChat(services)` returns everything to dispose.
 */
import * as vscode from 'vscode';
import type { ChatEnvironment } from '../../core/chat/session';
import { ChatSession } from '../../core/chat/session';
import { registerCommands } from '../commandRunner';
import type { Services } from '../services';
import { insertAtCursor, openSource, readSelection, selectionRefOf, uriInWorkspace } from './editorBridge';
import { CHAT_VIEW_ID, ChatViewProvider } from './provider';

const SELECTION_DEBOUNCE_MS = 150;

export function chatEnvironment(services: Services): ChatEnvironment {
  return {
    logger: services.logger,
    config: () => services.config(),
    store: services.context.workspaceState,
    async retriever(path) {
      const uri = path ? await uriInWorkspace(path) : vscode.window.activeTextEditor?.document.uri;
      const engine = await services.indexes.engineFor(uri?.scheme === 'file' ? uri : undefined);
      return engine?.retriever;
    },
    modelClient: (role, target) => services.models.clientFor(role, target),
    modelConfigured: () => services.models.isConfigured('chat'),
    readSelection,
    actions: {
      openSource,
      openLink: async (url) => {
        await vscode.env.openExternal(vscode.Uri.parse(url, true));
      },
      copy: async (code) => {
        await vscode.env.clipboard.writeText(code);
      },
      insert: insertAtCursor,
      configureModel: async () => {
        const commands = await vscode.commands.getCommands(true);
        if (commands.includes('groundwork.configureModel')) await vscode.commands.executeCommand('groundwork.configureModel');
        else await vscode.commands.executeCommand('workbench.action.openSettings', 'groundwork.models.chat');
      },
      showLogs: () => services.showLogs(),
    },
  };
}

export function registerChat(services: Services): vscode.Disposable[] {
  const session = new ChatSession(chatEnvironment(services));
  const provider = new ChatViewProvider(services.context.extensionUri, session, services.logger);

  let timer: NodeJS.Timeout | undefined;
  let lastKey = '';
  const publishSelection = (editor: vscode.TextEditor | undefined) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const ref = selectionRefOf(editor);
      const key = ref ? `${ref.path}:${ref.startLine}-${ref.endLine}` : '';
      if (key === lastKey) return;
      lastKey = key;
      session.setSelection(ref);
    }, SELECTION_DEBOUNCE_MS);
  };
  publishSelection(vscode.window.activeTextEditor);

  return [
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider),
    vscode.window.onDidChangeTextEditorSelection((e) => publishSelection(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      // Focus moving to a panel or the chat itself leaves the chip as it was.
      if (editor) publishSelection(editor);
    }),
    services.onDidChangeConfig(() => session.refresh()),
    ...registerCommands(
      {
        'groundwork.openChat': () => vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`),
        'groundwork.newChat': () => session.newChat(),
      },
      services.logger,
      () => services.showLogs(),
    ),
    {
      dispose: () => {
        if (timer) clearTimeout(timer);
        session.dispose();
      },
    },
  ];
}
