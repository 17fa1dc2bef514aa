/**
 * Feedback entries → training examples. Per review (reviewId), the last decision on each comment
 * wins. Supervised (SFT): the prompt as sent + the review JSON restricted to the accepted (and
 * edited) comments. Preference: the same prompt, preferred = accepted comments (with the user's
 * edits), non-preferred = what the model said about the same code (accepted + dismissed, as written).
 */
import type { ChatMessage } from '../model/types';
import type { ReviewComment } from '../review/schema';
import type { FeedbackAction, FeedbackEntry } from './types';

export interface SftExample {
  messages: ChatMessage[];
}

export interface PreferenceExample {
  input: { messages: ChatMessage[] };
  preferred_output: ChatMessage[];
  non_preferred_output: ChatMessage[];
}

/** An example and the reviewed file it came from (the split key). */
export interface Sourced<T> {
  path: string;
  example: T;
}

export interface ReviewGroup {
  reviewId: string;
  path: string;
  summary: string;
  messages: ChatMessage[];
  /** Comment decisions in first-seen order, the last decision on each comment kept. */
  decisions: Array<{ comment: ReviewComment; action: FeedbackAction; editedSuggestion?: string }>;
}

export function groupByReview(entries: readonly FeedbackEntry[]): ReviewGroup[] {
  const groups = new Map<string, ReviewGroup>();
  for (const e of entries) {
    let g = groups.get(e.reviewId);
    if (!g) {
      g = { reviewId: e.reviewId, path: e.path, summary: e.summary, messages: e.messages, decisions: [] };
      groups.set(e.reviewId, g);
    }
    const decision = { comment: e.comment, action: e.action, ...(e.editedSuggestion !== undefined ? { editedSuggestion: e.editedSuggestion } : {}) };
    const at = g.decisions.findIndex((d) => d.comment.id === e.commentId);
    if (at >= 0) g.decisions[at] = decision;
    else g.decisions.push(decision);
  }
  return [...groups.values()];
}

/** A comment in the wire format the review model is asked for (strict schema: every key present). */
export function wireComment(c: ReviewComment, suggestion: string | undefined = c.suggestion): Record<string, unknown> {
  return {
    line: c.line,
    endLine: c.endLine ?? null,
    severity: c.severity,
    category: c.category,
    message: c.message,
    suggestion: suggestion ?? null,
    standardId: c.standardId ?? null,
    sources: c.sources ?? [],
  };
}

export function reviewJson(summary: string, comments: Array<Record<string, unknown>>): string {
  return JSON.stringify({ summary, comments });
}

const isAccepted = (a: FeedbackAction) => a === 'accepted' || a === 'edited';

/** Input messages for training: the prompt as sent, without any trailing assistant turn. */
function promptMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  const out = messages.map((m) => ({ role: m.role, content: m.content }));
  while (out.length > 0 && out[out.length - 1]!.role === 'assistant') out.pop();
  return out;
}

/** SFT examples: one per review with at least one accepted comment. */
export function sftExamples(groups: readonly ReviewGroup[]): Array<Sourced<SftExample>> {
  const out: Array<Sourced<SftExample>> = [];
  for (const g of groups) {
    const accepted = g.decisions.filter((d) => isAccepted(d.action));
    if (accepted.length === 0) continue;
    const content = reviewJson(g.summary, accepted.map((d) => wireComment(d.comment, d.editedSuggestion ?? d.comment.suggestion)));
    out.push({ path: g.path, example: { messages: [...promptMessages(g.messages), { role: 'assistant', content }] } });
  }
  return out;
}

/**
 * Preference pairs: one per review where the team's choice differs from what the model said —
 * a dismissed comment, or an edited suggestion. A review whose comments were all dismissed
 * prefers an empty review.
 */
export function preferenceExamples(groups: readonly ReviewGroup[]): Array<Sourced<PreferenceExample>> {
  const out: Array<Sourced<PreferenceExample>> = [];
  for (const g of groups) {
    const differs = g.decisions.some((d) => d.action === 'dismissed' || d.action === 'edited');
    if (!differs) continue;
    const preferredComments = g.decisions
      .filter((d) => isAccepted(d.action))
      .map((d) => wireComment(d.comment, d.editedSuggestion ?? d.comment.suggestion));
    const preferredSummary = preferredComments.length > 0 ? g.summary : 'No issues found.';
    const preferred = reviewJson(preferredSummary, preferredComments);
    const rejected = reviewJson(g.summary, g.decisions.map((d) => wireComment(d.comment)));
    if (preferred === rejected) continue;
    out.push({
      path: g.path,
      example: {
        input: { messages: promptMessages(g.messages) },
        preferred_output: [{ role: 'assistant', content: preferred }],
        non_preferred_output: [{ role: 'assistant', content: rejected }],
      },
    });
  }
  return out;
}
