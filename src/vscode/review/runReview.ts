/**
 * Review Selection / Review File: the active editor's selection (whole file when empty) → core
 * reviewCode with the folder's retriever, under a cancellable progress notification → threads.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import { reviewRecord } from '../../core/feedback/log';
import type { RetrievalResult, Retriever } from '../../core/retrieve/types';
import { reviewCode } from '../../core/review/review';
import { toAbortSignal } from '../cancellation';
import type { Services } from '../services';
import type { ReviewThreads } from './reviewThreads';

/** For files outside every workspace folder: no index, so the prompt says the context is thin. */
const noContext: Retriever = {
  retrieve: async (): Promise<RetrievalResult> => ({ chunks: [], standards: [], files: [], functions: [], thin: true }),
};

/** 1-based inclusive lines of a selection; a selection ending at column 0 does not include that line. */
export function selectedLines(selection: vscode.Selection): { startLine: number; endLine: number } {
  const end = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  return { startLine: selection.start.line + 1, endLine: end + 1 };
}

export async function runReview(services: Services, threads: ReviewThreads, wholeFile: boolean, uriArg?: unknown): Promise<void> {
  const editor = await editorFor(uriArg);
  if (!editor) {
    void vscode.window.showInformationMessage('Groundwork: open a file to review.');
    return;
  }
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage(
      'Groundwork: this workspace is not trusted, so no code is sent to a model. Trust the workspace to review code.',
      'Manage Workspace Trust',
    );
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  if (!services.models.isConfigured('review')) {
    const choice = await vscode.window.showInformationMessage('Groundwork: no review model is configured yet.', 'Configure Model');
    if (choice) await vscode.commands.executeCommand('groundwork.configureModel', 'review');
    return;
  }
  const document = editor.document;
  const engine = await services.indexes.engineFor(document.uri);
  const root = engine?.root ?? path.dirname(document.uri.fsPath);
  const rel = path.relative(root, document.uri.fsPath).split(path.sep).join('/');
  const range = wholeFile || editor.selection.isEmpty ? undefined : selectedLines(editor.selection);
  const where = range ? `${rel}:${range.startLine}-${range.endLine}` : rel;

  const record = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Groundwork: reviewing ${where}`, cancellable: true },
    async (progress, token) => {
      const { signal, dispose } = toAbortSignal(token);
      try {
        const target = { path: rel, language: document.languageId };
        const client = await services.models.clientFor('review', target);
        progress.report({ message: `${client.settings.model}…` });
        const result = await reviewCode({
          file: { ...target, text: document.getText() },
          ...(range ? { range } : {}),
          retriever: engine?.retriever ?? noContext,
          client,
          config: services.config(),
          signal,
          logger: services.logger,
        });
        return reviewRecord(result, document.languageId);
      } finally {
        dispose();
      }
    },
  );
  const shown = threads.show(document.uri, root, record);
  const n = record.result.comments.length;
  services.logger.info(
    `review ${where}: ${n} comment(s) from ${record.result.model} (${shown.added.length} new, ${shown.changed.length} changed, ${shown.removed.length} removed)`,
  );
  const message = n === 0
    ? `Groundwork: no comments on ${where}. ${record.result.summary}`
    : `Groundwork: ${n} comment${n === 1 ? '' : 's'} on ${where}.`;
  void vscode.window.showInformationMessage(message);
}

async function editorFor(uriArg: unknown): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  if (!(uriArg instanceof vscode.Uri) || active?.document.uri.toString() === uriArg.toString()) return active;
  return vscode.window.showTextDocument(uriArg);
}
