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

/** Replaces the comment's lines with `text` (an undoable workspace edit) and removes its thread. */
async function replaceLines(threads: ReviewThreads, t: ReviewThread, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(t.uri);
  const first = t.comment.line - 1;
  const last = Math.min(endLineOf(t.comment), document.lineCount) - 1;
  if (first >= document.lineCount) throw new GroundworkError('The lines of this comment no longer exist. Review the code again.');
  const range = new vscode.Range(first, 0, last, document.lineAt(last).text.length);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(t.uri, range, text.replace(/\r?\n/g, document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'));
  if (!(await vscode.workspace.applyEdit(edit))) throw new GroundworkError('The suggestion could not be applied (the file may be read-only).');
  threads.remove(t);
}

export async function applySuggestion(threads: ReviewThreads, recorder: FeedbackRecorder, arg: unknown): Promise<void> {
  const t = threadOf(threads, arg);
  const suggestion = t.comment.suggestion;
  if (suggestion === undefined) throw new GroundworkError('This comment has no suggestion to apply.');
  await replaceLines(threads, t, suggestion);
  await recorder.record(t.record, t.original, 'accepted');
}

/**
 * Apply My Version: the user typed their own version of the suggestion in the thread's reply box.
 * It is applied like a suggestion and recorded as `edited`, with the user's text: the preferred
 * side of a preference pair.
 */
export async function applyEditedSuggestion(threads: ReviewThreads, recorder: FeedbackRecorder, arg: unknown): Promise<void> {
  const reply = arg as { thread?: unknown; text?: unknown } | undefined;
  const t = threadOf(threads, reply?.thread);
  const text = typeof reply?.text === 'string' ? reply.text.replace(/^```[\w-]*\n([\s\S]*?)\n?```\s*$/, '$1') : '';
  if (!text.trim()) throw new GroundworkError('Type your version of the code in the reply box first, then choose Apply My Version.');
  await replaceLines(threads, t, text);
  await recorder.record(t.record, t.original, 'edited', text);
}

export async function dismissComment(threads: ReviewThreads, recorder: FeedbackRecorder, arg: unknown): Promise<void> {
  const t = threadOf(threads, arg);
  threads.remove(t);
  await recorder.record(t.record, t.original, 'dismissed');
}
