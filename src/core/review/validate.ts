/**
 * Post-validation of parsed comments against what was actually reviewed: the line range, the
 * standards and sources that were in the prompt. Model output is data: nothing here trusts it.
 */
import { createHash } from 'node:crypto';
import type { PromptSource } from '../prompt/builder';
import { stripInvisible } from '../safety';
import type { RawComment, ReviewComment, Severity } from './schema';

export interface ValidationContext {
  path: string;
  startLine: number;
  endLine: number;
  sources: readonly PromptSource[];
}

export interface ValidationStats {
  droppedOutOfRange: number;
  clamped: number;
  unknownStandards: number;
  unknownSources: number;
  merged: number;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function commentId(path: string, line: number, message: string): string {
  return createHash('sha256').update(`${path}\n${line}\n${normalizeMessage(message)}`).digest('hex').slice(0, 16);
}

export function validateComments(
  raw: readonly RawComment[],
  ctx: ValidationContext,
): { comments: ReviewComment[]; stats: ValidationStats } {
  const stats: ValidationStats = { droppedOutOfRange: 0, clamped: 0, unknownStandards: 0, unknownSources: 0, merged: 0 };
  const standardIds = new Map(
    ctx.sources.filter((s) => s.kind === 'standard').map((s) => [s.label.toLowerCase(), s.label] as const),
  );
  const byNumber = new Map(ctx.sources.map((s) => [s.n, s.label] as const));
  const labels = new Set(ctx.sources.filter((s) => s.kind === 'code').map((s) => s.label));
  const merged = new Map<string, ReviewComment>();

  for (const c of raw) {
    let line = c.line;
    let endLine = Math.max(c.endLine ?? c.line, c.line);
    if (endLine < ctx.startLine || line > ctx.endLine) {
      stats.droppedOutOfRange++;
      continue;
    }
    let suggestion = c.suggestion !== undefined ? cleanSuggestion(c.suggestion) : undefined;
    if (line < ctx.startLine || endLine > ctx.endLine) {
      // The suggestion replaced lines partly outside the range: it no longer fits, drop it.
      line = Math.max(line, ctx.startLine);
      endLine = Math.min(endLine, ctx.endLine);
      suggestion = undefined;
      stats.clamped++;
    }
    let standardId: string | undefined;
    if (c.standardId !== undefined) {
      standardId = standardIds.get(c.standardId.trim().replace(/^\[|\]$/g, '').toLowerCase());
      if (!standardId) stats.unknownStandards++;
    }
    const sources: string[] = [];
    for (const s of c.sources ?? []) {
      const ref = /^\[?(\d+)\]?$/.exec(s.trim());
      const label = ref ? byNumber.get(Number(ref[1])) : labels.has(s.trim()) ? s.trim() : standardIds.get(s.trim().toLowerCase());
      if (label && !sources.includes(label)) sources.push(label);
      else if (!label) stats.unknownSources++;
    }
    const message = stripInvisible(c.message).text.trim();
    const comment: ReviewComment = {
      id: commentId(ctx.path, line, message),
      line,
      ...(endLine !== line ? { endLine } : {}),
      severity: c.severity,
      category: c.category,
      message,
      ...(suggestion !== undefined ? { suggestion } : {}),
      ...(standardId !== undefined ? { standardId } : {}),
      ...(sources.length > 0 ? { sources } : {}),
    };
    const key = `${line}:${comment.endLine ?? line}:${normalizeMessage(message)}`;
    const existing = merged.get(key);
    if (existing) {
      stats.merged++;
      merged.set(key, mergeComments(existing, comment));
    } else merged.set(key, comment);
  }
  const comments = [...merged.values()].sort((a, b) => a.line - b.line || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return { comments, stats };
}

function mergeComments(a: ReviewComment, b: ReviewComment): ReviewComment {
  const sources = [...new Set([...(a.sources ?? []), ...(b.sources ?? [])])];
  const suggestion = a.suggestion ?? b.suggestion;
  const standardId = a.standardId ?? b.standardId;
  return {
    ...a,
    severity: SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b.severity : a.severity,
    ...(suggestion !== undefined ? { suggestion } : {}),
    ...(standardId !== undefined ? { standardId } : {}),
    ...(sources.length > 0 ? { sources } : {}),
  };
}

function normalizeMessage(message: string): string {
  return message.toLowerCase().replace(/\s+/g, ' ').replace(/[.!]+$/, '').trim();
}

/** Removes what models add around a replacement: code fences, copied line-number gutters, invisible characters. */
export function cleanSuggestion(text: string): string | undefined {
  let s = stripInvisible(text).text;
  const fenced = /^\s*```[\w+-]*\n([\s\S]*?)\n?```\s*$/.exec(s);
  if (fenced) s = fenced[1]!;
  const lines = s.split('\n');
  if (lines.length > 0 && lines.every((l) => /^\s*\d+ \| ?/.test(l) || l.trim() === '')) {
    s = lines.map((l) => l.replace(/^\s*\d+ \| ?/, '')).join('\n');
  }
  s = s.replace(/\n+$/, '');
  return s.trim() === '' ? undefined : s;
}
