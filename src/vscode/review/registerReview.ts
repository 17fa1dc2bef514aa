/**
 * Review Selection as a feature: threads + diagnostics, quick fixes, the review commands, and the
 * feedback commands that share its log. The composition root calls `registerReview(services)` once.
 */
import * as vscode from 'vscode';
import { registerCommands, type CommandHandler } from '../commandRunner';
import { exportFineTuningDataCommand } from '../feedback/exportCommand';
import { FeedbackRecorder, feedbackLogFile } from '../feedback/feedbackRecorder';
import type { Services } from '../services';
import { ReviewCodeActions } from './reviewCodeActions';
import { ReviewThreads } from './reviewThreads';
import { runReview } from './runReview';
import { applyEditedSuggestion, applySuggestion, dismissComment } from './suggestionActions';

export function reviewCommands(services: Services, threads: ReviewThreads, recorder: FeedbackRecorder): Record<string, CommandHandler> {
  return {
    'groundwork.reviewSelection': (uri?: unknown) => runReview(services, threads, false, uri),
    'groundwork.reviewFile': (uri?: unknown) => runReview(services, threads, true, uri),
    'groundwork.clearReviewComments': () => {
      const n = threads.clear();
      void vscode.window.setStatusBarMessage(`Groundwork: cleared ${n} review comment${n === 1 ? '' : 's'}`, 3000);
    },
    'groundwork.applySuggestion': (arg?: unknown) => applySuggestion(threads, recorder, arg),
    'groundwork.applyEditedSuggestion': (reply?: unknown) => applyEditedSuggestion(threads, recorder, reply),
    'groundwork.dismissComment': (arg?: unknown) => dismissComment(threads, recorder, arg),
    'groundwork.exportFineTuningData': (out?: unknown) => exportFineTuningDataCommand(recorder, services.logger, out),
  };
}

export function registerReview(services: Services): vscode.Disposable[] {
  const threads = new ReviewThreads();
  const recorder = new FeedbackRecorder(feedbackLogFile(services.context), services.logger);
  return [
    threads,
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new ReviewCodeActions(threads), {
      providedCodeActionKinds: ReviewCodeActions.kinds,
    }),
    ...registerCommands(reviewCommands(services, threads, recorder), services.logger, () => services.showLogs()),
  ];
}
