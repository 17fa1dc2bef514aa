/**
 * Wires inline completions into VS Code: the provider for the languages the index knows, the
 * status bar toggle and its command. The completer's dependencies come from the Services; an
 * IndexContextSource is kept per engine (engines are replaced when settings change).
 */
import * as vscode from 'vscode';
import { InlineCompleter, type CompleterDeps } from '../../core/complete/completer';
import { IndexContextSource } from '../../core/complete/context';
import { excludedFromIndex } from '../../core/complete/exclude';
import type { Engine } from '../../core/engine';
import { errorMessage } from '../../core/errors';
import { registerCommands } from '../commandRunner';
import type { Services } from '../services';
import { GroundworkInlineCompletionProvider } from './provider';
import { CompletionStatusItem, toggleInlineCompletions } from './statusItem';

/** VS Code language ids of the languages the index parses. */
export const COMPLETION_LANGUAGES = [
  'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go', 'rust', 'java', 'c', 'cpp',
  'csharp', 'ruby', 'php', 'shellscript', 'kotlin', 'swift', 'dart', 'markdown', 'vue', 'svelte',
] as const;

export function registerCompletions(services: Services): vscode.Disposable[] {
  const { logger } = services;
  const sources = new WeakMap<Engine, IndexContextSource>();
  const uriOf = (documentId: string | undefined) => (documentId ? vscode.Uri.parse(documentId) : undefined);

  const sourceFor = async (uri: vscode.Uri | undefined): Promise<IndexContextSource | undefined> => {
    const engine = await services.indexes.engineFor(uri);
    if (!engine) return undefined;
    let source = sources.get(engine);
    if (!source) {
      source = new IndexContextSource(engine.store, logger, { deadlineMs: services.config().completion.contextDeadlineMs });
      sources.set(engine, source);
      source.warm().catch((err: unknown) => logger.warn(`Completion context could not load: ${errorMessage(err)}`));
    }
    return source;
  };
  // The context of the active editor's folder is loaded once its index is ready, not at the first
  // keystroke (a cold first completion would go without definitions), and read again after each
  // change of the index (a saved file compacts the tables: the view's row ids go stale).
  const warmActive = () => {
    const completion = services.config().completion;
    const doc = vscode.window.activeTextEditor?.document;
    if (services.indexes.state.kind !== 'ready' || !vscode.workspace.isTrusted || !completion.enabled || !doc) return;
    if (doc.uri.scheme !== 'file' || !(COMPLETION_LANGUAGES as readonly string[]).includes(doc.languageId)) return;
    sourceFor(doc.uri)
      .then((source) => source?.refresh())
      .catch((err: unknown) => logger.debug(`completion context not loaded ahead: ${errorMessage(err)}`));
  };

  const deps: CompleterDeps = {
    logger,
    config: () => services.config(),
    clientFor: (target) => services.models.clientFor('completion', target),
    contextFor: (req) => sourceFor(uriOf(req.documentId)),
    isTrusted: () => vscode.workspace.isTrusted,
    isExcluded: (req) => excludedFromIndex(req.path, services.config().index.exclude),
    repoName(req) {
      const uri = uriOf(req.documentId);
      return (uri && vscode.workspace.getWorkspaceFolder(uri)?.name) ?? vscode.workspace.name ?? 'workspace';
    },
  };
  const completer = new InlineCompleter(deps);
  const selector = COMPLETION_LANGUAGES.map((language) => ({ scheme: 'file', language }));
  const toggle = async () => {
    const enabled = await toggleInlineCompletions();
    if (!enabled) completer.cancel();
    logger.info(`Inline completions ${enabled ? 'on' : 'off'}.`);
  };
  const status = new CompletionStatusItem(() => services.config(), services.onDidChangeConfig);

  return [
    vscode.languages.registerInlineCompletionItemProvider(selector, new GroundworkInlineCompletionProvider(completer)),
    status,
    ...registerCommands({ 'groundwork.toggleInlineCompletions': toggle }, logger, () => services.showLogs()),
    services.onDidChangeConfig(() => completer.clearCache()),
    services.indexes.onDidChangeState(warmActive),
    vscode.window.onDidChangeActiveTextEditor(warmActive),
    { dispose: () => completer.cancel() },
  ];
}
