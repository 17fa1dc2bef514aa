/**
 * The VS Code side of inline completions, kept thin: document + position → CompletionRequest,
 * CancellationToken → AbortSignal, the answer → one InlineCompletionItem. All logic is in
 * core's InlineCompleter.
 */
import * as vscode from 'vscode';
import type { InlineCompleter } from '../../core/complete/completer';
import type { CompletionRequest } from '../../core/complete/types';
import { toAbortSignal } from '../cancellation';

/** Lines of the document around the cursor handed to core (it trims further for the prompt). */
const LINES_BEFORE = 400;
const LINES_AFTER = 150;

export class GroundworkInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  constructor(private readonly completer: InlineCompleter) {}

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    // While the suggest widget shows a choice, its item is what the user is about to insert.
    if (context.selectedCompletionInfo) return undefined;
    const request = requestFor(document, position);
    if (!request) return undefined;
    const { signal, dispose } = toAbortSignal(token);
    try {
      const result = await this.completer.complete(request, signal);
      if (!result || token.isCancellationRequested) return undefined;
      return [new vscode.InlineCompletionItem(result.text, new vscode.Range(position, position))];
    } finally {
      dispose();
    }
  }
}

/** The request for a cursor, or undefined for documents outside the workspace folders. */
export function requestFor(document: vscode.TextDocument, position: vscode.Position): CompletionRequest | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder || document.uri.scheme !== 'file') return undefined;
  const path = vscode.workspace.asRelativePath(document.uri, false).replace(/\\/g, '/');
  const first = Math.max(0, position.line - LINES_BEFORE);
  const last = Math.min(document.lineCount - 1, position.line + LINES_AFTER);
  return {
    path,
    language: document.languageId,
    prefix: document.getText(new vscode.Range(first, 0, position.line, position.character)),
    suffix: document.getText(new vscode.Range(position, document.lineAt(last).range.end)),
    line: position.line + 1,
    documentId: document.uri.toString(),
  };
}
