/**
 * Review comments on screen: one Comments API thread per comment (a ReviewThread wrapper carries
 * the comment id and the review it came from), the same comments as diagnostics, reconciled by id
 * when a file is reviewed again, and moved along when lines are inserted or deleted above them.
 */
import path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewRecord } from '../../core/feedback/log';
import type { ReviewComment, Severity } from '../../core/review/schema';
import { DisposableStore } from '../disposable';
import { renderCommentMarkdown } from './commentMarkdown';
import { endLineOf, reconcile, shiftComment, type Reconciliation } from './reconcile';

export const REVIEW_CONTROLLER_ID = 'groundwork.review';
export const DIAGNOSTIC_SOURCE = 'Groundwork';

/** The thread of one comment: the thread itself, the comment id, the review that produced it. */
export class ReviewThread {
  constructor(
    readonly uri: vscode.Uri,
    readonly thread: vscode.CommentThread,
    /** As the model wrote it (what the feedback log records). */
    public original: ReviewComment,
    public record: ReviewRecord,
    readonly root: string,
  ) {
    this.comment = original;
  }

  /** Where it is now (moved along with edits above it). */
  comment: ReviewComment;

  get commentId(): string {
    return this.comment.id;
  }
}

/** `canApply` when there is a suggestion; always `canDismiss` (package.json menus match on these). */
export function threadContextValue(comment: ReviewComment): string {
  return comment.suggestion !== undefined ? 'canApply canDismiss' : 'canDismiss';
}

export function diagnosticSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'info': return vscode.DiagnosticSeverity.Information;
  }
}

export function lineRange(comment: Pick<ReviewComment, 'line' | 'endLine'>): vscode.Range {
  return new vscode.Range(comment.line - 1, 0, endLineOf(comment) - 1, Number.MAX_SAFE_INTEGER);
}

