/**
 * The feedback log: append-only JSONL, one FeedbackEntry per line. Every string is passed through
 * redactSecrets again at write time, so a secret that reached a comment or a suggestion never lands
 * on disk. Reading skips (and reports) lines that are not valid entries.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { throwIfAborted } from '../errors';
import type { Logger } from '../log';
import type { ReviewResult } from '../review/review';
import type { ReviewComment } from '../review/schema';
import { redactSecrets } from '../safety';
import { feedbackEntrySchema, type FeedbackAction, type FeedbackEntry } from './types';

export const FEEDBACK_LOG_NAME = 'feedback.jsonl';

/** The part of a review the log keeps (what the UI holds on to while threads are shown). */
export interface ReviewRecord {
  reviewId: string;
  language: string;
  result: ReviewResult;
}

export function reviewRecord(result: ReviewResult, language: string): ReviewRecord {
  return { reviewId: randomUUID(), language, result };
}

export function feedbackEntry(
  record: ReviewRecord,
  comment: ReviewComment,
  action: FeedbackAction,
  options: { editedSuggestion?: string; now?: Date } = {},
): FeedbackEntry {
  const { result } = record;
  return {
    version: 1,
    reviewId: record.reviewId,
    commentId: comment.id,
    action,
    comment,
    ...(options.editedSuggestion !== undefined ? { editedSuggestion: options.editedSuggestion } : {}),
    path: result.path,
    language: record.language,
    range: result.range,
    summary: result.summary,
    messages: result.context.messages,
    model: result.model,
    timestamp: (options.now ?? new Date()).toISOString(),
  };
}

/** Replaces secrets in every string of a JSON-like value. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value).text as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}

export class FeedbackLog {
  constructor(readonly file: string, private readonly logger: Logger) {}

  /** Appends one entry (redacted) as one line. */
  async append(entry: FeedbackEntry, signal?: AbortSignal): Promise<void> {
    throwIfAborted(signal);
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, JSON.stringify(redactDeep(entry)) + '\n', { encoding: 'utf8', mode: 0o600 });
    this.logger.debug(`feedback: ${entry.action} comment ${entry.commentId} of review ${entry.reviewId} (${entry.path})`);
  }

  async exists(): Promise<boolean> {
    try {
      return (await stat(this.file)).isFile();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /** All valid entries in log order; invalid lines are counted and logged, not fatal. */
  async read(signal?: AbortSignal): Promise<{ entries: FeedbackEntry[]; invalidLines: number }> {
    if (!(await this.exists())) return { entries: [], invalidLines: 0 };
    const entries: FeedbackEntry[] = [];
    let invalidLines = 0;
    let lineNo = 0;
    const lines = readline.createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNo++;
      throwIfAborted(signal);
      if (!line.trim()) continue;
      const parsed = parseLine(line);
      if (parsed) entries.push(parsed);
      else {
        invalidLines++;
        this.logger.warn(`feedback log ${this.file}: line ${lineNo} is not a valid entry; skipped`);
      }
    }
    return { entries, invalidLines };
  }
}

function parseLine(line: string): FeedbackEntry | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const result = feedbackEntrySchema.safeParse(json);
  return result.success ? (result.data as FeedbackEntry) : undefined;
}
