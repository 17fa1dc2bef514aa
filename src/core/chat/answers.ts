/**
 * The pieces of an answer that do not come from a model: slash-command parsing, source links, the
 * "codebase does not show it" text, the no-model answer and the markdown of a review.
 */
import type { PromptSource } from '../prompt/builder';
import type { ReviewResult } from '../review/review';
import type { RetrievalResult } from '../retrieve/types';
import { SLASH_COMMANDS, type SlashCommand, type SourceLink } from './protocol';

export type ParsedQuestion =
  | { ok: true; command: SlashCommand | undefined; text: string }
  | { ok: false; error: string };

export function parseQuestion(input: string): ParsedQuestion {
  const trimmed = input.trim();
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { ok: true, command: undefined, text: trimmed };
  const name = match[1]!.toLowerCase();
  if (!(SLASH_COMMANDS as readonly string[]).includes(name)) {
    return { ok: false, error: `Unknown command /${name.slice(0, 30)}. Try ${SLASH_COMMANDS.map((c) => `/${c}`).join(', ')}.` };
  }
  return { ok: true, command: name as SlashCommand, text: match[2]!.trim() };
}

export function sourcesFromPrompt(sources: readonly PromptSource[]): SourceLink[] {
  return sources.map((s) => ({
    n: s.n,
    label: s.label,
    kind: s.kind,
    ...(s.kind === 'code' ? { path: s.path, startLine: s.startLine, endLine: s.endLine, ...(s.title ? { title: s.title } : {}) } : { path: s.source, title: s.title }),
  }));
}

/** The retrieved code, best first, then the standards: what /search and the no-model answer list. */
export function sourcesFromRetrieval(result: RetrievalResult): SourceLink[] {
  const code = [...result.chunks].sort((a, b) => b.score - a.score);
  const links: SourceLink[] = code.map((c, i) => ({
    n: i + 1,
    label: `${c.path}:${c.startLine}-${c.endLine}`,
    kind: 'code',
    path: c.path,
    startLine: c.startLine,
    endLine: c.endLine,
    ...(c.symbol ? { title: c.symbol } : {}),
  }));
  for (const s of result.standards) {
    links.push({ n: links.length + 1, label: s.id, kind: 'standard', path: s.source, title: s.title });
  }
  return links;
}

export const THIN_ANSWER =
  'The codebase does not show it: nothing in the index is relevant enough to this question. ' +
  'Try other words, name a file or symbol, or attach a selection.';

export function searchAnswer(sources: readonly SourceLink[], thin: boolean): string {
  if (sources.length === 0 || thin) return THIN_ANSWER;
  return `Found ${sources.length} source${sources.length === 1 ? '' : 's'}; the best match is [1].`;
}

export function noModelAnswer(sources: readonly SourceLink[], thin: boolean, reason: string): string {
  const head = `No chat model is available (${reason}), so here is what retrieval found instead of an answer.`;
  if (sources.length === 0 || thin) return `${head}\n\n${THIN_ANSWER}`;
  return `${head}\n\nThe most relevant sources are listed below, best first; [1] is the closest match.`;
}

export function reviewAnswer(result: ReviewResult): string {
  const where = `\`${result.path}\` lines ${result.range.startLine}-${result.range.endLine}`;
  const parts = [`**Review of ${where}** (model ${result.model})`, '', result.summary || 'No summary.'];
  if (result.comments.length === 0) parts.push('', 'No comments: nothing to change in the reviewed lines.');
  for (const c of result.comments) {
    const lines = c.endLine && c.endLine !== c.line ? `lines ${c.line}-${c.endLine}` : `line ${c.line}`;
    const standard = c.standardId ? ` (standard \`${c.standardId}\`)` : '';
    parts.push('', `- **${c.severity}** · ${c.category} · ${lines}: ${c.message}${standard}`);
    if (c.suggestion) parts.push('', 'Suggested replacement:', '', fence(c.suggestion, ''));
  }
  return parts.join('\n');
}

function fence(code: string, indent: string): string {
  let ticks = '```';
  while (code.includes(ticks)) ticks += '`';
  return [ticks, ...code.split('\n'), ticks].map((l) => `${indent}${l}`).join('\n');
}
