/** Quick fixes for review comments: apply the suggestion, or dismiss the comment. */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, lineRange, type ReviewThreads } from './reviewThreads';

export class ReviewCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly threads: ReviewThreads) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const t of this.threads.at(document.uri, range)) {
      const args = { uri: document.uri.toString(), commentId: t.commentId };
      const span = lineRange(t.comment);
      const diagnostics = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.range.start.line === span.start.line && d.message === t.comment.message);
      const short = t.comment.message.length > 60 ? `${t.comment.message.slice(0, 57)}…` : t.comment.message;
      if (t.comment.suggestion !== undefined) {
        const apply = new vscode.CodeAction(`Groundwork: apply suggestion (${short})`, vscode.CodeActionKind.QuickFix);
        apply.command = { command: 'groundwork.applySuggestion', title: 'Apply Suggestion', arguments: [args] };
        apply.diagnostics = diagnostics;
        apply.isPreferred = true;
        actions.push(apply);
      }
      const dismiss = new vscode.CodeAction(`Groundwork: dismiss (${short})`, vscode.CodeActionKind.QuickFix);
      dismiss.command = { command: 'groundwork.dismissComment', title: 'Dismiss', arguments: [args] };
      dismiss.diagnostics = diagnostics;
      actions.push(dismiss);
    }
    return actions;
  }
}
