/**
 * Reconciling a repeated review with the comments already shown, by comment id: added, changed,
 * unchanged, removed. Comments outside the newly reviewed lines are left alone. Pure.
 */
import type { ReviewComment } from '../../core/review/schema';

export interface Reconciliation {
  added: ReviewComment[];
  changed: ReviewComment[];
  unchanged: ReviewComment[];
  /** Ids of shown comments inside the reviewed range that the new review no longer has. */
  removed: string[];
}

export function endLineOf(c: Pick<ReviewComment, 'line' | 'endLine'>): number {
  return c.endLine ?? c.line;
}

export function overlaps(c: Pick<ReviewComment, 'line' | 'endLine'>, range: { startLine: number; endLine: number }): boolean {
  return c.line <= range.endLine && endLineOf(c) >= range.startLine;
}

export function sameComment(a: ReviewComment, b: ReviewComment): boolean {
  return (
    a.line === b.line && endLineOf(a) === endLineOf(b) && a.severity === b.severity && a.category === b.category &&
    a.message === b.message && a.suggestion === b.suggestion && a.standardId === b.standardId &&
    (a.sources ?? []).join('\n') === (b.sources ?? []).join('\n')
  );
}

export function reconcile(
  shown: ReadonlyMap<string, ReviewComment>,
  incoming: readonly ReviewComment[],
  range: { startLine: number; endLine: number },
): Reconciliation {
  const out: Reconciliation = { added: [], changed: [], unchanged: [], removed: [] };
  const incomingIds = new Set<string>();
  for (const c of incoming) {
    incomingIds.add(c.id);
    const old = shown.get(c.id);
    if (!old) out.added.push(c);
    else if (sameComment(old, c)) out.unchanged.push(c);
    else out.changed.push(c);
  }
  for (const [id, c] of shown) {
    if (!incomingIds.has(id) && overlaps(c, range)) out.removed.push(id);
  }
  return out;
}

/**
 * Moves a comment after an edit that replaced lines `startLine..endLine` (1-based, before the
 * edit) with text spanning `newLineCount` lines. Comments below the edit move with it; comments the
 * edit touches stay where they are (returns undefined: unchanged).
 */
export function shiftComment<T extends Pick<ReviewComment, 'line' | 'endLine'>>(
  comment: T,
  edit: { startLine: number; endLine: number; newLineCount: number },
): T | undefined {
  const delta = edit.newLineCount - (edit.endLine - edit.startLine + 1);
  if (delta === 0 || comment.line <= edit.endLine) return undefined;
  return { ...comment, line: comment.line + delta, ...(comment.endLine !== undefined ? { endLine: comment.endLine + delta } : {}) };
}
