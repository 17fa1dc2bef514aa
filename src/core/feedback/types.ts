/** The feedback log's record: one user decision about one review comment, with what produced it. */
import { z } from 'zod';
import { CATEGORIES, SEVERITIES, type ReviewComment } from '../review/schema';
import type { ChatMessage } from '../model/types';

export const FEEDBACK_ACTIONS = ['accepted', 'dismissed', 'edited'] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

export interface FeedbackEntry {
  version: 1;
  /** One review run; comments of the same run share it (preference pairs are built per review). */
  reviewId: string;
  commentId: string;
  action: FeedbackAction;
  comment: ReviewComment;
  /** What the user applied instead of the model's suggestion (action `edited`). */
  editedSuggestion?: string;
  /** Workspace-relative path of the reviewed file (the train/validation split is by this path). */
  path: string;
  language: string;
  range: { startLine: number; endLine: number };
  /** The review's summary as the model wrote it. */
  summary: string;
  /** The review's prompt messages exactly as sent (already sanitized by the prompt builder). */
  messages: ChatMessage[];
  model: string;
  /** ISO 8601. */
  timestamp: string;
}

const commentSchema = z.object({
  id: z.string(),
  line: z.number().int().positive(),
  endLine: z.number().int().positive().optional(),
  severity: z.enum(SEVERITIES),
  category: z.enum(CATEGORIES),
  message: z.string(),
  suggestion: z.string().optional(),
  standardId: z.string().optional(),
  sources: z.array(z.string()).optional(),
});

/** What a log line must hold to be used; lines that do not match are skipped (and counted). */
export const feedbackEntrySchema = z.object({
  version: z.literal(1),
  reviewId: z.string().min(1),
  commentId: z.string().min(1),
  action: z.enum(FEEDBACK_ACTIONS),
  comment: commentSchema,
  editedSuggestion: z.string().optional(),
  path: z.string().min(1),
  language: z.string(),
  range: z.object({ startLine: z.number().int(), endLine: z.number().int() }),
  summary: z.string(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  model: z.string(),
  timestamp: z.string(),
});
