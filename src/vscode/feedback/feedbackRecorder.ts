/** Apply/Dismiss → the feedback log in global storage. Recording never blocks or breaks the action. */
import path from 'node:path';
import type * as vscode from 'vscode';
import { feedbackEntry, FeedbackLog, FEEDBACK_LOG_NAME, type ReviewRecord } from '../../core/feedback/log';
import type { FeedbackAction } from '../../core/feedback/types';
import type { Logger } from '../../core/log';
import type { ReviewComment } from '../../core/review/schema';

export function feedbackLogFile(context: vscode.ExtensionContext): string {
  return path.join(context.globalStorageUri.fsPath, 'feedback', FEEDBACK_LOG_NAME);
}

export class FeedbackRecorder {
  readonly log: FeedbackLog;

  constructor(file: string, private readonly logger: Logger) {
    this.log = new FeedbackLog(file, logger);
  }

  async record(record: ReviewRecord, comment: ReviewComment, action: FeedbackAction, editedSuggestion?: string): Promise<void> {
    try {
      await this.log.append(feedbackEntry(record, comment, action, editedSuggestion !== undefined ? { editedSuggestion } : {}));
    } catch (err) {
      this.logger.error(`Could not record "${action}" in the feedback log ${this.log.file}`, err);
    }
  }
}
