/** Apply Suggestion (an undoable workspace edit of the comment's lines) and Dismiss; both are recorded as feedback. */
import * as vscode from 'vscode';
import { GroundworkError } from '../../core/errors';
import type { FeedbackRecorder } from '../feedback/feedbackRecorder';
import { endLineOf } from './reconcile';
import type { ReviewThread, ReviewThreads } from './reviewThreads';

function threadOf(threads: ReviewThreads, arg: unknown): ReviewThread {
  const thread = threads.find(arg);
  if (!thread) throw new GroundworkError('That review comment is no longer shown (it was applied, dismissed or cleared). Review the code again.');
  return thread;
}

export async function applySuggestion(threads: ReviewThreads, recorder: FeedbackRecorder, arg: unknown): Promise<void> {
  const t = threadOf(threads, arg);
  const suggestion = t.comment.suggestion;
  if (suggestion === undefined) throw new GroundworkError('This comment has no suggestion to apply.');
  const document = await vscode.workspace.openTextDocument(t.uri);
  const first = t.comment.line - 1;
  const last = Math.min(endLineOf(t.comment), document.lineCount) - 1;
  if (first >= document.lineCount) throw new GroundworkError('The lines of this comment no longer exist. Review the code again.');
  const range = new vscode.Range(first, 0, last, document.lineAt(last).text.length);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(t.uri, range, suggestion.replace(/\r?\n/g, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'));
  if (!(await vscode.workspace.applyEdit(edit))) throw new GroundworkError('The suggestion could not be applied (the file may be read-only).');
  threads.remove(t);
  await recorder.record(t.record, t.original, 'accepted');
}

export async function dismissComment(threads: ReviewThreads, recorder: FeedbackRecorder, arg: unknown): Promise<void> {
  const t = threadOf(threads, arg);
  threads.remove(t);
  await recorder.record(t.record, t.original, 'dismissed');
}