export class ReviewThreads extends DisposableStore {
  private readonly controller = this.register(vscode.comments.createCommentController(REVIEW_CONTROLLER_ID, 'Groundwork Review'));
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('groundwork'));
  /** uri → comment id → thread. */
  private readonly byUri = new Map<string, Map<string, ReviewThread>>();
  private readonly byThread = new Map<vscode.CommentThread, ReviewThread>();

  constructor() {
    super();
    this.controller.options = {
      placeHolder: 'Your own version of the suggested code…',
      prompt: 'Prefer another fix? Type it here and choose Apply My Version',
    };
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)));
  }

  /** Shows a review's comments on `uri`, reconciled with what is already shown there. */
  show(uri: vscode.Uri, root: string, record: ReviewRecord): Reconciliation {
    const threads = this.threadsOf(uri);
    const shown = new Map([...threads].map(([id, t]) => [id, t.comment] as const));
    const result = reconcile(shown, record.result.comments, record.result.range);
    for (const id of result.removed) this.disposeThread(uri, id);
    for (const c of result.added) {
      const thread = this.controller.createCommentThread(uri, lineRange(c), []);
      const rt = new ReviewThread(uri, thread, c, record, root);
      threads.set(c.id, rt);
      this.byThread.set(thread, rt);
      this.render(rt);
    }
    for (const c of [...result.changed, ...result.unchanged]) {
      const rt = threads.get(c.id)!;
      rt.comment = c;
      rt.original = c;
      rt.record = record;
      this.render(rt);
    }
    this.publishDiagnostics(uri);
    return result;
  }

  /** The thread for a menu argument (a CommentThread) or a code action argument ({ uri, commentId }). */
  find(arg: unknown): ReviewThread | undefined {
    if (arg && typeof arg === 'object') {
      const direct = this.byThread.get(arg as vscode.CommentThread);
      if (direct) return direct;
      const { uri, commentId } = arg as { uri?: unknown; commentId?: unknown };
      if (typeof uri === 'string' && typeof commentId === 'string') return this.byUri.get(uri)?.get(commentId);
    }
    return undefined;
  }

  /** Threads whose lines intersect `range` (for code actions). */
  at(uri: vscode.Uri, range: vscode.Range): ReviewThread[] {
    return [...(this.byUri.get(uri.toString())?.values() ?? [])].filter((t) => lineRange(t.comment).intersection(range) !== undefined);
  }

  remove(thread: ReviewThread): void {
    this.disposeThread(thread.uri, thread.commentId);
    this.publishDiagnostics(thread.uri);
  }

  /** Removes every thread and diagnostic (of one file, or all). */
  clear(uri?: vscode.Uri): number {
    const uris = uri ? [uri.toString()] : [...this.byUri.keys()];
    let n = 0;
    for (const key of uris) {
      const threads = this.byUri.get(key);
      if (!threads) continue;
      n += threads.size;
      for (const id of [...threads.keys()]) this.disposeThread(vscode.Uri.parse(key), id);
      this.diagnostics.delete(vscode.Uri.parse(key));
    }
    return n;
  }

  count(): number {
    return [...this.byUri.values()].reduce((s, m) => s + m.size, 0);
  }

  private threadsOf(uri: vscode.Uri): Map<string, ReviewThread> {
    let threads = this.byUri.get(uri.toString());
    if (!threads) {
      threads = new Map();
      this.byUri.set(uri.toString(), threads);
    }
    return threads;
  }

  private render(rt: ReviewThread): void {
    const { comment, record, thread, root } = rt;
    const link = (rel: string, line?: number) => {
      const target = vscode.Uri.file(path.join(root, rel));
      return (line ? target.with({ fragment: `L${line}` }) : target).toString();
    };
    const body = new vscode.MarkdownString(
      renderCommentMarkdown(comment, { sources: record.result.context.sources, language: record.language, model: record.result.model, link }),
      true,
    );
    body.isTrusted = false;
    body.supportHtml = false;
    const contextValue = threadContextValue(comment);
    thread.range = lineRange(comment);
    // A comment with a suggestion takes the user's own version in its reply box (Apply My Version).
    thread.canReply = comment.suggestion !== undefined;
    thread.contextValue = contextValue;
    thread.label = `Groundwork: ${comment.severity} · ${comment.category}`;
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    thread.state = vscode.CommentThreadState.Unresolved;
    thread.comments = [{ body, mode: vscode.CommentMode.Preview, author: { name: 'Groundwork' }, contextValue, label: comment.standardId ?? comment.category }];
  }

  private publishDiagnostics(uri: vscode.Uri): void {
    const threads = [...(this.byUri.get(uri.toString())?.values() ?? [])];
    this.diagnostics.set(uri, threads.map((t) => toDiagnostic(t)));
  }

  private disposeThread(uri: vscode.Uri, id: string): void {
    const threads = this.byUri.get(uri.toString());
    const rt = threads?.get(id);
    if (!threads || !rt) return;
    threads.delete(id);
    this.byThread.delete(rt.thread);
    rt.thread.dispose();
    if (threads.size === 0) this.byUri.delete(uri.toString());
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    const threads = this.byUri.get(event.document.uri.toString());
    if (!threads || event.contentChanges.length === 0) return;
    let moved = false;
    // Changes are reported against the document before the event; apply bottom-up.
    const changes = [...event.contentChanges].sort((a, b) => b.range.start.line - a.range.start.line);
    for (const change of changes) {
      const edit = { startLine: change.range.start.line + 1, endLine: change.range.end.line + 1, newLineCount: change.text.split('\n').length };
      for (const rt of threads.values()) {
        const shifted = shiftComment(rt.comment, edit);
        if (!shifted) continue;
        rt.comment = shifted;
        rt.thread.range = lineRange(shifted);
        moved = true;
      }
    }
    if (moved) this.publishDiagnostics(event.document.uri);
  }

  override dispose(): void {
    this.byUri.clear();
    this.byThread.clear();
    super.dispose();
  }
}

function toDiagnostic(t: ReviewThread): vscode.Diagnostic {
  const { comment, record, root } = t;
  const d = new vscode.Diagnostic(lineRange(comment), comment.message, diagnosticSeverity(comment.severity));
  d.source = DIAGNOSTIC_SOURCE;
  const standard = comment.standardId
    ? record.result.context.sources.find((s) => s.kind === 'standard' && s.label === comment.standardId)
    : undefined;
  d.code = standard?.source
    ? { value: comment.standardId!, target: vscode.Uri.file(path.join(root, standard.source)) }
    : (comment.standardId ?? comment.category);
  return d;
}
